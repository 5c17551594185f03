/* Unit tests for core/buf.c: bounds, escaping, failure stickiness. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/buf.h"
#include "core/err.h"

static void test_append_and_bound(void **state)
{
	bud_buf b;

	(void)state;
	bud_buf_init(&b, 8);
	assert_string_equal(bud_buf_str(&b), "");
	assert_int_equal(bud_buf_adds(&b, "abcd"), BUD_OK);
	assert_int_equal(bud_buf_addf(&b, "%d", 123), BUD_OK);
	assert_string_equal(bud_buf_str(&b), "abcd123");
	assert_int_equal(bud_buf_adds(&b, "x"), BUD_OK);	/* exactly max */
	assert_int_equal(b.len, 8);
	assert_int_equal(bud_buf_adds(&b, "y"), BUD_ETOOBIG);
	assert_true(bud_buf_failed(&b));
	assert_int_equal(bud_buf_adds(&b, ""), BUD_ETOOBIG);	/* sticky */
	assert_string_equal(bud_buf_str(&b), "abcd123x");
	bud_buf_reset(&b);
	assert_false(bud_buf_failed(&b));
	assert_int_equal(bud_buf_addf(&b, "%s", "123456789"), BUD_ETOOBIG);
	bud_buf_free(&b);
}

static void test_html_escape(void **state)
{
	bud_buf b;

	(void)state;
	bud_buf_init(&b, 1024);
	bud_buf_add_html(&b, "<a href=\"x\">Åke & 'Öhman'</a>");
	assert_string_equal(bud_buf_str(&b),
		"&lt;a href=&quot;x&quot;&gt;Åke &amp; &#39;Öhman&#39;&lt;/a&gt;");
	bud_buf_free(&b);
}

static void test_json_escape(void **state)
{
	bud_buf b;

	(void)state;
	bud_buf_init(&b, 1024);
	bud_buf_add_json_str(&b, "a\"b\\c\n\x01ä</\xff");
	assert_string_equal(bud_buf_str(&b), "\"a\\\"b\\\\c\\n\\u0001ä\\u003c/\\ufffd\"");
	bud_buf_reset(&b);
	bud_buf_add_json_str(&b, NULL);
	assert_string_equal(bud_buf_str(&b), "\"\"");
	bud_buf_free(&b);
}

static void test_url_and_steal(void **state)
{
	bud_buf b;
	size_t len;
	char *s;

	(void)state;
	bud_buf_init(&b, 64);
	bud_buf_add_url(&b, "a b/ä");
	assert_string_equal(bud_buf_str(&b), "a%20b%2F%C3%A4");
	bud_buf_add_i64(&b, INT64_MIN);
	s = bud_buf_steal(&b, &len);
	assert_string_equal(s, "a%20b%2F%C3%A4-9223372036854775808");
	assert_int_equal(len, strlen(s));
	assert_null(b.data);
	free(s);
	bud_buf_free(&b);
}

static void test_err(void **state)
{
	bud_err e;

	(void)state;
	bud_err_clear(&e);
	assert_int_equal(e.code, BUD_OK);
	assert_int_equal(bud_err_set(&e, BUD_EINVAL, "amount", "err.money.syntax",
				     "bad %s", "x"), BUD_EINVAL);
	assert_string_equal(e.field, "amount");
	assert_string_equal(e.key, "err.money.syntax");
	assert_string_equal(e.detail, "bad x");
	assert_int_equal(bud_rc_http_status(BUD_ETOOBIG), 413);
	assert_int_equal(bud_rc_http_status(BUD_EFORBIDDEN), 403);
	assert_string_equal(bud_rc_name(BUD_ENOTFOUND), "not_found");
	assert_int_equal(bud_rc_http_status(-1), 500);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_append_and_bound),
		cmocka_unit_test(test_html_escape),
		cmocka_unit_test(test_json_escape),
		cmocka_unit_test(test_url_and_steal),
		cmocka_unit_test(test_err),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
