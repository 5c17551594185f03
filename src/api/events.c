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

/* One event being recorded: its input and what the unit made of it. */
struct record {
	struct bud_event_input in;
	struct bud_event_result res;
	bud_event_batch *batch;
	json_t *view;			/* the event written, read in the unit */
};

static void record_release(void *arg)
{
	struct record *r = arg;

	bud_event_batch_free(r->batch);
	json_decref(r->view);
}

/* The writer's unit (http.h bud_req_defer): record the event and read
 * its view in the same unit (its disclosure row with it), or answer the
 * row's refusal. */
static int record_unit(bud_conn *w, bud_req *req, void *arg, bud_err *err)
{
	struct record *r = arg;
	int rc;

	if ((rc = bud_event_batch_run(w, r->batch, err)))
		return rc;
	if (r->res.rc != BUD_OK) {	/* refused: nothing was written */
		bud_resp_error(req, &r->res.err);
		return BUD_OK;
	}
	return bud_event_view_on(req->app, w, &req->actor, r->res.id, &r->view, err);
}

/* 201 with the view, made off the writer thread (bud_req_defer_answer). */
static void record_answer(bud_req *req, void *arg)
{
	struct record *r = arg;
	json_t *v = r->view;

	r->view = NULL;
	bud_api_view_json(req, v, 201);
	if (req->status == 201)
		bud_resp_header(req, "Location", bud_api_path(req, "events", r->res.id, ""));
}

int bud_api_event_record(bud_req *req)
{
	struct record *r = bud_req_alloc(req, sizeof(*r));
	const char *date = NULL;
	bud_err err;

	memset(r, 0, sizeof(*r));
	bud_err_clear(&err);
	if (bud_req_id(req, "id", &r->in.commitment_id, &err) ||
	    bud_api_fields(req, record_writable, NULL, &err) ||
	    bud_req_date(req, "on_date", 1, &date, &err) ||
	    bud_api_quantity(req, "quantity", &r->in.quantity, &err) ||
	    bud_req_str(req, "note", 0, BUD_NOTE_MAX, &r->in.note, &err) ||
	    bud_req_str(req, "external_id", 1, BUD_EVENT_EXTERNAL_MAX,
			&r->in.external_id, &err))
		return bud_resp_error(req, &err);
	snprintf(r->in.on_date, sizeof(r->in.on_date), "%s", date);
	if (bud_event_batch_new(req->app, &req->actor, &r->in, 1, &r->res, &r->batch,
				&err))
		return bud_resp_error(req, &err);
	bud_req_defer(req, record_unit, r, record_release);
	bud_req_defer_answer(req, record_answer);
	return BUD_OK;
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
