/*
 * web/events.c: the service event pages (web/events.h).
 *
 * The provider records on the page of a commitment (ev_commitment.html):
 * a form with the day (today), the amount, a note and the provider's own
 * reference, which the page suggests fresh each time it is shown, so a
 * form sent twice is recorded once (the second is a duplicate). Its list
 * of all events (ev_provider.html) takes a CSV pasted into a text area
 * and answers line by line. The client's list (ev_client.html) says in
 * plain words what each service is and until when it can be disputed,
 * with a confirm button; the event page (ev_show.html) has the dispute
 * form, or for a worker the resolution form. A refused step shows its
 * page again with the form toolkit's errors (web/form.h).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/commitment.h"
#include "app/event.h"
#include "bud_limits.h"
#include "core/date.h"
#include "core/i18n.h"
#include "core/money.h"
#include "web/events.h"
#include "web/form.h"
#include "web/guide.h"
#include "web/view.h"
#include "web/web.h"

static const struct bud_form_field record_fields[] = {
	{"on_date", "ev-date", "evweb.field.date", NULL},
	{"quantity", "ev-quantity", "evweb.field.quantity", NULL},
	{"note", "ev-note", "evweb.field.note", NULL},
	{"external_id", "ev-ext", "evweb.field.external_id", NULL},
	{"commitment_id", "ev-date", "evweb.field.date", NULL},
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_def record_form = {"ev-record", record_fields};
static const struct bud_form_field csv_fields[] = {
	{"csv", "ev-csv", "evweb.csv.field", NULL},
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_def csv_form = {"ev-csv-form", csv_fields};
static const struct bud_form_field say_fields[] = {
	{"reason", "ev-reason", "evweb.dispute.reason", NULL},
	{"outcome", "ev-outcome", "evweb.resolve.legend", "ev-upheld"},
	{"note", "ev-resolution", "evweb.resolve.note", NULL},
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_def say_form = {"ev-say", say_fields};

/* "2 tuntia", "1,5 vuorokautta". */
static json_t *qty_text(int64_t q, const char *unit, const char *lang)
{
	char qty[BUD_MONEY_BUF], out[160];

	if (bud_qty_format(q, lang, qty, sizeof qty) != BUD_OK)
		qty[0] = '\0';
	snprintf(out, sizeof out, "%s %s", qty, bud_view_word(lang, "planweb.unit.",
		 unit, q == 100 ? ".one" : ".other"));
	return json_string(out);
}

/* One event view v (app/event.h) for the templates. */
static json_t *ev_row(json_t *v, const char *lang)
{
	const char *eff = bud_view_str(v, "effective_state");
	json_t *m;

	m = json_pack("{s:I, s:I, s:I, s:o, s:s, s:s, s:o, s:o, s:o, s:s, s:s, "
		"s:s, s:o, s:s, s:s, s:s, s:s, s:o}",
		"id", (json_int_t)bud_view_int(v, "id"),
		"commitment_id", (json_int_t)bud_view_int(v, "commitment_id"),
		"client_id", (json_int_t)bud_view_int(v, "client_id"),
		"date", bud_view_date(bud_view_str(v, "on_date"), lang),
		"service", bud_view_lang_name(json_object_get(v, "service"), lang),
		"provider", bud_view_str(json_object_get(v, "provider"), "name"),
		"client", bud_view_person_name(json_object_get(v, "client")),
		"quantity", qty_text(bud_view_int(v, "quantity"), bud_view_str(v, "unit"), lang),
		"amount", bud_view_money(bud_view_int(v, "amount"), lang),
		"state", bud_view_word(lang, "evweb.state.", eff, ""),
		"state_code", eff,
		"note", bud_view_str(v, "note"),
		"until", bud_view_date(bud_view_str(v, "dispute_until"), lang),
		"external_id", bud_view_str(v, "external_id"),
		"reason", bud_view_str(v, "reason"),
		"resolution", bud_view_str(v, "resolution"),
		"state_raw", bud_view_str(v, "state"),
		"recorded", bud_view_unix_date(bud_view_int(v, "recorded_at"), lang));
	if (!m)
		return json_object();
	json_object_set(m, "can", json_object_get(v, "can"));
	json_object_set_new(m, "held", json_boolean(json_is_true(json_object_get(v, "held"))));
	json_object_set_new(m, "by_default", json_boolean(strcmp(eff, "confirmed_by_default") == 0));
	return m;
}

static json_t *rows_of(json_t *list, const char *lang)
{
	json_t *rows = json_array(), *it;
	size_t i;

	json_array_foreach(list, i, it)
		json_array_append_new(rows, ev_row(it, lang));
	return rows;
}

static void set_notice(json_t *m, const char *lang, const char *key)
{
	if (key)
		json_object_set_new(m, "notice", json_string(bud_msg(lang, key)));
}

/* ---- the provider's page of one commitment ---------------------------- */

/* The record form's values: what was sent, else today and a fresh
 * suggested reference. */
static json_t *record_values(bud_req *req, int posted)
{
	char today[BUD_DATE_BUF], ext[48];

	if (posted)
		return json_pack("{s:s, s:s, s:s, s:s}",
			"on_date", bud_view_form_value(req, "on_date"),
			"quantity", bud_view_form_value(req, "quantity"),
			"note", bud_view_form_value(req, "note"),
			"external_id", bud_view_form_value(req, "external_id"));
	if (bud_app_today(req->app, today, sizeof today) != BUD_OK)
		today[0] = '\0';
	snprintf(ext, sizeof ext, "W-%" PRId64 "-%" PRId64, req->actor.user_id,
		 bud_app_now(req->app));
	return json_pack("{s:o, s:s, s:s, s:s}", "on_date", bud_form_date(today, req->lang),
			 "quantity", "",
			 "note", "", "external_id", ext);
}

static json_t *cm_facts(json_t *cm, const char *lang)
{
	return json_pack("{s:I, s:o, s:s, s:o, s:o, s:o, s:s}",
		"id", (json_int_t)bud_view_int(cm, "id"),
		"client", bud_view_person_name(json_object_get(cm, "client")),
		"service", bud_view_lang_name(json_object_get(cm, "service"), lang),
		"quantity", qty_text(bud_view_int(cm, "quantity"), bud_view_str(cm, "unit"), lang),
		"from", bud_view_date(bud_view_str(cm, "valid_from"), lang),
		"to", bud_view_date(bud_view_str(cm, "valid_to"), lang),
		"state", bud_view_word(lang, "cmweb.state.", bud_view_str(cm, "state"), ""));
}

static int cm_page(bud_req *req, int64_t id, int status, struct bud_form *form,
		   const char *notice)
{
	json_t *cm = NULL, *list = NULL, *m;
	struct bud_page pg;
	char path[64];
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_page(req, &pg, &err) ||
	    bud_commitment_get(req->app, &req->actor, id, &cm, &err) ||
	    bud_event_list_provider(req->app, &req->actor, id, &pg, &list, &err)) {
		json_decref(cm);
		bud_form_release(form);
		return bud_resp_error(req, &err);
	}
	m = json_pack("{s:o, s:o, s:o, s:b, s:I}", "cm", cm_facts(cm, req->lang),
		"rows", rows_of(list, req->lang), "form", record_values(req, form != NULL),
		"none", json_array_size(list) == 0, "provider_id",
		(json_int_t)req->actor.provider_id);
	set_notice(m, req->lang, notice);
	snprintf(path, sizeof path, "/commitments/%" PRId64 "/events", id);
	bud_web_pager(m, path, NULL, &pg, 0, json_array_size(list));
	json_decref(cm);
	json_decref(list);
	if (form)
		bud_form_model(form, m);
	return bud_web_page(req, status, "ev_commitment", "evweb.cm.title", m);
}

int bud_web_commitment_events(bud_req *req)
{
	int done = 0;
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	bud_req_bool(req, "done", &done, &err);
	return cm_page(req, id, 200, NULL, done ? "evweb.notice.recorded" : NULL);
}

/* The record form's fields into in; each failure added to form. */
static void read_record(bud_req *req, struct bud_form *form,
			struct bud_event_input *in)
{
	const char *date = NULL, *qty = NULL;
	bud_err err;

	bud_err_clear(&err);
	if (!bud_form_check(form, bud_req_date(req, "on_date", 1, &date, &err), &err))
		snprintf(in->on_date, sizeof in->on_date, "%s", date);
	if (!bud_form_check(form, bud_req_str(req, "quantity", 1, BUD_MAX_MONEY_LEN,
					      &qty, &err), &err))
		bud_form_check(form, bud_qty_parse(qty, "quantity", &in->quantity, &err), &err);
	bud_form_check(form, bud_req_str(req, "note", 0, BUD_NOTE_MAX, &in->note, &err), &err);
	bud_form_check(form, bud_req_str(req, "external_id", 1, BUD_EVENT_EXTERNAL_MAX,
					 &in->external_id, &err), &err);
}

int bud_web_event_record(bud_req *req)
{
	struct bud_event_input in = {0};
	struct bud_form form;
	char where[64];
	int64_t ev = 0;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &in.commitment_id, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	bud_form_init(&form, &record_form, req->lang);
	read_record(req, &form, &in);
	if (bud_form_count(&form))
		return cm_page(req, in.commitment_id, 422, &form, NULL);
	if (bud_event_record(req->app, &req->actor, &in, &ev, &err) == BUD_OK) {
		bud_form_release(&form);
		snprintf(where, sizeof where, "/commitments/%" PRId64 "/events?done=1",
			 in.commitment_id);
		return bud_resp_redirect(req, where);
	}
	if (bud_view_page_error(err.code)) {
		bud_form_release(&form);
		return bud_resp_error(req, &err);
	}
	bud_form_add(&form, &err, NULL);
	return cm_page(req, in.commitment_id, bud_view_form_status(err.code), &form, NULL);
}

/* ---- the provider's list and its CSV ---------------------------------- */

/* The report of a CSV: the counts and each line that was not written. */
static json_t *csv_report(const struct bud_event_csv_report *rep, const char *lang)
{
	json_t *lines = json_array();
	char text[512];
	size_t i;

	for (i = 0; i < rep->n; i++) {
		const struct bud_event_csv_line *l = &rep->lines[i];
		const struct bud_form_field *f;

		if (l->res.rc == BUD_OK)
			continue;
		f = bud_form_field(&record_form, l->res.err.field);
		snprintf(text, sizeof text, "%s%s%s", f ? bud_msg(lang, f->label) : "",
			 f ? ": " : "", bud_view_err_message(lang, &l->res.err));
		json_array_append_new(lines, json_pack("{s:I, s:s, s:b}", "line",
			(json_int_t)l->line, "message", text,
			"duplicate", strcmp(l->res.code, "duplicate") == 0));
	}
	return json_pack("{s:I, s:I, s:I, s:o, s:b}", "written", (json_int_t)rep->written,
		"duplicates", (json_int_t)rep->duplicates, "refused", (json_int_t)rep->refused,
		"lines", lines, "any", json_array_size(lines) > 0);
}

static int provider_page(bud_req *req, int64_t pid, int status,
			 struct bud_form *form, json_t *report)
{
	json_t *list = NULL, *m;
	struct bud_page pg;
	char path[64];
	bud_err err;

	bud_err_clear(&err);
	if (pid != req->actor.provider_id)
		bud_err_set(&err, BUD_ENOTFOUND, NULL, "err.authz.denied", "not its provider");
	if (err.code || bud_req_page(req, &pg, &err) ||
	    bud_event_list_provider(req->app, &req->actor, 0, &pg, &list, &err)) {
		bud_form_release(form);
		json_decref(report);
		return bud_resp_error(req, &err);
	}
	m = json_pack("{s:o, s:b, s:I, s:s}", "rows", rows_of(list, req->lang),
		"none", json_array_size(list) == 0, "provider_id", (json_int_t)pid,
		"csv", form ? bud_view_form_value(req, "csv") : "");
	if (report)
		json_object_set_new(m, "report", report);
	snprintf(path, sizeof path, "/providers/%" PRId64 "/events", pid);
	bud_web_pager(m, path, NULL, &pg, 0, json_array_size(list));
	json_decref(list);
	if (form)
		bud_form_model(form, m);
	return bud_web_page(req, status, "ev_provider", "evweb.provider.title", m);
}

int bud_web_provider_events(bud_req *req)
{
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	return provider_page(req, id, 200, NULL, NULL);
}

int bud_web_events_csv(bud_req *req)
{
	struct bud_event_csv_report rep;
	struct bud_form form;
	const char *csv = NULL;
	json_t *report;
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	bud_form_init(&form, &csv_form, req->lang);
	if (bud_form_check(&form, bud_req_str(req, "csv", 1, 0, &csv, &err), &err))
		return provider_page(req, id, 422, &form, NULL);
	if (bud_event_import_csv(req->app, &req->actor, csv, strlen(csv), &rep, &err)) {
		if (bud_view_page_error(err.code)) {
			bud_form_release(&form);
			return bud_resp_error(req, &err);
		}
		bud_form_add(&form, &err, "csv");
		return provider_page(req, id, 422, &form, NULL);
	}
	report = csv_report(&rep, req->lang);
	bud_event_csv_release(&rep);
	bud_form_release(&form);
	return provider_page(req, id, 200, NULL, report);
}

/* ---- the client's list ----------------------------------------------- */

int bud_web_client_events(bud_req *req)
{
	static const char *const dones[] = {"confirmed", "disputed", NULL};
	const char *done = NULL;
	json_t *list = NULL, *m;
	struct bud_page pg;
	char path[64], key[48];
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) || bud_req_page(req, &pg, &err) ||
	    bud_event_list_client(req->app, &req->actor, id, &pg, &list, &err))
		return bud_resp_error(req, &err);
	bud_req_enum(req, "done", 0, dones, &done, &err);
	m = json_pack("{s:o, s:b, s:I, s:b}", "rows", rows_of(list, req->lang),
		"none", json_array_size(list) == 0, "client_id", (json_int_t)id,
		"client_side", req->actor.role == BUD_ROLE_CLIENT ||
			       req->actor.role == BUD_ROLE_REPRESENTATIVE);
	if (done) {
		snprintf(key, sizeof key, "evweb.notice.%s", done);
		set_notice(m, req->lang, key);
	}
	snprintf(path, sizeof path, "/clients/%" PRId64 "/events", id);
	bud_web_pager(m, path, NULL, &pg, 0, json_array_size(list));
	json_decref(list);
	bud_web_easy_page(req, m);	/* web/guide.h */
	return bud_web_page(req, 200, "ev_client", "evweb.client.title", m);
}

/* ---- one event: confirm, dispute, resolve ----------------------------- */

static int show_page(bud_req *req, int64_t id, int status, struct bud_form *form)
{
	json_t *v = NULL, *m;
	bud_err err;

	bud_err_clear(&err);
	if (bud_event_get(req->app, &req->actor, id, &v, &err) != BUD_OK) {
		bud_form_release(form);
		return bud_resp_error(req, &err);
	}
	m = json_pack("{s:o, s:b, s:s, s:s, s:s}", "ev", ev_row(v, req->lang),
		"provider_side", req->actor.role == BUD_ROLE_PROVIDER_USER,
		"reason_value", form ? bud_view_form_value(req, "reason") : "",
		"note_value", form ? bud_view_form_value(req, "note") : "",
		"outcome_value", form ? bud_view_form_value(req, "outcome") : "");
	json_decref(v);
	if (form)
		bud_form_model(form, m);
	return bud_web_page(req, status, "ev_show", "evweb.show.title", m);
}

int bud_web_event_show(bud_req *req)
{
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	return show_page(req, id, 200, NULL);
}

/* After a step on event id: where its list is, or its page with errors. */
static int said(bud_req *req, int64_t id, int rc, bud_err *err,
		struct bud_form *form, const char *done)
{
	json_t *v = NULL;
	char where[80];

	if (rc == BUD_OK) {
		bud_form_release(form);
		if (strcmp(done, "resolved") == 0)
			return bud_resp_redirect(req, "/disputes?done=1");
		bud_err_clear(err);
		if (bud_event_get(req->app, &req->actor, id, &v, err) != BUD_OK)
			return bud_resp_error(req, err);
		snprintf(where, sizeof where, "/clients/%" PRId64 "/events?done=%s",
			 (int64_t)bud_view_int(v, "client_id"), done);
		json_decref(v);
		return bud_resp_redirect(req, where);
	}
	if (bud_view_page_error(err->code)) {
		bud_form_release(form);
		return bud_resp_error(req, err);
	}
	bud_form_add(form, err, NULL);
	return show_page(req, id, bud_view_form_status(err->code), form);
}

int bud_web_event_confirm(bud_req *req)
{
	struct bud_form form;
	int64_t id;
	bud_err err;
	int rc;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	bud_form_init(&form, &say_form, req->lang);
	rc = bud_event_confirm(req->app, &req->actor, id, &err);
	return said(req, id, rc, &err, &form, "confirmed");
}

int bud_web_event_dispute(bud_req *req)
{
	struct bud_form form;
	const char *reason = NULL;
	int64_t id;
	bud_err err;
	int rc;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	bud_form_init(&form, &say_form, req->lang);
	rc = bud_req_str(req, "reason", 1, BUD_NOTE_MAX, &reason, &err);
	if (rc == BUD_OK)
		rc = bud_event_dispute(req->app, &req->actor, id, reason, &err);
	return said(req, id, rc, &err, &form, "disputed");
}

int bud_web_event_resolve(bud_req *req)
{
	static const char *const outcomes[] = {"upheld", "dismissed", NULL};
	struct bud_form form;
	const char *outcome = NULL, *note = NULL;
	int64_t id;
	bud_err err;
	int bad = 0, rc = BUD_OK;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	bud_form_init(&form, &say_form, req->lang);
	bad |= bud_form_check(&form, bud_req_enum(req, "outcome", 1, outcomes, &outcome,
						  &err), &err);
	bad |= bud_form_check(&form, bud_req_str(req, "note", 1, BUD_NOTE_MAX, &note, &err),
			      &err);
	if (bad)
		return show_page(req, id, 422, &form);
	rc = bud_event_resolve(req->app, &req->actor, id,
			       strcmp(outcome, "upheld") == 0, note, &err);
	return said(req, id, rc, &err, &form, "resolved");
}

/* ---- a worker's disputes --------------------------------------------- */

int bud_web_disputes(bud_req *req)
{
	json_t *list = NULL, *m;
	struct bud_page pg;
	int done = 0;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_page(req, &pg, &err) ||
	    bud_event_list_disputed(req->app, &req->actor, &pg, &list, &err))
		return bud_resp_error(req, &err);
	bud_req_bool(req, "done", &done, &err);
	m = json_pack("{s:o, s:b}", "rows", rows_of(list, req->lang),
		      "none", json_array_size(list) == 0);
	set_notice(m, req->lang, done ? "evweb.notice.resolved" : NULL);
	bud_web_pager(m, "/disputes", NULL, &pg, 0, json_array_size(list));
	json_decref(list);
	return bud_web_page(req, 200, "ev_disputes", "evweb.disputes.title", m);
}
