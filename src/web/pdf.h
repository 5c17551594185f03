/*
 * web/pdf.h: documents as PDF, made by the server with cairo and pango
 * (Debian's libcairo2 and libpango): A4 pages, text set by pango (so any
 * language and script wraps and shapes right), fonts embedded by cairo,
 * and the structure tagged (headings, paragraphs, lists, tables) so that a
 * screen reader and an archive read the document as a document. A page
 * breaks before a block that would not fit.
 *
 * Usage: bud_pdf_new, then blocks in reading order, then bud_pdf_finish,
 * which hands the bytes over and frees the document. Text is plain UTF-8
 * (never markup). The calls after a failure do nothing; finish reports it.
 */
#ifndef BUD_WEB_PDF_H
#define BUD_WEB_PDF_H

#include <stddef.h>

#include "core/buf.h"
#include "core/err.h"

struct bud_pdf;

/* A new document; title and author go into its metadata, lang (fi, sv,
 * en) is the document's language. BUD_ENOMEM, or BUD_EIO when cairo
 * cannot start. */
int bud_pdf_new(const char *title, const char *author, const char *lang,
		struct bud_pdf **out, bud_err *err);

/* Blocks. level 1..3 for headings. */
void bud_pdf_heading(struct bud_pdf *p, int level, const char *text);
void bud_pdf_para(struct bud_pdf *p, const char *text);
void bud_pdf_small(struct bud_pdf *p, const char *text);	/* a note, smaller */
/* A label and its value on one line (the value wraps beside the label). */
void bud_pdf_fact(struct bud_pdf *p, const char *label, const char *value);
/* A PNG image of len bytes, height_mm high (narrower if wider than the
 * text), outside the structure tags (cairo takes no alternative text for
 * an image, so it is decoration: the text that follows must say what it
 * shows); a PNG cairo cannot decode is left out. */
void bud_pdf_image(struct bud_pdf *p, const void *png, size_t len, double height_mm);
/* One item of a bulleted list; consecutive items make one list. */
void bud_pdf_item(struct bud_pdf *p, const char *text);

/* A table: begin with its column widths (fractions of the text width,
 * ncols of them, summing to 1), rows of ncols cells, end. header: the
 * row's cells are column headings. right: bit i set aligns column i to
 * the right (amounts). */
void bud_pdf_table_begin(struct bud_pdf *p, const double *widths, int ncols,
			 unsigned right);
void bud_pdf_table_row(struct bud_pdf *p, const char *const *cells, int header);
void bud_pdf_table_end(struct bud_pdf *p);

/* Finish the document: its bytes appended to out. Frees p (also on
 * failure; p may be NULL). */
int bud_pdf_finish(struct bud_pdf *p, bud_buf *out, bud_err *err);

#endif
