/*
 * web/clients.h: the clients pages: search and "my clients", the client
 * form (new and edit), the client page (for staff with the
 * representatives and the client's own account; for the client and a
 * representative a plain-language overview of their own data) and the
 * page of who has seen the data. Handlers decode forms, call
 * app/client.h and render templates client_*.html; routes and roles are
 * in src/cli/routes.c.
 */
#ifndef BUD_WEB_CLIENTS_H
#define BUD_WEB_CLIENTS_H

#include "http/http.h"

int bud_web_clients(bud_req *req);		/* GET /clients: the worker's own */
int bud_web_clients_search(bud_req *req);	/* POST /clients/search: results */
int bud_web_client_new(bud_req *req);		/* GET /clients/new */
int bud_web_client_create(bud_req *req);	/* POST /clients */
int bud_web_client_show(bud_req *req);		/* GET /clients/{id} */
int bud_web_client_hetu(bud_req *req);		/* POST /clients/{id}/hetu: the page, code shown */
int bud_web_client_edit(bud_req *req);		/* GET /clients/{id}/edit */
int bud_web_client_update(bud_req *req);	/* POST /clients/{id} */
int bud_web_client_mandate_add(bud_req *req);	/* POST /clients/{id}/mandates */
int bud_web_mandate_end(bud_req *req);		/* POST /mandates/{id}/end */
int bud_web_client_account(bud_req *req);	/* POST /clients/{id}/account */
int bud_web_client_account_link(bud_req *req);	/* POST /clients/{id}/account/link */
int bud_web_client_log(bud_req *req);		/* GET /clients/{id}/log */

#endif
