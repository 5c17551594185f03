/* Unit tests for http/form.c: percent-decoding, path
 * decoding and urlencoded forms/queries with their limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "http/form.h"
#include "bud_limits.h"

static void test_pct_decode(void **state)
{
	char out[32];
	size_t n;

	(void)state;
	assert_int_equal(bud_pct_decode("a%20b+c", 7, 1, out, &n), BUD_OK);
	assert_string_equal(out, "a b c");
	assert_int_equal(n, 5);
	assert_int_equal(bud_pct_decode("a%2bb+", 6, 0, out, &n), BUD_OK);
	assert_string_equal(out, "a+b+");
	assert_int_equal(bud_pct_decode("%C3%A4%c3%a4", 12, 1, out, &n), BUD_OK);
	assert_string_equal(out, "ää");
	assert_int_equal(bud_pct_decode("%", 1, 1, out, &n), BUD_EINVAL);
	assert_int_equal(bud_pct_decode("%4", 2, 1, out, &n), BUD_EINVAL);
	assert_int_equal(bud_pct_decode("%G0", 3, 1, out, &n), BUD_EINVAL);
	assert_int_equal(bud_pct_decode("x%0", 3, 1, out, &n), BUD_EINVAL);
	assert_int_equal(bud_pct_decode("%00", 3, 1, out, &n), BUD_OK);
	assert_int_equal(n, 1);	/* NUL decoded; callers refuse it */
}

static int path(bud_arena *a, const char *raw, char **out, bud_err *e)
{
	return bud_path_decode(a, raw, strlen(raw), out, e);
}

static void test_path(void **state)
{
	bud_arena a;
	bud_err e;
	char *p;

	(void)state;
	bud_arena_init(&a);
	assert_int_equal(path(&a, "/", &p, &e), BUD_OK);
	assert_string_equal(p, "/");
	assert_int_equal(path(&a, "/api/clients/%31%32", &p, &e), BUD_OK);
	assert_string_equal(p, "/api/clients/12");
	assert_int_equal(path(&a, "/a+b/%C3%A5", &p, &e), BUD_OK);
	assert_string_equal(p, "/a+b/å");	/* '+' is not a space in a path */
	assert_int_equal(path(&a, "/a%00b", &p, &e), BUD_EINVAL);
	assert_string_equal(e.key, "err.http.bad_utf8");
	assert_int_equal(path(&a, "/a%ffb", &p, &e), BUD_EINVAL);
	assert_string_equal(e.key, "err.http.bad_utf8");
	assert_int_equal(path(&a, "/a%zz", &p, &e), BUD_EINVAL);
	assert_string_equal(e.key, "err.http.bad_escape");
	assert_int_equal(path(&a, "/a/%2Fetc", &p, &e), BUD_EINVAL);
	assert_string_equal(e.key, "err.http.bad_path");
	assert_int_equal(path(&a, "/static/../x", &p, &e), BUD_EINVAL);
	assert_int_equal(path(&a, "/static/.", &p, &e), BUD_EINVAL);
	assert_int_equal(path(&a, "/static/..a", &p, &e), BUD_OK);
	assert_int_equal(path(&a, "relative", &p, &e), BUD_EINVAL);
	assert_int_equal(bud_path_decode(&a, "", 0, &p, &e), BUD_EINVAL);
	bud_arena_free(&a);
}

static int form(bud_arena *a, const char *s, struct bud_kv **kv, size_t *n, bud_err *e)
{
	bud_err_clear(e);
	return bud_form_decode(a, s, strlen(s), kv, n, e);
}

static void test_form_ok(void **state)
{
	struct bud_kv *kv;
	bud_arena a;
	bud_err e;
	size_t n;

	(void)state;
	bud_arena_init(&a);
	assert_int_equal(form(&a, "", &kv, &n, &e), BUD_OK);
	assert_int_equal(n, 0);
	assert_null(kv);
	assert_int_equal(form(&a, "name=Matti+Meik%C3%A4l%C3%A4inen&x=1%2B1&&flag&e=", &kv, &n, &e),
			 BUD_OK);
	assert_int_equal(n, 4);
	assert_string_equal(kv[0].key, "name");
	assert_string_equal(kv[0].value, "Matti Meikäläinen");
	assert_string_equal(kv[1].key, "x");
	assert_string_equal(kv[1].value, "1+1");
	assert_string_equal(kv[2].key, "flag");
	assert_string_equal(kv[2].value, "");
	assert_string_equal(kv[3].key, "e");
	assert_string_equal(kv[3].value, "");
	assert_int_equal(form(&a, "a=1=2&a=3", &kv, &n, &e), BUD_OK);
	assert_int_equal(n, 2);
	assert_string_equal(kv[0].value, "1=2");
	assert_string_equal(kv[1].value, "3");
	bud_arena_free(&a);
}

static void test_form_errors(void **state)
{
	struct bud_kv *kv;
	bud_arena a;
	bud_err e;
	size_t n;

	(void)state;
	bud_arena_init(&a);
	assert_int_equal(form(&a, "amount=12%G5", &kv, &n, &e), BUD_EINVAL);
	assert_string_equal(e.field, "amount");
	assert_string_equal(e.key, "err.http.bad_escape");
	assert_int_equal(form(&a, "na%zme=1", &kv, &n, &e), BUD_EINVAL);
	assert_string_equal(e.field, "");
	assert_string_equal(e.key, "err.http.bad_escape");
	assert_int_equal(form(&a, "text=%E4", &kv, &n, &e), BUD_EINVAL);	/* Latin-1 ä */
	assert_string_equal(e.field, "text");
	assert_string_equal(e.key, "err.http.bad_utf8");
	assert_int_equal(form(&a, "text=a%00b", &kv, &n, &e), BUD_EINVAL);
	assert_string_equal(e.key, "err.http.bad_utf8");
	assert_int_equal(form(&a, "%ff=1", &kv, &n, &e), BUD_EINVAL);
	assert_string_equal(e.key, "err.http.bad_utf8");
	assert_int_equal(form(&a, "=1", &kv, &n, &e), BUD_EINVAL);
	assert_string_equal(e.key, "err.http.form_syntax");
	assert_int_equal(n, 0);
	bud_arena_free(&a);
}

static void test_form_limits(void **state)
{
	struct bud_kv *kv;
	bud_arena a;
	bud_err e;
	size_t n, i;
	bud_buf b;

	(void)state;
	bud_arena_init(&a);
	bud_buf_init(&b, 4 * 1024 * 1024);
	for (i = 0; i < BUD_MAX_FIELDS; i++)
		bud_buf_addf(&b, "f%zu=%zu&", i, i);
	assert_int_equal(form(&a, bud_buf_str(&b), &kv, &n, &e), BUD_OK);
	assert_int_equal(n, BUD_MAX_FIELDS);
	assert_string_equal(kv[BUD_MAX_FIELDS - 1].key, "f199");
	bud_buf_adds(&b, "one=more");
	assert_int_equal(form(&a, bud_buf_str(&b), &kv, &n, &e), BUD_ETOOBIG);
	assert_string_equal(e.key, "err.http.too_many_fields");

	bud_buf_reset(&b);
	for (i = 0; i < BUD_MAX_FIELD_NAME; i++)
		bud_buf_addc(&b, 'n');
	bud_buf_adds(&b, "=1");
	assert_int_equal(form(&a, bud_buf_str(&b), &kv, &n, &e), BUD_OK);
	bud_buf_reset(&b);
	for (i = 0; i <= BUD_MAX_FIELD_NAME; i++)
		bud_buf_addc(&b, 'n');
	bud_buf_adds(&b, "=1");
	assert_int_equal(form(&a, bud_buf_str(&b), &kv, &n, &e), BUD_ETOOBIG);
	assert_string_equal(e.key, "err.http.field_name_too_long");

	bud_buf_reset(&b);
	bud_buf_adds(&b, "note=");
	for (i = 0; i < BUD_MAX_FIELD_VALUE; i++)
		bud_buf_addc(&b, 'v');
	assert_int_equal(form(&a, bud_buf_str(&b), &kv, &n, &e), BUD_OK);
	assert_int_equal(strlen(kv[0].value), BUD_MAX_FIELD_VALUE);
	bud_buf_addc(&b, 'v');
	assert_int_equal(form(&a, bud_buf_str(&b), &kv, &n, &e), BUD_ETOOBIG);
	assert_string_equal(e.field, "note");
	assert_string_equal(e.key, "err.http.field_too_long");
	/* the limit counts decoded bytes: %41 is one byte */
	bud_buf_reset(&b);
	bud_buf_adds(&b, "note=");
	for (i = 0; i < BUD_MAX_FIELD_VALUE; i++)
		bud_buf_adds(&b, "%41");
	assert_int_equal(form(&a, bud_buf_str(&b), &kv, &n, &e), BUD_OK);
	bud_buf_free(&b);
	bud_arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pct_decode),
		cmocka_unit_test(test_path),
		cmocka_unit_test(test_form_ok),
		cmocka_unit_test(test_form_errors),
		cmocka_unit_test(test_form_limits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
