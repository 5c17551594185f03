/*
 * app/usage_alerts.c: the alerts of a worker's home and a client's own
 * lines in plain figures (app/usage.h), both made from the usage report of
 * the lines in force today (bud_usage_read, so the same access rules and
 * use-log row), and the organiser's alert thresholds.
 */
#include <stdio.h>
#include <string.h>

#include "app/authz.h"
#include "app/read.h"
#include "app/usage.h"
#include "bud_limits.h"
#include "core/date.h"
#include "store/usage.h"

static json_t *day_or_null(int64_t day)
{
	int y, m, d;
	char s[BUD_DATE_BUF];

	if (day < 0 || bud_date_from_days(day, &y, &m, &d) != BUD_OK ||
	    bud_date_format(y, m, d, s) != BUD_OK)
		return json_null();
	return json_string(s);
}

static int64_t day_of(const char *s)
{
	int y, m, d;

	return bud_date_parse(s, &y, &m, &d, NULL) == BUD_OK ? bud_date_days(y, m, d) : -1;
}

/* The lines of u that need the worker's eye, as alert objects. */
static json_t *line_alerts(const struct bud_usage *u, int64_t today)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; a && i < u->nrows && json_array_size(a) < BUD_ALERTS_MAX; i++) {
		const struct bud_usage_row *x = &u->rows[i];
		const char *kind = x->fc.state == BUD_FC_EXCEEDED ? "exceeded" :
			x->fc.state == BUD_FC_RUNS_OUT && x->fc.runout <= today + u->warn_days ?
			"runs_out" : x->underused ? "underused" : NULL;

		if (!kind)
			continue;
		json_array_append_new(a, json_pack("{ss sI sI sI ss ss sI sI so}", "kind", kind,
			"line_id", (json_int_t)x->id, "plan_id", (json_int_t)x->plan_id,
			"client_id", (json_int_t)x->client_id, "client_name", x->client_name,
			"service", x->service, "used_share", (json_int_t)x->fc.used_share,
			"time_share", (json_int_t)x->fc.time_share, "runout",
			day_or_null(x->fc.runout)));
	}
	return a;
}

struct others {
	bud_app *app;
	const bud_actor *actor;
	const char *lang;
	const char *from, *to;
	json_t *list;
};

static int on_alert(void *arg, const struct bud_store_usage_alert *a)
{
	struct others *o = arg;
	char name[2 * (BUD_NAME_MAX + 1)];
	const char *service = !strcmp(o->lang, "sv") ? a->service_sv :
			      !strcmp(o->lang, "en") ? a->service_en : a->service_fi;

	if (json_array_size(o->list) >= BUD_ALERTS_MAX)
		return 0;
	snprintf(name, sizeof(name), "%s %s", a->first_name, a->last_name);
	return json_array_append_new(o->list, json_pack("{ss sI ss ss sI ss ss}",
		"kind", a->kind, "client_id", (json_int_t)a->client_id, "client_name", name,
		"day", a->day, "count", (json_int_t)a->count, "provider", a->name,
		"service", service)) ? BUD_ENOMEM : 0;
}

static int others_unit(bud_conn *c, void *arg, bud_err *err)
{
	struct others *o = arg;
	struct bud_store_usage_scope s = {.organiser_id = o->actor->organiser_id,
		.from = o->from, .to = o->to, .worker_id = o->actor->user_id,
		.unit_id = o->actor->unit_id};
	int rc = bud_store_usage_alerts(c, &s, on_alert, o, err);

	if (rc == BUD_ENOMEM)
		return bud_err_set(err, rc, NULL, "err.generic", "no memory");
	if (rc != BUD_OK)
		return rc;
	return bud_uselog_append_row(o->app, c, o->actor, 0, "read", "report:alerts", "case",
				     err);
}

int bud_usage_alerts(bud_app *app, const bud_actor *actor, const char *lang,
		     json_t **out, bud_err *err)
{
	char today[BUD_DATE_BUF], until[BUD_DATE_BUF];
	struct bud_usage_query q = {.by = BUD_USAGE_LINE};
	struct others o = {.app = app, .actor = actor, .lang = lang ? lang : "fi"};
	struct bud_usage u;
	int64_t t;
	int y, m, d, rc;

	*out = NULL;
	if (!actor || actor->role != BUD_ROLE_WORKER)
		return bud_authz_forbidden(err, "see a worker's alerts");
	if (bud_app_today(app, today, sizeof(today)) != BUD_OK)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal", "clock");
	t = day_of(today);
	bud_date_from_days(t + BUD_ALERT_DAYS, &y, &m, &d);
	bud_date_format(y, m, d, until);
	q.from = q.to = o.from = today;
	o.to = until;
	if ((rc = bud_usage_read(app, actor, &q, o.lang, &u, err)) == BUD_OK &&
	    (o.list = json_array()) != NULL)
		rc = bud_app_read(app, actor, others_unit, &o, err);
	if (rc == BUD_OK)
		*out = json_pack("{so so}", "lines", line_alerts(&u, t), "others", o.list);
	else
		json_decref(o.list);
	bud_usage_release(&u);
	if (rc == BUD_OK && !*out)
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "no memory");
	return rc;
}

static const char *own_state(const struct bud_usage_row *x)
{
	switch (x->fc.state) {
	case BUD_FC_RUNS_OUT:
		return "runs_out";
	case BUD_FC_EXCEEDED:
		return "exceeded";
	case BUD_FC_NOT_STARTED:
		return "not_started";
	default:
		return "lasts";
	}
}

int bud_usage_own(bud_app *app, const bud_actor *actor, int64_t client_id,
		  const char *lang, json_t **out, bud_err *err)
{
	char today[BUD_DATE_BUF];
	struct bud_usage_query q = {.by = BUD_USAGE_LINE, .client_id = client_id};
	struct bud_usage u;
	json_t *lines;
	size_t i;
	int rc;

	*out = NULL;
	if (!actor || !(actor->role & (BUD_ROLE_CLIENT | BUD_ROLE_REPRESENTATIVE)))
		return bud_authz_forbidden(err, "see one's own budget");
	if (bud_app_today(app, today, sizeof(today)) != BUD_OK)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal", "clock");
	q.from = q.to = today;
	if ((rc = bud_usage_read(app, actor, &q, lang, &u, err)) != BUD_OK) {
		bud_usage_release(&u);
		return rc;
	}
	lines = json_array();
	for (i = 0; lines && i < u.nrows; i++) {
		const struct bud_usage_row *x = &u.rows[i];

		json_array_append_new(lines, json_pack("{ss ss sI sI sI sI ss so so}",
			"service", x->service, "provider", x->provider,
			"granted", (json_int_t)x->granted, "used", (json_int_t)x->used,
			"remaining", (json_int_t)x->remaining,
			"used_share", (json_int_t)x->fc.used_share, "state", own_state(x),
			"runout", day_or_null(x->fc.runout), "valid_to", day_or_null(x->end)));
	}
	bud_usage_release(&u);
	if (!lines || !(*out = json_pack("{so}", "lines", lines)))
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "no memory");
	return BUD_OK;
}

struct get_arg {
	int64_t organiser_id;
	struct bud_usage_settings *out;
};

static int settings_unit(bud_conn *c, void *arg, bud_err *err)
{
	struct get_arg *g = arg;
	struct bud_store_usage_settings st;
	int rc = bud_store_usage_settings_get(c, g->organiser_id, &st, err);

	if (rc == BUD_OK) {
		g->out->from_pct = st.from_pct;
		g->out->pace_pct = st.pace_pct;
		g->out->warn_days = st.warn_days;
	}
	return rc;
}

int bud_usage_settings_get(bud_app *app, const bud_actor *actor,
			   struct bud_usage_settings *out, bud_err *err)
{
	struct get_arg g = {.organiser_id = actor ? actor->organiser_id : 0, .out = out};

	memset(out, 0, sizeof(*out));
	if (!actor || !(actor->role & BUD_ROLE_STAFF))
		return bud_authz_forbidden(err, "see the organiser's settings");
	return bud_app_read(app, actor, settings_unit, &g, err);
}

struct set_arg {
	int64_t organiser_id;
	struct bud_store_usage_settings s;
};

static int set_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct set_arg *x = arg;

	return bud_store_usage_settings_set(w, x->organiser_id, &x->s, err);
}

int bud_usage_settings_set(bud_app *app, const bud_actor *actor,
			   const struct bud_usage_settings *s, bud_err *err)
{
	struct set_arg x = {.organiser_id = actor ? actor->organiser_id : 0,
		.s = {s->from_pct, s->pace_pct, s->warn_days}};

	if (!actor || actor->role != BUD_ROLE_ADMIN)
		return bud_authz_forbidden(err, "change the organiser's settings");
	if (s->from_pct < 1 || s->from_pct > 100)
		return bud_err_set(err, BUD_EINVAL, "usage_from_pct", "err.usage.threshold",
				   "a whole percent 1..100");
	if (s->pace_pct < 1 || s->pace_pct > 100)
		return bud_err_set(err, BUD_EINVAL, "usage_pace_pct", "err.usage.threshold",
				   "a whole percent 1..100");
	if (s->warn_days < 1 || s->warn_days > 365)
		return bud_err_set(err, BUD_EINVAL, "usage_warn_days", "err.usage.days",
				   "1..365 days");
	return bud_db_write(app->db, set_unit, &x, err);
}
