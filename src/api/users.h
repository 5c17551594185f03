/*
 * api/users.h: the JSON face of accounts (app/users.h, app/totp.h,
 * app/account.h): the administrator's staff users, one-time links, the
 * user's own password, sessions and second factor. Routes in
 * src/cli/routes.c, described in src/api/openapi/users.json.
 */
#ifndef BUD_API_USERS_H
#define BUD_API_USERS_H

#include "http/http.h"

int bud_api_users(bud_req *req);		/* GET /api/users */
int bud_api_users_create(bud_req *req);		/* POST /api/users */
int bud_api_user(bud_req *req);			/* GET /api/users/{id} */
int bud_api_user_put(bud_req *req);		/* PUT /api/users/{id} */
int bud_api_user_disable(bud_req *req);		/* POST /api/users/{id}/disable */
int bud_api_user_enable(bud_req *req);		/* POST /api/users/{id}/enable */
int bud_api_user_link(bud_req *req);		/* POST /api/users/{id}/password-link */
int bud_api_password_link(bud_req *req);	/* POST /api/password-link */
int bud_api_me_password(bud_req *req);		/* POST /api/me/password */
int bud_api_me_sessions(bud_req *req);		/* GET /api/me/sessions */
int bud_api_me_session_end(bud_req *req);	/* DELETE /api/me/sessions/{id} */
int bud_api_me_sessions_end(bud_req *req);	/* POST /api/me/sessions/end-others */
int bud_api_me_totp(bud_req *req);		/* GET /api/me/totp */
int bud_api_me_totp_start(bud_req *req);	/* POST /api/me/totp */
int bud_api_me_totp_confirm(bud_req *req);	/* POST /api/me/totp/confirm */

#endif
