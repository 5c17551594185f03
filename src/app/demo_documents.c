/*
 * app/demo_documents.c: the demo's statutory documents (app/demo.h,
 * bud_demo_documents), uploaded through the same use case people use
 * (bud_document_upload), so the files are kept beside the demo database
 * in <database>.files/ like any other:
 *
 *   Apuviisas Oy   all four kinds, uploaded by its admin Kari Mäkelä
 *   Tukitupa ry    the tax debt certificate and the trade register
 *                  extract, brought in by the worker; its page shows the
 *                  pension insurance and the liability insurance missing
 *
 * Each file is the same one-page PDF saying it is an example, never a
 * real certificate.
 */
#include <stdio.h>
#include <string.h>

#include "app/demo.h"
#include "app/document.h"

enum { ACC_WORKER = 1, ACC_PROVIDER = 4 };

/* A whole one-page PDF (its cross-reference offsets are right). */
static const char demo_pdf[] =
	"%PDF-1.4\n"
	"1 0 obj\n"
	"<< /Type /Catalog /Pages 2 0 R >>\n"
	"endobj\n"
	"2 0 obj\n"
	"<< /Type /Pages /Kids [3 0 R] /Count 1 >>\n"
	"endobj\n"
	"3 0 obj\n"
	"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
	"/Resources << /Font << /F1 5 0 R >> >> >>\n"
	"endobj\n"
	"4 0 obj\n"
	"<< /Length 86 >>\n"
	"stream\n"
	"BT /F1 18 Tf 72 760 Td (budjetti demo: example document, not a real certificate) Tj ET\n"
	"endstream\n"
	"endobj\n"
	"5 0 obj\n"
	"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\n"
	"endobj\n"
	"xref\n"
	"0 6\n"
	"0000000000 65535 f \n"
	"0000000009 00000 n \n"
	"0000000058 00000 n \n"
	"0000000115 00000 n \n"
	"0000000241 00000 n \n"
	"0000000377 00000 n \n"
	"trailer\n"
	"<< /Size 6 /Root 1 0 R >>\n"
	"startxref\n"
	"447\n"
	"%%EOF\n";

static const struct demo_document {
	int provider, account;
	const char *kind, *name;
} documents[] = {
	{0, ACC_PROVIDER, "tax_debt", "verovelkatodistus-apuviisas.pdf"},
	{0, ACC_PROVIDER, "pension_insurance", "tyel-todistus-apuviisas.pdf"},
	{0, ACC_PROVIDER, "trade_register", "kaupparekisteriote-apuviisas.pdf"},
	{0, ACC_PROVIDER, "liability_insurance", "vastuuvakuutus-apuviisas.pdf"},
	{1, ACC_WORKER, "tax_debt", "verovelkatodistus-tukitupa.pdf"},
	{1, ACC_WORKER, "trade_register", "yhdistysrekisteriote-tukitupa.pdf"},
};

int bud_demo_documents(bud_app *app, const struct bud_demo_result *r, bud_err *err)
{
	size_t i;
	int rc;

	for (i = 0; i < sizeof(documents) / sizeof(documents[0]); i++) {
		const struct demo_document *d = &documents[i];
		struct bud_document_in in = {d->kind, d->name, "application/pdf",
					     demo_pdf, sizeof(demo_pdf) - 1};
		bud_actor a;

		memset(&a, 0, sizeof(a));
		a.user_id = r->accounts[d->account].user_id;
		a.role = d->account == ACC_PROVIDER ? BUD_ROLE_PROVIDER_USER : BUD_ROLE_WORKER;
		a.organiser_id = r->organiser_id;
		a.unit_id = d->account == ACC_WORKER ? r->unit_ids[0] : 0;
		a.provider_id = d->account == ACC_PROVIDER ? r->provider_ids[0] : 0;
		snprintf(a.lang, sizeof(a.lang), "fi");
		if ((rc = bud_document_upload(app, &a, r->provider_ids[d->provider], &in,
					      NULL, err)) != BUD_OK)
			return rc;
	}
	return BUD_OK;
}
