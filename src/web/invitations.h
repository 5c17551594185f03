/*
 * web/invitations.h: the invitations page (app/invitation.h has the
 * rules): the form that invites providers from pasted CSV, the result of
 * a send with each bad row and its line, and the paged list of
 * invitations with their mail state.
 */
#ifndef BUD_WEB_INVITATIONS_H
#define BUD_WEB_INVITATIONS_H

#include "http/http.h"

int bud_web_invitations(bud_req *req);		/* GET /invitations */
int bud_web_invitations_create(bud_req *req);	/* POST /invitations */

#endif
