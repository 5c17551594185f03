/*
 * core/buf.h: a bounded, growable byte buffer for building strings, JSON
 * and HTML (after curl's dynbuf). Each buffer is given its maximum size when
 * it is set up; an append past it fails, and so does every later append, so
 * a caller may append many times and check once (bud_buf_failed).
 *
 * Ownership: the buffer owns `data` until bud_buf_free or bud_buf_steal.
 * The contents are always NUL-terminated (when data is not NULL).
 */
#ifndef BUD_CORE_BUF_H
#define BUD_CORE_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

typedef struct bud_buf {
	char *data;
	size_t len;
	size_t cap;
	size_t max;	/* the most bytes it may hold, without the NUL */
	int failed;	/* an append failed (too big or out of memory) */
} bud_buf;

void bud_buf_init(bud_buf *b, size_t max);
void bud_buf_free(bud_buf *b);			/* b may be NULL */
void bud_buf_reset(bud_buf *b);			/* empty it, keep memory, clear failed */

/* Appenders return BUD_OK, BUD_ETOOBIG or BUD_ENOMEM. */
int bud_buf_add(bud_buf *b, const void *p, size_t n);
int bud_buf_adds(bud_buf *b, const char *s);	/* s may be NULL: adds nothing */
int bud_buf_addc(bud_buf *b, char c);
int bud_buf_addf(bud_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int bud_buf_vaddf(bud_buf *b, const char *fmt, va_list ap);
int bud_buf_add_i64(bud_buf *b, int64_t v);

/* s escaped for HTML text and attribute values (& < > " '). */
int bud_buf_add_html(bud_buf *b, const char *s);
/* s as a JSON string, quotes included; invalid UTF-8 becomes U+FFFD. */
int bud_buf_add_json_str(bud_buf *b, const char *s);
/* s percent-encoded for a URL query value. */
int bud_buf_add_url(bud_buf *b, const char *s);

/* The contents as a C string ("" for an empty buffer). */
const char *bud_buf_str(const bud_buf *b);
int bud_buf_failed(const bud_buf *b);

/* Hand the contents to the caller (free() them); the buffer is left empty. */
char *bud_buf_steal(bud_buf *b, size_t *len);

#endif
