/*
 * formats/pain001.h: writing a payment run as an ISO 20022 SEPA credit
 * transfer initiation, pain.001.001.03 or pain.001.001.09 (how the
 * organiser pays the providers' invoices), and the SEPA character set.
 *
 * Two steps. bud_pain001_plan checks a run (every problem in one pass) and
 * turns its invoices into payments: one per invoice, or one per creditor
 * account carrying every invoice's reference (a Finnish combined payment:
 * one structured remittance block per invoice with its amount, credit notes
 * as CdtNoteAmt). Each payment gets an end-to-end id, "<run id>-<n>", that
 * the bank reports back in camt.054, so the plan is what a notice is later
 * matched against. bud_pain001_write renders a plan, UTF-8, in either
 * version; the output is valid against the official schema (the tests
 * validate it against both).
 *
 * Names and free text are reduced to the SEPA character set (a-z A-Z 0-9
 * / - ? : ( ) . , ' + and space): Finnish and other Latin letters lose
 * their accents (ä -> a, Å -> A, ß -> ss), anything else becomes '.'.
 * Amounts are exact: integers in cents, the control sums added with
 * overflow checks.
 */
#ifndef BUD_FORMATS_PAIN001_H
#define BUD_FORMATS_PAIN001_H

#include <stddef.h>

#include "bud_limits.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/ids.h"
#include "core/money.h"
#include "formats/fmt.h"

enum bud_pain_version {
	BUD_PAIN001_03 = 3,	/* pain.001.001.03: what Finnish banks take today */
	BUD_PAIN001_09 = 9,	/* pain.001.001.09: the 2019 version */
};

#define BUD_PAIN_E2E_BUF	36

/* One provider invoice (or credit note) to pay. Strings are UTF-8; the run
 * does not own them. */
struct bud_pain_invoice {
	const char *id;			/* the caller's id, kept in the plan only */
	const char *number;		/* invoice number, for a combined payment */
	const char *creditor_name;	/* the provider */
	const char *creditor_iban;
	const char *creditor_bic;	/* optional */
	const char *reference;		/* viitenumero or RF; or NULL and message */
	const char *message;		/* unstructured text when there is no reference */
	bud_cents amount;		/* > 0; < 0 for a credit note (combined only) */
};

struct bud_pain_run {
	const char *run_id;		/* 1..28 of A-Z a-z 0-9 '-': MsgId and PmtInfId */
	const char *created;		/* CreDtTm "YYYY-MM-DDThh:mm:ss[Z]"; NULL: now */
	const char *execution_date;	/* ReqdExctnDt, "YYYY-MM-DD" */
	const char *debtor_name;	/* the organiser */
	const char *debtor_iban;
	const char *debtor_bic;
	int combine;			/* one payment per creditor account */
	const struct bud_pain_invoice *invoices;
	size_t n_invoices;
};

/* One credit transfer of the plan. */
struct bud_pain_payment {
	char end_to_end_id[BUD_PAIN_E2E_BUF];
	bud_cents amount;		/* the sum of its invoices, > 0 */
	const char *creditor_name;	/* SEPA characters, at most 70 */
	char creditor_iban[BUD_ID_BUF];	/* canonical */
	char creditor_bic[BUD_ID_BUF];	/* canonical, "" when none */
	size_t *invoices;		/* indexes into the run's invoices */
	size_t n_invoices;
};

/* One invoice as it will be written. */
struct bud_pain_item {
	char reference[BUD_ID_BUF];	/* canonical, "" when none */
	int reference_kind;		/* BUD_ID_VIITE, BUD_ID_RF or -1 */
	const char *message;		/* SEPA characters, at most 140, or NULL */
	const char *number;		/* SEPA characters, or NULL */
	bud_cents amount;
};

struct bud_pain_plan {
	char msg_id[BUD_PAIN_RUN_ID_MAX + 1];
	char created[32];
	char execution_date[BUD_FMT_DATE];
	const char *debtor_name;	/* SEPA characters */
	char debtor_iban[BUD_ID_BUF];
	char debtor_bic[BUD_ID_BUF];
	struct bud_pain_item *items;	/* one per run invoice, same order */
	size_t n_items;
	struct bud_pain_payment *payments;
	size_t n_payments;
	bud_cents total;		/* CtrlSum */
	struct bud_fmt_pool *pool;	/* owns everything above */
};

/*
 * Check run and plan its payments. Every problem goes to probs (may be
 * NULL), its path naming the field ("invoices[2].creditor_iban"). BUD_OK
 * with *out, or BUD_EINVAL / BUD_ETOOBIG / BUD_EOVERFLOW with *out NULL.
 */
int bud_pain001_plan(const struct bud_pain_run *run, struct bud_pain_plan **out,
		     struct bud_fmt_problems *probs, bud_err *err);
void bud_pain001_plan_free(struct bud_pain_plan *plan);	/* may be NULL */

/* Append the document for plan in version (BUD_PAIN001_03 or _09) to out. */
int bud_pain001_write(const struct bud_pain_plan *plan, int version, bud_buf *out,
		      bud_err *err);

/* The XML namespace of a version, or NULL. */
const char *bud_pain001_ns(int version);

/*
 * UTF-8 text in the SEPA character set: at most max_chars characters,
 * white space runs collapsed to one space and trimmed; invalid UTF-8 and
 * unmappable characters become '.'. out (outsz >= max_chars + 1; every
 * character is one byte) is NUL-terminated. Returns the length.
 */
size_t bud_sepa_text(const char *in, size_t max_chars, char *out, size_t outsz);
/* Nonzero when every byte of s is in the SEPA character set. */
int bud_sepa_valid(const char *s);

#endif
