/*
 * http/form.h: decoding of what arrives in a URL or a form body, as pure
 * functions (no server needed, so unit tests and fuzzers call them):
 *  - the request path: percent-decoded, NUL, "%2F", "." / ".." segments
 *    and invalid UTF-8 refused;
 *  - a query string or an application/x-www-form-urlencoded body: '&'
 *    separated name=value pairs, '+' as space, %XX escapes, at most
 *    BUD_MAX_FIELDS fields, names up to BUD_MAX_FIELD_NAME bytes, values up
 *    to BUD_MAX_FIELD_VALUE bytes, every name and value valid UTF-8 with
 *    no NUL.
 * Failures: BUD_EINVAL (malformed: answered 400) or BUD_ETOOBIG (over a
 * limit: 413), with err->field the field's name when it is known.
 *
 * Ownership: decoded strings and arrays live in the arena given.
 */
#ifndef BUD_HTTP_FORM_H
#define BUD_HTTP_FORM_H

#include <stddef.h>

#include "core/err.h"
#include "core/utf8.h"
#include "http/arena.h"
#include "http/http.h"

/*
 * Percent-decode s[0..n) into out (at least n + 1 bytes), '+' as a space
 * when plus_is_space. *outlen gets the decoded length (out is also
 * NUL-terminated). BUD_EINVAL on a bad escape ("%4", "%G0").
 */
int bud_pct_decode(const char *s, size_t n, int plus_is_space, char *out,
		   size_t *outlen);

/* Decode a raw request path (without the query) into *out. */
int bud_path_decode(bud_arena *a, const char *raw, size_t n, char **out,
		    bud_err *err);

/* Decode a query string or urlencoded body s[0..n) into *out, *nout pairs
 * (an empty input gives zero pairs and *out NULL). */
int bud_form_decode(bud_arena *a, const char *s, size_t n, struct bud_kv **out,
		    size_t *nout, bud_err *err);

#endif
