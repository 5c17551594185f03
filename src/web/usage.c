/*
 * web/usage.c: the budget-against-use pages (web/usage.h). The report
 * page reads the whole report once (the totals need every line), shows
 * one page of its rows as a chart and a table built from the same report
 * table (app/usage.c), and links the downloads with the same query. A bad
 * period or grouping shows the filter form with its errors (status 422).
 */
#include <stdio.h>
#include <string.h>

#include "app/usage.h"
#include "bud_limits.h"
#include "core/i18n.h"
#include "core/money.h"
#include "http/download.h"
#include "web/chart.h"
#include "web/form.h"
#include "web/report_table.h"
#include "web/usage.h"
#include "web/view.h"
#include "web/web.h"

static const struct bud_form_field fields[] = {
	{"from", "usage-from", "usage.form.from", NULL},
	{"to", "usage-to", "usage.form.to", NULL},
	{"by", "usage-by", "usage.form.by", NULL},
	{"client_id", "usage-from", "usage.form.from", NULL},
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_def form_def = {"usage-form", fields};

/* The query of the filter, read as the API reads it. */
static int query(bud_req *req, struct bud_usage_query *q, struct bud_form *f)
{
	const char *by = NULL;
	bud_err err;

	memset(q, 0, sizeof(*q));
	/* finance sees sums only: per service unless it asks otherwise */
	q->by = req->actor.role == BUD_ROLE_FINANCE ? BUD_USAGE_SERVICE : BUD_USAGE_LINE;
	bud_err_clear(&err);
	bud_form_check(f, bud_req_date(req, "from", 0, &q->from, &err), &err);
	bud_err_clear(&err);
	bud_form_check(f, bud_req_date(req, "to", 0, &q->to, &err), &err);
	bud_err_clear(&err);
	if (!bud_form_check(f, bud_req_str(req, "by", 0, 16, &by, &err), &err) && by && *by)
		bud_form_check(f, bud_usage_by_parse(by, "by", &q->by, &err), &err);
	bud_err_clear(&err);
	bud_form_check(f, bud_req_i64(req, "client_id", 0, 1, INT64_MAX, &q->client_id, &err),
		       &err);
	return bud_form_count(f) ? BUD_EINVAL : BUD_OK;
}

/* "from=..&to=..&by=..[&client_id=..]" of u (its values are plain). */
static void query_text(const struct bud_usage *u, char *out, size_t n)
{
	int k = snprintf(out, n, "from=%s&to=%s&by=%s", u->from, u->to, bud_usage_by_name(u->by));

	if (u->client_id && k > 0 && (size_t)k < n)
		snprintf(out + k, n - (size_t)k, "&client_id=%lld", (long long)u->client_id);
}

/* The chart's own small table: label, the part and the whole. */
static int chart_html(const struct bud_usage *u, size_t first, size_t n, const char *lang,
		      bud_buf *out)
{
	struct bud_chart c = {"usage-chart", bud_msg(lang, u->by == BUD_USAGE_PROVIDER ?
			      "usage.chart.spent" : "usage.chart.used"), 0, 1, 2};
	struct bud_report r;
	char label[2 * BUD_NAME_MAX + 8];
	size_t i;
	int rc;

	bud_report_init(&r, lang, bud_msg(lang, "usage.chart.title"));
	bud_report_col(&r, bud_msg(lang, "usage.col.name"), BUD_RT_TEXT);
	bud_report_col(&r, bud_msg(lang, "usage.col.used"), BUD_RT_MONEY);
	bud_report_col(&r, bud_msg(lang, "usage.col.granted"), BUD_RT_MONEY);
	for (i = first; i < first + n; i++) {
		const struct bud_usage_row *x = &u->rows[i];

		if (u->by == BUD_USAGE_LINE)
			snprintf(label, sizeof(label), "%s: %s", x->client_name, x->service);
		else
			snprintf(label, sizeof(label), "%s", u->by == BUD_USAGE_CLIENT ? x->client_name :
				 u->by == BUD_USAGE_SERVICE ? x->service : x->provider);
		bud_report_text(&r, label);
		bud_report_num(&r, u->by == BUD_USAGE_PROVIDER ? x->spent : x->used);
		bud_report_num(&r, u->by == BUD_USAGE_PROVIDER ? x->reserved : x->granted);
	}
	rc = bud_chart_bars(out, &r, &c);
	bud_report_release(&r);
	return rc;
}

/* The rows of page pg as the chart and the table (HTML built here). */
static json_t *figures(bud_req *req, const struct bud_usage *u, struct bud_page *pg)
{
	struct bud_usage view = *u;	/* a window on u's rows; never released */
	size_t first = (size_t)pg->at < u->nrows ? (size_t)pg->at : u->nrows;
	size_t n = u->nrows - first < (size_t)pg->limit ? u->nrows - first : (size_t)pg->limit;
	struct bud_report r;
	bud_buf b;
	json_t *o;

	pg->next = first + n < u->nrows ? (int64_t)(first + n) : 0;
	view.rows = u->rows + first;
	view.nrows = n;
	bud_buf_init(&b, BUD_MAX_RESPONSE);
	chart_html(u, first, n, req->lang, &b);
	o = json_pack("{s:s s:I}", "chart", bud_buf_str(&b), "shown", (json_int_t)n);
	bud_buf_reset(&b);
	if (bud_usage_table(&view, req->lang, 0, &r) == BUD_OK)
		bud_web_report_table(&b, &r, "usage-table");
	json_object_set_new(o, "table", json_string(bud_buf_str(&b)));
	bud_report_release(&r);
	bud_buf_free(&b);
	return o;
}

static json_t *totals_model(const struct bud_usage *u, const char *lang)
{
	const struct bud_usage_row *t = &u->total;
	char share[32];

	bud_qty_format(t->fc.used_share, lang, share, sizeof(share));
	return json_pack("{s:o s:o s:o s:o s:o s:s s:I s:I s:I s:b}",
		"granted", bud_view_money(t->granted, lang),
		"reserved", bud_view_money(t->reserved, lang),
		"used", bud_view_money(t->used, lang), "spent", bud_view_money(t->spent, lang),
		"remaining", bud_view_money(t->remaining, lang), "used_share", share,
		"lines", (json_int_t)t->lines, "runs_out", (json_int_t)t->runs_out,
		"underused", (json_int_t)t->underused, "providers", u->by == BUD_USAGE_PROVIDER);
}

static json_t *page_model(bud_req *req, const struct bud_usage *u, struct bud_page *pg)
{
	char q[160];
	json_t *m = figures(req, u, pg);

	query_text(u, q, sizeof(q));
	json_object_set_new(m, "from", bud_form_date(u->from, req->lang));
	json_object_set_new(m, "to", bud_form_date(u->to, req->lang));
	json_object_set_new(m, "as_of", bud_view_date(u->as_of, req->lang));
	json_object_set_new(m, "query", json_string(q));
	json_object_set_new(m, "totals", totals_model(u, req->lang));
	json_object_set_new(m, "none", json_boolean(u->nrows == 0));
	json_object_set_new(m, "sel", json_pack("{s:b}", bud_usage_by_name(u->by), 1));
	json_object_set_new(m, "finance", json_boolean(req->actor.role == BUD_ROLE_FINANCE));
	if (u->client_id)
		json_object_set_new(m, "client_id", json_integer(u->client_id));
	bud_web_pager(m, "/reports/usage", q, pg, pg->at + 1, (size_t)json_integer_value(
		      json_object_get(m, "shown")));
	return m;
}

/* The filter again, with what was asked and its errors. */
static int form_page(bud_req *req, struct bud_form *f)
{
	json_t *m = json_pack("{s:s s:s s:o s:b s:b}",
		"from", bud_view_form_value(req, "from"), "to", bud_view_form_value(req, "to"),
		"sel", json_object(), "none", 1, "failed", 1);

	bud_form_model(f, m);
	bud_form_release(f);
	return bud_web_page(req, 422, "usage", "usage.title", m);
}

int bud_web_usage(bud_req *req)
{
	struct bud_usage_query q;
	struct bud_usage u;
	struct bud_form f;
	struct bud_page pg;
	bud_err err;
	int rc;

	bud_err_clear(&err);
	bud_form_init(&f, &form_def, req->lang);
	if (query(req, &q, &f) != BUD_OK)
		return form_page(req, &f);
	if (bud_req_page(req, &pg, &err) != BUD_OK) {
		bud_form_release(&f);
		return bud_resp_error(req, &err);
	}
	rc = bud_usage_read(req->app, &req->actor, &q, req->lang, &u, &err);
	if (rc == BUD_EINVAL) {
		bud_form_add(&f, &err, NULL);
		bud_usage_release(&u);
		return form_page(req, &f);
	}
	bud_form_release(&f);
	if (rc != BUD_OK) {
		bud_usage_release(&u);
		return bud_resp_error(req, &err);
	}
	rc = bud_web_page(req, 200, "usage", "usage.title", page_model(req, &u, &pg));
	bud_usage_release(&u);
	return rc;
}

int bud_web_usage_export(bud_req *req)
{
	static const char *const formats[] = {"csv", "xlsx", NULL};
	struct bud_usage_query q;
	struct bud_report r;
	struct bud_form f;
	enum bud_report_kind kind = BUD_REPORT_CSV;
	const char *format = NULL;
	char name[64];
	bud_err err;
	int rc;

	bud_err_clear(&err);
	memset(&r, 0, sizeof(r));
	bud_form_init(&f, &form_def, req->lang);
	rc = query(req, &q, &f);
	bud_form_release(&f);
	if (rc != BUD_OK)
		bud_err_set(&err, rc, NULL, "err.usage.period", "bad query");
	if (rc == BUD_OK && (rc = bud_req_enum(req, "format", 1, formats, &format, &err)) == BUD_OK)
		rc = bud_report_kind_parse(format, "format", &kind, &err);
	if (rc == BUD_OK)
		rc = bud_usage_file(req->app, &req->actor, &q, req->lang, &r, name,
				    sizeof(name), &err);
	rc = rc == BUD_OK ? bud_resp_report(req, &r, kind, name) : bud_resp_error(req, &err);
	bud_report_release(&r);
	return rc;
}

static json_t *share_text(json_t *o, const char *k, const char *lang)
{
	char s[32];

	bud_qty_format((int64_t)json_integer_value(json_object_get(o, k)), lang, s, sizeof(s));
	return json_string(s);
}

/* A worker's alerts: each item gets a flag of its kind and its figures
 * as people read them. */
static void worker_alerts(bud_req *req, json_t *m)
{
	json_t *a = NULL, *it;
	bud_err err;
	size_t i;

	if (bud_usage_alerts(req->app, &req->actor, req->lang, &a, &err) != BUD_OK) {
		json_object_set_new(m, "unavailable", json_true());
		return;
	}
	json_array_foreach(json_object_get(a, "lines"), i, it) {
		json_object_set_new(it, bud_view_str(it, "kind"), json_true());
		json_object_set_new(it, "used_pct", share_text(it, "used_share", req->lang));
		json_object_set_new(it, "time_pct", share_text(it, "time_share", req->lang));
		json_object_set_new(it, "runout_text", bud_view_date(bud_view_str(it, "runout"),
								    req->lang));
	}
	json_array_foreach(json_object_get(a, "others"), i, it) {
		json_object_set_new(it, bud_view_str(it, "kind"), json_true());
		json_object_set_new(it, "day_text", bud_view_date(bud_view_str(it, "day"), req->lang));
	}
	json_object_set_new(a, "any", json_boolean(json_array_size(json_object_get(a, "lines")) +
						   json_array_size(json_object_get(a, "others")) > 0));
	json_object_set_new(m, "usage_alerts", a);
}

/* A client's own lines in plain figures. */
static void own_lines(bud_req *req, json_t *m)
{
	json_t *o = NULL, *it;
	bud_err err;
	size_t i;

	if (bud_usage_own(req->app, &req->actor, req->actor.client_id, req->lang, &o,
			  &err) != BUD_OK) {
		json_object_set_new(m, "unavailable", json_true());
		return;
	}
	json_array_foreach(json_object_get(o, "lines"), i, it) {
		json_object_set_new(it, "granted_text",
				    bud_view_money(bud_view_int(it, "granted"), req->lang));
		json_object_set_new(it, "used_text", bud_view_money(bud_view_int(it, "used"), req->lang));
		json_object_set_new(it, "remaining_text",
				    bud_view_money(bud_view_int(it, "remaining"), req->lang));
		json_object_set_new(it, bud_view_str(it, "state"), json_true());
		json_object_set_new(it, "runout_text", bud_view_date(bud_view_str(it, "runout"),
								    req->lang));
		json_object_set_new(it, "end_text", bud_view_date(bud_view_str(it, "valid_to"),
								 req->lang));
	}
	json_object_set_new(o, "any", json_boolean(json_array_size(json_object_get(o, "lines"))));
	json_object_set_new(m, "usage_own", o);
}

void bud_web_usage_home(bud_req *req, json_t *m)
{
	if (req->actor.role == BUD_ROLE_WORKER)
		worker_alerts(req, m);
	else if (req->actor.role == BUD_ROLE_CLIENT)
		own_lines(req, m);
}

static const struct bud_form_field settings_fields[] = {
	{"usage_from_pct", "usage_from_pct", "usage.settings.from", NULL},
	{"usage_pace_pct", "usage_pace_pct", "usage.settings.pace", NULL},
	{"usage_warn_days", "usage_warn_days", "usage.settings.days", NULL},
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_def settings_def = {"usage-settings-form", settings_fields};

void bud_web_usage_settings_model(bud_req *req, json_t *m)
{
	struct bud_usage_settings s;
	bud_err err;

	if (bud_usage_settings_get(req->app, &req->actor, &s, &err) != BUD_OK)
		return;
	json_object_set_new(m, "usage_settings", json_pack("{s:i s:i s:i s:b}",
		"from_pct", s.from_pct, "pace_pct", s.pace_pct, "warn_days", s.warn_days,
		"saved", bud_req_query(req, "saved") && !strcmp(bud_req_query(req, "saved"), "usage")));
}

int bud_web_usage_settings_save(bud_req *req)
{
	struct bud_usage_settings s;
	struct bud_form f;
	int64_t v[3] = {0, 0, 0};
	bud_err err;
	json_t *m;
	int i;

	bud_form_init(&f, &settings_def, req->lang);
	for (i = 0; i < 3; i++) {
		bud_err_clear(&err);
		bud_form_check(&f, bud_req_i64(req, settings_fields[i].name, 1, 1,
					       i == 2 ? 365 : 100, &v[i], &err), &err);
	}
	s.from_pct = (int)v[0];
	s.pace_pct = (int)v[1];
	s.warn_days = (int)v[2];
	bud_err_clear(&err);
	if (!bud_form_count(&f) && bud_usage_settings_set(req->app, &req->actor, &s, &err) == BUD_OK) {
		bud_form_release(&f);
		return bud_resp_redirect(req, "/settings?saved=usage");
	}
	if (err.code)
		bud_form_add(&f, &err, NULL);
	m = json_pack("{s:{s:s s:s s:s}}", "usage_settings",
		"from_pct", bud_view_form_value(req, "usage_from_pct"),
		"pace_pct", bud_view_form_value(req, "usage_pace_pct"),
		"warn_days", bud_view_form_value(req, "usage_warn_days"));
	bud_form_model(&f, m);
	bud_form_release(&f);
	return bud_web_page(req, 422, "usage_settings_page", "usage.settings.title", m);
}
