/*
 * Unit tests for formats/csv.c: quoting and "" escapes, CRLF / LF / CR
 * line ends, the BOM, delimiter detection, line numbers of records that
 * span lines, every error with its line and column, the bounds, and the
 * writer's quoting read back by the reader.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "bud_limits.h"
#include "formats/csv.h"

static int parse(const char *s, char delim, struct bud_csv *c, bud_err *err)
{
	bud_err_clear(err);
	return bud_csv_parse(s, strlen(s), delim, c, err);
}

static void test_simple(void **state)
{
	struct bud_csv c;
	bud_err err;

	(void)state;
	assert_int_equal(parse("a;b;c\n1;2;3\n", 0, &c, &err), BUD_OK);
	assert_int_equal(c.delim, ';');
	assert_int_equal(c.nrows, 2);
	assert_int_equal(c.rows[0].nfields, 3);
	assert_string_equal(c.rows[0].fields[0], "a");
	assert_string_equal(c.rows[1].fields[2], "3");
	assert_int_equal(c.rows[1].line, 2);
	bud_csv_free(&c);
	bud_csv_free(&c);	/* twice is safe */
}

static void test_quotes(void **state)
{
	struct bud_csv c;
	bud_err err;

	(void)state;
	assert_int_equal(parse("\"x;y\";\"say \"\"hi\"\"\";\"\"\r\n"
			       "\"two\r\nlines\";plain;\r\nlast;row;3", ';', &c, &err),
			 BUD_OK);
	assert_int_equal(c.nrows, 3);
	assert_string_equal(c.rows[0].fields[0], "x;y");
	assert_string_equal(c.rows[0].fields[1], "say \"hi\"");
	assert_string_equal(c.rows[0].fields[2], "");
	assert_string_equal(c.rows[1].fields[0], "two\r\nlines");
	assert_int_equal(c.rows[1].nfields, 3);
	assert_string_equal(c.rows[1].fields[2], "");
	assert_int_equal(c.rows[1].line, 2);
	/* the record with the line end inside a quote took lines 2 and 3 */
	assert_int_equal(c.rows[2].line, 4);
	assert_string_equal(c.rows[2].fields[2], "3");
	bud_csv_free(&c);
}

static void test_line_ends_and_bom(void **state)
{
	struct bud_csv c;
	bud_err err;

	(void)state;
	assert_int_equal(parse("\xEF\xBB\xBF" "a,b\r1,2\r\n\n3,4\n", 0, &c, &err), BUD_OK);
	assert_int_equal(c.delim, ',');
	assert_int_equal(c.nrows, 4);
	assert_string_equal(c.rows[0].fields[0], "a");	/* BOM gone */
	assert_string_equal(c.rows[1].fields[1], "2");
	assert_int_equal(c.rows[2].nfields, 1);		/* the empty line */
	assert_string_equal(c.rows[2].fields[0], "");
	assert_int_equal(c.rows[3].line, 4);
	bud_csv_free(&c);
}

static void test_detect(void **state)
{
	struct bud_csv c;
	bud_err err;

	(void)state;
	/* ';' wins; a quoted ';' does not count */
	assert_int_equal(parse("\"a;b\",c\n", 0, &c, &err), BUD_OK);
	assert_int_equal(c.delim, ',');
	assert_int_equal(c.rows[0].nfields, 2);
	bud_csv_free(&c);
	assert_int_equal(parse("a,b;c\n", 0, &c, &err), BUD_OK);
	assert_int_equal(c.delim, ';');
	assert_string_equal(c.rows[0].fields[0], "a,b");
	bud_csv_free(&c);
	/* one column: ';' by default */
	assert_int_equal(parse("abc\n", 0, &c, &err), BUD_OK);
	assert_int_equal(c.delim, ';');
	bud_csv_free(&c);
	/* an explicit delimiter is used as given */
	assert_int_equal(parse("a;b,c\n", ',', &c, &err), BUD_OK);
	assert_int_equal(c.rows[0].nfields, 2);
	bud_csv_free(&c);
}

/* parse s; expect rc, key, line, column. */
static void expect_error(const char *s, size_t len, int rc, const char *key,
			 size_t line, size_t col)
{
	struct bud_csv c;
	bud_err err;

	bud_err_clear(&err);
	assert_int_equal(bud_csv_parse(s, len, ';', &c, &err), rc);
	assert_string_equal(err.key, key);
	assert_string_equal(err.field, "csv");
	assert_int_equal(c.err_line, line);
	assert_int_equal(c.err_column, col);
	assert_int_equal(c.nrows, 0);
	bud_csv_free(&c);
}

static void test_errors(void **state)
{
	static const char nul[] = "a;b\nc;d\0e\n";

	(void)state;
	expect_error("a;b\nc;d\"e\n", 10, BUD_EINVAL, "err.csv.quote", 2, 2);
	expect_error("a;\"b\"x;c\n", 9, BUD_EINVAL, "err.csv.quote", 1, 2);
	expect_error("a;b\n1;2;\"open\nmore\n", 19, BUD_EINVAL, "err.csv.unterminated",
		     2, 3);
	expect_error("a;b\n\xff;2\n", 8, BUD_EINVAL, "err.csv.encoding", 2, 1);
	expect_error("x;\xc3\n", 4, BUD_EINVAL, "err.csv.encoding", 1, 2);
	expect_error("x;\xed\xa0\x80\n", 6, BUD_EINVAL, "err.csv.encoding", 1, 2);
	expect_error(nul, sizeof(nul) - 1, BUD_EINVAL, "err.csv.encoding", 2, 2);
	expect_error("", 0, BUD_EINVAL, "err.csv.empty", 1, 1);
	expect_error("\xEF\xBB\xBF", 3, BUD_EINVAL, "err.csv.empty", 1, 1);
	expect_error("x", BUD_MAX_BODY + 1, BUD_ETOOBIG, "err.csv.too_large", 1, 1);
}

static void test_detail_names_place(void **state)
{
	struct bud_csv c;
	bud_err err;

	(void)state;
	assert_int_equal(parse("a;b\n1;2\n3;x\"y\n", ';', &c, &err), BUD_EINVAL);
	assert_non_null(strstr(err.detail, "line 3, column 2"));
	bud_csv_free(&c);
}

static void test_bounds(void **state)
{
	struct bud_csv c;
	bud_buf b;
	bud_err err;
	int i;

	(void)state;
	/* BUD_CSV_MAX_ROWS + 1 records (header and rows) fit; one more does not */
	bud_buf_init(&b, BUD_MAX_BODY);
	for (i = 0; i < BUD_CSV_MAX_ROWS + 1; i++)
		bud_buf_adds(&b, "a;b\n");
	assert_int_equal(bud_csv_parse(b.data, b.len, 0, &c, &err), BUD_OK);
	assert_int_equal(c.nrows, BUD_CSV_MAX_ROWS + 1);
	bud_csv_free(&c);
	bud_buf_adds(&b, "a;b\n");
	assert_int_equal(bud_csv_parse(b.data, b.len, 0, &c, &err), BUD_ETOOBIG);
	assert_string_equal(err.key, "err.csv.too_many_rows");
	assert_int_equal(c.err_line, BUD_CSV_MAX_ROWS + 2);
	bud_csv_free(&c);
	/* fields */
	bud_buf_reset(&b);
	for (i = 0; i < BUD_CSV_MAX_FIELDS - 1; i++)
		bud_buf_adds(&b, "x;");
	bud_buf_adds(&b, "x\n");
	assert_int_equal(bud_csv_parse(b.data, b.len, ';', &c, &err), BUD_OK);
	assert_int_equal(c.rows[0].nfields, BUD_CSV_MAX_FIELDS);
	bud_csv_free(&c);
	bud_buf_reset(&b);
	for (i = 0; i < BUD_CSV_MAX_FIELDS; i++)
		bud_buf_adds(&b, "x;");
	bud_buf_adds(&b, "x\n");
	assert_int_equal(bud_csv_parse(b.data, b.len, ';', &c, &err), BUD_ETOOBIG);
	assert_string_equal(err.key, "err.csv.too_many_fields");
	assert_int_equal(c.err_column, BUD_CSV_MAX_FIELDS + 1);
	bud_csv_free(&c);
	bud_buf_free(&b);
}

static void test_write_round_trip(void **state)
{
	static const char *const row[] = {"plain", "semi;colon", "quote\"d",
					  "line\r\nend", "", NULL, "ä ö €"};
	struct bud_csv c;
	bud_buf b;
	bud_err err;
	size_t i;

	(void)state;
	bud_buf_init(&b, 4096);
	assert_int_equal(bud_csv_write_row(&b, row, 7, ';'), BUD_OK);
	assert_string_equal(bud_buf_str(&b),
			    "plain;\"semi;colon\";\"quote\"\"d\";\"line\r\nend\";;;ä ö €\r\n");
	assert_int_equal(bud_csv_write_row(&b, row, 2, ','), BUD_OK);
	assert_int_equal(bud_csv_parse(b.data, b.len, ';', &c, &err), BUD_OK);
	assert_int_equal(c.nrows, 2);
	assert_int_equal(c.rows[0].nfields, 7);
	for (i = 0; i < 7; i++)
		assert_string_equal(c.rows[0].fields[i], row[i] ? row[i] : "");
	assert_int_equal(c.rows[1].line, 3);	/* the quoted CRLF took a line */
	bud_csv_free(&c);
	bud_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_simple),
		cmocka_unit_test(test_quotes),
		cmocka_unit_test(test_line_ends_and_bom),
		cmocka_unit_test(test_detect),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_detail_names_place),
		cmocka_unit_test(test_bounds),
		cmocka_unit_test(test_write_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
