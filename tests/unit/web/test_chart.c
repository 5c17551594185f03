/*
 * Unit tests for web/chart.c and web/report_table.c: the SVG's text
 * alternative (role, title, desc with every bar in words), bar lengths in
 * both kinds, the cap on bars, columns that do not fit; the HTML table's
 * caption, headers, right-aligned numbers and escaping.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <stdio.h>

#include "bud_limits.h"
#include "core/err.h"
#include "web/chart.h"
#include "web/report_table.h"

static void build(struct bud_report *r, size_t n)
{
	size_t i;

	bud_report_init(r, "fi", "Käyttö <rivit>");
	bud_report_col(r, "Rivi", BUD_RT_TEXT);
	bud_report_col(r, "Käytetty", BUD_RT_MONEY);
	bud_report_col(r, "Myönnetty", BUD_RT_MONEY);
	for (i = 0; i < n; i++) {
		bud_report_text(r, i == 0 ? "Apu & tuki" : "Kuljetus");
		bud_report_num(r, i == 0 ? 5000 : 20000);
		bud_report_num(r, 10000);
	}
}

static void test_chart_part_of_whole(void **state)
{
	struct bud_report r;
	struct bud_chart c = {"use", "Käytetty myönnetystä", 0, 1, 2};
	bud_buf b;
	const char *s;

	(void)state;
	build(&r, 2);
	bud_buf_init(&b, 1 << 16);
	assert_int_equal(bud_chart_bars(&b, &r, &c), BUD_OK);
	s = bud_buf_str(&b);
	assert_non_null(strstr(s, "role=\"img\" aria-labelledby=\"use-title\" "
			       "aria-describedby=\"use-desc\""));
	assert_non_null(strstr(s, "<title id=\"use-title\">Käyttö &lt;rivit&gt;</title>"));
	assert_non_null(strstr(s, "<desc id=\"use-desc\">Käytetty myönnetystä "
			       "Apu &amp; tuki: 50,00\xC2\xA0€ / 100,00\xC2\xA0€; Kuljetus: "
			       "200,00\xC2\xA0€ / 100,00\xC2\xA0€.</desc>"));
	/* half of the track, and a full track where more was used than granted */
	assert_non_null(strstr(s, "width=\"150\" height=\"18\""));
	assert_non_null(strstr(s, "y=\"38\" width=\"300\" height=\"18\"/><rect class=\"bar\""));
	bud_buf_free(&b);
	bud_report_release(&r);
}

static void test_chart_against_max(void **state)
{
	struct bud_report r;
	struct bud_chart c = {"b", "Käytetty", 0, 1, -1};
	bud_buf b;
	const char *s;

	(void)state;
	build(&r, 2);
	bud_buf_init(&b, 1 << 16);
	assert_int_equal(bud_chart_bars(&b, &r, &c), BUD_OK);
	s = bud_buf_str(&b);
	assert_non_null(strstr(s, "width=\"75\""));	/* 5000 of the largest 20000 */
	assert_non_null(strstr(s, "width=\"300\""));
	assert_null(strstr(s, "class=\"track\""));
	bud_buf_free(&b);
	bud_report_release(&r);
}

static void test_chart_cap_and_columns(void **state)
{
	struct bud_report r;
	struct bud_chart c = {"b", "Käytetty", 0, 1, 2};
	struct bud_chart bad = {"b", "x", 1, 1, -1};
	bud_buf b;
	char want[64];

	(void)state;
	build(&r, BUD_CHART_MAX_BARS + 5);
	bud_buf_init(&b, 1 << 20);
	assert_int_equal(bud_chart_bars(&b, &r, &c), BUD_OK);
	snprintf(want, sizeof(want), "(%d / %d)", BUD_CHART_MAX_BARS, BUD_CHART_MAX_BARS + 5);
	assert_non_null(strstr(bud_buf_str(&b), want));
	bud_buf_reset(&b);
	assert_int_equal(bud_chart_bars(&b, &r, &bad), BUD_EINVAL);	/* label not text */
	bad.label_col = 0;
	bad.of_col = 0;
	assert_int_equal(bud_chart_bars(&b, &r, &bad), BUD_EINVAL);	/* whole not money */
	bud_buf_free(&b);
	bud_report_release(&r);

	build(&r, 0);
	bud_buf_init(&b, 1024);
	assert_int_equal(bud_chart_bars(&b, &r, &c), BUD_OK);
	assert_int_equal(b.len, 0);
	bud_buf_free(&b);
	bud_report_release(&r);
}

static void test_table(void **state)
{
	struct bud_report r;
	bud_buf b;
	const char *s;

	(void)state;
	build(&r, 1);
	bud_buf_init(&b, 1 << 16);
	assert_int_equal(bud_web_report_table(&b, &r, "use-table"), BUD_OK);
	s = bud_buf_str(&b);
	assert_non_null(strstr(s, "role=\"region\" tabindex=\"0\" aria-labelledby=\"use-table-caption\""));
	assert_non_null(strstr(s, "<table class=\"report\" id=\"use-table\"><caption id=\"use-table-caption\">Käyttö &lt;rivit&gt;"
			       "</caption>"));
	assert_non_null(strstr(s, "<th scope=\"col\">Rivi</th><th scope=\"col\" class=\"num\">"
			       "Käytetty</th>"));
	assert_non_null(strstr(s, "<tr><th scope=\"row\">Apu &amp; tuki</th>"
			       "<td class=\"num\">50,00\xC2\xA0€</td>"));
	bud_buf_free(&b);
	bud_report_release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chart_part_of_whole),
		cmocka_unit_test(test_chart_against_max),
		cmocka_unit_test(test_chart_cap_and_columns),
		cmocka_unit_test(test_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
