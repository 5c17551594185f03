/*
 * api/invoices.c: the invoice routes of the JSON API (see api/invoices.h).
 * A Finvoice is sent as the raw request body (application/xml, the
 * route takes an upload); a document that does not read or check answers
 * 422 with every problem listed, each with its message in the request's
 * language. The other handlers decode JSON with the typed getters.
 */
#include <string.h>

#include "api/common.h"
#include "api/invoices.h"
#include "app/invoice.h"
#include "app/ledger.h"
#include "bud_limits.h"
#include "core/i18n.h"

static const char *const monthly_writable[] = {"month", NULL};
static const char *const approve_writable[] = {"password", NULL};
static const char *const events_writable[] = {"period_from", "period_to", NULL};
static const char *const states[] = {"received", "approved", "refused", "paid", NULL};

int bud_api_invoices(bud_req *req)
{
	const char *state = NULL;
	int64_t provider = 0;
	struct bud_page pg;
	json_t *out = NULL;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_page(req, &pg, &err) ||
	    bud_req_i64(req, "provider_id", 0, 1, INT64_MAX, &provider, &err) ||
	    bud_req_enum(req, "state", 0, states, &state, &err) ||
	    bud_invoice_list(req->app, &req->actor, provider, state, &pg, &out, &err))
		return bud_resp_error(req, &err);
	bud_api_wire(out);
	return bud_api_page(req, out, &pg);
}

int bud_api_invoice_get(bud_req *req)
{
	return bud_api_id_view(req, bud_invoice_get);
}

/* 422 with the document's problems, each message in the request's
 * language (problems is stolen). */
static int problems_answer(bud_req *req, const bud_err *err, json_t *problems)
{
	json_t *p;
	size_t i;

	json_array_foreach(problems, i, p)
		json_object_set_new(p, "message", json_string(bud_msg(req->lang,
			json_string_value(json_object_get(p, "key")))));
	return bud_resp_json(req, 422, json_pack("{s:{s:s, s:s, s:s, s:s, s:o}}",
		"error", "code", "invalid", "field", "finvoice", "message",
		bud_msg(req->lang, err->key ? err->key : "err.invoice.finvoice"),
		"detail", err->detail, "problems", problems));
}

int bud_api_invoice_finvoice(bud_req *req)
{
	json_t *problems = NULL;
	int64_t provider, id = 0;
	bud_err err;
	int rc;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &provider, &err))
		return bud_resp_error(req, &err);
	rc = bud_invoice_finvoice(req->app, &req->actor, provider, req->body,
				  req->body_len, &id, &problems, &err);
	if (rc == BUD_EINVAL && problems && json_array_size(problems) > 0)
		return problems_answer(req, &err, problems);
	json_decref(problems);
	if (rc != BUD_OK)
		return bud_resp_error(req, &err);
	return bud_api_created(req, bud_invoice_get, id,
			       bud_api_path(req, "invoices", id, ""));
}

int bud_api_invoice_monthly(bud_req *req)
{
	const char *month = NULL;
	int64_t provider, id = 0;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &provider, &err) ||
	    bud_api_fields(req, monthly_writable, NULL, &err) ||
	    bud_req_str(req, "month", 1, 7, &month, &err) ||
	    bud_invoice_monthly(req->app, &req->actor, provider, month, &id, &err))
		return bud_resp_error(req, &err);
	return bud_api_created(req, bud_invoice_get, id,
			       bud_api_path(req, "invoices", id, ""));
}

int bud_api_invoice_approve(bud_req *req)
{
	const char *password = NULL;
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) ||
	    bud_api_fields(req, approve_writable, NULL, &err) ||
	    bud_api_reauth_body(req, &password, NULL, &err) ||
	    bud_invoice_approve(req->app, &req->actor, id, password, &err))
		return bud_api_reauth_error(req, &err);
	return bud_api_view(req, bud_invoice_get, id, 200);
}

int bud_api_invoice_events(bud_req *req)
{
	const char *from = NULL, *to = NULL;
	int64_t provider, id = 0;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &provider, &err) ||
	    bud_api_fields(req, events_writable, NULL, &err) ||
	    bud_req_date(req, "period_from", 1, &from, &err) ||
	    bud_req_date(req, "period_to", 1, &to, &err) ||
	    bud_invoice_events(req->app, &req->actor, provider, from, to, &id, &err))
		return bud_resp_error(req, &err);
	return bud_api_created(req, bud_invoice_get, id,
			       bud_api_path(req, "invoices", id, ""));
}

int bud_api_line_ledger(bud_req *req)
{
	struct bud_page pg;
	json_t *out = NULL;
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) || bud_req_page(req, &pg, &err) ||
	    bud_ledger_line(req->app, &req->actor, id, &pg, &out, &err))
		return bud_resp_error(req, &err);
	bud_api_wire(out);
	return bud_api_page(req, out, &pg);
}
