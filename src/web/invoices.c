/*
 * web/invoices.c: the invoice pages (web/invoices.h), without script.
 *
 * The list (templates/inv_list.html) shows finance the organiser's
 * invoices (a state filter, a GET form) and a provider's user its own,
 * with the forms to send a Finvoice (the XML pasted or its file's text,
 * up to BUD_MAX_FIELD_VALUE bytes through a form) or to invoice a month
 * of standing monthly commitments. A refused send shows the list again
 * with the form toolkit's errors (web/form.h), a Finvoice's problems
 * each listed. One invoice (inv_show.html) has its rows with the reason
 * of each refused row in the reader's language, and for finance the
 * approval form asking the password again.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "app/invoice.h"
#include "bud_limits.h"
#include "core/i18n.h"
#include "core/money.h"
#include "web/form.h"
#include "web/invoices.h"
#include "web/view.h"
#include "web/web.h"

static const struct bud_form_field send_fields[] = {
	{"finvoice", "inv-xml", "invweb.send.xml", NULL},
	{"xml", "inv-xml", "invweb.send.xml", NULL},
	{"seller", "inv-xml", "invweb.send.xml", NULL},
	{"number", "inv-xml", "invweb.send.xml", NULL},
	{"iban", "inv-xml", "invweb.send.xml", NULL},
	{"rows", "inv-xml", "invweb.send.xml", NULL},
	{"month", "inv-month", "invweb.month.label", NULL},
	{"period_from", "inv-ev-from", "invweb.events.from", NULL},
	{"period_to", "inv-ev-to", "invweb.events.to", NULL},
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_def send_form = {"inv-send", send_fields};
/* The same send, the document uploaded as a file: its problems belong to
 * the file input. */
static const struct bud_form_field file_fields[] = {
	{"finvoice", "inv-file", "invweb.send.file", NULL},
	{"file", "inv-file", "invweb.send.file", NULL},
	{"xml", "inv-file", "invweb.send.file", NULL},
	{"seller", "inv-file", "invweb.send.file", NULL},
	{"number", "inv-file", "invweb.send.file", NULL},
	{"iban", "inv-file", "invweb.send.file", NULL},
	{"rows", "inv-file", "invweb.send.file", NULL},
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_def file_form = {"inv-send", file_fields};
static const struct bud_form_field approve_fields[] = {
	{"password", "approve-password", "invweb.approve.password", NULL},
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_def approve_form = {"inv-approve", approve_fields};

static json_t *invoice_model(json_t *v, const char *lang)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:o, s:o, s:o, s:s, s:s, s:s, s:o, s:o}",
		"id", (json_int_t)bud_view_int(v, "id"),
		"provider", bud_view_str(json_object_get(v, "provider"), "name"),
		"number", bud_view_str(v, "number"),
		"source", bud_view_word(lang, "invweb.source.", bud_view_str(v, "source"), ""),
		"from", bud_view_date(bud_view_str(v, "period_from"), lang),
		"to", bud_view_date(bud_view_str(v, "period_to"), lang),
		"due", bud_view_date(bud_view_str(v, "due_date"), lang),
		"reference", bud_view_str(v, "reference"),
		"ovt", bud_view_str(v, "buyer_ovt"),
		"state", bud_view_word(lang, "invweb.state.", bud_view_str(v, "state"), ""),
		"claimed", bud_view_money(bud_view_int(v, "claimed"), lang),
		"approved", bud_view_money(bud_view_int(v, "approved"), lang));
}

static json_t *rows_model(json_t *rows, const char *lang)
{
	json_t *arr = json_array(), *r;
	char qty[BUD_MONEY_BUF], key[64];
	const char *code;
	size_t i;

	json_array_foreach(rows, i, r) {
		code = bud_view_str(r, "code");
		snprintf(key, sizeof key, "err.invoice.%s", code);
		if (bud_qty_format(bud_view_int(r, "quantity"), lang, qty, sizeof qty))
			qty[0] = '\0';
		json_array_append_new(arr, json_pack("{s:I, s:I, s:s, s:o, s:o, s:s, s:o, "
			"s:o, s:s, s:b, s:s, s:s}",
			"position", (json_int_t)bud_view_int(r, "position"),
			"commitment", (json_int_t)bud_view_int(r, "commitment_id"),
			"text", bud_view_str(r, "text"),
			"from", bud_view_date(bud_view_str(r, "period_from"), lang),
			"to", bud_view_date(bud_view_str(r, "period_to"), lang), "quantity", qty,
			"price", bud_view_money(bud_view_int(r, "unit_price"), lang),
			"amount", bud_view_money(bud_view_int(r, "amount"), lang),
			"state", bud_view_word(lang, "invweb.row.", bud_view_str(r, "state"), ""),
			"refused", code[0] != '\0', "code", code,
			"reason", code[0] ? bud_msg(lang, key) : ""));
	}
	return arr;
}

/* The list page; form (may be NULL) holds a refused send's errors,
 * problems (may be NULL, stolen) a Finvoice's problems. */
static int list_page(bud_req *req, int status, struct bud_form *form, json_t *problems)
{
	static const char *const states[] = {"received", "approved", "refused", "paid", NULL};
	const char *state = NULL;
	json_t *out = NULL, *rows, *it, *m;
	struct bud_page pg;
	char query[32];
	bud_err err;
	size_t i;

	bud_err_clear(&err);
	if (bud_req_page(req, &pg, &err) || bud_req_enum(req, "state", 0, states, &state, &err) ||
	    bud_invoice_list(req->app, &req->actor, 0, state, &pg, &out, &err)) {
		bud_form_release(form);
		json_decref(problems);
		return bud_resp_error(req, &err);
	}
	rows = json_array();
	json_array_foreach(out, i, it)
		json_array_append_new(rows, invoice_model(it, req->lang));
	m = json_pack("{s:o, s:b, s:b, s:I, s:s, s:o}", "rows", rows,
		"none", json_array_size(out) == 0,
		"provider_side", req->actor.role == BUD_ROLE_PROVIDER_USER,
		"provider_id", (json_int_t)req->actor.provider_id, "state", state ? state : "",
		"problems", problems ? problems : json_array());
	if (state)
		json_object_set_new(m, "sel", json_pack("{s:b}", state, 1));
	json_object_set_new(m, "has_problems", json_boolean(problems &&
				json_array_size(problems) > 0));
	snprintf(query, sizeof query, "state=%s", state ? state : "");
	bud_web_pager(m, "/invoices", state ? query : NULL, &pg, pg.at + 1,
		      json_array_size(out));
	json_decref(out);
	if (form)
		bud_form_model(form, m);
	return bud_web_page(req, status, "inv_list", "invweb.list.title", m);
}

int bud_web_invoices(bud_req *req)
{
	return list_page(req, 200, NULL, NULL);
}

static int show_page(bud_req *req, int64_t id, int status, struct bud_form *form,
		     const char *notice)
{
	json_t *v = NULL, *m;
	bud_err err;

	bud_err_clear(&err);
	if (bud_invoice_get(req->app, &req->actor, id, &v, &err) != BUD_OK) {
		bud_form_release(form);
		return bud_resp_error(req, &err);
	}
	m = invoice_model(v, req->lang);
	json_object_set_new(m, "rows", rows_model(json_object_get(v, "rows"), req->lang));
	json_object_set(m, "can", json_object_get(v, "can"));
	if (notice)
		json_object_set_new(m, "notice", json_string(bud_msg(req->lang, notice)));
	json_decref(v);
	if (form)
		bud_form_model(form, m);
	return bud_web_page(req, status, "inv_show", "invweb.show.title", m);
}

int bud_web_invoice_show(bud_req *req)
{
	static const char *const dones[] = {"sent", "approved", NULL};
	const char *done = NULL;
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	bud_req_enum(req, "done", 0, dones, &done, &err);
	return show_page(req, id, 200, NULL, !done ? NULL : strcmp(done, "sent") == 0 ?
			 "invweb.notice.sent" : "invweb.notice.approved");
}

/* Each problem of a refused Finvoice, in the reader's language. */
static json_t *problems_model(json_t *problems, const char *lang)
{
	json_t *arr = json_array(), *p;
	size_t i;

	json_array_foreach(problems, i, p)
		json_array_append_new(arr, json_pack("{s:I, s:s, s:s}",
			"line", (json_int_t)bud_view_int(p, "line"),
			"path", bud_view_str(p, "path"),
			"message", bud_msg(lang, bud_view_str(p, "key"))));
	json_decref(problems);
	return arr;
}

static int sent(bud_req *req, int rc, int64_t id, bud_err *err, struct bud_form *form,
		json_t *problems)
{
	char where[48];

	if (rc == BUD_OK) {
		bud_form_release(form);
		json_decref(problems);
		snprintf(where, sizeof where, "/invoices/%" PRId64 "?done=sent", id);
		return bud_resp_redirect(req, where);
	}
	if (bud_view_page_error(err->code)) {
		bud_form_release(form);
		json_decref(problems);
		return bud_resp_error(req, err);
	}
	bud_form_add(form, err, "xml");
	return list_page(req, bud_view_form_status(err->code), form,
			 problems ? problems_model(problems, req->lang) : NULL);
}

/*
 * A Finvoice sent on the page: a file uploaded (multipart/form-data, the
 * bytes as they are, ISO-8859-15 included) or, when no file was chosen,
 * the XML pasted into the text area.
 */
int bud_web_invoice_send(bud_req *req)
{
	const struct bud_upload *file = bud_req_file(req, "file");
	struct bud_form form;
	const char *xml = NULL;
	json_t *problems = NULL;
	int64_t provider, id = 0;
	size_t len = 0;
	bud_err err;
	int rc = BUD_OK;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &provider, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	if (file && file->len > 0) {
		bud_form_init(&form, &file_form, req->lang);
		xml = file->data;
		len = file->len;
	} else {
		bud_form_init(&form, &send_form, req->lang);
		rc = bud_req_str(req, "xml", 1, BUD_MAX_FIELD_VALUE, &xml, &err);
		len = xml ? strlen(xml) : 0;
	}
	if (rc == BUD_OK)
		rc = bud_invoice_finvoice(req->app, &req->actor, provider, xml, len,
					  &id, &problems, &err);
	return sent(req, rc, id, &err, &form, problems);
}

int bud_web_invoice_monthly(bud_req *req)
{
	struct bud_form form;
	const char *month = NULL;
	int64_t provider, id = 0;
	bud_err err;
	int rc;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &provider, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	bud_form_init(&form, &send_form, req->lang);
	rc = bud_req_str(req, "month", 1, 7, &month, &err);
	if (rc == BUD_OK)
		rc = bud_invoice_monthly(req->app, &req->actor, provider, month, &id, &err);
	if (rc != BUD_OK && !bud_view_page_error(err.code) && !err.field[0])
		snprintf(err.field, sizeof err.field, "month");
	return sent(req, rc, id, &err, &form, NULL);
}

int bud_web_invoice_approve(bud_req *req)
{
	struct bud_form form;
	const char *password = NULL;
	char where[48];
	int64_t id;
	bud_err err;
	int rc;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	bud_form_init(&form, &approve_form, req->lang);
	rc = bud_req_str(req, "password", 1, BUD_PASSWORD_MAX, &password, &err);
	if (rc == BUD_OK)
		rc = bud_invoice_approve(req->app, &req->actor, id, password, &err);
	if (rc == BUD_OK) {
		bud_form_release(&form);
		snprintf(where, sizeof where, "/invoices/%" PRId64 "?done=approved", id);
		return bud_resp_redirect(req, where);
	}
	if (bud_view_page_error(err.code)) {
		bud_form_release(&form);
		return bud_resp_error(req, &err);
	}
	bud_form_add(&form, &err, "password");
	return show_page(req, id, bud_view_form_status(err.code), &form, NULL);
}

int bud_web_invoice_events(bud_req *req)
{
	struct bud_form form;
	const char *from = NULL, *to = NULL;
	int64_t provider, id = 0;
	bud_err err;
	int rc;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &provider, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	bud_form_init(&form, &send_form, req->lang);
	rc = bud_form_check(&form, bud_req_date(req, "period_from", 1, &from, &err), &err);
	rc |= bud_form_check(&form, bud_req_date(req, "period_to", 1, &to, &err), &err);
	if (rc)
		return list_page(req, 422, &form, NULL);
	rc = bud_invoice_events(req->app, &req->actor, provider, from, to, &id, &err);
	return sent(req, rc, id, &err, &form, NULL);
}
