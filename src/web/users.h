/*
 * web/users.h: the pages of accounts (web/users.c): the administrator's
 * staff users, the user's own account (password, sessions, second
 * factor), the second step of signing in and the one-time link's page.
 */
#ifndef BUD_WEB_USERS_H
#define BUD_WEB_USERS_H

#include "http/http.h"

int bud_web_users(bud_req *req);		/* GET /users */
int bud_web_users_create(bud_req *req);		/* POST /users */
int bud_web_user(bud_req *req);			/* GET /users/{id} */
int bud_web_user_save(bud_req *req);		/* POST /users/{id} */
int bud_web_user_disable(bud_req *req);		/* POST /users/{id}/disable */
int bud_web_user_enable(bud_req *req);		/* POST /users/{id}/enable */
int bud_web_user_link(bud_req *req);		/* POST /users/{id}/password-link */

int bud_web_me(bud_req *req);			/* GET /account */
int bud_web_me_password(bud_req *req);		/* POST /account/password */
int bud_web_me_session_end(bud_req *req);	/* POST /account/sessions/{id}/end */
int bud_web_me_sessions_end(bud_req *req);	/* POST /account/sessions/end-others */
int bud_web_me_totp_start(bud_req *req);	/* POST /account/totp */
int bud_web_me_totp_confirm(bud_req *req);	/* POST /account/totp/confirm */
int bud_web_me_totp_disable(bud_req *req);	/* POST /account/totp/disable */

int bud_web_login_code_form(bud_req *req);	/* GET /login/code */
int bud_web_login_code(bud_req *req);		/* POST /login/code */
int bud_web_password_form(bud_req *req);	/* GET /password/{token} */
int bud_web_password(bud_req *req);		/* POST /password/{token} */

#endif
