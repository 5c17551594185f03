/*
 * formats/pain001.c: checking a payment run, planning its credit transfers
 * and writing them as pain.001.001.03 or .09 (see pain001.h).
 *
 * Combining invoices per creditor sorts the invoice indexes by account
 * (O(n log n) for up to BUD_MAX_PAYMENTS invoices) and keeps the payments
 * in the order of each account's first invoice, so the same run always
 * gives the same plan and the same end-to-end ids.
 */
#include <assert.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "formats/pain001.h"
#include "bud_limits.h"

struct planner {
	const struct bud_pain_run *run;
	struct bud_pain_plan *plan;
	struct bud_fmt_problems *probs;
	size_t before;		/* problems before planning began */
};

static void problem(struct planner *p, const char *key, const char *fmt, size_t i,
		    const char *field, const char *detail)
{
	char path[64];

	if (fmt)
		snprintf(path, sizeof path, fmt, i, field);
	else
		snprintf(path, sizeof path, "%s", field);
	bud_fmt_problem_add(p->probs, path, 0, key, "%s", detail);
}

static int failed(const struct planner *p)
{
	return bud_fmt_problems_count(p->probs) > p->before;
}

/* ---- the run's own fields -------------------------------------------------------- */

static int two(const char *s, int max)
{
	return s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' &&
	       (s[0] - '0') * 10 + (s[1] - '0') <= max;
}

/* "YYYY-MM-DDThh:mm:ss" with an optional "Z" or "+hh:mm" / "-hh:mm". */
static int datetime_ok(const char *s)
{
	char d[BUD_FMT_DATE];
	const char *z;

	if (strlen(s) < 19 || bud_fmt_date_iso(s, 1, d) != BUD_OK || !two(s + 11, 23) ||
	    s[13] != ':' || !two(s + 14, 59) || s[16] != ':' || !two(s + 17, 59))
		return 0;
	z = s + 19;
	if (*z == '\0' || strcmp(z, "Z") == 0)
		return 1;
	return (z[0] == '+' || z[0] == '-') && two(z + 1, 14) && z[3] == ':' &&
	       two(z + 4, 59) && z[6] == '\0';
}

static int run_id_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0, i;

	if (n == 0 || n > BUD_PAIN_RUN_ID_MAX)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return 0;
	return 1;
}

/* Name in SEPA characters into the plan's pool; a problem when empty. */
static const char *sepa_name(struct planner *p, const char *in, size_t max,
			     const char *fmt, size_t i, const char *field)
{
	char buf[BUD_PAIN_TEXT_MAX + 1];

	if (bud_sepa_text(in, max, buf, sizeof buf) == 0) {
		problem(p, "err.pain.name", fmt, i, field, "empty");
		return NULL;
	}
	return bud_fmt_pool_strdup(p->plan->pool, buf);
}

/* The schemas' BIC pattern is stricter than the BIC's own rules: the
 * location code's first character is not 0 or 1 (test BICs) and its
 * second is not O. */
static int bic_schema_ok(const char *bic)
{
	return bic[6] != '0' && bic[6] != '1' && bic[7] != 'O';
}

static void check_id(struct planner *p, int kind, const char *in, char out[BUD_ID_BUF],
		     const char *fmt, size_t i, const char *field, const char *key)
{
	bud_err e;

	if (!in || !*in) {
		problem(p, key, fmt, i, field, "missing");
		return;
	}
	if (bud_id_check(kind, in, out, BUD_ID_BUF, &e) != BUD_OK)
		problem(p, key, fmt, i, field, e.detail);
	else if (kind == BUD_ID_BIC && !bic_schema_ok(out))
		problem(p, key, fmt, i, field, "a test BIC that payments do not accept");
}

static void check_header(struct planner *p)
{
	const struct bud_pain_run *run = p->run;
	struct bud_pain_plan *plan = p->plan;
	time_t now;
	struct tm tm;

	if (!run_id_ok(run->run_id))
		problem(p, "err.pain.run_id", NULL, 0, "run_id",
			"1 to 28 letters A-Z, digits and '-'");
	else
		snprintf(plan->msg_id, sizeof plan->msg_id, "%s", run->run_id);
	if (run->created && !datetime_ok(run->created))
		problem(p, "err.pain.created", NULL, 0, "created",
			"not a date-time YYYY-MM-DDThh:mm:ss");
	else if (run->created)
		snprintf(plan->created, sizeof plan->created, "%s", run->created);
	else {
		now = time(NULL);
		gmtime_r(&now, &tm);
		strftime(plan->created, sizeof plan->created, "%Y-%m-%dT%H:%M:%S+00:00", &tm);
	}
	if (!run->execution_date ||
	    bud_fmt_date_iso(run->execution_date, 0, plan->execution_date) != BUD_OK)
		problem(p, "err.pain.execution_date", NULL, 0, "execution_date",
			"not a date YYYY-MM-DD");
	plan->debtor_name = sepa_name(p, run->debtor_name, BUD_PAIN_NAME_MAX, NULL, 0,
				      "debtor_name");
	check_id(p, BUD_ID_IBAN, run->debtor_iban, plan->debtor_iban, NULL, 0, "debtor_iban",
		 "err.pain.iban");
	check_id(p, BUD_ID_BIC, run->debtor_bic, plan->debtor_bic, NULL, 0, "debtor_bic",
		 "err.pain.bic");
}

/* ---- invoices ---------------------------------------------------------------------- */

#define INV "invoices[%zu].%s"

static void check_reference(struct planner *p, size_t i, const struct bud_pain_invoice *in,
			    struct bud_pain_item *it)
{
	char buf[BUD_PAIN_TEXT_MAX + 1];
	bud_err e;

	it->reference_kind = -1;
	if (in->reference && *in->reference) {
		it->reference_kind = strncmp(in->reference, "RF", 2) == 0 ? BUD_ID_RF
									   : BUD_ID_VIITE;
		if (bud_id_check(it->reference_kind, in->reference, it->reference,
				 sizeof it->reference, &e) != BUD_OK) {
			problem(p, "err.pain.reference", INV, i, "reference", e.detail);
			it->reference_kind = -1;
		}
		return;
	}
	if (bud_sepa_text(in->message, BUD_PAIN_TEXT_MAX, buf, sizeof buf) == 0) {
		problem(p, "err.pain.reference", INV, i, "reference",
			"a reference or a message is needed");
		return;
	}
	it->message = bud_fmt_pool_strdup(p->plan->pool, buf);
}

static void check_invoice(struct planner *p, size_t i, char iban[BUD_ID_BUF],
			  char bic[BUD_ID_BUF])
{
	const struct bud_pain_invoice *in = &p->run->invoices[i];
	struct bud_pain_item *it = &p->plan->items[i];
	char buf[BUD_PAIN_NAME_MAX + 1];

	check_id(p, BUD_ID_IBAN, in->creditor_iban, iban, INV, i, "creditor_iban",
		 "err.pain.iban");
	bic[0] = '\0';
	if (in->creditor_bic && *in->creditor_bic)
		check_id(p, BUD_ID_BIC, in->creditor_bic, bic, INV, i, "creditor_bic",
			 "err.pain.bic");
	if (bud_sepa_text(in->creditor_name, BUD_PAIN_NAME_MAX, buf, sizeof buf) == 0)
		problem(p, "err.pain.name", INV, i, "creditor_name", "empty");
	check_reference(p, i, in, it);
	if (in->number && bud_sepa_text(in->number, 35, buf, sizeof buf) > 0)
		it->number = bud_fmt_pool_strdup(p->plan->pool, buf);
	it->amount = in->amount;
	if (in->amount == 0 || in->amount > BUD_PAIN_AMOUNT_MAX ||
	    in->amount < -BUD_PAIN_AMOUNT_MAX)
		problem(p, "err.pain.amount", INV, i, "amount",
			"must be between 0,01 and 999 999 999,99 euros");
	else if (in->amount < 0 && !p->run->combine)
		problem(p, "err.pain.amount", INV, i, "amount",
			"a credit note can only be paid in a combined payment");
}

/* ---- payments ------------------------------------------------------------------------ */

/* For sorting invoice indexes by creditor account, then by position;
 * arg is the array of canonical IBANs. */
static int by_iban(const void *a, const void *b, void *arg)
{
	const char (*ibans)[BUD_ID_BUF] = arg;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int c = strcmp(ibans[x], ibans[y]);

	return c ? c : (x > y) - (x < y);
}

static int by_first(const void *a, const void *b)
{
	const struct bud_pain_payment *x = a, *y = b;

	return (x->invoices[0] > y->invoices[0]) - (x->invoices[0] < y->invoices[0]);
}

/* order[] lists invoice indexes with each payment's invoices together;
 * starts[k] is where payment k begins. */
static int make_payments(struct planner *p, size_t *order, const size_t *starts, size_t np,
			 char (*ibans)[BUD_ID_BUF], char (*bics)[BUD_ID_BUF])
{
	struct bud_pain_plan *plan = p->plan;
	size_t k, n = plan->n_items;

	plan->payments = bud_fmt_pool_alloc(plan->pool, np * sizeof *plan->payments);
	if (!plan->payments)
		return BUD_ENOMEM;
	for (k = 0; k < np; k++) {
		struct bud_pain_payment *pay = &plan->payments[k];
		size_t first = order[starts[k]];
		char buf[BUD_PAIN_NAME_MAX + 1];

		pay->invoices = order + starts[k];
		pay->n_invoices = (k + 1 < np ? starts[k + 1] : n) - starts[k];
		memcpy(pay->creditor_iban, ibans[first], BUD_ID_BUF);
		memcpy(pay->creditor_bic, bics[first], BUD_ID_BUF);
		bud_sepa_text(p->run->invoices[first].creditor_name, BUD_PAIN_NAME_MAX, buf,
			      sizeof buf);
		pay->creditor_name = bud_fmt_pool_strdup(plan->pool, buf);
		if (!pay->creditor_name)
			return BUD_ENOMEM;
	}
	plan->n_payments = np;
	qsort(plan->payments, np, sizeof *plan->payments, by_first);
	return BUD_OK;
}

/* Group the invoices into payments: one each, or one per account. */
static int group(struct planner *p, char (*ibans)[BUD_ID_BUF], char (*bics)[BUD_ID_BUF])
{
	size_t n = p->plan->n_items, i, np = 0;
	size_t *order = bud_fmt_pool_alloc(p->plan->pool, n * sizeof *order);
	size_t *starts = calloc(n, sizeof *starts);
	int rc;

	if (!order || !starts) {
		free(starts);
		return BUD_ENOMEM;
	}
	for (i = 0; i < n; i++)
		order[i] = i;
	if (p->run->combine)
		qsort_r(order, n, sizeof *order, by_iban, ibans);
	for (i = 0; i < n; i++)
		if (i == 0 || !p->run->combine || strcmp(ibans[order[i]], ibans[order[i - 1]]) != 0)
			starts[np++] = i;
	rc = make_payments(p, order, starts, np, ibans, bics);
	free(starts);
	return rc;
}

/* Sums, limits and end-to-end ids of the grouped payments. */
static void finish_payments(struct planner *p)
{
	struct bud_pain_plan *plan = p->plan;
	size_t k, j;
	int overflow = 0;

	for (k = 0; k < plan->n_payments; k++) {
		struct bud_pain_payment *pay = &plan->payments[k];
		size_t first = pay->invoices[0];
		int w = snprintf(pay->end_to_end_id, sizeof pay->end_to_end_id, "%s-%zu",
				 plan->msg_id, k + 1);

		/* run id <= 28, k < BUD_MAX_PAYMENTS (6 digits): fits 35 */
		assert(w > 0 && (size_t)w < sizeof pay->end_to_end_id);
		(void)w;
		for (j = 0; j < pay->n_invoices; j++) {
			size_t i = pay->invoices[j];

			if (pay->n_invoices > 1 && plan->items[i].reference_kind < 0)
				problem(p, "err.pain.reference", INV, i, "reference",
					"a combined payment needs a reference on every invoice");
			if (bud_money_add(pay->amount, plan->items[i].amount, &pay->amount, NULL))
				problem(p, "err.pain.amount", INV, i, "amount", "sum too large");
		}
		if (pay->n_invoices > BUD_MAX_REFS_PER_PAYMENT)
			problem(p, "err.pain.too_many_refs", INV, first, "creditor_iban",
				"more than 999 invoices to one account");
		if (pay->amount <= 0 || pay->amount > BUD_PAIN_AMOUNT_MAX)
			problem(p, "err.pain.amount", INV, first, "amount",
				"a payment's total must be between 0,01 and 999 999 999,99 euros");
		if (!overflow && bud_money_add(plan->total, pay->amount, &plan->total, NULL)) {
			problem(p, "err.pain.amount", NULL, 0, "invoices",
				"the run's sum is too large");
			overflow = 1;
		}
	}
}

static int plan_invoices(struct planner *p)
{
	size_t n = p->run->n_invoices, i;
	char (*ibans)[BUD_ID_BUF] = calloc(n, sizeof *ibans);
	char (*bics)[BUD_ID_BUF] = calloc(n, sizeof *bics);
	int rc = BUD_ENOMEM;

	p->plan->items = bud_fmt_pool_alloc(p->plan->pool, n * sizeof *p->plan->items);
	if (!ibans || !bics || !p->plan->items)
		goto out;
	p->plan->n_items = n;
	for (i = 0; i < n; i++)
		check_invoice(p, i, ibans[i], bics[i]);
	rc = BUD_OK;
	if (failed(p))
		goto out;
	rc = group(p, ibans, bics);
	if (rc == BUD_OK)
		finish_payments(p);
out:
	free(ibans);
	free(bics);
	return rc;
}

int bud_pain001_plan(const struct bud_pain_run *run, struct bud_pain_plan **out,
		     struct bud_fmt_problems *probs, bud_err *err)
{
	struct bud_fmt_problems own;
	struct planner p;
	int rc;

	*out = NULL;
	bud_fmt_problems_init(&own);
	memset(&p, 0, sizeof p);
	p.run = run;
	p.probs = probs ? probs : &own;
	p.before = bud_fmt_problems_count(p.probs);
	if (run->n_invoices > BUD_MAX_PAYMENTS) {
		rc = bud_err_set(err, BUD_ETOOBIG, "invoices", "err.pain.too_many",
				 "more than %d invoices", BUD_MAX_PAYMENTS);
		goto out;
	}
	rc = BUD_ENOMEM;
	p.plan = NULL;
	{
		struct bud_fmt_pool *pool = bud_fmt_pool_new();

		if (pool)
			p.plan = bud_fmt_pool_alloc(pool, sizeof *p.plan);
		if (!p.plan) {
			bud_fmt_pool_free(pool);
			bud_err_set(err, rc, NULL, "err.internal", "out of memory");
			goto out;
		}
		p.plan->pool = pool;
	}
	check_header(&p);
	if (run->n_invoices == 0)
		problem(&p, "err.pain.empty", NULL, 0, "invoices", "no invoices to pay");
	rc = run->n_invoices ? plan_invoices(&p) : BUD_OK;
	if (rc == BUD_ENOMEM)
		bud_err_set(err, rc, NULL, "err.internal", "out of memory");
	else if (failed(&p))
		rc = bud_fmt_problems_to_err(p.probs, err);
	if (rc != BUD_OK) {
		bud_pain001_plan_free(p.plan);
		goto out;
	}
	*out = p.plan;
out:
	bud_fmt_problems_free(&own);
	return rc;
}

void bud_pain001_plan_free(struct bud_pain_plan *plan)
{
	if (plan)
		bud_fmt_pool_free(plan->pool);
}

/* ---- writing -------------------------------------------------------------------------- */

const char *bud_pain001_ns(int version)
{
	switch (version) {
	case BUD_PAIN001_03: return "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03";
	case BUD_PAIN001_09: return "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09";
	default: return NULL;
	}
}

static void add_amount(bud_buf *b, const char *tag, bud_cents v)
{
	char s[BUD_MONEY_BUF];

	bud_money_format_plain(v, '.', s, sizeof s);
	if (tag)
		bud_buf_addf(b, "<%s Ccy=\"EUR\">%s</%s>", tag, s, tag);
	else
		bud_buf_adds(b, s);
}

/* <tag>escaped text</tag>. The text is SEPA characters or a checked id, but
 * is escaped all the same. */
static void add_elem(bud_buf *b, const char *tag, const char *text)
{
	bud_buf_addf(b, "<%s>", tag);
	bud_buf_add_html(b, text);
	bud_buf_addf(b, "</%s>", tag);
}

static void add_agent(bud_buf *b, const char *tag, const char *bic, int version)
{
	bud_buf_addf(b, "<%s><FinInstnId>", tag);
	add_elem(b, version == BUD_PAIN001_09 ? "BICFI" : "BIC", bic);
	bud_buf_addf(b, "</FinInstnId></%s>", tag);
}

static void add_cdtr_ref(bud_buf *b, const struct bud_pain_item *it)
{
	bud_buf_adds(b, "<CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry>");
	if (it->reference_kind == BUD_ID_RF)
		bud_buf_adds(b, "<Issr>ISO</Issr>");
	bud_buf_adds(b, "</Tp>");
	add_elem(b, "Ref", it->reference);
	bud_buf_adds(b, "</CdtrRefInf>");
}

/* One Strd of a combined payment: the invoice (or credit note), its amount
 * and its reference. */
static void add_combined_item(bud_buf *b, const struct bud_pain_item *it)
{
	bud_buf_adds(b, "<Strd>");
	if (it->number) {
		bud_buf_addf(b, "<RfrdDocInf><Tp><CdOrPrtry><Cd>%s</Cd></CdOrPrtry></Tp>",
			     it->amount < 0 ? "CREN" : "CINV");
		add_elem(b, "Nb", it->number);
		bud_buf_adds(b, "</RfrdDocInf>");
	}
	bud_buf_adds(b, "<RfrdDocAmt>");
	add_amount(b, it->amount < 0 ? "CdtNoteAmt" : "RmtdAmt",
		   it->amount < 0 ? -it->amount : it->amount);
	bud_buf_adds(b, "</RfrdDocAmt>");
	add_cdtr_ref(b, it);
	bud_buf_adds(b, "</Strd>");
}

static void add_remittance(bud_buf *b, const struct bud_pain_plan *plan,
			   const struct bud_pain_payment *pay)
{
	const struct bud_pain_item *it = &plan->items[pay->invoices[0]];
	size_t j;

	bud_buf_adds(b, "<RmtInf>");
	if (pay->n_invoices > 1) {
		for (j = 0; j < pay->n_invoices; j++)
			add_combined_item(b, &plan->items[pay->invoices[j]]);
	} else if (it->reference_kind >= 0) {
		bud_buf_adds(b, "<Strd>");
		add_cdtr_ref(b, it);
		bud_buf_adds(b, "</Strd>");
	} else {
		add_elem(b, "Ustrd", it->message);
	}
	bud_buf_adds(b, "</RmtInf>");
}

static void add_payment(bud_buf *b, const struct bud_pain_plan *plan,
			const struct bud_pain_payment *pay, int version)
{
	bud_buf_adds(b, "<CdtTrfTxInf><PmtId>");
	add_elem(b, "EndToEndId", pay->end_to_end_id);
	bud_buf_adds(b, "</PmtId><Amt>");
	add_amount(b, "InstdAmt", pay->amount);
	bud_buf_adds(b, "</Amt>");
	if (pay->creditor_bic[0])
		add_agent(b, "CdtrAgt", pay->creditor_bic, version);
	bud_buf_adds(b, "<Cdtr>");
	add_elem(b, "Nm", pay->creditor_name);
	bud_buf_adds(b, "</Cdtr><CdtrAcct><Id>");
	add_elem(b, "IBAN", pay->creditor_iban);
	bud_buf_adds(b, "</Id></CdtrAcct>");
	add_remittance(b, plan, pay);
	bud_buf_adds(b, "</CdtTrfTxInf>\n");
}

static void add_counts(bud_buf *b, const struct bud_pain_plan *plan)
{
	bud_buf_addf(b, "<NbOfTxs>%zu</NbOfTxs><CtrlSum>", plan->n_payments);
	add_amount(b, NULL, plan->total);
	bud_buf_adds(b, "</CtrlSum>");
}

static void add_group_header(bud_buf *b, const struct bud_pain_plan *plan)
{
	bud_buf_adds(b, "<GrpHdr>");
	add_elem(b, "MsgId", plan->msg_id);
	add_elem(b, "CreDtTm", plan->created);
	add_counts(b, plan);
	bud_buf_adds(b, "<InitgPty>");
	add_elem(b, "Nm", plan->debtor_name);
	bud_buf_adds(b, "</InitgPty></GrpHdr>\n");
}

static void add_payment_info(bud_buf *b, const struct bud_pain_plan *plan, int version)
{
	size_t k;

	bud_buf_adds(b, "<PmtInf>");
	add_elem(b, "PmtInfId", plan->msg_id);
	bud_buf_adds(b, "<PmtMtd>TRF</PmtMtd>");
	add_counts(b, plan);
	bud_buf_adds(b, "<PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl></PmtTpInf><ReqdExctnDt>");
	if (version == BUD_PAIN001_09)
		add_elem(b, "Dt", plan->execution_date);
	else
		bud_buf_adds(b, plan->execution_date);
	bud_buf_adds(b, "</ReqdExctnDt><Dbtr>");
	add_elem(b, "Nm", plan->debtor_name);
	bud_buf_adds(b, "</Dbtr><DbtrAcct><Id>");
	add_elem(b, "IBAN", plan->debtor_iban);
	bud_buf_adds(b, "</Id><Ccy>EUR</Ccy></DbtrAcct>");
	add_agent(b, "DbtrAgt", plan->debtor_bic, version);
	bud_buf_adds(b, "<ChrgBr>SLEV</ChrgBr>\n");
	for (k = 0; k < plan->n_payments; k++)
		add_payment(b, plan, &plan->payments[k], version);
	bud_buf_adds(b, "</PmtInf>\n");
}

int bud_pain001_write(const struct bud_pain_plan *plan, int version, bud_buf *out,
		      bud_err *err)
{
	const char *ns = bud_pain001_ns(version);

	if (!ns)
		return bud_err_set(err, BUD_EINVAL, "version", "err.pain.version",
				   "version must be 3 (pain.001.001.03) or 9 (pain.001.001.09)");
	assert(plan->n_payments > 0 && plan->total > 0);
	bud_buf_adds(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	bud_buf_addf(out, "<Document xmlns=\"%s\">\n<CstmrCdtTrfInitn>\n", ns);
	add_group_header(out, plan);
	add_payment_info(out, plan, version);
	bud_buf_adds(out, "</CstmrCdtTrfInitn>\n</Document>\n");
	if (bud_buf_failed(out))
		return bud_err_set(err, BUD_ETOOBIG, NULL, "err.pain.too_big",
				   "the document does not fit the output buffer");
	return BUD_OK;
}
