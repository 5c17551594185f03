/* Unit tests for cli/progress.c: the bar and line forms, when each is
 * shown, and that a short buffer is cut, not overrun. No terminal, no
 * time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "cli/progress.h"

static void test_line_form(void **state)
{
	char out[128];
	size_t n;

	(void)state;
	n = bud_progress_format(out, sizeof(out), 0, "demo", "clients", 500, 2000);
	assert_string_equal(out, "demo: 25 % (500/2000 clients)\n");
	assert_int_equal(n, strlen(out));
	bud_progress_format(out, sizeof(out), 0, "backup", "pages", 7, 7);
	assert_string_equal(out, "backup: 100 % (7/7 pages)\n");
	/* beyond the total is the total; nothing of nothing is 0 % */
	bud_progress_format(out, sizeof(out), 0, "check", "steps", 9, 4);
	assert_string_equal(out, "check: 100 % (4/4 steps)\n");
	bud_progress_format(out, sizeof(out), 0, "import", "rows", 0, 0);
	assert_string_equal(out, "import: 0 % (0/0 rows)\n");
	bud_progress_format(out, sizeof(out), 0, "import", "rows", -5, 10);
	assert_string_equal(out, "import: 0 % (0/10 rows)\n");
}

static void test_bar_form(void **state)
{
	char out[128];

	(void)state;
	bud_progress_format(out, sizeof(out), 1, "demo", "clients", 50000, 100000);
	assert_string_equal(out, "\rdemo [##########----------]  50 %  50000/100000 clients");
	bud_progress_format(out, sizeof(out), 1, "demo", "clients", 0, 100000);
	assert_string_equal(out, "\rdemo [--------------------]   0 %  0/100000 clients");
	bud_progress_format(out, sizeof(out), 1, "demo", "clients", 100000, 100000);
	assert_string_equal(out, "\rdemo [####################] 100 %  100000/100000 clients");
	/* 99.99 % is not yet 100 */
	bud_progress_format(out, sizeof(out), 1, "demo", "clients", 9999, 10000);
	assert_string_equal(out, "\rdemo [###################-]  99 %  9999/10000 clients");
}

static void test_cut(void **state)
{
	char out[8];
	size_t n;

	(void)state;
	memset(out, 'x', sizeof(out));
	n = bud_progress_format(out, sizeof(out), 0, "demo", "clients", 1, 2);
	assert_int_equal(n, 7);
	assert_string_equal(out, "demo: 5");
}

static void test_when_shown(void **state)
{
	(void)state;
	/* lines: every tenth, and the end once */
	assert_int_equal(bud_progress_next(0, 0, 100, -1), 0);
	assert_int_equal(bud_progress_next(0, 5, 100, 0), -1);
	assert_int_equal(bud_progress_next(0, 19, 100, 0), 10);
	assert_int_equal(bud_progress_next(0, 25, 100, 10), 20);
	assert_int_equal(bud_progress_next(0, 29, 100, 20), -1);
	assert_int_equal(bud_progress_next(0, 99, 100, 90), -1);
	assert_int_equal(bud_progress_next(0, 100, 100, 90), 100);
	assert_int_equal(bud_progress_next(0, 100, 100, 100), -1);
	/* a terminal: every percent */
	assert_int_equal(bud_progress_next(1, 5, 100, 4), 5);
	assert_int_equal(bud_progress_next(1, 5, 100, 5), -1);
	assert_int_equal(bud_progress_next(1, 1000001, 100000000, 0), 1);
}

/* start/set/end on a file (not a terminal): the lines it writes. */
static void test_to_file(void **state)
{
	struct bud_progress p;
	char buf[512];
	FILE *f = tmpfile();
	size_t n;
	int i;

	(void)state;
	assert_non_null(f);
	bud_progress_start(&p, f, "restore", "pages", 40);
	assert_int_equal(p.tty, 0);
	for (i = 1; i <= 40; i++)
		bud_progress_set(&p, i);
	bud_progress_end(&p);
	rewind(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	assert_string_equal(buf,
		"restore: 2 % (1/40 pages)\n"
		"restore: 10 % (4/40 pages)\n"
		"restore: 20 % (8/40 pages)\n"
		"restore: 30 % (12/40 pages)\n"
		"restore: 40 % (16/40 pages)\n"
		"restore: 50 % (20/40 pages)\n"
		"restore: 60 % (24/40 pages)\n"
		"restore: 70 % (28/40 pages)\n"
		"restore: 80 % (32/40 pages)\n"
		"restore: 90 % (36/40 pages)\n"
		"restore: 100 % (40/40 pages)\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_line_form),
		cmocka_unit_test(test_bar_form),
		cmocka_unit_test(test_cut),
		cmocka_unit_test(test_when_shown),
		cmocka_unit_test(test_to_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
