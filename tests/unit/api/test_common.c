/*
 * Unit tests for api/common.c: the wire form of the views (ISO 8601
 * Helsinki timestamps, quantities as numbers of units), that every
 * quantity of hundredths survives the trip out and back in exactly, and
 * the write-body field check.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "api/common.h"

/* A request with only a JSON body (what the checks read); body stolen. */
static bud_req with_body(json_t *body)
{
	bud_req r;

	memset(&r, 0, sizeof(r));
	r.method = BUD_POST;
	r.json = body;
	return r;
}

static void test_wire(void **state)
{
	json_t *v = json_pack("{s:I, s:n, s:I, s:[{s:I, s:I}, {s:I}], s:I, s:I}",
		"created_at", (json_int_t)1796630465, "updated_at",
		"at", (json_int_t)1782907200,
		"lines", "quantity", (json_int_t)400, "unit_price", (json_int_t)3500,
		"quantity", (json_int_t)250, "client_fee", (json_int_t)1250,
		"format", (json_int_t)7), *l;

	(void)state;
	bud_api_wire(v);
	assert_string_equal(json_string_value(json_object_get(v, "created_at")),
			    "2026-12-07T10:01:05+02:00");
	assert_string_equal(json_string_value(json_object_get(v, "at")),
			    "2026-07-01T15:00:00+03:00");
	assert_true(json_is_null(json_object_get(v, "updated_at")));
	l = json_object_get(v, "lines");
	assert_true(json_is_integer(json_object_get(json_array_get(l, 0), "quantity")));
	assert_int_equal(json_integer_value(json_object_get(json_array_get(l, 0), "quantity")), 4);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(l, 0), "unit_price")), 3500);
	assert_true(json_is_real(json_object_get(json_array_get(l, 1), "quantity")));
	assert_int_equal(json_integer_value(json_object_get(v, "client_fee")), 1250);
	assert_int_equal(json_integer_value(json_object_get(v, "format")), 7);
	json_decref(v);
}

/* Hundredths q out (wire form, written as the server writes it) and back
 * in through bud_api_quantity. */
static int64_t trip(int64_t q)
{
	json_t *v = json_pack("{s:I}", "quantity", (json_int_t)q), *in;
	int64_t out = -1;
	bud_err err;
	bud_req r;
	char *s;

	bud_api_wire(v);
	s = json_dumps(v, JSON_COMPACT | JSON_REAL_PRECISION(15));
	json_decref(v);
	assert_non_null(s);
	in = json_loads(s, 0, NULL);
	free(s);
	r = with_body(in);
	assert_int_equal(bud_api_quantity(&r, "quantity", &out, &err), BUD_OK);
	json_decref(in);
	return out;
}

static void test_quantity_exact(void **state)
{
	static const int64_t big[] = {99999999999, 100000000000, 12345678901, 33333333333};
	int64_t q;
	size_t i;

	(void)state;
	for (q = 1; q <= 200000; q++)
		if (trip(q) != q)
			fail_msg("%lld hundredths came back as %lld", (long long)q,
				 (long long)trip(q));
	for (i = 0; i < sizeof(big) / sizeof(big[0]); i++)
		assert_int_equal(trip(big[i]), big[i]);
}

static void test_quantity_refused(void **state)
{
	static const char *const bad[] = {"{\"quantity\":\"4\"}", "{\"quantity\":1.555}",
		"{\"quantity\":1e-5}", "{\"quantity\":true}", "{\"quantity\":null}",
		"{\"quantity\":1e300}", "{}", NULL};
	int64_t out = 7;
	bud_err err;
	size_t i;

	(void)state;
	for (i = 0; bad[i]; i++) {
		bud_req r = with_body(json_loads(bad[i], 0, NULL));

		assert_int_equal(bud_api_quantity(&r, "quantity", &out, &err), BUD_EINVAL);
		assert_string_equal(err.field, "quantity");
		json_decref(r.json);
	}
	assert_int_equal(out, 7);
}

static void test_fields(void **state)
{
	static const char *const writable[] = {"phone", "email", NULL};
	json_t *cur = json_pack("{s:I, s:s, s:s, s:{s:b}}", "id", (json_int_t)5,
				"phone", "1", "updated_at", "2026-12-07T10:01:05+02:00",
				"can", "edit", 1);
	bud_req r = with_body(json_pack("{s:s, s:I, s:s, s:{s:b}}", "phone", "2",
		"id", (json_int_t)5, "updated_at", "2026-12-07T10:01:05+02:00",
		"can", "edit", 1));
	bud_err err;

	(void)state;
	assert_int_equal(bud_api_fields(&r, writable, cur, &err), BUD_OK);
	assert_int_equal(bud_api_fields(&r, writable, NULL, &err), BUD_EINVAL);
	json_object_set_new(r.json, "id", json_integer(6));
	assert_int_equal(bud_api_fields(&r, writable, cur, &err), BUD_EINVAL);
	assert_string_equal(err.field, "id");
	assert_string_equal(err.key, "err.http.read_only");
	json_object_del(r.json, "id");
	json_object_set_new(r.json, "emial", json_string("a@b.fi"));
	assert_int_equal(bud_api_fields(&r, writable, cur, &err), BUD_EINVAL);
	assert_string_equal(err.field, "emial");
	assert_string_equal(err.key, "err.http.unknown_field");
	json_decref(r.json);
	json_decref(cur);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wire),
		cmocka_unit_test(test_quantity_exact),
		cmocka_unit_test(test_quantity_refused),
		cmocka_unit_test(test_fields),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
