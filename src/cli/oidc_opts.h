/*
 * cli/oidc_opts.h: the command-line options of sign-in through OpenID
 * Connect (cli/oidc_opts.c), shared by `serve`:
 *   --oidc-citizen-issuer URL       e-identification for clients,
 *   --oidc-citizen-client ID        representatives and providers' users
 *   --oidc-citizen-claim NAME       (default nationalIdentificationNumber)
 *   --oidc-citizen-acr VALUE        an accepted assurance level, repeatable;
 *                                   the first is requested
 *   --oidc-staff-issuer URL, --oidc-staff-client ID, --oidc-staff-claim NAME
 *                                   (default preferred_username),
 *   --oidc-staff-acr VALUE          the organiser's own provider for staff
 *   --password-off citizen|staff    no password sign-in for that audience
 *   --oidc-keys FILE                the service's own key set (`budjetti
 *                                   oidc keygen`; a file only its owner
 *                                   reads): private_key_jwt and encrypted
 *                                   ID tokens, as Suomi.fi requires
 * A client secret, where a provider uses one, comes from the environment,
 * never the command line (which other users of the machine can read):
 * BUD_OIDC_CITIZEN_SECRET and BUD_OIDC_STAFF_SECRET. An audience without
 * one authenticates with the key set.
 */
#ifndef BUD_CLI_OIDC_OPTS_H
#define BUD_CLI_OIDC_OPTS_H

#include "app/oidc.h"

struct bud_cli_oidc {
	struct bud_oidc_config cfg[BUD_OIDC_AUDIENCES];
	int nacr[BUD_OIDC_AUDIENCES];
	int password_off;	/* enum bud_role bits */
	const char *keys_file;	/* --oidc-keys */
};

/* 1 when opt is one of ours (val taken), 0 when not, -1 when val is bad. */
int bud_cli_oidc_option(struct bud_cli_oidc *o, const char *opt, const char *val);

/* Check the options and hang the relying party (if any) and the password
 * setting on app; the sign-in comes back to app->public_url (serve's
 * --public-url, set before). BUD_EINVAL naming what is missing or wrong. */
int bud_cli_oidc_finish(struct bud_cli_oidc *o, bud_app *app, bud_err *err);

#endif
