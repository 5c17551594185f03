/*
 * app/plan.c: service plans and decisions, their lines and the grants
 * they make in the budget ledger (see app/plan.h for the rules).
 *
 * Each use case checks the role first (BUD_EFORBIDDEN), then runs one
 * write unit that loads the plan, checks the client (bud_authz_client:
 * BUD_ENOTFOUND for a plan of a client out of reach, as for no plan at
 * all), checks the state (core/state.h), writes, and appends its use-log
 * row. Reads build their view inside a unit too, so the view and its
 * use-log row are one: a refused read writes nothing.
 *
 * Approval checks the password with bud_account_check_password on the
 * caller's thread before the unit (argon2id never runs on the writer),
 * after a first look on the reader so that a drafter or a plan in the
 * wrong state is refused without asking for it; the unit checks all again.
 *
 * Money: amounts come from core/budget.c; after granting, the grants read
 * back from the ledger must equal the sum of the lines (asserted as
 * BUD_EINTERNAL, which rolls the unit back).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/account.h"
#include "app/authz.h"
#include "app/commitment.h"
#include "app/etag.h"
#include "app/plan.h"
#include "app/totp.h"
#include "app/read.h"
#include "app/settings.h"
#include "app/uselog.h"
#include "core/budget.h"
#include "core/date.h"
#include "core/text.h"
#include "core/money.h"
#include "core/state.h"
#include "store/casework.h"
#include "store/client.h"
#include "store/org.h"
#include "store/plan.h"
#include "store/user.h"


/* Everything a unit needs; each use case fills what it uses. */
struct unit {
	bud_app *app;
	const bud_actor *actor;
	int64_t plan_id;
	int64_t client_id;
	int64_t copy_from;
	int64_t line_id;
	const struct bud_plan_fields *f;
	const struct bud_plan_line_in *in;
	const char *text;		/* return note, last day */
	int within_days;
	struct bud_page *pg;		/* lists: the page asked for */
	int64_t id_out;
	json_t *out;
	struct bud_store_plan plan;	/* the loaded plan */
	char basis[BUD_BASIS_MAX];
};

static int wrong_state(bud_err *err, const char *state)
{
	return bud_err_set(err, BUD_ECONFLICT, "state", "err.plan.state",
			   "the plan is %s", state);
}

static int plan_state(const struct bud_store_plan *p)
{
	return bud_plan_state_parse(p->state);
}

static int is_reader_role(int role)
{
	return role == BUD_ROLE_WORKER || role == BUD_ROLE_DECISION_MAKER ||
	       role == BUD_ROLE_CLIENT || role == BUD_ROLE_REPRESENTATIVE;
}

/* Day number of "YYYY-MM-DD" (already validated), INT64_MIN when not. */
static int64_t day_of(const char *s)
{
	int y, m, d;

	if (bud_date_parse(s, &y, &m, &d, NULL) != BUD_OK)
		return INT64_MIN;
	return bud_date_days(y, m, d);
}

static void day_text(int64_t day, char out[BUD_DATE_BUF])
{
	int y, m, d;

	out[0] = '\0';
	if (bud_date_from_days(day, &y, &m, &d) == BUD_OK)
		bud_date_format(y, m, d, out);
}

static int log_row(struct unit *u, bud_conn *w, int64_t client_id,
		   const char *action, const char *kind, int64_t id, bud_err *err)
{
	char object[48];

	if (id)
		snprintf(object, sizeof(object), "%s:%" PRId64, kind, id);
	else
		snprintf(object, sizeof(object), "%s", kind);
	return bud_uselog_append_row(u->app, w, u->actor, client_id, action,
				     object, u->basis, err);
}

/*
 * Load u->plan_id into u->plan and check the client: want_act for
 * changes. A plan the actor may not see is the same BUD_ENOTFOUND as no
 * plan. Clients and representatives see only decided plans; a decision
 * maker only plans of their own organiser.
 */
static int load(struct unit *u, bud_conn *c, int want_act, bud_err *err)
{
	int rc;

	rc = bud_store_plan_get(c, u->plan_id, &u->plan, err);
	if (rc == BUD_ENOTFOUND)
		return bud_authz_denied(err, "plan");
	if (rc != BUD_OK)
		return rc;
	rc = bud_authz_client(u->app, c, u->actor, u->plan.client_id, want_act,
			      u->basis, sizeof(u->basis), err);
	if (rc != BUD_OK)
		return rc;
	if ((u->actor->role == BUD_ROLE_CLIENT ||
	     u->actor->role == BUD_ROLE_REPRESENTATIVE) &&
	    !bud_plan_decided(plan_state(&u->plan)))
		return bud_authz_denied(err, "plan");
	if (u->actor->role == BUD_ROLE_DECISION_MAKER &&
	    u->plan.organiser_id != u->actor->organiser_id)
		return bud_authz_denied(err, "plan");
	return BUD_OK;
}

/* ---- fields and lines ---------------------------------------------- */

static const char *nz(const char *s)
{
	return s ? s : "";
}

/* Validate f into p's edited fields. */
static int fields_take(const struct bud_plan_fields *f, struct bud_store_plan *p,
		       bud_err *err)
{
	int64_t from, to, rev;
	int rc;

	if (!f->valid_from || !f->valid_from[0])
		return bud_err_set(err, BUD_EINVAL, "valid_from", "err.required",
				   "valid_from is required");
	if (!f->valid_to || !f->valid_to[0])
		return bud_err_set(err, BUD_EINVAL, "valid_to", "err.required",
				   "valid_to is required");
	if (!f->review_date || !f->review_date[0])
		return bud_err_set(err, BUD_EINVAL, "review_date", "err.required",
				   "review_date is required");
	if ((rc = bud_date_case_check(f->valid_from, "valid_from", err)) ||
	    (rc = bud_date_case_check(f->valid_to, "valid_to", err)) ||
	    (rc = bud_date_case_check(f->review_date, "review_date", err)))
		return rc;
	rc = bud_budget_period_check(f->valid_from, f->valid_to,
				     BUD_PLAN_MAX_MONTHS, err);
	if (rc != BUD_OK)
		return rc;
	from = day_of(f->valid_from);
	to = day_of(f->valid_to);
	rev = day_of(f->review_date);
	if (rev == INT64_MIN)
		return bud_err_set(err, BUD_EINVAL, "review_date", "err.invalid_date",
				   "review_date is not a date");
	if (rev < from || rev > to)
		return bud_err_set(err, BUD_EINVAL, "review_date",
				   "err.plan.review_outside",
				   "the review date is outside the period");
	if (f->client_fee < 0 || f->client_fee > BUD_MONEY_MAX)
		return bud_err_set(err, BUD_EINVAL, "client_fee", "err.out_of_range",
				   "client fee out of range");
	if (strlen(nz(f->label)) > BUD_NAME_MAX)
		return bud_err_set(err, BUD_EINVAL, "label", "err.too_long", "label");
	if (strlen(nz(f->fee_note)) > BUD_NOTE_MAX)
		return bud_err_set(err, BUD_EINVAL, "fee_note", "err.too_long", "fee_note");
	if (strlen(nz(f->reasoning)) > BUD_TEXT_MAX)
		return bud_err_set(err, BUD_EINVAL, "reasoning", "err.too_long", "reasoning");
	if ((rc = bud_text_check(f->label, BUD_TEXT_LINE, "label", err)) ||
	    (rc = bud_text_check(f->fee_note, BUD_TEXT_MULTILINE, "fee_note", err)) ||
	    (rc = bud_text_check(f->reasoning, BUD_TEXT_MULTILINE, "reasoning", err)))
		return rc;
	snprintf(p->label, sizeof(p->label), "%s", nz(f->label));
	snprintf(p->valid_from, sizeof(p->valid_from), "%s", f->valid_from);
	snprintf(p->valid_to, sizeof(p->valid_to), "%s", f->valid_to);
	snprintf(p->review_date, sizeof(p->review_date), "%s", f->review_date);
	p->client_fee = f->client_fee;
	snprintf(p->fee_note, sizeof(p->fee_note), "%s", nz(f->fee_note));
	snprintf(p->reasoning, sizeof(p->reasoning), "%s", nz(f->reasoning));
	return BUD_OK;
}

/*
 * Price line l (service_id and quantity set) for plan p: the price valid
 * on p's first day, the monthly and the period amount. A service without
 * a price that day is BUD_ECONFLICT (field: the service, or valid_from
 * when the period changed: fld).
 */
static int line_price(bud_conn *c, const struct bud_store_plan *p,
		      struct bud_store_plan_line *l, const char *fld, bud_err *err)
{
	struct bud_store_price pr;
	int rc;

	rc = bud_store_price_current(c, p->organiser_id, l->service_id,
				     p->valid_from, &pr, err);
	if (rc == BUD_ENOTFOUND)
		return bud_err_set(err, BUD_ECONFLICT, fld, "err.plan.no_price",
				   "the service has no price on %s", p->valid_from);
	if (rc != BUD_OK)
		return rc;
	l->price_id = pr.id;
	snprintf(l->unit, sizeof(l->unit), "%s", pr.unit);
	l->unit_price = pr.unit_price;
	snprintf(l->instrument, sizeof(l->instrument), "%s", pr.instrument);
	rc = bud_budget_monthly(l->quantity, l->unit_price, &l->monthly_amount, err);
	if (rc == BUD_OK)
		rc = bud_budget_prorata(l->monthly_amount, p->valid_from,
					p->valid_to, &l->period_amount, err);
	if (rc != BUD_OK && err && !err->field[0])
		snprintf(err->field, sizeof(err->field), "quantity");
	return rc;
}

/* The client accepted a personal budget for the service (offer answer in
 * force), else BUD_ECONFLICT "service". */
static int line_accepted(bud_conn *c, int64_t client_id, int64_t service_id,
			 bud_err *err)
{
	int ok = 0;
	int rc = bud_store_offer_accepted(c, client_id, service_id, &ok, err);

	if (rc != BUD_OK)
		return rc;
	if (!ok)
		return bud_err_set(err, BUD_ECONFLICT, "service",
				   "err.plan.service_not_accepted",
				   "the client has not accepted a personal budget "
				   "for this service");
	return BUD_OK;
}

/* Read a plan's lines into a new array (*lines, caller frees). */
static int lines_read(bud_conn *c, int64_t plan_id,
		      struct bud_store_plan_line **lines, size_t *n, bud_err *err)
{
	*lines = malloc(BUD_PLAN_MAX_LINES * sizeof(**lines));	/* rows set by the store */
	*n = 0;
	if (!*lines)
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "no memory");
	return bud_store_plan_line_list(c, plan_id, *lines, BUD_PLAN_MAX_LINES,
					n, err);
}

/* Sum of the lines' monthly and period amounts, checked. */
static int lines_totals(const struct bud_store_plan_line *l, size_t n,
			int64_t *monthly, int64_t *period, bud_err *err)
{
	size_t i;

	*monthly = *period = 0;
	for (i = 0; i < n; i++)
		if (bud_money_add(*monthly, l[i].monthly_amount, monthly, err) ||
		    bud_money_add(*period, l[i].period_amount, period, err))
			return err ? err->code : BUD_EOVERFLOW;
	return BUD_OK;
}

/* ---- views ---------------------------------------------------------- */

static json_t *j_str_or_null(const char *s)
{
	return s && s[0] ? json_string(s) : json_null();
}

static json_t *j_int_or_null(int64_t v)
{
	return v ? json_integer(v) : json_null();
}

/* {id, name} of a user, or null for id 0. */
static int user_ref(bud_conn *c, int64_t id, json_t **out, bud_err *err)
{
	struct bud_store_user u;
	int rc;

	*out = NULL;
	if (!id) {
		*out = json_null();
		return BUD_OK;
	}
	rc = bud_store_user_get(c, id, &u, err);
	if (rc != BUD_OK)
		return rc;
	memset(u.password_hash, 0, sizeof(u.password_hash));
	*out = json_pack("{s:I, s:s}", "id", (json_int_t)u.id, "name",
			 u.display_name);
	return *out ? BUD_OK : BUD_ENOMEM;
}

static json_t *service_json(const struct bud_store_service *s, int with_id)
{
	json_t *o = json_pack("{s:s, s:s, s:s, s:s}", "code", s->code,
			      "name_fi", s->name_fi, "name_sv", s->name_sv,
			      "name_en", s->name_en);

	if (o && with_id)
		json_object_set_new(o, "id", json_integer(s->id));
	return o;
}

/* One line's view with its net grant. */
static int line_json(bud_conn *c, const struct bud_store_plan_line *l,
		     int64_t *net, json_t **out, bud_err *err)
{
	struct bud_store_service s;
	struct bud_store_ledger_sums sums;
	int rc;

	*out = NULL;
	if ((rc = bud_store_service_get(c, l->service_id, &s, err)) != BUD_OK ||
	    (rc = bud_store_ledger_line_sums(c, l->id, &sums, err)) != BUD_OK)
		return rc;
	*net = sums.granted - sums.revoked;
	*out = json_pack("{s:I, s:I, s:o, s:I, s:s, s:I, s:s, s:I, s:s, s:I, s:I, s:I}",
		"id", (json_int_t)l->id, "position", (json_int_t)l->position,
		"service", service_json(&s, 1), "price_id", (json_int_t)l->price_id,
		"unit", l->unit, "unit_price", (json_int_t)l->unit_price,
		"instrument", l->instrument, "quantity", (json_int_t)l->quantity,
		"content", l->content,
		"monthly_amount", (json_int_t)l->monthly_amount,
		"period_amount", (json_int_t)l->period_amount,
		"granted", (json_int_t)*net);
	return *out ? BUD_OK : BUD_ENOMEM;
}

/* The lines array, totals and net grant of plan p into view v. */
static int lines_into(bud_conn *c, const struct bud_store_plan *p, json_t *v,
		      size_t *nlines, bud_err *err)
{
	struct bud_store_plan_line *l = NULL;
	int64_t monthly, period, net, granted = 0;
	json_t *arr = json_array(), *lj;
	size_t i, n = 0;
	int rc;

	json_object_set_new(v, "lines", arr);
	if ((rc = lines_read(c, p->id, &l, &n, err)) != BUD_OK ||
	    (rc = lines_totals(l, n, &monthly, &period, err)) != BUD_OK)
		goto out;
	for (i = 0; i < n; i++) {
		if ((rc = line_json(c, &l[i], &net, &lj, err)) != BUD_OK)
			goto out;
		json_array_append_new(arr, lj);
		granted += net;
	}
	json_object_set_new(v, "total_monthly", json_integer(monthly));
	json_object_set_new(v, "total_period", json_integer(period));
	json_object_set_new(v, "granted", json_integer(granted));
	*nlines = n;
out:
	free(l);
	return rc;
}

/* What this actor may do with p now (the view's "can"). */
static json_t *can_json(const bud_actor *a, const struct bud_store_plan *p,
			size_t nlines)
{
	int st = plan_state(p);
	int w = a->role == BUD_ROLE_WORKER;
	int dm = a->role == BUD_ROLE_DECISION_MAKER;

	return json_pack("{s:b, s:b, s:b, s:b, s:b, s:b}",
		"edit", w && bud_plan_editable(st),
		"propose", w && bud_plan_may(st, BUD_PLAN_PROPOSED) && nlines > 0,
		"approve", dm && bud_plan_may(st, BUD_PLAN_APPROVED) &&
			   a->user_id != p->drafted_by,
		"return", dm && bud_plan_may(st, BUD_PLAN_DRAFT),
		"end", dm && bud_plan_may(st, BUD_PLAN_ENDED),
		"discard", w && bud_plan_may(st, BUD_PLAN_DISCARDED));
}

/* The version tag of plan p's own fields (app/etag.h); lines are added
 * and removed by their own routes. */
static void plan_etag(const struct bud_store_plan *p, char out[BUD_ETAG_HEX])
{
	bud_etag t;

	bud_etag_init(&t);
	bud_etag_i64(&t, p->id);
	bud_etag_str(&t, p->state);
	bud_etag_str(&t, p->label);
	bud_etag_str(&t, p->valid_from);
	bud_etag_str(&t, p->valid_to);
	bud_etag_str(&t, p->review_date);
	bud_etag_i64(&t, p->client_fee);
	bud_etag_str(&t, p->fee_note);
	bud_etag_str(&t, p->reasoning);
	bud_etag_str(&t, p->returned_note);
	bud_etag_str(&t, p->effective_to);
	bud_etag_i64(&t, p->updated_at);
	bud_etag_final(&t, out);
}

static json_t *plan_head(const struct bud_store_plan *p)
{
	return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:s, "
			 "s:o, s:o, s:o, s:o, s:o, s:s, s:o, s:o}",
		"id", (json_int_t)p->id, "client_id", (json_int_t)p->client_id,
		"state", p->state, "label", p->label, "valid_from", p->valid_from,
		"valid_to", p->valid_to, "review_date", p->review_date,
		"client_fee", (json_int_t)p->client_fee, "fee_note", p->fee_note,
		"reasoning", p->reasoning, "lang", j_str_or_null(p->lang),
		"decision_no", j_str_or_null(p->decision_no),
		"version", j_int_or_null(p->version),
		"supersedes_id", j_int_or_null(p->supersedes_id),
		"effective_to", j_str_or_null(p->effective_to),
		"returned_note", p->returned_note,
		"proposed_at", j_int_or_null(p->proposed_at),
		"approved_at", j_int_or_null(p->approved_at));
}

/* The whole view of plan p (bud_plan_get's members) for actor a. */
static int plan_view(bud_conn *c, const bud_actor *a,
		     const struct bud_store_plan *p, json_t **out, bud_err *err)
{
	struct bud_store_client cl;
	char etag[BUD_ETAG_HEX];
	json_t *v, *ref;
	size_t nlines = 0;
	int rc;

	*out = NULL;
	if ((rc = bud_store_client_get(c, p->client_id, &cl, err)) != BUD_OK)
		return rc;
	if (!(v = plan_head(p)))
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "no memory");
	plan_etag(p, etag);
	json_object_set_new(v, "etag", json_string(etag));
	json_object_set_new(v, "client", json_pack("{s:I, s:s, s:s, s:s}",
		"id", (json_int_t)cl.id, "first_name", cl.first_name,
		"last_name", cl.last_name, "lang", cl.lang));
	if ((rc = user_ref(c, p->drafted_by, &ref, err)) != BUD_OK)
		goto fail;
	json_object_set_new(v, "drafted_by", ref);
	if ((rc = user_ref(c, p->approved_by, &ref, err)) != BUD_OK)
		goto fail;
	json_object_set_new(v, "approved_by", ref);
	if ((rc = lines_into(c, p, v, &nlines, err)) != BUD_OK)
		goto fail;
	json_object_set_new(v, "can", can_json(a, p, nlines));
	*out = v;
	return BUD_OK;
fail:
	json_decref(v);
	return rc;
}

/* A summary of plan p for lists. */
static int plan_summary(bud_conn *c, const struct bud_store_plan *p,
			json_t **out, bud_err *err)
{
	struct bud_store_plan_line *l = NULL;
	int64_t monthly = 0, period = 0;
	size_t n = 0;
	int rc;

	*out = NULL;
	if ((rc = lines_read(c, p->id, &l, &n, err)) == BUD_OK)
		rc = lines_totals(l, n, &monthly, &period, err);
	free(l);
	if (rc != BUD_OK)
		return rc;
	*out = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:I, s:I}",
		"id", (json_int_t)p->id, "state", p->state, "label", p->label,
		"valid_from", p->valid_from, "valid_to", p->valid_to,
		"review_date", p->review_date,
		"decision_no", j_str_or_null(p->decision_no),
		"version", j_int_or_null(p->version),
		"total_monthly", (json_int_t)monthly,
		"total_period", (json_int_t)period);
	return *out ? BUD_OK : BUD_ENOMEM;
}

/* ---- drafting (worker) ---------------------------------------------- */

static int need_worker(const bud_actor *a, bud_err *err)
{
	if (!a || a->role != BUD_ROLE_WORKER)
		return bud_authz_forbidden(err, "do this");
	return BUD_OK;
}

static int need_dm(const bud_actor *a, bud_err *err)
{
	if (!a || a->role != BUD_ROLE_DECISION_MAKER)
		return bud_authz_forbidden(err, "do this");
	return BUD_OK;
}

/* Load the plan for a worker's change of a draft. */
static int load_draft(struct unit *u, bud_conn *w, bud_err *err)
{
	int rc = load(u, w, 1, err);

	if (rc != BUD_OK)
		return rc;
	if (!bud_plan_editable(plan_state(&u->plan)))
		return wrong_state(err, u->plan.state);
	return BUD_OK;
}

/* Copy the lines of plan from_id (same client) into the new draft p,
 * priced again for p's first day. */
static int copy_lines(bud_conn *w, const struct bud_store_plan *p,
		      int64_t from_id, bud_err *err)
{
	struct bud_store_plan src;
	struct bud_store_plan_line *l = NULL;
	size_t i, n = 0;
	int rc;

	rc = bud_store_plan_get(w, from_id, &src, err);
	if (rc == BUD_OK && src.client_id != p->client_id)
		rc = BUD_ENOTFOUND;
	if (rc == BUD_ENOTFOUND)
		return bud_err_set(err, BUD_EINVAL, "copy_from", "err.plan.copy_from",
				   "no such plan of this client");
	if (rc != BUD_OK || (rc = lines_read(w, from_id, &l, &n, err)) != BUD_OK)
		goto out;
	for (i = 0; i < n; i++) {
		l[i].plan_id = p->id;
		if ((rc = line_accepted(w, p->client_id, l[i].service_id, err)) ||
		    (rc = line_price(w, p, &l[i], "copy_from", err)) ||
		    (rc = bud_store_plan_line_insert(w, &l[i], NULL, err)))
			goto out;
	}
out:
	free(l);
	return rc;
}

static int create_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct unit *u = arg;
	struct bud_store_client cl;
	struct bud_store_plan *p = &u->plan;
	int64_t drafts = 0;
	int rc;

	rc = bud_authz_client(u->app, w, u->actor, u->client_id, 1, u->basis,
			      sizeof(u->basis), err);
	if (rc != BUD_OK || (rc = bud_store_client_get(w, u->client_id, &cl, err)))
		return rc;
	memset(p, 0, sizeof(*p));
	if ((rc = fields_take(u->f, p, err)) != BUD_OK)
		return rc;
	rc = bud_store_plan_count_state(w, u->client_id, "draft", &drafts, err);
	if (rc != BUD_OK)
		return rc;
	if (drafts >= BUD_PLAN_MAX_DRAFTS)
		return bud_err_set(err, BUD_ECONFLICT, NULL, "err.plan.too_many_drafts",
				   "the client has %d drafts already",
				   BUD_PLAN_MAX_DRAFTS);
	p->client_id = u->client_id;
	p->organiser_id = cl.organiser_id;
	p->drafted_by = u->actor->user_id;
	p->created_at = p->updated_at = bud_app_now(u->app);
	if ((rc = bud_store_plan_insert(w, p, &p->id, err)) != BUD_OK)
		return rc;
	if (u->copy_from && (rc = copy_lines(w, p, u->copy_from, err)) != BUD_OK)
		return rc;
	u->id_out = p->id;
	return log_row(u, w, u->client_id, "create", "plan", p->id, err);
}

int bud_plan_create(bud_app *app, const bud_actor *actor, int64_t client_id,
		    const struct bud_plan_fields *f, int64_t copy_from,
		    int64_t *plan_id, bud_err *err)
{
	struct unit *u;
	int rc;

	if ((rc = need_worker(actor, err)) != BUD_OK)
		return rc;
	if (!f)
		return bud_err_set(err, BUD_EINVAL, "valid_from", "err.required",
				   "no fields");
	if (!(u = calloc(1, sizeof(*u))))
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "no memory");
	*u = (struct unit){.app = app, .actor = actor, .client_id = client_id,
			   .f = f, .copy_from = copy_from};
	rc = bud_db_write(app->db, create_unit, u, err);
	if (rc == BUD_OK && plan_id)
		*plan_id = u->id_out;
	free(u);
	return rc;
}

/* Price every line of the draft again for its (new) period. */
static int reprice_lines(bud_conn *w, const struct bud_store_plan *p,
			 bud_err *err)
{
	struct bud_store_plan_line *l = NULL;
	size_t i, n = 0;
	int rc;

	if ((rc = lines_read(w, p->id, &l, &n, err)) != BUD_OK)
		goto out;
	for (i = 0; i < n; i++)
		if ((rc = line_price(w, p, &l[i], "valid_from", err)) ||
		    (rc = bud_store_plan_line_reprice(w, &l[i], err)))
			goto out;
out:
	free(l);
	return rc;
}

static int update_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct unit *u = arg;
	struct bud_store_plan before;
	char etag[BUD_ETAG_HEX];
	int rc;

	if ((rc = load_draft(u, w, err)) != BUD_OK)
		return rc;
	plan_etag(&u->plan, etag);
	if ((rc = bud_etag_check(u->f->if_etag, etag, err)) != BUD_OK)
		return rc;
	memcpy(&before, &u->plan, sizeof(before));
	if ((rc = fields_take(u->f, &u->plan, err)) != BUD_OK)
		return rc;
	/* Nothing changed (the plan sent back as read): no write, no new
	 * prices, so updated_at and the ETag stay. */
	if (memcmp(&before, &u->plan, sizeof(before)) == 0)
		return BUD_OK;
	u->plan.updated_at = bud_app_now(u->app);
	if ((rc = bud_store_plan_update_fields(w, &u->plan, err)) != BUD_OK ||
	    (rc = reprice_lines(w, &u->plan, err)) != BUD_OK)
		return rc;
	return log_row(u, w, u->plan.client_id, "change", "plan", u->plan.id, err);
}

/* Run fn as one unit over a fresh struct unit set up from tmpl. */
static int run_unit(bud_app *app, bud_write_fn fn, const struct unit *tmpl,
		    struct unit **keep, bud_err *err)
{
	struct unit *u = malloc(sizeof(*u));
	int rc;

	if (!u)
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "no memory");
	*u = *tmpl;
	rc = bud_db_write(app->db, fn, u, err);
	if (keep)
		*keep = u;
	else
		free(u);
	return rc;
}

int bud_plan_update(bud_app *app, const bud_actor *actor, int64_t plan_id,
		    const struct bud_plan_fields *f, bud_err *err)
{
	struct unit t = {.app = app, .actor = actor, .plan_id = plan_id, .f = f};
	int rc;

	if ((rc = need_worker(actor, err)) != BUD_OK)
		return rc;
	if (!f)
		return bud_err_set(err, BUD_EINVAL, "valid_from", "err.required",
				   "no fields");
	return run_unit(app, update_unit, &t, NULL, err);
}

/* The lines' totals stay within the money bound with l added. */
static int total_fits(bud_conn *w, const struct bud_store_plan_line *add,
		      size_t *count, bud_err *err)
{
	struct bud_store_plan_line *l = NULL;
	int64_t monthly, period;
	size_t n = 0;
	int rc;

	if ((rc = lines_read(w, add->plan_id, &l, &n, err)) == BUD_OK &&
	    (rc = lines_totals(l, n, &monthly, &period, err)) == BUD_OK &&
	    (bud_money_add(monthly, add->monthly_amount, &monthly, err) ||
	     bud_money_add(period, add->period_amount, &period, err)))
		rc = bud_err_set(err, BUD_EOVERFLOW, "quantity", "err.money.overflow",
				 "the plan's total would overflow");
	*count = n;
	free(l);
	return rc;
}

static int line_add_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct unit *u = arg;
	struct bud_store_service s;
	struct bud_store_plan_line l;
	size_t n = 0;
	int rc;

	if ((rc = load_draft(u, w, err)) != BUD_OK)
		return rc;
	rc = bud_store_service_by_code(w, u->in->service, &s, err);
	if (rc == BUD_ENOTFOUND)
		return bud_err_set(err, BUD_EINVAL, "service", "err.plan.service_unknown",
				   "no such service");
	if (rc != BUD_OK ||
	    (rc = line_accepted(w, u->plan.client_id, s.id, err)) != BUD_OK)
		return rc;
	memset(&l, 0, sizeof(l));
	l.plan_id = u->plan.id;
	l.service_id = s.id;
	l.quantity = u->in->quantity;
	snprintf(l.content, sizeof(l.content), "%s", nz(u->in->content));
	if ((rc = line_price(w, &u->plan, &l, "service", err)) != BUD_OK ||
	    (rc = total_fits(w, &l, &n, err)) != BUD_OK)
		return rc;
	if (n >= BUD_PLAN_MAX_LINES)
		return bud_err_set(err, BUD_ECONFLICT, "service", "err.plan.too_many_lines",
				   "a plan has at most %d lines", BUD_PLAN_MAX_LINES);
	if ((rc = bud_store_plan_line_next_pos(w, l.plan_id, &l.position, err)) ||
	    (rc = bud_store_plan_line_insert(w, &l, &u->id_out, err)))
		return rc;
	return log_row(u, w, u->plan.client_id, "change", "plan", u->plan.id, err);
}

int bud_plan_line_add(bud_app *app, const bud_actor *actor, int64_t plan_id,
		      const struct bud_plan_line_in *in, int64_t *line_id,
		      bud_err *err)
{
	struct unit t = {.app = app, .actor = actor, .plan_id = plan_id, .in = in};
	struct unit *u = NULL;
	int rc;

	if ((rc = need_worker(actor, err)) != BUD_OK)
		return rc;
	if (!in || !in->service || !in->service[0])
		return bud_err_set(err, BUD_EINVAL, "service", "err.required",
				   "service is required");
	if (in->quantity <= 0)
		return bud_err_set(err, BUD_EINVAL, "quantity", "err.plan.quantity",
				   "quantity must be above 0");
	if (in->quantity > BUD_PLAN_QTY_MAX)
		return bud_err_set(err, BUD_EINVAL, "quantity",
				   "err.plausible.quantity",
				   "quantity above %lld hundredths",
				   (long long)BUD_PLAN_QTY_MAX);
	if (strlen(nz(in->content)) > BUD_NOTE_MAX)
		return bud_err_set(err, BUD_EINVAL, "content", "err.too_long", "content");
	if ((rc = bud_text_check(in->content, BUD_TEXT_MULTILINE, "content",
				 err)) != BUD_OK)
		return rc;
	rc = run_unit(app, line_add_unit, &t, &u, err);
	if (rc == BUD_OK && line_id)
		*line_id = u->id_out;
	free(u);
	return rc;
}

static int line_remove_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct unit *u = arg;
	int rc;

	if ((rc = load_draft(u, w, err)) != BUD_OK)
		return rc;
	rc = bud_store_plan_line_delete(w, u->plan.id, u->line_id, err);
	if (rc != BUD_OK)
		return rc;
	return log_row(u, w, u->plan.client_id, "change", "plan", u->plan.id, err);
}

int bud_plan_line_remove(bud_app *app, const bud_actor *actor, int64_t plan_id,
			 int64_t line_id, bud_err *err)
{
	struct unit t = {.app = app, .actor = actor, .plan_id = plan_id,
			 .line_id = line_id};
	int rc;

	if ((rc = need_worker(actor, err)) != BUD_OK)
		return rc;
	return run_unit(app, line_remove_unit, &t, NULL, err);
}

static int propose_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct unit *u = arg;
	struct bud_store_plan_line *l = NULL;
	int64_t pending = 0;
	size_t n = 0, i;
	int rc;

	if ((rc = load_draft(u, w, err)) != BUD_OK)
		return rc;
	rc = lines_read(w, u->plan.id, &l, &n, err);
	/* The answer in force may have changed since a line was added (a
	 * later refusal, say): every line's service must still be accepted. */
	for (i = 0; rc == BUD_OK && i < n; i++)
		rc = line_accepted(w, u->plan.client_id, l[i].service_id, err);
	free(l);
	if (rc != BUD_OK)
		return rc;
	if (n == 0)
		return bud_err_set(err, BUD_ECONFLICT, "lines", "err.plan.no_lines",
				   "a plan needs at least one line");
	rc = bud_store_plan_count_state(w, u->plan.client_id, "proposed",
					&pending, err);
	if (rc != BUD_OK)
		return rc;
	if (pending)
		return bud_err_set(err, BUD_ECONFLICT, "state",
				   "err.plan.proposal_pending",
				   "another plan of the client is proposed");
	rc = bud_store_plan_propose(w, u->plan.id, bud_app_now(u->app), err);
	if (rc != BUD_OK)
		return rc;
	return log_row(u, w, u->plan.client_id, "change", "plan", u->plan.id, err);
}

int bud_plan_propose(bud_app *app, const bud_actor *actor, int64_t plan_id,
		     bud_err *err)
{
	struct unit t = {.app = app, .actor = actor, .plan_id = plan_id};
	int rc;

	if ((rc = need_worker(actor, err)) != BUD_OK)
		return rc;
	return run_unit(app, propose_unit, &t, NULL, err);
}

static int discard_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct unit *u = arg;
	int rc;

	if ((rc = load_draft(u, w, err)) != BUD_OK ||
	    (rc = bud_store_plan_discard(w, u->plan.id, bud_app_now(u->app), err)))
		return rc;
	return log_row(u, w, u->plan.client_id, "change", "plan", u->plan.id, err);
}

int bud_plan_discard(bud_app *app, const bud_actor *actor, int64_t plan_id,
		     bud_err *err)
{
	struct unit t = {.app = app, .actor = actor, .plan_id = plan_id};
	int rc;

	if ((rc = need_worker(actor, err)) != BUD_OK)
		return rc;
	return run_unit(app, discard_unit, &t, NULL, err);
}

/* ---- deciding (decision maker) --------------------------------------- */

static int return_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct unit *u = arg;
	int rc;

	if ((rc = load(u, w, 1, err)) != BUD_OK)
		return rc;
	if (!bud_plan_may(plan_state(&u->plan), BUD_PLAN_DRAFT))
		return wrong_state(err, u->plan.state);
	rc = bud_store_plan_return(w, u->plan.id, u->text, bud_app_now(u->app), err);
	if (rc != BUD_OK)
		return rc;
	return log_row(u, w, u->plan.client_id, "change", "plan", u->plan.id, err);
}

int bud_plan_return(bud_app *app, const bud_actor *actor, int64_t plan_id,
		    const char *note, bud_err *err)
{
	struct unit t = {.app = app, .actor = actor, .plan_id = plan_id,
			 .text = note};
	int rc;

	if ((rc = need_dm(actor, err)) != BUD_OK)
		return rc;
	if (!note || !note[0])
		return bud_err_set(err, BUD_EINVAL, "note", "err.required",
				   "say why the plan is returned");
	if (strlen(note) > BUD_NOTE_MAX)
		return bud_err_set(err, BUD_EINVAL, "note", "err.too_long", "note");
	return run_unit(app, return_unit, &t, NULL, err);
}

/*
 * Cut approved plan p short after last_day (the plan's state becomes
 * state, "superseded" or "ended"): for each line, revoke what it granted
 * beyond its amount from valid_from to last_day, on the day after.
 */
static int cut_plan(struct unit *u, bud_conn *w, const struct bud_store_plan *p,
		    int64_t last_day, const char *state, bud_err *err)
{
	struct bud_store_plan_line *l = NULL;
	struct bud_store_ledger_sums s;
	struct bud_store_ledger_row r = {0};
	char last[BUD_DATE_BUF], next[BUD_DATE_BUF];
	int64_t from = day_of(p->valid_from), keep;
	size_t i, n = 0;
	int rc;

	if (last_day < from - 1)
		last_day = from - 1;	/* never in force */
	day_text(last_day, last);
	day_text(last_day + 1, next);
	r = (struct bud_store_ledger_row){.client_id = p->client_id,
		.plan_id = p->id, .kind = "revoke", .on_date = next,
		.created_by = u->actor->user_id, .created_at = bud_app_now(u->app)};
	if ((rc = lines_read(w, p->id, &l, &n, err)) != BUD_OK)
		goto out;
	for (i = 0; i < n; i++) {
		if ((rc = bud_store_ledger_line_sums(w, l[i].id, &s, err)) ||
		    (rc = bud_budget_until(l[i].monthly_amount, p->valid_from,
					   p->valid_to, last, &keep, err)))
			goto out;
		if ((rc = bud_commitment_cut_line(u->app, w, u->actor, l[i].id,
						  last, err)))
			goto out;
		r.plan_line_id = l[i].id;
		r.amount = s.granted - s.revoked - keep;
		if (r.amount < 0) {
			rc = bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal",
					 "line %" PRId64 " granted less than its amount",
					 l[i].id);
			goto out;
		}
		if (r.amount > 0 && (rc = bud_store_ledger_insert(w, &r, err)))
			goto out;
	}
	rc = bud_store_plan_close(w, p->id, state, last, bud_app_now(u->app), err);
	if (rc == BUD_OK)
		rc = log_row(u, w, p->client_id, "change", "plan", p->id, err);
out:
	free(l);
	return rc;
}

/* Collect the ids of the client's approved plans overlapping the period. */
struct ids {
	int64_t id[BUD_PLAN_SUPERSEDE_MAX];
	size_t n;
};

static int collect_id(void *arg, const struct bud_store_plan *p)
{
	struct ids *ids = arg;

	if (ids->n == BUD_PLAN_SUPERSEDE_MAX)
		return BUD_ETOOBIG;
	ids->id[ids->n++] = p->id;
	return 0;
}

/* Supersede the approved plans overlapping u->plan from its first day;
 * *last_id gets the latest one superseded (0: none). */
static int supersede(struct unit *u, bud_conn *w, int64_t *last_id, bud_err *err)
{
	struct bud_store_plan *old;
	struct ids ids = {{0}, 0};
	size_t i;
	int rc;

	*last_id = 0;
	rc = bud_store_plan_list_overlapping(w, u->plan.client_id,
					     u->plan.valid_from, u->plan.valid_to,
					     collect_id, &ids, err);
	if (rc == BUD_ETOOBIG)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal",
				   "too many overlapping plans");
	if (rc != BUD_OK)
		return rc;
	if (!(old = malloc(sizeof(*old))))
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "no memory");
	for (i = 0; i < ids.n && rc == BUD_OK; i++) {
		rc = bud_store_plan_get(w, ids.id[i], old, err);
		if (rc == BUD_OK)
			rc = cut_plan(u, w, old, day_of(u->plan.valid_from) - 1,
				      "superseded", err);
		*last_id = ids.id[i];
	}
	free(old);
	return rc;
}

/* Grant each line's period amount on the first day, then check that the
 * grants read back equal the sum of the lines. */
static int grant_lines(struct unit *u, bud_conn *w, bud_err *err)
{
	struct bud_store_plan_line *l = NULL;
	struct bud_store_ledger_sums s;
	struct bud_store_ledger_row r;
	int64_t monthly, period, granted = 0;
	size_t i, n = 0;
	int rc;

	r = (struct bud_store_ledger_row){.client_id = u->plan.client_id,
		.plan_id = u->plan.id, .kind = "grant", .on_date = u->plan.valid_from,
		.created_by = u->actor->user_id, .created_at = bud_app_now(u->app)};
	if ((rc = lines_read(w, u->plan.id, &l, &n, err)) ||
	    (rc = lines_totals(l, n, &monthly, &period, err)))
		goto out;
	for (i = 0; i < n; i++) {
		r.plan_line_id = l[i].id;
		r.amount = l[i].period_amount;
		if ((rc = bud_store_ledger_insert(w, &r, err)))
			goto out;
	}
	for (i = 0; i < n; i++) {
		if ((rc = bud_store_ledger_line_sums(w, l[i].id, &s, err)))
			goto out;
		granted += s.granted - s.revoked;
	}
	if (granted != period || n == 0)
		rc = bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal",
				 "grants %" PRId64 " differ from the lines %" PRId64,
				 granted, period);
out:
	free(l);
	return rc;
}

/* The decision-maker checks shared by the first look and the unit. */
static int approvable(struct unit *u, bud_conn *c, bud_err *err)
{
	int rc = load(u, c, 1, err);

	if (rc != BUD_OK)
		return rc;
	if (!bud_plan_may(plan_state(&u->plan), BUD_PLAN_APPROVED))
		return wrong_state(err, u->plan.state);
	if (u->plan.drafted_by == u->actor->user_id)
		return bud_err_set(err, BUD_EFORBIDDEN, NULL, "err.plan.own_draft",
				   "the drafter may not approve the plan");
	return BUD_OK;
}

static int approve_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct unit *u = arg;
	struct bud_store_client cl;
	struct bud_store_organiser o;
	char today[BUD_DATE_BUF], no[BUD_STORE_DECISION_NO];
	int64_t version = 0, superseded = 0;
	int rc;

	/* the decision prints the organiser's details: none may be missing */
	if ((rc = approvable(u, w, err)) ||
	    (rc = bud_store_client_get(w, u->plan.client_id, &cl, err)) ||
	    (rc = bud_store_organiser_get(w, u->plan.organiser_id, &o, err)) ||
	    (rc = bud_settings_decision_ready(&o, cl.lang, err)) ||
	    (rc = bud_store_plan_count_decided(w, cl.id, &version, err)))
		return rc;
	if (bud_app_today(u->app, today, sizeof(today)) != BUD_OK)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal", "clock");
	snprintf(no, sizeof(no), "HB-%.4s-%06" PRId64, today, u->plan.id);
	if ((rc = supersede(u, w, &superseded, err)) != BUD_OK)
		return rc;
	rc = bud_store_plan_approve(w, u->plan.id, u->actor->user_id,
				    strcmp(cl.lang, "sv") == 0 ? "sv" : "fi", no,
				    version + 1, superseded, bud_app_now(u->app), err);
	if (rc != BUD_OK || (rc = grant_lines(u, w, err)) != BUD_OK)
		return rc;
	return log_row(u, w, u->plan.client_id, "change", "plan", u->plan.id, err);
}

/* The decision maker's password again, before a decision on money. */
static int reauth(bud_app *app, const bud_actor *actor, const char *password,
		  bud_err *err)
{
	int rc;

	if (!password || !password[0])
		return bud_err_set(err, BUD_EINVAL, "password", "err.required",
				   "the password is required");
	rc = bud_account_check_password(app, actor, password, err);
	if (rc == BUD_EAUTH)
		return bud_err_set(err, BUD_EAUTH, "password",
				   "err.plan.password_wrong", "wrong password");
	return rc;
}

int bud_plan_approve(bud_app *app, const bud_actor *actor, int64_t plan_id,
		     const char *password, bud_err *err)
{
	return bud_plan_approve_2fa(app, actor, plan_id, password, NULL, err);
}

int bud_plan_approve_2fa(bud_app *app, const bud_actor *actor, int64_t plan_id,
			 const char *password, const char *code, bud_err *err)
{
	struct unit t = {.app = app, .actor = actor, .plan_id = plan_id};
	struct unit *u;
	bud_conn *c;
	int rc;

	if ((rc = need_dm(actor, err)) != BUD_OK)
		return rc;
	if (!password || !password[0])
		return bud_err_set(err, BUD_EINVAL, "password", "err.required",
				   "the password is required");
	if (!(c = bud_db_reader(app->db, err)))
		return err ? err->code : BUD_EIO;
	if (!(u = malloc(sizeof(*u))))
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "no memory");
	*u = t;
	rc = approvable(u, c, err);	/* first look, on the reader */
	free(u);
	if (rc != BUD_OK)
		return rc;
	rc = reauth(app, actor, password, err);
	if (rc == BUD_OK)
		rc = bud_account_fresh_second_factor(app, actor, code, err);
	if (rc != BUD_OK)
		return rc;
	return run_unit(app, approve_unit, &t, NULL, err);
}

static int end_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct unit *u = arg;
	int64_t last;
	int rc;

	if ((rc = load(u, w, 1, err)) != BUD_OK)
		return rc;
	if (!bud_plan_may(plan_state(&u->plan), BUD_PLAN_ENDED))
		return wrong_state(err, u->plan.state);
	last = day_of(u->text);
	if (last < day_of(u->plan.valid_from) - 1 || last > day_of(u->plan.valid_to))
		return bud_err_set(err, BUD_EINVAL, "last_day", "err.plan.last_day",
				   "the last day is outside the plan's period");
	return cut_plan(u, w, &u->plan, last, "ended", err);
}

int bud_plan_end(bud_app *app, const bud_actor *actor, int64_t plan_id,
		 const char *last_day, const char *password, bud_err *err)
{
	return bud_plan_end_2fa(app, actor, plan_id, last_day, password, NULL, err);
}

int bud_plan_end_2fa(bud_app *app, const bud_actor *actor, int64_t plan_id,
		     const char *last_day, const char *password, const char *code,
		     bud_err *err)
{
	struct unit t = {.app = app, .actor = actor, .plan_id = plan_id,
			 .text = last_day};
	int y, m, d, rc;

	if ((rc = need_dm(actor, err)) != BUD_OK)
		return rc;
	if (!last_day || !last_day[0])
		return bud_err_set(err, BUD_EINVAL, "last_day", "err.required",
				   "last_day is required");
	if ((rc = bud_date_parse(last_day, &y, &m, &d, err)) != BUD_OK) {
		if (err)
			snprintf(err->field, sizeof(err->field), "last_day");
		return rc;
	}
	if ((rc = reauth(app, actor, password, err)) != BUD_OK ||
	    (rc = bud_account_fresh_second_factor(app, actor, code, err)) != BUD_OK)
		return rc;
	return run_unit(app, end_unit, &t, NULL, err);
}

/* ---- reads ----------------------------------------------------------- */

static int get_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct unit *u = arg;
	int rc;

	if ((rc = load(u, w, 0, err)) != BUD_OK ||
	    (rc = plan_view(w, u->actor, &u->plan, &u->out, err)) != BUD_OK)
		return rc;
	return log_row(u, w, u->plan.client_id, "read", "plan", u->plan.id, err);
}

/* Run a read unit that leaves its view in u->out; *out gets it. */
static int run_read(bud_app *app, bud_write_fn fn, const struct unit *t,
		    json_t **out, bud_err *err)
{
	struct unit *u = NULL;
	int rc;

	if (!out)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal", "no out");
	*out = NULL;
	if (!t->actor || !is_reader_role(t->actor->role))
		return bud_authz_forbidden(err, "do this");
	if (!(u = malloc(sizeof(*u))))
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "no memory");
	*u = *t;
	rc = bud_app_read(app, t->actor, fn, u, err);
	if (rc == BUD_OK)
		*out = u->out;
	else
		json_decref(u->out);
	free(u);
	return rc;
}

int bud_plan_get(bud_app *app, const bud_actor *actor, int64_t plan_id,
		 json_t **out, bud_err *err)
{
	struct unit t = {.app = app, .actor = actor, .plan_id = plan_id};

	return run_read(app, get_unit, &t, out, err);
}

/* The decision's extra members: organiser, client's identity and address,
 * the approval date in Helsinki. */
static int decision_extra(bud_conn *w, const struct bud_store_plan *p,
			  json_t *v, bud_err *err)
{
	struct bud_store_organiser o;
	struct bud_store_client cl;
	struct bud_tm tm;
	char day[BUD_DATE_BUF] = "";
	json_t *c;
	int rc;

	if ((rc = bud_store_organiser_get(w, p->organiser_id, &o, err)) ||
	    (rc = bud_store_client_get(w, p->client_id, &cl, err)))
		return rc;
	json_object_set_new(v, "organiser", json_pack("{s:s, s:s, s:s}",
		"name_fi", o.name_fi, "name_sv", o.name_sv, "name_en", o.name_en));
	bud_settings_put(&o, json_object_get(v, "organiser"));
	c = json_object_get(v, "client");
	json_object_set_new(c, "hetu", json_string(cl.hetu));
	json_object_set_new(c, "address", json_string(cl.address));
	json_object_set_new(c, "municipality", json_string(cl.municipality));
	json_object_set_new(c, "easy_read", json_boolean(cl.easy_read == 1));
	if (bud_time_helsinki(p->approved_at, &tm) == BUD_OK)
		bud_date_format(tm.year, tm.month, tm.day, day);
	json_object_set_new(v, "approved_date", json_string(day));
	return BUD_OK;
}

static int decision_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct unit *u = arg;
	int rc;

	if ((rc = load(u, w, 0, err)) != BUD_OK)
		return rc;
	if (!bud_plan_decided(plan_state(&u->plan)))
		return wrong_state(err, u->plan.state);
	if ((rc = plan_view(w, u->actor, &u->plan, &u->out, err)) ||
	    (rc = decision_extra(w, &u->plan, u->out, err)))
		return rc;
	return log_row(u, w, u->plan.client_id, "read", "decision", u->plan.id, err);
}

int bud_plan_decision(bud_app *app, const bud_actor *actor, int64_t plan_id,
		      json_t **out, bud_err *err)
{
	struct unit t = {.app = app, .actor = actor, .plan_id = plan_id};

	return run_read(app, decision_unit, &t, out, err);
}

/* A list walk: append the summary of each plan the actor may see. */
struct walk {
	bud_conn *c;
	struct unit *u;
	bud_err *err;
	int rc;
	int seen;		/* paged lists: rows the store gave */
};

/* Paged lists: 1 when row number ++seen is the extra one that only says
 * there is more (core/page.h). */
static int past_page(struct walk *wk)
{
	return ++wk->seen > wk->u->pg->limit;
}

static void page_end(struct walk *wk)
{
	struct bud_page *pg = wk->u->pg;

	pg->next = wk->seen > pg->limit ? pg->at + pg->limit : 0;
}

static int add_summary(void *arg, const struct bud_store_plan *p)
{
	struct walk *wk = arg;
	int client_side = wk->u->actor->role == BUD_ROLE_CLIENT ||
			  wk->u->actor->role == BUD_ROLE_REPRESENTATIVE;
	json_t *s;

	if (++wk->seen > BUD_MAX_PAGE_ROWS)	/* a whole list: never cut */
		return wk->rc = bud_err_set(wk->err, BUD_EINTERNAL, NULL,
					    "err.list.too_long", "over %d plans",
					    BUD_MAX_PAGE_ROWS);
	if (client_side && !bud_plan_decided(bud_plan_state_parse(p->state)))
		return 0;
	if ((wk->rc = plan_summary(wk->c, p, &s, wk->err)) != BUD_OK)
		return wk->rc;
	json_array_append_new(wk->u->out, s);
	return 0;
}

static int list_client_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct unit *u = arg;
	struct walk wk = {w, u, err, BUD_OK, 0};
	int rc;

	rc = bud_authz_client(u->app, w, u->actor, u->client_id, 0, u->basis,
			      sizeof(u->basis), err);
	if (rc != BUD_OK)
		return rc;
	u->out = json_array();
	rc = bud_store_plan_list_client(w, u->client_id, add_summary, &wk, err);
	if (rc != BUD_OK)
		return wk.rc != BUD_OK ? wk.rc : rc;
	return log_row(u, w, u->client_id, "read", "plans", 0, err);
}

int bud_plan_list_client(bud_app *app, const bud_actor *actor,
			 int64_t client_id, json_t **out, bud_err *err)
{
	struct unit t = {.app = app, .actor = actor, .client_id = client_id};

	return run_read(app, list_client_unit, &t, out, err);
}

/* {id, first_name, last_name} of a client. */
static int client_ref(bud_conn *c, int64_t id, json_t **out, bud_err *err)
{
	struct bud_store_client cl;
	int rc = bud_store_client_get(c, id, &cl, err);

	*out = NULL;
	if (rc != BUD_OK)
		return rc;
	*out = json_pack("{s:I, s:s, s:s}", "id", (json_int_t)cl.id,
			 "first_name", cl.first_name, "last_name", cl.last_name);
	return *out ? BUD_OK : BUD_ENOMEM;
}

/* One proposed plan: checked against the client, logged, listed. */
static int add_proposed(void *arg, const struct bud_store_plan *p)
{
	struct walk *wk = arg;
	struct unit *u = wk->u;
	json_t *s, *cl = NULL, *by = NULL;
	bud_err *err = wk->err;

	if (past_page(wk))
		return 0;
	if (bud_authz_client(u->app, wk->c, u->actor, p->client_id, 0, u->basis,
			     sizeof(u->basis), NULL) != BUD_OK)
		return 0;	/* out of reach: not listed */
	if ((wk->rc = plan_summary(wk->c, p, &s, err)) != BUD_OK)
		return wk->rc;
	if ((wk->rc = client_ref(wk->c, p->client_id, &cl, err)) ||
	    (wk->rc = user_ref(wk->c, p->drafted_by, &by, err))) {
		json_decref(s);
		json_decref(cl);
		json_decref(by);
		return wk->rc;
	}
	json_object_set_new(s, "client", cl);
	json_object_set_new(s, "drafted_by", by);
	json_object_set_new(s, "proposed_at", json_integer(p->proposed_at));
	json_array_append_new(u->out, s);
	return 0;
}

static int proposed_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct unit *u = arg;
	struct walk wk = {w, u, err, BUD_OK, 0};
	int rc;

	u->out = json_array();
	rc = bud_store_plan_list_proposed(w, u->actor->organiser_id, u->pg->at,
					  bud_page_fetch(u->pg), add_proposed, &wk, err);
	if (rc != BUD_OK)
		return wk.rc != BUD_OK ? wk.rc : rc;
	page_end(&wk);
	snprintf(u->basis, sizeof(u->basis), "case");
	return log_row(u, w, 0, "read", "plan:proposed", 0, err);
}

int bud_plan_list_proposed(bud_app *app, const bud_actor *actor,
			   struct bud_page *pg, json_t **out, bud_err *err)
{
	struct unit t = {.app = app, .actor = actor, .pg = pg};

	if (out)
		*out = NULL;
	if ((!actor || actor->role != BUD_ROLE_DECISION_MAKER))
		return bud_authz_forbidden(err, "do this");
	return run_read(app, proposed_unit, &t, out, err);
}

/* One review due: logged as a read of the plan. */
static int add_review(void *arg, const struct bud_store_plan *p)
{
	struct walk *wk = arg;
	struct unit *u = wk->u;
	char today[BUD_DATE_BUF];
	json_t *cl = NULL;

	if (past_page(wk))
		return 0;
	if (bud_authz_client(u->app, wk->c, u->actor, p->client_id, 0, u->basis,
			     sizeof(u->basis), NULL) != BUD_OK)
		return 0;
	if ((wk->rc = client_ref(wk->c, p->client_id, &cl, wk->err)) != BUD_OK)
		return wk->rc;
	bud_app_today(u->app, today, sizeof(today));
	json_array_append_new(u->out, json_pack("{s:I, s:o, s:s, s:b, s:s}",
		"plan_id", (json_int_t)p->id, "client", cl,
		"review_date", p->review_date,
		"overdue", strcmp(p->review_date, today) < 0,
		"valid_to", p->valid_to));
	return 0;
}

static int reviews_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct unit *u = arg;
	struct walk wk = {w, u, err, BUD_OK, 0};
	char until[BUD_DATE_BUF];
	int64_t today;
	int y, m, d, rc;

	if (bud_app_today(u->app, until, sizeof(until)) != BUD_OK ||
	    bud_date_parse(until, &y, &m, &d, NULL) != BUD_OK)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal", "clock");
	today = bud_date_days(y, m, d);
	day_text(today + u->within_days, until);
	u->out = json_array();
	rc = bud_store_plan_list_reviews(w, u->actor->user_id, until, u->pg->at,
					 bud_page_fetch(u->pg), add_review, &wk, err);
	if (rc != BUD_OK)
		return wk.rc != BUD_OK ? wk.rc : rc;
	page_end(&wk);
	snprintf(u->basis, sizeof(u->basis), "case");
	return log_row(u, w, 0, "read", "plan:reviews", 0, err);
}

int bud_plan_reviews_due(bud_app *app, const bud_actor *actor, int within_days,
			 struct bud_page *pg, json_t **out, bud_err *err)
{
	struct unit t = {.app = app, .actor = actor, .pg = pg};

	if (out)
		*out = NULL;
	if (!actor || actor->role != BUD_ROLE_WORKER)
		return bud_authz_forbidden(err, "do this");
	if (within_days < 0 || within_days > 3660)
		return bud_err_set(err, BUD_EINVAL, "within_days", "err.out_of_range",
				   "within_days outside 0..3660");
	t.within_days = within_days;
	return run_read(app, reviews_unit, &t, out, err);
}
