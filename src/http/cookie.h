/*
 * http/cookie.h: parsing a Cookie request header (RFC 6265 section 4.2)
 * into name/value pairs, as a pure function. The header may be at most
 * BUD_MAX_COOKIE bytes (longer: BUD_ETOOBIG, nothing parsed). Pairs are
 * separated by ';' with optional white space; a pair whose name is not a
 * token or whose value has bytes outside cookie-octet is skipped, as is a
 * pair without '='. A value in double quotes loses its quotes.
 *
 * Ownership: the pairs and strings live in the arena given.
 */
#ifndef BUD_HTTP_COOKIE_H
#define BUD_HTTP_COOKIE_H

#include <stddef.h>

#include "core/err.h"
#include "http/arena.h"
#include "http/http.h"

int bud_cookie_parse(bud_arena *a, const char *hdr, struct bud_kv **out,
		     size_t *nout, bud_err *err);

/* Nonzero when every byte of s is a cookie-octet (what a value may hold). */
int bud_cookie_value_ok(const char *s);

/* The value of the first cookie called name, or NULL. */
const char *bud_cookie_find(const struct bud_kv *kv, size_t n, const char *name);

#endif
