/*
 * api/auth.h: the JSON face of signing in and out. The same app/account.c
 * use cases as the sign-in page, so the same checks and throttling apply.
 */
#ifndef BUD_API_AUTH_H
#define BUD_API_AUTH_H

#include "http/http.h"

int bud_api_session_create(bud_req *req);	/* POST /api/session */
int bud_api_session_delete(bud_req *req);	/* DELETE /api/session */
int bud_api_sessions_delete(bud_req *req);	/* DELETE /api/sessions: all of the user's */
int bud_api_me(bud_req *req);			/* GET /api/me */

#endif
