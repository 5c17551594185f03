/*
 * api/plans.c: the plan routes of the JSON API (see api/plans.h). Each
 * handler decodes its input with the typed getters (a failure names the
 * field), calls one app/plan.h function and answers with its view; a
 * change answers with the plan's view read again (201 for a created plan
 * or line, with Location, else 200). PATCH takes the fields it is given
 * and keeps the others from the plan as it is; it honours If-Match and
 * accepts the plan's GET body back (api/common.h). Every write refuses a
 * body member that is not one of its fields.
 */
#include <stdio.h>
#include <string.h>

#include "api/common.h"
#include "api/plans.h"
#include "app/plan.h"
#include "bud_limits.h"

/* The writable fields of each write route (bud_api_fields). */
static const char *const plan_writable[] = {"label", "valid_from", "valid_to",
	"review_date", "client_fee", "fee_note", "reasoning", NULL};
static const char *const plan_create_writable[] = {"label", "valid_from",
	"valid_to", "review_date", "client_fee", "fee_note", "reasoning",
	"copy_from", NULL};
static const char *const line_writable[] = {"service", "quantity", "content",
	NULL};
static const char *const no_fields[] = {NULL};
static const char *const return_writable[] = {"note", NULL};
static const char *const approve_writable[] = {"password", "code", NULL};
static const char *const end_writable[] = {"last_day", "password", "code", NULL};

/* The body's plan fields; each missing field keeps what f has. */
static int plan_fields(bud_req *req, struct bud_plan_fields *f, int required,
		       bud_err *err)
{
	if (bud_req_str(req, "label", 0, BUD_NAME_MAX, &f->label, err) ||
	    bud_req_date(req, "valid_from", required, &f->valid_from, err) ||
	    bud_req_date(req, "valid_to", required, &f->valid_to, err) ||
	    bud_req_date(req, "review_date", required, &f->review_date, err) ||
	    bud_req_money(req, "client_fee", 0, &f->client_fee, err) ||
	    bud_req_str(req, "fee_note", 0, BUD_NOTE_MAX, &f->fee_note, err) ||
	    bud_req_str(req, "reasoning", 0, BUD_TEXT_MAX, &f->reasoning, err))
		return err->code;
	return BUD_OK;
}

int bud_api_client_plans(bud_req *req)
{
	return bud_api_id_items(req, bud_plan_list_client);
}

int bud_api_client_plan_create(bud_req *req)
{
	struct bud_plan_fields f;
	int64_t client, copy_from = 0, id = 0;
	bud_err err;

	memset(&f, 0, sizeof(f));
	bud_err_clear(&err);
	if (bud_req_id(req, "id", &client, &err) ||
	    bud_api_fields(req, plan_create_writable, NULL, &err) ||
	    plan_fields(req, &f, 1, &err) ||
	    bud_req_i64(req, "copy_from", 0, 0, INT64_MAX, &copy_from, &err) ||
	    bud_plan_create(req->app, &req->actor, client, &f, copy_from, &id, &err))
		return bud_resp_error(req, &err);
	return bud_api_created(req, bud_plan_get, id,
			       bud_api_path(req, "plans", id, ""));
}

int bud_api_plan_get(bud_req *req)
{
	return bud_api_id_view(req, bud_plan_get);
}

static const char *member(json_t *v, const char *k)
{
	const char *s = json_string_value(json_object_get(v, k));

	return s ? s : "";
}

int bud_api_plan_update(bud_req *req)
{
	struct bud_plan_fields f;
	const char *based_on = NULL;
	json_t *cur = NULL;
	int64_t id;
	bud_err err;
	int rc;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) ||
	    bud_api_patch_begin(req, bud_plan_get, id, plan_writable, &cur,
				&based_on, &err))
		return bud_api_error(req, &err);
	f = (struct bud_plan_fields){.label = member(cur, "label"),
		.valid_from = member(cur, "valid_from"),
		.valid_to = member(cur, "valid_to"),
		.review_date = member(cur, "review_date"),
		.client_fee = json_integer_value(json_object_get(cur, "client_fee")),
		.fee_note = member(cur, "fee_note"),
		.reasoning = member(cur, "reasoning"), .if_etag = based_on};
	rc = plan_fields(req, &f, 0, &err);
	if (rc == BUD_OK)
		rc = bud_plan_update(req->app, &req->actor, id, &f, &err);
	json_decref(cur);
	if (rc != BUD_OK)
		return bud_api_error(req, &err);
	return bud_api_view(req, bud_plan_get, id, 200);
}

int bud_api_plan_line_add(bud_req *req)
{
	struct bud_plan_line_in in = {0};
	int64_t id, line = 0;
	char where[40];
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) ||
	    bud_api_fields(req, line_writable, NULL, &err) ||
	    bud_req_str(req, "service", 1, BUD_CODE_MAX, &in.service, &err) ||
	    bud_api_quantity(req, "quantity", &in.quantity, &err) ||
	    bud_req_str(req, "content", 0, BUD_NOTE_MAX, &in.content, &err) ||
	    bud_plan_line_add(req->app, &req->actor, id, &in, &line, &err))
		return bud_resp_error(req, &err);
	snprintf(where, sizeof(where), "/lines/%lld", (long long)line);
	return bud_api_created(req, bud_plan_get, id,
			       bud_api_path(req, "plans", id, where));
}

int bud_api_plan_line_remove(bud_req *req)
{
	int64_t id, line;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) ||
	    bud_req_id(req, "line", &line, &err) ||
	    bud_api_fields(req, no_fields, NULL, &err) ||
	    bud_plan_line_remove(req->app, &req->actor, id, line, &err))
		return bud_resp_error(req, &err);
	return bud_api_view(req, bud_plan_get, id, 200);
}

int bud_api_plan_propose(bud_req *req)
{
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) ||
	    bud_api_fields(req, no_fields, NULL, &err) ||
	    bud_plan_propose(req->app, &req->actor, id, &err))
		return bud_resp_error(req, &err);
	return bud_api_view(req, bud_plan_get, id, 200);
}

int bud_api_plan_discard(bud_req *req)
{
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) ||
	    bud_api_fields(req, no_fields, NULL, &err) ||
	    bud_plan_discard(req->app, &req->actor, id, &err))
		return bud_resp_error(req, &err);
	return bud_api_view(req, bud_plan_get, id, 200);
}

int bud_api_plan_return(bud_req *req)
{
	const char *note = NULL;
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) ||
	    bud_api_fields(req, return_writable, NULL, &err) ||
	    bud_req_str(req, "note", 1, BUD_NOTE_MAX, &note, &err) ||
	    bud_plan_return(req->app, &req->actor, id, note, &err))
		return bud_resp_error(req, &err);
	return bud_api_view(req, bud_plan_get, id, 200);
}

int bud_api_plan_approve(bud_req *req)
{
	const char *password = NULL, *code = NULL;
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) ||
	    bud_api_fields(req, approve_writable, NULL, &err) ||
	    bud_api_reauth_body(req, &password, &code, &err) ||
	    bud_plan_approve_2fa(req->app, &req->actor, id, password, code, &err))
		return bud_api_reauth_error(req, &err);
	return bud_api_view(req, bud_plan_get, id, 200);
}

int bud_api_plan_end(bud_req *req)
{
	const char *last_day = NULL, *password = NULL, *code = NULL;
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) ||
	    bud_api_fields(req, end_writable, NULL, &err) ||
	    bud_req_date(req, "last_day", 1, &last_day, &err) ||
	    bud_api_reauth_body(req, &password, &code, &err) ||
	    bud_plan_end_2fa(req->app, &req->actor, id, last_day, password, code, &err))
		return bud_api_reauth_error(req, &err);
	return bud_api_view(req, bud_plan_get, id, 200);
}

int bud_api_plan_decision(bud_req *req)
{
	return bud_api_id_view(req, bud_plan_decision);
}

int bud_api_plans(bud_req *req)
{
	static const char *const states[] = {"proposed", NULL};
	const char *state = NULL;
	struct bud_page pg;
	json_t *out = NULL;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_enum(req, "state", 1, states, &state, &err) ||
	    bud_req_page(req, &pg, &err) ||
	    bud_plan_list_proposed(req->app, &req->actor, &pg, &out, &err))
		return bud_resp_error(req, &err);
	return bud_api_page(req, out, &pg);
}

int bud_api_reviews(bud_req *req)
{
	int64_t days = BUD_REVIEW_SOON_DAYS;
	struct bud_page pg;
	json_t *out = NULL;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_i64(req, "within_days", 0, 0, 366, &days, &err) ||
	    bud_req_page(req, &pg, &err) ||
	    bud_plan_reviews_due(req->app, &req->actor, (int)days, &pg, &out, &err))
		return bud_resp_error(req, &err);
	return bud_api_page(req, out, &pg);
}

/* The budget status is written straight as JSON (bud_plan_ledger_text):
 * it has no member bud_api_wire changes, and it is read often. */
int bud_api_client_ledger(bud_req *req)
{
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	bud_buf_reset(&req->out);
	if (bud_plan_ledger_text(req->app, &req->actor, id, &req->out, &err) != BUD_OK) {
		bud_buf_reset(&req->out);
		return bud_api_error(req, &err);
	}
	return bud_api_text_view(req, 200);
}
