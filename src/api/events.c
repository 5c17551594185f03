/*
 * api/events.c: the service event routes of the JSON API (see
 * api/events.h). Each handler decodes its input with the typed getters
 * (a failure names the field), refuses a body member that is not one of
 * its fields, calls one app/event.h function and answers with the
 * event's view (201 with Location for a new one) or a page of views.
 */
#include <stdio.h>
#include <string.h>

#include "api/common.h"
#include "api/events.h"
#include "app/event.h"
#include "bud_limits.h"

static const char *const record_writable[] = {"on_date", "quantity", "note",
					       "external_id", NULL};
static const char *const dispute_writable[] = {"reason", NULL};
static const char *const resolve_writable[] = {"outcome", "note", NULL};
static const char *const no_fields[] = {NULL};

int bud_api_event_record(bud_req *req)
{
	struct bud_event_input in = {0};
	const char *date = NULL;
	int64_t id = 0;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &in.commitment_id, &err) ||
	    bud_api_fields(req, record_writable, NULL, &err) ||
	    bud_req_date(req, "on_date", 1, &date, &err) ||
	    bud_api_quantity(req, "quantity", &in.quantity, &err) ||
	    bud_req_str(req, "note", 0, BUD_NOTE_MAX, &in.note, &err) ||
	    bud_req_str(req, "external_id", 1, BUD_EVENT_EXTERNAL_MAX,
			&in.external_id, &err))
		return bud_resp_error(req, &err);
	snprintf(in.on_date, sizeof(in.on_date), "%s", date);
	if (bud_event_record(req->app, &req->actor, &in, &id, &err))
		return bud_resp_error(req, &err);
	return bud_api_created(req, bud_event_get, id,
			       bud_api_path(req, "events", id, ""));
}

static int provider_page(bud_req *req, int64_t commitment_id)
{
	struct bud_page pg;
	json_t *out = NULL;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_page(req, &pg, &err) ||
	    bud_event_list_provider(req->app, &req->actor, commitment_id, &pg,
				    &out, &err))
		return bud_resp_error(req, &err);
	return bud_api_page(req, out, &pg);
}

int bud_api_commitment_events(bud_req *req)
{
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err))
		return bud_resp_error(req, &err);
	return provider_page(req, id);
}

int bud_api_provider_events(bud_req *req)
{
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err))
		return bud_resp_error(req, &err);
	if (id != req->actor.provider_id) {
		bud_err_set(&err, BUD_ENOTFOUND, NULL, "err.authz.denied",
			    "no such provider, or no access to it");
		return bud_resp_error(req, &err);
	}
	return provider_page(req, 0);
}

int bud_api_client_events(bud_req *req)
{
	struct bud_page pg;
	json_t *out = NULL;
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) ||
	    bud_req_page(req, &pg, &err) ||
	    bud_event_list_client(req->app, &req->actor, id, &pg, &out, &err))
		return bud_resp_error(req, &err);
	return bud_api_page(req, out, &pg);
}

int bud_api_event_get(bud_req *req)
{
	return bud_api_id_view(req, bud_event_get);
}

int bud_api_event_confirm(bud_req *req)
{
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) ||
	    bud_api_fields(req, no_fields, NULL, &err) ||
	    bud_event_confirm(req->app, &req->actor, id, &err))
		return bud_resp_error(req, &err);
	return bud_api_view(req, bud_event_get, id, 200);
}

int bud_api_event_dispute(bud_req *req)
{
	const char *reason = NULL;
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) ||
	    bud_api_fields(req, dispute_writable, NULL, &err) ||
	    bud_req_str(req, "reason", 1, BUD_NOTE_MAX, &reason, &err) ||
	    bud_event_dispute(req->app, &req->actor, id, reason, &err))
		return bud_resp_error(req, &err);
	return bud_api_view(req, bud_event_get, id, 200);
}

int bud_api_event_resolve(bud_req *req)
{
	const char *outcome = NULL, *note = NULL;
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) ||
	    bud_api_fields(req, resolve_writable, NULL, &err) ||
	    bud_req_str(req, "outcome", 1, 16, &outcome, &err))
		return bud_resp_error(req, &err);
	if (strcmp(outcome, "upheld") != 0 && strcmp(outcome, "dismissed") != 0) {
		bud_err_set(&err, BUD_EINVAL, "outcome", "err.invalid_choice",
			    "upheld or dismissed");
		return bud_resp_error(req, &err);
	}
	if (bud_req_str(req, "note", 1, BUD_NOTE_MAX, &note, &err) ||
	    bud_event_resolve(req->app, &req->actor, id,
			      strcmp(outcome, "upheld") == 0, note, &err))
		return bud_resp_error(req, &err);
	return bud_api_view(req, bud_event_get, id, 200);
}

int bud_api_disputes(bud_req *req)
{
	struct bud_page pg;
	json_t *out = NULL;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_page(req, &pg, &err) ||
	    bud_event_list_disputed(req->app, &req->actor, &pg, &out, &err))
		return bud_resp_error(req, &err);
	return bud_api_page(req, out, &pg);
}
