/*
 * store/row.h: helpers shared by the store_*.c files (internal to store/):
 * binding text and integers with NULL for empty values, copying a column
 * into a fixed array (refusing, never truncating, a value that does not
 * fit), length checks of text fields, and stepping a write.
 */
#ifndef BUD_STORE_ROW_H
#define BUD_STORE_ROW_H

#include <stddef.h>
#include <stdint.h>

#include "store/db.h"

/* The rc of a bud_conn_stmt that returned NULL (err was set there). */
int bud_row_stmt_failed(const bud_err *err);
/* BUD_EINVAL (err.too_long) when s does not fit max bytes. */
int bud_row_fits(const char *s, size_t max, const char *field, bud_err *err);
/* Bind s at i; NULL or "" binds SQL NULL when nullable. Keeps the first
 * failure in *brc. s must outlive the step. */
void bud_row_bind_text(sqlite3_stmt *st, int i, const char *s, int nullable, int *brc);
/* Bind v at i; 0 binds SQL NULL when null_if_zero. */
void bud_row_bind_i64(sqlite3_stmt *st, int i, int64_t v, int null_if_zero, int *brc);
/* Bind the n bytes at p as a blob at i (p must outlive the step). */
void bud_row_bind_blob(sqlite3_stmt *st, int i, const void *p, size_t n, int *brc);
/* Copy column col into dst (NULL gives ""); too long is BUD_EINTERNAL. */
int bud_row_col_text(sqlite3_stmt *st, int col, char *dst, size_t dstsz, bud_err *err);
/* The text of column col, valid until the next step or reset of st;
 * NULL gives "". */
const char *bud_row_col_str(sqlite3_stmt *st, int col);
/* Reads the current row of st into out (a row struct of store/). */
typedef int (*bud_row_read_fn)(sqlite3_stmt *st, void *out, bud_err *err);
/* Step a SELECT of at most one row (parameters bound, brc their first
 * failure): the row read into out by read, or BUD_ENOTFOUND with field
 * `what` ("no such <what>"). st is reset. */
int bud_row_get_one(bud_conn *c, sqlite3_stmt *st, int brc, const char *what,
		    bud_row_read_fn read, void *out, bud_err *err);
/* Step a write (or a query whose rows do not matter) to completion and
 * reset st; brc is the first bind failure, which fails it unstepped. */
int bud_row_step_done(bud_conn *w, sqlite3_stmt *st, int brc, const char *what,
		      bud_err *err);
/* bud_row_step_done of an INSERT, handing back the new row's id. */
int bud_row_step_insert(bud_conn *w, sqlite3_stmt *st, int brc, const char *what,
			int64_t *id_out, bud_err *err);

#endif
