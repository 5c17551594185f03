/*
 * formats/csv.h: CSV (RFC 4180) read and written, bytes to rows and back,
 * for the price list's import and export. No database, no I/O.
 *
 * Reading accepts what Finnish spreadsheets save: the delimiter ';' (or
 * ','; bud_csv_parse can tell which from the first line), CRLF, LF or a
 * lone CR as the line end, fields in double quotes with "" standing for
 * one quote (a quoted field may hold delimiters and line ends), and a
 * UTF-8 byte order mark at the start, which is skipped. The text must be
 * UTF-8 without NUL bytes. A line end after the last record adds no empty
 * record; an empty line elsewhere is a record of one empty field (the
 * caller decides what that means).
 *
 * Bounds: at most BUD_MAX_BODY bytes, BUD_CSV_MAX_ROWS + 1 records (a
 * header and BUD_CSV_MAX_ROWS rows) and BUD_CSV_MAX_FIELDS fields in a
 * record; beyond them BUD_ETOOBIG.
 *
 * Errors are BUD_EINVAL (or BUD_ETOOBIG) with err->field "csv", a key
 * err.csv.<reason> and an English detail "line L, column C: ...", and the
 * position in csv->err_line / csv->err_column (1-based: the physical line
 * of the file, counting from the first; the field's number in its record).
 *
 * Writing: fields are quoted only when they hold the delimiter, a quote,
 * CR or LF (quotes doubled); records end with CRLF.
 *
 * Ownership: a parsed bud_csv owns all its rows and field texts until
 * bud_csv_free; field pointers stay valid until then.
 */
#ifndef BUD_FORMATS_CSV_H
#define BUD_FORMATS_CSV_H

#include <stddef.h>

#include "core/buf.h"
#include "core/err.h"

/* The UTF-8 byte order mark, written before an export so spreadsheet
 * programs read the file as UTF-8. */
#define BUD_CSV_BOM "\xEF\xBB\xBF"

struct bud_csv_row {
	size_t line;		/* the physical line the record starts on */
	size_t nfields;		/* >= 1 */
	char **fields;		/* NUL-terminated, unescaped */
};

struct bud_csv {
	struct bud_csv_row *rows;
	size_t nrows;
	char delim;		/* the delimiter used (after detection) */
	size_t err_line;	/* set on a parse error, else 0 */
	size_t err_column;
	/* owned storage */
	char *text;
	char **all_fields;
};

/*
 * Parse len bytes of data (need not be NUL-terminated) into *out (which
 * need not be initialised; after any return bud_csv_free(out) is safe).
 * delim is ';' or ','; 0 detects it from the first line: ';' when it holds
 * an unquoted ';', else ',' when it holds an unquoted ',', else ';'.
 * BUD_OK, or an error as described above (BUD_ENOMEM when memory runs
 * out). Empty input (after the BOM) is BUD_EINVAL err.csv.empty.
 */
int bud_csv_parse(const char *data, size_t len, char delim, struct bud_csv *out,
		  bud_err *err);

void bud_csv_free(struct bud_csv *csv);	/* csv may be NULL */

/* Append one record of n fields (NULL reads as "") and CRLF to b. Returns
 * what the bud_buf appenders return. delim is ';' or ','. */
int bud_csv_write_row(bud_buf *b, const char *const *fields, size_t n, char delim);

#endif
