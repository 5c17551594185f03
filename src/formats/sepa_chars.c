/*
 * formats/sepa_chars.c: reducing UTF-8 text to the SEPA basic character
 * set (EPC guidance on the use of character sets in SEPA): the Latin
 * letters a-z A-Z, digits, / - ? : ( ) . , ' + and space. Latin letters
 * with diacritics (Latin-1 Supplement and Latin Extended-A, which cover
 * Finnish, Swedish and the other European languages of providers' names)
 * lose them; a few punctuation marks have a near equivalent; everything
 * else becomes '.'.
 */
#include <stdint.h>
#include <string.h>

#include "core/utf8.h"
#include "formats/pain001.h"

static int sepa_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       (c != 0 && strchr("/-?:().,'+ ", c) != NULL);
}

int bud_sepa_valid(const char *s)
{
	for (; *s; s++)
		if (!sepa_byte((unsigned char)*s))
			return 0;
	return 1;
}

/* U+00C0..U+00FF. */
static const char *const latin1[64] = {
	"A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I", "I",
	"D", "N", "O", "O", "O", "O", "O", ".", "O", "U", "U", "U", "U", "Y", "TH", "ss",
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", ".", "o", "u", "u", "u", "u", "y", "th", "y",
};

/* U+0100..U+017F, one letter each; '*' marks the ligatures below. */
static const char latin_ext_a[] =
	"AaAaAaCcCcCcCcDd" "DdEeEeEeEeEeGgGg" "GgGgHhHhIiIiIiIi" "Ii**JjKkkLlLlLlL"
	"lLlNnNnNnnNnOoOo" "Oo**RrRrRrSsSsSs" "SsTtTtTtUuUuUuUu" "UuUuWwYyYZzZzZzs";

/* The replacement for code point cp (never NULL). */
static const char *map_cp(uint32_t cp, char one[2])
{
	if (cp < 0x80) {
		if (sepa_byte((unsigned char)cp))
			one[0] = (char)cp;
		else if (cp == '&')
			one[0] = '+';
		else if (cp == '_')
			one[0] = '-';
		else if (cp == '"' || cp == '`')
			one[0] = '\'';
		else if (cp == '\t' || cp == '\n' || cp == '\r')
			one[0] = ' ';
		else
			one[0] = '.';
		one[1] = '\0';
		return one;
	}
	if (cp >= 0xC0 && cp <= 0xFF)
		return latin1[cp - 0xC0];
	if (cp >= 0x100 && cp <= 0x17F) {
		switch (cp) {
		case 0x132: return "IJ";
		case 0x133: return "ij";
		case 0x152: return "OE";
		case 0x153: return "oe";
		default:
			one[0] = latin_ext_a[cp - 0x100];
			one[1] = '\0';
			return one;
		}
	}
	switch (cp) {
	case 0xA0: case 0x2007: case 0x202F: return " ";	/* no-break spaces */
	case 0xB4: case 0x2018: case 0x2019: case 0x201C: case 0x201D: return "'";
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: return "-";
	case 0x20AC: return "EUR";
	default: return ".";
	}
}

/* The code point at s[0..n) (n > 0); *len its length (1 for a bad byte,
 * which gives U+FFFD). */
static uint32_t utf8_next(const unsigned char *s, size_t n, size_t *len)
{
	uint32_t cp;

	*len = bud_utf8_decode((const char *)s, n, &cp);
	if (*len == 0) {
		*len = 1;
		return 0xFFFD;
	}
	return cp;
}

size_t bud_sepa_text(const char *in, size_t max_chars, char *out, size_t outsz)
{
	const unsigned char *s = (const unsigned char *)(in ? in : "");
	const unsigned char *end = s + strlen((const char *)s);
	size_t o = 0, len;
	char one[2];

	if (outsz == 0)
		return 0;
	if (max_chars > outsz - 1)
		max_chars = outsz - 1;
	while (*s && o < max_chars) {
		const char *rep = map_cp(utf8_next(s, (size_t)(end - s), &len), one);

		s += len;
		for (; *rep && o < max_chars; rep++) {
			if (*rep == ' ' && (o == 0 || out[o - 1] == ' '))
				continue;	/* leading or repeated space */
			out[o++] = *rep;
		}
	}
	while (o > 0 && out[o - 1] == ' ')
		o--;
	out[o] = '\0';
	return o;
}
