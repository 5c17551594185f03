/*
 * store/invoice.h: invoices of providers, their rows, the ledger 'spend'
 * an approved row writes, and the reads the checks of app/invoice.c decide
 * on (store_invoice.c). Plain rows in and out; the rules are in
 * app/invoice.c. Conventions as in store/plan.h; migration 016 says how a
 * spend consumes the reservation of its commitment.
 *
 * The schema guards: a commitment's days are invoiced once (a partial
 * unique index over rows not refused), spent <= reserved - released on
 * every commitment, an approved row has its ledger row, (provider,
 * number) and the reference are unique.
 */
#ifndef BUD_STORE_INVOICE_H
#define BUD_STORE_INVOICE_H

#include <stddef.h>
#include <stdint.h>

#include "bud_limits.h"
#include "core/err.h"
#include "core/ids.h"
#include "store/db.h"

#define BUD_STORE_INV_DATE 11		/* YYYY-MM-DD */
#define BUD_STORE_INV_CODE 32		/* a refusal code: "price", "duplicate" */

struct bud_store_invoice {
	int64_t id, organiser_id, provider_id;
	char source[12];			/* finvoice, monthly, events */
	char number[BUD_INVOICE_NUMBER_MAX + 1];
	char period_from[BUD_STORE_INV_DATE];
	char period_to[BUD_STORE_INV_DATE];
	char invoice_date[BUD_STORE_INV_DATE];
	char due_date[BUD_STORE_INV_DATE];
	char reference[BUD_ID_BUF];
	char buyer_ovt[BUD_ID_BUF];
	char iban[BUD_ID_BUF];
	char bic[BUD_ID_BUF];
	char state[12];				/* received, approved, refused, paid */
	int64_t claimed, approved;
	char message_id[BUD_INVOICE_NUMBER_MAX + 1];
	int64_t created_by, created_at, approved_by, approved_at;
	int64_t n_rows;				/* reads: its rows */
	char provider_name[BUD_NAME_MAX + 1];	/* reads: the provider's name */
};

struct bud_store_invoice_row {
	int64_t id, invoice_id, position;
	int64_t commitment_id, client_id, plan_line_id;	/* 0: none */
	char period_from[BUD_STORE_INV_DATE];
	char period_to[BUD_STORE_INV_DATE];
	int64_t quantity, unit_price, amount;
	char text[BUD_NOTE_MAX + 1];
	char state[12];				/* pending, approved, refused */
	char code[BUD_STORE_INV_CODE];
	char detail[BUD_INVOICE_DETAIL_MAX + 1];
	int64_t events;				/* service events it covers */
	int64_t ledger_id;
};

/* Insert inv (id, state, approved, approved_* ignored); *id_out. The
 * reference must be unique: write a provisional one and set it with
 * bud_store_invoice_set_reference once the id is known. */
int bud_store_invoice_insert(bud_conn *w, const struct bud_store_invoice *inv,
			     int64_t *id_out, bud_err *err);
int bud_store_invoice_set_reference(bud_conn *w, int64_t id, const char *ref,
				    bud_err *err);
/* BUD_ENOTFOUND when none. */
int bud_store_invoice_get(bud_conn *c, int64_t id, struct bud_store_invoice *out,
			  bud_err *err);
/* 1 in *exists when provider_id already has an invoice numbered number. */
int bud_store_invoice_number_used(bud_conn *c, int64_t provider_id,
				  const char *number, int *exists, bud_err *err);
/* Move inv->id from state `from` to inv->state with inv's approved,
 * approved_by, approved_at; BUD_ECONFLICT "state" when no longer `from`. */
int bud_store_invoice_move(bud_conn *w, const struct bud_store_invoice *inv,
			   const char *from, bud_err *err);

typedef int (*bud_store_invoice_fn)(void *arg, const struct bud_store_invoice *inv);
/* A page of invoices, newest first: of the organiser, of one provider
 * when provider_id > 0, in one state when state is not "". */
int bud_store_invoice_list(bud_conn *c, int64_t organiser_id, int64_t provider_id,
			   const char *state, int64_t offset, int limit,
			   bud_store_invoice_fn fn, void *arg, bud_err *err);

int bud_store_invoice_row_insert(bud_conn *w, const struct bud_store_invoice_row *r,
				 int64_t *id_out, bud_err *err);
/* The rows of an invoice in position order into out[0..max-1], *n of
 * them; BUD_ETOOBIG when there are more. */
int bud_store_invoice_rows(bud_conn *c, int64_t invoice_id,
			   struct bud_store_invoice_row *out, size_t max,
			   size_t *n, bud_err *err);
/* Refuse row id (pending) with code and detail; the events it covered
 * are unlinked (they may be invoiced again). */
int bud_store_invoice_row_refuse(bud_conn *w, int64_t id, const char *code,
				 const char *detail, bud_err *err);
/*
 * Approve every row of invoice_id still pending, in one go (the rows that
 * fail their checks are refused first): in w, a ledger 'spend' of each
 * row's amount on its line dated on_date by user at `at`, each
 * commitment's spent raised by its rows' sum (its CHECK refuses beyond
 * what it holds: BUD_ECONFLICT "amount" err.invoice.beyond_left) and
 * each row approved with its ledger row. *n: the rows approved.
 */
int bud_store_invoice_spend_pending(bud_conn *w, int64_t invoice_id,
				    const char *on_date, int64_t user, int64_t at,
				    int64_t *n, bud_err *err);

/* How many rows, other than row exclude_id and not refused, invoice
 * commitment_id for a day in from..to (an overlap); only rows not made
 * of events when only_plain. */
int bud_store_invoice_overlaps(bud_conn *c, int64_t commitment_id,
			       const char *from, const char *to, int64_t exclude_id,
			       int only_plain, int64_t *n, bud_err *err);

/* One service event as invoicing needs it. */
struct bud_store_inv_event {
	int64_t id, commitment_id, quantity, amount, recorded_at;
	char on_date[BUD_STORE_INV_DATE];
	char state[16];
};
/* The provider's events on from..to that may come to an invoice (state
 * recorded, confirmed or dismissed; not actively linked to a row), by
 * commitment and date, into out[0..max-1]; BUD_ETOOBIG beyond. */
int bud_store_invoice_open_events(bud_conn *c, int64_t provider_id,
				  const char *from, const char *to,
				  struct bud_store_inv_event *out, size_t max,
				  size_t *n, bud_err *err);
/* The events row row_id covers (active links) into out[0..max-1]. */
int bud_store_invoice_row_events(bud_conn *c, int64_t row_id,
				 struct bud_store_inv_event *out, size_t max,
				 size_t *n, bud_err *err);
/* One event linked to one invoice row. */
struct bud_store_link {
	int64_t row_id, event_id;
};
/* Write links[0..n-1] (active), in one statement; an event already
 * actively linked is BUD_ECONFLICT (and none is linked: the caller's
 * unit rolls back). */
int bud_store_invoice_link_events(bud_conn *w, const struct bud_store_link *links,
				  size_t n, bud_err *err);
/* How many of the provider's invoices came from events (for numbering). */
int bud_store_invoice_count_source(bud_conn *c, int64_t provider_id,
				   const char *source, int64_t *n, bud_err *err);

/* A commitment as the checks need it (spent included) with its line's
 * service and the client's municipality. */
struct bud_store_inv_cm {
	int64_t id, client_id, plan_id, plan_line_id, provider_id, service_id;
	int64_t organiser_id;
	char unit[8];
	char state[16];
	char valid_from[BUD_STORE_INV_DATE];
	char valid_to[BUD_STORE_INV_DATE];
	int64_t quantity, unit_price, monthly_amount;
	int64_t reserved, released, spent;
	char municipality[BUD_NAME_MAX + 1];
};
int bud_store_invoice_cm(bud_conn *c, int64_t commitment_id,
			 struct bud_store_inv_cm *out, bud_err *err);
/* The provider's month commitments (unit 'month', active or ended) whose
 * period meets from..to, by id, into out[0..max-1]; BUD_ETOOBIG beyond. */
int bud_store_invoice_monthly_cms(bud_conn *c, int64_t provider_id,
				  const char *from, const char *to,
				  struct bud_store_inv_cm *out, size_t max,
				  size_t *n, bud_err *err);

/* The organiser's settlement settings: charging window in days and OVT. */
int bud_store_invoice_org(bud_conn *c, int64_t organiser_id, int64_t *charge_days,
			  char *ovt, size_t ovtsz, bud_err *err);
int bud_store_invoice_set_charge_days(bud_conn *w, int64_t organiser_id,
				      int64_t days, bud_err *err);

#endif
