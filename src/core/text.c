/*
 * core/text.c: the check of human text (core/text.h). One pass over the
 * bytes, decoding UTF-8 strictly (no overlong forms, no surrogates, nothing
 * above U+10FFFF) and looking at each code point once.
 */
#include <stddef.h>
#include <stdint.h>

#include <string.h>

#include "core/text.h"

/* Decode one code point at s; its length, or 0 when s is not UTF-8. */
static size_t utf8_next(const unsigned char *s, uint32_t *cp)
{
	size_t n, i;
	uint32_t c = s[0], min;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf)
		n = 2, c &= 0x1f, min = 0x80;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3, c &= 0x0f, min = 0x800;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4, c &= 0x07, min = 0x10000;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

static int is_bidi_control(uint32_t c)
{
	return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/* A control character not allowed in this kind of text. */
static int is_bad_control(uint32_t c, enum bud_text_kind kind)
{
	if (kind == BUD_TEXT_MULTILINE && (c == '\n' || c == '\r' || c == '\t'))
		return 0;
	return c < 0x20 || (c >= 0x7f && c <= 0x9f) ||
	       (kind == BUD_TEXT_LINE && (c == 0x2028 || c == 0x2029));
}

int bud_text_check(const char *s, enum bud_text_kind kind, const char *field,
		   bud_err *err)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t c;
	size_t n;

	if (!s)
		return BUD_OK;
	while (*p) {
		if ((n = utf8_next(p, &c)) == 0)
			return bud_err_set(err, BUD_EINVAL, field, "err.text.utf8",
					   "%s is not UTF-8", field);
		if (is_bad_control(c, kind))
			return bud_err_set(err, BUD_EINVAL, field, "err.text.control",
					   "%s has control character U+%04X", field,
					   (unsigned)c);
		if (is_bidi_control(c))
			return bud_err_set(err, BUD_EINVAL, field, "err.text.bidi",
					   "%s has direction control U+%04X", field,
					   (unsigned)c);
		p += n;
	}
	return BUD_OK;
}

static int blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

const char *bud_text_trim(const char *s, size_t *n)
{
	size_t len;

	while (blank(*s))
		s++;
	len = strlen(s);
	while (len > 0 && blank(s[len - 1]))
		len--;
	*n = len;
	return s;
}
