/*
 * formats/fmt.h: the pieces every reader and writer of the formats layer
 * shares: a string pool that owns what a reader extracts, the list of
 * problems a check reports (each with the element path, the source line, a
 * catalog key and an English reason), exact fixed-point decimals, calendar
 * dates, and reading a bounded file for the CLI.
 *
 * Nothing here knows a particular format; finvoice.c, camt054.c and
 * pain001.c build on it.
 */
#ifndef BUD_FORMATS_FMT_H
#define BUD_FORMATS_FMT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/err.h"

/* ---- pool ---------------------------------------------------------------
 * An arena: many small allocations, freed together. A parsed document's
 * strings and arrays live in its pool, so freeing the document is one call.
 */
struct bud_fmt_pool;

struct bud_fmt_pool *bud_fmt_pool_new(void);
void bud_fmt_pool_free(struct bud_fmt_pool *p);		/* p may be NULL */
/* n zeroed bytes, aligned for any type; NULL when out of memory. */
void *bud_fmt_pool_alloc(struct bud_fmt_pool *p, size_t n);
/* Copies of s (NULL stays NULL) and of its first n bytes. */
char *bud_fmt_pool_strdup(struct bud_fmt_pool *p, const char *s);
char *bud_fmt_pool_strndup(struct bud_fmt_pool *p, const char *s, size_t n);

/* ---- problems -----------------------------------------------------------
 * A check reports every problem it finds, not just the first. The list is
 * capped at BUD_MAX_PROBLEMS; further ones are only counted in `dropped`.
 */
struct bud_fmt_problem {
	char path[160];		/* element path, "/Finvoice/InvoiceRow[2]/RowAmount" */
	int line;		/* source line, 0 when unknown */
	const char *key;	/* catalog key, "err.finvoice.row_sum" */
	char detail[256];	/* English, one line */
};

struct bud_fmt_problems {
	struct bud_fmt_problem *v;	/* owned; free with bud_fmt_problems_free */
	size_t n, cap;
	size_t dropped;		/* problems past the cap */
	int nomem;		/* an add failed for lack of memory */
};

void bud_fmt_problems_init(struct bud_fmt_problems *p);
void bud_fmt_problems_free(struct bud_fmt_problems *p);	/* p may be NULL */
/* Append one problem (path and key may be NULL). Never fails loudly: past the
 * cap or without memory the problem is counted, not stored. */
void bud_fmt_problem_add(struct bud_fmt_problems *p, const char *path, int line,
			 const char *key, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* Total found, stored or not. */
size_t bud_fmt_problems_count(const struct bud_fmt_problems *p);
/* Summarise into err: the first problem's key, path and detail, and how many
 * there are. Returns BUD_EINVAL (or BUD_OK when there are none). */
int bud_fmt_problems_to_err(const struct bud_fmt_problems *p, bud_err *err);
/* Order the problems by source line (stable; those without a line first). */
void bud_fmt_problems_sort(struct bud_fmt_problems *p);
/* Print one line per problem, "NAME:LINE: PATH: DETAIL [KEY]", and a line
 * for those past the cap (for the CLI and logs). */
void bud_fmt_problems_print(FILE *f, const char *name, const struct bud_fmt_problems *p);

/* ---- decimals -----------------------------------------------------------
 * Strict fixed point: an optional '-', 1..18 digits, and optionally `mark`
 * followed by one or more digits. The value is returned scaled by 10^scale
 * (scale 0..6): "12,5" with scale 2 is 1250. Fraction digits beyond `scale`
 * must be zeros ("1,005" in cents is refused, "1,00000" is accepted).
 * No spaces, no '+', no grouping, no exponent.
 * BUD_EINVAL (syntax or not exact) or BUD_EOVERFLOW, err naming `field`.
 */
int bud_fmt_decimal(const char *s, char mark, int scale, int allow_negative,
		    const char *field, int64_t *out, bud_err *err);
/* Formats v scaled by 10^scale with exactly `scale` decimals ('.' mark). */
int bud_fmt_decimal_format(int64_t v, int scale, char *out, size_t outsz);

/* ---- dates ----------------------------------------------------------------
 * out is "YYYY-MM-DD" (BUD_FMT_DATE bytes). The date must exist.
 */
#define BUD_FMT_DATE 11
/* "CCYYMMDD" (Finvoice's date format). */
int bud_fmt_date8(const char *s, char out[BUD_FMT_DATE]);
/* "YYYY-MM-DD", also the date part of an ISO date-time "YYYY-MM-DDThh:..."
 * when allow_time is nonzero. */
int bud_fmt_date_iso(const char *s, int allow_time, char out[BUD_FMT_DATE]);

/* ---- files --------------------------------------------------------------
 * Read a whole file of at most max bytes. *data is NUL-terminated and the
 * caller's to free(). A larger file is BUD_ETOOBIG (nothing returned).
 */
int bud_fmt_read_file(const char *path, size_t max, char **data, size_t *len,
		      bud_err *err);

#endif
