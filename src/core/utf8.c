/*
 * core/utf8.c: decoding, validating, counting, encoding and cutting UTF-8
 * (see core/utf8.h for the rules). The decoder is a direct reading of the
 * RFC 3629 table: the lead byte gives the length and the smallest code
 * point that length may carry, so overlong forms fail one comparison.
 * Workload: every byte of every JSON string written and of every form
 * field, CSV cell and collated name read, so no tables and no allocation.
 */
#include <assert.h>
#include <string.h>

#include "core/utf8.h"

/* A byte 10xxxxxx, which never starts a character. */
static int is_cont(unsigned char c)
{
	return (c & 0xc0) == 0x80;
}

size_t bud_utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t c, min;
	size_t k, i;

	assert(n > 0);
	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		k = 1, c = p[0] & 0x1fu, min = 0x80;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		k = 2, c = p[0] & 0x0fu, min = 0x800;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		k = 3, c = p[0] & 0x07u, min = 0x10000;
	else
		return 0;
	if (k >= n)
		return 0;
	for (i = 1; i <= k; i++) {
		if (!is_cont(p[i]))
			return 0;
		c = (c << 6) | (p[i] & 0x3fu);
	}
	if (c < min || c > BUD_UTF8_MAX_CP || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return k + 1;
}

int bud_utf8_valid(const char *s, size_t n)
{
	size_t i = 0, k;
	uint32_t cp;

	while (i < n) {
		k = bud_utf8_decode(s + i, n - i, &cp);
		if (k == 0)
			return 0;
		i += k;
	}
	return 1;
}

size_t bud_utf8_len(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (!is_cont((unsigned char)*s))
			n++;
	return n;
}

size_t bud_utf8_encode(uint32_t cp, char out[4])
{
	unsigned char *o = (unsigned char *)out;

	if (cp > BUD_UTF8_MAX_CP || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xc0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xe0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		o[2] = (unsigned char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (unsigned char)(0xf0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
	o[3] = (unsigned char)(0x80 | (cp & 0x3f));
	return 4;
}

size_t bud_utf8_cut(const char *s, size_t max_bytes, size_t max_chars)
{
	size_t i = 0, chars = 0;

	while (s[i] && i < max_bytes) {
		if (!is_cont((unsigned char)s[i]) && chars++ == max_chars)
			break;
		i++;
	}
	while (i > 0 && s[i] && is_cont((unsigned char)s[i]))
		i--;	/* never cut a character in two */
	return i;
}

size_t bud_utf8_copy(char *dst, size_t dstsz, const char *src, size_t max_chars)
{
	size_t n;

	assert(dstsz > 0);
	n = bud_utf8_cut(src, dstsz - 1, max_chars);
	memcpy(dst, src, n);
	dst[n] = '\0';
	return n;
}
