/*
 * web/pilot.h: the pilot figures page (with the admin's smallest group)
 * and the client's outcomes questionnaire page, over app/pilot.h.
 */
#ifndef BUD_WEB_PILOT_H
#define BUD_WEB_PILOT_H

#include "http/http.h"

int bud_web_pilot(bud_req *req);		/* GET /pilot */
int bud_web_pilot_min_group(bud_req *req);	/* POST /pilot/min-group */
int bud_web_pilot_export(bud_req *req);		/* GET /pilot/export?format=csv|xlsx */
int bud_web_outcomes(bud_req *req);		/* GET /clients/{id}/outcomes */
int bud_web_outcomes_save(bud_req *req);	/* POST /clients/{id}/outcomes */

#endif
