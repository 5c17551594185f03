/*
 * api/rulebook.h: the JSON face of the rulebook (app/rulebook.h has the
 * rules). Routes in src/cli/routes.c, described in
 * src/api/openapi/rulebook.json.
 */
#ifndef BUD_API_RULEBOOK_H
#define BUD_API_RULEBOOK_H

#include "http/http.h"

int bud_api_rulebook_list(bud_req *req);	/* GET /api/rulebook */
int bud_api_rulebook_add(bud_req *req);		/* POST /api/rulebook */
int bud_api_rulebook_get(bud_req *req);		/* GET /api/rulebook/{id} */
int bud_api_rulebook_accept(bud_req *req);	/* POST /api/providers/{id}/rulebook */

#endif
