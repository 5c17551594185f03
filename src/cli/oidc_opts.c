/*
 * cli/oidc_opts.c: parsing the OpenID Connect options of cli/oidc_opts.h
 * and turning them into app->oidc and app->password_off.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/oidc_opts.h"

static const char *const secret_env[BUD_OIDC_AUDIENCES] = {
	"BUD_OIDC_CITIZEN_SECRET", "BUD_OIDC_STAFF_SECRET"};

/* "--oidc-AUD-" prefix of opt -> audience, with *rest the remainder. */
static int audience_of(const char *opt, const char **rest)
{
	static const char *const pre[BUD_OIDC_AUDIENCES] = {"--oidc-citizen-",
							    "--oidc-staff-"};
	int i;

	for (i = 0; i < BUD_OIDC_AUDIENCES; i++)
		if (strncmp(opt, pre[i], strlen(pre[i])) == 0) {
			*rest = opt + strlen(pre[i]);
			return i;
		}
	return -1;
}

static int password_off(struct bud_cli_oidc *o, const char *val)
{
	if (strcmp(val, "citizen") == 0)
		o->password_off |= BUD_ROLE_CLIENT | BUD_ROLE_REPRESENTATIVE |
				   BUD_ROLE_PROVIDER_USER;
	else if (strcmp(val, "staff") == 0)
		o->password_off |= BUD_ROLE_STAFF;
	else
		return -1;
	return 1;
}

int bud_cli_oidc_option(struct bud_cli_oidc *o, const char *opt, const char *val)
{
	const char *rest = NULL;
	int a;

	if (strcmp(opt, "--password-off") == 0)
		return password_off(o, val);
	if ((a = audience_of(opt, &rest)) < 0)
		return 0;
	if (strcmp(rest, "issuer") == 0)
		o->cfg[a].issuer = val;
	else if (strcmp(rest, "client") == 0)
		o->cfg[a].client_id = val;
	else if (strcmp(rest, "claim") == 0)
		o->cfg[a].claim = val;
	else if (strcmp(rest, "acr") == 0 && o->nacr[a] < BUD_OIDC_ACR_MAX)
		o->cfg[a].acr[o->nacr[a]++] = val;
	else
		return -1;
	return 1;
}

int bud_cli_oidc_finish(struct bud_cli_oidc *o, bud_app *app, bud_err *err)
{
	int i, any = 0;

	app->password_off = o->password_off;
	for (i = 0; i < BUD_OIDC_AUDIENCES; i++) {
		if (!o->cfg[i].issuer)
			continue;
		any = 1;
		o->cfg[i].secret = getenv(secret_env[i]);
		if (!o->cfg[i].secret || !o->cfg[i].secret[0])
			return bud_err_set(err, BUD_EINVAL, secret_env[i], "err.oidc.config",
					   "%s is not set in the environment", secret_env[i]);
	}
	if (!any)
		return BUD_OK;
	return bud_oidc_new(app->public_url, o->cfg, &app->oidc, err);
}
