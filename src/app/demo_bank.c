/*
 * app/demo_bank.c: the bank's camt.054 notice of the demo's payment run
 * (app/demo.h, bud_demo_bank_notice), so that `scripts/start` shows a run
 * settled as a real one is: the notice is written as the bank would send
 * it (ISO 20022 camt.054.001.02, one booked debit of the organiser's
 * account per credit transfer, its end-to-end id and amount as the run's
 * pain.001 gave them) and imported through the use case, as a finance
 * user pasting it on the run's page.
 */
#include <inttypes.h>
#include <string.h>

#include "app/demo.h"
#include "app/payrun.h"
#include "core/buf.h"
#include "core/date.h"

/* The demo organiser's account (app/demo.c), which the payments leave. */
#define DEMO_ORG_IBAN "FI9617453000123457"

static void amount(bud_buf *b, int64_t cents)
{
	bud_buf_addf(b, "%" PRId64 ".%02" PRId64, cents / 100, cents % 100);
}

/* One booked debit: the transfer e2e of cents, on day. */
static void entry(bud_buf *b, const char *day, const char *e2e, int64_t cents)
{
	bud_buf_adds(b, "<Ntry><Amt Ccy=\"EUR\">");
	amount(b, cents);
	bud_buf_addf(b, "</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts>"
		     "<BookgDt><Dt>%s</Dt></BookgDt><ValDt><Dt>%s</Dt></ValDt>"
		     "<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>ICDT</Cd>"
		     "<SubFmlyCd>DMCT</SubFmlyCd></Fmly></Domn></BkTxCd>"
		     "<NtryDtls><TxDtls><Refs><EndToEndId>", day, day);
	bud_buf_add_html(b, e2e);
	bud_buf_adds(b, "</EndToEndId></Refs><AmtDtls><TxAmt><Amt Ccy=\"EUR\">");
	amount(b, cents);
	bud_buf_adds(b, "</Amt></TxAmt></AmtDtls></TxDtls></NtryDtls></Ntry>");
}

/* The notice of run view v (bud_payrun_get), booked on day, into b. */
static void notice(bud_buf *b, const json_t *v, const char *day)
{
	const char *msg = json_string_value(json_object_get(v, "msg_id"));
	json_t *p;
	size_t i;

	bud_buf_adds(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		     "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.054.001.02\">"
		     "<BkToCstmrDbtCdtNtfctn><GrpHdr><MsgId>PANKKI-");
	bud_buf_add_html(b, msg ? msg : "");
	bud_buf_addf(b, "</MsgId><CreDtTm>%sT16:00:00+02:00</CreDtTm></GrpHdr>"
		     "<Ntfctn><Id>PANKKI-1</Id><CreDtTm>%sT16:00:00+02:00</CreDtTm>"
		     "<Acct><Id><IBAN>" DEMO_ORG_IBAN "</IBAN></Id></Acct>", day, day);
	json_array_foreach(json_object_get(v, "payments"), i, p)
		entry(b, day, json_string_value(json_object_get(p, "end_to_end_id")),
		      json_integer_value(json_object_get(p, "amount")));
	bud_buf_adds(b, "</Ntfctn></BkToCstmrDbtCdtNtfctn></Document>\n");
}

int bud_demo_bank_notice(bud_app *app, const bud_actor *fin, int64_t run, bud_err *err)
{
	char today[BUD_DATE_BUF];
	json_t *v = NULL, *report = NULL;
	bud_buf b;
	int rc;

	if (bud_app_today(app, today, sizeof(today)) != BUD_OK)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal", "clock");
	if ((rc = bud_payrun_get(app, fin, run, &v, err)))
		return rc;
	bud_buf_init(&b, BUD_MAX_UPLOAD);
	notice(&b, v, today);
	json_decref(v);
	if (bud_buf_failed(&b))
		rc = bud_err_set(err, BUD_ENOMEM, NULL, "err.internal", "the demo's notice");
	else
		rc = bud_payrun_camt054(app, fin, run, bud_buf_str(&b), b.len, &report,
					NULL, err);
	bud_buf_free(&b);
	json_decref(report);
	return rc;
}
