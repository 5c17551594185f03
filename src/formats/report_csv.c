/*
 * formats/report_csv.c: a report table as CSV (see formats/report.h for
 * why the mark, the separator and the number forms are what they are). The
 * quoting is formats/csv.c's writer; this file only lays out the table.
 */
#include <stdint.h>
#include <stdlib.h>

#include "bud_limits.h"
#include "formats/csv.h"
#include "formats/report.h"

static int row_out(const struct bud_report *r, size_t row, char delim, bud_buf *cellb,
		   const char **fields, bud_buf *out)
{
	size_t c, start[BUD_REPORT_MAX_COLS];

	bud_buf_reset(cellb);
	for (c = 0; c < r->ncols; c++) {
		start[c] = cellb->len;
		if (row == SIZE_MAX)
			bud_buf_adds(cellb, r->cols[c].heading);
		else
			bud_report_format(r, row, c, BUD_REPORT_SHEET, cellb);
		bud_buf_addc(cellb, '\0');
	}
	if (bud_buf_failed(cellb))
		return BUD_ETOOBIG;
	for (c = 0; c < r->ncols; c++)
		fields[c] = cellb->data + start[c];
	return bud_csv_write_row(out, fields, r->ncols, delim);
}

int bud_report_csv(const struct bud_report *r, bud_buf *out, bud_err *err)
{
	const char *fields[BUD_REPORT_MAX_COLS];
	char delim = r->lang[0] == 'e' ? ',' : ';';
	bud_buf cellb;
	size_t i;
	int rc = bud_report_status(r);

	if (rc != BUD_OK)
		return bud_err_set(err, rc, NULL, "err.internal", "report table not complete");
	bud_buf_init(&cellb, BUD_REPORT_MAX_FILE);
	rc = bud_buf_adds(out, BUD_CSV_BOM);
	if (rc == BUD_OK)
		rc = row_out(r, SIZE_MAX, delim, &cellb, fields, out);
	for (i = 0; rc == BUD_OK && i < r->nrows; i++)
		rc = row_out(r, i, delim, &cellb, fields, out);
	bud_buf_free(&cellb);
	if (rc != BUD_OK || bud_buf_failed(out))
		return bud_err_set(err, BUD_ETOOBIG, NULL, "err.report.too_big",
				   "report file too large");
	return BUD_OK;
}
