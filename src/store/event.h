/*
 * store/event.h: service events (the delivered service a provider
 * records against a commitment), their append-only history, the sums the
 * recording checks (a month's quantity, the money recorded on a
 * commitment), the lists of events (a provider's, a client's, one
 * commitment's, the disputed ones of an organiser) and the organiser's
 * dispute window (store_event.c). Plain rows in and out; the rules are in
 * app/event.c. Conventions as in store/plan.h.
 *
 * The schema guards: one event per (commitment, date, external id),
 * quantity > 0, amount >= 0, the state one of core/state.h's event
 * states, the history append-only.
 */
#ifndef BUD_STORE_EVENT_H
#define BUD_STORE_EVENT_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "bud_limits.h"
#include "store/db.h"

#define BUD_STORE_EV_DATE 11		/* YYYY-MM-DD */

struct bud_store_event {
	int64_t id, commitment_id, client_id, provider_id, plan_line_id;
	char on_date[BUD_STORE_EV_DATE];
	int64_t quantity;		/* hundredths of the commitment's unit */
	int64_t unit_price;		/* cents: the commitment's when recorded */
	int64_t amount;			/* cents: bud_money_line(quantity, unit_price) */
	char note[BUD_NOTE_MAX + 1];
	char external_id[BUD_EVENT_EXTERNAL_MAX + 1];
	char state[16];			/* core/state.h bud_event_state_name */
	int64_t recorded_by;		/* user; 0: through an API key */
	int64_t recorded_at;
	int64_t answered_by, answered_at;	/* the client's confirm / dispute */
	char reason[BUD_NOTE_MAX + 1];		/* of a dispute */
	int64_t resolved_by, resolved_at;	/* the worker's */
	char resolution[BUD_NOTE_MAX + 1];
};

/* One event of a list with what a list shows beside it (strings live
 * until fn returns). Of the client only the name, never the identity
 * code. */
struct bud_store_ev_item {
	const struct bud_store_event *ev;
	const char *first_name, *last_name;	/* the client's */
	const char *provider_name;
	const char *unit;			/* the commitment's */
	const char *service_code, *name_fi, *name_sv, *name_en;
	int64_t organiser_id;
	int dispute_days;			/* the client's organiser's window */
};
typedef int (*bud_store_ev_item_fn)(void *arg, const struct bud_store_ev_item *it);

/* Which events a list holds: each nonzero member narrows it. */
struct bud_store_ev_filter {
	int64_t id, provider_id, client_id, commitment_id, organiser_id;
	int disputed;			/* 1: only those in state disputed */
};

/* Insert e (id ignored); *id_out the new id (may be NULL). A second row of
 * the same (commitment, date, external id) is BUD_ECONFLICT. */
int bud_store_event_insert(bud_conn *w, const struct bud_store_event *e,
			   int64_t *id_out, bud_err *err);
/* Event id; BUD_ENOTFOUND when none. */
int bud_store_event_get(bud_conn *c, int64_t id, struct bud_store_event *out,
			bud_err *err);
/* The id of the event of (commitment_id, on_date, external_id), or 0. */
int bud_store_event_find(bud_conn *c, int64_t commitment_id,
			 const char *on_date, const char *external_id,
			 int64_t *id, bud_err *err);
/* The events of commitment_id on the days from..to (YYYY-MM-DD) that the
 * client disputed: n[0] those not resolved yet, n[1] those upheld (the
 * service was not given). */
int bud_store_event_disputed(bud_conn *c, int64_t commitment_id, const char *from,
			     const char *to, int64_t n[2], bud_err *err);
/* The same for one day of a commitment of plan line plan_line_id (its
 * events carry the commitment's line): a seek in service_event_line
 * (plan line, day, state) that reads only the disputed and upheld events,
 * however many others the day has. */
int bud_store_event_disputed_day(bud_conn *c, int64_t plan_line_id,
				 int64_t commitment_id, const char *on_date,
				 int64_t n[2], bud_err *err);
/* What the commitment's events that count (every state but upheld) add
 * up to (service_usage): *qty the quantity of month (YYYY-MM), *amount the
 * money of all months. */
int bud_store_event_sums(bud_conn *c, int64_t commitment_id, const char *month,
			 int64_t *qty, int64_t *amount, bud_err *err);
/* Add qty and amount (both negative to take an upheld event out) to the
 * commitment's usage of month; a total below zero is BUD_ECONFLICT. */
int bud_store_event_usage_add(bud_conn *w, int64_t commitment_id,
			      const char *month, int64_t qty, int64_t amount,
			      bud_err *err);
/* For `budjetti check`: each commitment and month where service_usage and
 * the sums of its events that count disagree (fn gets the commitment id,
 * the month and both quantities); *n how many. */
typedef int (*bud_store_usage_fn)(void *arg, int64_t commitment_id,
				  const char *month, int64_t kept, int64_t summed);
int bud_store_event_usage_check(bud_conn *c, bud_store_usage_fn fn, void *arg,
				bud_err *err);

/* Move e->id from state `from` to e->state with e's answered_*, reason,
 * resolved_* and resolution; BUD_ECONFLICT (field "state") when it is no
 * longer in `from`. */
int bud_store_event_move(bud_conn *w, const struct bud_store_event *e,
			 const char *from, bud_err *err);
/* Append a history row (by_user 0: none, an API key). */
int bud_store_event_history(bud_conn *w, int64_t event_id, const char *state,
			    const char *reason, int64_t by_user, int64_t at,
			    bud_err *err);
/* The events f selects, newest first: ids below `before` (0: from the
 * newest), at most limit rows. */
int bud_store_event_list(bud_conn *c, const struct bud_store_ev_filter *f,
			 int64_t before, int limit, bud_store_ev_item_fn fn,
			 void *arg, bud_err *err);
/* The organiser's dispute window in days (*days), or BUD_ENOTFOUND. */
int bud_store_event_dispute_days(bud_conn *c, int64_t organiser_id, int *days,
				 bud_err *err);
/* The dispute window of client_id's organiser (*days), or BUD_ENOTFOUND. */
int bud_store_event_client_days(bud_conn *c, int64_t client_id, int *days,
				bud_err *err);
int bud_store_event_set_dispute_days(bud_conn *w, int64_t organiser_id,
				     int days, bud_err *err);

#endif
