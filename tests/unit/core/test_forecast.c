/*
 * Unit tests for core/forecast.c: shares, pace, projection and the run-out
 * day in whole cents and days, their rounding (down, the run-out day up),
 * the edges (before the start, the last day, after the end, nothing
 * granted, nothing used, already over) and the largest inputs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "bud_limits.h"
#include "core/date.h"
#include "core/forecast.h"

static int64_t day(int y, int m, int d)
{
	return bud_date_days(y, m, d);
}

static void test_even_pace(void **state)
{
	struct bud_forecast f;
	int64_t s = day(2026, 1, 1), e = day(2026, 12, 31);	/* 365 days */

	(void)state;
	/* 73 days of 365 (a fifth), a fifth of 3650,00 used: on pace */
	assert_int_equal(bud_forecast(365000, 73000, s, e, s + 72, &f, NULL), BUD_OK);
	assert_int_equal(f.total, 365);
	assert_int_equal(f.elapsed, 73);
	assert_int_equal(f.used_share, 2000);
	assert_int_equal(f.time_share, 2000);
	assert_int_equal(f.pace, 10000);
	assert_int_equal(f.per_day, 1000);
	assert_int_equal(f.projected, 365000);
	assert_int_equal(f.remaining, 292000);
	assert_int_equal(f.state, BUD_FC_LASTS);
	assert_int_equal(f.runout, -1);
}

static void test_runs_out(void **state)
{
	struct bud_forecast f;
	int64_t s = day(2026, 1, 1), e = day(2026, 12, 31);

	(void)state;
	/* 100 days, 400,00 of 1000,00 used: 4,00 a day, gone after 250 days:
	 * day 250 is 2026-09-07 */
	assert_int_equal(bud_forecast(100000, 40000, s, e, s + 99, &f, NULL), BUD_OK);
	assert_int_equal(f.state, BUD_FC_RUNS_OUT);
	assert_int_equal(f.projected, 146000);
	assert_int_equal(f.runout, day(2026, 9, 7));
	assert_int_equal(f.pace, 14603);	/* 40 % used at 27,39 % of the time */
	/* the run-out day rounds up: 1000,00 at 3,00 a day lasts 333,33 days,
	 * so the money is short on day 334 */
	assert_int_equal(bud_forecast(100000, 30000, s, e, s + 99, &f, NULL), BUD_OK);
	assert_int_equal(f.runout, s + 333);
	assert_int_equal(f.projected, 109500);
}

static void test_edges(void **state)
{
	struct bud_forecast f;
	int64_t s = day(2026, 1, 1), e = day(2026, 12, 31);

	(void)state;
	assert_int_equal(bud_forecast(1000, 0, s, e, s - 1, &f, NULL), BUD_OK);
	assert_int_equal(f.state, BUD_FC_NOT_STARTED);
	assert_int_equal(f.elapsed, 0);
	assert_int_equal(f.pace, 0);
	assert_int_equal(bud_forecast(1000, 0, s, e, s + 10, &f, NULL), BUD_OK);
	assert_int_equal(f.state, BUD_FC_LASTS);	/* nothing used never runs out */
	assert_int_equal(f.projected, 0);
	assert_int_equal(bud_forecast(1000, 999, s, e, e, &f, NULL), BUD_OK);
	assert_int_equal(f.state, BUD_FC_ENDED);
	assert_int_equal(f.elapsed, 365);
	assert_int_equal(f.used_share, 9990);
	assert_int_equal(bud_forecast(1000, 999, s, e, e + 400, &f, NULL), BUD_OK);
	assert_int_equal(f.state, BUD_FC_ENDED);
	assert_int_equal(bud_forecast(1000, 1500, s, e, s + 9, &f, NULL), BUD_OK);
	assert_int_equal(f.state, BUD_FC_EXCEEDED);
	assert_int_equal(f.remaining, -500);
	assert_int_equal(f.runout, s + 6);	/* 150 a day: 1000 reached on day 7 */
	assert_int_equal(bud_forecast(0, 0, s, s, s, &f, NULL), BUD_OK);
	assert_int_equal(f.used_share, 0);	/* nothing granted: no share */
	assert_int_equal(f.total, 1);
}

static void test_bounds(void **state)
{
	struct bud_forecast f;
	bud_err err;
	int64_t s = day(2000, 1, 1), e = s + BUD_FORECAST_MAX_DAYS - 1;

	(void)state;
	/* the largest amounts over the longest period: no overflow */
	assert_int_equal(bud_forecast(BUD_MONEY_MAX, BUD_MONEY_MAX - 1, s, e, s, &f, NULL),
			 BUD_OK);
	assert_int_equal(f.state, BUD_FC_RUNS_OUT);
	assert_int_equal(f.runout, s + 1);	/* short on the second day */
	assert_int_equal(f.projected, INT64_MAX);	/* saturates */
	assert_int_equal(bud_forecast(BUD_MONEY_MAX, BUD_MONEY_MAX / 2, s, e, e - 1, &f, NULL),
			 BUD_OK);
	assert_int_equal(f.used_share, 5000);
	assert_int_equal(f.state, BUD_FC_LASTS);
	assert_int_equal(bud_forecast(-1, 0, s, e, s, &f, &err), BUD_EINVAL);
	assert_int_equal(bud_forecast(1, BUD_MONEY_MAX + 1, s, e, s, &f, &err), BUD_EINVAL);
	assert_int_equal(bud_forecast(1, 0, s, s - 1, s, &f, &err), BUD_EINVAL);
	assert_int_equal(bud_forecast(1, 0, s, e + 1, s, &f, &err), BUD_EINVAL);
}

static void test_underused(void **state)
{
	struct bud_forecast f;
	int64_t s = day(2026, 1, 1), e = s + 99;	/* 100 days */

	(void)state;
	/* day 50 of 100, 24 % used: pace 48 % of even, under half: under-used */
	bud_forecast(10000, 2400, s, e, s + 49, &f, NULL);
	assert_true(bud_forecast_underused(&f, 5000, 5000));
	/* 25 % used at half: exactly half the even pace is not under */
	bud_forecast(10000, 2500, s, e, s + 49, &f, NULL);
	assert_false(bud_forecast_underused(&f, 5000, 5000));
	/* before half of the period nothing is under-used yet */
	bud_forecast(10000, 0, s, e, s + 48, &f, NULL);
	assert_false(bud_forecast_underused(&f, 5000, 5000));
	/* ended lines are not flagged */
	bud_forecast(10000, 0, s, e, e, &f, NULL);
	assert_false(bud_forecast_underused(&f, 5000, 5000));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_even_pace),
		cmocka_unit_test(test_runs_out),
		cmocka_unit_test(test_edges),
		cmocka_unit_test(test_bounds),
		cmocka_unit_test(test_underused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
