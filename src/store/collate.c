/*
 * store/collate.c: the "fi" collation and the search fold of names (see
 * store/collate.h). One table of character folds serves both, so that the
 * order of a list and what a search finds agree.
 *
 * Pure functions over byte ranges; the only SQLite call registers the
 * comparison. Workload: a few comparisons per row listed (ORDER BY a
 * last name), so the fold is a short range table walked linearly.
 */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include <sqlite3.h>

#include "core/utf8.h"
#include "store/collate.h"

/* A code point outside Unicode: a byte that is not valid UTF-8. */
#define BAD_BYTE 0x110000u

#define CP_A_RING 0xe5u		/* å */
#define CP_A_UML 0xe4u		/* ä */
#define CP_O_UML 0xf6u		/* ö */

/* Code points lo..hi fold to `to`, or, for to == PAIR, to the lower-case
 * (odd) letter of their upper/lower pair. */
struct fold_range {
	uint32_t lo, hi, to;
};

#define PAIR 0	/* upper/lower pairs: even upper, odd lower, kept as lower */

static const struct fold_range fold_table[] = {
	/* Latin-1 supplement */
	{0xc0, 0xc3, 'a'}, {0xc4, 0xc4, CP_A_UML}, {0xc5, 0xc5, CP_A_RING},
	{0xc6, 0xc6, CP_A_UML}, {0xc7, 0xc7, 'c'}, {0xc8, 0xcb, 'e'},
	{0xcc, 0xcf, 'i'}, {0xd0, 0xd0, 'd'}, {0xd1, 0xd1, 'n'},
	{0xd2, 0xd5, 'o'}, {0xd6, 0xd6, CP_O_UML}, {0xd8, 0xd8, CP_O_UML},
	{0xd9, 0xdb, 'u'}, {0xdc, 0xdd, 'y'}, {0xde, 0xde, 0xfe},
	{0xe0, 0xe3, 'a'}, {0xe6, 0xe6, CP_A_UML}, {0xe7, 0xe7, 'c'},
	{0xe8, 0xeb, 'e'}, {0xec, 0xef, 'i'}, {0xf0, 0xf0, 'd'},
	{0xf1, 0xf1, 'n'}, {0xf2, 0xf5, 'o'}, {0xf8, 0xf8, CP_O_UML},
	{0xf9, 0xfb, 'u'}, {0xfc, 0xfd, 'y'}, {0xff, 0xff, 'y'},
	/* Latin Extended-A */
	{0x100, 0x105, 'a'}, {0x106, 0x10d, 'c'}, {0x10e, 0x111, 'd'},
	{0x112, 0x11b, 'e'}, {0x11c, 0x123, 'g'}, {0x124, 0x127, 'h'},
	{0x128, 0x131, 'i'}, {0x132, 0x133, PAIR}, {0x134, 0x135, 'j'},
	{0x136, 0x138, 'k'}, {0x139, 0x142, 'l'}, {0x143, 0x149, 'n'},
	{0x14a, 0x14b, PAIR}, {0x14c, 0x14f, 'o'}, {0x150, 0x151, CP_O_UML},
	{0x152, 0x153, PAIR}, {0x154, 0x159, 'r'}, {0x15a, 0x161, 's'},
	{0x162, 0x167, 't'}, {0x168, 0x16f, 'u'}, {0x170, 0x171, 'y'},
	{0x172, 0x173, 'u'}, {0x174, 0x175, 'w'}, {0x176, 0x178, 'y'},
	{0x179, 0x17e, 'z'}, {0x17f, 0x17f, 's'},
};

/* The folded code point of cp. */
static uint32_t fold(uint32_t cp)
{
	size_t i;

	if (cp >= 'A' && cp <= 'Z')
		return cp - 'A' + 'a';
	if (cp < 0xc0 || cp > 0x17f)
		return cp;
	for (i = 0; i < sizeof fold_table / sizeof fold_table[0]; i++) {
		const struct fold_range *r = &fold_table[i];

		if (cp < r->lo || cp > r->hi)
			continue;
		if (r->to == PAIR)
			return cp | 1u;
		return r->to;
	}
	return cp;
}

/* The sort weight of a folded code point: other ASCII < a..z < å ä ö <
 * everything else by code point. */
static uint32_t weight(uint32_t cp)
{
	if (cp >= 'a' && cp <= 'z')
		return 0x1000u + (cp - 'a');
	if (cp == CP_A_RING)
		return 0x1000u + 26;
	if (cp == CP_A_UML)
		return 0x1000u + 27;
	if (cp == CP_O_UML)
		return 0x1000u + 28;
	if (cp < 0x80)
		return cp;
	return 0x2000u + cp;
}

/*
 * Decode one character of s[0..len) (len > 0) into *cp; the bytes it
 * took. A byte that does not start a well-formed UTF-8 sequence within
 * len is one character of value BAD_BYTE + byte.
 */
static size_t decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	size_t k = bud_utf8_decode((const char *)s, len, cp);

	if (k > 0)
		return k;
	*cp = BAD_BYTE + s[0];
	return 1;
}

int bud_collate_fi(const char *a, size_t alen, const char *b, size_t blen)
{
	const unsigned char *pa = (const unsigned char *)a;
	const unsigned char *pb = (const unsigned char *)b;
	size_t ia = 0, ib = 0;
	uint32_t ca, cb, wa, wb;

	while (ia < alen && ib < blen) {
		ia += decode(pa + ia, alen - ia, &ca);
		ib += decode(pb + ib, blen - ib, &cb);
		wa = weight(fold(ca));
		wb = weight(fold(cb));
		if (wa != wb)
			return wa < wb ? -1 : 1;
	}
	if (ia < alen)
		return 1;
	if (ib < blen)
		return -1;
	return 0;
}

static int collate_cb(void *ctx, int alen, const void *a, int blen,
		      const void *b)
{
	(void)ctx;
	return bud_collate_fi(a, alen > 0 ? (size_t)alen : 0, b,
			      blen > 0 ? (size_t)blen : 0);
}

int bud_collate_register(struct sqlite3 *sq)
{
	return sqlite3_create_collation_v2(sq, "fi", SQLITE_UTF8, NULL,
					   collate_cb, NULL);
}

/* Append cp as UTF-8 to out at *n (outsz bytes, room kept for the NUL);
 * 0, or -1 when it does not fit. A bad byte is appended as that byte. */
static int put(char *out, size_t outsz, size_t *n, uint32_t cp)
{
	char b[4];
	size_t k;

	if (cp >= BAD_BYTE)
		b[0] = (char)(cp - BAD_BYTE), k = 1;
	else
		k = bud_utf8_encode(cp, b);
	assert(k > 0);	/* decode and fold give only code points */
	if (*n + k >= outsz)
		return -1;
	memcpy(out + *n, b, k);
	*n += k;
	return 0;
}

static int is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
	       cp == '\v' || cp == '\f' || cp == 0xa0;
}

long bud_collate_fold(const char *in, char *out, size_t outsz)
{
	const unsigned char *p = (const unsigned char *)in;
	size_t len, i = 0, n = 0;
	long chars = 0;
	int pending_space = 0;
	uint32_t cp;

	assert(in && out && outsz > 0);
	len = strlen(in);
	out[0] = '\0';
	while (i < len) {
		i += decode(p + i, len - i, &cp);
		if (is_space(cp)) {
			pending_space = chars > 0;
			continue;
		}
		if (pending_space) {
			if (put(out, outsz, &n, ' ') != 0)
				goto toolong;
			chars++;
			pending_space = 0;
		}
		if (put(out, outsz, &n, fold(cp)) != 0)
			goto toolong;
		chars++;
	}
	out[n] = '\0';
	return chars;
toolong:
	out[0] = '\0';
	return -1;
}
