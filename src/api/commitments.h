/*
 * api/commitments.h: the JSON face of the client's choice of provider and
 * the commitments it makes (app/commitment.h has the rules). Routes in
 * src/cli/routes.c (block "api: commitments"), described in
 * src/api/openapi/commitments.json.
 */
#ifndef BUD_API_COMMITMENTS_H
#define BUD_API_COMMITMENTS_H

#include "http/http.h"

int bud_api_line_choices(bud_req *req);		/* GET /api/plan-lines/{id}/choices */
int bud_api_line_choose(bud_req *req);		/* POST /api/plan-lines/{id}/commitment */
int bud_api_commitment_get(bud_req *req);	/* GET /api/commitments/{id} */
int bud_api_commitment_accept(bud_req *req);	/* POST /api/commitments/{id}/accept */
int bud_api_commitment_decline(bud_req *req);	/* POST /api/commitments/{id}/decline */
int bud_api_commitment_switch(bud_req *req);	/* POST /api/commitments/{id}/switch */
int bud_api_provider_commitments(bud_req *req);	/* GET /api/providers/{id}/commitments */

#endif
