/*
 * app/event.c: recording service events (one, or a batch in one write
 * unit), the client's confirm or dispute, a worker's resolution of a
 * dispute, and the organiser's dispute window (rules in app/event.h).
 *
 * Workload: a care system sends up to BUD_EVENT_BATCH_MAX rows at once
 * and many providers send at the same time, so a batch is one write unit
 * (the writer commits many units in one group). Within it each row is
 * checked on the writer before it is inserted, against the stored rows
 * including those the same batch wrote already, so a refused row writes
 * nothing and needs no savepoint of its own; an error that is not a
 * refusal (storage, memory) rolls the whole unit back. Every check is
 * made for every row, but a batch reads the commitment, whether a day has
 * a disputed event and the sums left once per commitment (and day, and
 * month) and keeps them up to date as it writes, and adds its usage to
 * service_usage once per commitment and month: its unit is one
 * transaction into which nothing else writes.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/authz.h"
#include "app/event.h"
#include "app/uselog.h"
#include "core/date.h"
#include "core/money.h"
#include "core/state.h"
#include "core/text.h"
#include "store/commitment.h"
#include "store/event.h"

struct unit {
	bud_app *app;
	const bud_actor *actor;
	int64_t provider_id;
	const struct bud_event_input *rows;
	size_t n;
	struct bud_event_result *results;
	int64_t now;
	char today[BUD_DATE_BUF];
	/* the client's say and the worker's resolution */
	int64_t id;
	int to;
	const char *text;
	int days;
	struct bud_store_event ev;
	struct bud_store_commitment cm;
	char basis[BUD_BASIS_MAX];
	/* A batch's memory of what it read on the writer. The unit is one
	 * transaction that nothing else writes into meanwhile, and its own
	 * rows are "recorded" events, so each is true until the batch itself
	 * changes it (and it keeps that up): */
	int64_t cm_id;			/* cm is this commitment (0: none) */
	int64_t clean_cm;		/* no disputed or upheld event of this */
	char clean_day[BUD_DATE_BUF];	/* commitment on this day */
	int64_t sum_cm;			/* this commitment's sums (0: none): */
	char sum_month[8];		/* the quantity of this month and */
	int64_t sum_qty, sum_amount;	/* the money of all months */
	int64_t due_cm;			/* usage not yet added to its row */
	char due_month[8];
	int64_t due_qty, due_amount;
	/* The use-log row not yet written: one per answer and commitment run
	 * (the events first..last, in a row, of one commitment and client),
	 * not one per event; a care system's 1000 rows were 1000 log rows. */
	int64_t log_cm, log_client, log_first, log_last;
};

int bud_event_provider_of(const bud_actor *actor, int64_t *provider_id,
			  bud_err *err)
{
	*provider_id = 0;
	if (!actor || actor->role != BUD_ROLE_PROVIDER_USER || actor->provider_id <= 0)
		return bud_authz_forbidden(err, "record service events");
	*provider_id = actor->provider_id;
	return BUD_OK;
}

const char *bud_event_code(const bud_err *err)
{
	static const char prefix[] = "err.event.";

	if (!err || err->code == BUD_OK)
		return "accepted";
	if (err->key && strncmp(err->key, prefix, sizeof(prefix) - 1) == 0)
		return err->key + sizeof(prefix) - 1;
	return "invalid";
}

int bud_event_until(int64_t recorded_at, int days, char out[BUD_DATE_BUF])
{
	struct bud_tm tm;
	int y, m, d;

	out[0] = '\0';
	if (bud_time_helsinki(recorded_at, &tm) != BUD_OK ||
	    bud_date_from_days(bud_date_days(tm.year, tm.month, tm.day) + days,
			       &y, &m, &d) != BUD_OK)
		return BUD_EINVAL;
	return bud_date_format(y, m, d, out);
}

int bud_event_payable(const char *state, const char *dispute_until,
		      const char *today)
{
	int s = bud_event_state_parse(state);

	if (s == BUD_EVENT_CONFIRMED || s == BUD_EVENT_DISMISSED)
		return 1;
	return s == BUD_EVENT_RECORDED && dispute_until && today &&
	       dispute_until[0] && strcmp(dispute_until, today) < 0;
}

/* ---- recording ------------------------------------------------------ */

/* A refusal of a row: its reason code is the tail of key (err.event.X). */
static int refuse(bud_err *err, int rc, const char *field, const char *key,
		  const char *detail)
{
	return bud_err_set(err, rc, field, key, "%s", detail);
}

/* The row as given: well-formed, before anything is looked up. */
static int check_input(const struct bud_event_input *in, bud_err *err)
{
	int y, m, d, rc;

	if (in->commitment_id <= 0)
		return bud_err_set(err, BUD_EINVAL, "commitment_id", "err.required",
				   "commitment_id is required");
	if (bud_date_parse(in->on_date, &y, &m, &d, err) != BUD_OK) {
		snprintf(err->field, sizeof(err->field), "on_date");
		return BUD_EINVAL;
	}
	if (in->quantity <= 0)
		return bud_err_set(err, BUD_EINVAL, "quantity", "err.event.quantity",
				   "the quantity must be more than zero");
	if (!in->external_id || !in->external_id[0])
		return bud_err_set(err, BUD_EINVAL, "external_id", "err.required",
				   "external_id is required");
	if (strlen(in->external_id) > BUD_EVENT_EXTERNAL_MAX)
		return bud_err_set(err, BUD_EINVAL, "external_id", "err.too_long",
				   "at most %d bytes", BUD_EVENT_EXTERNAL_MAX);
	if (in->note && strlen(in->note) > BUD_NOTE_MAX)
		return bud_err_set(err, BUD_EINVAL, "note", "err.too_long",
				   "at most %d bytes", BUD_NOTE_MAX);
	if ((rc = bud_text_check(in->external_id, BUD_TEXT_LINE, "external_id", err)))
		return rc;
	return bud_text_check(in->note, BUD_TEXT_MULTILINE, "note", err);
}

/* The commitment of the row, the provider's own; *id the stored event of
 * the same commitment, day and external id (0: none). A duplicate is
 * answered before the other checks, so a batch sent again is answered
 * "duplicate" row by row whatever changed since. */
static int load_commitment(struct unit *u, bud_conn *w,
			   const struct bud_event_input *in, int64_t *id,
			   bud_err *err)
{
	int rc = BUD_OK;

	if (u->cm_id != in->commitment_id) {
		u->cm_id = 0;
		if ((rc = bud_store_commitment_get(w, in->commitment_id, &u->cm, err)) == BUD_OK)
			u->cm_id = u->cm.id;
	}
	if (rc == BUD_ENOTFOUND || (rc == BUD_OK && u->cm.provider_id != u->provider_id))
		return refuse(err, BUD_ENOTFOUND, "commitment_id",
			      "err.event.not_provider",
			      "no such commitment of this provider");
	if (rc != BUD_OK ||
	    (rc = bud_store_event_find(w, u->cm.id, in->on_date, in->external_id,
				       id, err)))
		return rc;
	if (*id)
		return refuse(err, BUD_ECONFLICT, "external_id", "err.event.duplicate",
			      "this event has been recorded already");
	return BUD_OK;
}

/* The commitment's state and period take the event. */
static int check_commitment(struct unit *u, const struct bud_event_input *in,
			    bud_err *err)
{
	int st = bud_commitment_state_parse(u->cm.state);

	if (st != BUD_COMMITMENT_ACTIVE && st != BUD_COMMITMENT_ENDED)
		return refuse(err, BUD_ECONFLICT, "commitment_id",
			      "err.event.not_active", "the commitment is not active");
	if (strcmp(in->on_date, u->cm.valid_from) < 0 ||
	    strcmp(in->on_date, u->cm.valid_to) > 0)
		return refuse(err, BUD_ECONFLICT, "on_date",
			      "err.event.outside_period",
			      "the date is outside the commitment's period");
	if (strcmp(in->on_date, u->today) > 0)
		return refuse(err, BUD_EINVAL, "on_date",
			      "err.event.future", "the date is in the future");
	return BUD_OK;
}

/* The client disputed an event of the commitment on that day: until a
 * worker dismisses it (or for good when upheld), no other event of that
 * day is taken, so a dispute cannot be stepped round with a new id. */
static int check_day(struct unit *u, bud_conn *w, const struct bud_event_input *in,
		     bud_err *err)
{
	int64_t n[2] = {0, 0};
	int rc;

	if (u->clean_cm == u->cm.id && strcmp(u->clean_day, in->on_date) == 0)
		return BUD_OK;
	u->clean_cm = 0;
	rc = bud_store_event_disputed_day(w, u->cm.plan_line_id, u->cm.id, in->on_date,
					  n, err);
	if (rc == BUD_OK && n[0] + n[1] > 0)
		return refuse(err, BUD_ECONFLICT, "on_date", "err.event.disputed_day",
			      "an event of this day is disputed");
	if (rc == BUD_OK) {
		u->clean_cm = u->cm.id;
		snprintf(u->clean_day, sizeof(u->clean_day), "%s", in->on_date);
	}
	return rc;
}

/* "YYYY-MM" of a checked date. */
static void month_of(const char *date, char out[8])
{
	snprintf(out, 8, "%.7s", date);
}

/* Add the usage the batch owes to its row (before the sums are read, and
 * at the end of the batch). */
static int usage_flush(struct unit *u, bud_conn *w, bud_err *err)
{
	int rc;

	if (!u->due_cm)
		return BUD_OK;
	rc = bud_store_event_usage_add(w, u->due_cm, u->due_month, u->due_qty,
				       u->due_amount, err);
	u->due_cm = 0;
	return rc;
}

/* The usage of a row written: owed to its (commitment, month) row, and
 * counted in the sums the batch knows. */
static int usage_owe(struct unit *u, bud_conn *w, const char *month, int64_t qty,
		     int64_t amount, bud_err *err)
{
	int rc;

	if (u->due_cm && (u->due_cm != u->cm.id || strcmp(u->due_month, month) != 0) &&
	    (rc = usage_flush(u, w, err)))
		return rc;
	if (!u->due_cm) {
		u->due_cm = u->cm.id;
		snprintf(u->due_month, sizeof(u->due_month), "%s", month);
		u->due_qty = u->due_amount = 0;
	}
	u->due_qty += qty;
	u->due_amount += amount;
	if (u->sum_cm == u->cm.id) {
		if (strcmp(u->sum_month, month) == 0)
			u->sum_qty += qty;
		u->sum_amount += amount;
	}
	return BUD_OK;
}

/* What is left of the month's quantity and of the commitment's money. */
static int check_left(struct unit *u, bud_conn *w,
		      const struct bud_event_input *in, int64_t amount,
		      bud_err *err)
{
	char month[8];
	int rc;

	month_of(in->on_date, month);
	if (u->sum_cm != u->cm.id || strcmp(u->sum_month, month) != 0) {
		u->sum_cm = 0;
		if ((rc = usage_flush(u, w, err)) ||
		    (rc = bud_store_event_sums(w, u->cm.id, month, &u->sum_qty,
					       &u->sum_amount, err)))
			return rc;
		u->sum_cm = u->cm.id;
		snprintf(u->sum_month, sizeof(u->sum_month), "%s", month);
	}
	if (in->quantity > u->cm.quantity - u->sum_qty)
		return refuse(err, BUD_ECONFLICT, "quantity", "err.event.over_quantity",
			      "more than is left of the month's quantity");
	if (amount > u->cm.reserved - u->cm.released - u->sum_amount)
		return refuse(err, BUD_ECONFLICT, "quantity", "err.event.over_money",
			      "more than is left of the commitment's money");
	return BUD_OK;
}

/* Write the pending use-log row: "service_event:ID" for one event,
 * "service_event:FIRST-LAST" for a run of them (their ids follow each
 * other: nothing else inserts events while the unit runs). */
static int log_flush(struct unit *u, bud_conn *w, bud_err *err)
{
	char object[64];

	if (!u->log_cm)
		return BUD_OK;
	u->log_cm = 0;
	if (u->log_first == u->log_last)
		snprintf(object, sizeof(object), "service_event:%" PRId64, u->log_first);
	else
		snprintf(object, sizeof(object), "service_event:%" PRId64 "-%" PRId64,
			 u->log_first, u->log_last);
	return bud_uselog_append_row(u->app, w, u->actor, u->log_client, "change",
				     object, "commitment", err);
}

/* The event id of the commitment in cm was written: it joins the run of
 * the pending use-log row, or starts a new one. */
static int log_owe(struct unit *u, bud_conn *w, int64_t id, bud_err *err)
{
	int rc;

	if (u->log_cm == u->cm.id && id == u->log_last + 1) {
		u->log_last = id;
		return BUD_OK;
	}
	if ((rc = log_flush(u, w, err)))
		return rc;
	u->log_cm = u->cm.id;
	u->log_client = u->cm.client_id;
	u->log_first = u->log_last = id;
	return BUD_OK;
}

static int write_row(struct unit *u, bud_conn *w, const struct bud_event_input *in,
		     int64_t amount, int64_t *id, bud_err *err)
{
	struct bud_store_event e;
	char month[8];
	int rc;

	month_of(in->on_date, month);
	memset(&e, 0, sizeof(e));
	e.commitment_id = u->cm.id;
	e.client_id = u->cm.client_id;
	e.provider_id = u->cm.provider_id;
	e.plan_line_id = u->cm.plan_line_id;
	snprintf(e.on_date, sizeof(e.on_date), "%s", in->on_date);
	e.quantity = in->quantity;
	e.unit_price = u->cm.unit_price;
	e.amount = amount;
	snprintf(e.note, sizeof(e.note), "%s", in->note ? in->note : "");
	snprintf(e.external_id, sizeof(e.external_id), "%s", in->external_id);
	snprintf(e.state, sizeof(e.state), "%s", bud_event_state_name(BUD_EVENT_RECORDED));
	e.recorded_by = u->actor->user_id;
	e.recorded_at = u->now;
	if ((rc = bud_store_event_insert(w, &e, id, err)) ||
	    (rc = usage_owe(u, w, month, e.quantity, e.amount, err)) ||
	    (rc = bud_store_event_history(w, *id, e.state, "", e.recorded_by,
					  u->now, err)))
		return rc;
	return log_owe(u, w, *id, err);
}

/* A row's refusal leaves the unit going; anything else stops it. */
static int is_refusal(int rc)
{
	return rc == BUD_EINVAL || rc == BUD_ECONFLICT || rc == BUD_ENOTFOUND ||
	       rc == BUD_EOVERFLOW || rc == BUD_ETOOBIG;
}

/* One row: its checks, then its write. *id: the new (or duplicate's) id. */
static int record_row(struct unit *u, bud_conn *w, const struct bud_event_input *in,
		      int64_t *id, bud_err *err)
{
	int64_t amount = 0;
	int rc;

	*id = 0;
	if ((rc = check_input(in, err)) || (rc = load_commitment(u, w, in, id, err)) ||
	    (rc = check_commitment(u, in, err)) || (rc = check_day(u, w, in, err)))
		return rc;
	if (bud_money_line(in->quantity, u->cm.unit_price, &amount, err) != BUD_OK) {
		snprintf(err->field, sizeof(err->field), "quantity");
		return BUD_EOVERFLOW;
	}
	if ((rc = check_left(u, w, in, amount, err)))
		return rc;
	if ((rc = write_row(u, w, in, amount, id, err)) && is_refusal(rc)) {
		/* the row's writes may be half done: never a refusal that lets
		 * the unit go on, but a failure that rolls all of it back */
		char detail[sizeof(err->detail)];

		snprintf(detail, sizeof(detail), "%s", err->detail);
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal",
				   "writing a checked event: %s", detail);
	}
	return rc;
}

static int batch_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct unit *u = arg;
	size_t i;
	int rc;

	u->cm_id = u->clean_cm = u->sum_cm = u->due_cm = u->log_cm = 0;
	for (i = 0; i < u->n; i++) {
		struct bud_event_result *r = &u->results[i];

		memset(r, 0, sizeof(*r));
		bud_err_clear(&r->err);
		r->rc = record_row(u, w, &u->rows[i], &r->id, &r->err);
		r->code = bud_event_code(&r->err);
		if (r->rc != BUD_OK && !is_refusal(r->rc)) {
			*err = r->err;
			return r->rc;
		}
		if (r->rc != BUD_OK && r->rc != BUD_ECONFLICT)
			r->id = 0;
	}
	if ((rc = usage_flush(u, w, err)))
		return rc;
	return log_flush(u, w, err);
}

struct bud_event_batch {
	struct unit u;
};

int bud_event_batch_new(bud_app *app, const bud_actor *actor,
			const struct bud_event_input *rows, size_t n,
			struct bud_event_result *results, bud_event_batch **out,
			bud_err *err)
{
	bud_event_batch *b;
	int rc;

	*out = NULL;
	if ((rc = bud_event_provider_of(actor, &(int64_t){0}, err)))
		return rc;
	if (n == 0 || n > BUD_EVENT_BATCH_MAX || !rows || !results)
		return bud_err_set(err, BUD_ETOOBIG, "events", "err.event.batch",
				   "1..%d events at a time", BUD_EVENT_BATCH_MAX);
	if (!(b = calloc(1, sizeof(*b))))
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "no memory");
	b->u = (struct unit){.app = app, .actor = actor, .rows = rows, .n = n,
			     .results = results, .now = bud_app_now(app)};
	bud_event_provider_of(actor, &b->u.provider_id, err);
	if (bud_app_today(app, b->u.today, sizeof(b->u.today)) != BUD_OK) {
		free(b);
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal", "clock");
	}
	*out = b;
	return BUD_OK;
}

int bud_event_batch_run(bud_conn *w, void *batch, bud_err *err)
{
	return batch_unit(w, &((bud_event_batch *)batch)->u, err);
}

void bud_event_batch_free(bud_event_batch *b)
{
	free(b);
}

int bud_event_record_batch(bud_app *app, const bud_actor *actor,
			   const struct bud_event_input *rows, size_t n,
			   struct bud_event_result *results, bud_err *err)
{
	bud_event_batch *b;
	int rc;

	if ((rc = bud_event_batch_new(app, actor, rows, n, results, &b, err)))
		return rc;
	rc = bud_db_write(app->db, bud_event_batch_run, b, err);
	bud_event_batch_free(b);
	return rc;
}

int bud_event_record(bud_app *app, const bud_actor *actor,
		     const struct bud_event_input *in, int64_t *id_out,
		     bud_err *err)
{
	struct bud_event_result r;
	int rc = bud_event_record_batch(app, actor, in, 1, &r, err);

	if (rc != BUD_OK)
		return rc;
	if (r.rc != BUD_OK) {
		if (err)
			*err = r.err;
		return r.rc;
	}
	if (id_out)
		*id_out = r.id;
	return BUD_OK;
}

/* ---- the client's say and the worker's resolution ------------------- */

/* Load event u->id on w, check who may act on it; u->days its window. */
static int load_event(struct unit *u, bud_conn *w, bud_err *err)
{
	int rc = bud_store_event_get(w, u->id, &u->ev, err);

	if (rc == BUD_ENOTFOUND)
		return bud_authz_denied(err, "service event");
	if (rc != BUD_OK)
		return rc;
	if ((rc = bud_authz_client(u->app, w, u->actor, u->ev.client_id, 1,
				   u->basis, sizeof(u->basis), err)))
		return rc;
	if ((rc = bud_store_commitment_get(w, u->ev.commitment_id, &u->cm, err)))
		return rc;
	return BUD_OK;
}

static int window_passed(struct unit *u, bud_conn *w, bud_err *err)
{
	char until[BUD_DATE_BUF];
	int rc;

	if ((rc = bud_store_event_client_days(w, u->ev.client_id, &u->days, err)))
		return rc;
	if (bud_event_until(u->ev.recorded_at, u->days, until) != BUD_OK)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal", "until");
	if (strcmp(until, u->today) < 0)
		return bud_err_set(err, BUD_ECONFLICT, "state", "err.event.window_passed",
				   "the time to dispute ended on %s", until);
	return BUD_OK;
}

/* An upheld event leaves its month's and its commitment's usage. */
static int take_out(bud_conn *w, const struct bud_store_event *e, bud_err *err)
{
	char month[8];

	month_of(e->on_date, month);
	return bud_store_event_usage_add(w, e->commitment_id, month, -e->quantity,
					 -e->amount, err);
}

static int say_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct unit *u = arg;
	char from[16], object[48];
	int rc;

	if ((rc = load_event(u, w, err)))
		return rc;
	if (!bud_event_may(bud_event_state_parse(u->ev.state), u->to))
		return bud_err_set(err, BUD_ECONFLICT, "state", "err.event.state",
				   "the event is %s", u->ev.state);
	if (u->to == BUD_EVENT_DISPUTED && (rc = window_passed(u, w, err)))
		return rc;
	snprintf(from, sizeof(from), "%s", u->ev.state);
	snprintf(u->ev.state, sizeof(u->ev.state), "%s", bud_event_state_name(u->to));
	if (u->to == BUD_EVENT_UPHELD || u->to == BUD_EVENT_DISMISSED) {
		u->ev.resolved_by = u->actor->user_id;
		u->ev.resolved_at = u->now;
		snprintf(u->ev.resolution, sizeof(u->ev.resolution), "%s", u->text);
	} else {
		u->ev.answered_by = u->actor->user_id;
		u->ev.answered_at = u->now;
		snprintf(u->ev.reason, sizeof(u->ev.reason), "%s", u->text ? u->text : "");
	}
	if (u->to == BUD_EVENT_UPHELD && (rc = take_out(w, &u->ev, err)))
		return rc;
	if ((rc = bud_store_event_move(w, &u->ev, from, err)) ||
	    (rc = bud_store_event_history(w, u->ev.id, u->ev.state,
					  u->text ? u->text : "",
					  u->actor->user_id, u->now, err)))
		return rc;
	snprintf(object, sizeof(object), "service_event:%" PRId64, u->ev.id);
	return bud_uselog_append_row(u->app, w, u->actor, u->ev.client_id, "change",
				     object, u->basis, err);
}

static int check_text(const char *s, const char *field, bud_err *err)
{
	if (!s || !s[0])
		return bud_err_set(err, BUD_EINVAL, field, "err.required",
				   "%s is required", field);
	if (strlen(s) > BUD_NOTE_MAX)
		return bud_err_set(err, BUD_EINVAL, field, "err.too_long",
				   "at most %d bytes", BUD_NOTE_MAX);
	return bud_text_check(s, BUD_TEXT_MULTILINE, field, err);
}

static int run_say(bud_app *app, const bud_actor *actor, int64_t id, int to,
		   const char *text, bud_err *err)
{
	struct unit *u = calloc(1, sizeof(*u));
	int rc;

	if (!u)
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "no memory");
	*u = (struct unit){.app = app, .actor = actor, .id = id, .to = to,
			   .text = text, .now = bud_app_now(app)};
	if (bud_app_today(app, u->today, sizeof(u->today)) != BUD_OK)
		rc = bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal", "clock");
	else
		rc = bud_db_write(app->db, say_unit, u, err);
	free(u);
	return rc;
}

static int client_side(const bud_actor *a)
{
	return a && (a->role == BUD_ROLE_CLIENT || a->role == BUD_ROLE_REPRESENTATIVE);
}

int bud_event_confirm(bud_app *app, const bud_actor *actor, int64_t id,
		      bud_err *err)
{
	if (!client_side(actor))
		return bud_authz_forbidden(err, "confirm service events");
	return run_say(app, actor, id, BUD_EVENT_CONFIRMED, NULL, err);
}

int bud_event_dispute(bud_app *app, const bud_actor *actor, int64_t id,
		      const char *reason, bud_err *err)
{
	int rc;

	if (!client_side(actor))
		return bud_authz_forbidden(err, "dispute service events");
	if ((rc = check_text(reason, "reason", err)))
		return rc;
	return run_say(app, actor, id, BUD_EVENT_DISPUTED, reason, err);
}

int bud_event_resolve(bud_app *app, const bud_actor *actor, int64_t id,
		      int uphold, const char *note, bud_err *err)
{
	int rc;

	if (!actor || actor->role != BUD_ROLE_WORKER)
		return bud_authz_forbidden(err, "resolve disputes");
	if ((rc = check_text(note, "note", err)))
		return rc;
	return run_say(app, actor, id, uphold ? BUD_EVENT_UPHELD : BUD_EVENT_DISMISSED,
		       note, err);
}
