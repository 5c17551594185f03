/*
 * Unit tests for core/budget.c: monthly amounts, the pro-rata period
 * amount per calendar month (full months exact, part months rounded half
 * away from zero, leap Februaries), overflow refused, splits at month
 * boundaries summing to the whole, months and period checks.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/budget.h"
#include "core/date.h"
#include "core/money.h"

static int64_t pr(int64_t monthly, const char *from, const char *to)
{
	int64_t v = -1;
	bud_err e;

	assert_int_equal(bud_budget_prorata(monthly, from, to, &v, &e), BUD_OK);
	return v;
}

static void test_monthly(void **state)
{
	int64_t v;
	bud_err e;

	(void)state;
	/* 40 h x 28,50 € = 1140,00 € */
	assert_int_equal(bud_budget_monthly(4000, 2850, &v, &e), BUD_OK);
	assert_int_equal(v, 114000);
	/* 12,5 h x 33,33 € = 416,625 -> 416,63 (half away) */
	assert_int_equal(bud_budget_monthly(1250, 3333, &v, &e), BUD_OK);
	assert_int_equal(v, 41663);
	assert_int_equal(bud_budget_monthly(-1, 100, &v, &e), BUD_EINVAL);
	assert_int_equal(bud_budget_monthly(INT64_MAX, 2, &v, &e), BUD_EOVERFLOW);
	assert_string_equal(e.key, "err.money.overflow");
}

static void test_full_months_exact(void **state)
{
	(void)state;
	assert_int_equal(pr(114000, "2027-01-01", "2027-12-31"), 12 * 114000);
	assert_int_equal(pr(114000, "2027-02-01", "2027-02-28"), 114000);
	assert_int_equal(pr(99999, "2026-01-01", "2028-12-31"), 36 * 99999);
	/* an odd amount that does not divide by any month's days */
	assert_int_equal(pr(12345, "2026-04-01", "2026-06-30"), 3 * 12345);
}

static void test_part_months(void **state)
{
	(void)state;
	/* 2026-01-15..2026-02-14: 17/31 of January, 14/28 of February.
	 * 100000 x 17 / 31 = 54838,7 -> 54839; 100000 x 14 / 28 = 50000. */
	assert_int_equal(pr(100000, "2026-01-15", "2026-02-14"), 54839 + 50000);
	/* one day */
	assert_int_equal(pr(3100, "2026-01-10", "2026-01-10"), 100);
	/* empty: to before from */
	assert_int_equal(pr(3100, "2026-01-10", "2026-01-09"), 0);
}

static void test_leap_february(void **state)
{
	(void)state;
	/* 14 of 29 days in 2024, 14 of 28 in 2023 */
	assert_int_equal(pr(2900, "2024-02-01", "2024-02-14"), 1400);
	assert_int_equal(pr(2800, "2023-02-01", "2023-02-14"), 1400);
	assert_int_equal(pr(100, "2024-02-01", "2024-02-14"), 48);	/* 48,27 */
	assert_int_equal(pr(100, "2023-02-01", "2023-02-14"), 50);
	/* the whole of a leap February is the monthly amount */
	assert_int_equal(pr(777, "2024-02-01", "2024-02-29"), 777);
	/* 2024-02-29 alone: 1/29 */
	assert_int_equal(pr(2900, "2024-02-29", "2024-02-29"), 100);
}

static void test_rounding_half_away(void **state)
{
	(void)state;
	/* April has 30 days: 1 x 15 / 30 = 0,5 -> 1; 3 x 5 / 30 = 0,5 -> 1 */
	assert_int_equal(pr(1, "2026-04-01", "2026-04-15"), 1);
	assert_int_equal(pr(3, "2026-04-01", "2026-04-05"), 1);
	/* 1 x 14 / 30 = 0,47 -> 0; 5 x 16 / 30 = 2,67 -> 3; 5 x 15 / 30 = 2,5 -> 3 */
	assert_int_equal(pr(1, "2026-04-01", "2026-04-14"), 0);
	assert_int_equal(pr(5, "2026-04-01", "2026-04-16"), 3);
	assert_int_equal(pr(5, "2026-04-16", "2026-04-30"), 3);
	/* so two halves of a month can sum to more than the month: only
	 * month boundaries split exactly */
}

static void test_overflow_refused(void **state)
{
	int64_t v = 42;
	bud_err e;

	(void)state;
	assert_int_equal(bud_budget_prorata(BUD_MONEY_MAX + 1, "2026-01-01",
					    "2026-01-31", &v, &e), BUD_EOVERFLOW);
	assert_int_equal(bud_budget_prorata(BUD_MONEY_MAX, "2026-01-01",
					    "2026-02-28", &v, &e), BUD_EOVERFLOW);
	assert_string_equal(e.key, "err.money.overflow");
	assert_int_equal(v, 42);	/* untouched */
	assert_int_equal(bud_budget_prorata(BUD_MONEY_MAX, "2026-01-01",
					    "2026-01-31", &v, &e), BUD_OK);
	assert_int_equal(v, BUD_MONEY_MAX);
	/* a part month of the largest amount still computes exactly */
	assert_int_equal(bud_budget_prorata(BUD_MONEY_MAX, "2026-01-01",
					    "2026-01-15", &v, &e), BUD_OK);
	assert_int_equal(v, INT64_C(483870967741935));	/* 10^15 x 15 / 31 */
	{
		int64_t parts[2] = {BUD_MONEY_MAX, 1};

		assert_int_equal(bud_budget_sum(parts, 2, &v, &e), BUD_EOVERFLOW);
	}
	assert_int_equal(bud_budget_prorata(100, "2026-13-01", "2026-12-31",
					    &v, &e), BUD_EINVAL);
	assert_string_equal(e.field, "valid_from");
}

/* Split a period at every month boundary inside it: the parts sum to the
 * whole, for many periods and amounts. */
static void test_split_at_month_boundaries(void **state)
{
	static const int64_t amounts[] = {1, 7, 99, 12345, 114000, 987654321};
	int64_t start, len, whole, sum, part, a, b, first;
	int y, m, d;
	size_t i;
	bud_err e;

	(void)state;
	start = bud_date_days(2023, 11, 17);
	for (i = 0; i < sizeof(amounts) / sizeof(amounts[0]); i++) {
		for (len = 0; len < 800; len += 37) {
			a = start + len / 3;
			b = a + len;
			assert_int_equal(bud_budget_prorata_days(amounts[i], a, b,
								 &whole, &e), BUD_OK);
			sum = 0;
			while (a <= b) {
				assert_int_equal(bud_date_from_days(a, &y, &m, &d), BUD_OK);
				first = a - (d - 1);
				part = first + bud_date_month_days(y, m) - 1;
				if (part > b)
					part = b;
				assert_int_equal(bud_budget_prorata_days(amounts[i], a, part,
									 &part, &e), BUD_OK);
				sum += part;
				a = first + bud_date_month_days(y, m);
			}
			assert_int_equal(sum, whole);
		}
	}
}

static void test_until(void **state)
{
	int64_t v, whole;
	bud_err e;

	(void)state;
	whole = pr(114000, "2027-01-01", "2027-12-31");
	assert_int_equal(bud_budget_until(114000, "2027-01-01", "2027-12-31",
					  "2027-06-30", &v, &e), BUD_OK);
	assert_int_equal(v, 6 * 114000);
	assert_int_equal(bud_budget_until(114000, "2027-01-01", "2027-12-31",
					  "2026-12-31", &v, &e), BUD_OK);
	assert_int_equal(v, 0);
	assert_int_equal(bud_budget_until(114000, "2027-01-01", "2027-12-31",
					  "2028-05-01", &v, &e), BUD_OK);
	assert_int_equal(v, whole);
	assert_int_equal(bud_budget_until(114000, "2027-01-01", "2027-12-31",
					  "2027-01-15", &v, &e), BUD_OK);
	assert_int_equal(v, 55161);	/* 114000 x 15 / 31 = 55161,3 */
}

static void test_months_and_period(void **state)
{
	int n;
	bud_err e;

	(void)state;
	assert_int_equal(bud_budget_months("2027-01-01", "2027-12-31", &n, &e), BUD_OK);
	assert_int_equal(n, 12);
	assert_int_equal(bud_budget_months("2026-01-15", "2026-02-14", &n, &e), BUD_OK);
	assert_int_equal(n, 2);
	assert_int_equal(bud_budget_months("2026-01-15", "2026-01-14", &n, &e), BUD_OK);
	assert_int_equal(n, 0);

	assert_int_equal(bud_budget_period_check("2027-01-01", "2029-12-31", 36, &e),
			 BUD_OK);
	assert_int_equal(bud_budget_period_check("2027-01-01", "2030-01-01", 36, &e),
			 BUD_EINVAL);
	assert_string_equal(e.key, "err.plan.period_long");
	assert_string_equal(e.field, "valid_to");
	assert_int_equal(bud_budget_period_check("2027-01-02", "2027-01-01", 36, &e),
			 BUD_EINVAL);
	assert_string_equal(e.key, "err.plan.period_order");
	assert_int_equal(bud_budget_period_check("2027-02-30", "2027-03-01", 36, &e),
			 BUD_EINVAL);
	assert_string_equal(e.field, "valid_from");
	assert_int_equal(bud_budget_period_check("2027-01-01", "x", 36, &e),
			 BUD_EINVAL);
	assert_string_equal(e.field, "valid_to");
}

static void test_sum(void **state)
{
	int64_t v[3] = {100, 250, 1}, s;
	bud_err e;

	(void)state;
	assert_int_equal(bud_budget_sum(v, 3, &s, &e), BUD_OK);
	assert_int_equal(s, 351);
	assert_int_equal(bud_budget_sum(v, 0, &s, &e), BUD_OK);
	assert_int_equal(s, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_monthly),
		cmocka_unit_test(test_full_months_exact),
		cmocka_unit_test(test_part_months),
		cmocka_unit_test(test_leap_february),
		cmocka_unit_test(test_rounding_half_away),
		cmocka_unit_test(test_overflow_refused),
		cmocka_unit_test(test_split_at_month_boundaries),
		cmocka_unit_test(test_until),
		cmocka_unit_test(test_months_and_period),
		cmocka_unit_test(test_sum),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
