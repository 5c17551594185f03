/*
 * Unit tests for core/suppress.c: the small-group suppression rule of the
 * pilot figures. Each case is a row of counts, and besides the flags the
 * test checks the property the rule exists for: from the shown cells and
 * the shown total no hidden cell can be told (at least two hidden, or the
 * total hidden too), and no shown figure counts 1..k-1 clients.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/suppress.h"

#define K 5

/* No shown figure is small, and an additive row with a hidden cell hides
 * at least two, or its total. */
static void assert_safe(const int64_t *cells, size_t n, int64_t total, int additive,
			const int *hidden, int total_hidden)
{
	size_t i, nh = 0;

	for (i = 0; i < n; i++) {
		if (!hidden[i])
			assert_true(cells[i] == 0 || cells[i] >= K);
		nh += (size_t)hidden[i];
	}
	if (!total_hidden)
		assert_true(total == 0 || total >= K);
	if (additive && nh > 0 && !total_hidden)
		assert_true(nh >= 2);
}

static void run(const int64_t *cells, size_t n, int additive, const int *want,
		int want_total)
{
	int hidden[8], th = -1;
	int64_t total = 0;
	size_t i, nh;

	for (i = 0; i < n; i++)
		total += cells[i];
	nh = bud_suppress_row(cells, n, total, additive, K, hidden, &th);
	for (i = 0; i < n; i++)
		assert_int_equal(hidden[i], want[i]);
	assert_int_equal(th, want_total);
	assert_safe(cells, n, total, additive, hidden, th);
	for (i = 0; i < n; i++)
		nh -= (size_t)hidden[i];
	assert_int_equal(nh, 0);
}

static void test_nothing_small(void **state)
{
	static const int64_t c[] = {6, 0, 12, 5};
	static const int w[] = {0, 0, 0, 0};

	(void)state;
	run(c, 4, 1, w, 0);
}

static void test_group_of_four_and_its_complement(void **state)
{
	/* 4 is hidden; then 6, the smallest other non-zero cell, too: 20 - 10
	 * = 10 tells neither. The zero stays shown. */
	static const int64_t c[] = {10, 4, 6, 0};
	static const int w[] = {0, 1, 1, 0};

	(void)state;
	run(c, 4, 1, w, 0);
}

static void test_two_small_still_take_a_complement(void **state)
{
	/* 4 and 4 hidden alone would give 8 = 4 + 4 (each at most 4) */
	static const int64_t c[] = {4, 4, 9, 30};
	static const int w[] = {1, 1, 1, 0};

	(void)state;
	run(c, 4, 1, w, 0);
}

static void test_no_complement_hides_the_total(void **state)
{
	static const int64_t c[] = {4, 4, 0};
	static const int w[] = {1, 1, 0};

	(void)state;
	run(c, 3, 1, w, 1);
}

static void test_small_total_hides_all(void **state)
{
	static const int64_t c[] = {3, 0, 1};
	static const int w[] = {1, 1, 1};

	(void)state;
	run(c, 3, 1, w, 1);
}

static void test_not_additive_is_primary_only(void **state)
{
	/* one client in several cells: the total does not give a cell away */
	static const int64_t c[] = {7, 2, 9};
	static const int w[] = {0, 1, 0};
	int hidden[3], th = -1;

	(void)state;
	assert_int_equal(bud_suppress_row(c, 3, 12, 0, K, hidden, &th), 1);
	assert_memory_equal(hidden, w, sizeof(w));
	assert_int_equal(th, 0);
}

static void test_ties_take_the_first(void **state)
{
	static const int64_t c[] = {8, 2, 8, 20};
	static const int w[] = {1, 1, 0, 0};

	(void)state;
	run(c, 4, 1, w, 0);
}

static void test_single_figure(void **state)
{
	(void)state;
	assert_true(bud_suppress_shown(0, K));
	assert_false(bud_suppress_shown(1, K));
	assert_false(bud_suppress_shown(4, K));
	assert_true(bud_suppress_shown(5, K));
	assert_false(bud_suppress_shown(9, 10));
}

/* Every row of three cells 0..7 at k 5: the property holds. */
static void test_exhaustive_small_rows(void **state)
{
	int64_t c[3], total;
	int hidden[3], th, additive;

	(void)state;
	for (additive = 0; additive <= 1; additive++)
		for (c[0] = 0; c[0] < 8; c[0]++)
			for (c[1] = 0; c[1] < 8; c[1]++)
				for (c[2] = 0; c[2] < 8; c[2]++) {
					total = c[0] + c[1] + c[2];
					bud_suppress_row(c, 3, total, additive, K, hidden, &th);
					assert_safe(c, 3, total, additive, hidden, th);
				}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nothing_small),
		cmocka_unit_test(test_group_of_four_and_its_complement),
		cmocka_unit_test(test_two_small_still_take_a_complement),
		cmocka_unit_test(test_no_complement_hides_the_total),
		cmocka_unit_test(test_small_total_hides_all),
		cmocka_unit_test(test_not_additive_is_primary_only),
		cmocka_unit_test(test_ties_take_the_first),
		cmocka_unit_test(test_single_figure),
		cmocka_unit_test(test_exhaustive_small_rows),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
