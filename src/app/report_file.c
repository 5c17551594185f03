/*
 * app/report_file.c: report tables as download files (app/report_file.h).
 */
#include <stdlib.h>
#include <string.h>

#include "app/report_file.h"
#include "bud_limits.h"
#include "formats/report.h"

int bud_report_kind_parse(const char *s, const char *field, enum bud_report_kind *out,
			  bud_err *err)
{
	if (s && !strcmp(s, "csv")) {
		*out = BUD_REPORT_CSV;
		return BUD_OK;
	}
	if (s && !strcmp(s, "xlsx")) {
		*out = BUD_REPORT_XLSX;
		return BUD_OK;
	}
	return bud_err_set(err, BUD_EINVAL, field, "err.report.format",
			   "the format is csv or xlsx");
}

int bud_report_file_make(const struct bud_report *r, enum bud_report_kind kind,
			 struct bud_report_file *f, bud_err *err)
{
	bud_buf b;
	int rc;

	memset(f, 0, sizeof(*f));
	bud_buf_init(&b, BUD_REPORT_MAX_FILE);
	if (kind == BUD_REPORT_XLSX)
		rc = bud_report_xlsx(r, &b, err);
	else
		rc = bud_report_csv(r, &b, err);
	if (rc != BUD_OK) {
		bud_buf_free(&b);
		return rc;
	}
	f->data = bud_buf_steal(&b, &f->len);
	if (!f->data)
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.internal", "out of memory");
	f->type = kind == BUD_REPORT_XLSX ? BUD_REPORT_XLSX_TYPE : BUD_REPORT_CSV_TYPE;
	f->ext = kind == BUD_REPORT_XLSX ? "xlsx" : "csv";
	return BUD_OK;
}

void bud_report_file_release(struct bud_report_file *f)
{
	if (!f)
		return;
	free(f->data);
	memset(f, 0, sizeof(*f));
}
