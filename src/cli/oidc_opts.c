/*
 * cli/oidc_opts.c: parsing the OpenID Connect options of cli/oidc_opts.h
 * and turning them into app->oidc and app->password_off.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sodium.h>

#include "cli/oidc_opts.h"
#include "formats/fmt.h"

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
		o->password_off |= BUD_ROLE_STAFF | BUD_ROLE_EVALUATOR;
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
	if (strcmp(opt, "--oidc-keys") == 0) {
		o->keys_file = val;
		return 1;
	}
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

/* The key set of --oidc-keys: a file only its owner may read. */
static int read_keys(const char *path, char **keys, bud_err *err)
{
	struct stat st;
	size_t n;

	if (stat(path, &st) != 0)
		return bud_err_set(err, BUD_EINVAL, "oidc-keys", "err.oidc.keys",
				   "%s: %s", path, strerror(errno));
	if (st.st_mode & 077)
		return bud_err_set(err, BUD_EINVAL, "oidc-keys", "err.oidc.keys",
				   "%s: others may read it (chmod 600)", path);
	return bud_fmt_read_file(path, BUD_OIDC_DOC_MAX, keys, &n, err);
}

int bud_cli_oidc_finish(struct bud_cli_oidc *o, bud_app *app, bud_err *err)
{
	char *keys = NULL;
	int i, rc, any = 0;

	app->password_off = o->password_off;
	for (i = 0; i < BUD_OIDC_AUDIENCES; i++) {
		if (!o->cfg[i].issuer)
			continue;
		any = 1;
		/* no secret: private_key_jwt with the key set */
		o->cfg[i].secret = getenv(secret_env[i]);
		if (o->cfg[i].secret && !o->cfg[i].secret[0])
			o->cfg[i].secret = NULL;
	}
	if (!any)
		return BUD_OK;
	if (o->keys_file && (rc = read_keys(o->keys_file, &keys, err)) != BUD_OK)
		return rc;
	rc = bud_oidc_new(app->public_url, o->cfg, keys, &app->oidc, err);
	if (keys) {
		sodium_memzero(keys, strlen(keys));
		free(keys);
	}
	return rc;
}
