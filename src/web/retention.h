/*
 * web/retention.h: the admin's retention pages over app/retention.h: the
 * period, the clients due, and destruction lists made, approved and
 * carried out. Routes in src/cli/routes.c.
 */
#ifndef BUD_WEB_RETENTION_H
#define BUD_WEB_RETENTION_H

#include "http/http.h"

int bud_web_retention(bud_req *req);		/* GET /retention */
int bud_web_retention_years(bud_req *req);	/* POST /retention/years */
int bud_web_dlist_create(bud_req *req);		/* POST /retention/lists */
int bud_web_dlist(bud_req *req);		/* GET /retention/lists/{id} */
int bud_web_dlist_approve(bud_req *req);	/* POST /retention/lists/{id}/approve */
int bud_web_dlist_destroy(bud_req *req);	/* POST /retention/lists/{id}/destroy */

#endif
