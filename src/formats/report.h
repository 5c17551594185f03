/*
 * formats/report.h: a report table (core/report.h) as a file to download:
 * CSV and XLSX, in the report's language. No database, no HTTP.
 *
 * CSV is written for Excel as Finnish offices run it, since that is where
 * a county's finance opens it:
 *   - UTF-8 with a byte order mark. Excel reads a CSV without the mark in
 *     the Windows code page (1252), which garbles ä, ö and å; with the mark
 *     it reads UTF-8. Other programs (LibreOffice, Python's csv with
 *     utf-8-sig, our own formats/csv.c) skip the mark.
 *   - The separator ';' for fi and sv: the list separator of Finnish and
 *     Swedish Windows, whose decimal mark is the comma, so Excel splits the
 *     columns on a double-click; ',' for en (decimal point).
 *   - Numbers as Excel in that language reads them as numbers: money
 *     "1234,50" without grouping or currency sign, percent "45,5" (the
 *     heading names the unit), dates "7.12.2026" (fi, sv) and "2026-12-07"
 *     (en). Records end with CRLF; the header row comes first, no caption.
 *
 * XLSX is written with libxlsxwriter: the caption in the first row, the
 * headings in the second (frozen, with a filter), the rows below. Money is
 * a number of euros with a € format, percent a fraction with a % format,
 * dates real dates in d.m.yyyy (fi, sv) or yyyy-mm-dd (en): an XLSX format
 * is stored in one notation and each Excel shows it with its own locale's
 * marks, "1 234,50 €" in Finnish. (A cell of an XLSX holds a double; cents
 * up to 10^15 convert to euros exactly enough to round back to the cent.)
 */
#ifndef BUD_FORMATS_REPORT_H
#define BUD_FORMATS_REPORT_H

#include "core/buf.h"
#include "core/err.h"
#include "core/report.h"

#define BUD_REPORT_CSV_TYPE "text/csv; charset=utf-8"
#define BUD_REPORT_XLSX_TYPE \
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

/* Append r as CSV (the mark, the headings, the rows) to out. BUD_OK,
 * r's failure when it failed, or BUD_ETOOBIG / BUD_ENOMEM from out. */
int bud_report_csv(const struct bud_report *r, bud_buf *out, bud_err *err);

/* Append r as an XLSX workbook of one sheet to out. libxlsxwriter 1.1.4
 * writes only to a file, so the workbook is written to a private temporary
 * file (mkstemp in $TMPDIR or /tmp, mode 0600), read back and removed.
 * BUD_EIO when the file cannot be written. */
int bud_report_xlsx(const struct bud_report *r, bud_buf *out, bud_err *err);

#endif
