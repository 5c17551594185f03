/*
 * The OpenAPI document (src/api/openapi.json, embedded) against the route
 * table (src/cli/routes.c): every BUD_R_API route must be described (same
 * path template, same method) and every described path and method must be
 * a route, so the two cannot drift apart. A care system's route
 * (BUD_R_KEY) and only such a route names the apiKey security scheme, and
 * a route whose answer is a secret shown once (BUD_R_ONCE) and only such a
 * route says x-shown-once.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <jansson.h>

#include "api/api.h"
#include "cli/routes.h"
#include "http/router.h"

static json_t *doc;

static int setup(void **state)
{
	size_t len;
	const char *text = bud_api_openapi_doc(&len);
	json_error_t e;

	(void)state;
	if (!text)
		return -1;
	doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &e);
	if (!doc)
		fprintf(stderr, "openapi.json line %d: %s\n", e.line, e.text);
	return doc ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	json_decref(doc);
	return 0;
}

static void lower(const char *in, char *out, size_t outsz)
{
	size_t i;

	for (i = 0; in[i] && i + 1 < outsz; i++)
		out[i] = (char)(in[i] >= 'A' && in[i] <= 'Z' ? in[i] - 'A' + 'a' : in[i]);
	out[i] = '\0';
}

static void test_version_and_shape(void **state)
{
	const char *v = json_string_value(json_object_get(doc, "openapi"));

	(void)state;
	assert_non_null(v);
	assert_int_equal(strncmp(v, "3.1.", 4), 0);
	assert_non_null(json_object_get(json_object_get(doc, "info"), "title"));
	assert_non_null(json_object_get(json_object_get(json_object_get(doc, "components"),
							"schemas"), "Error"));
}

static void test_every_api_route_documented(void **state)
{
	json_t *paths = json_object_get(doc, "paths");
	const struct bud_route *r;
	char m[16];
	int n = 0;

	(void)state;
	for (r = bud_routes; r->pattern; r++) {
		json_t *op;

		if (!(r->flags & BUD_R_API))
			continue;
		lower(bud_method_name(r->method), m, sizeof m);
		op = json_object_get(json_object_get(paths, r->pattern), m);
		if (!op)
			fail_msg("route %s %s is not in openapi.json", m, r->pattern);
		if (!json_is_string(json_object_get(op, "summary")))
			fail_msg("%s %s has no summary", m, r->pattern);
		if (!json_is_object(json_object_get(op, "responses")))
			fail_msg("%s %s has no responses", m, r->pattern);
		if ((r->method & (BUD_POST | BUD_PUT | BUD_PATCH)) &&
		    !json_object_get(op, "requestBody"))
			fail_msg("%s %s has no requestBody", m, r->pattern);
		if (strchr(r->pattern, '{') && !json_is_array(json_object_get(op, "parameters")) &&
		    !json_is_array(json_object_get(json_object_get(paths, r->pattern), "parameters")))
			fail_msg("%s %s does not describe its path parameters", m, r->pattern);
		n++;
	}
	assert_true(n >= 2);	/* at least /healthz and /api/openapi.json */
}

static void test_every_documented_route_exists(void **state)
{
	static const char *const methods[] = {"get", "post", "put", "patch", "delete", "head"};
	json_t *paths = json_object_get(doc, "paths"), *item;
	const char *path, *key;

	(void)state;
	json_object_foreach(paths, path, item) {
		json_t *op;

		json_object_foreach(item, key, op) {
			const struct bud_route *r;
			int method = 0;
			size_t i;

			for (i = 0; i < sizeof methods / sizeof methods[0]; i++)
				if (strcmp(key, methods[i]) == 0) {
					char up[8];

					for (size_t k = 0; k <= strlen(key); k++)
						up[k] = (char)(key[k] >= 'a' ? key[k] - 'a' + 'A' : key[k]);
					method = bud_method_parse(up);
				}
			if (!method)
				continue;	/* "parameters", "summary", ... */
			for (r = bud_routes; r->pattern; r++)
				if (r->method == method && strcmp(r->pattern, path) == 0)
					break;
			if (!r->pattern)
				fail_msg("openapi.json has %s %s, which is not a route", key, path);
			if (!(r->flags & BUD_R_API))
				fail_msg("%s %s is documented but has no BUD_R_API flag", key, path);
		}
	}
}

/* Whether op's security is exactly [{"apiKey": []}]. */
static int key_security(json_t *op)
{
	json_t *sec = json_object_get(op, "security");

	return json_is_array(sec) && json_array_size(sec) == 1 &&
	       json_is_array(json_object_get(json_array_get(sec, 0), "apiKey")) &&
	       json_object_size(json_array_get(sec, 0)) == 1;
}

static void test_key_routes_documented(void **state)
{
	json_t *paths = json_object_get(doc, "paths"), *op;
	const struct bud_route *r;
	char m[16];
	int keys = 0;

	(void)state;
	assert_non_null(json_object_get(json_object_get(json_object_get(doc, "components"),
		"securitySchemes"), "apiKey"));
	for (r = bud_routes; r->pattern; r++) {
		if (!(r->flags & BUD_R_API))
			continue;
		lower(bud_method_name(r->method), m, sizeof m);
		op = json_object_get(json_object_get(paths, r->pattern), m);
		if (!!(r->flags & BUD_R_KEY) != key_security(op))
			fail_msg("%s %s: BUD_R_KEY and the apiKey security differ", m, r->pattern);
		if (!!(r->flags & BUD_R_ONCE) != json_is_true(json_object_get(op, "x-shown-once")))
			fail_msg("%s %s: BUD_R_ONCE and x-shown-once differ", m, r->pattern);
		keys += !!(r->flags & BUD_R_KEY);
	}
	assert_true(keys >= 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_version_and_shape),
		cmocka_unit_test(test_every_api_route_documented),
		cmocka_unit_test(test_every_documented_route_exists),
		cmocka_unit_test(test_key_routes_documented),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
