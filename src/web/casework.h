/*
 * web/casework.h: the pages of a client's service need assessments, the
 * offer of a personal budget with the client's answer, and the support
 * plan (web/casework.c, templates casework_*.html, catalog
 * casework.*.msg). The same app/casework.h use cases as the JSON API.
 */
#ifndef BUD_WEB_CASEWORK_H
#define BUD_WEB_CASEWORK_H

#include "http/http.h"

int bud_web_assessments(bud_req *req);		/* GET /clients/{id}/assessments */
int bud_web_assessment_form(bud_req *req);	/* GET /clients/{id}/assessments/new */
int bud_web_assessment_create(bud_req *req);	/* POST /clients/{id}/assessments */
int bud_web_assessment(bud_req *req);		/* GET /assessments/{id} */
int bud_web_offer(bud_req *req);		/* GET /clients/{id}/offer */
int bud_web_offer_create(bud_req *req);		/* POST /clients/{id}/offer */
int bud_web_offer_answer(bud_req *req);		/* POST /clients/{id}/offer/answer */
int bud_web_support_plan(bud_req *req);		/* GET /clients/{id}/support-plan */
int bud_web_support_plan_create(bud_req *req);	/* POST /clients/{id}/support-plan */
int bud_web_support_plan_view(bud_req *req);	/* GET /support-plans/{id} */

#endif
