/*
 * api/plans.h: the JSON face of service plans, decisions, reviews and the
 * budget ledger (app/plan.h has the rules). Routes in src/cli/routes.c
 * (block "api: plans"), described in src/api/openapi/plans.json.
 */
#ifndef BUD_API_PLANS_H
#define BUD_API_PLANS_H

#include "http/http.h"

int bud_api_client_plans(bud_req *req);		/* GET /api/clients/{id}/plans */
int bud_api_client_plan_create(bud_req *req);	/* POST /api/clients/{id}/plans */
int bud_api_plan_get(bud_req *req);		/* GET /api/plans/{id} */
int bud_api_plan_update(bud_req *req);		/* PATCH /api/plans/{id} */
int bud_api_plan_line_add(bud_req *req);	/* POST /api/plans/{id}/lines */
int bud_api_plan_line_remove(bud_req *req);	/* DELETE /api/plans/{id}/lines/{line} */
int bud_api_plan_propose(bud_req *req);		/* POST /api/plans/{id}/propose */
int bud_api_plan_discard(bud_req *req);		/* POST /api/plans/{id}/discard */
int bud_api_plan_return(bud_req *req);		/* POST /api/plans/{id}/return */
int bud_api_plan_approve(bud_req *req);		/* POST /api/plans/{id}/approve */
int bud_api_plan_end(bud_req *req);		/* POST /api/plans/{id}/end */
int bud_api_plan_decision(bud_req *req);	/* GET /api/plans/{id}/decision */
int bud_api_plans(bud_req *req);		/* GET /api/plans?state=proposed */
int bud_api_reviews(bud_req *req);		/* GET /api/reviews */
int bud_api_client_ledger(bud_req *req);	/* GET /api/clients/{id}/ledger */

#endif
