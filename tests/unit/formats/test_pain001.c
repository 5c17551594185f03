/*
 * Unit tests for formats/pain001.c and sepa_chars.c: planning runs (one
 * payment per invoice, or combined per provider with credit notes), the
 * written documents validated with libxml2 against both official XSDs (the
 * copies in tests/data/iso20022/, loaded independently of the embedded
 * ones, and the embedded ones too) and read back value by value; the round
 * trip through a camt.054 built by hand from the plan and read with
 * bud_camt054_read; every problem of a bad run in one pass; the SEPA
 * character set; and the public pain.001 samples read with the same
 * reader and validated against the embedded schemas.
 */
#include "fmt_test.h"

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include "core/buf.h"
#include "core/ids.h"
#include "formats/camt054.h"
#include "formats/pain001.h"
#include "formats/xml.h"

/* ---- a small pain.001 reader, for checking what was written -------------------------- */

#define MAX_TX 64
#define MAX_REF 8

struct rtx {
	const char *e2e, *name, *iban, *bic, *ustrd;
	bud_cents amount;
	size_t n_refs;
	const char *refs[MAX_REF];
	bud_cents ref_amounts[MAX_REF];	/* RmtdAmt, or -CdtNoteAmt */
	const char *ref_issuer[MAX_REF];
};

struct rdoc {
	int version;
	const char *msg_id, *pmt_inf_id, *exec_date, *debtor_iban, *debtor_bic, *debtor_name;
	size_t nb_of_txs, pmt_nb_of_txs;
	bud_cents ctrl_sum, pmt_ctrl_sum;
	size_t n;
	struct rtx tx[MAX_TX];
	struct bud_fmt_pool *pool;
};

/* An amount, or -1 when the (optional) element is absent. */
static bud_cents cents(const char *s)
{
	int64_t v = -1;

	if (!s)
		return -1;
	assert_int_equal(bud_fmt_decimal(s, '.', 2, 0, "amount", &v, NULL), BUD_OK);
	return v;
}

static size_t count_of(const char *s)
{
	int64_t v = -1;

	assert_int_equal(bud_fmt_decimal(s, '.', 0, 0, "count", &v, NULL), BUD_OK);
	return (size_t)v;
}

static void read_rtx(struct bud_fmt_pool *pool, const xmlNode *t, struct rtx *x)
{
	const xmlNode *rmt = bud_xml_first(t, "RmtInf"), *s;

	x->e2e = bud_xml_text_at(pool, t, "PmtId/EndToEndId");
	x->amount = cents(bud_xml_text_at(pool, t, "Amt/InstdAmt"));
	x->name = bud_xml_text_at(pool, t, "Cdtr/Nm");
	x->iban = bud_xml_text_at(pool, t, "CdtrAcct/Id/IBAN");
	x->bic = bud_xml_text_at(pool, t, "CdtrAgt/FinInstnId/BIC");
	if (!x->bic)
		x->bic = bud_xml_text_at(pool, t, "CdtrAgt/FinInstnId/BICFI");
	x->ustrd = bud_xml_text_at(pool, rmt, "Ustrd");
	for (s = bud_xml_first(rmt, "Strd"); s; s = bud_xml_next(s, "Strd")) {
		const xmlNode *a = bud_xml_first(s, "RfrdDocAmt");

		assert_true(x->n_refs < MAX_REF);
		x->refs[x->n_refs] = bud_xml_text_at(pool, s, "CdtrRefInf/Ref");
		x->ref_issuer[x->n_refs] = bud_xml_text_at(pool, s, "CdtrRefInf/Tp/Issr");
		if (bud_xml_first(a, "RmtdAmt"))
			x->ref_amounts[x->n_refs] = cents(bud_xml_text_at(pool, a, "RmtdAmt"));
		else if (bud_xml_first(a, "CdtNoteAmt"))
			x->ref_amounts[x->n_refs] = -cents(bud_xml_text_at(pool, a, "CdtNoteAmt"));
		x->n_refs++;
	}
}

/* Parse (safely), validate against the embedded schema and read. */
static void read_pain(const char *xml, size_t len, struct rdoc *d)
{
	struct bud_fmt_problems probs;
	const xmlNode *root, *body, *pi, *t;
	xmlDoc *doc = NULL;
	bud_err e;

	memset(d, 0, sizeof *d);
	d->pool = bud_fmt_pool_new();
	assert_int_equal(bud_xml_parse(xml, len, NULL, &doc, &e), BUD_OK);
	root = xmlDocGetRootElement(doc);
	d->version = bud_xml_is(root, bud_pain001_ns(BUD_PAIN001_09), "Document") ? 9 :
		     bud_xml_is(root, bud_pain001_ns(BUD_PAIN001_03), "Document") ? 3 : 0;
	assert_int_not_equal(d->version, 0);
	bud_fmt_problems_init(&probs);
	if (bud_xml_validate(doc, d->version == 9 ? BUD_XSD_PAIN001_09 : BUD_XSD_PAIN001_03,
			     &probs, &e) != BUD_OK)
		dump_problems(&probs);
	assert_int_equal(probs.n, 0);
	bud_fmt_problems_free(&probs);
	body = bud_xml_first(root, "CstmrCdtTrfInitn");
	d->msg_id = bud_xml_text_at(d->pool, body, "GrpHdr/MsgId");
	d->nb_of_txs = count_of(bud_xml_text_at(d->pool, body, "GrpHdr/NbOfTxs"));
	d->ctrl_sum = cents(bud_xml_text_at(d->pool, body, "GrpHdr/CtrlSum"));
	pi = bud_xml_first(body, "PmtInf");
	d->pmt_inf_id = bud_xml_text_at(d->pool, pi, "PmtInfId");
	d->pmt_nb_of_txs = count_of(bud_xml_text_at(d->pool, pi, "NbOfTxs"));
	d->pmt_ctrl_sum = cents(bud_xml_text_at(d->pool, pi, "CtrlSum"));
	d->exec_date = bud_xml_text_at(d->pool, pi, d->version == 9 ? "ReqdExctnDt/Dt" :
				       "ReqdExctnDt");
	d->debtor_name = bud_xml_text_at(d->pool, pi, "Dbtr/Nm");
	d->debtor_iban = bud_xml_text_at(d->pool, pi, "DbtrAcct/Id/IBAN");
	d->debtor_bic = bud_xml_text_at(d->pool, pi, d->version == 9 ?
					"DbtrAgt/FinInstnId/BICFI" : "DbtrAgt/FinInstnId/BIC");
	for (t = bud_xml_first(pi, "CdtTrfTxInf"); t; t = bud_xml_next(t, "CdtTrfTxInf")) {
		assert_true(d->n < MAX_TX);
		read_rtx(d->pool, t, &d->tx[d->n++]);
	}
	xmlFreeDoc(doc);
}

/* Validate with libxml2 against an XSD file of tests/data, loaded here and
 * compiled from memory: independent of the schemas embedded in the binary. */
static void validate_with_file(const char *xml, size_t len, const char *xsd_rel)
{
	size_t xlen;
	char *xsd = load(xsd_rel, &xlen);
	xmlSchemaParserCtxtPtr pc = xmlSchemaNewMemParserCtxt(xsd, (int)xlen);
	xmlSchemaPtr s = xmlSchemaParse(pc);
	xmlSchemaValidCtxtPtr vc;
	xmlDocPtr doc;

	assert_non_null(s);
	vc = xmlSchemaNewValidCtxt(s);
	doc = xmlReadMemory(xml, (int)len, NULL, NULL, XML_PARSE_NONET);
	assert_non_null(doc);
	assert_int_equal(xmlSchemaValidateDoc(vc, doc), 0);
	xmlFreeDoc(doc);
	xmlSchemaFreeValidCtxt(vc);
	xmlSchemaFree(s);
	xmlSchemaFreeParserCtxt(pc);
	free(xsd);
}

/* ---- runs ----------------------------------------------------------------------------- */

static const struct bud_pain_invoice simple_invoices[] = {
	{"inv-1", "2026-1001", "Hoiva Åkerlund & Söner Oy", "FI21 1234 5600 0007 85", "NDEAFIHH",
	 "RF18 5390 0754 7034", NULL, 108836},
	{"inv-2", "77", "Päivätoiminta Ilo ry", "FI4950009420028730", NULL, "1234 4", NULL, 4200},
	{"inv-3", NULL, "Kuljetus Ääkkönen", "FI7433010001222090", "OKOYFIHH", NULL,
	 "Lasku 55/2026, syyskuu", 1},
};

static struct bud_pain_run simple_run(void)
{
	struct bud_pain_run run = {
		"RUN-2026-09-15", "2026-09-14T08:00:00", "2026-09-15",
		"Keski-Uudenmaan hyvinvointialue", "FI64 1234 5600 0000 11", "NDEAFIHH",
		0, simple_invoices, 3,
	};

	return run;
}

static struct bud_pain_plan *plan_ok(const struct bud_pain_run *run)
{
	struct bud_fmt_problems probs;
	struct bud_pain_plan *plan = NULL;
	bud_err e;
	int rc;

	bud_fmt_problems_init(&probs);
	rc = bud_pain001_plan(run, &plan, &probs, &e);
	if (rc != BUD_OK)
		dump_problems(&probs);
	assert_int_equal(rc, BUD_OK);
	assert_non_null(plan);
	bud_fmt_problems_free(&probs);
	return plan;
}

static char *write_ok(const struct bud_pain_plan *plan, int version, size_t *len)
{
	bud_buf b;
	bud_err e;

	bud_buf_init(&b, BUD_MAX_RESPONSE);
	assert_int_equal(bud_pain001_write(plan, version, &b, &e), BUD_OK);
	return bud_buf_steal(&b, len);
}

/* Write in both versions; validate each with both the file XSD and the
 * embedded one; read back into d[0] (.03) and d[1] (.09). */
static void write_both(const struct bud_pain_plan *plan, struct rdoc d[2])
{
	size_t len;
	char *x;

	x = write_ok(plan, BUD_PAIN001_03, &len);
	validate_with_file(x, len, "iso20022/pain.001.001.03.xsd");
	read_pain(x, len, &d[0]);
	assert_int_equal(d[0].version, 3);
	free(x);
	x = write_ok(plan, BUD_PAIN001_09, &len);
	validate_with_file(x, len, "iso20022/pain.001.001.09.xsd");
	read_pain(x, len, &d[1]);
	assert_int_equal(d[1].version, 9);
	free(x);
}

static void test_simple_run(void **state)
{
	struct bud_pain_run run = simple_run();
	struct bud_pain_plan *plan = plan_ok(&run);
	struct rdoc d[2];
	int v;

	(void)state;
	assert_int_equal(plan->n_payments, 3);
	assert_int_equal(plan->total, 108836 + 4200 + 1);
	assert_string_equal(plan->payments[0].end_to_end_id, "RUN-2026-09-15-1");
	assert_string_equal(plan->payments[2].end_to_end_id, "RUN-2026-09-15-3");
	assert_string_equal(plan->payments[0].creditor_iban, "FI2112345600000785");
	assert_string_equal(plan->items[0].reference, "RF18539007547034");
	assert_int_equal(plan->items[1].reference_kind, BUD_ID_VIITE);
	assert_string_equal(plan->items[1].reference, "12344");
	assert_int_equal(plan->payments[1].invoices[0], 1);
	write_both(plan, d);
	for (v = 0; v < 2; v++) {
		assert_string_equal(d[v].msg_id, "RUN-2026-09-15");
		assert_string_equal(d[v].pmt_inf_id, "RUN-2026-09-15");
		assert_int_equal(d[v].nb_of_txs, 3);
		assert_int_equal(d[v].pmt_nb_of_txs, 3);
		assert_int_equal(d[v].ctrl_sum, 113037);
		assert_int_equal(d[v].pmt_ctrl_sum, 113037);
		assert_string_equal(d[v].exec_date, "2026-09-15");
		assert_string_equal(d[v].debtor_iban, "FI6412345600000011");
		assert_string_equal(d[v].debtor_bic, "NDEAFIHH");
		assert_int_equal(d[v].n, 3);
		assert_string_equal(d[v].tx[0].e2e, "RUN-2026-09-15-1");
		assert_int_equal(d[v].tx[0].amount, 108836);
		/* SEPA characters only: accents dropped, & as + */
		assert_string_equal(d[v].tx[0].name, "Hoiva Akerlund + Soner Oy");
		assert_string_equal(d[v].tx[0].bic, "NDEAFIHH");
		assert_int_equal(d[v].tx[0].n_refs, 1);
		assert_string_equal(d[v].tx[0].refs[0], "RF18539007547034");
		assert_string_equal(d[v].tx[0].ref_issuer[0], "ISO");
		assert_string_equal(d[v].tx[1].name, "Paivatoiminta Ilo ry");
		assert_null(d[v].tx[1].bic);
		assert_string_equal(d[v].tx[1].refs[0], "12344");
		assert_null(d[v].tx[1].ref_issuer[0]);
		assert_string_equal(d[v].tx[2].name, "Kuljetus Aakkonen");
		assert_int_equal(d[v].tx[2].amount, 1);
		assert_int_equal(d[v].tx[2].n_refs, 0);
		assert_string_equal(d[v].tx[2].ustrd, "Lasku 55/2026, syyskuu");
		bud_fmt_pool_free(d[v].pool);
	}
	bud_pain001_plan_free(plan);
}

/* Two invoices and a credit note to one provider, one invoice to another:
 * two payments, the first carrying three references with their amounts. */
static const struct bud_pain_invoice combined_invoices[] = {
	{"a1", "A-1", "Hoiva Oy", "FI2112345600000785", "NDEAFIHH", "RF18539007547034", NULL, 50000},
	{"b1", "B-1", "Avustaja Oy", "FI4950009420028730", NULL, "12344", NULL, 30000},
	{"a2", "A-2", "Hoiva Oy", "FI2112345600000785", "NDEAFIHH", "RF712348231", NULL, 12550},
	{"a3", "A-3", "Hoiva Oy", "FI21 1234 5600 0007 85", "NDEAFIHH", "12344", NULL, -2550},
};

static struct bud_pain_run combined_run(void)
{
	struct bud_pain_run run = simple_run();

	run.combine = 1;
	run.invoices = combined_invoices;
	run.n_invoices = 4;
	return run;
}

static void test_combined_run(void **state)
{
	struct bud_pain_run run = combined_run();
	struct bud_pain_plan *plan = plan_ok(&run);
	struct rdoc d[2];
	int v;

	(void)state;
	assert_int_equal(plan->n_payments, 2);
	assert_int_equal(plan->payments[0].n_invoices, 3);
	assert_int_equal(plan->payments[0].invoices[0], 0);
	assert_int_equal(plan->payments[0].invoices[1], 2);
	assert_int_equal(plan->payments[0].invoices[2], 3);
	assert_int_equal(plan->payments[0].amount, 60000);
	assert_int_equal(plan->payments[1].amount, 30000);
	assert_int_equal(plan->payments[1].invoices[0], 1);
	assert_int_equal(plan->total, 90000);
	write_both(plan, d);
	for (v = 0; v < 2; v++) {
		const struct rtx *t = &d[v].tx[0];

		assert_int_equal(d[v].n, 2);
		assert_int_equal(d[v].ctrl_sum, 90000);
		assert_string_equal(t->e2e, "RUN-2026-09-15-1");
		assert_int_equal(t->amount, 60000);
		assert_int_equal(t->n_refs, 3);
		assert_string_equal(t->refs[0], "RF18539007547034");
		assert_int_equal(t->ref_amounts[0], 50000);
		assert_string_equal(t->refs[1], "RF712348231");
		assert_int_equal(t->ref_amounts[1], 12550);
		assert_string_equal(t->refs[2], "12344");
		assert_int_equal(t->ref_amounts[2], -2550);
		assert_string_equal(d[v].tx[1].e2e, "RUN-2026-09-15-2");
		/* a lone invoice: its reference alone, no amount block */
		assert_int_equal(d[v].tx[1].n_refs, 1);
		assert_string_equal(d[v].tx[1].refs[0], "12344");
		assert_int_equal(d[v].tx[1].ref_amounts[0], 0);
		bud_fmt_pool_free(d[v].pool);
	}
	bud_pain001_plan_free(plan);
}

/* The same run, written twice, is the same document; without a creation
 * time the current one (UTC) is used. */
static void test_deterministic(void **state)
{
	struct bud_pain_run run = combined_run();
	struct bud_pain_plan *p1 = plan_ok(&run), *p2 = plan_ok(&run);
	size_t l1, l2;
	char *x1 = write_ok(p1, BUD_PAIN001_03, &l1), *x2 = write_ok(p2, BUD_PAIN001_03, &l2);
	bud_err e;
	bud_buf b;

	(void)state;
	assert_int_equal(l1, l2);
	assert_memory_equal(x1, x2, l1);
	assert_non_null(strstr(x1, "<CreDtTm>2026-09-14T08:00:00</CreDtTm>"));
	assert_non_null(strstr(x1, "<CtrlSum>900.00</CtrlSum>"));
	free(x1);
	free(x2);
	bud_pain001_plan_free(p2);
	run.created = NULL;
	p2 = plan_ok(&run);
	assert_int_equal(strlen(p2->created), 25);
	assert_string_equal(p2->created + 19, "+00:00");
	/* an unknown version */
	bud_buf_init(&b, 1024);
	assert_int_equal(bud_pain001_write(p2, 5, &b, &e), BUD_EINVAL);
	assert_string_equal(e.key, "err.pain.version");
	/* an output buffer too small */
	assert_int_equal(bud_pain001_write(p2, BUD_PAIN001_03, &b, &e), BUD_ETOOBIG);
	bud_buf_free(&b);
	bud_pain001_plan_free(p2);
	bud_pain001_plan_free(p1);
}

/* ---- the round trip through camt.054 ------------------------------------------------------ */

/* The bank's notice for a plan, as a bank would write it: one debit entry
 * for the batch with a transaction per payment, except payment `returned`,
 * which comes back in a credit entry with reason AC01. */
static void add_tx(bud_buf *b, const struct bud_pain_plan *plan,
		   const struct bud_pain_payment *pay, int returned)
{
	char amt[BUD_MONEY_BUF];
	size_t j;

	bud_money_format_plain(pay->amount, '.', amt, sizeof amt);
	bud_buf_addf(b, "<TxDtls><Refs><EndToEndId>%s</EndToEndId></Refs>"
		     "<AmtDtls><TxAmt><Amt Ccy=\"EUR\">%s</Amt></TxAmt></AmtDtls>"
		     "<RltdPties><Cdtr><Nm>%s</Nm></Cdtr><CdtrAcct><Id><IBAN>%s</IBAN></Id>"
		     "</CdtrAcct></RltdPties><RmtInf>", pay->end_to_end_id, amt,
		     pay->creditor_name, pay->creditor_iban);
	for (j = 0; j < pay->n_invoices; j++) {
		const struct bud_pain_item *it = &plan->items[pay->invoices[j]];
		bud_cents a = it->amount < 0 ? -it->amount : it->amount;

		if (it->reference_kind < 0) {
			bud_buf_addf(b, "<Ustrd>%s</Ustrd>", it->message);
			continue;
		}
		bud_money_format_plain(a, '.', amt, sizeof amt);
		bud_buf_addf(b, "<Strd><RfrdDocAmt><%s Ccy=\"EUR\">%s</%s></RfrdDocAmt>"
			     "<CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp>"
			     "<Ref>%s</Ref></CdtrRefInf></Strd>",
			     it->amount < 0 ? "CdtNoteAmt" : "RmtdAmt", amt,
			     it->amount < 0 ? "CdtNoteAmt" : "RmtdAmt", it->reference);
	}
	bud_buf_adds(b, "</RmtInf>");
	if (returned)
		bud_buf_adds(b, "<RtrInf><Rsn><Cd>AC01</Cd></Rsn>"
				"<AddtlInf>1+TILIÄ EI LÖYDY</AddtlInf></RtrInf>");
	bud_buf_adds(b, "</TxDtls>");
}

static void add_entry(bud_buf *b, const struct bud_pain_plan *plan, int credit,
		      size_t returned)
{
	bud_cents sum = 0;
	char amt[BUD_MONEY_BUF];
	size_t k, n = 0;

	for (k = 0; k < plan->n_payments; k++)
		if ((k == returned) == credit) {
			sum += plan->payments[k].amount;
			n++;
		}
	bud_money_format_plain(sum, '.', amt, sizeof amt);
	bud_buf_addf(b, "<Ntry><Amt Ccy=\"EUR\">%s</Amt><CdtDbtInd>%s</CdtDbtInd><Sts>BOOK</Sts>"
		     "<BookgDt><Dt>%s</Dt></BookgDt><ValDt><Dt>%s</Dt></ValDt>"
		     "<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>%s</Cd><SubFmlyCd>ESCT</SubFmlyCd>"
		     "</Fmly></Domn></BkTxCd><NtryDtls><Btch><PmtInfId>%s</PmtInfId>"
		     "<NbOfTxs>%zu</NbOfTxs></Btch>", amt, credit ? "CRDT" : "DBIT",
		     plan->execution_date, plan->execution_date, credit ? "RCDT" : "ICDT",
		     plan->msg_id, n);
	for (k = 0; k < plan->n_payments; k++)
		if ((k == returned) == credit)
			add_tx(b, plan, &plan->payments[k], credit);
	bud_buf_adds(b, "</NtryDtls></Ntry>");
}

static char *camt_for(const struct bud_pain_plan *plan, size_t returned)
{
	bud_buf b;

	bud_buf_init(&b, BUD_MAX_XML);
	bud_buf_addf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document xmlns=\"%s\">"
		     "<BkToCstmrDbtCdtNtfctn><GrpHdr><MsgId>BANK-%s</MsgId>"
		     "<CreDtTm>2026-09-15T18:00:00+03:00</CreDtTm></GrpHdr><Ntfctn><Id>N1</Id>"
		     "<CreDtTm>2026-09-15T18:00:00+03:00</CreDtTm><Acct><Id><IBAN>%s</IBAN></Id>"
		     "</Acct>", BUD_CAMT054_NS, plan->msg_id, plan->debtor_iban);
	add_entry(&b, plan, 0, returned);
	add_entry(&b, plan, 1, returned);
	bud_buf_adds(&b, "</Ntfctn></BkToCstmrDbtCdtNtfctn></Document>\n");
	assert_false(bud_buf_failed(&b));
	return bud_buf_steal(&b, NULL);
}

/* Every payment of the plan is in the notice, with its amount and every
 * reference; the returned one says so. */
static void match_all(const struct bud_pain_plan *plan, const struct bud_camt054 *doc,
		      size_t returned)
{
	size_t k, j;

	for (k = 0; k < plan->n_payments; k++) {
		const struct bud_pain_payment *pay = &plan->payments[k];
		const struct bud_camt_entry *e = NULL;
		const struct bud_camt_tx *t = bud_camt054_find(doc, pay->end_to_end_id, &e);

		assert_non_null(t);
		assert_int_equal(t->amount, pay->amount);
		assert_string_equal(t->currency, "EUR");
		assert_string_equal(t->pmt_inf_id, plan->msg_id);
		assert_string_equal(t->creditor_account, pay->creditor_iban);
		if (k == returned) {
			assert_int_equal(t->status, BUD_CAMT_RETURNED);
			assert_string_equal(t->return_code, "AC01");
			assert_true(e->credit);
		} else {
			assert_int_equal(t->status, BUD_CAMT_BOOKED);
			assert_false(e->credit);
		}
		for (j = 0; j < pay->n_invoices; j++) {
			const struct bud_pain_item *it = &plan->items[pay->invoices[j]];

			if (it->reference_kind < 0) {
				assert_string_equal(t->unstructured, it->message);
				continue;
			}
			assert_true(j < t->n_refs);
			assert_int_equal(t->refs[j].kind, it->reference_kind);
			assert_string_equal(t->refs[j].canon, it->reference);
			assert_int_equal(t->refs[j].amount, it->amount);
		}
	}
}

static void round_trip(const struct bud_pain_run *run, size_t returned)
{
	struct bud_pain_plan *plan = plan_ok(run);
	struct bud_fmt_problems probs;
	struct bud_camt054 *doc = NULL;
	struct rdoc d;
	size_t len, k;
	char *x = write_ok(plan, BUD_PAIN001_03, &len), *camt;
	bud_err e;

	/* what was written is what the plan says */
	read_pain(x, len, &d);
	assert_int_equal(d.n, plan->n_payments);
	for (k = 0; k < d.n; k++) {
		assert_string_equal(d.tx[k].e2e, plan->payments[k].end_to_end_id);
		assert_int_equal(d.tx[k].amount, plan->payments[k].amount);
	}
	bud_fmt_pool_free(d.pool);
	camt = camt_for(plan, returned);
	bud_fmt_problems_init(&probs);
	if (bud_camt054_read(camt, strlen(camt), &doc, &probs, &e) != BUD_OK)
		dump_problems(&probs);
	assert_int_equal(probs.n, 0);
	assert_non_null(doc);
	assert_int_equal(doc->n_txs, plan->n_payments);
	match_all(plan, doc, returned);
	bud_camt054_free(doc);
	bud_fmt_problems_free(&probs);
	free(camt);
	free(x);
	bud_pain001_plan_free(plan);
}

static void test_round_trip(void **state)
{
	struct bud_pain_run run = simple_run();

	(void)state;
	round_trip(&run, 1);
	run = combined_run();
	round_trip(&run, 0);
}

/* ---- bad runs ------------------------------------------------------------------------------ */

static void plan_bad(const struct bud_pain_run *run, struct bud_fmt_problems *probs, int rc)
{
	struct bud_pain_plan *plan = (struct bud_pain_plan *)1;
	bud_err e;

	bud_fmt_problems_init(probs);
	assert_int_equal(bud_pain001_plan(run, &plan, probs, &e), rc);
	assert_null(plan);
}

static void test_bad_run(void **state)
{
	static const struct bud_pain_invoice bad[] = {
		{"x1", NULL, "Hoiva Oy", "FI2112345600000786", NULL, "RF18539007547034", NULL, 100},
		{"x2", NULL, "   ", "FI2112345600000785", "NDEAFIXX1", "12344", NULL, 100},
		{"x3", NULL, "Hoiva Oy", "FI2112345600000785", NULL, "12346", NULL, 0},
		{"x4", NULL, "Hoiva Oy", "FI2112345600000785", NULL, "RF18539007547035", NULL, -5},
		{"x5", NULL, "Hoiva Oy", "FI2112345600000785", NULL, NULL, "", 100000000000},
	};
	struct bud_pain_run run = {
		"RUN 1", "2026-09-14 08:00", "2026-02-30", "", "FI5512345600000012", "NDEA",
		0, bad, 5,
	};
	struct bud_fmt_problems probs;

	(void)state;
	plan_bad(&run, &probs, BUD_EINVAL);
	assert_problem(&probs, "err.pain.run_id", "run_id");
	assert_problem(&probs, "err.pain.created", "created");
	assert_problem(&probs, "err.pain.execution_date", "execution_date");
	assert_problem(&probs, "err.pain.name", "debtor_name");
	assert_problem(&probs, "err.pain.iban", "debtor_iban");
	assert_problem(&probs, "err.pain.bic", "debtor_bic");
	assert_problem(&probs, "err.pain.iban", "invoices[0].creditor_iban");
	assert_problem(&probs, "err.pain.name", "invoices[1].creditor_name");
	assert_problem(&probs, "err.pain.bic", "invoices[1].creditor_bic");
	assert_problem(&probs, "err.pain.reference", "invoices[2].reference");
	assert_problem(&probs, "err.pain.amount", "invoices[2].amount");
	assert_problem(&probs, "err.pain.reference", "invoices[3].reference");
	assert_problem(&probs, "err.pain.amount", "invoices[3].amount");
	assert_problem(&probs, "err.pain.reference", "invoices[4].reference");
	assert_problem(&probs, "err.pain.amount", "invoices[4].amount");
	assert_int_equal(probs.n, 15);
	bud_fmt_problems_free(&probs);
	/* no invoices at all */
	run = simple_run();
	run.n_invoices = 0;
	plan_bad(&run, &probs, BUD_EINVAL);
	assert_problem(&probs, "err.pain.empty", "invoices");
	bud_fmt_problems_free(&probs);
	/* valid BICs by their own rules, refused by the payment schemas */
	run = simple_run();
	run.debtor_bic = "NDEAFI1A";
	plan_bad(&run, &probs, BUD_EINVAL);
	assert_problem(&probs, "err.pain.bic", "debtor_bic");
	bud_fmt_problems_free(&probs);
	run.debtor_bic = "NDEAFIHO";
	plan_bad(&run, &probs, BUD_EINVAL);
	assert_problem(&probs, "err.pain.bic", "debtor_bic");
	assert_int_equal(probs.n, 1);
	bud_fmt_problems_free(&probs);
}

static void test_bad_combined(void **state)
{
	static const struct bud_pain_invoice inv[] = {
		{"c1", NULL, "Hoiva Oy", "FI2112345600000785", NULL, "12344", NULL, 1000},
		{"c2", NULL, "Hoiva Oy", "FI2112345600000785", NULL, "RF18539007547034", NULL, -1500},
		{"c3", NULL, "Avustaja Oy", "FI4950009420028730", NULL, "12344", NULL, 500},
		{"c4", NULL, "Avustaja Oy", "FI4950009420028730", NULL, NULL, "vapaa teksti", 500},
	};
	struct bud_pain_run run = simple_run();
	struct bud_fmt_problems probs;

	(void)state;
	run.combine = 1;
	run.invoices = inv;
	run.n_invoices = 4;
	plan_bad(&run, &probs, BUD_EINVAL);
	/* credit note larger than the invoice: the payment would be negative */
	assert_problem(&probs, "err.pain.amount", "invoices[0].amount");
	/* a combined payment needs references */
	assert_problem(&probs, "err.pain.reference", "invoices[3].reference");
	assert_int_equal(probs.n, 2);
	bud_fmt_problems_free(&probs);
}

/* Many invoices: combined per provider; the sums exact; the bank's limit of
 * references per payment; the total's overflow check. */
static void test_many(void **state)
{
	const size_t n = 1000;
	struct bud_pain_invoice *inv = calloc(n + 1, sizeof *inv);
	static const char *const ibans[] = {"FI2112345600000785", "FI4950009420028730"};
	struct bud_pain_run run = simple_run();
	struct bud_fmt_problems probs;
	struct bud_pain_plan *plan;
	bud_cents expect = 0;
	size_t i, len;
	char *x;

	(void)state;
	assert_non_null(inv);
	for (i = 0; i < n; i++) {
		inv[i].creditor_name = i % 2 ? "Avustaja Oy" : "Hoiva Oy";
		inv[i].creditor_iban = ibans[i % 2];
		inv[i].reference = "12344";
		inv[i].amount = (bud_cents)(i * 7919 % 100000 + 1);
		expect += inv[i].amount;
	}
	run.invoices = inv;
	run.n_invoices = n;
	run.combine = 1;
	plan = plan_ok(&run);
	assert_int_equal(plan->n_payments, 2);
	assert_int_equal(plan->payments[0].n_invoices, 500);
	assert_int_equal(plan->total, expect);
	assert_int_equal(plan->payments[0].amount + plan->payments[1].amount, expect);
	x = write_ok(plan, BUD_PAIN001_09, &len);
	validate_with_file(x, len, "iso20022/pain.001.001.09.xsd");
	free(x);
	bud_pain001_plan_free(plan);
	/* 1000 to one account: over the 999 references a payment may carry */
	for (i = 0; i < n; i++)
		inv[i].creditor_iban = ibans[0];
	plan_bad(&run, &probs, BUD_EINVAL);
	assert_problem(&probs, "err.pain.too_many_refs", "invoices[0].creditor_iban");
	bud_fmt_problems_free(&probs);
	/* one payment per invoice, each the SEPA maximum: the total overflows
	 * the largest amount budjetti handles (10^15 cents) */
	run.combine = 0;
	for (i = 0; i < n; i++)
		inv[i].amount = BUD_PAIN_AMOUNT_MAX;
	run.n_invoices = n;
	plan = plan_ok(&run);	/* 10^14 cents: still fine */
	assert_int_equal(plan->total, (bud_cents)n * BUD_PAIN_AMOUNT_MAX);
	bud_pain001_plan_free(plan);
	free(inv);
	inv = calloc(20000, sizeof *inv);
	assert_non_null(inv);
	for (i = 0; i < 20000; i++) {
		inv[i].creditor_name = "Hoiva Oy";
		inv[i].creditor_iban = ibans[0];
		inv[i].reference = "12344";
		inv[i].amount = BUD_PAIN_AMOUNT_MAX;
	}
	run.invoices = inv;
	run.n_invoices = 20000;
	plan_bad(&run, &probs, BUD_EINVAL);
	assert_problem(&probs, "err.pain.amount", "invoices");
	bud_fmt_problems_free(&probs);
	run.n_invoices = BUD_MAX_PAYMENTS + 1;
	plan_bad(&run, &probs, BUD_ETOOBIG);
	bud_fmt_problems_free(&probs);
	free(inv);
}

/* ---- the SEPA character set ------------------------------------------------------------- */

static void test_sepa_text(void **state)
{
	char out[200];
	size_t n;

	(void)state;
	n = bud_sepa_text("Åke Öhman & Co. – Ääkköset € ß Æble Łódź Šibenik", 70, out, sizeof out);
	assert_string_equal(out, "Ake Ohman + Co. - Aakkoset EUR ss AEble Lodz Sibenik");
	assert_int_equal(n, strlen(out));
	assert_true(bud_sepa_valid(out));
	bud_sepa_text("  a \t\n b  ", 70, out, sizeof out);
	assert_string_equal(out, "a b");
	bud_sepa_text("Ωmega 日本 😀 x_y \"q\" @ # *", 70, out, sizeof out);
	assert_string_equal(out, ".mega .. . x-y 'q' . . .");
	assert_true(bud_sepa_valid(out));
	/* invalid UTF-8: bad bytes, an overlong '/', a surrogate, a cut sequence */
	bud_sepa_text("a\xff" "b\xc0\xaf" "c\xed\xa0\x80" "d\xc3", 70, out, sizeof out);
	assert_string_equal(out, "a.b..c...d.");
	/* truncated to max characters, never past the buffer */
	memset(out, 'Z', sizeof out);
	n = bud_sepa_text("ääääääääää", 4, out, sizeof out);
	assert_int_equal(n, 4);
	assert_string_equal(out, "aaaa");
	n = bud_sepa_text("abcdef", 70, out, 4);
	assert_string_equal(out, "abc");
	assert_int_equal(bud_sepa_text("", 70, out, sizeof out), 0);
	assert_int_equal(bud_sepa_text(NULL, 70, out, sizeof out), 0);
	assert_false(bud_sepa_valid("Åke"));
	assert_false(bud_sepa_valid("a&b"));
	assert_true(bud_sepa_valid("A-Z a-z 0-9 /-?:().,'+"));
}

/* ---- the public samples ------------------------------------------------------------------- */

static void test_samples(void **state)
{
	struct rdoc d;
	size_t len;
	char *x;

	(void)state;
	x = load("iso20022/pain.001.001.03-php-sepa-xml-fixture.xml", &len);
	read_pain(x, len, &d);
	assert_int_equal(d.version, 3);
	assert_string_equal(d.msg_id, "OurMessageIdentification");
	assert_int_equal(d.ctrl_sum, 1234);
	assert_string_equal(d.debtor_iban, "BG87200500001234567890");
	assert_string_equal(d.tx[0].e2e, "SomethingUnique");
	assert_int_equal(d.tx[0].amount, 1234);
	assert_string_equal(d.tx[0].refs[0], "CdtrRefInf-Ref");
	assert_string_equal(d.tx[0].bic, "BANKDEFFXXX");
	bud_fmt_pool_free(d.pool);
	free(x);
	x = load("iso20022/pain.001.001.09-php-sepa-xml-fixture.xml", &len);
	read_pain(x, len, &d);
	assert_int_equal(d.version, 9);
	assert_string_equal(d.exec_date, "2025-08-19");
	assert_string_equal(d.debtor_bic, "BANKBGFFXXX");
	assert_string_equal(d.tx[0].bic, "BANKDEFFXXX");
	assert_int_equal(d.tx[0].amount, 1234);
	bud_fmt_pool_free(d.pool);
	free(x);
	x = load("iso20022/pain.001.001.03-sepa_king-SIZ-example.xml", &len);
	read_pain(x, len, &d);
	assert_string_equal(d.msg_id, "Message-ID-4711");
	assert_int_equal(d.n, 2);
	assert_int_equal(d.ctrl_sum, -1);	/* optional in the group header */
	assert_int_equal(d.pmt_ctrl_sum, 665586);
	assert_int_equal(d.tx[0].amount + d.tx[1].amount, d.pmt_ctrl_sum);
	assert_string_equal(d.tx[1].e2e, "OriginatorID1235");
	assert_string_equal(d.tx[1].ustrd, "Unstructured Remittance Information");
	bud_fmt_pool_free(d.pool);
	free(x);
	/* starts with a UTF-8 byte order mark */
	x = load("iso20022/pain.001.001.03-moov-sepa_payment_naujas_1.xml", &len);
	read_pain(x, len, &d);
	assert_string_equal(d.tx[0].e2e, "EndToEndId0001");
	assert_int_equal(d.tx[0].amount, 9999);
	assert_string_equal(d.tx[0].ustrd, "Apmokama saskaita-faktura Nr. 1");
	bud_fmt_pool_free(d.pool);
	free(x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_simple_run),
		cmocka_unit_test(test_combined_run),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_bad_run),
		cmocka_unit_test(test_bad_combined),
		cmocka_unit_test(test_many),
		cmocka_unit_test(test_sepa_text),
		cmocka_unit_test(test_samples),
	};

	bud_xml_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
