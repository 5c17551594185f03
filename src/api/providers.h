/*
 * api/providers.h: the JSON face of the provider register, approvals and
 * the public list of approved providers (app/provider.h has the rules).
 * Routes in src/cli/routes.c, described in src/api/openapi/providers.json.
 */
#ifndef BUD_API_PROVIDERS_H
#define BUD_API_PROVIDERS_H

#include "http/http.h"

/* GET /api/public/providers?service=&municipality=[&date=] (no sign-in) */
int bud_api_public_providers(bud_req *req);
int bud_api_providers(bud_req *req);		/* GET /api/providers */
int bud_api_provider_create(bud_req *req);	/* POST /api/providers */
int bud_api_provider_get(bud_req *req);		/* GET /api/providers/{id} */
int bud_api_provider_update(bud_req *req);	/* PATCH /api/providers/{id} */
int bud_api_provider_apply(bud_req *req);	/* POST /api/providers/{id}/approvals */
int bud_api_approval_decide(bud_req *req);	/* POST /api/approvals/{id}/decision */
int bud_api_application_create(bud_req *req);	/* POST /api/applications (no sign-in) */

#endif
