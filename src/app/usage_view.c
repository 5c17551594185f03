/*
 * app/usage_view.c: a budget-against-use report (app/usage.h) as the
 * API's JSON and as the report table (core/report.h) that the page, the
 * chart and the downloads share. The headings come from the catalog in
 * the reader's language; the forecast's state is a word of the JSON and a
 * sentence of the table.
 */
#include <stdio.h>
#include <string.h>

#include "app/usage.h"
#include "core/date.h"
#include "core/i18n.h"

static const char *fc_names[] = {"not_started", "lasts", "runs_out", "exceeded", "ended"};

static json_t *day_json(int64_t day)
{
	int y, m, d;
	char s[BUD_DATE_BUF];

	if (day < 0 || bud_date_from_days(day, &y, &m, &d) != BUD_OK ||
	    bud_date_format(y, m, d, s) != BUD_OK)
		return json_null();
	return json_string(s);
}

static json_t *line_json(const struct bud_usage_row *x)
{
	return json_pack("{sI sI sI ss ss ss so so sI sI sI sI sI sI sI sI sI sI sI"
			 " ss so sb}",
			 "line_id", (json_int_t)x->id, "plan_id", (json_int_t)x->plan_id,
			 "client_id", (json_int_t)x->client_id, "client_name", x->client_name,
			 "service", x->service, "provider", x->provider,
			 "valid_from", day_json(x->start), "valid_to", day_json(x->end),
			 "granted", (json_int_t)x->granted, "reserved", (json_int_t)x->reserved,
			 "used", (json_int_t)x->used, "delivered", (json_int_t)x->delivered,
			 "spent", (json_int_t)x->spent, "remaining", (json_int_t)x->remaining,
			 "used_share", (json_int_t)x->fc.used_share,
			 "time_share", (json_int_t)x->fc.time_share, "pace", (json_int_t)x->fc.pace,
			 "per_day", (json_int_t)x->fc.per_day,
			 "projected", (json_int_t)x->fc.projected,
			 "forecast", fc_names[x->fc.state], "runout", day_json(x->fc.runout),
			 "underused", x->underused);
}

/* A group (client, service, provider) or the total. */
static json_t *group_json(const struct bud_usage *u, const struct bud_usage_row *x, int total)
{
	json_t *o = json_pack("{sI sI sI sI sI sI sI sI sI sI so}",
			      "lines", (json_int_t)x->lines, "granted", (json_int_t)x->granted,
			      "reserved", (json_int_t)x->reserved, "used", (json_int_t)x->used,
			      "delivered", (json_int_t)x->delivered, "spent", (json_int_t)x->spent,
			      "remaining", (json_int_t)x->remaining,
			      "used_share", (json_int_t)x->fc.used_share,
			      "runs_out", (json_int_t)x->runs_out,
			      "underused", (json_int_t)x->underused,
			      "first_runout", day_json(x->first_runout));

	if (!o || total)
		return o;
	json_object_set_new(o, "id", json_integer(x->id));
	json_object_set_new(o, "name", json_string(u->by == BUD_USAGE_CLIENT ? x->client_name :
						 u->by == BUD_USAGE_SERVICE ? x->service :
						 x->provider));
	return o;
}

json_t *bud_usage_json(const struct bud_usage *u, struct bud_page *pg)
{
	size_t i, first = pg ? (size_t)pg->at : 0, n = u->nrows;
	json_t *items = json_array(), *o;
	char next[24];

	if (pg && first < n && n - first > (size_t)pg->limit)
		n = first + (size_t)pg->limit;
	for (i = first; items && i < n; i++)
		json_array_append_new(items, u->by == BUD_USAGE_LINE ? line_json(&u->rows[i]) :
				      group_json(u, &u->rows[i], 0));
	if (pg)
		pg->next = n < u->nrows ? (int64_t)n : 0;
	snprintf(next, sizeof(next), "%lld", pg ? (long long)pg->next : 0LL);
	o = json_pack("{ss ss ss ss so so so}", "from", u->from, "to", u->to, "as_of", u->as_of,
		      "by", bud_usage_by_name(u->by), "totals", group_json(u, &u->total, 1),
		      "items", items ? items : json_null(),
		      "next_cursor", pg && pg->next ? json_string(next) : json_null());
	return o;
}

static void col(struct bud_report *r, const char *lang, const char *key,
		enum bud_report_type t)
{
	bud_report_col(r, bud_msg(lang, key), t);
}

static void columns(const struct bud_usage *u, const char *lang, struct bud_report *r)
{
	static const char *first[] = {"usage.col.client", "usage.col.client",
				      "usage.col.service", "usage.col.provider"};

	col(r, lang, first[u->by], BUD_RT_TEXT);
	if (u->by == BUD_USAGE_LINE) {
		col(r, lang, "usage.col.service", BUD_RT_TEXT);
		col(r, lang, "usage.col.provider", BUD_RT_TEXT);
		col(r, lang, "usage.col.from", BUD_RT_DATE);
		col(r, lang, "usage.col.to", BUD_RT_DATE);
	} else {
		col(r, lang, u->by == BUD_USAGE_PROVIDER ? "usage.col.commitments" :
		    "usage.col.lines", BUD_RT_INT);
	}
	if (u->by == BUD_USAGE_PROVIDER) {
		col(r, lang, "usage.col.reserved", BUD_RT_MONEY);
		col(r, lang, "usage.col.delivered", BUD_RT_MONEY);
		col(r, lang, "usage.col.spent", BUD_RT_MONEY);
		col(r, lang, "usage.col.held", BUD_RT_MONEY);
		return;
	}
	col(r, lang, "usage.col.granted", BUD_RT_MONEY);
	col(r, lang, "usage.col.reserved", BUD_RT_MONEY);
	col(r, lang, "usage.col.used", BUD_RT_MONEY);
	col(r, lang, "usage.col.spent", BUD_RT_MONEY);
	col(r, lang, "usage.col.remaining", BUD_RT_MONEY);
	col(r, lang, "usage.col.used_share", BUD_RT_PERCENT);
	if (u->by == BUD_USAGE_LINE) {
		col(r, lang, "usage.col.time_share", BUD_RT_PERCENT);
		col(r, lang, "usage.col.forecast", BUD_RT_TEXT);
	} else {
		col(r, lang, "usage.col.runs_out", BUD_RT_INT);
		col(r, lang, "usage.col.underused", BUD_RT_INT);
	}
	col(r, lang, "usage.col.runout", BUD_RT_DATE);
}

static void forecast_text(struct bud_report *r, const char *lang,
			  const struct bud_usage_row *x)
{
	char key[48];

	snprintf(key, sizeof(key), "usage.fc.%s", fc_names[x->fc.state]);
	if (x->underused && x->fc.state == BUD_FC_LASTS)
		snprintf(key, sizeof(key), "usage.fc.underused");
	bud_report_text(r, bud_msg(lang, key));
}

static void runout_cell(struct bud_report *r, int64_t day)
{
	if (day < 0)
		bud_report_empty(r);
	else
		bud_report_num(r, day);
}

/* One row: x, or the totals (total: the first cell says so). */
static void row(const struct bud_usage *u, const char *lang, const struct bud_usage_row *x,
		int total, struct bud_report *r)
{
	int line = u->by == BUD_USAGE_LINE && !total;

	bud_report_text(r, total ? bud_msg(lang, "usage.total") :
			u->by <= BUD_USAGE_CLIENT ? x->client_name :
			u->by == BUD_USAGE_SERVICE ? x->service : x->provider);
	if (u->by == BUD_USAGE_LINE) {
		bud_report_text(r, line ? x->service : NULL);
		bud_report_text(r, line ? x->provider : NULL);
		line ? bud_report_num(r, x->start) : bud_report_empty(r);
		line ? bud_report_num(r, x->end) : bud_report_empty(r);
	} else {
		bud_report_num(r, x->lines);
	}
	if (u->by == BUD_USAGE_PROVIDER) {
		bud_report_num(r, x->reserved);
		bud_report_num(r, x->delivered);
		bud_report_num(r, x->spent);
		bud_report_num(r, x->remaining);
		return;
	}
	bud_report_num(r, x->granted);
	bud_report_num(r, x->reserved);
	bud_report_num(r, x->used);
	bud_report_num(r, x->spent);
	bud_report_num(r, x->remaining);
	bud_report_num(r, x->fc.used_share);
	if (u->by == BUD_USAGE_LINE) {
		line ? bud_report_num(r, x->fc.time_share) : bud_report_empty(r);
		line ? forecast_text(r, lang, x) : (void)bud_report_empty(r);
		runout_cell(r, line ? x->fc.runout : x->first_runout);
		return;
	}
	bud_report_num(r, x->runs_out);
	bud_report_num(r, x->underused);
	runout_cell(r, x->first_runout);
}

int bud_usage_table(const struct bud_usage *u, const char *lang, int with_total,
		    struct bud_report *r)
{
	char caption[512];
	size_t i;
	int rc;

	snprintf(caption, sizeof(caption), "%s: %s (%s\xE2\x80\x93%s)",
		 bud_msg(lang, "usage.title"), bud_msg(lang, u->by == BUD_USAGE_LINE ?
		 "usage.by.line" : u->by == BUD_USAGE_CLIENT ? "usage.by.client" :
		 u->by == BUD_USAGE_SERVICE ? "usage.by.service" : "usage.by.provider"),
		 u->from, u->to);
	if ((rc = bud_report_init(r, lang, caption)) != BUD_OK)
		return rc;
	columns(u, lang, r);
	for (i = 0; i < u->nrows; i++)
		row(u, lang, &u->rows[i], 0, r);
	if (with_total)
		row(u, lang, &u->total, 1, r);
	return bud_report_status(r);
}

int bud_usage_file(bud_app *app, const bud_actor *actor,
		   const struct bud_usage_query *q, const char *lang,
		   struct bud_report *r, char *name, size_t namesz, bud_err *err)
{
	struct bud_usage u;
	int rc;

	memset(r, 0, sizeof(*r));
	memset(&u, 0, sizeof(u));
	if ((rc = bud_usage_read(app, actor, q, lang, &u, err)) == BUD_OK &&
	    (rc = bud_usage_table(&u, lang, 1, r)) != BUD_OK)
		bud_err_set(err, rc, NULL, "err.generic", "report table");
	if (rc == BUD_OK)
		snprintf(name, namesz, "%s-%s-%s-%s", bud_msg(lang, "usage.file"),
			 bud_usage_by_name(u.by), u.from, u.to);
	bud_usage_release(&u);
	return rc;
}
