/*
 * formats/finvoice_check.c: the checks the Finvoice schema does not make
 * (it checks no identifier and no sum): identifiers with check digits
 * (core/ids), dates in order, and the sums of rows, VAT and totals. Each
 * failed check is one problem at the element it concerns; every check runs,
 * so one pass lists them all.
 */
#include <stdio.h>
#include <string.h>

#include "core/ids.h"
#include "core/money.h"
#include "formats/finvoice_int.h"
#include "formats/xml.h"

/* ---- identifiers ---------------------------------------------------------------- */

static const char *kind_key(int kind)
{
	switch (kind) {
	case BUD_ID_YTUNNUS: return "err.finvoice.ytunnus";
	case BUD_ID_OVT: return "err.finvoice.ovt";
	case BUD_ID_IBAN: return "err.finvoice.iban";
	case BUD_ID_BIC: return "err.finvoice.bic";
	default: return "err.finvoice.reference";
	}
}

/* Check the identifier in element n as kind; out (may be NULL) gets the
 * canonical form. Returns 1 when valid. */
static int check_id(struct bud_fv_reader *r, const xmlNode *n, int kind,
		    const char *what, char *out, size_t outsz)
{
	const char *t;
	bud_err e;

	if (!n)
		return 0;
	t = bud_xml_text(r->pool, n);
	if (!t || !*t) {
		bud_xml_problem(r->probs, n, kind_key(kind), "%s is empty", what);
		return 0;
	}
	if (bud_id_check(kind, t, out, outsz, &e) == BUD_OK)
		return 1;
	bud_xml_problem(r->probs, n, kind_key(kind), "%s: %s", what, e.detail);
	return 0;
}

/* A scheme attribute that, when present, must be one of two values. */
static int scheme_is(struct bud_fv_reader *r, const xmlNode *n, const char *attr,
		     const char *a, const char *b)
{
	const char *s = bud_xml_attr(r->pool, n, attr);

	return !s || strcmp(s, a) == 0 || (b && strcmp(s, b) == 0);
}

static int is_finnish(const struct bud_fv_party *p)
{
	return !p->country || strcmp(p->country, "FI") == 0;
}

static void check_party(struct bud_fv_reader *r, const xmlNode *root, const char *who,
			const struct bud_fv_party *p, int maybe_person)
{
	char name[64];
	const xmlNode *n;

	if (!is_finnish(p))
		return;
	snprintf(name, sizeof name, "%sPartyDetails/%sPartyIdentifier", who, who);
	n = bud_xml_get(root, name);
	/* A consumer buyer may be identified by a henkilötunnus: not checked
	 * here, and never echoed into a message. */
	if (n && scheme_is(r, n, "SchemeID", "0037", NULL) &&
	    !(maybe_person && p->id && strlen(p->id) == 11))
		check_id(r, n, BUD_ID_YTUNNUS, maybe_person ? "buyer's Y-tunnus" :
			 "seller's Y-tunnus", NULL, 0);
	snprintf(name, sizeof name, "%sOrganisationUnitNumber", who);
	check_id(r, bud_xml_first(root, name), BUD_ID_OVT,
		 maybe_person ? "buyer's e-invoice address (OVT)" :
		 "seller's e-invoice address (OVT)", NULL, 0);
}

static void check_transmission(struct bud_fv_reader *r, const xmlNode *root)
{
	const xmlNode *m = bud_xml_first(root, "MessageTransmissionDetails");
	const xmlNode *n;

	n = bud_xml_get(m, "MessageSenderDetails/FromIdentifier");
	if (n && r->inv->sender_address && strncmp(r->inv->sender_address, "0037", 4) == 0)
		check_id(r, n, BUD_ID_OVT, "sender's e-invoice address (OVT)", NULL, 0);
	n = bud_xml_get(m, "MessageReceiverDetails/ToIdentifier");
	if (n && r->inv->receiver_address && strncmp(r->inv->receiver_address, "0037", 4) == 0)
		check_id(r, n, BUD_ID_OVT, "receiver's e-invoice address (OVT)", NULL, 0);
}

static void check_accounts(struct bud_fv_reader *r, const xmlNode *root)
{
	const xmlNode *a = bud_xml_get(root, "SellerInformationDetails/SellerAccountDetails");
	const xmlNode *e = bud_xml_get(root, "EpiDetails/EpiPartyDetails");
	const xmlNode *n;

	n = bud_xml_first(a, "SellerAccountID");
	if (n && scheme_is(r, n, "IdentificationSchemeName", "IBAN", NULL))
		check_id(r, n, BUD_ID_IBAN, "seller's account (IBAN)", NULL, 0);
	n = bud_xml_first(a, "SellerBic");
	if (n && scheme_is(r, n, "IdentificationSchemeName", "BIC", NULL))
		check_id(r, n, BUD_ID_BIC, "seller's bank (BIC)", NULL, 0);
	n = bud_xml_get(e, "EpiBeneficiaryPartyDetails/EpiAccountID");
	if (n && scheme_is(r, n, "IdentificationSchemeName", "IBAN", NULL))
		check_id(r, n, BUD_ID_IBAN, "account to pay to (IBAN)", NULL, 0);
	n = bud_xml_get(e, "EpiBfiPartyDetails/EpiBfiIdentifier");
	if (n && scheme_is(r, n, "IdentificationSchemeName", "BIC", NULL))
		check_id(r, n, BUD_ID_BIC, "bank to pay to (BIC)", NULL, 0);
}

/* The payment reference: SPY is a viitenumero, ISO an RF reference; without
 * a scheme, the "RF" prefix decides. */
static void check_reference(struct bud_fv_reader *r, const xmlNode *root)
{
	struct bud_finvoice *inv = r->inv;
	const xmlNode *n = bud_xml_get(root,
		"EpiDetails/EpiPaymentInstructionDetails/EpiRemittanceInfoIdentifier");
	const char *s = inv->reference_scheme;
	int kind;

	if (!n || !inv->reference)
		return;
	if (s && strcmp(s, "SPY") != 0 && strcmp(s, "ISO") != 0) {
		bud_xml_problem(r->probs, n, "err.finvoice.reference",
			       "reference scheme %.10s: expected SPY or ISO", s);
		return;
	}
	if (s)
		kind = strcmp(s, "ISO") == 0 ? BUD_ID_RF : BUD_ID_VIITE;
	else
		kind = strncmp(inv->reference, "RF", 2) == 0 ? BUD_ID_RF : BUD_ID_VIITE;
	if (check_id(r, n, kind, kind == BUD_ID_RF ? "RF creditor reference" : "viitenumero",
		     inv->reference_canon, sizeof inv->reference_canon))
		inv->reference_kind = kind;
	else
		inv->reference_canon[0] = '\0';
}

/* ---- dates --------------------------------------------------------------------- */

static void check_dates(struct bud_fv_reader *r, const xmlNode *root)
{
	const struct bud_finvoice *inv = r->inv;
	size_t i;

	if (inv->date[0] && inv->due_date[0] && strcmp(inv->due_date, inv->date) < 0)
		bud_xml_problem(r->probs,
			bud_xml_get(root, "InvoiceDetails/PaymentTermsDetails/InvoiceDueDate"),
			       "err.finvoice.due_date", "due date %s is before the invoice date %s",
			       inv->due_date, inv->date);
	for (i = 0; i < inv->n_rows; i++) {
		const struct bud_fv_row *row = &inv->rows[i];

		if (row->start_date[0] && row->end_date[0] &&
		    strcmp(row->end_date, row->start_date) < 0)
			bud_xml_problem(r->probs, bud_xml_first(r->row_nodes[i], "EndDate"),
				       "err.finvoice.period", "period ends %s before it starts %s",
				       row->end_date, row->start_date);
	}
}

/* ---- sums ------------------------------------------------------------------------ */

static const char *fmt_amount(bud_cents v, char buf[BUD_MONEY_BUF])
{
	if (bud_money_format_plain(v, ',', buf, BUD_MONEY_BUF) != BUD_OK)
		snprintf(buf, BUD_MONEY_BUF, "?");
	return buf;
}

/* Compare a computed sum with the amount stated in element n. */
static void expect(struct bud_fv_reader *r, const xmlNode *n, const char *key,
		   bud_cents stated, bud_cents computed, const char *how)
{
	char a[BUD_MONEY_BUF], b[BUD_MONEY_BUF];

	if (stated != computed)
		bud_xml_problem(r->probs, n, key, "%s is %s, but %s is %s",
			       n ? (const char *)n->name : "the amount",
			       fmt_amount(stated, a), how, fmt_amount(computed, b));
}

/* quantity (thousandths) × unit price (1/100 000) in cents, rounded half
 * away from zero; 0 on overflow. */
static int row_product(const struct bud_fv_row *row, bud_cents *out)
{
	int64_t p;

	if (__builtin_mul_overflow(row->qty_milli, row->unit_price_e5, &p))
		return 0;
	*out = (p >= 0 ? p + 500000 : p - 500000) / 1000000;
	return 1;
}

static void check_row(struct bud_fv_reader *r, size_t i)
{
	const struct bud_fv_row *row = &r->inv->rows[i];
	const xmlNode *n = r->row_nodes[i];
	const unsigned simple = BUD_FV_QTY | BUD_FV_UNIT_PRICE | BUD_FV_VAT_EXCL;
	bud_cents sum;

	if ((row->has & (BUD_FV_VAT_EXCL | BUD_FV_VAT | BUD_FV_AMOUNT)) ==
	    (BUD_FV_VAT_EXCL | BUD_FV_VAT | BUD_FV_AMOUNT) &&
	    bud_money_add(row->vat_excluded, row->vat, &sum, NULL) == BUD_OK)
		expect(r, bud_xml_first(n, "RowAmount"), "err.finvoice.row_sum", row->amount,
		       sum, "VAT-excluded amount + VAT");
	if ((row->has & simple) == simple && !(row->has & (BUD_FV_DISCOUNT | BUD_FV_CHARGES)) &&
	    row_product(row, &sum))
		expect(r, bud_xml_first(n, "RowVatExcludedAmount"), "err.finvoice.row_price",
		       row->vat_excluded, sum, "quantity × unit price");
}

/* Sum of the rows' VAT-excluded amounts against RowsTotalVatExcludedAmount. */
static void check_rows_total(struct bud_fv_reader *r, const xmlNode *d)
{
	const struct bud_finvoice *inv = r->inv;
	bud_cents sum = 0;
	size_t i;

	if (!(inv->has & BUD_FV_ROWS_TOTAL))
		return;
	for (i = 0; i < inv->n_rows; i++)
		if ((inv->rows[i].has & BUD_FV_VAT_EXCL) &&
		    bud_money_add(sum, inv->rows[i].vat_excluded, &sum, NULL) != BUD_OK) {
			bud_xml_problem(r->probs, d, "err.finvoice.overflow",
					"the rows' sum is too large");
			return;
		}
	expect(r, bud_xml_first(d, "RowsTotalVatExcludedAmount"), "err.finvoice.rows_total",
	       inv->rows_total, sum, "the sum of the rows' VAT-excluded amounts");
}

static void check_vat_lines(struct bud_fv_reader *r, const xmlNode *d)
{
	const struct bud_finvoice *inv = r->inv;
	bud_cents base = 0, vat = 0;
	int all_base = 1, all_vat = 1;
	size_t i;

	if (inv->n_vat == 0)
		return;
	for (i = 0; i < inv->n_vat; i++) {
		const struct bud_fv_vat *v = &inv->vat[i];

		if (!(v->has & BUD_FV_VAT_EXCL) || bud_money_add(base, v->base, &base, NULL))
			all_base = 0;
		if (!(v->has & BUD_FV_VAT) || bud_money_add(vat, v->amount, &vat, NULL))
			all_vat = 0;
	}
	if (all_vat && (inv->has & BUD_FV_TOTAL_VAT))
		expect(r, bud_xml_first(d, "InvoiceTotalVatAmount"), "err.finvoice.vat_total",
		       inv->total_vat, vat, "the sum of the VAT breakdown");
	if (all_base && (inv->has & BUD_FV_TOTAL_EXCL))
		expect(r, bud_xml_first(d, "InvoiceTotalVatExcludedAmount"),
		       "err.finvoice.vat_base", inv->total_excl, base,
		       "the sum of the VAT breakdown's bases");
}

static void check_totals(struct bud_fv_reader *r, const xmlNode *root)
{
	const struct bud_finvoice *inv = r->inv;
	const xmlNode *d = bud_xml_first(root, "InvoiceDetails");
	const unsigned three = BUD_FV_TOTAL_EXCL | BUD_FV_TOTAL_VAT | BUD_FV_TOTAL_INCL;
	bud_cents s;

	if (!d)
		return;
	check_rows_total(r, d);
	if ((inv->has & (BUD_FV_ROWS_TOTAL | BUD_FV_TOTAL_EXCL)) ==
	    (BUD_FV_ROWS_TOTAL | BUD_FV_TOTAL_EXCL) &&
	    !bud_money_sub(inv->rows_total, inv->discounts_total, &s, NULL) &&
	    !bud_money_add(s, inv->charges_total, &s, NULL))
		expect(r, bud_xml_first(d, "InvoiceTotalVatExcludedAmount"), "err.finvoice.total",
		       inv->total_excl, s, "rows - discounts + charges");
	if ((inv->has & three) == three &&
	    !bud_money_add(inv->total_excl, inv->total_vat, &s, NULL) &&
	    !bud_money_add(s, inv->roundoff, &s, NULL))
		expect(r, bud_xml_first(d, "InvoiceTotalVatIncludedAmount"), "err.finvoice.total",
		       inv->total_incl, s, "VAT-excluded total + VAT + roundoff");
	check_vat_lines(r, d);
	if ((inv->has & (BUD_FV_PAY_AMOUNT | BUD_FV_TOTAL_INCL)) ==
	    (BUD_FV_PAY_AMOUNT | BUD_FV_TOTAL_INCL) &&
	    !bud_money_sub(inv->total_incl, inv->paid, &s, NULL))
		expect(r, bud_xml_get(root,
			"EpiDetails/EpiPaymentInstructionDetails/EpiInstructedAmount"),
		       "err.finvoice.pay_amount", inv->pay_amount, s,
		       "the total less what was paid");
	if (inv->currency[0] && strcmp(inv->currency, "EUR") != 0)
		bud_xml_problem(r->probs, bud_xml_first(d, "InvoiceTotalVatIncludedAmount"),
				"err.finvoice.currency",
				"currency %s: only euro invoices can be paid",
			       inv->currency);
}

void bud_fv_check(struct bud_fv_reader *r, const xmlNode *root)
{
	size_t i;

	check_party(r, root, "Seller", &r->inv->seller, 0);
	check_party(r, root, "Buyer", &r->inv->buyer, 1);
	check_transmission(r, root);
	check_accounts(r, root);
	check_reference(r, root);
	check_dates(r, root);
	for (i = 0; i < r->inv->n_rows; i++)
		check_row(r, i);
	check_totals(r, root);
}
