/*
 * store/plan.h: service plans, their lines, the budget ledger and the
 * reads app/plan.c decides on (store_plan.c): the organiser's proposed
 * plans, reviews due, and ledger sums per line. (Whether a client accepted
 * a personal budget for a service is bud_store_offer_accepted in
 * store/casework.h.)
 * Plain rows in and out; the rules (who, which state, the amounts) are in
 * app/plan.c and core/. Conventions as in store/org.h: text fields are
 * fixed arrays sized from bud_limits.h (an insert or update refuses what
 * does not fit, BUD_EINVAL err.too_long), "" and 0 stand for SQL NULL,
 * writes take the writer connection of a bud_db_write unit.
 *
 * The schema guards what must never happen whatever the code above does:
 * lines change only in a draft (triggers), an approved plan has an
 * approver other than its drafter (CHECK), the ledger is append-only.
 */
#ifndef BUD_STORE_PLAN_H
#define BUD_STORE_PLAN_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "bud_limits.h"
#include "store/db.h"

#define BUD_STORE_PLAN_DATE 11		/* YYYY-MM-DD */
#define BUD_STORE_DECISION_NO 32	/* "HB-2026-000012" */

struct bud_store_plan {
	int64_t id;
	int64_t client_id;
	int64_t organiser_id;
	char state[16];				/* draft, proposed, ... */
	char label[BUD_NAME_MAX + 1];
	char valid_from[BUD_STORE_PLAN_DATE];
	char valid_to[BUD_STORE_PLAN_DATE];
	char review_date[BUD_STORE_PLAN_DATE];
	int64_t client_fee;			/* cents a month */
	char fee_note[BUD_NOTE_MAX + 1];
	char reasoning[BUD_TEXT_MAX + 1];
	char lang[4];				/* "" until approved */
	char decision_no[BUD_STORE_DECISION_NO]; /* "" until approved */
	int64_t version;			/* 0 until approved */
	int64_t supersedes_id;
	int64_t drafted_by;
	int64_t proposed_at;			/* 0: not proposed */
	char returned_note[BUD_NOTE_MAX + 1];
	int64_t approved_by;
	int64_t approved_at;
	char effective_to[BUD_STORE_PLAN_DATE];	/* "" while in force */
	int64_t created_at;
	int64_t updated_at;
};

struct bud_store_plan_line {
	int64_t id;
	int64_t plan_id;
	int64_t position;
	int64_t service_id;
	int64_t price_id;
	char unit[8];
	int64_t unit_price;			/* cents */
	char instrument[16];
	int64_t quantity;			/* hundredths a month */
	char content[BUD_NOTE_MAX + 1];
	int64_t monthly_amount;
	int64_t period_amount;
};

/* The ledger's sums for one line (each >= 0; the kind gives the sign). */
struct bud_store_ledger_sums {
	int64_t plan_id;
	int64_t plan_line_id;
	int64_t service_id;
	int64_t granted, revoked, reserved, released, spent;
};

struct bud_store_ledger_row {
	int64_t client_id;
	int64_t plan_id;
	int64_t plan_line_id;
	const char *kind;		/* grant, revoke, reserve, release, spend */
	int64_t amount;			/* >= 0 */
	const char *on_date;		/* YYYY-MM-DD */
	int64_t created_by;		/* 0: the system */
	int64_t created_at;
	int64_t commitment_id;		/* 016: reserve, release; 0 none */
};

/* Each row of a list, passed to the callback; a non-zero return stops the
 * walk and is returned. The row lives until the callback returns. */
typedef int (*bud_store_plan_fn)(void *arg, const struct bud_store_plan *p);

/* ---- plans ---- */

/* Insert p as a draft (p->id, state and the decision columns ignored). */
int bud_store_plan_insert(bud_conn *w, const struct bud_store_plan *p,
			  int64_t *id_out, bud_err *err);
/* BUD_ENOTFOUND (err.not_found) when there is no plan id. */
int bud_store_plan_get(bud_conn *c, int64_t id, struct bud_store_plan *out,
		       bud_err *err);
/* The draft's edited fields (label, dates, fee, notes) and updated_at;
 * BUD_ECONFLICT (field "state") when plan p->id is no longer a draft. */
int bud_store_plan_update_fields(bud_conn *w, const struct bud_store_plan *p,
				 bud_err *err);
/* draft -> proposed (proposed_at = now, returned_note emptied). */
int bud_store_plan_propose(bud_conn *w, int64_t id, int64_t now, bud_err *err);
/* proposed -> draft with the note (proposed_at emptied). */
int bud_store_plan_return(bud_conn *w, int64_t id, const char *note,
			  int64_t now, bud_err *err);
/* draft -> discarded. */
int bud_store_plan_discard(bud_conn *w, int64_t id, int64_t now, bud_err *err);
/* proposed -> approved with the decision's columns. */
int bud_store_plan_approve(bud_conn *w, int64_t id, int64_t approved_by,
			   const char *lang, const char *decision_no,
			   int64_t version, int64_t supersedes_id, int64_t now,
			   bud_err *err);
/* approved -> state ("superseded" or "ended") with effective_to. */
int bud_store_plan_close(bud_conn *w, int64_t id, const char *state,
			 const char *effective_to, int64_t now, bud_err *err);
/* Each of these four is BUD_ECONFLICT (field "state") when the plan is
 * not in the state the transition starts from. */

/* The client's plans, newest first (at most BUD_MAX_PAGE_ROWS + 1: the
 * caller refuses a list that long rather than cut it). */
int bud_store_plan_list_client(bud_conn *c, int64_t client_id,
			       bud_store_plan_fn fn, void *arg, bud_err *err);
/* The client's approved plans whose period overlaps from..to. */
int bud_store_plan_list_overlapping(bud_conn *c, int64_t client_id,
				    const char *from, const char *to,
				    bud_store_plan_fn fn, void *arg, bud_err *err);
/* The organiser's proposed plans, oldest proposal first: limit rows from
 * offset. */
int bud_store_plan_list_proposed(bud_conn *c, int64_t organiser_id,
				 int64_t offset, int limit,
				 bud_store_plan_fn fn, void *arg, bud_err *err);
/* Approved plans of the clients worker_id is responsible for, with
 * review_date <= until, soonest first: limit rows from offset. */
int bud_store_plan_list_reviews(bud_conn *c, int64_t worker_id,
				const char *until, int64_t offset, int limit,
				bud_store_plan_fn fn, void *arg, bud_err *err);
/* How many plans of the client are in state. */
int bud_store_plan_count_state(bud_conn *c, int64_t client_id,
			       const char *state, int64_t *n, bud_err *err);
/* How many plans of the client have been approved (have a decision). */
int bud_store_plan_count_decided(bud_conn *c, int64_t client_id, int64_t *n,
				 bud_err *err);

/* ---- lines ---- */

/* Insert l (l->id ignored); the plan must be a draft (else BUD_ECONFLICT
 * "state"); a second line of one service is BUD_ECONFLICT "service". */
int bud_store_plan_line_insert(bud_conn *w, const struct bud_store_plan_line *l,
			       int64_t *id_out, bud_err *err);
/* Replace the price and amounts of line l->id (a draft's period changed). */
int bud_store_plan_line_reprice(bud_conn *w, const struct bud_store_plan_line *l,
				bud_err *err);
/* BUD_ENOTFOUND when plan_id has no line line_id. */
int bud_store_plan_line_delete(bud_conn *w, int64_t plan_id, int64_t line_id,
			       bud_err *err);
/* The lines in position order into out[0..max-1] (BUD_ETOOBIG beyond). */
int bud_store_plan_line_list(bud_conn *c, int64_t plan_id,
			     struct bud_store_plan_line *out, size_t max,
			     size_t *n, bud_err *err);
/* The next free position (1 + the highest). */
int bud_store_plan_line_next_pos(bud_conn *c, int64_t plan_id, int64_t *pos,
				 bud_err *err);

/* ---- ledger ---- */

int bud_store_ledger_insert(bud_conn *w, const struct bud_store_ledger_row *r,
			    bud_err *err);
/* One entry of a line's ledger with where it comes from (strings live
 * until fn returns): the decision (plan_id), the commitment, the invoice
 * row and its invoice, and the newest payment of that invoice (0/""). */
struct bud_store_ledger_entry {
	int64_t id, plan_id, commitment_id, invoice_row_id, invoice_id;
	int64_t payment_run_id, amount, created_by, created_at;
	const char *kind, *on_date, *payment_state, *decision_no;
};
typedef int (*bud_store_ledger_entry_fn)(void *arg,
					 const struct bud_store_ledger_entry *e);
/* A page of line_id's entries, oldest first: limit rows from offset. */
int bud_store_ledger_entries(bud_conn *c, int64_t line_id, int64_t offset, int limit,
			     bud_store_ledger_entry_fn fn, void *arg, bud_err *err);
/* The sums of one line (zeros when it has no rows). */
int bud_store_ledger_line_sums(bud_conn *c, int64_t plan_line_id,
			       struct bud_store_ledger_sums *out, bud_err *err);
/* The sums per line of the client's ledger, in plan and line order, into
 * out[0..max-1] (BUD_ETOOBIG beyond). */
int bud_store_ledger_client(bud_conn *c, int64_t client_id,
			    struct bud_store_ledger_sums *out, size_t max,
			    size_t *n, bud_err *err);

#endif
