/*
 * core/report.h: the table every report is made of, whatever it is shown
 * as: a caption, typed columns and rows of cells. The same table becomes
 * the HTML table and the SVG chart of a page (web/report_table.c,
 * web/chart.c), and the CSV and XLSX downloads (formats/report_csv.c,
 * formats/report_xlsx.c), so a figure is computed once and every face shows
 * the same number.
 *
 * A column has a heading (text in the report's language, given by the
 * caller) and a type that says what its cells hold:
 *   BUD_RT_TEXT     text (UTF-8)
 *   BUD_RT_INT      an integer (counts)
 *   BUD_RT_MONEY    integer cents (never floating point)
 *   BUD_RT_PERCENT  hundredths of a percent: 4550 is 45,5 %
 *   BUD_RT_DATE     a calendar date, held as days since 1970-01-01
 * Any cell may be empty (a forecast with no date, an unknown figure).
 *
 * Building: init, then the columns, then the cells left to right, row
 * after row; a row is complete when its last column is set. Errors are
 * sticky (like bud_buf): a failed append (no memory, over the bounds
 * BUD_REPORT_MAX_COLS / BUD_REPORT_MAX_ROWS, a cell of the wrong type, a
 * column after the first cell) marks the table failed and every later call
 * fails too, so a builder may check once with bud_report_status.
 *
 * Ownership: the table owns copies of every text; bud_report_release frees
 * them (a released or zeroed table is empty and may be released again).
 */
#ifndef BUD_CORE_REPORT_H
#define BUD_CORE_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

enum bud_report_type {
	BUD_RT_TEXT,
	BUD_RT_INT,
	BUD_RT_MONEY,
	BUD_RT_PERCENT,
	BUD_RT_DATE,
};

struct bud_report_cell {
	int64_t num;		/* INT, MONEY, PERCENT, DATE (see above) */
	char *text;		/* TEXT: the text; NULL otherwise */
	int empty;		/* nothing in the cell */
};

struct bud_report_col {
	char *heading;
	enum bud_report_type type;
};

struct bud_report {
	char lang[3];		/* "fi", "sv" or "en": the language of the texts */
	char *caption;
	struct bud_report_col *cols;
	size_t ncols;
	struct bud_report_cell *cells;	/* row-major, nrows * ncols */
	size_t nrows;		/* complete rows */
	size_t ncells, capcells;
	int failed;
};

/* An empty table in lang (anything else reads as "fi") with caption. */
int bud_report_init(struct bud_report *r, const char *lang, const char *caption);
void bud_report_release(struct bud_report *r);	/* r may be NULL */

/* Add a column; only before the first cell. */
int bud_report_col(struct bud_report *r, const char *heading, enum bud_report_type type);

/* The next cell of the current row: text (TEXT columns; NULL is empty),
 * a number (INT, MONEY, PERCENT, DATE as days), a date "YYYY-MM-DD"
 * (DATE; NULL or "" is empty), or an empty cell of any type. */
int bud_report_text(struct bud_report *r, const char *s);
int bud_report_num(struct bud_report *r, int64_t v);
int bud_report_date(struct bud_report *r, const char *iso);
int bud_report_empty(struct bud_report *r);

/* BUD_OK when nothing failed and the last row is complete, else
 * BUD_ENOMEM / BUD_ETOOBIG / BUD_EINVAL (the first failure). */
int bud_report_status(const struct bud_report *r);

/* The cell at row, col (both in range). */
const struct bud_report_cell *bud_report_cell(const struct bud_report *r, size_t row,
					      size_t col);

/*
 * Append the cell at row, col as text to out (nothing for an empty cell).
 * BUD_REPORT_SHOW is for reading: money "1 234,50 €", percent "45,5 %",
 * dates "7.12.2026" (fi, sv) or "2026-12-07" (en). BUD_REPORT_SHEET is
 * what a spreadsheet reads as a number in the report's language: money
 * "1234,50" (fi, sv) or "1234.50" (en), no grouping, no sign of the
 * currency; percent "45,5"; dates as for reading. Returns what the bud_buf
 * appenders return.
 */
enum bud_report_form { BUD_REPORT_SHOW, BUD_REPORT_SHEET };
int bud_report_format(const struct bud_report *r, size_t row, size_t col,
		      enum bud_report_form form, bud_buf *out);

/* The numeric types are aligned to the right when shown. */
int bud_report_type_numeric(enum bud_report_type t);

#endif
