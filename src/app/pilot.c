/*
 * app/pilot.c: the pilot figures with small-group suppression and the
 * client's outcomes questionnaire (app/pilot.h). The figures are read in
 * one read transaction by the set-based queries of store/pilot.h; the
 * suppression of core/suppress.h is applied here, row by row, before
 * anything leaves this file, so neither face can show a small group.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/authz.h"
#include "app/municipality.h"
#include "app/pilot.h"
#include "app/read.h"
#include "app/uselog.h"
#include "core/date.h"
#include "core/i18n.h"
#include "core/report.h"
#include "core/suppress.h"
#include "core/text.h"
#include "store/pilot.h"

#define FIGURE_ROLES (BUD_ROLE_EVALUATOR | BUD_ROLE_ADMIN | BUD_ROLE_DECISION_MAKER)

static const char *const questions[3] = {"life", "help", "choice"};

struct figures {
	bud_app *app;
	const bud_actor *actor;
	struct bud_store_pilot_scope scope;
	int64_t k;
	struct bud_store_pilot_offers offers;
	struct bud_store_pilot_service services[BUD_PILOT_SERVICES_MAX];
	size_t nservices;
	struct bud_store_pilot_timing timing;
	struct bud_store_pilot_disputes disputes;
	struct bud_store_pilot_outcomes outcomes;
};

/* {value, suppressed}: value null when hidden. */
static json_t *cell(int64_t v, int hidden)
{
	return json_pack("{s:o, s:b}", "value", hidden ? json_null() : json_integer(v),
			 "suppressed", hidden);
}

static int nomem(bud_err *err)
{
	return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "pilot figures");
}

/* ---- reading ---------------------------------------------------------- */

static int figures_unit(bud_conn *c, void *arg, bud_err *err)
{
	struct figures *f = arg;
	const struct bud_store_pilot_scope *s = &f->scope;
	int rc;

	if ((rc = bud_store_pilot_min_group(c, s->organiser_id, &f->k, err)) ||
	    (rc = bud_store_pilot_offers(c, s, &f->offers, err)) ||
	    (rc = bud_store_pilot_services(c, s, f->services, BUD_PILOT_SERVICES_MAX,
					   &f->nservices, err)) ||
	    (rc = bud_store_pilot_timing(c, s, &f->timing, err)) ||
	    (rc = bud_store_pilot_disputes(c, s, &f->disputes, err)) ||
	    (rc = bud_store_pilot_outcomes(c, s, &f->outcomes, err)))
		return rc;
	return bud_uselog_append_row(f->app, c, f->actor, 0, "read", "pilot:figures",
				     "statistics", err);
}

/* The period asked for, or this year so far; checked and in seconds. */
static int take_period(bud_app *app, const struct bud_pilot_query *q, char *from,
		       char *to, struct bud_store_pilot_scope *s, bud_err *err)
{
	struct bud_uselog_period p;
	int y1, m1, d1, y2, m2, d2, rc;

	if ((rc = bud_app_today(app, to, BUD_DATE_BUF)) != BUD_OK)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.generic", "clock");
	snprintf(from, BUD_DATE_BUF, "%.4s-01-01", to);
	if (q && q->from && q->from[0])
		snprintf(from, BUD_DATE_BUF, "%s", q->from);
	if (q && q->to && q->to[0])
		snprintf(to, BUD_DATE_BUF, "%s", q->to);
	if ((rc = bud_uselog_period_days(from, to, &p, err)) != BUD_OK)
		return rc;
	if (bud_date_parse(from, &y1, &m1, &d1, err) || bud_date_parse(to, &y2, &m2, &d2, err) ||
	    bud_date_days(y2, m2, d2) - bud_date_days(y1, m1, d1) >= BUD_PILOT_PERIOD_DAYS)
		return bud_err_set(err, BUD_EINVAL, "to", "err.pilot.period",
				   "the period is longer than %d days", BUD_PILOT_PERIOD_DAYS);
	s->from = from;
	s->to = to;
	s->from_at = p.from_at;
	s->to_at = p.to_at;
	return BUD_OK;
}

/* ---- the view, suppressed ------------------------------------------- */

static json_t *offers_view(const struct figures *f)
{
	const struct bud_store_pilot_offers *o = &f->offers;
	int64_t cells[4] = {o->all, o->some, o->refused, o->unanswered};
	int64_t total = o->all + o->some + o->refused + o->unanswered;
	int h[4], th;

	bud_suppress_row(cells, 4, total, 1, f->k, h, &th);
	return json_pack("{s:o, s:o, s:o, s:o, s:o}", "offered", cell(total, th),
			 "all", cell(o->all, h[0]), "some", cell(o->some, h[1]),
			 "refused", cell(o->refused, h[2]),
			 "unanswered", cell(o->unanswered, h[3]));
}

/* Half up, of money per client. */
static int64_t per_client(int64_t cents, int64_t clients)
{
	return clients > 0 ? (cents + clients / 2) / clients : 0;
}

/* Which service rows hide which figures, each column on its own against
 * the all-services row: paid adds up over the services to it; the counts
 * of clients need not (a client may have several services), but with
 * most clients in one service the subtraction would come close, so they
 * take a complementary cell as well. */
struct service_hide {
	int chosen[BUD_PILOT_SERVICES_MAX], provider[BUD_PILOT_SERVICES_MAX];
	int switched[BUD_PILOT_SERVICES_MAX], paid[BUD_PILOT_SERVICES_MAX];
};

static void hide_column(const struct figures *f, size_t member, int additive, int *hidden)
{
	int64_t cells[BUD_PILOT_SERVICES_MAX];
	size_t i, n = f->nservices;

	for (i = 0; i < n; i++)
		memcpy(&cells[i], (const char *)&f->services[i] + member, sizeof(int64_t));
	bud_suppress_row(cells + 1, n - 1, cells[0], additive, f->k, hidden + 1, &hidden[0]);
}

static json_t *service_view(const struct bud_store_pilot_service *r,
			    const struct service_hide *h, size_t i)
{
	int64_t paid = per_client(r->paid, r->paid_clients);
	int64_t usual = per_client(r->usual, r->paid_clients);

	return json_pack("{s:s, s:{s:s, s:s, s:s}, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
		"service", r->code, "name", "fi", r->name[0], "sv", r->name[1], "en",
		r->name[2], "chosen", cell(r->chosen, h->chosen[i]),
		"with_provider", cell(r->with_provider, h->provider[i]),
		"providers", cell(r->providers, h->provider[i]),
		"switched", cell(r->switched, h->switched[i]),
		"switches", cell(r->switches, h->switched[i]),
		"paid_clients", cell(r->paid_clients, h->paid[i]),
		"paid_per_client", cell(paid, h->paid[i]),
		"usual_per_client", cell(usual, h->paid[i]),
		"difference_per_client", cell(paid - usual, h->paid[i]));
}

static json_t *services_view(const struct figures *f)
{
	struct service_hide h;
	json_t *a = json_array();
	size_t i;

	hide_column(f, offsetof(struct bud_store_pilot_service, chosen), 1, h.chosen);
	hide_column(f, offsetof(struct bud_store_pilot_service, with_provider), 1, h.provider);
	hide_column(f, offsetof(struct bud_store_pilot_service, switched), 1, h.switched);
	hide_column(f, offsetof(struct bud_store_pilot_service, paid_clients), 1, h.paid);
	for (i = 0; a && i < f->nservices; i++)
		if (json_array_append_new(a, service_view(&f->services[i], &h, i)) != 0) {
			json_decref(a);
			return NULL;
		}
	return a;
}

static json_t *timing_view(const struct figures *f)
{
	const struct bud_store_pilot_timing *t = &f->timing;
	int hide = !bud_suppress_shown(t->clients, f->k);
	json_t *median = hide || t->decisions == 0 ? json_null() :
		t->median2 % 2 ? json_real((double)t->median2 / 2) :
		json_integer(t->median2 / 2);

	return json_pack("{s:o, s:{s:o, s:b}, s:o, s:o}",
			 "decisions", cell(t->decisions, hide),
			 "median_days", "value", median, "suppressed", hide,
			 "min_days", cell(t->min_days, hide || t->decisions == 0),
			 "max_days", cell(t->max_days, hide || t->decisions == 0));
}

static json_t *disputes_view(const struct figures *f)
{
	const struct bud_store_pilot_disputes *d = &f->disputes;
	int hide = !bud_suppress_shown(d->clients, f->k);

	return json_pack("{s:o, s:o, s:o, s:o, s:o}", "clients", cell(d->clients, hide),
			 "events", cell(d->events, hide), "open", cell(d->open, hide),
			 "upheld", cell(d->upheld, hide),
			 "dismissed", cell(d->dismissed, hide));
}

static json_t *outcomes_view(const struct figures *f)
{
	const struct bud_store_pilot_outcomes *o = &f->outcomes;
	json_t *a = json_array(), *row;
	int h[3], th, q;

	for (q = 0; a && q < 3; q++) {
		bud_suppress_row(o->counts[q], 3, o->clients, 1, f->k, h, &th);
		row = json_pack("{s:s, s:o, s:o, s:o, s:o}", "question", questions[q],
				"answered", cell(o->clients, th),
				"yes", cell(o->counts[q][2], h[2]),
				"partly", cell(o->counts[q][1], h[1]),
				"no", cell(o->counts[q][0], h[0]));
		if (json_array_append_new(a, row) != 0) {
			json_decref(a);
			return NULL;
		}
	}
	return a;
}

static json_t *figures_view(const struct figures *f)
{
	const struct bud_store_pilot_scope *s = &f->scope;

	return json_pack("{s:s, s:s, s:s, s:I, s:o, s:o, s:o, s:o, s:o}",
			 "from", s->from, "to", s->to, "municipality",
			 s->municipality ? s->municipality : "", "min_group",
			 (json_int_t)f->k, "offers", offers_view(f),
			 "services", services_view(f), "timing", timing_view(f),
			 "disputes", disputes_view(f), "outcomes", outcomes_view(f));
}

static int may_see(const bud_actor *actor, bud_err *err)
{
	if (!actor || !(actor->role & FIGURE_ROLES) || actor->organiser_id <= 0)
		return bud_authz_forbidden(err, "read the pilot figures");
	return BUD_OK;
}

int bud_pilot_figures(bud_app *app, const bud_actor *actor,
		      const struct bud_pilot_query *q, json_t **out, bud_err *err)
{
	char from[BUD_DATE_BUF], to[BUD_DATE_BUF];
	const char *area = "";
	struct figures *f;
	int rc;

	*out = NULL;
	if ((rc = may_see(actor, err)) != BUD_OK)
		return rc;
	if (q && (rc = bud_municipality_check(q->municipality, 1, &area,
					      "municipality", err)) != BUD_OK)
		return rc;
	if (!(f = calloc(1, sizeof(*f))))
		return nomem(err);
	f->app = app;
	f->actor = actor;
	f->scope.organiser_id = actor->organiser_id;
	f->scope.municipality = area;
	rc = take_period(app, q, from, to, &f->scope, err);
	if (rc == BUD_OK)
		rc = bud_app_read(app, actor, figures_unit, f, err);
	if (rc == BUD_OK && !(*out = figures_view(f)))
		rc = nomem(err);
	free(f);
	return rc;
}

struct options {
	int64_t organiser_id, k;
	char areas[BUD_PILOT_AREAS_MAX][BUD_NAME_MAX + 1];
	size_t nareas;
};

static int options_unit(bud_conn *c, void *arg, bud_err *err)
{
	struct options *o = arg;
	int rc = bud_store_pilot_min_group(c, o->organiser_id, &o->k, err);

	return rc ? rc : bud_store_pilot_areas(c, o->organiser_id, o->areas,
					       BUD_PILOT_AREAS_MAX, &o->nareas, err);
}

int bud_pilot_options(bud_app *app, const bud_actor *actor, json_t **out,
		      bud_err *err)
{
	struct options *o;
	json_t *areas;
	size_t i;
	int rc;

	*out = NULL;
	if ((rc = may_see(actor, err)) != BUD_OK)
		return rc;
	if (!(o = calloc(1, sizeof(*o))))
		return nomem(err);
	o->organiser_id = actor->organiser_id;
	rc = bud_app_read(app, actor, options_unit, o, err);
	areas = json_array();
	for (i = 0; rc == BUD_OK && areas && i < o->nareas; i++)
		json_array_append_new(areas, json_string(o->areas[i]));
	if (rc == BUD_OK && !(*out = json_pack("{s:I, s:o}", "min_group",
					       (json_int_t)o->k, "areas", areas)))
		rc = nomem(err);
	else if (rc != BUD_OK)
		json_decref(areas);
	free(o);
	return rc;
}

struct min_group_arg {
	int64_t organiser_id, k;
};

static int min_group_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct min_group_arg *a = arg;

	return bud_store_pilot_set_min_group(w, a->organiser_id, a->k, err);
}

int bud_pilot_set_min_group(bud_app *app, const bud_actor *actor, int64_t k,
			    bud_err *err)
{
	struct min_group_arg a = {actor ? actor->organiser_id : 0, k};

	if (!actor || actor->role != BUD_ROLE_ADMIN || actor->organiser_id <= 0)
		return bud_authz_forbidden(err, "set the minimum group");
	if (k < BUD_PILOT_MIN_GROUP_MIN || k > BUD_PILOT_MIN_GROUP_MAX)
		return bud_err_set(err, BUD_EINVAL, "min_group", "err.pilot.min_group",
				   "between %d and %d", BUD_PILOT_MIN_GROUP_MIN,
				   BUD_PILOT_MIN_GROUP_MAX);
	return bud_db_write(app->db, min_group_unit, &a, err);
}

/* ---- the outcomes questionnaire ------------------------------------ */

struct outcome_x {
	bud_app *app;
	const bud_actor *actor;
	int64_t client_id;
	const struct bud_outcome_in *in;	/* NULL: only read */
	struct bud_store_outcome_plan plan;	/* plan_id 0: closed */
	struct bud_store_outcome answer;	/* id 0: none */
};

/* The open decision and its answer, if any. */
static int outcome_load(bud_conn *c, struct outcome_x *x, bud_err *err)
{
	int64_t since = bud_app_now(x->app) - (int64_t)BUD_OUTCOME_OPEN_DAYS * 86400;
	int rc = bud_store_outcome_open_plan(c, x->client_id, since, &x->plan, err);

	memset(&x->answer, 0, sizeof(x->answer));
	if (rc == BUD_ENOTFOUND) {
		memset(&x->plan, 0, sizeof(x->plan));
		bud_err_clear(err);
		return BUD_OK;
	}
	if (rc != BUD_OK)
		return rc;
	rc = bud_store_outcome_get(c, x->plan.plan_id, &x->answer, err);
	if (rc == BUD_ENOTFOUND) {
		memset(&x->answer, 0, sizeof(x->answer));
		bud_err_clear(err);
		return BUD_OK;
	}
	return rc;
}

static int outcome_read_unit(bud_conn *c, void *arg, bud_err *err)
{
	struct outcome_x *x = arg;
	char basis[BUD_BASIS_MAX];
	int rc = bud_authz_client(x->app, c, x->actor, x->client_id, 0, basis,
				  sizeof(basis), err);

	if (rc == BUD_OK)
		rc = outcome_load(c, x, err);
	if (rc == BUD_OK)
		rc = bud_uselog_append_row(x->app, c, x->actor, x->client_id, "read",
					   "outcome", basis, err);
	return rc;
}

static json_t *outcome_view(const struct outcome_x *x)
{
	const struct bud_store_outcome *a = &x->answer;
	char closes[BUD_DATE_BUF] = "";
	struct bud_tm tm;
	json_t *answer = json_null();

	if (x->plan.plan_id && bud_time_helsinki(x->plan.approved_at +
			(int64_t)BUD_OUTCOME_OPEN_DAYS * 86400, &tm) == BUD_OK)
		bud_date_format(tm.year, tm.month, tm.day, closes);
	if (a->id)
		answer = json_pack("{s:i, s:i, s:i, s:s, s:s, s:s}", "q_life", a->q_life,
				   "q_help", a->q_help, "q_choice", a->q_choice,
				   "comment", a->comment, "lang", a->lang,
				   "answered_on", a->answered_on);
	return json_pack("{s:I, s:b, s:I, s:I, s:s, s:o}", "client_id",
			 (json_int_t)x->client_id, "open", x->plan.plan_id != 0,
			 "plan_id", (json_int_t)x->plan.plan_id, "version",
			 (json_int_t)x->plan.version, "closes_on", closes,
			 "answer", answer ? answer : json_null());
}

int bud_outcome_get(bud_app *app, const bud_actor *actor, int64_t client_id,
		    json_t **out, bud_err *err)
{
	struct outcome_x x = {app, actor, client_id, NULL, {0}, {0}};
	int rc;

	*out = NULL;
	if (!actor || !(actor->role & (BUD_ROLE_CLIENT | BUD_ROLE_REPRESENTATIVE)))
		return bud_authz_forbidden(err, "read the questionnaire");
	if ((rc = bud_app_read(app, actor, outcome_read_unit, &x, err)) != BUD_OK)
		return rc;
	return (*out = outcome_view(&x)) ? BUD_OK : nomem(err);
}

static int check_answer(const struct bud_outcome_in *in, bud_err *err)
{
	const int q[3] = {in->q_life, in->q_help, in->q_choice};
	static const char *const field[3] = {"q_life", "q_help", "q_choice"};
	const char *comment = in->comment ? in->comment : "";
	int i;

	for (i = 0; i < 3; i++)
		if (q[i] < 1 || q[i] > 3)
			return bud_err_set(err, BUD_EINVAL, field[i], "err.outcome.answer",
					   "choose one answer");
	if (strlen(comment) > BUD_OUTCOME_COMMENT_MAX)
		return bud_err_set(err, BUD_EINVAL, "comment", "err.too_long", "comment");
	return bud_text_check(comment, BUD_TEXT_MULTILINE, "comment", err);
}

static int outcome_write_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct outcome_x *x = arg;
	struct bud_store_outcome o;
	char basis[BUD_BASIS_MAX], object[48];
	int rc = bud_authz_client(x->app, w, x->actor, x->client_id, 1, basis,
				  sizeof(basis), err);

	if (rc == BUD_OK)
		rc = outcome_load(w, x, err);
	if (rc == BUD_OK && !x->plan.plan_id)
		return bud_err_set(err, BUD_ECONFLICT, NULL, "err.outcome.closed",
				   "no questionnaire open");
	if (rc != BUD_OK)
		return rc;
	memset(&o, 0, sizeof(o));
	o.plan_id = x->plan.plan_id;
	o.client_id = x->client_id;
	o.q_life = x->in->q_life;
	o.q_help = x->in->q_help;
	o.q_choice = x->in->q_choice;
	snprintf(o.comment, sizeof(o.comment), "%s", x->in->comment ? x->in->comment : "");
	snprintf(o.lang, sizeof(o.lang), "%s", x->in->lang && !strcmp(x->in->lang, "sv") ?
		 "sv" : "fi");
	o.answered_by = x->actor->user_id;
	o.answered_at = bud_app_now(x->app);
	if (bud_app_today(x->app, o.answered_on, sizeof(o.answered_on)) != BUD_OK)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.generic", "clock");
	if ((rc = bud_store_outcome_put(w, &o, err)) != BUD_OK)
		return rc;
	snprintf(object, sizeof(object), "outcome:%lld", (long long)o.plan_id);
	rc = bud_uselog_append_row(x->app, w, x->actor, x->client_id,
				   x->answer.id ? "change" : "create", object, basis, err);
	x->answer = o;
	return rc;
}

int bud_outcome_answer(bud_app *app, const bud_actor *actor, int64_t client_id,
		       const struct bud_outcome_in *in, json_t **out, bud_err *err)
{
	struct outcome_x x = {app, actor, client_id, in, {0}, {0}};
	int rc;

	*out = NULL;
	if (!actor || !(actor->role & (BUD_ROLE_CLIENT | BUD_ROLE_REPRESENTATIVE)))
		return bud_authz_forbidden(err, "answer for the client");
	if ((rc = check_answer(in, err)) != BUD_OK)
		return rc;
	if ((rc = bud_db_write(app->db, outcome_write_unit, &x, err)) != BUD_OK)
		return rc;
	return (*out = outcome_view(&x)) ? BUD_OK : nomem(err);
}

/* ---- the figures as one report table (the downloads) ------------------- */

/* One row: section and figure (catalog keys, or figure_text as it is),
 * the cell's value as a count or as money. */
static void table_row(struct bud_report *r, const char *lang, const char *section,
		      const char *figure, const char *figure_text, json_t *cell, int money)
{
	json_t *v = json_object_get(cell, "value");
	int hidden = json_is_true(json_object_get(cell, "suppressed")) || json_is_null(v);
	int64_t n = json_is_real(v) ? (int64_t)(json_real_value(v) + 0.5) : json_integer_value(v);

	bud_report_text(r, bud_msg(lang, section));
	bud_report_text(r, figure_text ? figure_text : bud_msg(lang, figure));
	if (hidden || money)
		bud_report_empty(r);
	else
		bud_report_num(r, n);
	if (hidden || !money)
		bud_report_empty(r);
	else
		bud_report_num(r, n);
	bud_report_text(r, hidden ? bud_msg(lang, "pilot.hidden") : "");
}

/* The rows of obj's members keys under section, names prefix + key. */
static void table_rows(struct bud_report *r, const char *lang, const char *section,
		       json_t *obj, const char *const *keys, const char *prefix)
{
	char key[64];
	size_t i;

	for (i = 0; keys[i]; i++) {
		snprintf(key, sizeof(key), "%s%s", prefix, keys[i]);
		table_row(r, lang, section, key, NULL, json_object_get(obj, keys[i]), 0);
	}
}

static void table_services(struct bud_report *r, const char *lang, json_t *services)
{
	static const char *const cols[] = {"chosen", "with_provider", "providers",
		"switched", "switches", "paid_clients", "paid", "usual", "difference", NULL};
	static const char *const members[] = {"chosen", "with_provider", "providers",
		"switched", "switches", "paid_clients", "paid_per_client",
		"usual_per_client", "difference_per_client", NULL};
	char text[2 * BUD_NAME_MAX + 64], key[64];
	const char *name;
	json_t *s;
	size_t i, j;

	json_array_foreach(services, i, s) {
		name = json_string_value(json_object_get(json_object_get(s, "name"), lang));
		if (!name || !name[0])
			name = bud_msg(lang, "pilot.all_services");
		for (j = 0; cols[j]; j++) {
			snprintf(key, sizeof(key), "pilot.col.%s", cols[j]);
			snprintf(text, sizeof(text), "%s: %s", name, bud_msg(lang, key));
			table_row(r, lang, j < 5 ? "pilot.services" : "pilot.costs", NULL, text,
				  json_object_get(s, members[j]), j >= 6);
		}
	}
}

static void table_outcomes(struct bud_report *r, const char *lang, json_t *outcomes)
{
	static const char *const answers[] = {"yes", "partly", "no", "answered", NULL};
	static const char *const keys[] = {"outcome.a3", "outcome.a2", "outcome.a1",
		"pilot.answered", NULL};
	char text[512], key[64];
	json_t *q;
	size_t i, j;

	json_array_foreach(outcomes, i, q) {
		snprintf(key, sizeof(key), "outcome.q_%s",
			 json_string_value(json_object_get(q, "question")));
		for (j = 0; answers[j]; j++) {
			snprintf(text, sizeof(text), "%s %s", bud_msg(lang, key),
				 bud_msg(lang, keys[j]));
			table_row(r, lang, "pilot.outcomes", NULL, text,
				  json_object_get(q, answers[j]), 0);
		}
	}
}

int bud_pilot_table(json_t *f, const char *lang, struct bud_report *r)
{
	static const char *const offers[] = {"all", "some", "refused", "unanswered",
		"offered", NULL};
	static const char *const timing[] = {"decisions", "median_days", "min_days",
		"max_days", NULL};
	static const char *const disputes[] = {"clients", "events", "open", "upheld",
		"dismissed", NULL};
	char caption[256];

	snprintf(caption, sizeof(caption), "%s %s – %s%s%s", bud_msg(lang, "pilot.title"),
		 json_string_value(json_object_get(f, "from")),
		 json_string_value(json_object_get(f, "to")),
		 json_string_length(json_object_get(f, "municipality")) ? ", " : "",
		 json_string_value(json_object_get(f, "municipality")));
	bud_report_init(r, lang, caption);
	bud_report_col(r, bud_msg(lang, "pilot.col.section"), BUD_RT_TEXT);
	bud_report_col(r, bud_msg(lang, "pilot.figure"), BUD_RT_TEXT);
	bud_report_col(r, bud_msg(lang, "pilot.col.count"), BUD_RT_INT);
	bud_report_col(r, bud_msg(lang, "pilot.col.euros"), BUD_RT_MONEY);
	bud_report_col(r, bud_msg(lang, "pilot.col.note"), BUD_RT_TEXT);
	table_rows(r, lang, "pilot.offers", json_object_get(f, "offers"), offers, "pilot.offer.");
	table_services(r, lang, json_object_get(f, "services"));
	table_rows(r, lang, "pilot.timing", json_object_get(f, "timing"), timing, "pilot.timing.");
	table_rows(r, lang, "pilot.disputes", json_object_get(f, "disputes"), disputes,
		   "pilot.dispute.");
	table_outcomes(r, lang, json_object_get(f, "outcomes"));
	return bud_report_status(r);
}
