/*
 * api/pilot.h: the pilot figures and the client's outcomes questionnaire
 * through the API (app/pilot.h has the rules). Routes in
 * src/cli/routes.c, described in src/api/openapi/pilot.json.
 */
#ifndef BUD_API_PILOT_H
#define BUD_API_PILOT_H

#include "http/http.h"

int bud_api_pilot_figures(bud_req *req);	/* GET /api/pilot/figures */
int bud_api_outcomes_get(bud_req *req);		/* GET /api/clients/{id}/outcomes */
int bud_api_outcomes_put(bud_req *req);		/* PUT /api/clients/{id}/outcomes */

#endif
