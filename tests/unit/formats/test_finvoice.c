/*
 * Unit tests for formats/finvoice.c: the three public samples in
 * tests/data/finvoice/ read field by field (the ISO-8859-15 Visma sample,
 * the same invoice behind a SOAP frame, the UTF-8 invopop sample with an RF
 * reference), the same invoice in both encodings, every check on
 * deliberately broken copies of a sample (each expecting its own problem
 * at its own element), several problems in one pass, and hostile input:
 * truncated, not XML, wrong encoding declarations, too big, too deep,
 * external entities, entity expansion, too many rows.
 */
#include "fmt_test.h"

#include "core/buf.h"
#include "core/ids.h"
#include "formats/finvoice.h"

#define VISMA "finvoice/anon_finvoice_30_invoice_with_MessageTransmissionDetails.xml"
#define SOAP "finvoice/anon_finvoice_30_invoice_with_SOAP.xml"
#define GOBL "finvoice/invopop-gobl-invoice-out.xml"

struct result {
	int rc;
	struct bud_finvoice *inv;
	struct bud_fmt_problems probs;
	bud_err err;
};

static void run(const char *data, size_t len, struct result *r)
{
	bud_fmt_problems_init(&r->probs);
	r->rc = bud_finvoice_read(data, len, &r->inv, &r->probs, &r->err);
}

static void run_str(const char *s, struct result *r)
{
	run(s, strlen(s), r);
}

static void done(struct result *r)
{
	bud_finvoice_free(r->inv);
	bud_fmt_problems_free(&r->probs);
}

/* ---- the samples ---------------------------------------------------------------- */

/* Header fields shared by the Visma sample and its SOAP-framed twin. */
static void assert_visma_header(const struct bud_finvoice *inv)
{
	assert_string_equal(inv->number, "9190100001");
	assert_string_equal(inv->type_code, "INV01");
	assert_string_equal(inv->date, "2019-01-21");
	assert_string_equal(inv->due_date, "2019-01-28");
	assert_string_equal(inv->currency, "EUR");
	assert_string_equal(inv->seller.id, "1234567-8");
	assert_string_equal(inv->seller.name, "SellerOrganisationName SellerOrganisationName");
	assert_string_equal(inv->seller.vat_id, "FI12345678");
	assert_string_equal(inv->seller.country, "FI");
	assert_string_equal(inv->seller_bic, "NDEAFIHH");
	assert_string_equal(inv->buyer.id, "1234567-8");
	assert_string_equal(inv->buyer.email, "BuyerEmailaddressIdentifier");
	assert_true(inv->has & BUD_FV_ROWS_TOTAL);
	assert_int_equal(inv->rows_total, 90000);
	assert_int_equal(inv->total_excl, 90000);
	assert_int_equal(inv->total_vat, 21600);
	assert_int_equal(inv->total_incl, 111600);
	assert_int_equal(inv->paid, 1000);
	assert_int_equal(inv->pay_amount, 110600);
	assert_false(inv->has & BUD_FV_CHARGES_TOTAL);
	assert_string_equal(inv->reference, "91901000011");
	assert_string_equal(inv->reference_scheme, "SPY");
	assert_int_equal(inv->reference_kind, BUD_ID_VIITE);
	assert_string_equal(inv->reference_canon, "91901000011");
	assert_string_equal(inv->pay_bic, "NDEAFIHH");
	assert_string_equal(inv->pay_date, "2019-01-28");
	assert_string_equal(inv->barcode,
		"448195030000000100011160000000000000091901000011190128");
	assert_int_equal(inv->n_vat, 1);
	assert_int_equal(inv->vat[0].rate_milli, 24000);
	assert_string_equal(inv->vat[0].code, "S");
	assert_int_equal(inv->vat[0].base, 90000);
	assert_int_equal(inv->vat[0].amount, 21600);
}

static void assert_visma_rows(const struct bud_finvoice *inv)
{
	const struct bud_fv_row *r;

	assert_int_equal(inv->n_rows, 4);
	assert_string_equal(inv->rows[0].position, "1");
	assert_string_equal(inv->rows[0].free_text,
		"RowFreeText\nRowFreeText\nRowFreeText\nRowFreeText\n"
		"RowFreeText\nRowFreeText\nRowFreeText\nRowFreeText");
	assert_int_equal(inv->rows[0].has, 0);
	r = &inv->rows[2];
	assert_string_equal(r->position, "2");
	assert_string_equal(r->article_id, "ArticleIdentifier");
	assert_string_equal(r->article_name, "ArticleName");
	assert_string_equal(r->qty_text, "1");
	assert_int_equal(r->qty_milli, 1000);
	assert_string_equal(r->unit, "KG");
	assert_int_equal(r->unit_price_e5, 50000000);
	assert_int_equal(r->unit_price, 50000);
	assert_int_equal(r->vat_rate_milli, 24000);
	assert_string_equal(r->vat_code, "S");
	assert_int_equal(r->vat, 21600);
	assert_int_equal(r->vat_excluded, 90000);
	assert_int_equal(r->amount, 111600);
	assert_string_equal(r->start_date, "2019-01-01");
	assert_string_equal(r->end_date, "2019-01-31");
	assert_string_equal(r->delivery_date, "");
	assert_true(r->has & BUD_FV_DISCOUNT);
	assert_true(r->has & BUD_FV_CHARGES);
	assert_int_equal(inv->rows[3].n_sub_rows, 1);
	assert_null(inv->rows[3].article_name);
}

static void test_visma(void **state)
{
	struct result r;
	size_t len;
	char *data = load(VISMA, &len);

	(void)state;
	run(data, len, &r);
	/* Read, but with the placeholders' problems. */
	assert_int_equal(r.rc, BUD_EINVAL);
	assert_non_null(r.inv);
	assert_visma_header(r.inv);
	assert_visma_rows(r.inv);
	assert_null(r.inv->frame_message_id);
	assert_string_equal(r.inv->message_id, "FINVINV-8650");
	assert_string_equal(r.inv->sender_address, "003712345678");
	assert_string_equal(r.inv->receiver_intermediator, "003721291126");
	assert_problem(&r.probs, "err.finvoice.ytunnus",
		       "/Finvoice/SellerPartyDetails/SellerPartyIdentifier");
	assert_problem(&r.probs, "err.finvoice.ytunnus",
		       "/Finvoice/BuyerPartyDetails/BuyerPartyIdentifier");
	assert_problem(&r.probs, "err.finvoice.ovt", "/Finvoice/SellerOrganisationUnitNumber");
	assert_problem(&r.probs, "err.finvoice.ovt",
		       "/Finvoice/MessageTransmissionDetails/MessageSenderDetails/FromIdentifier");
	assert_problem(&r.probs, "err.finvoice.ovt",
		       "/Finvoice/MessageTransmissionDetails/MessageReceiverDetails/ToIdentifier");
	assert_problem(&r.probs, "err.finvoice.iban",
		       "/Finvoice/SellerInformationDetails/SellerAccountDetails/SellerAccountID");
	assert_problem(&r.probs, "err.finvoice.iban",
		       "/Finvoice/EpiDetails/EpiPartyDetails/EpiBeneficiaryPartyDetails/EpiAccountID");
	if (r.probs.n != 7)
		dump_problems(&r.probs);
	assert_int_equal(r.probs.n, 7);	/* schema-valid, and every sum adds up */
	/* in document order; err names the first */
	assert_int_equal(r.probs.v[0].line, 6);
	assert_int_equal(r.probs.v[6].line, 201);
	assert_string_equal(r.err.key, "err.finvoice.ovt");
	assert_string_equal(r.err.field, "FromIdentifier");
	assert_non_null(strstr(r.err.detail, "MessageSenderDetails/FromIdentifier: "));
	done(&r);
	free(data);
}

static void test_soap_frame(void **state)
{
	struct result r;
	size_t len, flen;
	char *data = load(SOAP, &len);
	const char *body;

	(void)state;
	assert_int_equal(bud_finvoice_split_frame(data, len, &flen, &body), BUD_OK);
	assert_true(flen > 1000);
	assert_memory_equal(data + flen - 20, "</SOAP-ENV:Envelope>", 20);
	assert_memory_equal(body, "<?xml", 5);
	run(data, len, &r);
	assert_int_equal(r.rc, BUD_EINVAL);
	assert_non_null(r.inv);
	assert_string_equal(r.inv->frame_message_id, "20130134/1");
	assert_null(r.inv->message_id);
	assert_visma_header(r.inv);
	assert_visma_rows(r.inv);
	/* The same problems less the two transmission addresses, which this
	 * copy does not have; paths are the invoice's own, lines too. */
	assert_int_equal(r.probs.n, 5);
	assert_problem(&r.probs, "err.finvoice.ytunnus",
		       "/Finvoice/SellerPartyDetails/SellerPartyIdentifier");
	assert_int_equal(r.probs.v[0].line, 5);
	done(&r);
	free(data);
}

static void assert_gobl(const struct bud_finvoice *inv)
{
	const struct bud_fv_row *r;

	assert_string_equal(inv->number, "2026-1001");
	assert_string_equal(inv->date, "2026-09-01");
	assert_string_equal(inv->due_date, "2026-09-15");
	assert_string_equal(inv->order_id, "PO-2026-77");
	assert_string_equal(inv->buyer_reference, "PROJ-42");
	assert_string_equal(inv->seller.id, "2345678-0");
	assert_string_equal(inv->seller.name, "Myyjä Oy");
	assert_string_equal(inv->seller.ovt, "003723456780");
	assert_string_equal(inv->seller.postcode, "00100");
	assert_string_equal(inv->seller_iban, "FI2112345600000785");
	assert_string_equal(inv->buyer.name, "Ostaja Oy");
	assert_string_equal(inv->buyer.street, "Testitie 2, 3. kerros");
	assert_string_equal(inv->buyer.ovt, "003701120389");
	assert_string_equal(inv->payment_terms, "14 päivää netto");
	assert_int_equal(inv->rows_total, 86000);
	assert_int_equal(inv->charges_total, 1200);
	assert_int_equal(inv->total_excl, 87200);
	assert_int_equal(inv->total_vat, 21636);
	assert_int_equal(inv->total_incl, 108836);
	assert_int_equal(inv->pay_amount, 108836);
	assert_false(inv->has & BUD_FV_PAID);
	assert_string_equal(inv->reference, "RF18539007547034");
	assert_int_equal(inv->reference_kind, BUD_ID_RF);
	assert_string_equal(inv->pay_iban, "FI2112345600000785");
	assert_string_equal(inv->pay_name, "Myyjä Oy");
	assert_int_equal(inv->n_vat, 2);
	assert_int_equal(inv->vat[0].rate_milli, 25500);
	assert_int_equal(inv->vat[1].amount, 675);
	assert_int_equal(inv->n_rows, 2);
	r = &inv->rows[0];
	assert_string_equal(r->article_name, "Konsultointi");
	assert_int_equal(r->qty_milli, 10000);
	assert_string_equal(r->unit, "h");
	assert_int_equal(r->unit_price, 9000);
	assert_int_equal(r->discount, 9000);
	assert_int_equal(r->vat_excluded, 81000);
	assert_int_equal(r->vat, 20655);
	assert_int_equal(r->amount, 101655);
	r = &inv->rows[1];
	assert_string_equal(r->article_id, "BK-100");
	assert_string_equal(r->article_name, "Käsikirja");
	assert_int_equal(r->qty_milli, 2000);
	assert_int_equal(r->vat_rate_milli, 13500);
	assert_int_equal(r->amount, 5675);
	assert_false(r->has & BUD_FV_DISCOUNT);
}

static void test_gobl(void **state)
{
	struct result r;
	size_t len;
	char *data = load(GOBL, &len);

	(void)state;
	run(data, len, &r);
	if (r.probs.n)
		dump_problems(&r.probs);
	/* Every identifier valid (2345678-0 is a valid Y-tunnus, although the
	 * test data's README calls it a placeholder), every sum right. */
	assert_int_equal(r.rc, BUD_OK);
	assert_int_equal(r.probs.n, 0);
	assert_gobl(r.inv);
	assert_string_equal(r.inv->sender_address, "003723456780");
	done(&r);
	free(data);
}

/* The UTF-8 sample turned into ISO-8859-15 bytes: Latin-1 letters to one
 * byte, € to 0xA4 (where ISO-8859-15 differs from Latin-1). */
static char *to_latin9(const char *s)
{
	char *o = malloc(strlen(s) + 1), *p = o;

	assert_non_null(o);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == 0xC3 && s[1]) {
			*p++ = (char)((unsigned char)s[1] + 0x40);
			s++;
		} else if (c == 0xE2 && (unsigned char)s[1] == 0x82 && (unsigned char)s[2] == 0xAC) {
			*p++ = (char)0xA4;
			s += 2;
		} else {
			assert_true(c < 0x80);
			*p++ = (char)c;
		}
	}
	*p = '\0';
	return o;
}

static void test_iso8859_15(void **state)
{
	struct result r;
	char *data = load(GOBL, NULL), *latin;

	(void)state;
	data = replace1f(data, "encoding=\"UTF-8\"", "encoding=\"ISO-8859-15\"");
	data = replace1f(data, "Kiitos tilauksestanne.", "Kiitos, 5 € alennus.");
	latin = to_latin9(data);
	assert_null(strstr(latin, "ä"));
	run_str(latin, &r);
	assert_int_equal(r.rc, BUD_OK);
	assert_gobl(r.inv);
	assert_string_equal(r.inv->free_text, "Kiitos, 5 € alennus.");
	done(&r);
	free(latin);
	free(data);
}

/* ---- the checks, one broken copy each -------------------------------------------- */

/* Read the gobl sample with one replacement. */
static void run_gobl_edit(const char *from, const char *to, struct result *r)
{
	char *orig = load(GOBL, NULL);
	char *data = replace1(orig, from, to);

	free(orig);
	run_str(data, r);
	free(data);
}

static void test_row_sum(void **state)
{
	struct result r;

	(void)state;
	run_gobl_edit("<RowAmount AmountCurrencyIdentifier=\"EUR\">56,75</RowAmount>",
		      "<RowAmount AmountCurrencyIdentifier=\"EUR\">56,76</RowAmount>", &r);
	assert_int_equal(r.rc, BUD_EINVAL);
	assert_non_null(r.inv);
	assert_int_equal(r.inv->rows[1].amount, 5676);
	assert_problem(&r.probs, "err.finvoice.row_sum", "/Finvoice/InvoiceRow[2]/RowAmount");
	assert_int_equal(r.probs.n, 1);
	assert_non_null(strstr(r.probs.v[0].detail, "56,76"));
	assert_non_null(strstr(r.probs.v[0].detail, "56,75"));
	done(&r);
}

static void test_row_price(void **state)
{
	struct result r;

	(void)state;
	run_gobl_edit("QuantityUnitCodeUN=\"EA\">2</InvoicedQuantity>",
		      "QuantityUnitCodeUN=\"EA\">3</InvoicedQuantity>", &r);
	assert_problem(&r.probs, "err.finvoice.row_price",
		       "/Finvoice/InvoiceRow[2]/RowVatExcludedAmount");
	assert_int_equal(r.probs.n, 1);
	done(&r);
	/* A decimal quantity with a point: 2.000 is still 2. */
	run_gobl_edit("QuantityUnitCodeUN=\"EA\">2</InvoicedQuantity>",
		      "QuantityUnitCodeUN=\"EA\">2.000</InvoicedQuantity>", &r);
	assert_int_equal(r.rc, BUD_OK);
	assert_int_equal(r.inv->rows[1].qty_milli, 2000);
	done(&r);
	run_gobl_edit("QuantityUnitCodeUN=\"EA\">2</InvoicedQuantity>",
		      "QuantityUnitCodeUN=\"EA\">2,0005</InvoicedQuantity>", &r);
	assert_problem(&r.probs, "err.finvoice.quantity", "/Finvoice/InvoiceRow[2]/InvoicedQuantity");
	done(&r);
}

static void test_totals(void **state)
{
	struct result r;

	(void)state;
	/* Rows total off by one euro: the rows do not add up to it, and
	 * rows + charges is no longer the VAT-excluded total. */
	run_gobl_edit(">860,00</RowsTotalVatExcludedAmount>", ">861,00</RowsTotalVatExcludedAmount>", &r);
	assert_problem(&r.probs, "err.finvoice.rows_total",
		       "/Finvoice/InvoiceDetails/RowsTotalVatExcludedAmount");
	assert_problem(&r.probs, "err.finvoice.total",
		       "/Finvoice/InvoiceDetails/InvoiceTotalVatExcludedAmount");
	assert_int_equal(r.probs.n, 2);
	done(&r);
	/* Total VAT one cent off: against the total and the VAT breakdown. */
	run_gobl_edit(">216,36</InvoiceTotalVatAmount>", ">216,37</InvoiceTotalVatAmount>", &r);
	assert_problem(&r.probs, "err.finvoice.total",
		       "/Finvoice/InvoiceDetails/InvoiceTotalVatIncludedAmount");
	assert_problem(&r.probs, "err.finvoice.vat_total",
		       "/Finvoice/InvoiceDetails/InvoiceTotalVatAmount");
	assert_int_equal(r.probs.n, 2);
	done(&r);
	/* The amount to pay differs from the total. */
	run_gobl_edit(">1088,36</EpiInstructedAmount>", ">1088,63</EpiInstructedAmount>", &r);
	assert_problem(&r.probs, "err.finvoice.pay_amount",
		       "/Finvoice/EpiDetails/EpiPaymentInstructionDetails/EpiInstructedAmount");
	assert_int_equal(r.probs.n, 1);
	done(&r);
}

static void test_wrong_amounts(void **state)
{
	struct result r;

	(void)state;
	/* A decimal point: the schema refuses it, reported once at its path. */
	run_gobl_edit(">56,75</RowAmount>", ">56.75</RowAmount>", &r);
	assert_int_equal(r.rc, BUD_EINVAL);
	assert_problem(&r.probs, "err.xml.schema", "/Finvoice/InvoiceRow[2]/RowAmount");
	assert_int_equal(count_at(&r.probs, "/Finvoice/InvoiceRow[2]/RowAmount"), 1);
	assert_false(r.inv->rows[1].has & BUD_FV_AMOUNT);
	done(&r);
	/* Valid for the schema, but not whole cents. */
	run_gobl_edit(">56,75</RowAmount>", ">56,755</RowAmount>", &r);
	assert_problem(&r.probs, "err.finvoice.amount", "/Finvoice/InvoiceRow[2]/RowAmount");
	assert_non_null(strstr(r.probs.v[0].detail, "more than 2 decimals"));
	done(&r);
	/* Trailing zeros beyond cents are fine. */
	run_gobl_edit(">56,75</RowAmount>", ">56,75000</RowAmount>", &r);
	assert_int_equal(r.rc, BUD_OK);
	assert_int_equal(r.inv->rows[1].amount, 5675);
	done(&r);
	/* Another currency on one amount. */
	run_gobl_edit("<RowAmount AmountCurrencyIdentifier=\"EUR\">56,75",
		      "<RowAmount AmountCurrencyIdentifier=\"SEK\">56,75", &r);
	assert_problem(&r.probs, "err.finvoice.currency", "/Finvoice/InvoiceRow[2]/RowAmount");
	done(&r);
}

static void test_invalid_references(void **state)
{
	struct result r;

	(void)state;
	run_gobl_edit("\"ISO\">RF18539007547034<", "\"ISO\">RF18539007547035<", &r);
	assert_int_equal(r.rc, BUD_EINVAL);
	assert_problem(&r.probs, "err.finvoice.reference",
		"/Finvoice/EpiDetails/EpiPaymentInstructionDetails/EpiRemittanceInfoIdentifier");
	assert_int_equal(r.inv->reference_kind, -1);
	assert_string_equal(r.inv->reference_canon, "");
	assert_int_equal(r.probs.n, 1);
	done(&r);
	/* A viitenumero with a wrong check digit (1234 gives 12344). */
	run_gobl_edit("\"ISO\">RF18539007547034<", "\"SPY\">12345<", &r);
	assert_problem(&r.probs, "err.finvoice.reference",
		"/Finvoice/EpiDetails/EpiPaymentInstructionDetails/EpiRemittanceInfoIdentifier");
	done(&r);
	run_gobl_edit("\"ISO\">RF18539007547034<", "\"SPY\">12344<", &r);
	assert_int_equal(r.rc, BUD_OK);
	assert_int_equal(r.inv->reference_kind, BUD_ID_VIITE);
	done(&r);
	/* A wrong IBAN check and a wrong Y-tunnus check digit. */
	run_gobl_edit("\"IBAN\">FI2112345600000785</Epi", "\"IBAN\">FI2112345600000786</Epi", &r);
	assert_problem(&r.probs, "err.finvoice.iban",
		"/Finvoice/EpiDetails/EpiPartyDetails/EpiBeneficiaryPartyDetails/EpiAccountID");
	done(&r);
	run_gobl_edit("<BuyerPartyIdentifier>0112038-9<", "<BuyerPartyIdentifier>0112038-8<", &r);
	assert_problem(&r.probs, "err.finvoice.ytunnus",
		       "/Finvoice/BuyerPartyDetails/BuyerPartyIdentifier");
	assert_int_equal(r.probs.n, 1);
	done(&r);
}

static void test_dates(void **state)
{
	struct result r;

	(void)state;
	run_gobl_edit("<InvoiceDueDate Format=\"CCYYMMDD\">20260915",
		      "<InvoiceDueDate Format=\"CCYYMMDD\">20260931", &r);
	assert_problem(&r.probs, "err.finvoice.date",
		       "/Finvoice/InvoiceDetails/PaymentTermsDetails/InvoiceDueDate");
	assert_string_equal(r.inv->due_date, "");
	done(&r);
	run_gobl_edit("<InvoiceDueDate Format=\"CCYYMMDD\">20260915",
		      "<InvoiceDueDate Format=\"CCYYMMDD\">20260815", &r);
	assert_problem(&r.probs, "err.finvoice.due_date",
		       "/Finvoice/InvoiceDetails/PaymentTermsDetails/InvoiceDueDate");
	done(&r);
}

/* Several faults, all reported in one pass, in document order. */
static void test_all_problems_at_once(void **state)
{
	struct result r;
	char *d = load(GOBL, NULL);

	(void)state;
	d = replace1f(d, "<BuyerPartyIdentifier>0112038-9<", "<BuyerPartyIdentifier>0112038-8<");
	d = replace1f(d, ">56,75</RowAmount>", ">56,76</RowAmount>");
	d = replace1f(d, "\"ISO\">RF18539007547034<", "\"ISO\">RF18539007547035<");
	d = replace1f(d, ">1088,36</EpiInstructedAmount>", ">1088,3</EpiInstructedAmount>");
	d = replace1f(d, "<InvoiceNumber>2026-1001</InvoiceNumber>", "");
	run_str(d, &r);
	assert_int_equal(r.rc, BUD_EINVAL);
	assert_non_null(r.inv);
	assert_problem(&r.probs, "err.xml.schema", "/Finvoice/InvoiceDetails/InvoiceDate");
	assert_problem(&r.probs, "err.xml.schema",
		"/Finvoice/EpiDetails/EpiPaymentInstructionDetails/EpiInstructedAmount");
	assert_problem(&r.probs, "err.finvoice.ytunnus", NULL);
	assert_problem(&r.probs, "err.finvoice.row_sum", NULL);
	assert_problem(&r.probs, "err.finvoice.reference", NULL);
	/* 1088,3 breaks the schema's pattern but is a number: 1088,30 is not
	 * the total either. */
	assert_problem(&r.probs, "err.finvoice.pay_amount", NULL);
	assert_int_equal(r.probs.n, 6);
	assert_null(r.inv->number);
	/* err names the first and counts the rest */
	assert_non_null(strstr(r.err.detail, "5 more"));
	done(&r);
	free(d);
}

/* ---- hostile and broken input ---------------------------------------------------------- */

static void assert_unreadable(const char *data, size_t len, int rc, const char *key)
{
	struct result r;

	run(data, len, &r);
	assert_int_equal(r.rc, rc);
	assert_null(r.inv);
	assert_string_equal(r.err.key, key);
	assert_int_equal(r.probs.n, 1);
	assert_string_equal(r.probs.v[0].key, key);
	done(&r);
}

static void test_truncated_and_not_xml(void **state)
{
	size_t len;
	char *data = load(GOBL, &len);
	char *soap = load(SOAP, NULL);

	(void)state;
	assert_unreadable(data, len / 2, BUD_EINVAL, "err.xml.syntax");
	assert_unreadable(data, 10, BUD_EINVAL, "err.xml.syntax");
	assert_unreadable("", 0, BUD_EINVAL, "err.xml.empty");
	assert_unreadable("hello, world", 12, BUD_EINVAL, "err.xml.syntax");
	assert_unreadable("\x00\x01\x02\xff", 4, BUD_EINVAL, "err.xml.syntax");
	assert_unreadable("{\"json\": true}", 14, BUD_EINVAL, "err.xml.syntax");
	/* Well-formed, but not a Finvoice. */
	assert_unreadable("<Document/>", 11, BUD_EINVAL, "err.finvoice.root");
	assert_unreadable("<Finvoice xmlns=\"urn:x\"/>", 25, BUD_EINVAL, "err.finvoice.root");
	/* A frame that never ends, and a frame with nothing after it. */
	assert_unreadable(soap, 500, BUD_EINVAL, "err.finvoice.frame");
	assert_unreadable(soap, (size_t)(strstr(soap, "<?xml") - soap), BUD_EINVAL,
			  "err.finvoice.frame");
	free(soap);
	free(data);
}

static void test_wrong_encoding(void **state)
{
	char *data = load(GOBL, NULL), *latin, *d2;

	(void)state;
	/* ISO-8859-15 bytes under a UTF-8 declaration. */
	latin = to_latin9(data);
	assert_unreadable(latin, strlen(latin), BUD_EINVAL, "err.xml.encoding");
	/* An encoding nobody knows. */
	d2 = replace1(data, "encoding=\"UTF-8\"", "encoding=\"X-NO-SUCH-CHARSET\"");
	assert_unreadable(d2, strlen(d2), BUD_EINVAL, "err.xml.encoding");
	free(d2);
	/* UTF-16 declared over single bytes. */
	d2 = replace1(data, "encoding=\"UTF-8\"", "encoding=\"UTF-16\"");
	{
		struct result r;

		run_str(d2, &r);
		assert_null(r.inv);
		assert_int_not_equal(r.rc, BUD_OK);
		done(&r);
	}
	free(d2);
	free(latin);
	free(data);
}

static void test_too_big(void **state)
{
	size_t n = (size_t)BUD_MAX_XML + 1;
	char *big = malloc(n);

	(void)state;
	assert_non_null(big);
	memset(big, ' ', n);
	memcpy(big, "<Finvoice>", 10);
	assert_unreadable(big, n, BUD_ETOOBIG, "err.xml.too_big");
	free(big);
}

static void test_too_deep(void **state)
{
	bud_buf b;
	int i;

	(void)state;
	bud_buf_init(&b, 1 << 20);
	bud_buf_adds(&b, "<Finvoice Version=\"3.0\">");
	for (i = 0; i < 10000; i++)
		bud_buf_adds(&b, "<a>");
	assert_false(bud_buf_failed(&b));
	assert_unreadable(b.data, b.len, BUD_ETOOBIG, "err.xml.depth");
	bud_buf_free(&b);
}

static void test_external_entities(void **state)
{
	static const char *const attacks[] = {
		"<?xml version=\"1.0\"?>\n<!DOCTYPE Finvoice [<!ENTITY xxe SYSTEM "
		"\"file:///etc/passwd\">]>\n<Finvoice Version=\"3.0\"><InvoiceDetails>"
		"<InvoiceNumber>&xxe;</InvoiceNumber></InvoiceDetails></Finvoice>",
		"<?xml version=\"1.0\"?>\n<!DOCTYPE Finvoice [<!ENTITY xxe SYSTEM "
		"\"http://127.0.0.1:9/x\">]>\n<Finvoice Version=\"3.0\">&xxe;</Finvoice>",
		"<!DOCTYPE Finvoice SYSTEM \"file:///etc/passwd\"><Finvoice/>",
		"<!DOCTYPE Finvoice [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]><Finvoice/>",
		/* billion laughs */
		"<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
		"<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
		"<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">"
		"<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
		"<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">"
		"<!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">"
		"<!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">"
		"<!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">"
		"<!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">"
		"<!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">"
		"]><Finvoice><InvoiceDetails><InvoiceNumber>&lol9;</InvoiceNumber>"
		"</InvoiceDetails></Finvoice>",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof attacks / sizeof attacks[0]; i++) {
		struct result r;

		run_str(attacks[i], &r);
		assert_int_equal(r.rc, BUD_EINVAL);
		assert_null(r.inv);
		assert_string_equal(r.err.key, "err.xml.dtd");
		assert_null(strstr(r.err.detail, "root:"));
		assert_int_equal(r.probs.n, 1);
		assert_null(strstr(r.probs.v[0].detail, "root:"));
		done(&r);
	}
	/* An undeclared entity is just an error. */
	{
		struct result r;

		run_str("<Finvoice Version=\"3.0\">&xxe;</Finvoice>", &r);
		assert_null(r.inv);
		assert_string_equal(r.err.key, "err.xml.syntax");
		done(&r);
	}
}

static void test_too_many_rows(void **state)
{
	struct result r;
	bud_buf b;
	int i;

	(void)state;
	bud_buf_init(&b, 1 << 20);
	bud_buf_adds(&b, "<Finvoice Version=\"3.0\">");
	for (i = 0; i <= BUD_MAX_INVOICE_ROWS; i++)
		bud_buf_adds(&b, "<InvoiceRow/>");
	bud_buf_adds(&b, "</Finvoice>");
	assert_false(bud_buf_failed(&b));
	run(b.data, b.len, &r);
	assert_int_equal(r.rc, BUD_ETOOBIG);
	assert_null(r.inv);
	assert_string_equal(r.err.key, "err.finvoice.too_many_rows");
	done(&r);
	bud_buf_free(&b);
}

/* Problems stop being stored at BUD_MAX_PROBLEMS but are still counted. */
static void test_problem_cap(void **state)
{
	const size_t rows = BUD_MAX_PROBLEMS + 50;
	char *orig = load(GOBL, NULL);
	const char *start = strstr(orig, "<InvoiceRow>"), *end = strstr(orig, "<EpiDetails>");
	struct result r;
	bud_buf b;
	size_t i;

	(void)state;
	bud_buf_init(&b, BUD_MAX_XML);
	bud_buf_add(&b, orig, (size_t)(start - orig));
	for (i = 0; i < rows; i++)
		bud_buf_adds(&b, "<InvoiceRow><RowAmount AmountCurrencyIdentifier=\"EUR\">"
				 "1,005</RowAmount></InvoiceRow>");
	bud_buf_adds(&b, end);
	assert_false(bud_buf_failed(&b));
	run(b.data, b.len, &r);
	assert_int_equal(r.rc, BUD_EINVAL);
	assert_non_null(r.inv);
	assert_int_equal(r.inv->n_rows, rows);
	assert_int_equal(r.probs.n, BUD_MAX_PROBLEMS);
	assert_true(r.probs.dropped >= 50);
	done(&r);
	bud_buf_free(&b);
	free(orig);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_visma),
		cmocka_unit_test(test_soap_frame),
		cmocka_unit_test(test_gobl),
		cmocka_unit_test(test_iso8859_15),
		cmocka_unit_test(test_row_sum),
		cmocka_unit_test(test_row_price),
		cmocka_unit_test(test_totals),
		cmocka_unit_test(test_wrong_amounts),
		cmocka_unit_test(test_invalid_references),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_all_problems_at_once),
		cmocka_unit_test(test_truncated_and_not_xml),
		cmocka_unit_test(test_wrong_encoding),
		cmocka_unit_test(test_too_big),
		cmocka_unit_test(test_too_deep),
		cmocka_unit_test(test_external_entities),
		cmocka_unit_test(test_too_many_rows),
		cmocka_unit_test(test_problem_cap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
