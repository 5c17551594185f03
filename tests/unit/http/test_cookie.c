/* Unit tests for http/cookie.c: the Cookie header parser. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "http/cookie.h"
#include "bud_limits.h"

static void test_pairs(void **state)
{
	struct bud_kv *kv;
	bud_arena a;
	bud_err e;
	size_t n;

	(void)state;
	bud_arena_init(&a);
	assert_int_equal(bud_cookie_parse(&a, "bud_session=abc-_123; lang=sv;bud_csrf=\"q\"",
					  &kv, &n, &e), BUD_OK);
	assert_int_equal(n, 3);
	assert_string_equal(kv[0].key, "bud_session");
	assert_string_equal(kv[0].value, "abc-_123");
	assert_string_equal(bud_cookie_find(kv, n, "lang"), "sv");
	assert_string_equal(bud_cookie_find(kv, n, "bud_csrf"), "q");	/* quotes dropped */
	assert_null(bud_cookie_find(kv, n, "LANG"));	/* names are case-sensitive */
	assert_int_equal(bud_cookie_parse(&a, NULL, &kv, &n, &e), BUD_OK);
	assert_int_equal(n, 0);
	assert_int_equal(bud_cookie_parse(&a, "", &kv, &n, &e), BUD_OK);
	assert_int_equal(n, 0);
	assert_int_equal(bud_cookie_parse(&a, " \t a=1 ;; ;b= ; c=", &kv, &n, &e), BUD_OK);
	assert_int_equal(n, 3);
	assert_string_equal(bud_cookie_find(kv, n, "a"), "1");
	assert_string_equal(bud_cookie_find(kv, n, "b"), "");
	assert_string_equal(bud_cookie_find(kv, n, "c"), "");
	bud_arena_free(&a);
}

static void test_malformed_skipped(void **state)
{
	struct bud_kv *kv;
	bud_arena a;
	bud_err e;
	size_t n;

	(void)state;
	bud_arena_init(&a);
	assert_int_equal(bud_cookie_parse(&a,
		"noeq; =v; bad name=1; q=\"a; x=a,b; y=a\\b; z=\x7f; ok=yes; u=\xc3\xa4",
		&kv, &n, &e), BUD_OK);
	assert_int_equal(n, 1);
	assert_string_equal(kv[0].key, "ok");
	assert_string_equal(kv[0].value, "yes");
	assert_true(bud_cookie_value_ok("abc-_.~!"));
	assert_false(bud_cookie_value_ok("a b"));
	assert_false(bud_cookie_value_ok("a;b"));
	assert_false(bud_cookie_value_ok("\"q\""));
	bud_arena_free(&a);
}

static void test_too_large(void **state)
{
	char hdr[BUD_MAX_COOKIE + 2];
	struct bud_kv *kv;
	bud_arena a;
	bud_err e;
	size_t n;

	(void)state;
	bud_arena_init(&a);
	memset(hdr, 'x', sizeof hdr);
	memcpy(hdr, "a=", 2);
	hdr[BUD_MAX_COOKIE] = '\0';
	assert_int_equal(bud_cookie_parse(&a, hdr, &kv, &n, &e), BUD_OK);
	assert_int_equal(n, 1);
	hdr[BUD_MAX_COOKIE] = 'x';
	hdr[BUD_MAX_COOKIE + 1] = '\0';
	assert_int_equal(bud_cookie_parse(&a, hdr, &kv, &n, &e), BUD_ETOOBIG);
	assert_string_equal(e.key, "err.http.cookie_too_large");
	assert_int_equal(n, 0);
	bud_arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pairs),
		cmocka_unit_test(test_malformed_skipped),
		cmocka_unit_test(test_too_large),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
