/*
 * Unit tests for core/report.c: building a table cell by cell, the sticky
 * failures (wrong type, a column after the cells, an incomplete row), and
 * the cells as text in fi, sv and en, for reading and for a spreadsheet.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/date.h"
#include "core/err.h"
#include "core/report.h"

static void build(struct bud_report *r, const char *lang)
{
	assert_int_equal(bud_report_init(r, lang, "Käyttö"), BUD_OK);
	bud_report_col(r, "Rivi", BUD_RT_TEXT);
	bud_report_col(r, "Tapahtumia", BUD_RT_INT);
	bud_report_col(r, "Käytetty", BUD_RT_MONEY);
	bud_report_col(r, "Käyttöaste", BUD_RT_PERCENT);
	bud_report_col(r, "Loppuu", BUD_RT_DATE);
	bud_report_text(r, "Henkilökohtainen apu");
	bud_report_num(r, 12);
	bud_report_num(r, -123456);
	bud_report_num(r, 4550);
	bud_report_date(r, "2026-12-07");
	bud_report_text(r, "Kuljetus");
	bud_report_num(r, 0);
	bud_report_num(r, 5);
	bud_report_num(r, 10000);
	bud_report_empty(r);
}

static const char *cell(const struct bud_report *r, size_t row, size_t col,
			enum bud_report_form form, bud_buf *b)
{
	bud_buf_reset(b);
	assert_int_equal(bud_report_format(r, row, col, form, b), BUD_OK);
	return bud_buf_str(b);
}

static void test_build_and_show(void **state)
{
	struct bud_report r;
	bud_buf b;

	(void)state;
	bud_buf_init(&b, 256);
	build(&r, "fi");
	assert_int_equal(bud_report_status(&r), BUD_OK);
	assert_int_equal(r.nrows, 2);
	assert_int_equal(r.ncols, 5);
	assert_int_equal(bud_report_cell(&r, 0, 4)->num, bud_date_days(2026, 12, 7));
	assert_true(bud_report_cell(&r, 1, 4)->empty);
	assert_string_equal(cell(&r, 0, 0, BUD_REPORT_SHOW, &b), "Henkilökohtainen apu");
	assert_string_equal(cell(&r, 0, 1, BUD_REPORT_SHOW, &b), "12");
	assert_string_equal(cell(&r, 0, 2, BUD_REPORT_SHOW, &b), "-1\xC2\xA0" "234,56\xC2\xA0€");
	assert_string_equal(cell(&r, 0, 2, BUD_REPORT_SHEET, &b), "-1234,56");
	assert_string_equal(cell(&r, 0, 3, BUD_REPORT_SHOW, &b), "45,5\xC2\xA0%");
	assert_string_equal(cell(&r, 0, 3, BUD_REPORT_SHEET, &b), "45,5");
	assert_string_equal(cell(&r, 1, 3, BUD_REPORT_SHEET, &b), "100");
	assert_string_equal(cell(&r, 0, 4, BUD_REPORT_SHOW, &b), "7.12.2026");
	assert_string_equal(cell(&r, 1, 2, BUD_REPORT_SHEET, &b), "0,05");
	assert_string_equal(cell(&r, 1, 4, BUD_REPORT_SHOW, &b), "");
	bud_report_release(&r);
	bud_report_release(&r);	/* twice is safe */
	bud_buf_free(&b);
}

static void test_languages(void **state)
{
	struct bud_report r;
	bud_buf b;

	(void)state;
	bud_buf_init(&b, 256);
	build(&r, "en");
	assert_string_equal(cell(&r, 0, 2, BUD_REPORT_SHEET, &b), "-1234.56");
	assert_string_equal(cell(&r, 0, 3, BUD_REPORT_SHOW, &b), "45.5%");
	assert_string_equal(cell(&r, 0, 4, BUD_REPORT_SHOW, &b), "2026-12-07");
	bud_report_release(&r);
	build(&r, "sv");
	assert_string_equal(r.lang, "sv");
	assert_string_equal(cell(&r, 0, 4, BUD_REPORT_SHOW, &b), "7.12.2026");
	assert_string_equal(cell(&r, 0, 2, BUD_REPORT_SHEET, &b), "-1234,56");
	bud_report_release(&r);
	build(&r, "de");	/* unknown: as fi */
	assert_string_equal(r.lang, "fi");
	bud_report_release(&r);
	bud_buf_free(&b);
}

static void test_failures_stick(void **state)
{
	struct bud_report r;

	(void)state;
	bud_report_init(&r, "fi", "x");
	bud_report_col(&r, "a", BUD_RT_TEXT);
	bud_report_col(&r, "b", BUD_RT_MONEY);
	assert_int_equal(bud_report_text(&r, "one"), BUD_OK);
	assert_int_equal(bud_report_status(&r), BUD_EINVAL);	/* row not complete */
	assert_int_equal(bud_report_num(&r, 1), BUD_OK);
	assert_int_equal(bud_report_status(&r), BUD_OK);
	assert_int_equal(bud_report_col(&r, "late", BUD_RT_INT), BUD_EINVAL);
	assert_int_equal(bud_report_num(&r, 2), BUD_EINVAL);	/* sticky */
	assert_int_equal(bud_report_status(&r), BUD_EINVAL);
	bud_report_release(&r);

	bud_report_init(&r, "fi", "x");
	bud_report_col(&r, "a", BUD_RT_INT);
	assert_int_equal(bud_report_text(&r, "text in a number column"), BUD_EINVAL);
	bud_report_release(&r);

	bud_report_init(&r, "fi", "x");
	bud_report_col(&r, "a", BUD_RT_DATE);
	assert_int_equal(bud_report_date(&r, "2026-02-30"), BUD_EINVAL);
	bud_report_release(&r);

	bud_report_init(&r, "fi", "x");
	assert_int_equal(bud_report_num(&r, 1), BUD_EINVAL);	/* no columns */
	bud_report_release(&r);
}

static void test_many_rows(void **state)
{
	struct bud_report r;
	int i;

	(void)state;
	bud_report_init(&r, "fi", "x");
	bud_report_col(&r, "n", BUD_RT_INT);
	bud_report_col(&r, "t", BUD_RT_TEXT);
	for (i = 0; i < 1000; i++) {
		bud_report_num(&r, i);
		bud_report_text(&r, i % 2 ? "odd" : NULL);
	}
	assert_int_equal(bud_report_status(&r), BUD_OK);
	assert_int_equal(r.nrows, 1000);
	assert_int_equal(bud_report_cell(&r, 999, 0)->num, 999);
	assert_string_equal(bud_report_cell(&r, 999, 1)->text, "odd");
	assert_true(bud_report_cell(&r, 998, 1)->empty);
	bud_report_release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_build_and_show),
		cmocka_unit_test(test_languages),
		cmocka_unit_test(test_failures_stick),
		cmocka_unit_test(test_many_rows),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
