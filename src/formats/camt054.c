/*
 * formats/camt054.c: reading camt.054.001.02 into struct bud_camt054 (see
 * camt054.h for what is read and checked).
 *
 * Sizes are known before anything is read (the tree is in memory), so each
 * array is allocated once, exactly, from the document's pool; the number
 * of transactions is bounded by BUD_MAX_PAYMENTS before any allocation.
 */
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "formats/camt054.h"
#include "formats/xml.h"
#include "bud_limits.h"

struct rd {
	struct bud_camt054 *doc;
	struct bud_fmt_pool *pool;
	struct bud_fmt_problems *probs;
	int nomem;
};

static const char *text(struct rd *r, const xmlNode *from, const char *path)
{
	return bud_xml_text_at(r->pool, from, path);
}

static void *alloc(struct rd *r, size_t n, size_t size)
{
	void *p;

	if (n == 0)
		return NULL;
	p = bud_fmt_pool_alloc(r->pool, n * size);
	if (!p)
		r->nomem = 1;
	return p;
}

/* Texts of every child called name, joined by "\n"; NULL when none. */
static const char *join(struct rd *r, const xmlNode *parent, const char *name)
{
	const xmlNode *n;
	const char *res = NULL;
	bud_buf b;

	if (!bud_xml_first(parent, name))
		return NULL;
	bud_buf_init(&b, BUD_MAX_XML);
	for (n = bud_xml_first(parent, name); n; n = bud_xml_next(n, name)) {
		if (b.len > 0)
			bud_buf_addc(&b, '\n');
		bud_buf_adds(&b, bud_xml_text(r->pool, n));
	}
	if (!bud_buf_failed(&b))
		res = bud_fmt_pool_strdup(r->pool, bud_buf_str(&b));
	bud_buf_free(&b);
	return res;
}

/* An ISO amount element ("1234.50", Ccy attribute) in cents. 1 when read,
 * 0 when n is NULL, -1 when bad (a problem is added). */
static int amount(struct rd *r, const xmlNode *n, bud_cents *out, char ccy[4])
{
	const char *t, *c;
	bud_err e;
	int64_t v;

	if (!n)
		return 0;
	t = bud_xml_text(r->pool, n);
	if (!t || bud_fmt_decimal(t, '.', 2, 0, "Amt", &v, &e) != BUD_OK) {
		bud_xml_problem_once(r->probs, n, "err.camt.amount", "%s",
				     t ? e.detail : "no amount");
		return -1;
	}
	if (v > BUD_MONEY_MAX) {
		bud_xml_problem_once(r->probs, n, "err.camt.amount", "amount too large");
		return -1;
	}
	c = bud_xml_attr(r->pool, n, "Ccy");
	if (ccy)
		snprintf(ccy, 4, "%.3s", c ? c : "");
	*out = v;
	return 1;
}

static void date_of(struct rd *r, const xmlNode *n, char out[BUD_FMT_DATE])
{
	const xmlNode *d;

	out[0] = '\0';
	if (!n)
		return;
	d = bud_xml_first(n, "Dt");
	if (!d)
		d = bud_xml_first(n, "DtTm");
	if (d && bud_fmt_date_iso(bud_xml_text(r->pool, d), 1, out) != BUD_OK) {
		out[0] = '\0';
		bud_xml_problem_once(r->probs, d, "err.camt.date", "not a valid date");
	}
}

/* ---- references ---------------------------------------------------------------- */

static int all_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if ((*s < '0' || *s > '9') && *s != ' ')
			return 0;
	return 1;
}

/* A SCOR reference that looks Finnish must pass its check digits. */
static void classify(struct rd *r, const xmlNode *n, struct bud_camt_ref *ref)
{
	bud_err e;
	int kind;

	ref->kind = -1;
	if (!ref->ref || (ref->type && strcmp(ref->type, "SCOR") != 0))
		return;
	if (strncmp(ref->ref, "RF", 2) == 0)
		kind = BUD_ID_RF;
	else if (all_digits(ref->ref))
		kind = BUD_ID_VIITE;
	else
		return;
	if (bud_id_check(kind, ref->ref, ref->canon, sizeof ref->canon, &e) == BUD_OK) {
		ref->kind = kind;
		return;
	}
	ref->canon[0] = '\0';
	bud_xml_problem(r->probs, n, "err.camt.reference", "%s: %s",
			kind == BUD_ID_RF ? "RF creditor reference" : "viitenumero", e.detail);
}

static void read_ref(struct rd *r, const xmlNode *strd, struct bud_camt_ref *ref)
{
	const xmlNode *cri = bud_xml_first(strd, "CdtrRefInf");
	const xmlNode *amt = bud_xml_first(strd, "RfrdDocAmt");
	const xmlNode *tp = bud_xml_get(cri, "Tp/CdOrPrtry");

	ref->ref = text(r, cri, "Ref");
	ref->type = text(r, tp, "Cd");
	if (!ref->type)
		ref->type = text(r, tp, "Prtry");
	ref->issuer = text(r, cri, "Tp/Issr");
	ref->doc_number = text(r, strd, "RfrdDocInf/Nb");
	if (amount(r, bud_xml_first(amt, "RmtdAmt"), &ref->amount, NULL) == 1) {
		ref->has_amount = 1;
	} else if (amount(r, bud_xml_first(amt, "CdtNoteAmt"), &ref->amount, NULL) == 1) {
		ref->amount = -ref->amount;
		ref->has_amount = 1;
	}
	classify(r, bud_xml_first(cri, "Ref"), ref);
}

/* ---- transactions ------------------------------------------------------------- */

static void read_parties(struct rd *r, const xmlNode *p, struct bud_camt_tx *tx)
{
	const xmlNode *acct = bud_xml_get(p, "CdtrAcct/Id");

	tx->debtor_name = text(r, p, "Dbtr/Nm");
	tx->debtor_iban = text(r, p, "DbtrAcct/Id/IBAN");
	tx->creditor_name = text(r, p, "Cdtr/Nm");
	tx->creditor_account = text(r, acct, "IBAN");
	if (!tx->creditor_account)
		tx->creditor_account = text(r, acct, "Othr/Id");
}

static void read_return(struct rd *r, const xmlNode *rtr, struct bud_camt_tx *tx)
{
	if (!rtr)
		return;
	tx->status = BUD_CAMT_RETURNED;
	tx->return_code = text(r, rtr, "Rsn/Cd");
	if (!tx->return_code)
		tx->return_code = text(r, rtr, "Rsn/Prtry");
	tx->return_info = join(r, rtr, "AddtlInf");
}

static void read_tx(struct rd *r, const xmlNode *n, const xmlNode *btch,
		    const struct bud_camt_entry *e, struct bud_camt_tx *tx)
{
	const xmlNode *refs = bud_xml_first(n, "Refs"), *rmt = bud_xml_first(n, "RmtInf"), *s;
	size_t i = 0;

	tx->line = bud_xml_line(n);
	tx->end_to_end_id = text(r, refs, "EndToEndId");
	tx->instr_id = text(r, refs, "InstrId");
	tx->tx_id = text(r, refs, "TxId");
	tx->acct_svcr_ref = text(r, refs, "AcctSvcrRef");
	tx->msg_id = text(r, refs, "MsgId");
	if (!tx->msg_id)
		tx->msg_id = text(r, btch, "MsgId");
	tx->pmt_inf_id = text(r, refs, "PmtInfId");
	if (!tx->pmt_inf_id)
		tx->pmt_inf_id = text(r, btch, "PmtInfId");
	if (amount(r, bud_xml_get(n, "AmtDtls/TxAmt/Amt"), &tx->amount, tx->currency) == 1)
		tx->has_amount = 1;
	tx->credit = e->credit;
	tx->status = e->status;
	read_parties(r, bud_xml_first(n, "RltdPties"), tx);
	read_return(r, bud_xml_first(n, "RtrInf"), tx);
	tx->unstructured = join(r, rmt, "Ustrd");
	tx->n_refs = bud_xml_count(rmt, "Strd");
	tx->refs = alloc(r, tx->n_refs, sizeof *tx->refs);
	if (!tx->refs)
		tx->n_refs = 0;
	for (s = bud_xml_first(rmt, "Strd"); s && i < tx->n_refs; s = bud_xml_next(s, "Strd"))
		read_ref(r, s, &tx->refs[i++]);
}

/* ---- entries ------------------------------------------------------------------- */

static size_t count_txs(const xmlNode *ntry)
{
	const xmlNode *d;
	size_t k = 0;

	for (d = bud_xml_first(ntry, "NtryDtls"); d; d = bud_xml_next(d, "NtryDtls"))
		k += bud_xml_count(d, "TxDtls");
	return k;
}

static void read_bank_code(struct rd *r, const xmlNode *c, struct bud_camt_entry *e)
{
	e->domain = text(r, c, "Domn/Cd");
	e->family = text(r, c, "Domn/Fmly/Cd");
	e->subfamily = text(r, c, "Domn/Fmly/SubFmlyCd");
	e->proprietary = text(r, c, "Prtry/Cd");
}

static int status_of(const char *s)
{
	if (s && strcmp(s, "PDNG") == 0)
		return BUD_CAMT_PENDING;
	if (s && strcmp(s, "INFO") == 0)
		return BUD_CAMT_INFO;
	return BUD_CAMT_BOOKED;
}

static void read_entry_head(struct rd *r, const xmlNode *n, struct bud_camt_entry *e)
{
	const char *cd = text(r, n, "CdtDbtInd"), *rv = text(r, n, "RvslInd");

	e->line = bud_xml_line(n);
	amount(r, bud_xml_first(n, "Amt"), &e->amount, e->currency);
	e->credit = cd && strcmp(cd, "CRDT") == 0;
	e->reversal = rv && (strcmp(rv, "true") == 0 || strcmp(rv, "1") == 0);
	e->status = status_of(text(r, n, "Sts"));
	date_of(r, bud_xml_first(n, "BookgDt"), e->booking_date);
	date_of(r, bud_xml_first(n, "ValDt"), e->value_date);
	e->entry_ref = text(r, n, "NtryRef");
	e->acct_svcr_ref = text(r, n, "AcctSvcrRef");
	read_bank_code(r, bud_xml_first(n, "BkTxCd"), e);
}

static void check_batch(struct rd *r, const xmlNode *btch, const struct bud_camt_tx *txs,
			size_t k);

static void read_entry(struct rd *r, const xmlNode *n, struct bud_camt_entry *e)
{
	const xmlNode *d, *t;
	size_t i = 0, first;

	read_entry_head(r, n, e);
	e->n_txs = count_txs(n);
	e->txs = alloc(r, e->n_txs, sizeof *e->txs);
	if (!e->txs) {
		e->n_txs = 0;
		return;
	}
	for (d = bud_xml_first(n, "NtryDtls"); d; d = bud_xml_next(d, "NtryDtls")) {
		const xmlNode *btch = bud_xml_first(d, "Btch");

		first = i;
		for (t = bud_xml_first(d, "TxDtls"); t && i < e->n_txs;
		     t = bud_xml_next(t, "TxDtls"))
			read_tx(r, t, btch, e, &e->txs[i++]);
		check_batch(r, btch, e->txs + first, i - first);
	}
	/* A lone transaction without an amount of its own is the entry. */
	if (e->n_txs == 1 && !e->txs[0].has_amount) {
		e->txs[0].amount = e->amount;
		memcpy(e->txs[0].currency, e->currency, sizeof e->currency);
		e->txs[0].has_amount = 1;
	}
}

/* ---- checks --------------------------------------------------------------------- */

static const char *fmt_amount(bud_cents v, char buf[BUD_MONEY_BUF])
{
	if (bud_money_format_plain(v, '.', buf, BUD_MONEY_BUF) != BUD_OK)
		snprintf(buf, BUD_MONEY_BUF, "?");
	return buf;
}

/* Sum of k transactions' amounts in currency ccy; 0 when one is missing,
 * in another currency, or the sum overflows. */
static int sum_txs(const struct bud_camt_tx *txs, size_t k, const char *ccy, bud_cents *sum)
{
	size_t i;

	*sum = 0;
	for (i = 0; i < k; i++)
		if (!txs[i].has_amount || strcmp(txs[i].currency, ccy) != 0 ||
		    bud_money_add(*sum, txs[i].amount, sum, NULL) != BUD_OK)
			return 0;
	return 1;
}

static void check_batch(struct rd *r, const xmlNode *btch, const struct bud_camt_tx *txs,
			size_t k)
{
	const xmlNode *nb = bud_xml_first(btch, "NbOfTxs"), *ta = bud_xml_first(btch, "TtlAmt");
	char ccy[4], a[BUD_MONEY_BUF], b[BUD_MONEY_BUF];
	const char *t;
	bud_cents total, sum;
	int64_t v;

	if (!btch || k == 0)
		return;
	t = bud_xml_text(r->pool, nb);
	if (t && (bud_fmt_decimal(t, '.', 0, 0, "NbOfTxs", &v, NULL) != BUD_OK ||
		  (size_t)v != k))
		bud_xml_problem(r->probs, nb, "err.camt.batch",
				"NbOfTxs is %.15s, but the batch lists %zu transactions", t, k);
	if (amount(r, ta, &total, ccy) == 1 && sum_txs(txs, k, ccy, &sum) && sum != total)
		bud_xml_problem(r->probs, ta, "err.camt.batch",
				"TtlAmt is %s, but its transactions add up to %s",
				fmt_amount(total, a), fmt_amount(sum, b));
}

static void check_entry(struct rd *r, const xmlNode *n, const struct bud_camt_entry *e)
{
	char a[BUD_MONEY_BUF], b[BUD_MONEY_BUF];
	bud_cents sum;

	if (e->n_txs > 1 && sum_txs(e->txs, e->n_txs, e->currency, &sum) && sum != e->amount)
		bud_xml_problem(r->probs, bud_xml_first(n, "Amt"), "err.camt.entry_sum",
				"the entry is %s, but its transactions add up to %s",
				fmt_amount(e->amount, a), fmt_amount(sum, b));
}

/* TxsSummry/TtlNtries: the number of entries and the sum without signs. */
static void check_summary(struct rd *r, const xmlNode *ntf, const struct bud_camt_ntfctn *f)
{
	const xmlNode *tt = bud_xml_get(ntf, "TxsSummry/TtlNtries");
	const xmlNode *nb = bud_xml_first(tt, "NbOfNtries"), *sn = bud_xml_first(tt, "Sum");
	const char *t = bud_xml_text(r->pool, nb);
	char a[BUD_MONEY_BUF], b[BUD_MONEY_BUF];
	bud_cents stated, sum = 0;
	int64_t v;
	size_t i;

	if (t && (bud_fmt_decimal(t, '.', 0, 0, "NbOfNtries", &v, NULL) != BUD_OK ||
		  (size_t)v != f->n_entries))
		bud_xml_problem(r->probs, nb, "err.camt.summary",
				"NbOfNtries is %.15s, but there are %zu entries", t, f->n_entries);
	if (!sn || bud_fmt_decimal(bud_xml_text(r->pool, sn), '.', 2, 0, "Sum", &stated,
				   NULL) != BUD_OK)
		return;
	for (i = 0; i < f->n_entries; i++)
		if (bud_money_add(sum, f->entries[i].amount, &sum, NULL) != BUD_OK)
			return;
	if (sum != stated)
		bud_xml_problem(r->probs, sn, "err.camt.summary",
				"Sum is %s, but the entries add up to %s",
				fmt_amount(stated, a), fmt_amount(sum, b));
}

/* ---- notifications ------------------------------------------------------------------- */

static void read_ntfctn(struct rd *r, const xmlNode *n, struct bud_camt_ntfctn *f)
{
	const xmlNode *acct = bud_xml_first(n, "Acct"), *e;
	size_t i = 0;

	f->id = text(r, n, "Id");
	f->created = text(r, n, "CreDtTm");
	f->account = text(r, acct, "Id/IBAN");
	if (!f->account)
		f->account = text(r, acct, "Id/Othr/Id");
	f->account_currency = text(r, acct, "Ccy");
	f->owner_name = text(r, acct, "Ownr/Nm");
	f->bic = text(r, acct, "Svcr/FinInstnId/BIC");
	f->n_entries = bud_xml_count(n, "Ntry");
	f->entries = alloc(r, f->n_entries, sizeof *f->entries);
	if (!f->entries) {
		f->n_entries = 0;
		return;
	}
	for (e = bud_xml_first(n, "Ntry"); e && i < f->n_entries; e = bud_xml_next(e, "Ntry")) {
		read_entry(r, e, &f->entries[i]);
		check_entry(r, e, &f->entries[i]);
		r->doc->n_txs += f->entries[i].n_txs;
		i++;
	}
	check_summary(r, n, f);
}

/* Transactions and entries in the whole document, for the bound. */
static size_t count_all(const xmlNode *body)
{
	const xmlNode *n, *e;
	size_t k = 0;

	for (n = bud_xml_first(body, "Ntfctn"); n; n = bud_xml_next(n, "Ntfctn"))
		for (e = bud_xml_first(n, "Ntry"); e; e = bud_xml_next(e, "Ntry"))
			k += 1 + count_txs(e);
	return k;
}

static int read_doc(struct rd *r, const xmlNode *root, bud_err *err)
{
	const xmlNode *body = bud_xml_first(root, "BkToCstmrDbtCdtNtfctn"), *n;
	struct bud_camt054 *doc = r->doc;
	size_t i = 0;

	if (count_all(body) > BUD_MAX_PAYMENTS)
		return bud_err_set(err, BUD_ETOOBIG, "Ntry", "err.camt.too_many",
				   "more than %d entries and transactions", BUD_MAX_PAYMENTS);
	doc->msg_id = text(r, body, "GrpHdr/MsgId");
	doc->created = text(r, body, "GrpHdr/CreDtTm");
	doc->n_ntfs = bud_xml_count(body, "Ntfctn");
	doc->ntfs = alloc(r, doc->n_ntfs, sizeof *doc->ntfs);
	if (!doc->ntfs)
		doc->n_ntfs = 0;
	for (n = bud_xml_first(body, "Ntfctn"); n && i < doc->n_ntfs; n = bud_xml_next(n, "Ntfctn"))
		read_ntfctn(r, n, &doc->ntfs[i++]);
	if (r->nomem)
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.internal", "out of memory");
	return BUD_OK;
}

/* ---- entry point ----------------------------------------------------------------------- */

static int parse_and_read(struct rd *r, const char *data, size_t len, bud_err *err)
{
	xmlDoc *xdoc = NULL;
	const xmlNode *root;
	bud_err ve;
	int rc;

	rc = bud_xml_parse(data, len, NULL, &xdoc, err);
	if (rc != BUD_OK)
		return rc;
	root = xmlDocGetRootElement(xdoc);
	if (!bud_xml_is(root, BUD_CAMT054_NS, "Document")) {
		rc = bud_err_set(err, BUD_EINVAL, NULL, "err.camt.root",
				 "not a camt.054.001.02 notification: <%.40s> in %.80s",
				 (const char *)root->name,
				 root->ns && root->ns->href ? (const char *)root->ns->href
							    : "no namespace");
		goto out;
	}
	rc = bud_xml_validate(xdoc, BUD_XSD_CAMT054_02, r->probs, &ve);
	if (rc == BUD_EINTERNAL || rc == BUD_ENOMEM) {
		*err = ve;
		goto out;
	}
	rc = read_doc(r, root, err);
out:
	xmlFreeDoc(xdoc);
	return rc;
}

int bud_camt054_read(const char *data, size_t len, struct bud_camt054 **out,
		     struct bud_fmt_problems *probs, bud_err *err)
{
	struct bud_fmt_problems own;
	struct rd r;
	bud_err e;
	int rc;

	*out = NULL;
	memset(&r, 0, sizeof r);
	bud_err_clear(&e);
	bud_fmt_problems_init(&own);
	r.probs = probs ? probs : &own;
	r.pool = bud_fmt_pool_new();
	r.doc = r.pool ? bud_fmt_pool_alloc(r.pool, sizeof *r.doc) : NULL;
	if (!r.doc) {
		rc = bud_err_set(&e, BUD_ENOMEM, NULL, "err.internal", "out of memory");
		goto fail;
	}
	r.doc->pool = r.pool;
	rc = parse_and_read(&r, data, len, &e);
	if (rc != BUD_OK)
		goto fail;
	*out = r.doc;
	bud_fmt_problems_sort(r.probs);
	rc = bud_fmt_problems_to_err(r.probs, &e);
	goto out;
fail:
	bud_fmt_pool_free(r.pool);
	bud_fmt_problem_add(r.probs, e.field, 0, e.key, "%s", e.detail);
out:
	if (err)
		*err = e;
	bud_fmt_problems_free(&own);
	return rc;
}

void bud_camt054_free(struct bud_camt054 *doc)
{
	if (doc)
		bud_fmt_pool_free(doc->pool);
}

const char *bud_camt_status_name(int status)
{
	switch (status) {
	case BUD_CAMT_BOOKED: return "booked";
	case BUD_CAMT_PENDING: return "pending";
	case BUD_CAMT_INFO: return "info";
	case BUD_CAMT_RETURNED: return "returned";
	default: return "unknown";
	}
}

const struct bud_camt_tx *bud_camt054_find(const struct bud_camt054 *doc, const char *e2e,
					   const struct bud_camt_entry **entry)
{
	size_t i, j, k;

	for (i = 0; doc && e2e && i < doc->n_ntfs; i++)
		for (j = 0; j < doc->ntfs[i].n_entries; j++) {
			const struct bud_camt_entry *e = &doc->ntfs[i].entries[j];

			for (k = 0; k < e->n_txs; k++)
				if (e->txs[k].end_to_end_id &&
				    strcmp(e->txs[k].end_to_end_id, e2e) == 0) {
					if (entry)
						*entry = e;
					return &e->txs[k];
				}
		}
	return NULL;
}
