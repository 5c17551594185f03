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


/* The answer writer: the same JSON as jansson's own (compact, members in
 * order), with the escapes and integers a page can carry. */
static void test_write(void **state)
{
	static const char *const texts[] = {
		"{}", "[]", "null", "\"\"", "0", "-1", "9223372036854775807",
		"-9223372036854775808", "{\"a\":[1,true,false,null,\"x\"],\"b\":{}}",
		"{\"nimi\":\"Åsa Öhman-Äkäslompolo\",\"q\":\"\\\"\\\\\\n\\t\\r\\u0001\"}",
		"[[[[1]]],{\"k\":{\"l\":[]}}]",
	};
	bud_buf b;
	json_t *v;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		char *want;

		v = json_loads(texts[i], JSON_DECODE_ANY, NULL);
		assert_non_null(v);
		want = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
		bud_buf_init(&b, 4096);
		assert_int_equal(bud_json_write(&b, v), BUD_OK);
		assert_string_equal(bud_buf_str(&b), want);
		free(want);
		bud_buf_free(&b);
		json_decref(v);
	}
	/* "<" is escaped (safe inside a script element); bounded output fails */
	bud_buf_init(&b, 64);
	v = json_pack("{s:s}", "x", "</script>");
	assert_int_equal(bud_json_write(&b, v), BUD_OK);
	assert_string_equal(bud_buf_str(&b), "{\"x\":\"\\u003c/script>\"}");
	bud_buf_free(&b);
	bud_buf_init(&b, 8);
	assert_int_equal(bud_json_write(&b, v), BUD_ETOOBIG);
	bud_buf_free(&b);
	json_decref(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_depth_scan),
		cmocka_unit_test(test_decode),
		cmocka_unit_test(test_write),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
