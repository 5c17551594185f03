/*
 * store/payrun.h: payment runs and their payments (migration 016), and
 * the reads app/payrun.c decides on (store_payrun.c): the approved
 * invoices a run may gather, the provider's approvals behind an invoice's
 * rows, a notice's matching, the remittance rows of a provider.
 *
 * The schema guards: a run is approved by another user than its creator
 * (CHECK), an approved run has its file, an invoice has at most one
 * payment pending or paid (a partial unique index): never paid twice.
 */
#ifndef BUD_STORE_PAYRUN_H
#define BUD_STORE_PAYRUN_H

#include <stddef.h>
#include <stdint.h>

#include "bud_limits.h"
#include "core/err.h"
#include "core/ids.h"
#include "store/db.h"

struct bud_store_run {
	int64_t id, organiser_id;
	char state[12];				/* created, approved, cancelled */
	char msg_id[40];
	char execution_date[11];
	int64_t total, created_by, created_at, approved_by, approved_at;
	char camt_msg_id[BUD_INVOICE_NUMBER_MAX + 1];
	int64_t n_payments;			/* reads */
};

/* One payment with what the file and the pages need of its invoice. */
struct bud_store_payment {
	int64_t id, run_id, invoice_id, provider_id, amount;
	char end_to_end_id[40];
	char state[12];				/* pending, paid, returned, cancelled */
	char return_code[16];
	char return_info[BUD_INVOICE_DETAIL_MAX + 1];
	char booked_on[11];
	char number[BUD_INVOICE_NUMBER_MAX + 1];	/* the invoice's */
	char reference[BUD_ID_BUF];
	char iban[BUD_ID_BUF];
	char bic[BUD_ID_BUF];
	char provider_name[BUD_NAME_MAX + 1];
};

int bud_store_run_insert(bud_conn *w, const struct bud_store_run *r, int64_t *id_out,
			 bud_err *err);
int bud_store_run_set_msg_id(bud_conn *w, int64_t id, const char *msg_id, bud_err *err);
int bud_store_run_get(bud_conn *c, int64_t id, struct bud_store_run *out, bud_err *err);
/* created -> approved with the two files; BUD_ECONFLICT "state" when no
 * longer created. */
int bud_store_run_approve(bud_conn *w, int64_t id, int64_t by, int64_t at,
			  const char *pain03, const char *pain09, int64_t total,
			  bud_err *err);
int bud_store_run_set_camt(bud_conn *w, int64_t id, const char *camt_msg_id,
			   bud_err *err);
/* The file of an approved run in version 3 or 9 (*xml malloc'd, the
 * caller frees). */
int bud_store_run_file(bud_conn *c, int64_t id, int version, char **xml,
		       bud_err *err);
typedef int (*bud_store_run_fn)(void *arg, const struct bud_store_run *r);
int bud_store_run_list(bud_conn *c, int64_t organiser_id, int64_t offset, int limit,
		       bud_store_run_fn fn, void *arg, bud_err *err);

/* The organiser's approved invoices with no payment pending or paid,
 * oldest first, into out[0..max-1] (*n); as payments (id 0). */
int bud_store_run_payable(bud_conn *c, int64_t organiser_id,
			  struct bud_store_payment *out, size_t max, size_t *n,
			  bud_err *err);
/* Insert p (run, invoice, provider, amount); a second open payment of the
 * same invoice is BUD_ECONFLICT (the unique index). */
int bud_store_payment_insert(bud_conn *w, const struct bud_store_payment *p,
			     int64_t *id_out, bud_err *err);
/* The payments of a run by id into out[0..max-1]. */
int bud_store_payments(bud_conn *c, int64_t run_id, struct bud_store_payment *out,
		       size_t max, size_t *n, bud_err *err);
/* Set payment id's state, end-to-end id, return code/info and booking day. */
int bud_store_payment_update(bud_conn *w, const struct bud_store_payment *p,
			     bud_err *err);
/* Set invoice id's state from `from` to `to`. BUD_ECONFLICT "state". */
int bud_store_invoice_state(bud_conn *w, int64_t id, const char *from,
			    const char *to, bud_err *err);

/* How many approved rows of invoice id rest on commitments whose provider
 * is not approved for the service in the client's municipality on day. */
int bud_store_run_unapproved_rows(bud_conn *c, int64_t invoice_id, const char *day,
				  int64_t *n, bud_err *err);

/* One paid invoice row for a provider's remittance advice (strings live
 * until fn returns). */
struct bud_store_remit {
	int64_t run_id, invoice_id, row_position, commitment_id, amount;
	const char *execution_date, *number, *reference, *period_from,
		   *period_to, *state, *booked_on;
};
typedef int (*bud_store_remit_fn)(void *arg, const struct bud_store_remit *r);
/* The approved rows of provider_id's invoices in approved runs, newest
 * run first; limit rows from offset. */
int bud_store_remittance(bud_conn *c, int64_t provider_id, int64_t offset, int limit,
			 bud_store_remit_fn fn, void *arg, bud_err *err);

#endif
