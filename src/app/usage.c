/*
 * app/usage.c: reading budget against use (app/usage.h): who may ask for
 * what, the period, one read transaction over store/usage.h's walk, a
 * forecast per line, and the grouping by client, service or provider.
 *
 * Lines arrive in client-name order, so a client's group is the run of
 * rows with the same client; services are few (the price list), so their
 * groups are found by a linear search. Groups sum in cents and count the
 * lines that run out or are under-used; a group's share is its used
 * against its granted (core/forecast's rounding).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/authz.h"
#include "app/read.h"
#include "app/usage.h"
#include "bud_limits.h"
#include "core/date.h"
#include "store/usage.h"

struct rd {
	bud_app *app;
	const bud_actor *actor;
	const struct bud_usage_query *q;
	const char *lang;
	struct bud_usage *u;
	struct bud_store_usage_scope scope;
	int64_t as_of;
	int rc;
	bud_err *err;
};

static const char *by_names[] = {"line", "client", "service", "provider"};

int bud_usage_by_parse(const char *s, const char *field, enum bud_usage_by *out,
		       bud_err *err)
{
	size_t i;

	for (i = 0; s && i < sizeof(by_names) / sizeof(by_names[0]); i++)
		if (!strcmp(s, by_names[i])) {
			*out = (enum bud_usage_by)i;
			return BUD_OK;
		}
	return bud_err_set(err, BUD_EINVAL, field, "err.usage.by",
			   "line, client, service or provider");
}

const char *bud_usage_by_name(enum bud_usage_by by)
{
	return by_names[by];
}

/* A copy of s owned by u; NULL without memory. */
static const char *keep(struct bud_usage *u, const char *s)
{
	size_t n = strlen(s ? s : "");
	char *d;

	if (u->nstrings == u->capstrings) {
		size_t cap = u->capstrings ? u->capstrings * 2 : 64;
		char **v = realloc(u->strings, cap * sizeof(*v));

		if (!v)
			return NULL;
		u->strings = v;
		u->capstrings = cap;
	}
	if (!(d = malloc(n + 1)))
		return NULL;
	memcpy(d, s ? s : "", n + 1);
	u->strings[u->nstrings++] = d;
	return d;
}

static struct bud_usage_row *new_row(struct bud_usage *u)
{
	if (u->nrows == BUD_REPORT_MAX_ROWS)
		return NULL;
	if (u->nrows == u->caprows) {
		size_t cap = u->caprows ? u->caprows * 2 : 64;
		struct bud_usage_row *v = realloc(u->rows, cap * sizeof(*v));

		if (!v)
			return NULL;
		u->rows = v;
		u->caprows = cap;
	}
	memset(&u->rows[u->nrows], 0, sizeof(u->rows[0]));
	u->rows[u->nrows].first_runout = -1;
	return &u->rows[u->nrows++];
}

void bud_usage_release(struct bud_usage *u)
{
	size_t i;

	if (!u)
		return;
	for (i = 0; i < u->nstrings; i++)
		free(u->strings[i]);
	free(u->strings);
	free(u->rows);
	memset(u, 0, sizeof(*u));
}

static int64_t day_of(const char *s)
{
	int y, m, d;

	return bud_date_parse(s, &y, &m, &d, NULL) == BUD_OK ? bud_date_days(y, m, d) : -1;
}

static const char *service_name(const struct bud_store_usage_line *l, const char *lang)
{
	return !strcmp(lang, "sv") ? l->service_sv : !strcmp(lang, "en") ? l->service_en :
	       l->service_fi;
}

/* Add line x's figures into group g (a client, a service, the total). */
static void add_line(struct bud_usage_row *g, const struct bud_usage_row *x)
{
	g->lines++;
	g->granted += x->granted;
	g->reserved += x->reserved;
	g->used += x->used;
	g->spent += x->spent;
	g->delivered += x->delivered;
	g->remaining = g->granted - g->used;
	g->fc.used_share = g->granted > 0 && g->used >= 0 ?
		(int64_t)((__extension__(__int128)g->used * 10000) / g->granted) : 0;
	g->underused += x->underused;
	if (x->fc.state == BUD_FC_RUNS_OUT || x->fc.state == BUD_FC_EXCEEDED) {
		g->runs_out++;
		if (g->first_runout < 0 || x->fc.runout < g->first_runout)
			g->first_runout = x->fc.runout;
	}
}

static int64_t clamp_money(int64_t v)
{
	return v < 0 ? 0 : v > BUD_MONEY_MAX ? BUD_MONEY_MAX : v;
}

/* A line's row: its figures and forecast. */
static void line_row(const struct rd *r, const struct bud_store_usage_line *l,
		     struct bud_usage_row *x)
{
	memset(x, 0, sizeof(*x));
	x->first_runout = -1;
	x->id = l->line_id;
	x->client_id = l->client_id;
	x->plan_id = l->plan_id;
	x->lines = 1;
	x->start = day_of(l->valid_from);
	x->end = day_of(l->valid_to);
	if (x->end < x->start)		/* superseded before it began */
		x->end = x->start;
	x->granted = l->granted;
	x->reserved = l->reserved;
	x->spent = l->spent;
	x->delivered = l->delivered;
	x->used = l->delivered + l->spent - l->spent_events;
	x->remaining = x->granted - x->used;
	if (bud_forecast(clamp_money(x->granted), clamp_money(x->used), x->start, x->end,
			 r->as_of, &x->fc, NULL) == BUD_OK)
		x->underused = bud_forecast_underused(&x->fc, r->u->from_pct * 100,
						      r->u->pace_pct * 100);
	x->fc.remaining = x->remaining;
}

static struct bud_usage_row *group_of(struct rd *r, const struct bud_store_usage_line *l)
{
	struct bud_usage *u = r->u;
	struct bud_usage_row *g;
	size_t i;

	if (u->by == BUD_USAGE_CLIENT && u->nrows && u->rows[u->nrows - 1].id == l->client_id)
		return &u->rows[u->nrows - 1];
	for (i = 0; u->by == BUD_USAGE_SERVICE && i < u->nrows; i++)
		if (u->rows[i].id == l->service_id)
			return &u->rows[i];
	if (!(g = new_row(u)))
		return NULL;
	g->id = u->by == BUD_USAGE_CLIENT ? l->client_id : l->service_id;
	return g;
}

static int person(struct bud_usage *u, const char *first, const char *last,
		  const char **out)
{
	char name[2 * (BUD_NAME_MAX + 1)];

	snprintf(name, sizeof(name), "%s %s", first, last);
	return (*out = keep(u, name)) ? BUD_OK : BUD_ENOMEM;
}

static int on_line(void *arg, const struct bud_store_usage_line *l)
{
	struct rd *r = arg;
	struct bud_usage *u = r->u;
	struct bud_usage_row x, *g;
	int rc = BUD_OK;

	line_row(r, l, &x);
	add_line(&u->total, &x);
	if (u->by == BUD_USAGE_LINE) {
		if (!(g = new_row(u)))
			return r->rc = u->nrows == BUD_REPORT_MAX_ROWS ? BUD_ETOOBIG : BUD_ENOMEM;
		*g = x;
		if ((rc = person(u, l->first_name, l->last_name, &g->client_name)) ||
		    !(g->service = keep(u, service_name(l, r->lang))) ||
		    !(g->provider = keep(u, l->provider_name)))
			return r->rc = BUD_ENOMEM;
		return BUD_OK;
	}
	if (!(g = group_of(r, l)))
		return r->rc = BUD_ENOMEM;
	if (!g->lines && u->by == BUD_USAGE_CLIENT)
		rc = person(u, l->first_name, l->last_name, &g->client_name);
	else if (!g->lines && !(g->service = keep(u, service_name(l, r->lang))))
		rc = BUD_ENOMEM;
	if (rc)
		return r->rc = rc;
	add_line(g, &x);
	return BUD_OK;
}

static int on_provider(void *arg, const struct bud_store_usage_provider *p)
{
	struct rd *r = arg;
	struct bud_usage_row *g = new_row(r->u);

	if (!g || !(g->provider = keep(r->u, p->name)))
		return r->rc = BUD_ENOMEM;
	g->id = p->provider_id;
	g->lines = p->commitments;
	g->reserved = p->reserved;
	g->spent = p->spent;
	g->delivered = p->delivered;
	g->remaining = p->reserved - p->spent;	/* what the commitments still hold */
	r->u->total.lines += g->lines;
	r->u->total.reserved += g->reserved;
	r->u->total.spent += g->spent;
	r->u->total.delivered += g->delivered;
	r->u->total.remaining += g->remaining;
	return BUD_OK;
}

/* The use-log row of the answer: the client's, or the report's. */
static int log_read(struct rd *r, bud_conn *c, const char *basis, bud_err *err)
{
	if (r->actor->role == BUD_ROLE_FINANCE)
		return BUD_OK;		/* sums per service or provider: no client */
	if (r->scope.client_id)
		return bud_uselog_append_row(r->app, c, r->actor, r->scope.client_id, "read",
					     "usage", basis, err);
	return bud_uselog_append_row(r->app, c, r->actor, 0, "read", "report:usage",
				     "case", err);
}

static int read_unit(bud_conn *c, void *arg, bud_err *err)
{
	struct rd *r = arg;
	struct bud_store_usage_settings st;
	char basis[BUD_BASIS_MAX] = "case";
	int rc;

	r->err = err;
	if (r->scope.client_id &&
	    (rc = bud_authz_client(r->app, c, r->actor, r->scope.client_id, 0, basis,
				   sizeof(basis), err)) != BUD_OK)
		return rc;
	if ((rc = bud_store_usage_settings_get(c, r->scope.organiser_id, &st, err)) != BUD_OK)
		return rc;
	r->u->from_pct = st.from_pct;
	r->u->pace_pct = st.pace_pct;
	r->u->warn_days = st.warn_days;
	if (r->u->by == BUD_USAGE_PROVIDER)
		rc = bud_store_usage_providers(c, &r->scope, on_provider, r, err);
	else
		rc = bud_store_usage_lines(c, &r->scope, on_line, r, err);
	if (r->rc != BUD_OK)
		return bud_err_set(err, r->rc, NULL, r->rc == BUD_ETOOBIG ? "err.report.too_big" :
				   "err.generic", "usage report");
	if (rc != BUD_OK)
		return rc;
	return log_read(r, c, basis, err);
}

/* Who may ask for what (app/usage.h), into r->scope. */
static int scope_for(struct rd *r, bud_err *err)
{
	const bud_actor *a = r->actor;
	struct bud_store_usage_scope *s = &r->scope;

	s->organiser_id = a->organiser_id;
	s->client_id = r->q->client_id;
	switch (a->role) {
	case BUD_ROLE_WORKER:
		s->worker_id = a->user_id;
		s->unit_id = a->unit_id;
		return BUD_OK;
	case BUD_ROLE_DECISION_MAKER:
		return BUD_OK;
	case BUD_ROLE_FINANCE:
		if (s->client_id || (r->q->by != BUD_USAGE_SERVICE && r->q->by != BUD_USAGE_PROVIDER))
			return bud_authz_forbidden(err, "see the use of a client's budget");
		return BUD_OK;
	case BUD_ROLE_CLIENT:
		if (!s->client_id)
			s->client_id = a->client_id;
		return BUD_OK;
	case BUD_ROLE_REPRESENTATIVE:
		if (!s->client_id)
			return bud_err_set(err, BUD_EINVAL, "client_id", "err.required",
					   "whose budget");
		return BUD_OK;
	default:
		return bud_authz_forbidden(err, "see budget against use");
	}
}

/* from..to (this year when not given), as_of = min(to, today). */
static int period(struct rd *r, bud_err *err)
{
	struct bud_usage *u = r->u;
	char today[BUD_DATE_BUF];
	int64_t f, t, now;

	if (bud_app_today(r->app, today, sizeof(today)) != BUD_OK)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal", "clock");
	snprintf(u->from, sizeof(u->from), "%.4s-01-01", today);
	snprintf(u->to, sizeof(u->to), "%.4s-12-31", today);
	if (r->q->from && *r->q->from)
		snprintf(u->from, sizeof(u->from), "%s", r->q->from);
	if (r->q->to && *r->q->to)
		snprintf(u->to, sizeof(u->to), "%s", r->q->to);
	f = day_of(u->from);
	t = day_of(u->to);
	now = day_of(today);
	if (f < 0 || strlen(u->from) != 10)
		return bud_err_set(err, BUD_EINVAL, "from", "err.usage.period", "a date YYYY-MM-DD");
	if (t < 0 || strlen(u->to) != 10 || t < f || t - f >= BUD_FORECAST_MAX_DAYS)
		return bud_err_set(err, BUD_EINVAL, "to", "err.usage.period",
				   "a date YYYY-MM-DD on or after from");
	r->as_of = t < now ? t : now;
	snprintf(u->as_of, sizeof(u->as_of), "%s", t < now ? u->to : today);
	r->scope.from = u->from;
	r->scope.to = u->to;
	return BUD_OK;
}

int bud_usage_read(bud_app *app, const bud_actor *actor, const struct bud_usage_query *q,
		   const char *lang, struct bud_usage *u, bud_err *err)
{
	struct rd r = {.app = app, .actor = actor, .q = q, .lang = lang ? lang : "fi", .u = u};
	int rc;

	memset(u, 0, sizeof(*u));
	u->total.first_runout = -1;
	if (!actor)
		return bud_authz_forbidden(err, "see budget against use");
	u->by = q->by;
	if ((rc = scope_for(&r, err)) != BUD_OK || (rc = period(&r, err)) != BUD_OK)
		return rc;
	u->client_id = r.scope.client_id;
	return bud_app_read(app, actor, read_unit, &r, err);
}
