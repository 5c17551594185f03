/*
 * core/money.c: amounts of money (int64_t cents) and quantities (int64_t
 * hundredths): parsing what people type, formatting per language and for
 * files, and arithmetic that reports overflow instead of wrapping.
 *
 * The parser is a hand-written scanner over a bounded string (at most
 * BUD_MAX_MONEY_LEN bytes); it never uses floating point and checks every
 * digit against the limit before multiplying, so no input can wrap. The
 * grammar is described in core/money.h. Pure functions: no I/O, no
 * allocation, no global state.
 */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "core/money.h"
#include "bud_limits.h"

#define NBSP "\xc2\xa0"
#define EURO "\xe2\x82\xac"

/* What is being parsed: the error keys and whether a euro sign may appear. */
struct kind {
	const char *what;	/* English, for err->detail */
	int euro;		/* a euro sign is allowed */
	const char *k_syntax, *k_decimals, *k_grouping;
	const char *k_overflow, *k_empty, *k_too_long;
};

static const struct kind money_kind = {
	"amount", 1,
	"err.money.syntax", "err.money.decimals", "err.money.grouping",
	"err.money.overflow", "err.money.empty", "err.money.too_long",
};

static const struct kind qty_kind = {
	"quantity", 0,
	"err.qty.syntax", "err.qty.decimals", "err.qty.grouping",
	"err.qty.overflow", "err.qty.empty", "err.qty.too_long",
};

/* A number being scanned: the bytes [p, e) and how to read them. */
struct scan {
	const char *p, *e;
	char dec;		/* decimal mark: ',' or '.' */
	int comma_groups;	/* ',' separates thousands (English style) */
};

static int has(const struct scan *s, const char *lit, size_t n)
{
	return (size_t)(s->e - s->p) >= n && memcmp(s->p, lit, n) == 0;
}

static int ends(const struct scan *s, const char *lit, size_t n)
{
	return (size_t)(s->e - s->p) >= n && memcmp(s->e - n, lit, n) == 0;
}

/* Length of a space at s->p: U+0020, U+00A0 or U+202F; 0 when none. */
static size_t space_len(const struct scan *s)
{
	if (has(s, " ", 1))
		return 1;
	if (has(s, NBSP, 2))
		return 2;
	if (has(s, "\xe2\x80\xaf", 3))
		return 3;
	return 0;
}

/* The same at the end of the span. */
static size_t space_len_end(const struct scan *s)
{
	if (ends(s, " ", 1))
		return 1;
	if (ends(s, NBSP, 2))
		return 2;
	if (ends(s, "\xe2\x80\xaf", 3))
		return 3;
	return 0;
}

/* Strip spaces and tabs at both ends. */
static void trim(struct scan *s)
{
	size_t n;

	for (;;) {
		if (has(s, "\t", 1))
			n = 1;
		else
			n = space_len(s);
		if (!n)
			break;
		s->p += n;
	}
	for (;;) {
		if (ends(s, "\t", 1))
			n = 1;
		else
			n = space_len_end(s);
		if (!n)
			break;
		s->e -= n;
	}
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * Read the integer part: digits, optionally in groups of three separated by
 * one space (or ',' when comma_groups), the first group 1-3 digits, one
 * kind of separator throughout. Values above `limit` set *ovf and keep
 * scanning, so a syntax error later still wins. Returns 0 or an error key.
 */
static const char *scan_int(struct scan *s, const struct kind *k,
			    int64_t limit, int64_t *v, int *ovf)
{
	int g = 0, groups = 0, sep_kind = 0, kind_now;
	size_t n;

	*v = 0;
	*ovf = 0;
	while (s->p < s->e) {
		if (is_digit(*s->p)) {
			int d = *s->p++ - '0';

			if (*v > (limit - d) / 10)
				*ovf = 1;
			else
				*v = *v * 10 + d;
			g++;
			continue;
		}
		n = space_len(s);
		kind_now = 1;
		if (!n && s->comma_groups && *s->p == ',') {
			n = 1;
			kind_now = 2;
		}
		if (!n)
			break;
		if (g == 0)
			return groups ? k->k_grouping : k->k_syntax;
		if (groups == 0 ? g > 3 : g != 3)
			return k->k_grouping;
		if (sep_kind && sep_kind != kind_now)
			return k->k_grouping;
		sep_kind = kind_now;
		groups++;
		g = 0;
		s->p += n;
	}
	if (g == 0)
		return groups ? k->k_grouping : k->k_syntax;
	if (groups && g != 3)
		return k->k_grouping;
	return NULL;
}

/* Read the optional decimal part into hundredths (0..99). */
static const char *scan_frac(struct scan *s, const struct kind *k, int *frac)
{
	int nd = 0;

	*frac = 0;
	if (s->p == s->e)
		return NULL;
	if (*s->p != s->dec)
		return k->k_syntax;
	s->p++;
	while (s->p < s->e && is_digit(*s->p)) {
		if (nd < 2)
			*frac = *frac * 10 + (*s->p - '0');
		nd++;
		s->p++;
	}
	if (s->p != s->e || nd == 0)
		return k->k_syntax;
	if (nd > 2)
		return k->k_decimals;
	if (nd == 1)
		*frac *= 10;
	return NULL;
}

/*
 * Strip the sign and the euro signs around the number. Sets *neg and
 * whether the English convention ("€1,234.50") applies. Returns 0 or a key.
 */
static const char *scan_affixes(struct scan *s, const struct kind *k, int *neg,
				int *en_style)
{
	int pre = 0;
	size_t n;

	*neg = 0;
	*en_style = 0;
	if (has(s, "-", 1) || has(s, "+", 1)) {
		*neg = *s->p == '-';
		s->p++;
	} else if (has(s, "\xe2\x88\x92", 3)) {	/* U+2212 minus sign */
		*neg = 1;
		s->p += 3;
	}
	if (k->euro && has(s, EURO, 3)) {
		s->p += 3;
		if ((n = space_len(s)) != 0)
			s->p += n;
		pre = 1;
		*en_style = 1;
	}
	if (k->euro && ends(s, EURO, 3)) {
		if (pre)
			return k->k_syntax;
		s->e -= 3;
		if ((n = space_len_end(s)) != 0)
			s->e -= n;
	}
	return NULL;
}

static int parse_num(const char *str, const struct kind *k, const char *field,
		     int64_t *out, bud_err *err)
{
	struct scan s;
	const char *key;
	int64_t v, total;
	int neg, en_style, ovf, frac;
	size_t len;

	if (!str)
		return bud_err_set(err, BUD_EINVAL, field, k->k_empty, "%s: empty", k->what);
	len = strnlen(str, BUD_MAX_MONEY_LEN + 1);
	if (len > BUD_MAX_MONEY_LEN)
		return bud_err_set(err, BUD_EINVAL, field, k->k_too_long,
				   "%s: longer than %d bytes", k->what, BUD_MAX_MONEY_LEN);
	s.p = str;
	s.e = str + len;
	trim(&s);
	if (s.p == s.e)
		return bud_err_set(err, BUD_EINVAL, field, k->k_empty, "%s: empty", k->what);
	key = scan_affixes(&s, k, &neg, &en_style);
	if (!key) {
		s.comma_groups = en_style || memchr(s.p, '.', (size_t)(s.e - s.p)) != NULL;
		s.dec = s.comma_groups ? '.' : ',';
		key = scan_int(&s, k, BUD_MONEY_MAX / 100, &v, &ovf);
	}
	if (!key)
		key = scan_frac(&s, k, &frac);
	if (key)
		return bud_err_set(err, BUD_EINVAL, field, key, "%s: %s", k->what,
				   strrchr(key, '.') + 1);
	total = ovf ? BUD_MONEY_MAX + 1 : v * 100 + frac;
	if (total > BUD_MONEY_MAX)
		return bud_err_set(err, BUD_EOVERFLOW, field, k->k_overflow,
				   "%s: larger than 10^15 hundredths", k->what);
	*out = neg ? -total : total;
	return BUD_OK;
}

int bud_money_parse(const char *s, const char *field, bud_cents *out, bud_err *err)
{
	assert(out);
	return parse_num(s, &money_kind, field, out, err);
}

int bud_qty_parse(const char *s, const char *field, int64_t *out, bud_err *err)
{
	assert(out);
	return parse_num(s, &qty_kind, field, out, err);
}

/* |v| without overflow, also for INT64_MIN. */
static uint64_t magnitude(int64_t v)
{
	return v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
}

/*
 * The decimal digits of u into dst (at least 64 bytes), with `sep` between
 * groups of three when sep is not NULL. Returns dst.
 */
static char *put_digits(char *dst, uint64_t u, const char *sep)
{
	char rev[64];
	size_t n = 0, len = 0, sl = sep ? strlen(sep) : 0, i;
	int g = 0;

	assert(sl <= 3);
	do {
		if (sep && g == 3) {
			for (i = sl; i > 0; i--)
				rev[n++] = sep[i - 1];
			g = 0;
		}
		rev[n++] = (char)('0' + u % 10);
		u /= 10;
		g++;
	} while (u);
	assert(n < sizeof rev);
	while (n)
		dst[len++] = rev[--n];
	dst[len] = '\0';
	return dst;
}

/* Finish a snprintf into out: BUD_OK, or BUD_ETOOBIG with out emptied. */
static int fit(int r, char *out, size_t outsz)
{
	if (r < 0 || (size_t)r >= outsz) {
		if (outsz)
			out[0] = '\0';
		return BUD_ETOOBIG;
	}
	return BUD_OK;
}

static int is_en(const char *lang)
{
	return lang && strcmp(lang, "en") == 0;
}

int bud_money_format(bud_cents v, const char *lang, char *out, size_t outsz)
{
	uint64_t m = magnitude(v);
	const char *sign = v < 0 ? "-" : "";
	char digits[64];
	int r;

	if (is_en(lang))
		r = snprintf(out, outsz, "%s" EURO "%s.%02u", sign,
			     put_digits(digits, m / 100, ","), (unsigned)(m % 100));
	else
		r = snprintf(out, outsz, "%s%s,%02u" NBSP EURO, sign,
			     put_digits(digits, m / 100, NBSP), (unsigned)(m % 100));
	return fit(r, out, outsz);
}

int bud_qty_format(int64_t q, const char *lang, char *out, size_t outsz)
{
	uint64_t m = magnitude(q);
	const char *sign = q < 0 ? "-" : "";
	char mark = is_en(lang) ? '.' : ',';
	unsigned frac = (unsigned)(m % 100);
	char digits[64];
	int r;

	put_digits(digits, m / 100, NULL);
	if (frac == 0)
		r = snprintf(out, outsz, "%s%s", sign, digits);
	else if (frac % 10 == 0)
		r = snprintf(out, outsz, "%s%s%c%u", sign, digits, mark, frac / 10);
	else
		r = snprintf(out, outsz, "%s%s%c%02u", sign, digits, mark, frac);
	return fit(r, out, outsz);
}

int bud_money_format_plain(bud_cents v, char decimal_mark, char *out, size_t outsz)
{
	uint64_t m = magnitude(v);
	char digits[64];
	int r;

	if (decimal_mark != '.' && decimal_mark != ',') {
		if (outsz)
			out[0] = '\0';
		return BUD_EINVAL;
	}
	r = snprintf(out, outsz, "%s%s%c%02u", v < 0 ? "-" : "",
		     put_digits(digits, m / 100, NULL), decimal_mark,
		     (unsigned)(m % 100));
	return fit(r, out, outsz);
}

static int out_of_range(int64_t v)
{
	return v > BUD_MONEY_MAX || v < -BUD_MONEY_MAX;
}

int bud_money_add(bud_cents a, bud_cents b, bud_cents *out, bud_err *err)
{
	int64_t r;

	if (__builtin_add_overflow(a, b, &r) || out_of_range(r))
		return bud_err_set(err, BUD_EOVERFLOW, NULL, "err.money.overflow",
				   "sum outside +-10^15 cents");
	*out = r;
	return BUD_OK;
}

int bud_money_sub(bud_cents a, bud_cents b, bud_cents *out, bud_err *err)
{
	int64_t r;

	if (__builtin_sub_overflow(a, b, &r) || out_of_range(r))
		return bud_err_set(err, BUD_EOVERFLOW, NULL, "err.money.overflow",
				   "difference outside +-10^15 cents");
	*out = r;
	return BUD_OK;
}

int bud_money_line(int64_t qty_hundredths, bud_cents unit, bud_cents *out, bud_err *err)
{
	int64_t p, q, r;

	if (__builtin_mul_overflow(qty_hundredths, unit, &p))
		return bud_err_set(err, BUD_EOVERFLOW, NULL, "err.money.overflow",
				   "quantity times unit price overflows");
	/* C division truncates toward zero and r has the sign of p. */
	q = p / 100;
	r = p % 100;
	if (r >= 50)
		q++;
	else if (r <= -50)
		q--;
	if (out_of_range(q))
		return bud_err_set(err, BUD_EOVERFLOW, NULL, "err.money.overflow",
				   "line total outside +-10^15 cents");
	*out = q;
	return BUD_OK;
}
