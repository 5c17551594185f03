/*
 * web/oidc.h: the pages of signing in through OpenID Connect (web/oidc.c;
 * the rules are app/oidc.h). Routes in src/cli/routes.c.
 */
#ifndef BUD_WEB_OIDC_H
#define BUD_WEB_OIDC_H

#include "http/http.h"

int bud_web_oidc_start(bud_req *req);	 /* GET /login/oidc/{audience} */
int bud_web_oidc_callback(bud_req *req); /* GET /login/oidc/callback */
int bud_web_oidc_logout(bud_req *req);	 /* GET /logout/oidc: front-channel logout */
int bud_web_oidc_jwks(bud_req *req);	 /* GET /oidc/jwks.json: our public keys */

#endif
