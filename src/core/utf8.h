/*
 * core/utf8.h: the one UTF-8 decoder and encoder of budjetti. Every layer
 * that looks inside text (JSON output, form input, passwords, CSV, SEPA
 * text, the "fi" collation) reads it through these functions, so that all
 * of them agree on what well-formed UTF-8 is (RFC 3629):
 *  - no overlong forms (C0 AF for '/', E0 80 AF, ...);
 *  - no surrogates (U+D800..U+DFFF, ED A0 80 ...);
 *  - nothing past U+10FFFF (F4 90 80 80 and the lead bytes F5..FF);
 *  - no stray continuation byte and no sequence cut short.
 * A NUL byte is a well-formed character here; callers that refuse it (form
 * fields, CSV) say so themselves.
 *
 * Pure functions over byte ranges: no allocation, no global state.
 */
#ifndef BUD_CORE_UTF8_H
#define BUD_CORE_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* The largest code point (U+10FFFF). */
#define BUD_UTF8_MAX_CP 0x10ffffu

/*
 * Decode the character at s[0..n) (n > 0): its length in bytes (1 to 4)
 * with its code point in *cp, or 0 when the bytes at s do not start a
 * well-formed sequence that ends within n (*cp is then left alone). A
 * caller that goes on past a bad sequence skips one byte.
 */
size_t bud_utf8_decode(const char *s, size_t n, uint32_t *cp);

/* Nonzero when s[0..n) is well-formed UTF-8 throughout. */
int bud_utf8_valid(const char *s, size_t n);

/* The number of code points in well-formed, NUL-terminated s. */
size_t bud_utf8_len(const char *s);

/* Write cp as UTF-8 to out: its length (1 to 4), or 0 when cp is a
 * surrogate or past U+10FFFF (out untouched). */
size_t bud_utf8_encode(uint32_t cp, char out[4]);

/*
 * The length of the longest prefix of NUL-terminated s that has at most
 * max_bytes bytes and at most max_chars characters, and that does not cut
 * a character in two (it never ends just before a continuation byte).
 */
size_t bud_utf8_cut(const char *s, size_t max_bytes, size_t max_chars);

/* Copy into dst (dstsz > 0 bytes, NUL included) the prefix of src that
 * bud_utf8_cut allows with max_chars characters; its length in bytes. */
size_t bud_utf8_copy(char *dst, size_t dstsz, const char *src, size_t max_chars);

#endif
