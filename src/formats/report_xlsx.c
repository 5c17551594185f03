/*
 * formats/report_xlsx.c: a report table as an XLSX workbook, with
 * libxlsxwriter (see formats/report.h for the layout and the formats).
 *
 * The workbook is written in constant-memory mode (rows in order, each
 * flushed as it is done), so a county-wide table of many rows costs the
 * file, not a copy of it in memory. libxlsxwriter 1.1.4 writes to a named
 * file only: ours is a mkstemp file of mode 0600, removed before return.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "bud_limits.h"
#include "core/date.h"
#include "formats/fmt.h"
#include "formats/report.h"

struct xlsx_formats {
	lxw_format *caption, *heading, *integer, *money, *percent, *date;
};

static void make_formats(lxw_workbook *wb, const char *lang, struct xlsx_formats *f)
{
	f->caption = workbook_add_format(wb);
	format_set_bold(f->caption);
	format_set_font_size(f->caption, 13);
	f->heading = workbook_add_format(wb);
	format_set_bold(f->heading);
	format_set_text_wrap(f->heading);
	format_set_bottom(f->heading, LXW_BORDER_THIN);
	f->integer = workbook_add_format(wb);
	format_set_num_format(f->integer, "#,##0");
	f->money = workbook_add_format(wb);
	format_set_num_format(f->money, "#,##0.00\\ \"\xE2\x82\xAC\"");
	f->percent = workbook_add_format(wb);
	format_set_num_format(f->percent, "0.0\\ %");
	f->date = workbook_add_format(wb);
	format_set_num_format(f->date, strcmp(lang, "en") ? "d.m.yyyy" : "yyyy-mm-dd");
}

static const char *sheet_name(const char *lang)
{
	return !strcmp(lang, "sv") ? "Rapport" : !strcmp(lang, "en") ? "Report" : "Raportti";
}

static void write_cell(lxw_worksheet *ws, const struct bud_report *r, size_t row,
		       size_t col, const struct xlsx_formats *f)
{
	const struct bud_report_cell *c = bud_report_cell(r, row, col);
	lxw_row_t xr = (lxw_row_t)(row + 2);
	lxw_col_t xc = (lxw_col_t)col;
	lxw_datetime dt = {0};

	if (c->empty)
		return;
	switch (r->cols[col].type) {
	case BUD_RT_TEXT:
		worksheet_write_string(ws, xr, xc, c->text, NULL);
		break;
	case BUD_RT_INT:
		worksheet_write_number(ws, xr, xc, (double)c->num, f->integer);
		break;
	case BUD_RT_MONEY:
		worksheet_write_number(ws, xr, xc, (double)c->num / 100.0, f->money);
		break;
	case BUD_RT_PERCENT:
		worksheet_write_number(ws, xr, xc, (double)c->num / 10000.0, f->percent);
		break;
	case BUD_RT_DATE:
		if (bud_date_from_days(c->num, &dt.year, &dt.month, &dt.day) == BUD_OK &&
		    dt.year >= 1900)
			worksheet_write_datetime(ws, xr, xc, &dt, f->date);
		break;
	}
}

/* The sheet: caption, headings, rows; widths from the headings. */
static void write_sheet(lxw_workbook *wb, const struct bud_report *r)
{
	struct xlsx_formats f;
	lxw_worksheet *ws = workbook_add_worksheet(wb, sheet_name(r->lang));
	size_t i, c;

	make_formats(wb, r->lang, &f);
	for (c = 0; c < r->ncols; c++) {
		size_t w = strlen(r->cols[c].heading) + 2;

		w = r->cols[c].type == BUD_RT_TEXT && w < 24 ? 24 : w < 12 ? 12 : w > 40 ? 40 : w;
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, (double)w, NULL);
	}
	worksheet_freeze_panes(ws, 2, 0);
	if (r->ncols > 0)
		worksheet_autofilter(ws, 1, 0, (lxw_row_t)(r->nrows + 1),
				     (lxw_col_t)(r->ncols - 1));
	worksheet_write_string(ws, 0, 0, r->caption, f.caption);
	for (c = 0; c < r->ncols; c++)
		worksheet_write_string(ws, 1, (lxw_col_t)c, r->cols[c].heading, f.heading);
	for (i = 0; i < r->nrows; i++)
		for (c = 0; c < r->ncols; c++)
			write_cell(ws, r, i, c, &f);
}

/* A private file name in $TMPDIR (or /tmp) for the workbook. */
static int temp_path(char *path, size_t n, char *dir, size_t dn)
{
	const char *t = getenv("TMPDIR");
	int fd;

	if (!t || !*t || strlen(t) >= dn)
		t = "/tmp";
	snprintf(dir, dn, "%s", t);
	if ((size_t)snprintf(path, n, "%s/budjetti-report-XXXXXX", t) >= n)
		return -1;
	fd = mkstemp(path);
	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

int bud_report_xlsx(const struct bud_report *r, bud_buf *out, bud_err *err)
{
	char path[512], dir[400], *data = NULL;
	size_t len = 0;
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = dir};
	lxw_doc_properties props = {.title = r->caption};
	lxw_workbook *wb;
	int rc = bud_report_status(r);

	if (rc != BUD_OK)
		return bud_err_set(err, rc, NULL, "err.internal", "report table not complete");
	if (temp_path(path, sizeof(path), dir, sizeof(dir)) != 0)
		return bud_err_set(err, BUD_EIO, NULL, "err.internal",
				   "cannot make a temporary file for the workbook");
	wb = workbook_new_opt(path, &opt);
	if (!wb) {
		unlink(path);
		return bud_err_set(err, BUD_EIO, NULL, "err.internal", "cannot start a workbook");
	}
	workbook_set_properties(wb, &props);
	write_sheet(wb, r);
	if (workbook_close(wb) != LXW_NO_ERROR)
		rc = bud_err_set(err, BUD_EIO, NULL, "err.internal", "cannot write the workbook");
	if (rc == BUD_OK)
		rc = bud_fmt_read_file(path, BUD_REPORT_MAX_FILE, &data, &len, err);
	unlink(path);
	if (rc == BUD_OK && bud_buf_add(out, data, len) != BUD_OK)
		rc = bud_err_set(err, BUD_ETOOBIG, NULL, "err.report.too_big",
				 "report file too large");
	free(data);
	return rc;
}
