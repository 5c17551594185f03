/*
 * web/commitments.h: the pages of the client's choice of provider and of
 * commitments (app/commitment.h has the rules): the choice page of a plan
 * line with the own share in plain words, a confirm step, the commitment
 * page with the provider's accept and decline forms, and the provider's
 * list of its commitments.
 */
#ifndef BUD_WEB_COMMITMENTS_H
#define BUD_WEB_COMMITMENTS_H

#include <jansson.h>
#include <stdint.h>

#include "http/http.h"

int bud_web_line_choose_form(bud_req *req);	/* GET /plan-lines/{id}/choose */
int bud_web_line_confirm(bud_req *req);		/* GET /plan-lines/{id}/confirm?provider_id=P[&from=D] */
int bud_web_line_choose(bud_req *req);		/* POST /plan-lines/{id}/choose */
int bud_web_commitment_show(bud_req *req);	/* GET /commitments/{id} */
int bud_web_commitment_accept(bud_req *req);	/* POST /commitments/{id}/accept */
int bud_web_commitment_decline(bud_req *req);	/* POST /commitments/{id}/decline */
int bud_web_provider_commitments(bud_req *req);	/* GET /providers/{id}/commitments */

/* The partial cm_flags.html's model of client_id's commitments whose
 * provider's approval has ended (app/commitment.h bud_commitment_flags):
 * {has, items: [{id, service, provider, state, effective, reason}]}, for
 * the client's page, the client's home and the worker's client page; has
 * false when none or when the actor may not read them. */
json_t *bud_web_commitment_flags(bud_req *req, int64_t client_id);

#endif
