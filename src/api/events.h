/*
 * api/events.h: the JSON face of service events (app/event.h has the
 * rules): the provider records one event on a commitment and lists its
 * events; the client or a representative lists, confirms and disputes;
 * a worker lists the disputes and resolves them. Routes in
 * src/cli/routes.c (block "api: events"), described in
 * src/api/openapi/events.json. A refused event answers the usual Error
 * with its reason code in error.reason (not_active, duplicate, ...).
 */
#ifndef BUD_API_EVENTS_H
#define BUD_API_EVENTS_H

#include "http/http.h"

int bud_api_event_record(bud_req *req);		/* POST /api/commitments/{id}/events */
int bud_api_commitment_events(bud_req *req);	/* GET /api/commitments/{id}/events */
int bud_api_provider_events(bud_req *req);	/* GET /api/providers/{id}/events */
int bud_api_client_events(bud_req *req);	/* GET /api/clients/{id}/events */
int bud_api_event_get(bud_req *req);		/* GET /api/events/{id} */
int bud_api_event_confirm(bud_req *req);	/* POST /api/events/{id}/confirm */
int bud_api_event_dispute(bud_req *req);	/* POST /api/events/{id}/dispute */
int bud_api_event_resolve(bud_req *req);	/* POST /api/events/{id}/resolve */
int bud_api_disputes(bud_req *req);		/* GET /api/disputes */

#endif
