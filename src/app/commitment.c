/*
 * app/commitment.c: the client's choice of provider and the commitments
 * it makes (see app/commitment.h for the rules).
 *
 * Each change is one write unit: it loads the line or commitment on the
 * writer, checks who may (bud_authz_client for the client's side, the
 * actor's provider for the provider's side), checks the state through
 * core/state.h, writes the commitment, its event, the ledger row, checks
 * the line's reservations against its net grant on the same connection,
 * and appends the use-log row. A refusal returns an error, so the unit
 * rolls back and nothing is written.
 *
 * Reads run on the read path (bud_app_read); a provider's read of a
 * client's data is a disclosure row.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/authz.h"
#include "app/cm_letter.h"
#include "app/commitment.h"
#include "app/read.h"
#include "app/uselog.h"
#include "core/budget.h"
#include "core/date.h"
#include "core/money.h"
#include "core/state.h"
#include "store/client.h"
#include "store/commitment.h"
#include "store/invoice.h"
#include "store/org.h"
#include "store/plan.h"
#include "store/provider.h"

struct unit {
	bud_app *app;
	const bud_actor *actor;
	int64_t id;			/* commitment */
	int64_t line_id;
	int64_t provider_id;
	const char *date;		/* valid_from, switch date, choices' date */
	const char *text;		/* decline reason */
	struct bud_page *pg;
	int64_t id_out;
	json_t *out;
	struct bud_store_cm_line line;
	struct bud_store_commitment cm;
	char basis[BUD_BASIS_MAX];
	char day[BUD_DATE_BUF];
};

static int wrong_state(bud_err *err, const char *state)
{
	return bud_err_set(err, BUD_ECONFLICT, "state", "err.commitment.state",
			   "the commitment is %s", state);
}

static int64_t day_of(const char *s)
{
	int y, m, d;

	if (!s || bud_date_parse(s, &y, &m, &d, NULL) != BUD_OK)
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

static int chooser_role(int role)
{
	return role == BUD_ROLE_CLIENT || role == BUD_ROLE_REPRESENTATIVE ||
	       role == BUD_ROLE_WORKER;
}

static int log_row(struct unit *u, bud_conn *w, int64_t client_id,
		   const char *action, const char *kind, int64_t id, bud_err *err)
{
	char object[48];

	snprintf(object, sizeof(object), "%s:%" PRId64, kind, id);
	return bud_uselog_append_row(u->app, w, u->actor, client_id, action,
				     object, u->basis, err);
}

/* The disclosure of client data of commitment m to the actor's provider. */
static int log_disclose(struct unit *u, bud_conn *c,
			const struct bud_store_commitment *m, bud_err *err)
{
	char object[48], recipient[32];
	struct bud_uselog_entry e;

	snprintf(object, sizeof(object), "commitment:%" PRId64, m->id);
	snprintf(recipient, sizeof(recipient), "provider:%" PRId64, m->provider_id);
	memset(&e, 0, sizeof(e));
	e.client_id = m->client_id;
	e.action = "disclose";
	e.object = object;
	e.basis = "commitment";
	e.recipient = recipient;
	e.legal_basis = strcmp(m->instrument, "voucher") == 0 ? BUD_CM_BASIS_VOUCHER
							      : BUD_CM_BASIS_ORDER;
	return bud_uselog_append(u->app, c, u->actor, &e, err);
}

/* The line's last day: the plan's, or its effective_to once cut short. */
static const char *line_last(const struct bud_store_cm_line *l)
{
	return l->effective_to[0] ? l->effective_to : l->valid_to;
}

/* Load u->line_id and check the client side may act (want_act) on it. */
static int load_line(struct unit *u, bud_conn *c, int want_act, bud_err *err)
{
	int rc = bud_store_cm_line_get(c, u->line_id, &u->line, err);

	if (rc == BUD_ENOTFOUND)
		return bud_err_set(err, BUD_ENOTFOUND, NULL, "err.authz.denied",
				   "no such plan line, or no access to it");
	if (rc != BUD_OK)
		return rc;
	rc = bud_authz_client(u->app, c, u->actor, u->line.client_id, want_act,
			      u->basis, sizeof(u->basis), err);
	if (rc != BUD_OK)
		return rc;
	if (bud_plan_state_parse(u->line.plan_state) != BUD_PLAN_APPROVED)
		return bud_err_set(err, BUD_ECONFLICT, "state", "err.commitment.plan_state",
				   "the plan is %s, not approved", u->line.plan_state);
	return BUD_OK;
}

/*
 * Load commitment u->id as the client side (authz want_act) or as the
 * provider (the actor's own provider only). Anything else is denied.
 */
static int load_cm(struct unit *u, bud_conn *c, int want_act, bud_err *err)
{
	int rc = bud_store_commitment_get(c, u->id, &u->cm, err);

	if (rc == BUD_ENOTFOUND)
		return bud_authz_denied(err, "commitment");
	if (rc != BUD_OK)
		return rc;
	if (u->actor->role == BUD_ROLE_PROVIDER_USER) {
		if (u->actor->provider_id != u->cm.provider_id)
			return bud_authz_denied(err, "commitment");
		snprintf(u->basis, sizeof(u->basis), "commitment");
		return BUD_OK;
	}
	return bud_authz_client(u->app, c, u->actor, u->cm.client_id, want_act,
				u->basis, sizeof(u->basis), err);
}

/* The approval of provider for the line's service where the client lives,
 * in force on day. */
static int approval_on(bud_conn *c, const struct bud_store_cm_line *l,
		       int64_t provider_id, const char *day, int64_t *approval_id,
		       bud_err *err)
{
	struct bud_store_approval_row a;
	int rc = bud_store_cm_approval(c, provider_id, l->service_id,
				       l->municipality, &a, err);

	if (rc == BUD_ENOTFOUND ||
	    (rc == BUD_OK && (strcmp(a.state, "approved") != 0 ||
			      strcmp(a.effective, day) > 0)))
		return bud_err_set(err, BUD_ECONFLICT, "provider_id",
				   "err.commitment.not_approved",
				   "the provider is not approved for this service "
				   "and municipality on %s", day);
	if (rc == BUD_OK)
		*approval_id = a.id;
	return rc;
}

/* Own share per unit of a voucher: provider price - voucher value, > 0. */
static int64_t own_share_unit(const char *instrument, int64_t value,
			      int64_t provider_price)
{
	if (strcmp(instrument, "voucher") != 0 || provider_price <= value)
		return 0;
	return provider_price - value;
}

static int64_t own_share_month(int64_t share, int64_t quantity)
{
	int64_t v = 0;

	if (share == 0 || bud_money_line(quantity, share, &v, NULL) != BUD_OK)
		return 0;
	return v;
}

/* reserved - released <= granted - revoked on the line, read back. */
static int within_grant(bud_conn *w, int64_t line_id, bud_err *err)
{
	struct bud_store_ledger_sums s;
	int rc = bud_store_ledger_line_sums(w, line_id, &s, err);

	if (rc != BUD_OK)
		return rc;
	if (s.reserved - s.released > s.granted - s.revoked)
		return bud_err_set(err, BUD_ECONFLICT, "valid_from",
				   "err.commitment.beyond_left",
				   "%" PRId64 " cents reserved, %" PRId64
				   " granted: more than is left on the line",
				   s.reserved - s.released, s.granted - s.revoked);
	return BUD_OK;
}

static int ledger_row(struct unit *u, bud_conn *w,
		      const struct bud_store_commitment *m, const char *kind,
		      int64_t amount, const char *on_date, bud_err *err)
{
	struct bud_store_ledger_row r = {.client_id = m->client_id,
		.plan_id = m->plan_id, .plan_line_id = m->plan_line_id,
		.kind = kind, .amount = amount, .on_date = on_date,
		.created_by = u->actor->user_id, .created_at = bud_app_now(u->app),
		.commitment_id = m->id};

	if (amount == 0)
		return BUD_OK;
	return bud_store_ledger_insert(w, &r, err);
}

/* The first day of a new commitment: u->date, else the later of today
 * and the plan's first day; within the plan's period. */
static int first_day(struct unit *u, bud_err *err)
{
	const struct bud_store_cm_line *l = &u->line;
	int64_t d;

	if (u->date && u->date[0])
		snprintf(u->day, sizeof(u->day), "%s", u->date);
	else if (bud_app_today(u->app, u->day, sizeof(u->day)) != BUD_OK)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal", "clock");
	if (strcmp(u->day, l->valid_from) < 0 && !(u->date && u->date[0]))
		snprintf(u->day, sizeof(u->day), "%s", l->valid_from);
	d = day_of(u->day);
	if (d == INT64_MIN || d < day_of(l->valid_from) || d > day_of(line_last(l)))
		return bud_err_set(err, BUD_EINVAL, "valid_from",
				   "err.commitment.outside_plan",
				   "%s is outside the plan's period", u->day);
	return BUD_OK;
}

/* The letter to m's provider about ev, in this unit; the client's name in
 * it is a disclosure to the provider, logged as one when a letter went. */
static int letter(struct unit *u, bud_conn *w, const struct bud_store_commitment *m,
		  enum bud_cm_event ev, bud_err *err)
{
	int queued = 0;
	int rc = bud_cm_letter(u->app, w, m, ev, u->actor ? u->actor->user_id : 0,
			       &queued, err);

	return rc == BUD_OK && queued ? log_disclose(u, w, m, err) : rc;
}

/* Make the commitment of u->line to u->provider_id from u->day, reserved;
 * replaces (0: none) is the commitment it follows. */
static int make(struct unit *u, bud_conn *w, int64_t replaces, bud_err *err)
{
	const struct bud_store_cm_line *l = &u->line;
	struct bud_store_commitment m;
	int64_t price;
	int rc;

	memset(&m, 0, sizeof(m));
	if ((rc = approval_on(w, l, u->provider_id, u->day, &m.approval_id, err)) ||
	    (rc = bud_store_cm_provider_price(w, u->provider_id, l->service_id,
					      u->day, &price, err)) ||
	    (rc = bud_budget_prorata(l->monthly_amount, u->day, line_last(l),
				     &m.reserved, err)))
		return rc;
	m = (struct bud_store_commitment){.client_id = l->client_id,
		.plan_id = l->plan_id, .plan_line_id = l->id,
		.provider_id = u->provider_id, .approval_id = m.approval_id,
		.quantity = l->quantity, .unit_price = l->unit_price,
		.provider_price = price < 0 ? 0 : price,
		.monthly_amount = l->monthly_amount, .reserved = m.reserved,
		.replaces_id = replaces, .created_by = u->actor->user_id,
		.created_at = bud_app_now(u->app)};
	snprintf(m.instrument, sizeof(m.instrument), "%s", l->instrument);
	snprintf(m.unit, sizeof(m.unit), "%s", l->unit);
	snprintf(m.valid_from, sizeof(m.valid_from), "%s", u->day);
	snprintf(m.valid_to, sizeof(m.valid_to), "%s", line_last(l));
	if ((rc = bud_store_commitment_insert(w, &m, &m.id, err)) ||
	    (rc = bud_store_commitment_event(w, m.id, "offered", "", u->day,
					     u->actor->user_id, m.created_at, err)) ||
	    (rc = ledger_row(u, w, &m, "reserve", m.reserved, u->day, err)) ||
	    (rc = within_grant(w, l->id, err)) ||
	    (rc = letter(u, w, &m, BUD_CM_MADE, err)))
		return rc;
	u->id_out = m.id;
	return log_row(u, w, l->client_id, "create", "commitment", m.id, err);
}

static int choose_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct unit *u = arg;
	struct bud_store_commitment held;
	int rc;

	if ((rc = load_line(u, w, 1, err)) || (rc = first_day(u, err)))
		return rc;
	rc = bud_store_commitment_holding(w, u->line_id, &held, err);
	if (rc == BUD_OK)
		return bud_err_set(err, BUD_ECONFLICT, "plan_line",
				   "err.commitment.exists",
				   "the line has commitment %" PRId64 "; switch instead",
				   held.id);
	if (rc != BUD_ENOTFOUND)
		return rc;
	bud_err_clear(err);
	return make(u, w, 0, err);
}

static int run_unit(bud_app *app, bud_write_fn fn, struct unit *t,
		    int64_t *id_out, bud_err *err)
{
	struct unit *u = malloc(sizeof(*u));
	int rc;

	if (!u)
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "no memory");
	*u = *t;
	rc = bud_db_write(app->db, fn, u, err);
	if (rc == BUD_OK && id_out)
		*id_out = u->id_out;
	free(u);
	return rc;
}

int bud_commitment_choose(bud_app *app, const bud_actor *actor,
			  int64_t line_id, int64_t provider_id,
			  const char *valid_from, int64_t *id_out, bud_err *err)
{
	struct unit t = {.app = app, .actor = actor, .line_id = line_id,
			 .provider_id = provider_id, .date = valid_from};

	if (!actor || !chooser_role(actor->role))
		return bud_authz_forbidden(err, "do this");
	if (provider_id <= 0)
		return bud_err_set(err, BUD_EINVAL, "provider_id", "err.required",
				   "provider_id is required");
	return run_unit(app, choose_unit, &t, id_out, err);
}

/* ---- the provider's answer ----------------------------------------- */

static int answer_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct unit *u = arg;
	int to = u->text ? BUD_COMMITMENT_DECLINED : BUD_COMMITMENT_ACTIVE;
	char from[16];
	int rc;

	if ((rc = load_cm(u, w, 1, err)) != BUD_OK)
		return rc;
	if (!bud_commitment_may(bud_commitment_state_parse(u->cm.state), to))
		return wrong_state(err, u->cm.state);
	if (bud_app_today(u->app, u->day, sizeof(u->day)) != BUD_OK)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal", "clock");
	snprintf(from, sizeof(from), "%s", u->cm.state);
	snprintf(u->cm.state, sizeof(u->cm.state), "%s", bud_commitment_state_name(to));
	snprintf(u->cm.reason, sizeof(u->cm.reason), "%s", u->text ? u->text : "");
	u->cm.decided_by = u->actor->user_id;
	u->cm.updated_at = bud_app_now(u->app);
	if (to == BUD_COMMITMENT_DECLINED &&
	    (rc = ledger_row(u, w, &u->cm, "release",
			     u->cm.reserved - u->cm.released, u->day, err)))
		return rc;
	if (to == BUD_COMMITMENT_DECLINED)
		u->cm.released = u->cm.reserved;
	if ((rc = bud_store_commitment_move(w, &u->cm, from, err)) ||
	    (rc = bud_store_commitment_event(w, u->cm.id, u->cm.state, u->cm.reason,
					     u->day, u->actor->user_id,
					     u->cm.updated_at, err)))
		return rc;
	return log_row(u, w, u->cm.client_id, "change", "commitment", u->cm.id, err);
}

int bud_commitment_accept(bud_app *app, const bud_actor *actor, int64_t id,
			  bud_err *err)
{
	struct unit t = {.app = app, .actor = actor, .id = id};

	if (!actor || actor->role != BUD_ROLE_PROVIDER_USER)
		return bud_authz_forbidden(err, "do this");
	return run_unit(app, answer_unit, &t, NULL, err);
}

int bud_commitment_decline(bud_app *app, const bud_actor *actor, int64_t id,
			   const char *reason, bud_err *err)
{
	struct unit t = {.app = app, .actor = actor, .id = id, .text = reason};

	if (!actor || actor->role != BUD_ROLE_PROVIDER_USER)
		return bud_authz_forbidden(err, "do this");
	if (!reason || !reason[0])
		return bud_err_set(err, BUD_EINVAL, "reason", "err.required",
				   "a reason is required");
	if (strlen(reason) > BUD_NOTE_MAX)
		return bud_err_set(err, BUD_EINVAL, "reason", "err.too_long",
				   "at most %d bytes", BUD_NOTE_MAX);
	return run_unit(app, answer_unit, &t, NULL, err);
}

/* ---- switch -------------------------------------------------------- */

/* What ending u->cm from u->day releases (end_from's reckoning, no
 * write): *release, or BUD_EINVAL "from" outside its period. */
static int release_from(struct unit *u, int64_t *release, bud_err *err)
{
	int64_t from = day_of(u->day);
	int rc;

	if (from == INT64_MIN || from < day_of(u->cm.valid_from) ||
	    from > day_of(u->cm.valid_to))
		return bud_err_set(err, BUD_EINVAL, "from", "err.commitment.switch_date",
				   "the date is outside the commitment's period");
	if ((rc = bud_budget_prorata(u->cm.monthly_amount, u->day, u->cm.valid_to,
				     release, err)))
		return rc;
	if (*release > u->cm.reserved - u->cm.released)
		*release = u->cm.reserved - u->cm.released;
	return BUD_OK;
}

/* End u->cm from u->day: its last day is the day before; release what it
 * reserved for u->day .. its last day. */
static int end_from(struct unit *u, bud_conn *w, bud_err *err)
{
	int64_t from = day_of(u->day), release = 0;
	struct bud_store_inv_cm held;
	char old_state[16];
	int rc;

	if ((rc = release_from(u, &release, err)) != BUD_OK)
		return rc;
	if ((rc = bud_store_invoice_cm(w, u->cm.id, &held, err)))
		return rc;
	/* invoiced service is spent, not released (migration 016) */
	if (release > held.reserved - held.released - held.spent)
		release = held.reserved - held.released - held.spent;
	snprintf(old_state, sizeof(old_state), "%s", u->cm.state);
	snprintf(u->cm.state, sizeof(u->cm.state), "ended");
	day_text(from - 1, u->cm.valid_to);
	u->cm.released += release;
	u->cm.updated_at = bud_app_now(u->app);
	if ((rc = ledger_row(u, w, &u->cm, "release", release, u->day, err)) ||
	    (rc = bud_store_commitment_move(w, &u->cm, old_state, err)) ||
	    (rc = bud_store_commitment_event(w, u->cm.id, "ended",
					     u->text ? u->text : "switch",
					     u->day, u->actor->user_id,
					     u->cm.updated_at, err)) ||
	    (rc = letter(u, w, &u->cm, BUD_CM_ENDED, err)))
		return rc;
	return log_row(u, w, u->cm.client_id, "change", "commitment", u->cm.id, err);
}

static int switch_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct unit *u = arg;
	int rc;

	if ((rc = load_cm(u, w, 1, err)) != BUD_OK)
		return rc;
	if (!bud_commitment_may(bud_commitment_state_parse(u->cm.state),
				BUD_COMMITMENT_ENDED))
		return wrong_state(err, u->cm.state);
	if (u->cm.provider_id == u->provider_id)
		return bud_err_set(err, BUD_EINVAL, "provider_id",
				   "err.commitment.same_provider",
				   "the commitment is with this provider already");
	u->line_id = u->cm.plan_line_id;
	snprintf(u->day, sizeof(u->day), "%s", u->date);
	if ((rc = load_line(u, w, 1, err)) || (rc = end_from(u, w, err)))
		return rc;
	return make(u, w, u->cm.id, err);
}

int bud_commitment_switch(bud_app *app, const bud_actor *actor, int64_t id,
			  int64_t provider_id, const char *from,
			  int64_t *new_id, bud_err *err)
{
	struct unit t = {.app = app, .actor = actor, .id = id,
			 .provider_id = provider_id, .date = from};

	if (!actor || !chooser_role(actor->role))
		return bud_authz_forbidden(err, "do this");
	if (provider_id <= 0)
		return bud_err_set(err, BUD_EINVAL, "provider_id", "err.required",
				   "provider_id is required");
	if (!from || day_of(from) == INT64_MIN)
		return bud_err_set(err, BUD_EINVAL, "from", "err.invalid_date",
				   "from must be a date YYYY-MM-DD");
	return run_unit(app, switch_unit, &t, new_id, err);
}

/* ---- reads --------------------------------------------------------- */

static json_t *service_json(bud_conn *c, int64_t service_id, bud_err *err)
{
	struct bud_store_service s;

	if (bud_store_service_get(c, service_id, &s, err) != BUD_OK)
		return NULL;
	return json_pack("{s:s, s:s, s:s, s:s}", "code", s.code, "name_fi",
			 s.name_fi, "name_sv", s.name_sv, "name_en", s.name_en);
}

static int line_service(bud_conn *c, int64_t line_id, int64_t *service_id,
			bud_err *err)
{
	struct bud_store_cm_line l;
	int rc = bud_store_cm_line_get(c, line_id, &l, err);

	*service_id = l.service_id;
	return rc;
}

/* A holding commitment whose approval has been suspended or withdrawn:
 * {state, reason, effective} of the approval; else null. */
static int approval_ended_json(bud_conn *c, const struct bud_store_commitment *m,
			       json_t **out, bud_err *err)
{
	struct bud_store_approval a;
	int st = bud_commitment_state_parse(m->state), rc;

	*out = json_null();
	if (st != BUD_COMMITMENT_OFFERED && st != BUD_COMMITMENT_ACTIVE)
		return BUD_OK;
	if ((rc = bud_store_approval_get(c, m->approval_id, &a, err)) != BUD_OK)
		return rc;
	if (strcmp(a.state, "suspended") == 0 || strcmp(a.state, "withdrawn") == 0)
		*out = json_pack("{s:s, s:s, s:s}", "state", a.state, "reason", a.reason,
				 "effective", a.effective);
	return BUD_OK;
}

/* The view of m (app/commitment.h); can only for the actor's own use. */
static int cm_view(struct unit *u, bud_conn *c, const struct bud_store_commitment *m,
		   json_t **out, bud_err *err)
{
	struct bud_store_provider pr;
	struct bud_store_client cl;
	int64_t sid = 0, share = own_share_unit(m->instrument, m->unit_price,
						 m->provider_price);
	json_t *v, *svc, *ended;
	int rc;

	(void)u;
	if ((rc = bud_store_provider_get(c, m->provider_id, &pr, err)) ||
	    (rc = bud_store_client_get(c, m->client_id, &cl, err)) ||
	    (rc = line_service(c, m->plan_line_id, &sid, err)))
		return rc;
	if (!(svc = service_json(c, sid, err)))
		return err->code ? err->code : BUD_ENOMEM;
	v = json_pack("{s:I, s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I,"
		      " s:s, s:s, s:s, s:I, s:I, s:I, s:I}",
		      "id", (json_int_t)m->id, "state", m->state, "instrument",
		      m->instrument, "unit", m->unit, "quantity", (json_int_t)m->quantity,
		      "unit_price", (json_int_t)m->unit_price, "provider_price",
		      (json_int_t)m->provider_price, "own_share_unit", (json_int_t)share,
		      "own_share_month", (json_int_t)own_share_month(share, m->quantity),
		      "monthly_amount", (json_int_t)m->monthly_amount,
		      "reserved", (json_int_t)m->reserved, "released",
		      (json_int_t)m->released, "valid_from", m->valid_from,
		      "valid_to", m->valid_to, "reason", m->reason, "plan_id",
		      (json_int_t)m->plan_id, "plan_line_id", (json_int_t)m->plan_line_id,
		      "created_at", (json_int_t)m->created_at, "updated_at",
		      (json_int_t)m->updated_at);
	if (!v) {
		json_decref(svc);
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "no memory");
	}
	json_object_set_new(v, "replaces_id", m->replaces_id ?
			    json_integer(m->replaces_id) : json_null());
	json_object_set_new(v, "provider", json_pack("{s:I, s:s}", "id",
			    (json_int_t)pr.id, "name", pr.name));
	json_object_set_new(v, "service", svc);
	json_object_set_new(v, "client", json_pack("{s:s, s:s, s:s, s:s, s:s}",
			    "first_name", cl.first_name, "last_name", cl.last_name,
			    "email", cl.email, "phone", cl.phone, "address", cl.address));
	*out = v;
	if ((rc = approval_ended_json(c, m, &ended, err)) != BUD_OK)
		return rc;
	json_object_set_new(v, "approval_ended", ended);
	return BUD_OK;
}

static json_t *can_json(const bud_actor *a, const struct bud_store_commitment *m)
{
	int st = bud_commitment_state_parse(m->state);
	int prov = a->role == BUD_ROLE_PROVIDER_USER;

	return json_pack("{s:b, s:b, s:b}",
			 "accept", prov && bud_commitment_may(st, BUD_COMMITMENT_ACTIVE),
			 "decline", prov && bud_commitment_may(st, BUD_COMMITMENT_DECLINED),
			 "switch", !prov && chooser_role(a->role) &&
				   bud_commitment_may(st, BUD_COMMITMENT_ENDED));
}

static int get_unit(bud_conn *c, void *arg, bud_err *err)
{
	struct unit *u = arg;
	int rc;

	if ((rc = load_cm(u, c, 0, err)) ||
	    (rc = cm_view(u, c, &u->cm, &u->out, err)))
		return rc;
	json_object_set_new(u->out, "can", can_json(u->actor, &u->cm));
	if (u->actor->role == BUD_ROLE_PROVIDER_USER)
		return log_disclose(u, c, &u->cm, err);
	return log_row(u, c, u->cm.client_id, "read", "commitment", u->cm.id, err);
}

static int run_read(bud_app *app, bud_write_fn fn, struct unit *t,
		    json_t **out, bud_err *err)
{
	struct unit *u;
	int rc;

	if (!out)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal", "no out");
	*out = NULL;
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

int bud_commitment_get(bud_app *app, const bud_actor *actor, int64_t id,
		       json_t **out, bud_err *err)
{
	struct unit t = {.app = app, .actor = actor, .id = id};

	if (!actor || (!chooser_role(actor->role) &&
		       actor->role != BUD_ROLE_PROVIDER_USER &&
		       actor->role != BUD_ROLE_DECISION_MAKER))
		return bud_authz_forbidden(err, "do this");
	return run_read(app, get_unit, &t, out, err);
}

struct walk {
	struct unit *u;
	bud_conn *c;
	bud_err *err;
	int rc;
	int seen;
	json_t *arr;
};

static int add_provider_item(void *arg, const struct bud_store_cm_item *it)
{
	struct walk *wk = arg;
	json_t *v = NULL;

	if (++wk->seen > wk->u->pg->limit)
		return 0;
	if ((wk->rc = cm_view(wk->u, wk->c, it->cm, &v, wk->err)) ||
	    (wk->rc = log_disclose(wk->u, wk->c, it->cm, wk->err))) {
		json_decref(v);
		return wk->rc;
	}
	json_array_append_new(wk->arr, v);
	return 0;
}

static int provider_list_unit(bud_conn *c, void *arg, bud_err *err)
{
	struct unit *u = arg;
	struct walk wk = {u, c, err, BUD_OK, 0, json_array()};
	int rc;

	u->out = wk.arr;
	rc = bud_store_commitment_list_provider(c, u->provider_id, u->pg->at,
						bud_page_fetch(u->pg),
						add_provider_item, &wk, err);
	if (rc != BUD_OK)
		return wk.rc != BUD_OK ? wk.rc : rc;
	u->pg->next = wk.seen > u->pg->limit ? u->pg->at + u->pg->limit : 0;
	return BUD_OK;
}

int bud_commitment_list_provider(bud_app *app, const bud_actor *actor,
				 int64_t provider_id, struct bud_page *pg,
				 json_t **out, bud_err *err)
{
	struct unit t = {.app = app, .actor = actor, .provider_id = provider_id,
			 .pg = pg};

	if (!actor || actor->role != BUD_ROLE_PROVIDER_USER)
		return bud_authz_forbidden(err, "do this");
	if (actor->provider_id != provider_id)
		return bud_err_set(err, BUD_ENOTFOUND, NULL, "err.authz.denied",
				   "no such provider, or no access to it");
	if (pg->limit > BUD_PROVIDER_PAGE_MAX)
		pg->limit = BUD_PROVIDER_PAGE_MAX;
	snprintf(t.basis, sizeof(t.basis), "commitment");
	return run_read(app, provider_list_unit, &t, out, err);
}

/* ---- the choice screen --------------------------------------------- */

struct choice_walk {
	struct unit *u;
	bud_conn *c;
	bud_err *err;
	int rc;
	int n;
	json_t *items;
	json_t *locs;		/* the provider's locations being read */
};

static int add_location(void *arg, const struct bud_store_cm_location *l)
{
	struct choice_walk *cw = arg;

	json_array_append_new(cw->locs, json_pack("{s:s, s:s, s:s, s:b, s:b, s:b, s:b}",
		"name", l->name, "address", l->address, "municipality",
		l->municipality, "step_free", l->step_free, "hearing_loop",
		l->hearing_loop, "parking", l->parking, "accessible_wc",
		l->accessible_wc));
	return 0;
}

static int add_choice(void *arg, const struct bud_store_choice *ch)
{
	struct choice_walk *cw = arg;
	const struct bud_store_cm_line *l = &cw->u->line;
	int64_t share = own_share_unit(l->instrument, l->unit_price, ch->price);
	json_t *v;

	if (++cw->n > BUD_CHOICES_MAX)
		return cw->rc = bud_err_set(cw->err, BUD_EINTERNAL, NULL,
					    "err.list.too_long", "over %d providers",
					    BUD_CHOICES_MAX);
	v = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:I}",
		      "provider_id", (json_int_t)ch->provider_id, "name", ch->name,
		      "languages", ch->languages, "email", ch->email, "phone",
		      ch->phone, "address", ch->address, "website", ch->website,
		      "own_share_unit", (json_int_t)share, "own_share_month",
		      (json_int_t)own_share_month(share, l->quantity));
	if (!v)
		return cw->rc = bud_err_set(cw->err, BUD_ENOMEM, NULL, "err.generic",
					    "no memory");
	json_object_set_new(v, "price", ch->price < 0 ? json_null()
						       : json_integer(ch->price));
	cw->locs = json_array();
	json_object_set_new(v, "locations", cw->locs);
	json_array_append_new(cw->items, v);
	return cw->rc = bud_store_cm_locations(cw->c, ch->provider_id, add_location,
					       cw, cw->err);
}

static int line_json(struct unit *u, bud_conn *c, json_t **out, bud_err *err)
{
	const struct bud_store_cm_line *l = &u->line;
	struct bud_store_ledger_sums s;
	json_t *svc;
	int rc;

	if ((rc = bud_store_ledger_line_sums(c, l->id, &s, err)) != BUD_OK)
		return rc;
	if (!(svc = service_json(c, l->service_id, err)))
		return err->code ? err->code : BUD_ENOMEM;
	*out = json_pack("{s:I, s:I, s:I, s:o, s:s, s:s, s:I, s:I, s:I, s:s, s:s, s:I}",
		"id", (json_int_t)l->id, "plan_id", (json_int_t)l->plan_id,
		"client_id", (json_int_t)l->client_id, "service", svc,
		"instrument", l->instrument, "unit", l->unit,
		"quantity", (json_int_t)l->quantity, "unit_price",
		(json_int_t)l->unit_price, "monthly_amount",
		(json_int_t)l->monthly_amount, "plan_valid_from", l->valid_from,
		"plan_valid_to", line_last(l), "available", (json_int_t)(s.granted -
		s.revoked - (s.reserved - s.released) - s.spent));
	return *out ? BUD_OK : BUD_ENOMEM;
}

/* The holding commitment's view, or null. */
static int current_json(struct unit *u, bud_conn *c, json_t **out, bud_err *err)
{
	struct bud_store_commitment m;
	int rc = bud_store_commitment_holding(c, u->line.id, &m, err);

	*out = json_null();
	if (rc == BUD_ENOTFOUND) {
		bud_err_clear(err);
		return BUD_OK;
	}
	if (rc != BUD_OK || (rc = cm_view(u, c, &m, out, err)) != BUD_OK)
		return rc;
	json_object_set_new(*out, "can", can_json(u->actor, &m));
	return BUD_OK;
}

static int choices_unit(bud_conn *c, void *arg, bud_err *err)
{
	struct unit *u = arg;
	struct choice_walk cw = {u, c, err, BUD_OK, 0, json_array(), NULL};
	json_t *line = NULL, *cur = NULL;
	int rc;

	u->out = json_object();
	json_object_set_new(u->out, "items", cw.items);
	if ((rc = load_line(u, c, 0, err)) || (rc = first_day(u, err)) ||
	    (rc = line_json(u, c, &line, err)))
		return rc;
	json_object_set_new(u->out, "line", line);
	if ((rc = current_json(u, c, &cur, err)) != BUD_OK)
		return rc;
	json_object_set_new(u->out, "current", cur);
	rc = bud_store_cm_choices(c, u->line.organiser_id, u->line.service_id,
				  u->line.municipality, u->day, add_choice, &cw, err);
	if (rc != BUD_OK)
		return cw.rc != BUD_OK ? cw.rc : rc;
	return log_row(u, c, u->line.client_id, "read", "plan_line", u->line.id, err);
}

int bud_commitment_choices(bud_app *app, const bud_actor *actor,
			   int64_t line_id, const char *date, json_t **out,
			   bud_err *err)
{
	struct unit t = {.app = app, .actor = actor, .line_id = line_id,
			 .date = date};

	if (!actor || !chooser_role(actor->role))
		return bud_authz_forbidden(err, "do this");
	return run_read(app, choices_unit, &t, out, err);
}

/* ---- what a switch would release ------------------------------------ */

static int preview_unit(bud_conn *c, void *arg, bud_err *err)
{
	struct unit *u = arg;
	int64_t release = 0;
	char last[BUD_DATE_BUF];
	int rc;

	if ((rc = load_cm(u, c, 0, err)) != BUD_OK)
		return rc;
	if (!bud_commitment_may(bud_commitment_state_parse(u->cm.state),
				BUD_COMMITMENT_ENDED))
		return wrong_state(err, u->cm.state);
	snprintf(u->day, sizeof(u->day), "%s", u->date);
	if ((rc = release_from(u, &release, err)) != BUD_OK)
		return rc;
	day_text(day_of(u->day) - 1, last);
	u->out = json_pack("{s:I, s:s, s:s, s:I, s:I}", "id", (json_int_t)u->cm.id,
			   "from", u->day, "last_day", last, "released", (json_int_t)release,
			   "reserved_left", (json_int_t)(u->cm.reserved - u->cm.released));
	return log_row(u, c, u->cm.client_id, "read", "commitment", u->cm.id, err);
}

int bud_commitment_switch_preview(bud_app *app, const bud_actor *actor, int64_t id,
				  const char *from, json_t **out, bud_err *err)
{
	struct unit t = {.app = app, .actor = actor, .id = id, .date = from};

	if (!actor || !chooser_role(actor->role))
		return bud_authz_forbidden(err, "do this");
	if (!from || day_of(from) == INT64_MIN)
		return bud_err_set(err, BUD_EINVAL, "from", "err.invalid_date",
				   "from must be a date YYYY-MM-DD");
	return run_read(app, preview_unit, &t, out, err);
}

/* ---- commitments whose approval has ended -------------------------- */

struct flags_walk {
	json_t *items;
};

static int add_flag(void *arg, const struct bud_store_cm_flag *f)
{
	struct flags_walk *fw = arg;

	json_array_append_new(fw->items, json_pack(
		"{s:I, s:s, s:s, s:s, s:{s:I, s:s}, s:{s:s, s:s, s:s, s:s}, s:{s:s, s:s, s:s}}",
		"id", (json_int_t)f->id, "state", f->state, "valid_from", f->valid_from,
		"valid_to", f->valid_to, "provider", "id", (json_int_t)f->provider_id,
		"name", f->provider, "service", "code", f->service_code, "name_fi",
		f->name_fi, "name_sv", f->name_sv, "name_en", f->name_en, "approval",
		"state", f->approval_state, "reason", f->approval_reason, "effective",
		f->approval_effective));
	return 0;
}

static int flags_unit(bud_conn *c, void *arg, bud_err *err)
{
	struct unit *u = arg;
	struct flags_walk fw = {json_array()};
	int rc;

	u->out = fw.items;
	if ((rc = bud_authz_client(u->app, c, u->actor, u->id, 0, u->basis,
				   sizeof(u->basis), err)) ||
	    (rc = bud_store_cm_flags(c, u->id, add_flag, &fw, err)))
		return rc;
	return bud_uselog_append_row(u->app, c, u->actor, u->id, "read",
				     "client:commitments", u->basis, err);
}

int bud_commitment_flags(bud_app *app, const bud_actor *actor, int64_t client_id,
			 json_t **out, bud_err *err)
{
	struct unit t = {.app = app, .actor = actor, .id = client_id};

	if (!actor || !(actor->role & (BUD_ROLE_WORKER | BUD_ROLE_DECISION_MAKER |
				       BUD_ROLE_CLIENT | BUD_ROLE_REPRESENTATIVE)))
		return bud_authz_forbidden(err, "do this");
	return run_read(app, flags_unit, &t, out, err);
}

/* ---- a plan cut short ---------------------------------------------- */

int bud_commitment_cut_line(bud_app *app, bud_conn *w, const bud_actor *actor,
			    int64_t line_id, const char *last, bud_err *err)
{
	struct unit u = {.app = app, .actor = actor};
	int64_t from = day_of(last) + 1;
	int rc = bud_store_commitment_holding(w, line_id, &u.cm, err);

	if (rc == BUD_ENOTFOUND) {
		bud_err_clear(err);
		return BUD_OK;
	}
	if (rc != BUD_OK || from > day_of(u.cm.valid_to))
		return rc;
	if (from < day_of(u.cm.valid_from))
		from = day_of(u.cm.valid_from);
	day_text(from, u.day);
	snprintf(u.basis, sizeof(u.basis), "case");
	u.text = "plan";
	return end_from(&u, w, err);
}
