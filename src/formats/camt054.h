/*
 * formats/camt054.h: reading the bank's debit/credit notification, ISO 20022
 * camt.054.001.02 (BkToCstmrDbtCdtNtfctn), so that a payment run can be
 * matched against what the bank booked or returned.
 *
 * Every notification (one per account), every entry and every transaction
 * detail is read: the end-to-end id that our pain.001 gave each payment,
 * the other references, the amount, debit or credit, the status (booked,
 * pending, information only, or returned with the reason code and text),
 * the counterparty and the creditor references with their amounts.
 *
 * Checked in the same pass, each problem with its element path: validity
 * against the camt.054.001.02 schema (embedded); amounts in whole cents
 * (ISO writes "1234.50", up to five decimals, only two of them non-zero
 * here); the transactions of an entry adding up to the entry; a batch's
 * NbOfTxs and TtlAmt; the notification's TxsSummry; Finnish creditor
 * references (SCOR) that look like a viitenumero (digits) or an RF
 * reference ("RF...") but fail their check digits. A reference of another
 * shape is kept as written, with kind -1, and is no problem.
 *
 * Strings are NULL when absent, dates "YYYY-MM-DD" or "". Everything
 * belongs to the bud_camt054 and is freed with it.
 */
#ifndef BUD_FORMATS_CAMT054_H
#define BUD_FORMATS_CAMT054_H

#include <stddef.h>

#include "core/err.h"
#include "core/ids.h"
#include "core/money.h"
#include "formats/fmt.h"

#define BUD_CAMT054_NS "urn:iso:std:iso:20022:tech:xsd:camt.054.001.02"

enum bud_camt_status {
	BUD_CAMT_BOOKED,	/* Sts BOOK */
	BUD_CAMT_PENDING,	/* Sts PDNG */
	BUD_CAMT_INFO,		/* Sts INFO: information only, not booked */
	BUD_CAMT_RETURNED,	/* a transaction with return information (RtrInf) */
};

/* One structured creditor reference (RmtInf/Strd). */
struct bud_camt_ref {
	const char *ref;		/* CdtrRefInf/Ref, trimmed */
	const char *type;		/* CdOrPrtry/Cd ("SCOR") or its Prtry text */
	const char *issuer;		/* Tp/Issr ("ISO" for RF) */
	int kind;			/* BUD_ID_VIITE, BUD_ID_RF, or -1 */
	char canon[BUD_ID_BUF];		/* canonical form when kind >= 0 */
	const char *doc_number;		/* RfrdDocInf/Nb: the invoice number */
	bud_cents amount;		/* RfrdDocAmt: RmtdAmt, or -CdtNoteAmt */
	int has_amount;
};

struct bud_camt_tx {
	int line;			/* source line of <TxDtls> */
	const char *end_to_end_id;	/* Refs/EndToEndId */
	const char *instr_id;		/* Refs/InstrId */
	const char *tx_id;		/* Refs/TxId */
	const char *acct_svcr_ref;	/* Refs/AcctSvcrRef: the bank's archive id */
	const char *msg_id;		/* Refs/MsgId, else the batch's */
	const char *pmt_inf_id;		/* Refs/PmtInfId, else the batch's */
	bud_cents amount;		/* AmtDtls/TxAmt/Amt (has_amount) */
	char currency[4];
	int has_amount;
	int credit;			/* the entry's CdtDbtInd: 1 CRDT, 0 DBIT */
	int status;			/* enum bud_camt_status */
	const char *return_code;	/* RtrInf/Rsn/Cd or Prtry ("AC01") */
	const char *return_info;	/* RtrInf/AddtlInf lines joined by "\n" */
	const char *debtor_name;	/* RltdPties/Dbtr/Nm */
	const char *debtor_iban;	/* RltdPties/DbtrAcct/Id/IBAN */
	const char *creditor_name;	/* RltdPties/Cdtr/Nm */
	const char *creditor_account;	/* RltdPties/CdtrAcct/Id: IBAN or Othr/Id */
	const char *unstructured;	/* RmtInf/Ustrd lines joined by "\n" */
	struct bud_camt_ref *refs;
	size_t n_refs;
};

struct bud_camt_entry {
	int line;
	bud_cents amount;		/* Amt, always present */
	char currency[4];
	int credit;			/* 1 CRDT, 0 DBIT */
	int reversal;			/* RvslInd true */
	int status;			/* BOOKED, PENDING or INFO */
	char booking_date[BUD_FMT_DATE];	/* BookgDt/Dt, or the date of DtTm */
	char value_date[BUD_FMT_DATE];
	const char *entry_ref;		/* NtryRef */
	const char *acct_svcr_ref;	/* AcctSvcrRef */
	const char *domain, *family, *subfamily;	/* BkTxCd/Domn: PMNT ICDT DMCT */
	const char *proprietary;	/* BkTxCd/Prtry/Cd */
	struct bud_camt_tx *txs;
	size_t n_txs;
};

struct bud_camt_ntfctn {
	const char *id;
	const char *created;		/* CreDtTm as written */
	const char *account;		/* Acct/Id/IBAN, or Acct/Id/Othr/Id */
	const char *account_currency;	/* Acct/Ccy */
	const char *owner_name;		/* Acct/Ownr/Nm */
	const char *bic;		/* Acct/Svcr/FinInstnId/BIC */
	struct bud_camt_entry *entries;
	size_t n_entries;
};

struct bud_camt054 {
	const char *msg_id;		/* GrpHdr/MsgId */
	const char *created;		/* GrpHdr/CreDtTm */
	struct bud_camt_ntfctn *ntfs;
	size_t n_ntfs;
	size_t n_txs;			/* transaction details in all entries */
	struct bud_fmt_pool *pool;	/* owns everything above */
};

/*
 * Read and check a camt.054.001.02 notification; same contract as
 * bud_finvoice_read: BUD_OK (no problems), BUD_EINVAL with *out set (read,
 * with problems), or an error with *out NULL (unreadable: not XML, over a
 * limit, another message type, more than BUD_MAX_PAYMENTS transactions).
 */
int bud_camt054_read(const char *data, size_t len, struct bud_camt054 **out,
		     struct bud_fmt_problems *probs, bud_err *err);
void bud_camt054_free(struct bud_camt054 *doc);	/* doc may be NULL */

/* "booked", "pending", "info", "returned". */
const char *bud_camt_status_name(int status);

/* The first transaction with this end-to-end id (and its entry), or NULL. */
const struct bud_camt_tx *bud_camt054_find(const struct bud_camt054 *doc, const char *e2e,
					   const struct bud_camt_entry **entry);

#endif
