/*
 * api/clients.h: the JSON face of clients, their representatives'
 * mandates, the client's own account and the client's use log. Handlers
 * decode the request, call app/client.h and answer with its views; the
 * routes and their roles are in src/cli/routes.c, the contract in
 * src/api/openapi/clients.json.
 */
#ifndef BUD_API_CLIENTS_H
#define BUD_API_CLIENTS_H

#include "http/http.h"

int bud_api_clients_list(bud_req *req);		/* GET /api/clients (q refused) */
int bud_api_clients_search(bud_req *req);	/* POST /api/clients/search */
int bud_api_clients_create(bud_req *req);	/* POST /api/clients */
int bud_api_client_get(bud_req *req);		/* GET /api/clients/{id} */
int bud_api_client_update(bud_req *req);	/* PATCH /api/clients/{id} */
int bud_api_client_hetu(bud_req *req);		/* GET /api/clients/{id}/hetu */
int bud_api_client_mandates(bud_req *req);	/* GET /api/clients/{id}/mandates */
int bud_api_client_mandate_add(bud_req *req);	/* POST /api/clients/{id}/mandates */
int bud_api_mandate_end(bud_req *req);		/* POST /api/mandates/{id}/end */
int bud_api_client_account(bud_req *req);	/* POST /api/clients/{id}/account */
int bud_api_client_account_link(bud_req *req);	/* POST /api/clients/{id}/account/link */
int bud_api_client_uselog(bud_req *req);	/* GET /api/clients/{id}/uselog */

#endif
