/*
 * web/plans.h: the HTML pages of service plans and decisions (issue 4,
 * parts 7-9): a client's plans and the form that starts a draft, one plan
 * with the forms its state allows, the printable decision document in the
 * client's language, the decision maker's queue and the worker's reviews
 * due. The rules are app/plan.h's; these handlers decode forms, call it and
 * render templates/plan_*.html. Routes in src/cli/routes.c.
 */
#ifndef BUD_WEB_PLANS_H
#define BUD_WEB_PLANS_H

#include "http/http.h"

int bud_web_plan_list(bud_req *req);		/* GET /clients/{id}/plans */
int bud_web_plan_create(bud_req *req);		/* POST /clients/{id}/plans */
int bud_web_plan_show(bud_req *req);		/* GET /plans/{id} */
int bud_web_plan_update(bud_req *req);		/* POST /plans/{id} */
int bud_web_plan_line_add(bud_req *req);	/* POST /plans/{id}/lines */
int bud_web_plan_line_remove(bud_req *req);	/* POST /plans/{id}/lines/{line}/delete */
int bud_web_plan_propose(bud_req *req);		/* POST /plans/{id}/propose */
int bud_web_plan_discard(bud_req *req);		/* POST /plans/{id}/discard */
int bud_web_plan_return(bud_req *req);		/* POST /plans/{id}/return */
int bud_web_plan_approve(bud_req *req);		/* POST /plans/{id}/approve */
int bud_web_plan_end(bud_req *req);		/* POST /plans/{id}/end */
int bud_web_plan_decision(bud_req *req);	/* GET /plans/{id}/decision */
int bud_web_plan_decision_pdf(bud_req *req);	/* GET /plans/{id}/decision.pdf (web/decision_pdf.c) */

/*
 * The decision of the plan of req's {id} as a page model, in the
 * client's language (*lang, a literal): what the decision page and its
 * PDF both show, read through one use case (bud_plan_decision: access
 * check and use-log row). NULL with err set when it cannot be read.
 */
json_t *bud_web_decision_model(bud_req *req, const char **lang, bud_err *err);
int bud_web_plan_proposed(bud_req *req);	/* GET /decisions */
int bud_web_plan_reviews(bud_req *req);		/* GET /reviews */

#endif
