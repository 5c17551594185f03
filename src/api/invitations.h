/*
 * api/invitations.h: the JSON face of invitations in bulk
 * (app/invitation.h has the rules). Routes in src/cli/routes.c,
 * described in src/api/openapi/invitations.json.
 */
#ifndef BUD_API_INVITATIONS_H
#define BUD_API_INVITATIONS_H

#include "http/http.h"

int bud_api_invitations(bud_req *req);		/* GET /api/invitations */
int bud_api_invitations_create(bud_req *req);	/* POST /api/invitations */

#endif
