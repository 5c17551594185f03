/* Unit tests for http/json.c: the depth pre-scan and the decoder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "http/json.h"
#include "bud_limits.h"

static int depth(const char *s)
{
	return bud_json_depth(s, strlen(s), 100);
}

/* n nested arrays, "[[...]]", in a malloc'd string. */
static char *nested(int n)
{
	char *s = malloc((size_t)n * 2 + 1);

	assert_non_null(s);
	memset(s, '[', (size_t)n);
	memset(s + n, ']', (size_t)n);
	s[2 * n] = '\0';
	return s;
}

static void test_depth_scan(void **state)
{
	(void)state;
	assert_int_equal(depth("1"), 0);
	assert_int_equal(depth("{}"), 1);
	assert_int_equal(depth("{\"a\":[1,{\"b\":[]}]}"), 4);
	assert_int_equal(depth("[[],[],[]]"), 2);
	/* brackets inside strings do not count, escaped quotes do not end them */
	assert_int_equal(depth("[\"[[[[\"]"), 1);
	assert_int_equal(depth("[\"\\\"[[[\"]"), 1);
	assert_int_equal(depth("[\"\\\\\",[[]]]"), 3);
	/* stops early past max */
	assert_int_equal(bud_json_depth("[[[[[[", 6, 2), 3);
}

static void test_decode(void **state)
{
	json_t *j;
	bud_err e;
	char *s;

	(void)state;
	assert_int_equal(bud_json_decode("{\"a\":1}", 7, &j, &e), BUD_OK);
	assert_int_equal(json_integer_value(json_object_get(j, "a")), 1);
	json_decref(j);

	s = nested(BUD_MAX_JSON_DEPTH);
	assert_int_equal(bud_json_decode(s, strlen(s), &j, &e), BUD_OK);
	json_decref(j);
	free(s);
	s = nested(BUD_MAX_JSON_DEPTH + 1);
	assert_int_equal(bud_json_decode(s, strlen(s), &j, &e), BUD_EINVAL);
	assert_string_equal(e.key, "err.http.json_depth");
	assert_null(j);
	free(s);

	assert_int_equal(bud_json_decode("{\"a\":", 5, &j, &e), BUD_EINVAL);
	assert_string_equal(e.key, "err.http.json_syntax");
	assert_non_null(strstr(e.detail, "line 1"));
	assert_int_equal(bud_json_decode("{\"a\":1,\"a\":2}", 13, &j, &e), BUD_EINVAL);
	assert_string_equal(e.key, "err.http.json_syntax");	/* duplicate key */
	assert_int_equal(bud_json_decode("{\"a\":\"\\u0000\"}", 14, &j, &e), BUD_EINVAL);
	assert_int_equal(bud_json_decode("{} x", 4, &j, &e), BUD_EINVAL);
	assert_int_equal(bud_json_decode("{\"a\":\"\xff\"}", 9, &j, &e), BUD_EINVAL);
	assert_int_equal(bud_json_decode("", 0, &j, &e), BUD_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_depth_scan),
		cmocka_unit_test(test_decode),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
