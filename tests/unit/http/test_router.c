/* Unit tests for http/router.c: segment matching, parameters, first match
 * wins, HEAD served by GET, 404 (no path) versus 405 (other methods). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "http/router.h"

static int h(bud_req *req)
{
	(void)req;
	return 0;
}

static const struct bud_route routes[] = {
	{BUD_GET, "/", h, BUD_R_PUBLIC, 0},
	{BUD_GET, "/api/clients", h, BUD_R_API, 0},
	{BUD_POST, "/api/clients", h, BUD_R_API, 0},
	{BUD_GET, "/api/clients/new", h, BUD_R_API, 0},
	{BUD_GET, "/api/clients/{id}", h, BUD_R_API, 0},
	{BUD_PUT, "/api/clients/{id}", h, BUD_R_API, 0},
	{BUD_DELETE, "/api/clients/{id}/lines/{line}", h, BUD_R_API, 0},
	{BUD_POST, "/login", h, BUD_R_PUBLIC, 0},
	{0, NULL, NULL, 0, 0},
};

static const struct bud_route *m(int method, const char *path, struct bud_kv *p,
				 size_t *np, int *allow, bud_arena *a)
{
	return bud_router_match(routes, method, path, a, p, np, allow);
}

static void test_literal_and_root(void **state)
{
	struct bud_kv p[8];
	size_t np;
	int allow;
	bud_arena a;

	(void)state;
	bud_arena_init(&a);
	assert_ptr_equal(m(BUD_GET, "/", p, &np, &allow, &a), &routes[0]);
	assert_int_equal(np, 0);
	assert_ptr_equal(m(BUD_GET, "/api/clients", p, &np, &allow, &a), &routes[1]);
	assert_ptr_equal(m(BUD_POST, "/api/clients", p, &np, &allow, &a), &routes[2]);
	/* the literal line comes before {id}, so it wins */
	assert_ptr_equal(m(BUD_GET, "/api/clients/new", p, &np, &allow, &a), &routes[3]);
	/* no trailing-slash or prefix matches */
	assert_null(m(BUD_GET, "/api/clients/", p, &np, &allow, &a));
	assert_int_equal(allow, 0);
	assert_null(m(BUD_GET, "/api/client", p, &np, &allow, &a));
	assert_null(m(BUD_GET, "/api/clients/5/x", p, &np, &allow, &a));
	assert_null(m(BUD_GET, "//", p, &np, &allow, &a));
	bud_arena_free(&a);
}

static void test_params(void **state)
{
	struct bud_kv p[8];
	size_t np;
	int allow;
	bud_arena a;

	(void)state;
	bud_arena_init(&a);
	assert_ptr_equal(m(BUD_GET, "/api/clients/42", p, &np, &allow, &a), &routes[4]);
	assert_int_equal(np, 1);
	assert_string_equal(p[0].key, "id");
	assert_string_equal(p[0].value, "42");
	assert_ptr_equal(m(BUD_DELETE, "/api/clients/7/lines/abc", p, &np, &allow, &a),
			 &routes[6]);
	assert_int_equal(np, 2);
	assert_string_equal(p[0].key, "id");
	assert_string_equal(p[0].value, "7");
	assert_string_equal(p[1].key, "line");
	assert_string_equal(p[1].value, "abc");
	/* an empty segment does not match a parameter */
	assert_null(m(BUD_DELETE, "/api/clients//lines/1", p, &np, &allow, &a));
	assert_int_equal(allow, 0);
	bud_arena_free(&a);
}

static void test_404_vs_405(void **state)
{
	struct bud_kv p[8];
	size_t np;
	int allow;
	char buf[64];
	bud_arena a;

	(void)state;
	bud_arena_init(&a);
	assert_null(m(BUD_GET, "/nowhere", p, &np, &allow, &a));
	assert_int_equal(allow, 0);
	assert_null(m(BUD_POST, "/api/clients/9", p, &np, &allow, &a));
	assert_int_equal(allow, BUD_GET | BUD_HEAD | BUD_PUT);
	bud_router_allow_str(allow, buf, sizeof buf);
	assert_string_equal(buf, "GET, HEAD, PUT");
	assert_null(m(BUD_GET, "/login", p, &np, &allow, &a));
	assert_int_equal(allow, BUD_POST);
	bud_router_allow_str(allow, buf, sizeof buf);
	assert_string_equal(buf, "POST");
	/* method 0 (unknown to us, e.g. OPTIONS) is a 405 on a known path */
	assert_null(m(0, "/", p, &np, &allow, &a));
	assert_int_equal(allow, BUD_GET | BUD_HEAD);
	assert_int_equal(bud_router_path_flags(routes, "/api/clients/3"), BUD_R_API);
	assert_int_equal(bud_router_path_flags(routes, "/login"), BUD_R_PUBLIC);
	assert_int_equal(bud_router_path_flags(routes, "/x"), 0);
	bud_arena_free(&a);
}

static void test_head_is_get(void **state)
{
	struct bud_kv p[8];
	size_t np;
	int allow;
	bud_arena a;

	(void)state;
	bud_arena_init(&a);
	assert_ptr_equal(m(BUD_HEAD, "/api/clients/1", p, &np, &allow, &a), &routes[4]);
	assert_string_equal(p[0].value, "1");
	assert_null(m(BUD_HEAD, "/login", p, &np, &allow, &a));
	assert_int_equal(allow, BUD_POST);
	bud_arena_free(&a);
}

static void test_methods(void **state)
{
	char buf[8];

	(void)state;
	assert_int_equal(bud_method_parse("GET"), BUD_GET);
	assert_int_equal(bud_method_parse("DELETE"), BUD_DELETE);
	assert_int_equal(bud_method_parse("get"), 0);
	assert_int_equal(bud_method_parse("OPTIONS"), 0);
	assert_string_equal(bud_method_name(BUD_PATCH), "PATCH");
	assert_string_equal(bud_method_name(0), "?");
	bud_router_allow_str(BUD_GET | BUD_HEAD | BUD_POST, buf, sizeof buf);
	assert_string_equal(buf, "GET");	/* truncated at a whole name */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_literal_and_root),
		cmocka_unit_test(test_params),
		cmocka_unit_test(test_404_vs_405),
		cmocka_unit_test(test_head_is_get),
		cmocka_unit_test(test_methods),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
