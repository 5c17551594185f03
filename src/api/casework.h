/*
 * api/casework.h: the JSON face of service need assessments, the offer of
 * a personal budget with the client's answers, and support plans. The
 * handlers decode JSON into the structs of app/casework.h, call the same
 * use cases as the pages and return their views; the routes are in
 * src/cli/routes.c and described in src/api/openapi/casework.json.
 *
 * In JSON, services are arrays of codes ("services": ["transport"]); the
 * needs of an assessment are {"needs": {"housing": {"client_view": "..",
 * "worker_view": ".."}}}; a support plan's notes per service are
 * {"service_notes": {"transport": ".."}}.
 */
#ifndef BUD_API_CASEWORK_H
#define BUD_API_CASEWORK_H

#include "http/http.h"

int bud_api_assessment_list(bud_req *req);	/* GET /api/clients/{id}/assessments */
int bud_api_assessment_create(bud_req *req);	/* POST /api/clients/{id}/assessments */
int bud_api_assessment_get(bud_req *req);	/* GET /api/assessments/{id} */
int bud_api_offer_get(bud_req *req);		/* GET /api/clients/{id}/offer */
int bud_api_offer_create(bud_req *req);		/* POST /api/clients/{id}/offer */
int bud_api_offer_answer(bud_req *req);		/* POST /api/clients/{id}/offer/answer */
int bud_api_support_plan_list(bud_req *req);	/* GET /api/clients/{id}/support-plans */
int bud_api_support_plan_create(bud_req *req);	/* POST /api/clients/{id}/support-plans */
int bud_api_support_plan_get(bud_req *req);	/* GET /api/support-plans/{id} */

#endif
