/*
 * web/events.h: the pages of service events (app/event.h has the rules):
 * the provider's page of one commitment (record one event, its events),
 * the provider's list of all its events with a CSV upload, the client's
 * list of their services with a confirm button for each, the page of one
 * event (confirm, dispute with a reason, or a worker's resolution) and a
 * worker's list of disputes. Every page works without script.
 */
#ifndef BUD_WEB_EVENTS_H
#define BUD_WEB_EVENTS_H

#include "http/http.h"

int bud_web_commitment_events(bud_req *req);	/* GET /commitments/{id}/events */
int bud_web_event_record(bud_req *req);		/* POST /commitments/{id}/events */
int bud_web_provider_events(bud_req *req);	/* GET /providers/{id}/events */
int bud_web_events_csv(bud_req *req);		/* POST /providers/{id}/events/csv */
int bud_web_client_events(bud_req *req);	/* GET /clients/{id}/events */
int bud_web_event_show(bud_req *req);		/* GET /events/{id} */
int bud_web_event_confirm(bud_req *req);	/* POST /events/{id}/confirm */
int bud_web_event_dispute(bud_req *req);	/* POST /events/{id}/dispute */
int bud_web_event_resolve(bud_req *req);	/* POST /events/{id}/resolve */
int bud_web_disputes(bud_req *req);		/* GET /disputes */

#endif
