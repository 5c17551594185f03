/*
 * Unit tests for core/date.c: leap years, which dates exist, the strict
 * YYYY-MM-DD parser, day numbers over the whole range 0001..9999 (each day
 * follows the one before), months added with clamping, and Helsinki time
 * at the summer-time switch instants (values from the tz database).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/date.h"

/* the tests below assume a 32-bit int */
_Static_assert(sizeof(int) == 4, "int is 32 bits");

static void test_leap_and_valid(void **state)
{
	(void)state;
	assert_true(bud_date_leap(2000));
	assert_true(bud_date_leap(2024));
	assert_true(bud_date_leap(1600));
	assert_false(bud_date_leap(1900));
	assert_false(bud_date_leap(2100));
	assert_false(bud_date_leap(2023));
	assert_int_equal(bud_date_month_days(2024, 2), 29);
	assert_int_equal(bud_date_month_days(2023, 2), 28);
	assert_int_equal(bud_date_month_days(2023, 4), 30);
	assert_int_equal(bud_date_month_days(2023, 12), 31);
	assert_int_equal(bud_date_month_days(2023, 0), 0);
	assert_int_equal(bud_date_month_days(2023, 13), 0);
	assert_true(bud_date_valid(2024, 2, 29));
	assert_false(bud_date_valid(2023, 2, 29));
	assert_false(bud_date_valid(1900, 2, 29));
	assert_true(bud_date_valid(2000, 2, 29));
	assert_false(bud_date_valid(2024, 4, 31));
	assert_false(bud_date_valid(2024, 1, 0));
	assert_false(bud_date_valid(2024, 1, 32));
	assert_false(bud_date_valid(2024, 0, 1));
	assert_false(bud_date_valid(2024, 13, 1));
	assert_false(bud_date_valid(0, 1, 1));
	assert_false(bud_date_valid(10000, 1, 1));
	assert_true(bud_date_valid(1, 1, 1));
	assert_true(bud_date_valid(9999, 12, 31));
	assert_false(bud_date_valid(INT32_MIN, INT32_MIN, INT32_MIN));
}

/* Parse s; returns the key ("" when it parsed). */
static const char *parse_key(const char *s, int *y, int *m, int *d)
{
	static bud_err err;

	bud_err_clear(&err);
	if (bud_date_parse(s, y, m, d, &err) == BUD_OK)
		return "";
	assert_string_equal(err.field, "date");
	return err.key;
}

static void test_parse(void **state)
{
	static const char *syntax[] = {
		"2024-2-29", "2024-02-29 ", " 2024-02-29", "2024/02/29", "20240229",
		"+024-02-29", "2024-0a-29", "2024-02-2x", "24-02-29", "2024-02-290",
		"", "2024-02-", "-024-02-29", "2024--2-29", "2024-02-\xd9\xa9",
	};
	int y = 7, m = 7, d = 7;
	size_t i;

	(void)state;
	assert_string_equal(parse_key("2024-02-29", &y, &m, &d), "");
	assert_int_equal(y, 2024);
	assert_int_equal(m, 2);
	assert_int_equal(d, 29);
	assert_string_equal(parse_key("1800-01-01", &y, &m, &d), "");
	assert_int_equal(y, 1800);
	assert_string_equal(parse_key("2999-12-31", &y, &m, &d), "");
	assert_int_equal(d, 31);
	y = m = d = 7;
	assert_string_equal(parse_key("2023-02-29", &y, &m, &d), "err.date.invalid");
	assert_string_equal(parse_key("2023-04-31", &y, &m, &d), "err.date.invalid");
	assert_string_equal(parse_key("2023-00-10", &y, &m, &d), "err.date.invalid");
	assert_string_equal(parse_key("2023-13-10", &y, &m, &d), "err.date.invalid");
	assert_string_equal(parse_key("2023-01-00", &y, &m, &d), "err.date.invalid");
	assert_string_equal(parse_key("1799-12-31", &y, &m, &d), "err.date.range");
	assert_string_equal(parse_key("3000-01-01", &y, &m, &d), "err.date.range");
	assert_string_equal(parse_key("0000-01-01", &y, &m, &d), "err.date.range");
	assert_string_equal(parse_key(NULL, &y, &m, &d), "err.date.syntax");
	for (i = 0; i < sizeof syntax / sizeof syntax[0]; i++)
		assert_string_equal(parse_key(syntax[i], &y, &m, &d), "err.date.syntax");
	/* outputs untouched on every error */
	assert_int_equal(y, 7);
	assert_int_equal(m, 7);
	assert_int_equal(d, 7);
}

static void test_days_known(void **state)
{
	int y = 0, m = 0, d = 0;

	(void)state;
	assert_int_equal(bud_date_days(1970, 1, 1), 0);
	assert_int_equal(bud_date_days(1970, 1, 2), 1);
	assert_int_equal(bud_date_days(1969, 12, 31), -1);
	assert_int_equal(bud_date_days(2000, 3, 1), 11017);
	assert_int_equal(bud_date_days(2024, 2, 29), 19782);
	assert_int_equal(bud_date_days(1, 1, 1), -719162);
	assert_int_equal(bud_date_days(9999, 12, 31), 2932896);
	assert_true(bud_date_days(2023, 2, 29) == INT64_MIN);
	assert_int_equal(bud_date_from_days(19782, &y, &m, &d), BUD_OK);
	assert_int_equal(y, 2024);
	assert_int_equal(m, 2);
	assert_int_equal(d, 29);
	assert_int_equal(bud_date_from_days(-719163, &y, &m, &d), BUD_EINVAL);
	assert_int_equal(bud_date_from_days(2932897, &y, &m, &d), BUD_EINVAL);
	assert_int_equal(bud_date_from_days(INT64_MIN, &y, &m, &d), BUD_EINVAL);
	assert_int_equal(bud_date_from_days(INT64_MAX, &y, &m, &d), BUD_EINVAL);
	assert_int_equal(y, 2024);	/* untouched */
	assert_int_equal(bud_date_weekday(1970, 1, 1), 4);	/* Thursday */
	assert_int_equal(bud_date_weekday(2000, 1, 1), 6);	/* Saturday */
	assert_int_equal(bud_date_weekday(2024, 1, 1), 1);	/* Monday */
	assert_int_equal(bud_date_weekday(2024, 3, 31), 0);	/* Sunday */
	assert_int_equal(bud_date_weekday(1, 1, 1), 1);	/* Monday, proleptic */
	assert_int_equal(bud_date_weekday(2023, 2, 29), -1);
}

/* Every day from 0001-01-01 to 9999-12-31: the day number maps back to the
 * date, and each date is the day after the one before. */
static void test_days_round_trip(void **state)
{
	int64_t n, first = bud_date_days(1, 1, 1), last = bud_date_days(9999, 12, 31);
	int y, m, d, py = 1, pm = 1, pd = 1, wd = bud_date_weekday(1, 1, 1);

	(void)state;
	for (n = first; n <= last; n++) {
		assert_int_equal(bud_date_from_days(n, &y, &m, &d), BUD_OK);
		if (n > first) {
			int next_day = d == pd + 1 && m == pm && y == py;
			int next_month = d == 1 && pd == bud_date_month_days(py, pm) &&
				((m == pm + 1 && y == py) || (m == 1 && pm == 12 && y == py + 1));

			if (!next_day && !next_month)
				fail_msg("%d-%d-%d after %d-%d-%d", y, m, d, py, pm, pd);
			wd = (wd + 1) % 7;
		}
		if (bud_date_days(y, m, d) != n)
			fail_msg("%d-%d-%d is not day %lld", y, m, d, (long long)n);
		if (d == 1 && bud_date_weekday(y, m, d) != wd)
			fail_msg("weekday of %d-%d-%d", y, m, d);
		py = y;
		pm = m;
		pd = d;
	}
	assert_int_equal(py, 9999);
	assert_int_equal(pm, 12);
	assert_int_equal(pd, 31);
}

static void test_add_months(void **state)
{
	static const struct { int y, m, d, add, ny, nm, nd; } cases[] = {
		{2024, 1, 31, 1, 2024, 2, 29}, {2023, 1, 31, 1, 2023, 2, 28},
		{2024, 3, 31, -1, 2024, 2, 29}, {2024, 12, 15, 1, 2025, 1, 15},
		{2024, 1, 15, -13, 2022, 12, 15}, {2024, 5, 31, 0, 2024, 5, 31},
		{2024, 8, 31, 1, 2024, 9, 30}, {2024, 2, 29, 12, 2025, 2, 28},
		{2024, 2, 29, 48, 2028, 2, 29}, {1, 1, 1, 0, 1, 1, 1},
		{9999, 11, 30, 1, 9999, 12, 30}, {2000, 6, 10, -23988, 1, 6, 10},
	};
	int y = 5, m = 5, d = 5;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_int_equal(bud_date_add_months(cases[i].y, cases[i].m, cases[i].d,
						     cases[i].add, &y, &m, &d), BUD_OK);
		assert_int_equal(y, cases[i].ny);
		assert_int_equal(m, cases[i].nm);
		assert_int_equal(d, cases[i].nd);
	}
	y = m = d = 5;
	assert_int_equal(bud_date_add_months(9999, 12, 1, 1, &y, &m, &d), BUD_EINVAL);
	assert_int_equal(bud_date_add_months(1, 1, 1, -1, &y, &m, &d), BUD_EINVAL);
	assert_int_equal(bud_date_add_months(2023, 2, 29, 1, &y, &m, &d), BUD_EINVAL);
	assert_int_equal(bud_date_add_months(2024, 1, 1, INT32_MAX, &y, &m, &d), BUD_EINVAL);
	assert_int_equal(bud_date_add_months(2024, 1, 1, INT32_MIN, &y, &m, &d), BUD_EINVAL);
	assert_int_equal(y + m + d, 15);	/* untouched */
}

static void test_format(void **state)
{
	char out[BUD_DATE_BUF];

	(void)state;
	assert_int_equal(bud_date_format(2024, 2, 29, out), BUD_OK);
	assert_string_equal(out, "2024-02-29");
	assert_int_equal(bud_date_format(1, 1, 1, out), BUD_OK);
	assert_string_equal(out, "0001-01-01");
	assert_int_equal(bud_date_format(9999, 12, 31, out), BUD_OK);
	assert_string_equal(out, "9999-12-31");
	assert_int_equal(bud_date_format(2023, 2, 29, out), BUD_EINVAL);
	assert_string_equal(out, "");
	assert_int_equal(bud_date_format(-5, 1, 1, out), BUD_EINVAL);
}

/* Helsinki time of t must be the given local time, offset and weekday. */
static void expect_hki(int64_t t, const char *date, int h, int mi, int s, int offset, int wday)
{
	struct bud_tm tm;
	char buf[BUD_DATE_BUF];

	assert_int_equal(bud_time_helsinki(t, &tm), BUD_OK);
	assert_int_equal(bud_date_format(tm.year, tm.month, tm.day, buf), BUD_OK);
	if (strcmp(buf, date) != 0 || tm.hour != h || tm.min != mi || tm.sec != s ||
	    tm.utc_offset != offset || tm.wday != wday || tm.dst != (offset == 10800))
		fail_msg("%lld: got %s %02d:%02d:%02d %+d wday %d dst %d", (long long)t,
			 buf, tm.hour, tm.min, tm.sec, tm.utc_offset, tm.wday, tm.dst);
}

static void test_helsinki(void **state)
{
	struct bud_tm tm;

	(void)state;
	expect_hki(0, "1970-01-01", 2, 0, 0, 7200, 4);
	expect_hki(-1, "1970-01-01", 1, 59, 59, 7200, 4);
	expect_hki(-86401, "1969-12-31", 1, 59, 59, 7200, 3);
	/* 2024: summer time from 31 March 01:00 UTC to 27 October 01:00 UTC */
	expect_hki(1711846799, "2024-03-31", 2, 59, 59, 7200, 0);
	expect_hki(1711846800, "2024-03-31", 4, 0, 0, 10800, 0);
	expect_hki(1729990799, "2024-10-27", 3, 59, 59, 10800, 0);
	expect_hki(1729990800, "2024-10-27", 3, 0, 0, 7200, 0);
	/* new year in Helsinki two hours before UTC's */
	expect_hki(1704059999, "2023-12-31", 23, 59, 59, 7200, 0);
	expect_hki(1704060000, "2024-01-01", 0, 0, 0, 7200, 1);
	expect_hki(2000000000, "2033-05-18", 6, 33, 20, 10800, 3);
	/* 1981: the first summer time, switching at 00:00 UTC */
	expect_hki(354671999, "1981-03-29", 1, 59, 59, 7200, 0);
	expect_hki(354672000, "1981-03-29", 3, 0, 0, 10800, 0);
	expect_hki(370396799, "1981-09-27", 2, 59, 59, 10800, 0);
	expect_hki(370396800, "1981-09-27", 2, 0, 0, 7200, 0);
	/* before 1996 it ended in September */
	expect_hki(654656399, "1990-09-30", 3, 59, 59, 10800, 0);
	expect_hki(654656400, "1990-09-30", 3, 0, 0, 7200, 0);
	/* none before 1981 */
	expect_hki(205000000, "1976-06-30", 18, 26, 40, 7200, 3);
	/* the ends of the range */
	expect_hki(BUD_TIME_MIN, "0001-01-01", 2, 0, 0, 7200, 1);
	expect_hki(BUD_TIME_MAX, "9999-12-31", 23, 59, 59, 7200, 5);
	assert_int_equal(bud_time_helsinki(BUD_TIME_MIN - 1, &tm), BUD_EINVAL);
	assert_int_equal(bud_time_helsinki(BUD_TIME_MAX + 1, &tm), BUD_EINVAL);
	assert_int_equal(bud_time_helsinki(INT64_MIN, &tm), BUD_EINVAL);
	assert_int_equal(bud_time_helsinki(INT64_MAX, &tm), BUD_EINVAL);
}

/* Every hour of 2020..2030: the offset is +3 exactly between the switches. */
static void test_helsinki_sweep(void **state)
{
	int64_t t, start = bud_date_days(2020, 1, 1) * 86400;
	int64_t end = bud_date_days(2031, 1, 1) * 86400;
	struct bud_tm tm;
	int switches = 0, prev = 7200;

	(void)state;
	for (t = start; t < end; t += 3600) {
		assert_int_equal(bud_time_helsinki(t, &tm), BUD_OK);
		if (tm.utc_offset != prev) {
			/* every switch is on a Sunday, 01:00 UTC, in March or October */
			assert_int_equal(t % 86400, 3600);
			assert_int_equal(tm.wday, 0);
			assert_true(tm.month == (prev == 7200 ? 3 : 10));
			assert_true(tm.day >= 25);
			switches++;
			prev = tm.utc_offset;
		}
	}
	assert_int_equal(switches, 22);
}

static void test_today(void **state)
{
	int64_t today = bud_date_today_helsinki();

	(void)state;
	/* the clock of any machine running this: after this code was written */
	assert_true(today >= bud_date_days(2025, 1, 1));
	assert_true(today <= bud_date_days(9999, 12, 31));
}

/* Dates as people type them in a form: ISO or D.M.YYYY, one or two digit
 * day and month; nothing else, and no date that does not exist. */
static void test_parse_typed(void **state)
{
	static const struct {
		const char *in;
		int y, m, d;
	} good[] = {
		{"7.12.2026", 2026, 12, 7}, {"07.12.2026", 2026, 12, 7}, {"1.1.2027", 2027, 1, 1},
		{"2026-12-07", 2026, 12, 7}, {" 31.12.2027 ", 2027, 12, 31}, {"29.2.2028", 2028, 2, 29},
	};
	static const char *const bad[] = {"", "7.12.26", "7/12/2026", "7.12.2026.", "007.12.2026",
		"7..2026", "31.2.2026", "29.2.2027", "7.13.2026", "0.1.2026", "2026-12-7",
		"7. 12. 2026", "7.12.20266", "tomorrow"};
	char out[32];
	bud_err e;
	size_t i;
	int y, m, d;

	(void)state;
	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		assert_int_equal(bud_date_parse_typed(good[i].in, &y, &m, &d, &e), BUD_OK);
		assert_int_equal(y, good[i].y);
		assert_int_equal(m, good[i].m);
		assert_int_equal(d, good[i].d);
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_not_equal(bud_date_parse_typed(bad[i], &y, &m, &d, &e), BUD_OK);
	assert_int_equal(bud_date_parse_typed("7/12/2026", &y, &m, &d, &e), BUD_EINVAL);
	assert_string_equal(e.key, "err.date.typed");
	assert_int_equal(bud_date_parse_typed("31.2.2026", &y, &m, &d, &e), BUD_EINVAL);
	assert_string_equal(e.key, "err.date.invalid");
	/* shown back: the Finnish and Swedish way, ISO in English */
	assert_int_equal(bud_date_show("2027-01-01", "fi", out, sizeof out), BUD_OK);
	assert_string_equal(out, "1.1.2027");
	assert_int_equal(bud_date_show("2026-12-07", "sv", out, sizeof out), BUD_OK);
	assert_string_equal(out, "7.12.2026");
	assert_int_equal(bud_date_show("2026-12-07", "en", out, sizeof out), BUD_OK);
	assert_string_equal(out, "2026-12-07");
	assert_int_equal(bud_date_show("huomenna", "fi", out, sizeof out), BUD_EINVAL);
	assert_string_equal(out, "huomenna");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_leap_and_valid),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_parse_typed),
		cmocka_unit_test(test_days_known),
		cmocka_unit_test(test_days_round_trip),
		cmocka_unit_test(test_add_months),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_helsinki),
		cmocka_unit_test(test_helsinki_sweep),
		cmocka_unit_test(test_today),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
