/*
 * app/payrun.h: payment runs, how the organiser pays the approved
 * invoices (issue 11 item 6), the bank's notice of them, and each
 * provider's remittance advice.
 *
 * Rules:
 *  - A finance user makes a run (bud_payrun_create) of every approved
 *    invoice of the organiser not yet paid nor in another open run, for
 *    an execution day (today when NULL; not in the past). One payment per
 *    invoice, its approved amount. Nothing to pay: BUD_ECONFLICT
 *    "payments" err.payrun.nothing.
 *  - ANOTHER finance user approves it with the password again (four
 *    eyes: the creator is BUD_ECONFLICT "approved_by" err.payrun.four_eyes,
 *    also a CHECK in the schema). In that one write unit each invoice is
 *    checked again: a row whose provider is no longer approved for the
 *    service in the client's municipality ON THE EXECUTION DAY takes its
 *    invoice out of the run (payment cancelled, the invoice stays approved
 *    for a later run); the rest are written as ISO 20022 pain.001.001.03
 *    and .09 (formats/pain001.h), one credit transfer per invoice with the
 *    invoice's payment reference, kept with the run; the invoices become
 *    paid. An invoice is paid once: at most one payment pending or paid
 *    (a unique index), so it is in one run only.
 *  - The bank's camt.054 (bud_payrun_camt054) is matched to the run by
 *    the end-to-end ids pain.001 gave: booked -> paid (the booking day),
 *    returned -> returned with the reason code and text (the invoice is
 *    approved again, for a later run), anything else -> unknown with a
 *    reason (no such payment in this run, another amount). A notice none
 *    of whose transactions is this run's is BUD_ECONFLICT "camt054"
 *    err.payrun.camt_other and writes nothing; one that does not read is
 *    BUD_EINVAL with its problems. A notice that settles no pending
 *    payment (all flagged unknown, or settled by an earlier notice) is
 *    answered with its report and writes nothing: the run keeps the id
 *    of the last notice that settled something.
 *  - Remittance advice: a provider user (its own) or finance reads which
 *    invoice rows were paid, in which run, on which day (JSON or CSV).
 * Views are jansson objects owned by the caller; money in cents.
 */
#ifndef BUD_APP_PAYRUN_H
#define BUD_APP_PAYRUN_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "app/app.h"
#include "core/buf.h"
#include "core/page.h"

int bud_payrun_create(bud_app *app, const bud_actor *actor, const char *execution_date,
		      int64_t *id_out, bud_err *err);
/* Approve run id (another finance user than its maker) with the password
 * again and a fresh second factor (app/totp.h: code is the authenticator's
 * or a recovery code; NULL or "" when the user has none or gave one within
 * BUD_TOTP_FRESH_S; refused: BUD_EAUTH field "code"). */
int bud_payrun_approve(bud_app *app, const bud_actor *actor, int64_t id,
		       const char *password, const char *code, bud_err *err);

/* {id, state, msg_id, execution_date, total, created_by, approved_by,
 * created_at, approved_at, camt_msg_id, payments [{id, invoice_id,
 * number, reference, provider {id, name}, amount, end_to_end_id, state,
 * return_code, return_info, booked_on}], can {approve}}. Finance only. */
int bud_payrun_get(bud_app *app, const bud_actor *actor, int64_t id, json_t **out,
		   bud_err *err);
/* A page of the organiser's runs, newest first, without payments. */
int bud_payrun_list(bud_app *app, const bud_actor *actor, struct bud_page *pg,
		    json_t **out, bud_err *err);
/* The pain.001 of an approved run, version 3 or 9, into out. actor NULL:
 * the system (the CLI on the installation's database). */
int bud_payrun_file(bud_app *app, const bud_actor *actor, int64_t id, int version,
		    bud_buf *out, bud_err *err);
/* Import a camt.054 for run id (actor NULL: the system, the CLI); *report {paid [...], returned [...],
 * unknown [...], settled (how many payments it moved from pending)} (each {end_to_end_id, amount, invoice_id, number,
 * return_code, return_info, reason}); *problems as bud_invoice_finvoice. */
int bud_payrun_camt054(bud_app *app, const bud_actor *actor, int64_t id,
		       const char *xml, size_t len, json_t **report,
		       json_t **problems, bud_err *err);
/* provider_id's remittance advice: a page of {run_id, execution_date,
 * invoice_id, number, reference, position, commitment_id, period_from,
 * period_to, amount, state, booked_on}. */
int bud_payrun_remittance(bud_app *app, const bud_actor *actor, int64_t provider_id,
			  struct bud_page *pg, json_t **out, bud_err *err);
/* The same, every row (at most BUD_MAX_PAGE_ROWS * 50), as CSV into out. */
int bud_payrun_remittance_csv(bud_app *app, const bud_actor *actor,
			      int64_t provider_id, bud_buf *out, bud_err *err);

#endif
