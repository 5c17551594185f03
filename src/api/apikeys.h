/*
 * api/apikeys.h: the JSON face of a provider's API keys (app/apikey.h)
 * and of its care system's routes (app/careapi.h). Routes in
 * src/cli/routes.c (block "api: apikeys"), described in
 * src/api/openapi/apikeys.json.
 */
#ifndef BUD_API_APIKEYS_H
#define BUD_API_APIKEYS_H

#include "http/http.h"

int bud_api_apikeys_list(bud_req *req);		/* GET /api/providers/{id}/api-keys */
int bud_api_apikey_create(bud_req *req);	/* POST /api/providers/{id}/api-keys */
int bud_api_apikey_get(bud_req *req);		/* GET /api/api-keys/{id} */
int bud_api_apikey_revoke(bud_req *req);	/* POST /api/api-keys/{id}/revoke */
int bud_api_care_commitments(bud_req *req);	/* GET /api/provider/commitments (a key) */
int bud_api_care_events(bud_req *req);		/* POST /api/provider/events (a key): JSON or CSV */

#endif
