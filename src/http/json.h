/*
 * http/json.h: decoding a JSON request body, as pure functions. jansson's
 * own nesting limit (2048) is far above what budjetti accepts, so the body
 * is first scanned for its nesting depth (a linear pass that understands
 * strings and escapes, no recursion) and refused beyond BUD_MAX_JSON_DEPTH;
 * only then does jansson parse it, refusing duplicate object keys and NUL
 * characters in strings.
 */
#ifndef BUD_HTTP_JSON_H
#define BUD_HTTP_JSON_H

#include <stddef.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/err.h"

/* The deepest nesting of arrays and objects in s[0..n) (0 for a scalar),
 * counting only brackets outside strings; stops counting past max + 1. */
int bud_json_depth(const char *s, size_t n, int max);

/*
 * Decode s[0..n) into *out (a new reference the caller owns). Errors:
 * BUD_EINVAL "err.http.json_depth" when nested deeper than
 * BUD_MAX_JSON_DEPTH, "err.http.json_syntax" when malformed (err->field
 * names the member the error is in when there is one; err->detail says
 * where, as line, column and byte, and what, from jansson).
 */
int bud_json_decode(const char *s, size_t n, json_t **out, bud_err *err);

/*
 * Append v as compact JSON to out (members in the object's order, strings
 * escaped as bud_buf_add_json_str does, integers without printf), for the
 * answers: jansson's json_dumps formats every number with snprintf. Reals
 * (the API's quantities) are written with BUD_JSON_REAL_DIGITS significant
 * digits, so a decimal of up to that many digits comes out as written.
 * BUD_EINVAL past BUD_MAX_JSON_DEPTH levels, BUD_ETOOBIG past out's bound.
 */
int bud_json_write(bud_buf *out, const json_t *v);

#endif
