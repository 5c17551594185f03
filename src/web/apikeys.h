/*
 * web/apikeys.h: the provider's page of its care systems' API keys
 * (app/apikey.h): the list with name, scopes, when made and last used,
 * a form to make one (the key is shown once, on the answer to that
 * form) and a button to revoke each. For the provider's own admin.
 */
#ifndef BUD_WEB_APIKEYS_H
#define BUD_WEB_APIKEYS_H

#include "http/http.h"

int bud_web_apikeys(bud_req *req);		/* GET /providers/{id}/api-keys */
int bud_web_apikey_create(bud_req *req);	/* POST /providers/{id}/api-keys */
int bud_web_apikey_revoke(bud_req *req);	/* POST /api-keys/{id}/revoke */

#endif
