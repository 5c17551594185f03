/*
 * http/cookie.c: the Cookie header parser (see cookie.h). Lenient where
 * browsers are sloppy (white space, empty pairs), strict about what ends
 * up in a name or value, so a handler never sees control bytes, quotes,
 * commas or semicolons in a cookie.
 */
#include <string.h>

#include "http/cookie.h"
#include "bud_limits.h"

static int is_token_char(unsigned char c)
{
	if (c <= 0x20 || c >= 0x7f)
		return 0;
	return strchr("()<>@,;:\\\"/[]?={}", c) == NULL;
}

static int is_cookie_octet(unsigned char c)
{
	return c == 0x21 || (c >= 0x23 && c <= 0x2b) || (c >= 0x2d && c <= 0x3a) ||
	       (c >= 0x3c && c <= 0x5b) || (c >= 0x5d && c <= 0x7e);
}

int bud_cookie_value_ok(const char *s)
{
	for (; *s; s++)
		if (!is_cookie_octet((unsigned char)*s))
			return 0;
	return 1;
}

/* Parse one pair [s, s+n) (already trimmed); 1 and fills kv when well formed. */
static int parse_pair(bud_arena *a, const char *s, size_t n, struct bud_kv *kv)
{
	const char *eq = memchr(s, '=', n);
	size_t nlen, vlen, i;
	const char *v;

	if (!eq || eq == s)
		return 0;
	nlen = (size_t)(eq - s);
	for (i = 0; i < nlen; i++)
		if (!is_token_char((unsigned char)s[i]))
			return 0;
	v = eq + 1;
	vlen = n - nlen - 1;
	if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"') {
		v++;
		vlen -= 2;
	}
	for (i = 0; i < vlen; i++)
		if (!is_cookie_octet((unsigned char)v[i]))
			return 0;
	kv->key = bud_arena_strndup(a, s, nlen);
	kv->value = bud_arena_strndup(a, v, vlen);
	return 1;
}

int bud_cookie_parse(bud_arena *a, const char *hdr, struct bud_kv **out,
		     size_t *nout, bud_err *err)
{
	size_t len, count = 1, i, k = 0, start = 0;
	struct bud_kv *kv;

	*out = NULL;
	*nout = 0;
	if (!hdr || !*hdr)
		return BUD_OK;
	len = strlen(hdr);
	if (len > BUD_MAX_COOKIE)
		return bud_err_set(err, BUD_ETOOBIG, NULL, "err.http.cookie_too_large",
				   "Cookie header over %d bytes", BUD_MAX_COOKIE);
	for (i = 0; i < len; i++)
		count += hdr[i] == ';';
	kv = bud_arena_alloc(a, count * sizeof *kv);
	for (i = 0; i <= len; i++) {
		size_t b, e;

		if (i < len && hdr[i] != ';')
			continue;
		b = start;
		e = i;
		start = i + 1;
		while (b < e && (hdr[b] == ' ' || hdr[b] == '\t'))
			b++;
		while (e > b && (hdr[e - 1] == ' ' || hdr[e - 1] == '\t'))
			e--;
		if (e > b && parse_pair(a, hdr + b, e - b, &kv[k]))
			k++;
	}
	*out = k ? kv : NULL;
	*nout = k;
	return BUD_OK;
}

const char *bud_cookie_find(const struct bud_kv *kv, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(kv[i].key, name) == 0)
			return kv[i].value;
	return NULL;
}
