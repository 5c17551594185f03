/*
 * Unit tests for formats/report_csv.c and formats/report_xlsx.c: the CSV's
 * exact bytes in fi and en (mark, separator, number forms, quoting), read
 * back by formats/csv.c; the XLSX is a zip holding the workbook parts, and
 * its temporary file is gone afterwards, also when it cannot be written.
 * (What the XLSX cells hold is read back with exceljs by the API and
 * browser tests of the reports.)
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "formats/csv.h"
#include "formats/report.h"

static void build(struct bud_report *r, const char *lang)
{
	bud_report_init(r, lang, "Budjetti ja käyttö");
	bud_report_col(r, "Palvelu", BUD_RT_TEXT);
	bud_report_col(r, "Tapahtumia", BUD_RT_INT);
	bud_report_col(r, "Myönnetty", BUD_RT_MONEY);
	bud_report_col(r, "Käytetty %", BUD_RT_PERCENT);
	bud_report_col(r, "Loppuu", BUD_RT_DATE);
	bud_report_text(r, "Apu; \"koti\"");
	bud_report_num(r, 3);
	bud_report_num(r, 123456);
	bud_report_num(r, 4550);
	bud_report_date(r, "2026-12-07");
	bud_report_text(r, "Åke");
	bud_report_num(r, 0);
	bud_report_num(r, 5);
	bud_report_empty(r);
	bud_report_empty(r);
}

static void test_csv_fi(void **state)
{
	struct bud_report r;
	struct bud_csv c;
	bud_buf b;
	bud_err err;

	(void)state;
	build(&r, "fi");
	bud_buf_init(&b, 4096);
	assert_int_equal(bud_report_csv(&r, &b, &err), BUD_OK);
	assert_string_equal(bud_buf_str(&b),
			    "\xEF\xBB\xBFPalvelu;Tapahtumia;Myönnetty;Käytetty %;Loppuu\r\n"
			    "\"Apu; \"\"koti\"\"\";3;1234,56;45,5;7.12.2026\r\n"
			    "Åke;0;0,05;;\r\n");
	assert_int_equal(bud_csv_parse(b.data, b.len, 0, &c, &err), BUD_OK);
	assert_int_equal(c.delim, ';');
	assert_int_equal(c.nrows, 3);
	assert_string_equal(c.rows[1].fields[0], "Apu; \"koti\"");
	assert_string_equal(c.rows[2].fields[0], "Åke");
	bud_csv_free(&c);
	bud_buf_free(&b);
	bud_report_release(&r);
}

static void test_csv_en(void **state)
{
	struct bud_report r;
	bud_buf b;
	bud_err err;

	(void)state;
	build(&r, "en");
	bud_buf_init(&b, 4096);
	assert_int_equal(bud_report_csv(&r, &b, &err), BUD_OK);
	assert_string_equal(bud_buf_str(&b),
			    "\xEF\xBB\xBFPalvelu,Tapahtumia,Myönnetty,Käytetty %,Loppuu\r\n"
			    "\"Apu; \"\"koti\"\"\",3,1234.56,45.5,2026-12-07\r\n"
			    "Åke,0,0.05,,\r\n");
	bud_buf_free(&b);
	bud_report_release(&r);
}

static void test_csv_refuses_incomplete(void **state)
{
	struct bud_report r;
	bud_buf b;
	bud_err err;

	(void)state;
	bud_report_init(&r, "fi", "x");
	bud_report_col(&r, "a", BUD_RT_TEXT);
	bud_report_col(&r, "b", BUD_RT_TEXT);
	bud_report_text(&r, "only one");
	bud_buf_init(&b, 4096);
	assert_int_equal(bud_report_csv(&r, &b, &err), BUD_EINVAL);
	assert_int_equal(bud_report_xlsx(&r, &b, &err), BUD_EINVAL);
	bud_buf_free(&b);
	bud_report_release(&r);
}

static size_t entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	assert_non_null(d);
	while ((e = readdir(d)))
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

static int has(const bud_buf *b, const char *s)
{
	return memmem(b->data, b->len, s, strlen(s)) != NULL;
}

static void test_xlsx(void **state)
{
	char dir[] = "/tmp/bud-xlsx-XXXXXX";
	struct bud_report r;
	bud_buf b;
	bud_err err;

	(void)state;
	assert_non_null(mkdtemp(dir));
	setenv("TMPDIR", dir, 1);
	build(&r, "fi");
	bud_buf_init(&b, 1 << 20);
	assert_int_equal(bud_report_xlsx(&r, &b, &err), BUD_OK);
	assert_true(b.len > 1000);
	assert_memory_equal(b.data, "PK\x03\x04", 4);
	assert_true(has(&b, "xl/worksheets/sheet1.xml"));
	assert_true(has(&b, "xl/styles.xml"));
	assert_int_equal(entries(dir), 0);	/* the temporary file is gone */
	bud_buf_free(&b);

	setenv("TMPDIR", "/nonexistent/budjetti", 1);
	bud_buf_init(&b, 1 << 20);
	assert_int_equal(bud_report_xlsx(&r, &b, &err), BUD_EIO);
	assert_int_equal(b.len, 0);
	bud_buf_free(&b);

	setenv("TMPDIR", dir, 1);
	bud_buf_init(&b, 100);	/* too small for the workbook */
	assert_int_equal(bud_report_xlsx(&r, &b, &err), BUD_ETOOBIG);
	assert_string_equal(err.key, "err.report.too_big");
	assert_int_equal(entries(dir), 0);
	bud_buf_free(&b);
	bud_report_release(&r);
	unsetenv("TMPDIR");
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_fi),
		cmocka_unit_test(test_csv_en),
		cmocka_unit_test(test_csv_refuses_incomplete),
		cmocka_unit_test(test_xlsx),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
