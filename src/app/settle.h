/*
 * app/settle.h: settling a month (`budjetti settle`, bench/settle): the
 * month's service events of every provider invoiced, checked, approved
 * and paid in one payment run, through the use cases a finance user
 * uses on the pages, with every check they make:
 *
 *   1. for each provider with a commitment running in the month,
 *      as bud_invoice_events as the maker: one invoice of its payable
 *      events not invoiced yet, one row per commitment, each row checked
 *      (a provider with nothing payable gets no invoice; one with more
 *      than an invoice takes, BUD_INVOICE_ROWS_MAX commitments or
 *      BUD_INVOICE_EVENTS_MAX events, gets one invoice per half of the
 *      month, or per quarter, ...);
 *   2. bud_invoice_approve_many as the maker, the password given again
 *      once: every row checked again, the passing ones spent from their
 *      commitments' reservations;
 *   3. bud_payrun_create as the maker and bud_payrun_approve as the
 *      approver (another finance user: four eyes), whose password is
 *      given again: the run's pain.001 is written and the invoices paid.
 *
 * Each invoice and each approval is a write unit of its own; the units
 * of a step are queued together (bud_invoice_events_many,
 * bud_invoice_approve_many), so that the writer commits many of them at
 * once. A failure stops there (what was done stays done, as on the pages).
 */
#ifndef BUD_APP_SETTLE_H
#define BUD_APP_SETTLE_H

#include <stdint.h>

#include "app/app.h"
#include "app/invoice.h"

struct bud_settle_result {
	int64_t providers;	/* with a commitment running in the month */
	int64_t invoices;	/* made */
	int64_t approved;	/* of them approved (the rest refused) */
	int64_t run_id;		/* the payment run; 0 when nothing was payable */
};

/*
 * Settle month ("YYYY-MM", not after the current one) as finance user
 * maker (maker_password given again) with approver (another finance
 * user, approver_password) approving the run. progress (may be NULL)
 * is called as the invoices are made and approved: done of total steps
 * (two per provider). BUD_EINVAL "month" for a bad month; the use cases'
 * own errors otherwise (BUD_EAUTH "password", ...); BUD_ECONFLICT "approved_by"
 * err.payrun.four_eyes when maker and approver are one user (then
 * nothing is done).
 */
int bud_settle_month(bud_app *app, const bud_actor *maker,
		     const char *maker_password, const bud_actor *approver,
		     const char *approver_password, const char *month,
		     bud_invoice_progress_fn progress, void *progress_arg,
		     struct bud_settle_result *out, bud_err *err);

#endif
