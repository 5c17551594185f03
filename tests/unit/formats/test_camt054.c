/*
 * Unit tests for formats/camt054.c: the four camt.054.001.02 samples in
 * tests/data/iso20022/ read field by field (the Finnish banks' FFFS sample
 * of 2009 and its 2010 revision, with SCOR and RF references, credit notes,
 * debits, foreign currency and returns; genkgo's two), the camt.053 sample
 * refused as another message, every check on broken copies of the FFFS
 * sample, and hostile input.
 */
#include "fmt_test.h"

#include "core/buf.h"
#include "core/ids.h"
#include "formats/camt054.h"

#define FFFS "iso20022/camt.054.001.02-FFFS-FI-sample.xml"
#define FFFS10 "iso20022/camt.054.001.02-FFFS-FI-sample-2010-devlab-sepa.xml"
#define GENKGO "iso20022/camt.054.001.02-genkgo-v2.xml"
#define GENKGO_NAME "iso20022/camt.054.001.02-genkgo-v2-with-account-name.xml"
#define CAMT053 "iso20022/camt.053.001.02-FFFS-FI-sample.xml"

#define NTRY(i) "/Document/BkToCstmrDbtCdtNtfctn/Ntfctn/Ntry[" #i "]"

struct result {
	int rc;
	struct bud_camt054 *doc;
	struct bud_fmt_problems probs;
	bud_err err;
};

static void run(const char *data, size_t len, struct result *r)
{
	bud_fmt_problems_init(&r->probs);
	r->rc = bud_camt054_read(data, len, &r->doc, &r->probs, &r->err);
}

static void run_file(const char *rel, struct result *r)
{
	size_t len;
	char *d = load(rel, &len);

	run(d, len, r);
	free(d);
}

static void run_edit(const char *rel, const char *from, const char *to, struct result *r)
{
	char *orig = load(rel, NULL), *d = replace1(orig, from, to);

	run(d, strlen(d), r);
	free(orig);
	free(d);
}

static void done(struct result *r)
{
	bud_camt054_free(r->doc);
	bud_fmt_problems_free(&r->probs);
}

static const struct bud_camt_entry *entry(const struct result *r, size_t i)
{
	assert_true(r->doc->n_ntfs >= 1);
	assert_true(i < r->doc->ntfs[0].n_entries);
	return &r->doc->ntfs[0].entries[i];
}

/* ---- the samples ---------------------------------------------------------------- */

static void assert_fffs_credits(const struct result *r)
{
	const struct bud_camt_entry *e = entry(r, 0);
	const struct bud_camt_tx *t = &e->txs[0];

	assert_int_equal(e->amount, 200000);
	assert_string_equal(e->currency, "EUR");
	assert_true(e->credit);
	assert_int_equal(e->status, BUD_CAMT_BOOKED);
	assert_false(e->reversal);
	assert_string_equal(e->acct_svcr_ref, "091029ACCTSTMTARCH04");
	assert_string_equal(e->domain, "PMNT");
	assert_string_equal(e->family, "RCDT");
	assert_string_equal(e->subfamily, "DMCT");
	assert_int_equal(e->n_txs, 2);
	/* a payment of an invoice less a credit note, by viitenumero */
	assert_int_equal(t->amount, 190000);
	assert_string_equal(t->acct_svcr_ref, "D091029N987654321S001");
	assert_string_equal(t->msg_id, "BANKFILEID998765");
	assert_string_equal(t->debtor_name, "PAYERS NAME1");
	assert_null(t->end_to_end_id);
	assert_int_equal(t->n_refs, 2);
	assert_string_equal(t->refs[0].ref, "3900");
	assert_string_equal(t->refs[0].type, "SCOR");
	assert_int_equal(t->refs[0].kind, BUD_ID_VIITE);
	assert_int_equal(t->refs[0].amount, 250000);
	assert_string_equal(t->refs[1].ref, "12344");
	assert_int_equal(t->refs[1].amount, -60000);
	/* SEPA credits with end-to-end ids and RF references */
	e = entry(r, 2);
	assert_int_equal(e->amount, 300000);
	assert_string_equal(e->subfamily, "ESCT");
	t = &e->txs[0];
	assert_string_equal(t->end_to_end_id, "EndToEndIdAT-41-001");
	assert_int_equal(t->amount, 250000);
	assert_string_equal(t->refs[0].ref, "RF7812345");	/* trailing space trimmed */
	assert_string_equal(t->refs[0].issuer, "ISO");
	assert_int_equal(t->refs[0].kind, BUD_ID_RF);
	assert_string_equal(t->refs[0].canon, "RF7812345");
	assert_int_equal(t->refs[0].amount, 350000);
	assert_string_equal(t->refs[1].ref, "RF0812344");
	assert_int_equal(t->refs[1].amount, -100000);
	assert_string_equal(e->txs[1].end_to_end_id, "EndToEndIdAT-41-002");
	assert_string_equal(e->txs[1].unstructured, "RFB/557742358");
	assert_int_equal(e->txs[1].n_refs, 0);
}

static void assert_fffs_debits(const struct result *r)
{
	const struct bud_camt_entry *e = entry(r, 3);
	const struct bud_camt_tx *t = &e->txs[0];

	assert_int_equal(e->amount, 423005);
	assert_false(e->credit);
	assert_int_equal(e->n_txs, 3);
	assert_string_equal(t->instr_id, "TITOT1106ID01");
	assert_string_equal(t->pmt_inf_id, "CustRefForPmtBatch9");
	assert_string_equal(t->msg_id, "MSGSCT0100");
	assert_int_equal(t->amount, 200002);
	assert_string_equal(t->creditor_name, "Creditor Company");
	assert_string_equal(t->creditor_account, "29501800020582");
	assert_int_equal(e->txs[1].amount, 100001);
	assert_string_equal(e->txs[1].unstructured, "Invoices 123 and 321");
	assert_string_equal(e->txs[2].refs[0].doc_number, "217827182718");
	assert_int_equal(e->txs[2].refs[0].kind, -1);
	/* foreign currency: the booked EUR amount, not the instructed USD */
	e = entry(r, 4);
	assert_string_equal(e->value_date, "");
	assert_string_equal(e->txs[0].end_to_end_id, "ISSRBKREF12345678");
	assert_int_equal(e->txs[0].amount, 50000);
	assert_string_equal(e->txs[0].currency, "EUR");
	assert_string_equal(e->txs[0].creditor_name, "CREDITOR");
}

static void assert_fffs_returns(const struct result *r)
{
	const struct bud_camt_entry *e = entry(r, 5);

	assert_int_equal(e->amount, 10000);
	assert_true(e->reversal);
	assert_int_equal(e->status, BUD_CAMT_INFO);
	assert_int_equal(e->txs[0].status, BUD_CAMT_RETURNED);
	assert_string_equal(e->txs[0].return_code, "AC01");
	assert_string_equal(e->txs[0].return_info, "1+TILIÄ EI LÖYDY");
	assert_int_equal(e->txs[0].amount, 4000);
	assert_string_equal(e->txs[0].refs[0].canon, "2345678917");
	assert_string_equal(e->txs[1].return_code, "CUST");
	assert_string_equal(e->txs[1].return_info, "4+MAKSAJA PERUUTTANUT");
	assert_string_equal(bud_camt_status_name(e->txs[1].status), "returned");
}

static void test_fffs(void **state)
{
	struct result r;
	const struct bud_camt_entry *e = NULL;
	const struct bud_camt_tx *t;

	(void)state;
	run_file(FFFS, &r);
	if (r.probs.n)
		dump_problems(&r.probs);
	assert_int_equal(r.rc, BUD_OK);
	assert_string_equal(r.doc->msg_id, "BANKFILEID219073");
	assert_string_equal(r.doc->created, "2009-10-30T21:01:45+02:00");
	assert_int_equal(r.doc->n_ntfs, 1);
	assert_int_equal(r.doc->n_txs, 13);
	assert_string_equal(r.doc->ntfs[0].id, "BANKFILEID00001NTR00001");
	assert_string_equal(r.doc->ntfs[0].account, "FI7433010001222090");
	assert_string_equal(r.doc->ntfs[0].account_currency, "EUR");
	assert_string_equal(r.doc->ntfs[0].owner_name, "BANK ACCOUNT OWNER");
	assert_string_equal(r.doc->ntfs[0].bic, "ESSEFIHX");
	assert_int_equal(r.doc->ntfs[0].n_entries, 6);
	assert_string_equal(entry(&r, 0)->booking_date, "2009-10-29");
	assert_string_equal(entry(&r, 0)->value_date, "2009-10-29");
	assert_string_equal(entry(&r, 0)->proprietary, "NTRF+705TransactionCodeText");
	assert_null(entry(&r, 0)->entry_ref);
	assert_string_equal(entry(&r, 4)->booking_date, "2009-10-30");
	assert_fffs_credits(&r);
	assert_fffs_debits(&r);
	assert_fffs_returns(&r);
	t = bud_camt054_find(r.doc, "EndToEndIdAT-41-002", &e);
	assert_non_null(t);
	assert_int_equal(t->amount, 50000);
	assert_ptr_equal(e, entry(&r, 2));
	assert_null(bud_camt054_find(r.doc, "NO-SUCH-ID", NULL));
	done(&r);
}

static void test_fffs_2010(void **state)
{
	struct result r;

	(void)state;
	run_file(FFFS10, &r);
	assert_int_equal(r.rc, BUD_OK);
	assert_int_equal(r.doc->n_txs, 13);
	assert_string_equal(entry(&r, 0)->entry_ref, "1");
	assert_string_equal(entry(&r, 5)->entry_ref, "6");
	assert_string_equal(entry(&r, 0)->proprietary, "705TransactionCodeText");
	assert_string_equal(entry(&r, 1)->family, "IDDT");
	assert_string_equal(entry(&r, 2)->booking_date, "2010-10-29");
	assert_fffs_credits(&r);
	assert_fffs_debits(&r);
	assert_fffs_returns(&r);
	done(&r);
}

static void test_genkgo(void **state)
{
	struct result r;
	const struct bud_camt_entry *e;

	(void)state;
	run_file(GENKGO, &r);
	assert_int_equal(r.rc, BUD_OK);
	assert_string_equal(r.doc->msg_id, "AAAASESS-FP-ACCR001");
	assert_string_equal(r.doc->ntfs[0].account, "CH2801234000123456789");
	e = entry(&r, 0);
	assert_int_equal(e->amount, 20000000);	/* "200000" SEK, no decimals */
	assert_string_equal(e->currency, "SEK");
	assert_string_equal(e->booking_date, "2007-10-18");	/* from DtTm */
	assert_int_equal(e->n_txs, 3);
	assert_string_equal(e->txs[0].end_to_end_id, "MUELL/FINP/RA12345");
	assert_false(e->txs[0].has_amount);
	assert_string_equal(e->txs[0].unstructured, "Unstructured Remittance Information V1");
	assert_string_equal(e->txs[0].refs[0].type, "ISR Reference");
	assert_int_equal(e->txs[0].refs[0].kind, -1);
	/* SCOR, but not shaped like a Finnish reference: kept, no problem */
	assert_string_equal(e->txs[2].refs[1].ref, "Ref number V3 block 2");
	assert_int_equal(e->txs[2].refs[1].kind, -1);
	assert_string_equal(e->txs[2].unstructured,
		"Unstructured Remittance Information V3 block 1\n"
		"Unstructured Remittance Information V3 block 2");
	done(&r);
	run_file(GENKGO_NAME, &r);
	assert_int_equal(r.rc, BUD_OK);
	e = entry(&r, 0);
	assert_int_equal(e->n_txs, 1);
	/* the lone transaction takes the entry's amount */
	assert_true(e->txs[0].has_amount);
	assert_int_equal(e->txs[0].amount, 20000000);
	assert_string_equal(e->txs[0].debtor_iban, "CH2801234000123456789");
	done(&r);
}

static void test_not_camt054(void **state)
{
	struct result r;

	(void)state;
	run_file(CAMT053, &r);
	assert_int_equal(r.rc, BUD_EINVAL);
	assert_null(r.doc);
	assert_string_equal(r.err.key, "err.camt.root");
	assert_non_null(strstr(r.err.detail, "camt.053"));
	done(&r);
	run("<Document/>", 11, &r);
	assert_string_equal(r.err.key, "err.camt.root");
	assert_null(r.doc);
	done(&r);
}

/* ---- checks on broken copies ------------------------------------------------------ */

static void test_sums(void **state)
{
	struct result r;

	(void)state;
	/* One transaction a cent more: the entry and its batch no longer add up. */
	run_edit(FFFS, "<Amt Ccy=\"EUR\">1900.00</Amt>", "<Amt Ccy=\"EUR\">1900.01</Amt>", &r);
	assert_int_equal(r.rc, BUD_EINVAL);
	assert_non_null(r.doc);
	assert_problem(&r.probs, "err.camt.entry_sum", NTRY(1) "/Amt");
	assert_problem(&r.probs, "err.camt.batch", NTRY(1) "/NtryDtls/Btch/TtlAmt");
	assert_int_equal(r.probs.n, 2);
	done(&r);
	/* The batch's count. */
	run_edit(FFFS, "<NbOfTxs>3</NbOfTxs>", "<NbOfTxs>4</NbOfTxs>", &r);
	assert_problem(&r.probs, "err.camt.batch", NTRY(4) "/NtryDtls/Btch/NbOfTxs");
	assert_int_equal(r.probs.n, 1);
	done(&r);
	/* The notification's summary. */
	run_edit(FFFS, "<NbOfNtries>6</NbOfNtries>", "<NbOfNtries>7</NbOfNtries>", &r);
	assert_problem(&r.probs, "err.camt.summary",
		       "/Document/BkToCstmrDbtCdtNtfctn/Ntfctn/TxsSummry/TtlNtries/NbOfNtries");
	done(&r);
	run_edit(FFFS, "<Sum>10830.05</Sum>", "<Sum>10830.06</Sum>", &r);
	assert_problem(&r.probs, "err.camt.summary",
		       "/Document/BkToCstmrDbtCdtNtfctn/Ntfctn/TxsSummry/TtlNtries/Sum");
	assert_int_equal(r.probs.n, 1);
	done(&r);
}

static void test_wrong_amounts(void **state)
{
	struct result r;

	(void)state;
	/* Valid for the schema (five decimals), but not whole cents. */
	run_edit(FFFS, "<Amt Ccy=\"EUR\">1900.00</Amt>", "<Amt Ccy=\"EUR\">1900.005</Amt>", &r);
	assert_problem(&r.probs, "err.camt.amount",
		       NTRY(1) "/NtryDtls/TxDtls[1]/AmtDtls/TxAmt/Amt");
	assert_false(entry(&r, 0)->txs[0].has_amount);
	done(&r);
	/* A decimal comma: the schema's problem, reported once. */
	run_edit(FFFS, "<Amt Ccy=\"EUR\">1900.00</Amt>", "<Amt Ccy=\"EUR\">1900,00</Amt>", &r);
	assert_problem(&r.probs, "err.xml.schema",
		       NTRY(1) "/NtryDtls/TxDtls[1]/AmtDtls/TxAmt/Amt");
	assert_int_equal(count_at(&r.probs, NTRY(1) "/NtryDtls/TxDtls[1]/AmtDtls/TxAmt/Amt"), 1);
	done(&r);
	/* Negative: the schema says amounts are not. */
	run_edit(FFFS, "<Amt Ccy=\"EUR\">1900.00</Amt>", "<Amt Ccy=\"EUR\">-1900.00</Amt>", &r);
	assert_int_equal(r.rc, BUD_EINVAL);
	assert_int_equal(count_at(&r.probs, NTRY(1) "/NtryDtls/TxDtls[1]/AmtDtls/TxAmt/Amt"), 1);
	done(&r);
}

static void test_invalid_references(void **state)
{
	struct result r;

	(void)state;
	run_edit(FFFS, "<Ref>2345678917</Ref>", "<Ref>2345678918</Ref>", &r);
	assert_int_equal(r.rc, BUD_EINVAL);
	assert_problem(&r.probs, "err.camt.reference",
		       NTRY(6) "/NtryDtls/TxDtls[1]/RmtInf/Strd/CdtrRefInf/Ref");
	assert_int_equal(entry(&r, 5)->txs[0].refs[0].kind, -1);
	assert_int_equal(r.probs.n, 1);
	done(&r);
	run_edit(FFFS, "<Ref>RF0812344</Ref>", "<Ref>RF0812345</Ref>", &r);
	assert_problem(&r.probs, "err.camt.reference",
		       NTRY(3) "/NtryDtls/TxDtls[1]/RmtInf/Strd[2]/CdtrRefInf/Ref");
	done(&r);
}

/* ---- hostile input --------------------------------------------------------------- */

static void test_hostile(void **state)
{
	struct result r;
	size_t len;
	char *d = load(FFFS, &len);
	bud_buf b;
	int i;

	(void)state;
	run(d, len / 3, &r);
	assert_int_equal(r.rc, BUD_EINVAL);
	assert_null(r.doc);
	assert_string_equal(r.err.key, "err.xml.syntax");
	done(&r);
	run("not xml at all", 14, &r);
	assert_null(r.doc);
	assert_string_equal(r.err.key, "err.xml.syntax");
	done(&r);
	run("<?xml version=\"1.0\"?><!DOCTYPE Document [<!ENTITY x SYSTEM "
	    "\"file:///etc/passwd\">]><Document xmlns=\"" BUD_CAMT054_NS "\">&x;</Document>",
	    strlen("<?xml version=\"1.0\"?><!DOCTYPE Document [<!ENTITY x SYSTEM "
		   "\"file:///etc/passwd\">]><Document xmlns=\"" BUD_CAMT054_NS
		   "\">&x;</Document>"), &r);
	assert_null(r.doc);
	assert_string_equal(r.err.key, "err.xml.dtd");
	done(&r);
	bud_buf_init(&b, 1 << 20);
	for (i = 0; i < 5000; i++)
		bud_buf_adds(&b, "<Document>");
	run(b.data, b.len, &r);
	assert_int_equal(r.rc, BUD_ETOOBIG);
	assert_string_equal(r.err.key, "err.xml.depth");
	done(&r);
	bud_buf_free(&b);
	free(d);
}

/* More transactions than BUD_MAX_PAYMENTS: refused before anything is read. */
static void test_too_many(void **state)
{
	struct result r;
	bud_buf b;
	int i;

	(void)state;
	bud_buf_init(&b, BUD_MAX_XML);
	bud_buf_adds(&b, "<Document xmlns=\"" BUD_CAMT054_NS "\"><BkToCstmrDbtCdtNtfctn>"
			 "<GrpHdr><MsgId>M</MsgId><CreDtTm>2026-01-01T00:00:00</CreDtTm></GrpHdr>"
			 "<Ntfctn><Id>N</Id><CreDtTm>2026-01-01T00:00:00</CreDtTm>"
			 "<Acct><Id><IBAN>FI2112345600000785</IBAN></Id></Acct><Ntry>"
			 "<Amt Ccy=\"EUR\">1.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts>"
			 "<BkTxCd/><NtryDtls>");
	for (i = 0; i < BUD_MAX_PAYMENTS; i++)
		bud_buf_adds(&b, "<TxDtls/>");
	bud_buf_adds(&b, "</NtryDtls></Ntry></Ntfctn></BkToCstmrDbtCdtNtfctn></Document>");
	assert_false(bud_buf_failed(&b));
	run(b.data, b.len, &r);
	assert_int_equal(r.rc, BUD_ETOOBIG);
	assert_null(r.doc);
	assert_string_equal(r.err.key, "err.camt.too_many");
	done(&r);
	bud_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fffs),
		cmocka_unit_test(test_fffs_2010),
		cmocka_unit_test(test_genkgo),
		cmocka_unit_test(test_not_camt054),
		cmocka_unit_test(test_sums),
		cmocka_unit_test(test_wrong_amounts),
		cmocka_unit_test(test_invalid_references),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_too_many),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
