/*
 * http/form.c: percent-decoding of paths, query strings and urlencoded
 * form bodies, and the UTF-8 check every decoded name and value passes.
 * Everything here is a pure function over its arguments; memory comes from
 * the caller's arena. See form.h for the rules and the limits enforced.
 */
#include <assert.h>
#include <string.h>

#include "http/form.h"
#include "bud_limits.h"

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int bud_pct_decode(const char *s, size_t n, int plus_is_space, char *out,
		   size_t *outlen)
{
	size_t i, o = 0;

	for (i = 0; i < n; i++) {
		char c = s[i];

		if (c == '%') {
			int hi, lo;

			if (n - i < 3)
				return BUD_EINVAL;
			hi = hexval((unsigned char)s[i + 1]);
			lo = hexval((unsigned char)s[i + 2]);
			if (hi < 0 || lo < 0)
				return BUD_EINVAL;
			out[o++] = (char)(hi << 4 | lo);
			i += 2;
		} else if (c == '+' && plus_is_space) {
			out[o++] = ' ';
		} else {
			out[o++] = c;
		}
	}
	out[o] = '\0';
	*outlen = o;
	return BUD_OK;
}

/* One path segment [s, s+n) of the raw path: no encoded '/', no dot segments. */
static int path_segment_ok(const char *s, size_t n)
{
	size_t i;

	if ((n == 1 && s[0] == '.') || (n == 2 && s[0] == '.' && s[1] == '.'))
		return 0;
	for (i = 0; i + 2 < n; i++)
		if (s[i] == '%' && s[i + 1] == '2' && (s[i + 2] == 'F' || s[i + 2] == 'f'))
			return 0;
	return 1;
}

int bud_path_decode(bud_arena *a, const char *raw, size_t n, char **out,
		    bud_err *err)
{
	size_t seg, i, len;
	char *buf;

	*out = NULL;
	if (n == 0 || raw[0] != '/')
		return bud_err_set(err, BUD_EINVAL, NULL, "err.http.bad_path",
				   "path does not start with '/'");
	for (seg = i = 1; i <= n; i++) {
		if (i < n && raw[i] != '/')
			continue;
		if (!path_segment_ok(raw + seg, i - seg))
			return bud_err_set(err, BUD_EINVAL, NULL, "err.http.bad_path",
					   "dot segment or encoded '/' in path");
		seg = i + 1;
	}
	buf = bud_arena_alloc(a, n + 1);
	if (bud_pct_decode(raw, n, 0, buf, &len) != BUD_OK)
		return bud_err_set(err, BUD_EINVAL, NULL, "err.http.bad_escape",
				   "bad percent escape in path");
	if (memchr(buf, '\0', len) || !bud_utf8_valid(buf, len))
		return bud_err_set(err, BUD_EINVAL, NULL, "err.http.bad_utf8",
				   "NUL or invalid UTF-8 in path");
	*out = buf;
	return BUD_OK;
}

/* Decode one name or value [s, s+n) into a fresh arena string. */
static int decode_part(bud_arena *a, const char *s, size_t n, size_t max,
		       const char *field, char **out, bud_err *err)
{
	char *buf = bud_arena_alloc(a, n + 1);
	size_t len;

	if (bud_pct_decode(s, n, 1, buf, &len) != BUD_OK)
		return bud_err_set(err, BUD_EINVAL, field, "err.http.bad_escape",
				   "bad percent escape in form data");
	if (len > max)
		return bud_err_set(err, BUD_ETOOBIG, field,
				   field ? "err.http.field_too_long" : "err.http.field_name_too_long",
				   "form %s longer than %zu bytes", field ? "value" : "name", max);
	if (memchr(buf, '\0', len) || !bud_utf8_valid(buf, len))
		return bud_err_set(err, BUD_EINVAL, field, "err.http.bad_utf8",
				   "NUL or invalid UTF-8 in form data");
	*out = buf;
	return BUD_OK;
}

static size_t count_pairs(const char *s, size_t n)
{
	size_t i, count = 0, start = 0;

	for (i = 0; i <= n; i++)
		if (i == n || s[i] == '&') {
			if (i > start)
				count++;
			start = i + 1;
		}
	return count;
}

int bud_form_decode(bud_arena *a, const char *s, size_t n, struct bud_kv **out,
		    size_t *nout, bud_err *err)
{
	size_t count = count_pairs(s, n), k = 0, i, start = 0;
	struct bud_kv *kv;
	int rc;

	*out = NULL;
	*nout = 0;
	if (count == 0)
		return BUD_OK;
	if (count > BUD_MAX_FIELDS)
		return bud_err_set(err, BUD_ETOOBIG, NULL, "err.http.too_many_fields",
				   "more than %d fields", BUD_MAX_FIELDS);
	kv = bud_arena_alloc(a, count * sizeof *kv);
	for (i = 0; i <= n; i++) {
		const char *pair = s + start, *eq;
		size_t plen = i - start;
		char *name, *value;

		if (i < n && s[i] != '&')
			continue;
		start = i + 1;
		if (plen == 0)
			continue;
		eq = memchr(pair, '=', plen);
		rc = decode_part(a, pair, eq ? (size_t)(eq - pair) : plen,
				 BUD_MAX_FIELD_NAME, NULL, &name, err);
		if (rc != BUD_OK)
			return rc;
		if (name[0] == '\0')
			return bud_err_set(err, BUD_EINVAL, NULL, "err.http.form_syntax",
					   "form field without a name");
		if (eq)
			rc = decode_part(a, eq + 1, plen - (size_t)(eq + 1 - pair),
					 BUD_MAX_FIELD_VALUE, name, &value, err);
		else
			value = bud_arena_strndup(a, "", 0);
		if (rc != BUD_OK)
			return rc;
		assert(k < count);
		kv[k].key = name;
		kv[k].value = value;
		k++;
	}
	*out = kv;
	*nout = k;
	return BUD_OK;
}
