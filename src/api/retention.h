/*
 * api/retention.h: retention and destruction through the API
 * (app/retention.h has the rules). Routes in src/cli/routes.c, described
 * in src/api/openapi/retention.json.
 */
#ifndef BUD_API_RETENTION_H
#define BUD_API_RETENTION_H

#include "http/http.h"

int bud_api_retention_get(bud_req *req);	/* GET /api/retention */
int bud_api_retention_put(bud_req *req);	/* PUT /api/retention */
int bud_api_retention_due(bud_req *req);	/* GET /api/retention/due */
int bud_api_dlists(bud_req *req);		/* GET /api/retention/lists */
int bud_api_dlist_create(bud_req *req);		/* POST /api/retention/lists */
int bud_api_dlist_get(bud_req *req);		/* GET /api/retention/lists/{id} */
int bud_api_dlist_approve(bud_req *req);	/* POST .../lists/{id}/approve */
int bud_api_dlist_destroy(bud_req *req);	/* POST .../lists/{id}/destroy */

#endif
