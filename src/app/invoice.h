/*
 * app/invoice.h: providers' invoices to the organiser and their checking,
 * row by row (step 10 of the process, settlement; issue 11 items 4-5).
 *
 * Sources of an invoice:
 *  - a Finvoice 3.0 document (bud_invoice_finvoice), read and checked by
 *    formats/finvoice.h; a document with problems is refused whole
 *    (BUD_EINVAL, the problems listed) and nothing is written. Each
 *    InvoiceRow is one row; its ArticleIdentifier is the number of the
 *    commitment it charges (the id the provider sees), its StartDate ..
 *    EndDate (else RowDeliveryDate) the days, InvoicedQuantity the
 *    quantity, UnitPriceAmount the unit price, RowVatExcludedAmount the
 *    amount (VAT-free social services: VAT 0);
 *  - a period of the provider's service events (app/event.h),
 *    bud_invoice_events: one row per commitment covering its PAYABLE
 *    events in the period (confirmed, dismissed, or recorded with the
 *    dispute window passed) not invoiced yet; a disputed event, or one
 *    whose window is still open, is held and left for a later invoice;
 *    each event is invoiced once (an active link per event); the row's
 *    amount is the sum of its events' amounts;
 *  - a month of the provider's standing monthly commitments (unit
 *    "month", e.g. a housing month), bud_invoice_monthly: one row per
 *    commitment for its days in that month, no events needed.
 *
 * Every invoice gets our payment reference (a viitenumero made from its
 * id) and the organiser's e-invoice address (OVT). The seller must be the
 * provider (its Y-tunnus); the provider's invoice number is used once.
 *
 * Each row is checked, and a row that fails is kept REFUSED with a coded
 * reason (code; the message is err.invoice.<code> in the user's
 * language):
 *   no_commitment   the row names no commitment we know
 *   other_provider  the commitment is another provider's (nothing of it
 *                   is kept on the row)
 *   not_active      the commitment was never accepted (offered, declined)
 *   future          the days have not begun (after today)
 *   period          the days are not within the commitment's period
 *   charge_window   the commitment ended more than the organiser's
 *                   charging window (organiser.charge_days) ago
 *   quantity        the quantity has more than two decimals
 *   price           the unit price is not the commitment's
 *   amount          the amount is not quantity x unit price (for a month
 *                   unit: the month's amount pro rata for the days)
 *   duplicate       those days of the commitment are already invoiced
 *   beyond_left     more than the commitment still holds for the line
 *   event_held      (events) an event is disputed or its window open;
 *                   (any row) the client disputed an event of the
 *                   commitment on those days and it is not resolved
 *   event_upheld    (events) an event's dispute was upheld: never paid;
 *                   (any row) an event of those days was upheld
 *   not_approved    the provider is not approved for the service in the
 *                   client's municipality today (checked again at
 *                   approval and at payment)
 * The others stay pending. A finance user approves an invoice giving the
 * password again (bud_invoice_approve): in ONE write unit every pending
 * row is checked again, and each that passes SPENDS its amount from its
 * commitment's reservation (ledger 'spend', commitment.spent; never
 * beyond what the commitment holds, so never beyond the line's grant, see
 * migration 016), the rest are refused; the invoice is approved when at
 * least one row was, else refused. Refused rows are corrected by sending
 * a new invoice (another number) with them.
 *
 * Who: a provider user sends and reads its own provider's invoices;
 * finance sends for a provider, reads the organiser's and approves.
 * Views are jansson objects owned by the caller.
 */
#ifndef BUD_APP_INVOICE_H
#define BUD_APP_INVOICE_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "app/app.h"
#include "core/date.h"
#include "core/page.h"

/*
 * Take a Finvoice (xml, len bytes) as provider_id's invoice; *id_out the
 * new invoice. A document that does not read or check is BUD_EINVAL with
 * *problems (owned by the caller, may be NULL on other errors) an array
 * of {path, line, message}. Refusals of the whole invoice: BUD_ECONFLICT
 * "seller" err.invoice.seller, "buyer" err.invoice.buyer (another
 * organiser's Y-tunnus), "number" err.invoice.number_used,
 * BUD_ETOOBIG "rows" (more than BUD_INVOICE_ROWS_MAX), BUD_EINVAL "iban"
 * err.invoice.no_iban (neither the invoice nor the provider has one).
 */
int bud_invoice_finvoice(bud_app *app, const bud_actor *actor, int64_t provider_id,
			 const char *xml, size_t len, int64_t *id_out,
			 json_t **problems, bud_err *err);

/*
 * Invoice month ("YYYY-MM") of provider_id's month commitments; numbered
 * "KK-YYYY-MM". BUD_ECONFLICT "month" err.invoice.nothing when none
 * meets the month, "number" err.invoice.number_used when done already.
 */
int bud_invoice_monthly(bud_app *app, const bud_actor *actor, int64_t provider_id,
			const char *month, int64_t *id_out, bud_err *err);

/*
 * Invoice the period from..to (YYYY-MM-DD) of provider_id's payable
 * service events not invoiced yet; numbered "TAP-<to>-<n>". BUD_EINVAL
 * "period_from"/"period_to" for a bad period; BUD_ECONFLICT
 * "period_from" err.invoice.no_events when nothing is payable.
 */
int bud_invoice_events(bud_app *app, const bud_actor *actor, int64_t provider_id,
		       const char *from, const char *to, int64_t *id_out, bud_err *err);

/*
 * Approve invoice id (received) as finance with the password again.
 * BUD_EAUTH "password" when wrong; BUD_ECONFLICT "state" when it is not
 * received. Use log: change, invoice:ID, per client of an approved row.
 */
int bud_invoice_approve(bud_app *app, const bud_actor *actor, int64_t id,
			const char *password, bud_err *err);

/* How far a batch is: done of total. */
typedef void (*bud_invoice_progress_fn)(void *arg, int64_t done, int64_t total);

/*
 * Approve invoices ids[0..n-1] (each received) as finance, the password
 * given again once for all of them (a finance user approving the
 * month's invoices in one go): each is checked and approved exactly as
 * by bud_invoice_approve, in a write unit of its own; the units are
 * queued together (BUD_INVOICE_BATCH_WINDOW at a time) so that they
 * share the writer's commits; the first failure stops the rest (those
 * approved stay approved). *approved
 * (may be NULL) counts those that reached approved (the rest were
 * refused: none of their rows passed). progress (may be NULL) is called
 * as they finish.
 */
int bud_invoice_approve_many(bud_app *app, const bud_actor *actor,
			     const int64_t *ids, size_t n, const char *password,
			     int64_t *approved, bud_invoice_progress_fn progress,
			     void *progress_arg, bud_err *err);

/* One invoice of a provider's events of from..to to make in a batch. */
struct bud_invoice_job {
	int64_t provider_id;
	char from[BUD_DATE_BUF], to[BUD_DATE_BUF];
	int64_t id;		/* out: the invoice made, 0 when none */
	int rc;			/* out: as bud_invoice_events would return */
	bud_err err;		/* out */
};

/*
 * Make invoices jobs[0..n-1] as by bud_invoice_events, each in a write
 * unit of its own, queued together as bud_invoice_approve_many's. Each
 * job gets its own outcome; a job with nothing payable (BUD_ECONFLICT
 * err.invoice.no_events) or more than an invoice takes (BUD_ETOOBIG) is
 * the caller's to judge and does not stop the rest. Any other failure
 * stops the rest and is returned (the jobs after it get BUD_EBUSY).
 */
int bud_invoice_events_many(bud_app *app, const bud_actor *actor,
			    struct bud_invoice_job *jobs, size_t n,
			    bud_invoice_progress_fn progress, void *progress_arg,
			    bud_err *err);

/*
 * One invoice: {id, provider {id, name}, source, number, period_from,
 * period_to, invoice_date, due_date, reference, buyer_ovt, iban, bic,
 * state, claimed, approved, created_at, approved_at, rows [{id, position,
 * commitment_id, plan_line_id, period_from, period_to, quantity,
 * unit_price, amount, text, state, code, detail, events}], can {approve}}.
 * Quantities hundredths. Use log: read, invoice:ID (no client: the rows
 * name commitments, not people).
 */
int bud_invoice_get(bud_app *app, const bud_actor *actor, int64_t id,
		    json_t **out, bud_err *err);

/* A page of invoices, newest first, each the view above without rows:
 * finance: the organiser's (provider_id > 0: that provider's); a provider
 * user: its own. state "" or one of the states. */
int bud_invoice_list(bud_app *app, const bud_actor *actor, int64_t provider_id,
		     const char *state, struct bud_page *pg, json_t **out,
		     bud_err *err);

/* The actor's organiser's charging window in days (anyone of staff). */
int bud_invoice_charge_days(bud_app *app, const bud_actor *actor, int64_t *days,
			    bud_err *err);
/* The organiser's charging window in days (0..730), set by its admin. */
int bud_invoice_charge_days_set(bud_app *app, const bud_actor *actor,
				int64_t days, bud_err *err);

#endif
