/*
 * web/commitments.h: the pages of the client's choice of provider and of
 * commitments (app/commitment.h has the rules): the choice page of a plan
 * line with the own share in plain words, a confirm step, the commitment
 * page with the provider's accept and decline forms, and the provider's
 * list of its commitments.
 */
#ifndef BUD_WEB_COMMITMENTS_H
#define BUD_WEB_COMMITMENTS_H

#include "http/http.h"

int bud_web_line_choose_form(bud_req *req);	/* GET /plan-lines/{id}/choose */
int bud_web_line_confirm(bud_req *req);		/* GET /plan-lines/{id}/confirm?provider_id=P[&from=D] */
int bud_web_line_choose(bud_req *req);		/* POST /plan-lines/{id}/choose */
int bud_web_commitment_show(bud_req *req);	/* GET /commitments/{id} */
int bud_web_commitment_accept(bud_req *req);	/* POST /commitments/{id}/accept */
int bud_web_commitment_decline(bud_req *req);	/* POST /commitments/{id}/decline */
int bud_web_provider_commitments(bud_req *req);	/* GET /providers/{id}/commitments */

#endif
