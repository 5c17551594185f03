/*
 * formats/finvoice.c: reading a Finvoice 3.0 document into struct
 * bud_finvoice (see finvoice.h for what is read and checked).
 *
 * The work is: split off a SOAP frame, parse safely (xml.c), refuse what is
 * not a Finvoice at all, validate against the schema, read every field the
 * project uses (a value that does not parse is a problem, reported once per
 * element even when the schema already said so), then run the checks of
 * finvoice_check.c. Everything read is copied into the invoice's pool; the
 * libxml2 tree is freed before returning.
 */
#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "formats/finvoice.h"
#include "formats/finvoice_int.h"
#include "formats/xml.h"
#include "bud_limits.h"

/* ---- problems ---------------------------------------------------------------- */

/* A value problem: skipped when the element already has one (the schema's). */
static void value_problem(struct bud_fv_reader *r, const xmlNode *n, const char *key,
			  const char *detail)
{
	bud_xml_problem_once(r->probs, n, key, "%s", detail);
}

/* ---- values -------------------------------------------------------------------- */

static const char *text(struct bud_fv_reader *r, const xmlNode *parent, const char *path)
{
	return bud_xml_text_at(r->pool, parent, path);
}

/* All children called name, their texts joined by sep; NULL when none. */
static const char *join(struct bud_fv_reader *r, const xmlNode *parent,
			const char *name, const char *sep)
{
	const xmlNode *n;
	bud_buf b;
	const char *res = NULL;

	if (!bud_xml_first(parent, name))
		return NULL;
	bud_buf_init(&b, BUD_MAX_XML);
	for (n = bud_xml_first(parent, name); n; n = bud_xml_next(n, name)) {
		const char *t = bud_xml_text(r->pool, n);

		if (b.len > 0)
			bud_buf_adds(&b, sep);
		bud_buf_adds(&b, t);
	}
	if (!bud_buf_failed(&b))
		res = bud_fmt_pool_strdup(r->pool, bud_buf_str(&b));
	bud_buf_free(&b);
	return res;
}

/* The currency of an amount element must be the invoice's. */
static void check_currency(struct bud_fv_reader *r, const xmlNode *n)
{
	const char *c = bud_xml_attr(r->pool, n, "AmountCurrencyIdentifier");

	if (!c)
		return;
	if (!r->inv->currency[0]) {
		snprintf(r->inv->currency, sizeof r->inv->currency, "%.3s", c);
		return;
	}
	if (strcmp(c, r->inv->currency) != 0)
		bud_xml_problem(r->probs, n, "err.finvoice.currency",
			       "currency %.8s differs from the invoice's %s", c,
			       r->inv->currency);
}

/*
 * The fixed-point value of parent/name scaled by 10^scale. Returns 1 when
 * present and valid, 0 when absent, -1 when invalid (a problem is added).
 */
static int number_at(struct bud_fv_reader *r, const xmlNode *parent, const char *name,
		     int scale, int is_amount, const char *key, int64_t *out)
{
	const xmlNode *n = bud_xml_first(parent, name);
	const char *t;
	bud_err e;
	int64_t v;

	if (!n)
		return 0;
	t = bud_xml_text(r->pool, n);
	if (!t)
		return -1;
	if (bud_fmt_decimal(t, ',', scale, 1, name, &v, &e) != BUD_OK) {
		value_problem(r, n, key, e.detail);
		return -1;
	}
	if (is_amount && (v > BUD_MONEY_MAX || v < -BUD_MONEY_MAX)) {
		value_problem(r, n, "err.finvoice.amount", "amount too large");
		return -1;
	}
	if (is_amount)
		check_currency(r, n);
	*out = v;
	return 1;
}

/* An amount in cents; sets bit in *has when present and valid. */
static void amount_at(struct bud_fv_reader *r, const xmlNode *parent, const char *name,
		      bud_cents *out, unsigned *has, unsigned bit)
{
	if (number_at(r, parent, name, 2, 1, "err.finvoice.amount", out) == 1)
		*has |= bit;
}

/* A Finvoice date (Format="CCYYMMDD") into out, "" when absent or bad. */
static void date_at(struct bud_fv_reader *r, const xmlNode *parent, const char *name,
		    char out[BUD_FMT_DATE])
{
	const xmlNode *n = bud_xml_first(parent, name);
	const char *t, *f;

	out[0] = '\0';
	if (!n)
		return;
	t = bud_xml_text(r->pool, n);
	f = bud_xml_attr(r->pool, n, "Format");
	if (f && strcmp(f, "CCYYMMDD") != 0) {
		value_problem(r, n, "err.finvoice.date", "date format must be CCYYMMDD");
		return;
	}
	if (!t || bud_fmt_date8(t, out) != BUD_OK) {
		out[0] = '\0';
		value_problem(r, n, "err.finvoice.date", "not a valid date (CCYYMMDD)");
	}
}

/* A quantity in thousandths, decimal comma or point. */
static void qty_at(struct bud_fv_reader *r, const xmlNode *n, struct bud_fv_row *row)
{
	bud_err e;
	const char *t = bud_xml_text(r->pool, n);
	int rc;

	row->qty_text = t;
	row->unit = bud_xml_attr(r->pool, n, "QuantityUnitCode");
	if (!row->unit)
		row->unit = bud_xml_attr(r->pool, n, "QuantityUnitCodeUN");
	if (!t)
		return;
	rc = bud_fmt_decimal(t, ',', 3, 1, "quantity", &row->qty_milli, &e);
	if (rc == BUD_EINVAL && strchr(t, '.') && !strchr(t, ','))
		rc = bud_fmt_decimal(t, '.', 3, 1, "quantity", &row->qty_milli, &e);
	if (rc == BUD_OK)
		row->has |= BUD_FV_QTY;
	else
		value_problem(r, n, "err.finvoice.quantity", e.detail);
}

/* ---- parties ------------------------------------------------------------------- */

/* Seller or buyer: the element names differ only by the prefix. */
static void read_party(struct bud_fv_reader *r, const xmlNode *root, const char *who,
		       struct bud_fv_party *p)
{
	char name[64];
	const xmlNode *d, *a;

	snprintf(name, sizeof name, "%sPartyDetails", who);
	d = bud_xml_first(root, name);
	snprintf(name, sizeof name, "%sPartyIdentifier", who);
	p->id = text(r, d, name);
	snprintf(name, sizeof name, "%sOrganisationName", who);
	p->name = join(r, d, name, " ");
	snprintf(name, sizeof name, "%sOrganisationTaxCode", who);
	p->vat_id = text(r, d, name);
	snprintf(name, sizeof name, "%sPostalAddressDetails", who);
	a = bud_xml_first(d, name);
	snprintf(name, sizeof name, "%sStreetName", who);
	p->street = join(r, a, name, ", ");
	snprintf(name, sizeof name, "%sPostCodeIdentifier", who);
	p->postcode = text(r, a, name);
	snprintf(name, sizeof name, "%sTownName", who);
	p->town = text(r, a, name);
	p->country = text(r, a, "CountryCode");
	snprintf(name, sizeof name, "%sOrganisationUnitNumber", who);
	p->ovt = text(r, root, name);
	snprintf(name, sizeof name, "%sCommunicationDetails", who);
	a = bud_xml_first(root, name);
	snprintf(name, sizeof name, "%sEmailaddressIdentifier", who);
	p->email = text(r, a, name);
}

static void read_transmission(struct bud_fv_reader *r, const xmlNode *root)
{
	const xmlNode *m = bud_xml_first(root, "MessageTransmissionDetails");
	struct bud_finvoice *inv = r->inv;

	if (!m)
		return;
	inv->sender_address = text(r, m, "MessageSenderDetails/FromIdentifier");
	inv->sender_intermediator = text(r, m, "MessageSenderDetails/FromIntermediator");
	inv->receiver_address = text(r, m, "MessageReceiverDetails/ToIdentifier");
	inv->receiver_intermediator = text(r, m, "MessageReceiverDetails/ToIntermediator");
	inv->message_id = text(r, m, "MessageDetails/MessageIdentifier");
}

static void read_seller_account(struct bud_fv_reader *r, const xmlNode *root)
{
	const xmlNode *a = bud_xml_get(root, "SellerInformationDetails/SellerAccountDetails");

	r->inv->seller_iban = text(r, a, "SellerAccountID");
	r->inv->seller_bic = text(r, a, "SellerBic");
}

/* ---- invoice details ------------------------------------------------------------- */

static void read_vat_lines(struct bud_fv_reader *r, const xmlNode *d)
{
	struct bud_finvoice *inv = r->inv;
	const xmlNode *n;
	size_t k = bud_xml_count(d, "VatSpecificationDetails"), i = 0;
	int64_t rate;

	if (k == 0)
		return;
	inv->vat = bud_fmt_pool_alloc(r->pool, k * sizeof *inv->vat);
	if (!inv->vat) {
		r->nomem = 1;
		return;
	}
	for (n = bud_xml_first(d, "VatSpecificationDetails"); n;
	     n = bud_xml_next(n, "VatSpecificationDetails"), i++) {
		struct bud_fv_vat *v = &inv->vat[i];

		if (number_at(r, n, "VatRatePercent", 3, 0, "err.finvoice.percent", &rate) == 1 &&
		    rate >= 0 && rate <= 1000000) {
			v->rate_milli = (int32_t)rate;
			v->has |= BUD_FV_VAT_RATE;
		}
		v->code = text(r, n, "VatCode");
		amount_at(r, n, "VatBaseAmount", &v->base, &v->has, BUD_FV_VAT_EXCL);
		amount_at(r, n, "VatRateAmount", &v->amount, &v->has, BUD_FV_VAT);
	}
	inv->n_vat = k;
}

static void read_details(struct bud_fv_reader *r, const xmlNode *root)
{
	struct bud_finvoice *inv = r->inv;
	const xmlNode *d = bud_xml_first(root, "InvoiceDetails");
	unsigned *h = &inv->has;

	if (!d)
		return;
	inv->type_code = text(r, d, "InvoiceTypeCode");
	inv->number = text(r, d, "InvoiceNumber");
	date_at(r, d, "InvoiceDate", inv->date);
	inv->order_id = text(r, d, "OrderIdentifier");
	inv->buyer_reference = text(r, d, "BuyerReferenceIdentifier");
	/* The total's currency is the invoice's: read it first. */
	amount_at(r, d, "InvoiceTotalVatIncludedAmount", &inv->total_incl, h, BUD_FV_TOTAL_INCL);
	amount_at(r, d, "RowsTotalVatExcludedAmount", &inv->rows_total, h, BUD_FV_ROWS_TOTAL);
	amount_at(r, d, "DiscountsTotalVatExcludedAmount", &inv->discounts_total, h,
		  BUD_FV_DISCOUNTS_TOTAL);
	amount_at(r, d, "ChargesTotalVatExcludedAmount", &inv->charges_total, h,
		  BUD_FV_CHARGES_TOTAL);
	amount_at(r, d, "InvoiceTotalVatExcludedAmount", &inv->total_excl, h, BUD_FV_TOTAL_EXCL);
	amount_at(r, d, "InvoiceTotalVatAmount", &inv->total_vat, h, BUD_FV_TOTAL_VAT);
	amount_at(r, d, "InvoiceTotalRoundoffAmount", &inv->roundoff, h, BUD_FV_ROUNDOFF);
	amount_at(r, d, "InvoicePaidAmount", &inv->paid, h, BUD_FV_PAID);
	read_vat_lines(r, d);
	inv->free_text = join(r, d, "InvoiceFreeText", "\n");
	inv->payment_terms = text(r, d, "PaymentTermsDetails/PaymentTermsFreeText");
	date_at(r, bud_xml_first(d, "PaymentTermsDetails"), "InvoiceDueDate", inv->due_date);
}

/* ---- rows ------------------------------------------------------------------------ */

static void read_row_numbers(struct bud_fv_reader *r, const xmlNode *n,
			     struct bud_fv_row *row)
{
	const xmlNode *q = bud_xml_first(n, "InvoicedQuantity");
	int64_t v;

	if (!q)
		q = bud_xml_first(n, "DeliveredQuantity");
	if (q)
		qty_at(r, q, row);
	if (number_at(r, n, "UnitPriceAmount", 5, 1, "err.finvoice.amount",
		      &row->unit_price_e5) == 1) {
		row->has |= BUD_FV_UNIT_PRICE;
		v = row->unit_price_e5;
		row->unit_price = (v >= 0 ? v + 500 : v - 500) / 1000;
	}
	if (number_at(r, n, "RowVatRatePercent", 3, 0, "err.finvoice.percent", &v) == 1 &&
	    v >= 0 && v <= 1000000) {
		row->vat_rate_milli = (int32_t)v;
		row->has |= BUD_FV_VAT_RATE;
	}
	amount_at(r, n, "RowVatAmount", &row->vat, &row->has, BUD_FV_VAT);
	amount_at(r, n, "RowVatExcludedAmount", &row->vat_excluded, &row->has, BUD_FV_VAT_EXCL);
	amount_at(r, n, "RowAmount", &row->amount, &row->has, BUD_FV_AMOUNT);
	amount_at(r, n, "RowDiscountAmount", &row->discount, &row->has, BUD_FV_DISCOUNT);
	if (bud_xml_first(n, "RowDiscountPercent") ||
	    bud_xml_first(n, "RowProgressiveDiscountDetails"))
		row->has |= BUD_FV_DISCOUNT;
	if (bud_xml_first(n, "RowChargeDetails"))
		row->has |= BUD_FV_CHARGES;
	q = bud_xml_first(n, "UnitPriceBaseQuantity");
	if (q) {
		const char *t = bud_xml_text(r->pool, q);
		bud_err e;

		if (!t || bud_fmt_decimal(t, ',', 3, 0, "base", &v, &e) != BUD_OK || v != 1000)
			row->has |= BUD_FV_CHARGES;
	}
}

static void read_row(struct bud_fv_reader *r, const xmlNode *n, struct bud_fv_row *row)
{
	row->line = bud_xml_line(n);
	row->position = text(r, n, "RowPositionIdentifier");
	row->article_id = text(r, n, "ArticleIdentifier");
	row->article_name = text(r, n, "ArticleName");
	read_row_numbers(r, n, row);
	row->vat_code = text(r, n, "RowVatCode");
	date_at(r, n, "RowDeliveryDate", row->delivery_date);
	date_at(r, n, "StartDate", row->start_date);
	date_at(r, n, "EndDate", row->end_date);
	row->free_text = join(r, n, "RowFreeText", "\n");
	row->n_sub_rows = bud_xml_count(n, "SubInvoiceRow");
}

static int read_rows(struct bud_fv_reader *r, const xmlNode *root, bud_err *err)
{
	struct bud_finvoice *inv = r->inv;
	const xmlNode *n;
	size_t k = bud_xml_count(root, "InvoiceRow"), i = 0;

	if (k > BUD_MAX_INVOICE_ROWS)
		return bud_err_set(err, BUD_ETOOBIG, "InvoiceRow", "err.finvoice.too_many_rows",
				   "%zu rows, more than %d", k, BUD_MAX_INVOICE_ROWS);
	if (k == 0)
		return BUD_OK;
	inv->rows = bud_fmt_pool_alloc(r->pool, k * sizeof *inv->rows);
	r->row_nodes = calloc(k, sizeof *r->row_nodes);
	if (!inv->rows || !r->row_nodes)
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.internal", "out of memory");
	for (n = bud_xml_first(root, "InvoiceRow"); n; n = bud_xml_next(n, "InvoiceRow"), i++) {
		r->row_nodes[i] = n;
		read_row(r, n, &inv->rows[i]);
	}
	inv->n_rows = k;
	return BUD_OK;
}

/* ---- payment instruction ------------------------------------------------------------ */

static void read_epi(struct bud_fv_reader *r, const xmlNode *root)
{
	struct bud_finvoice *inv = r->inv;
	const xmlNode *e = bud_xml_first(root, "EpiDetails");
	const xmlNode *b = bud_xml_get(e, "EpiPartyDetails/EpiBeneficiaryPartyDetails");
	const xmlNode *p = bud_xml_first(e, "EpiPaymentInstructionDetails");
	const xmlNode *ref = bud_xml_first(p, "EpiRemittanceInfoIdentifier");

	inv->reference_kind = -1;
	if (!e)
		return;
	inv->pay_name = text(r, b, "EpiNameAddressDetails");
	inv->pay_iban = text(r, b, "EpiAccountID");
	inv->pay_bic = text(r, e, "EpiPartyDetails/EpiBfiPartyDetails/EpiBfiIdentifier");
	inv->reference = bud_xml_text(r->pool, ref);
	inv->reference_scheme = bud_xml_attr(r->pool, ref, "IdentificationSchemeName");
	amount_at(r, p, "EpiInstructedAmount", &inv->pay_amount, &inv->has, BUD_FV_PAY_AMOUNT);
	date_at(r, p, "EpiDateOptionDate", inv->pay_date);
}

/* ---- transport frame ---------------------------------------------------------------- */

static const char *skip_ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
		p++;
	return p;
}

/* Past a BOM, white space, an XML declaration and comments. */
static const char *skip_prolog(const char *p, const char *end)
{
	const char *q;

	if (end - p >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	for (;;) {
		p = skip_ws(p, end);
		if (end - p >= 5 && memcmp(p, "<?xml", 5) == 0)
			q = memmem(p, (size_t)(end - p), "?>", 2);
		else if (end - p >= 4 && memcmp(p, "<!--", 4) == 0)
			q = memmem(p, (size_t)(end - p), "-->", 3);
		else
			return p;
		if (!q)
			return end;
		p = q + (q[1] == '>' ? 2 : 3);
	}
}

int bud_finvoice_split_frame(const char *data, size_t len, size_t *frame_len,
			     const char **body)
{
	const char *end = data + len, *p = skip_prolog(data, end), *q, *colon;
	char close[80];
	size_t nlen;

	*frame_len = 0;
	*body = data;
	if (p >= end || *p != '<')
		return BUD_OK;
	for (q = p + 1; q < end && q - p < 64 && *q != ' ' && *q != '>' && *q != '/' &&
	     *q != '\t' && *q != '\r' && *q != '\n'; q++)
		;
	nlen = (size_t)(q - p - 1);
	colon = memchr(p + 1, ':', nlen);
	colon = colon ? colon + 1 : p + 1;
	if ((size_t)(q - colon) != 8 || memcmp(colon, "Envelope", 8) != 0)
		return BUD_OK;
	snprintf(close, sizeof close, "</%.*s", (int)nlen, p + 1);
	for (q = p; (q = memmem(q, (size_t)(end - q), close, strlen(close))) != NULL; q++) {
		const char *gt = skip_ws(q + strlen(close), end);

		if (gt < end && *gt == '>') {
			*frame_len = (size_t)(gt + 1 - data);
			*body = skip_ws(gt + 1, end);
			return BUD_OK;
		}
	}
	return BUD_EINVAL;
}

/* The encoding named in an XML declaration at p, into out ("" if none). */
static void declared_encoding(const char *p, const char *end, char *out, size_t outsz)
{
	const char *d, *q, *e;

	out[0] = '\0';
	if (!p || !end || end - p < 5 || memcmp(p, "<?xml", 5) != 0)
		return;
	d = memmem(p, (size_t)(end - p), "?>", 2);
	if (!d)
		return;
	q = memmem(p, (size_t)(d - p), "encoding", 8);
	if (!q)
		return;
	for (q += 8; q < d && (*q == ' ' || *q == '=' || *q == '\t'); q++)
		;
	if (q >= d || (*q != '"' && *q != '\''))
		return;
	e = memchr(q + 1, *q, (size_t)(d - q - 1));
	if (e && (size_t)(e - q - 1) < outsz)
		snprintf(out, outsz, "%.*s", (int)(e - q - 1), q + 1);
}

/* Parse the frame (well-formedness only) and keep its MessageId. */
static void read_frame(struct bud_fv_reader *r, const char *data, size_t flen,
		       const char *body, const char *end)
{
	char enc[40];
	const char *own = skip_ws(data, data + flen);
	xmlDoc *doc = NULL;
	bud_err e;

	const char *fend = data + flen;

	declared_encoding(body, end, enc, sizeof enc);
	if (fend - own >= 3 && memcmp(own, "\xEF\xBB\xBF", 3) == 0)
		own += 3;
	if (fend - own >= 5 && memcmp(own, "<?xml", 5) == 0)
		enc[0] = '\0';	/* the frame declares its own */
	if (bud_xml_parse(data, flen, enc[0] ? enc : NULL, &doc, &e) != BUD_OK) {
		bud_fmt_problem_add(r->probs, "/Envelope", 0, e.key,
				    "transport frame: %s", e.detail);
		return;
	}
	r->inv->frame_message_id = text(r, xmlDocGetRootElement(doc),
					"Header/MessageHeader/MessageData/MessageId");
	xmlFreeDoc(doc);
}

/* ---- the whole document ----------------------------------------------------------------- */

static int new_invoice(struct bud_fv_reader *r, bud_err *err)
{
	struct bud_fmt_pool *pool = bud_fmt_pool_new();

	if (!pool)
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.internal", "out of memory");
	r->pool = pool;
	r->inv = bud_fmt_pool_alloc(pool, sizeof *r->inv);
	if (!r->inv) {
		bud_fmt_pool_free(pool);
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.internal", "out of memory");
	}
	r->inv->pool = pool;
	r->inv->reference_kind = -1;
	return BUD_OK;
}

static int read_root(struct bud_fv_reader *r, const xmlNode *root, bud_err *err)
{
	const char *v;
	int rc;

	if (!bud_xml_is(root, NULL, "Finvoice"))
		return bud_err_set(err, BUD_EINVAL, NULL, "err.finvoice.root",
				   "not a Finvoice: the root element is <%.40s>",
				   (const char *)root->name);
	v = bud_xml_attr(r->pool, root, "Version");
	if (!v || strcmp(v, "3.0") != 0)
		bud_xml_problem(r->probs, root, "err.finvoice.version",
			       "Finvoice version %.10s, expected 3.0", v ? v : "(none)");
	read_transmission(r, root);
	read_party(r, root, "Seller", &r->inv->seller);
	read_party(r, root, "Buyer", &r->inv->buyer);
	read_seller_account(r, root);
	read_details(r, root);
	rc = read_rows(r, root, err);
	if (rc != BUD_OK)
		return rc;
	read_epi(r, root);
	r->inv->barcode = text(r, root, "VirtualBankBarcode");
	if (r->nomem)
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.internal", "out of memory");
	return BUD_OK;
}

/* Parse body, validate, read and check; r->inv is filled. */
static int read_body(struct bud_fv_reader *r, const char *body, size_t blen, bud_err *err)
{
	xmlDoc *doc = NULL;
	const xmlNode *root;
	bud_err ve;
	int rc;

	rc = bud_xml_parse(body, blen, NULL, &doc, err);
	if (rc != BUD_OK)
		return rc;
	root = xmlDocGetRootElement(doc);
	if (bud_xml_is(root, NULL, "Finvoice")) {
		rc = bud_xml_validate(doc, BUD_XSD_FINVOICE, r->probs, &ve);
		if (rc == BUD_EINTERNAL || rc == BUD_ENOMEM) {
			*err = ve;
			goto out;
		}
	}
	rc = read_root(r, root, err);
	if (rc == BUD_OK)
		bud_fv_check(r, root);
out:
	xmlFreeDoc(doc);
	return rc;
}

int bud_finvoice_read(const char *data, size_t len, struct bud_finvoice **out,
		      struct bud_fmt_problems *probs, bud_err *err)
{
	struct bud_fv_reader r;
	struct bud_fmt_problems own;
	const char *body = data;
	size_t flen = 0;
	bud_err e;
	int rc;

	*out = NULL;
	memset(&r, 0, sizeof r);
	bud_err_clear(&e);
	bud_fmt_problems_init(&own);
	r.probs = probs ? probs : &own;
	if (len > BUD_MAX_XML) {
		rc = bud_err_set(&e, BUD_ETOOBIG, NULL, "err.xml.too_big",
				 "document of %zu bytes is over the limit of %d", len, BUD_MAX_XML);
		goto fail;
	}
	if (data && bud_finvoice_split_frame(data, len, &flen, &body) != BUD_OK) {
		rc = bud_err_set(&e, BUD_EINVAL, "Envelope", "err.finvoice.frame",
				 "the transport frame is never closed");
		goto fail;
	}
	if (flen > 0 && body == data + len) {
		rc = bud_err_set(&e, BUD_EINVAL, "Envelope", "err.finvoice.frame",
				 "a transport frame without an invoice after it");
		goto fail;
	}
	rc = new_invoice(&r, &e);
	if (rc != BUD_OK)
		goto fail;
	if (flen > 0)
		read_frame(&r, data, flen, body, data + len);
	rc = read_body(&r, body, data ? len - (size_t)(body - data) : 0, &e);
	free(r.row_nodes);
	if (rc != BUD_OK) {
		bud_fmt_pool_free(r.pool);
		goto fail;
	}
	*out = r.inv;
	bud_fmt_problems_sort(r.probs);
	rc = bud_fmt_problems_to_err(r.probs, &e);
	goto out;
fail:
	bud_fmt_problem_add(r.probs, e.field, 0, e.key, "%s", e.detail);
out:
	if (err)
		*err = e;
	bud_fmt_problems_free(&own);
	return rc;
}

void bud_finvoice_free(struct bud_finvoice *inv)
{
	if (inv)
		bud_fmt_pool_free(inv->pool);
}
