/*
 * store/commitment.h: commitments (maksusitoumus, palveluseteli,
 * ostopalvelu) of plan lines to providers, their events, and the reads
 * app/commitment.c decides on (store_commitment.c): the line with its
 * plan and client, the approval a provider has for a service in a
 * municipality, the provider's own price on a date, the providers a
 * client may choose, a provider's commitments, and the per-line sums
 * `budjetti check` compares. Plain rows in and out; the rules are in
 * app/commitment.c. Conventions as in store/plan.h.
 *
 * The schema guards: at most one offered-or-active commitment per line
 * (a partial unique index), released <= reserved, events append-only.
 */
#ifndef BUD_STORE_COMMITMENT_H
#define BUD_STORE_COMMITMENT_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "bud_limits.h"
#include "store/db.h"

#define BUD_STORE_CM_DATE 11		/* YYYY-MM-DD */

/* A plan line with what a choice needs of its plan and client. */
struct bud_store_cm_line {
	int64_t id, plan_id, client_id, organiser_id, service_id;
	char plan_state[16];
	char valid_from[BUD_STORE_CM_DATE];	/* the plan's period */
	char valid_to[BUD_STORE_CM_DATE];
	char effective_to[BUD_STORE_CM_DATE];	/* "" while in force */
	char unit[8];
	char instrument[16];
	int64_t quantity, unit_price, monthly_amount;
	char municipality[BUD_NAME_MAX + 1];	/* the client's; "" none */
};

struct bud_store_approval_row {
	int64_t id;
	char state[16];			/* applied, approved, ... */
	char effective[BUD_STORE_CM_DATE];	/* "" : from the start */
};

struct bud_store_commitment {
	int64_t id, client_id, plan_id, plan_line_id, provider_id, approval_id;
	char instrument[16];
	char unit[8];
	int64_t quantity, unit_price, provider_price, monthly_amount;
	int64_t reserved, released;
	char valid_from[BUD_STORE_CM_DATE];
	char valid_to[BUD_STORE_CM_DATE];
	char state[16];
	char reason[BUD_NOTE_MAX + 1];
	int64_t replaces_id, created_by, decided_by, created_at, updated_at;
};

/* One provider a client may choose (strings live until fn returns). */
struct bud_store_choice {
	int64_t provider_id, approval_id;
	const char *name, *languages, *email, *phone, *address, *website;
	int64_t price;			/* the provider's own price; -1: none */
};
typedef int (*bud_store_choice_fn)(void *arg, const struct bud_store_choice *c);

/* One of a provider's commitments, with of the client only what the
 * commitment needs (never the identity code). */
struct bud_store_cm_item {
	const struct bud_store_commitment *cm;
	const char *first_name, *last_name, *email, *phone, *address;
	const char *service_code, *name_fi, *name_sv, *name_en;
};
typedef int (*bud_store_cm_item_fn)(void *arg, const struct bud_store_cm_item *it);

/* The line with its plan and client; BUD_ENOTFOUND when none. */
int bud_store_cm_line_get(bud_conn *c, int64_t line_id,
			  struct bud_store_cm_line *out, bud_err *err);
/* The approval of provider for service in municipality; BUD_ENOTFOUND. */
int bud_store_cm_approval(bud_conn *c, int64_t provider_id, int64_t service_id,
			  const char *municipality,
			  struct bud_store_approval_row *out, bud_err *err);
/* The provider's price for the service valid on date (the newest
 * valid_from <= date); *price -1 when it has none. */
int bud_store_cm_provider_price(bud_conn *c, int64_t provider_id,
				int64_t service_id, const char *date,
				int64_t *price, bud_err *err);
/* The providers approved for service in municipality with the approval
 * in force on date (state approved, effective <= date), by name. */
int bud_store_cm_choices(bud_conn *c, int64_t organiser_id, int64_t service_id,
			 const char *municipality, const char *date,
			 bud_store_choice_fn fn, void *arg, bud_err *err);

/* A provider's service locations (strings live until fn returns). */
struct bud_store_cm_location {
	const char *name, *address, *municipality;
	int step_free, hearing_loop, parking, accessible_wc;
};
typedef int (*bud_store_cm_location_fn)(void *arg,
					const struct bud_store_cm_location *l);
int bud_store_cm_locations(bud_conn *c, int64_t provider_id,
			   bud_store_cm_location_fn fn, void *arg, bud_err *err);

int bud_store_commitment_insert(bud_conn *w, const struct bud_store_commitment *m,
				int64_t *id_out, bud_err *err);
int bud_store_commitment_get(bud_conn *c, int64_t id,
			     struct bud_store_commitment *out, bud_err *err);
/* The line's offered or active commitment; BUD_ENOTFOUND when none. */
int bud_store_commitment_holding(bud_conn *c, int64_t line_id,
				 struct bud_store_commitment *out, bud_err *err);
/* Move m->id from state `from` to m->state with m's reason, decided_by,
 * valid_to, released and updated_at; BUD_ECONFLICT (field "state") when
 * it is no longer in `from`. */
int bud_store_commitment_move(bud_conn *w, const struct bud_store_commitment *m,
			      const char *from, bud_err *err);
int bud_store_commitment_event(bud_conn *w, int64_t commitment_id,
			       const char *state, const char *reason,
			       const char *on_date, int64_t by_user, int64_t at,
			       bud_err *err);
/* A page of the provider's commitments, newest first: limit rows from
 * offset. */
int bud_store_commitment_list_provider(bud_conn *c, int64_t provider_id,
				       int64_t offset, int limit,
				       bud_store_cm_item_fn fn, void *arg,
				       bud_err *err);
/* The commitments of a plan line, newest first (at most max). */
int bud_store_commitment_list_line(bud_conn *c, int64_t line_id,
				   struct bud_store_commitment *out, size_t max,
				   size_t *n, bud_err *err);

/* A holding (offered or active) commitment whose approval has ended:
 * suspended or withdrawn (strings live until fn returns). */
struct bud_store_cm_flag {
	int64_t id, provider_id;
	const char *state, *valid_from, *valid_to, *provider;
	const char *service_code, *name_fi, *name_sv, *name_en;
	const char *approval_state, *approval_reason, *approval_effective;
};
typedef int (*bud_store_cm_flag_fn)(void *arg, const struct bud_store_cm_flag *f);
/* The client's holding commitments resting on an ended approval, by id
 * (at most BUD_LINE_COMMITMENTS_MAX). */
int bud_store_cm_flags(bud_conn *c, int64_t client_id, bud_store_cm_flag_fn fn,
		       void *arg, bud_err *err);

/* The demo (app/demo_choice.c): a provider's own price from a date. */
int bud_store_cm_price_insert(bud_conn *w, int64_t provider_id,
			      int64_t service_id, const char *unit,
			      int64_t unit_price, const char *valid_from,
			      int64_t at, bud_err *err);

/* For `budjetti check`: each decided plan line with its ledger sums and
 * what its commitments hold and spent (migration 016). */
struct bud_store_check_reserve {
	int64_t plan_id, line_id;
	int64_t granted, revoked, reserved, released;
	int64_t held;			/* commitments: sum(reserved - released) */
	int64_t spent;			/* ledger: sum of 'spend' */
	int64_t cm_spent;		/* commitments: sum(spent) */
	int64_t cm_over;		/* commitments whose spent > reserved - released */
	int64_t rows_approved;		/* approved invoice rows: sum(amount) */
};
typedef int (*bud_store_check_reserve_fn)(void *arg,
					  const struct bud_store_check_reserve *r);
int bud_store_check_reserves(bud_conn *c, bud_store_check_reserve_fn fn,
			     void *arg, bud_err *err);

#endif
