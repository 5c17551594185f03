/*
 * Unit tests for core/money.c: the parse grammar (accepted and refused forms
 * with their error keys), the limits (BUD_MONEY_MAX exactly, one cent more,
 * INT64 extremes), formatting per language, round trips, add/sub bounds and
 * bud_money_line rounding checked against an independent __int128 model.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/money.h"
#include "bud_limits.h"

#define NBSP "\xc2\xa0"
#define EURO "\xe2\x82\xac"

struct ok_case {
	const char *in;
	int64_t want;
};

struct bad_case {
	const char *in;
	int rc;
	const char *key;
};

static void check_ok(int (*parse)(const char *, const char *, int64_t *, bud_err *),
		     const struct ok_case *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		int64_t v = 424242;
		bud_err e;
		int rc;

		bud_err_clear(&e);
		rc = parse(c[i].in, "amount", &v, &e);
		if (rc != BUD_OK || v != c[i].want)
			fail_msg("\"%s\": rc %d (%s) value %lld, want %lld", c[i].in, rc,
				 e.key, (long long)v, (long long)c[i].want);
	}
}

static void check_bad(int (*parse)(const char *, const char *, int64_t *, bud_err *),
		      const struct bad_case *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		int64_t v = 424242;
		bud_err e;
		int rc;

		bud_err_clear(&e);
		rc = parse(c[i].in, "price", &v, &e);
		if (rc != c[i].rc || strcmp(e.key, c[i].key) != 0)
			fail_msg("\"%s\": rc %d key %s, want rc %d key %s",
				 c[i].in ? c[i].in : "(null)", rc, e.key, c[i].rc, c[i].key);
		assert_int_equal(v, 424242);		/* untouched on error */
		assert_string_equal(e.field, "price");
		assert_int_equal(e.code, rc);
		assert_true(e.detail[0] != '\0');
	}
}

static void test_parse_accepts(void **state)
{
	static const struct ok_case cases[] = {
		{"12,50", 1250}, {"12.50", 1250}, {"1 234,50", 123450},
		{"1" NBSP "234,50", 123450}, {"1\xe2\x80\xaf" "234,50", 123450},
		{"-3", -300}, {"0,5", 50}, {"0,05", 5}, {"12,5 " EURO, 1250},
		{"12,5" EURO, 1250}, {"12,50" NBSP EURO, 1250},
		{"1" NBSP "234,50" NBSP EURO, 123450}, {EURO "12.50", 1250},
		{EURO " 12.50", 1250}, {"-" EURO "1,234.50", -123450},
		{EURO "1,234", 123400}, {EURO "1 234", 123400}, {"1,234.50", 123450},
		{"1,234,567.89", 123456789}, {"1 234 567,89", 123456789},
		{"1 234 567.89", 123456789}, {"+7", 700}, {"\xe2\x88\x92" "7", -700},
		{"  12,50  ", 1250}, {"\t5\t", 500}, {NBSP "5" NBSP, 500}, {"0", 0},
		{"-0", 0}, {"-0,00", 0}, {"007", 700}, {"999", 99900},
		{"10 000 000 000 000", BUD_MONEY_MAX},
		{"10000000000000,00", BUD_MONEY_MAX},
		{"-10000000000000", -BUD_MONEY_MAX},
		{"9 999 999 999 999,99", BUD_MONEY_MAX - 1},
		{"0000000000000000000000000012,50", 1250},	/* 31 bytes */
		{"00000000000000000000000000012,50", 1250},	/* 32 bytes: the limit */
	};

	check_ok(bud_money_parse, cases, sizeof cases / sizeof cases[0]);
}

static void test_parse_refuses(void **state)
{
	static const struct bad_case cases[] = {
		{"12,505", BUD_EINVAL, "err.money.decimals"},
		{"12,500", BUD_EINVAL, "err.money.decimals"},
		{"1,234", BUD_EINVAL, "err.money.decimals"},
		{"1,2,3", BUD_EINVAL, "err.money.syntax"},
		{"12.50.1", BUD_EINVAL, "err.money.syntax"},
		{"", BUD_EINVAL, "err.money.empty"},
		{"  ", BUD_EINVAL, "err.money.empty"},
		{NBSP "\t", BUD_EINVAL, "err.money.empty"},
		{NULL, BUD_EINVAL, "err.money.empty"},
		{"abc", BUD_EINVAL, "err.money.syntax"},
		{"1 23,00", BUD_EINVAL, "err.money.grouping"},
		{"1234 567", BUD_EINVAL, "err.money.grouping"},
		{"1 2345", BUD_EINVAL, "err.money.grouping"},
		{"1  234", BUD_EINVAL, "err.money.grouping"},
		{"1 234,567.00", BUD_EINVAL, "err.money.grouping"},
		{"12,50.00", BUD_EINVAL, "err.money.grouping"},
		{EURO "12,50", BUD_EINVAL, "err.money.grouping"},
		{"--1", BUD_EINVAL, "err.money.syntax"},
		{"+-1", BUD_EINVAL, "err.money.syntax"},
		{"-+1", BUD_EINVAL, "err.money.syntax"},
		{"- 1", BUD_EINVAL, "err.money.syntax"},
		{"1e3", BUD_EINVAL, "err.money.syntax"},
		{"12,", BUD_EINVAL, "err.money.syntax"},
		{",5", BUD_EINVAL, "err.money.syntax"},
		{".5", BUD_EINVAL, "err.money.syntax"},
		{"-", BUD_EINVAL, "err.money.syntax"},
		{EURO, BUD_EINVAL, "err.money.syntax"},
		{EURO "12" EURO, BUD_EINVAL, "err.money.syntax"},
		{EURO "-12", BUD_EINVAL, "err.money.syntax"},
		{"1.234,50", BUD_EINVAL, "err.money.syntax"},
		{"12.5O", BUD_EINVAL, "err.money.syntax"},
		{"0x10", BUD_EINVAL, "err.money.syntax"},
		{"1_000", BUD_EINVAL, "err.money.syntax"},
		{"12,50 EUR", BUD_EINVAL, "err.money.syntax"},
		{"12,50  " EURO, BUD_EINVAL, "err.money.syntax"},
		{"1\n2", BUD_EINVAL, "err.money.syntax"},
		{"12\xc2", BUD_EINVAL, "err.money.syntax"},
		{"99999999999999999999x", BUD_EINVAL, "err.money.syntax"},
		{"000000000000000000000000000012,50", BUD_EINVAL, "err.money.too_long"},
		{"                                  1", BUD_EINVAL, "err.money.too_long"},
		{"10000000000000,01", BUD_EOVERFLOW, "err.money.overflow"},
		{"-10000000000000,01", BUD_EOVERFLOW, "err.money.overflow"},
		{"10 000 000 000 001", BUD_EOVERFLOW, "err.money.overflow"},
		{"92233720368547758,08", BUD_EOVERFLOW, "err.money.overflow"},
		{"99999999999999999999999", BUD_EOVERFLOW, "err.money.overflow"},
	};

	check_bad(bud_money_parse, cases, sizeof cases / sizeof cases[0]);
}

static void test_qty_parse(void **state)
{
	static const struct ok_case ok[] = {
		{"1,5", 150}, {"2", 200}, {"0,25", 25}, {"1.5", 150}, {"1 500", 150000},
		{"-1,5", -150}, {"0", 0}, {"10 000 000 000 000", BUD_MONEY_MAX},
	};
	static const struct bad_case bad[] = {
		{"1,5 " EURO, BUD_EINVAL, "err.qty.syntax"},
		{EURO "1", BUD_EINVAL, "err.qty.syntax"},
		{"1,555", BUD_EINVAL, "err.qty.decimals"},
		{"1 50", BUD_EINVAL, "err.qty.grouping"},
		{"", BUD_EINVAL, "err.qty.empty"},
		{"h", BUD_EINVAL, "err.qty.syntax"},
		{"000000000000000000000000000000001", BUD_EINVAL, "err.qty.too_long"},
		{"10000000000000,01", BUD_EOVERFLOW, "err.qty.overflow"},
	};

	check_ok(bud_qty_parse, ok, sizeof ok / sizeof ok[0]);
	check_bad(bud_qty_parse, bad, sizeof bad / sizeof bad[0]);
}

static void test_parse_err_null(void **state)
{
	int64_t v = 1;

	/* err may be NULL: only the code comes back. */
	assert_int_equal(bud_money_parse("x", "f", &v, NULL), BUD_EINVAL);
	assert_int_equal(bud_money_parse("1", NULL, &v, NULL), BUD_OK);
	assert_int_equal(v, 100);
}

struct fmt_case {
	int64_t v;
	const char *fi, *en;
};

static void test_format(void **state)
{
	static const struct fmt_case cases[] = {
		{0, "0,00" NBSP EURO, EURO "0.00"},
		{5, "0,05" NBSP EURO, EURO "0.05"},
		{-5, "-0,05" NBSP EURO, "-" EURO "0.05"},
		{100, "1,00" NBSP EURO, EURO "1.00"},
		{99999, "999,99" NBSP EURO, EURO "999.99"},
		{100000, "1" NBSP "000,00" NBSP EURO, EURO "1,000.00"},
		{123450, "1" NBSP "234,50" NBSP EURO, EURO "1,234.50"},
		{-123450, "-1" NBSP "234,50" NBSP EURO, "-" EURO "1,234.50"},
		{100000000, "1" NBSP "000" NBSP "000,00" NBSP EURO, EURO "1,000,000.00"},
		{BUD_MONEY_MAX, "10" NBSP "000" NBSP "000" NBSP "000" NBSP "000,00" NBSP EURO,
		 EURO "10,000,000,000,000.00"},
		{INT64_MAX, "92" NBSP "233" NBSP "720" NBSP "368" NBSP "547" NBSP "758,07" NBSP EURO,
		 EURO "92,233,720,368,547,758.07"},
		{INT64_MIN, "-92" NBSP "233" NBSP "720" NBSP "368" NBSP "547" NBSP "758,08" NBSP EURO,
		 "-" EURO "92,233,720,368,547,758.08"},
	};
	char buf[BUD_MONEY_BUF];
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_int_equal(bud_money_format(cases[i].v, "fi", buf, sizeof buf), BUD_OK);
		assert_string_equal(buf, cases[i].fi);
		assert_int_equal(bud_money_format(cases[i].v, "sv", buf, sizeof buf), BUD_OK);
		assert_string_equal(buf, cases[i].fi);
		assert_int_equal(bud_money_format(cases[i].v, "de", buf, sizeof buf), BUD_OK);
		assert_string_equal(buf, cases[i].fi);
		assert_int_equal(bud_money_format(cases[i].v, NULL, buf, sizeof buf), BUD_OK);
		assert_string_equal(buf, cases[i].fi);
		assert_int_equal(bud_money_format(cases[i].v, "en", buf, sizeof buf), BUD_OK);
		assert_string_equal(buf, cases[i].en);
	}
}

static void test_format_small_buffer(void **state)
{
	char buf[BUD_MONEY_BUF];
	size_t need = strlen("1" NBSP "234,50" NBSP EURO) + 1;

	assert_int_equal(bud_money_format(123450, "fi", buf, need), BUD_OK);
	memset(buf, 'x', sizeof buf);
	assert_int_equal(bud_money_format(123450, "fi", buf, need - 1), BUD_ETOOBIG);
	assert_string_equal(buf, "");
	assert_int_equal(bud_money_format(1, "fi", buf, 0), BUD_ETOOBIG);
	assert_int_equal(bud_money_format_plain(123450, '.', buf, 7), BUD_ETOOBIG);
	assert_string_equal(buf, "");
	assert_int_equal(bud_money_format_plain(123450, '.', buf, 8), BUD_OK);
	assert_int_equal(bud_qty_format(150, "fi", buf, 3), BUD_ETOOBIG);
	assert_int_equal(bud_qty_format(150, "fi", buf, 4), BUD_OK);
}

static void test_format_plain(void **state)
{
	char buf[BUD_MONEY_BUF];

	assert_int_equal(bud_money_format_plain(123450, '.', buf, sizeof buf), BUD_OK);
	assert_string_equal(buf, "1234.50");
	assert_int_equal(bud_money_format_plain(123450, ',', buf, sizeof buf), BUD_OK);
	assert_string_equal(buf, "1234,50");
	assert_int_equal(bud_money_format_plain(-5, '.', buf, sizeof buf), BUD_OK);
	assert_string_equal(buf, "-0.05");
	assert_int_equal(bud_money_format_plain(0, '.', buf, sizeof buf), BUD_OK);
	assert_string_equal(buf, "0.00");
	assert_int_equal(bud_money_format_plain(-123456789, ',', buf, sizeof buf), BUD_OK);
	assert_string_equal(buf, "-1234567,89");
	assert_int_equal(bud_money_format_plain(INT64_MAX, '.', buf, sizeof buf), BUD_OK);
	assert_string_equal(buf, "92233720368547758.07");
	assert_int_equal(bud_money_format_plain(INT64_MIN, '.', buf, sizeof buf), BUD_OK);
	assert_string_equal(buf, "-92233720368547758.08");
	assert_int_equal(bud_money_format_plain(1, 'x', buf, sizeof buf), BUD_EINVAL);
	assert_string_equal(buf, "");
}

static void test_qty_format(void **state)
{
	static const struct {
		int64_t q;
		const char *fi, *en;
	} cases[] = {
		{150, "1,5", "1.5"}, {200, "2", "2"}, {25, "0,25", "0.25"},
		{105, "1,05", "1.05"}, {110, "1,1", "1.1"}, {0, "0", "0"},
		{-150, "-1,5", "-1.5"}, {-5, "-0,05", "-0.05"}, {150000, "1500", "1500"},
		{INT64_MIN, "-92233720368547758,08", "-92233720368547758.08"},
		{INT64_MAX, "92233720368547758,07", "92233720368547758.07"},
	};
	char buf[BUD_MONEY_BUF];
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_int_equal(bud_qty_format(cases[i].q, "fi", buf, sizeof buf), BUD_OK);
		assert_string_equal(buf, cases[i].fi);
		assert_int_equal(bud_qty_format(cases[i].q, "sv", buf, sizeof buf), BUD_OK);
		assert_string_equal(buf, cases[i].fi);
		assert_int_equal(bud_qty_format(cases[i].q, "en", buf, sizeof buf), BUD_OK);
		assert_string_equal(buf, cases[i].en);
	}
}

/* A small deterministic generator (xorshift64), so failures reproduce. */
static uint64_t rng_state = 0x9e3779b97f4a7c15u;

static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* A value in [-max, max]; small values more often than not. */
static int64_t rng_amount(int64_t max)
{
	uint64_t span = (uint64_t)max * 2 + 1;
	uint64_t scale = rng() % 4 == 0 ? span : (rng() % 3 == 0 ? 2001 : 2000001);
	int64_t half;

	if (scale > span)
		scale = span;
	half = (int64_t)(scale / 2);
	return (int64_t)(rng() % scale) - half;
}

static void check_round_trip(int64_t v)
{
	static const char *const langs[] = {"fi", "sv", "en"};
	char buf[BUD_MONEY_BUF];
	int64_t back;
	size_t i;

	for (i = 0; i < 3; i++) {
		assert_int_equal(bud_money_format(v, langs[i], buf, sizeof buf), BUD_OK);
		back = v + 1;
		if (bud_money_parse(buf, "x", &back, NULL) != BUD_OK || back != v)
			fail_msg("%lld -> \"%s\" -> %lld", (long long)v, buf, (long long)back);
		assert_int_equal(bud_qty_format(v, langs[i], buf, sizeof buf), BUD_OK);
		back = v + 1;
		if (bud_qty_parse(buf, "x", &back, NULL) != BUD_OK || back != v)
			fail_msg("qty %lld -> \"%s\" -> %lld", (long long)v, buf, (long long)back);
	}
	assert_int_equal(bud_money_format_plain(v, '.', buf, sizeof buf), BUD_OK);
	assert_int_equal(bud_money_parse(buf, "x", &back, NULL), BUD_OK);
	assert_int_equal(back, v);
	assert_int_equal(bud_money_format_plain(v, ',', buf, sizeof buf), BUD_OK);
	assert_int_equal(bud_money_parse(buf, "x", &back, NULL), BUD_OK);
	assert_int_equal(back, v);
}

static void test_round_trip(void **state)
{
	static const int64_t fixed[] = {
		0, 1, -1, 5, 10, 99, 100, 101, 99999, 100000, 123450, -123450,
		BUD_MONEY_MAX, -BUD_MONEY_MAX, BUD_MONEY_MAX - 1, 100000000000000,
	};
	size_t i;

	for (i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
		check_round_trip(fixed[i]);
	for (i = 0; i < 20000; i++)
		check_round_trip(rng_amount(BUD_MONEY_MAX));
}

static void test_add_sub(void **state)
{
	bud_cents r = 7;
	bud_err e;

	assert_int_equal(bud_money_add(BUD_MONEY_MAX, 0, &r, NULL), BUD_OK);
	assert_int_equal(r, BUD_MONEY_MAX);
	assert_int_equal(bud_money_add(BUD_MONEY_MAX - 1, 1, &r, NULL), BUD_OK);
	assert_int_equal(r, BUD_MONEY_MAX);
	assert_int_equal(bud_money_add(-BUD_MONEY_MAX, 0, &r, NULL), BUD_OK);
	assert_int_equal(r, -BUD_MONEY_MAX);
	assert_int_equal(bud_money_add(1250, -2500, &r, NULL), BUD_OK);
	assert_int_equal(r, -1250);
	assert_int_equal(bud_money_sub(1250, 2500, &r, NULL), BUD_OK);
	assert_int_equal(r, -1250);
	assert_int_equal(bud_money_sub(-BUD_MONEY_MAX, -BUD_MONEY_MAX, &r, NULL), BUD_OK);
	assert_int_equal(r, 0);
	/* Huge operands that cancel out are fine: only the result is bounded. */
	assert_int_equal(bud_money_add(INT64_MAX, INT64_MIN + 1, &r, NULL), BUD_OK);
	assert_int_equal(r, 0);

	r = 7;
	bud_err_clear(&e);
	assert_int_equal(bud_money_add(BUD_MONEY_MAX, 1, &r, &e), BUD_EOVERFLOW);
	assert_string_equal(e.key, "err.money.overflow");
	assert_int_equal(e.code, BUD_EOVERFLOW);
	assert_int_equal(r, 7);
	assert_int_equal(bud_money_add(-BUD_MONEY_MAX, -1, &r, NULL), BUD_EOVERFLOW);
	assert_int_equal(bud_money_add(INT64_MAX, INT64_MAX, &r, NULL), BUD_EOVERFLOW);
	assert_int_equal(bud_money_add(INT64_MIN, -1, &r, NULL), BUD_EOVERFLOW);
	assert_int_equal(bud_money_sub(-BUD_MONEY_MAX, 1, &r, NULL), BUD_EOVERFLOW);
	assert_int_equal(bud_money_sub(BUD_MONEY_MAX, -1, &r, NULL), BUD_EOVERFLOW);
	assert_int_equal(bud_money_sub(0, INT64_MIN, &r, NULL), BUD_EOVERFLOW);
	assert_int_equal(bud_money_sub(INT64_MIN, INT64_MAX, &r, NULL), BUD_EOVERFLOW);
	assert_int_equal(r, 7);
}

static void test_line_examples(void **state)
{
	static const struct {
		int64_t qty, unit, want;
	} cases[] = {
		{150, 3333, 5000}, {-150, 3333, -5000}, {150, -3333, -5000},
		{-150, -3333, 5000}, {1, 1, 0}, {50, 1, 1}, {-50, 1, -1}, {49, 1, 0},
		{-49, 1, 0}, {51, 1, 1}, {149, 1, 1}, {150, 1, 2}, {250, 1, 3},
		{100, 1250, 1250}, {200, 4950, 9900}, {25, 2000, 500}, {333, 3, 10},
		{0, INT64_MAX, 0}, {INT64_MIN, 0, 0}, {100, BUD_MONEY_MAX, BUD_MONEY_MAX},
		{100, -BUD_MONEY_MAX, -BUD_MONEY_MAX}, {1, 100 * BUD_MONEY_MAX, BUD_MONEY_MAX},
	};
	bud_cents r;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		r = 424242;
		if (bud_money_line(cases[i].qty, cases[i].unit, &r, NULL) != BUD_OK ||
		    r != cases[i].want)
			fail_msg("%lld x %lld = %lld, want %lld", (long long)cases[i].qty,
				 (long long)cases[i].unit, (long long)r, (long long)cases[i].want);
	}
}

static void test_line_overflow(void **state)
{
	static const int64_t cases[][2] = {
		{100, BUD_MONEY_MAX + 1},		/* result one cent too much */
		{-100, BUD_MONEY_MAX + 1},
		{1, 100 * BUD_MONEY_MAX + 50},		/* rounds up past the max */
		{INT64_MAX, 2}, {2, INT64_MAX}, {INT64_MIN, -1}, {-1, INT64_MIN},
		{INT64_MIN, 1},				/* fits int64, not the max */
		{INT64_MAX, 1}, {3037000500, 3037000500},	/* just past 2^63 */
		{3037000499, 3037000499},		/* just below 2^63 */
		{92233720368547758, 100}, {4294967296, 4294967296},
	};
	bud_cents r = 7;
	bud_err e;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		bud_err_clear(&e);
		if (bud_money_line(cases[i][0], cases[i][1], &r, &e) != BUD_EOVERFLOW)
			fail_msg("%lld x %lld did not overflow", (long long)cases[i][0],
				 (long long)cases[i][1]);
		assert_string_equal(e.key, "err.money.overflow");
		assert_int_equal(r, 7);
	}
	/* The largest results that still fit. */
	assert_int_equal(bud_money_line(1, 100 * BUD_MONEY_MAX + 49, &r, NULL), BUD_OK);
	assert_int_equal(r, BUD_MONEY_MAX);
	assert_int_equal(bud_money_line(-1, 100 * BUD_MONEY_MAX + 49, &r, NULL), BUD_OK);
	assert_int_equal(r, -BUD_MONEY_MAX);
}

/*
 * The model: the product in 128 bits, the magnitude rounded by adding half
 * a unit and truncating, then the sign put back. Returns 0 when the real
 * function must refuse.
 */
__extension__ typedef __int128 i128;	/* gcc and clang; -Wpedantic */

static int model_line(int64_t qty, int64_t unit, int64_t *out)
{
	i128 p = (i128)qty * unit, mag, r;

	if (p > INT64_MAX || p < INT64_MIN)
		return 0;
	mag = p < 0 ? -p : p;
	r = (mag + 50) / 100;
	if (r > BUD_MONEY_MAX)
		return 0;
	*out = (int64_t)(p < 0 ? -r : r);
	return 1;
}

static void check_line(int64_t qty, int64_t unit)
{
	int64_t want = 0, got = 0;
	int ok = model_line(qty, unit, &want);
	int rc = bud_money_line(qty, unit, &got, NULL);

	if (ok ? (rc != BUD_OK || got != want) : rc != BUD_EOVERFLOW)
		fail_msg("%lld x %lld: rc %d got %lld, model %s %lld", (long long)qty,
			 (long long)unit, rc, (long long)got, ok ? "ok" : "overflow",
			 (long long)want);
}

static void test_line_table(void **state)
{
	int64_t q, u;
	size_t i;

	/* Every quantity 0..±10.00 against prices that hit every remainder. */
	for (q = -1000; q <= 1000; q++)
		for (u = -205; u <= 205; u += 7)
			check_line(q, u);
	for (q = -1000; q <= 1000; q += 3) {
		check_line(q, 3333);
		check_line(q, 4999);
		check_line(q, 12345);
	}
	/* Random pairs across the whole range, many of them overflowing. */
	for (i = 0; i < 200000; i++) {
		q = rng_amount(INT64_C(1000000000));
		u = rng() % 8 == 0 ? (int64_t)rng() : rng_amount(INT64_C(100000000000));
		check_line(q, u);
	}
	/* Near the int64 and money limits. */
	for (i = 0; i < 200; i++) {
		check_line(INT64_MAX - (int64_t)i, 1);
		check_line(INT64_MIN + (int64_t)i, 1);
		check_line(1, 100 * BUD_MONEY_MAX - 100 + (int64_t)i);
		check_line(-1, 100 * BUD_MONEY_MAX - 100 + (int64_t)i);
		check_line(3037000499 + (int64_t)i % 3, 3037000499 + (int64_t)i / 3);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_accepts),
		cmocka_unit_test(test_parse_refuses),
		cmocka_unit_test(test_qty_parse),
		cmocka_unit_test(test_parse_err_null),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_format_small_buffer),
		cmocka_unit_test(test_format_plain),
		cmocka_unit_test(test_qty_format),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_add_sub),
		cmocka_unit_test(test_line_examples),
		cmocka_unit_test(test_line_overflow),
		cmocka_unit_test(test_line_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
