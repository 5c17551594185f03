/*
 * Unit tests for the request pipeline without a server (http/dispatch.c,
 * request.c, response.c through bud_rq_run): typed getters naming the
 * field, 404/405/413/414/415/400 answers, the language of a request,
 * security headers, cookies, sign-in redirects and CSRF, a care system's
 * key routes refusing what is not a key. No database: no request here
 * carries a session cookie that is looked up, nor a key of the right
 * shape.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/i18n.h"
#include "http/internal.h"
#include "bud_limits.h"

static int ok_handler(bud_req *req)
{
	return bud_resp_text(req, 200, "text/plain; charset=utf-8", "ok", 2);
}

static int silent_handler(bud_req *req)
{
	(void)req;
	return BUD_EINVAL;	/* forgets to answer */
}

/* An internal failure, like a ledger check that does not hold. */
static int broken_handler(bud_req *req)
{
	bud_err err;

	bud_err_set(&err, BUD_EINTERNAL, NULL, "err.internal",
		    "ledger check failed: plan line 7 over its grant");
	return bud_resp_error(req, &err);
}

static int csrf_handler(bud_req *req)
{
	const char *t = bud_req_csrf(req);

	return bud_resp_text(req, 200, "text/plain; charset=utf-8", t, strlen(t));
}

static int lang_handler(bud_req *req)
{
	bud_resp_cookie(req, "lang", "sv", 3600);
	return bud_resp_redirect(req, "/");
}

static const struct bud_route routes[] = {
	{BUD_GET, "/api/echo", ok_handler, BUD_R_PUBLIC | BUD_R_API, 0},
	{BUD_POST, "/api/items", ok_handler, BUD_R_PUBLIC | BUD_R_API, 0},
	{BUD_GET, "/api/private", ok_handler, BUD_R_API, 0},
	{BUD_POST, "/api/upload", ok_handler, BUD_R_PUBLIC | BUD_R_API | BUD_R_UPLOAD, 0},
	{BUD_POST, "/form", ok_handler, BUD_R_PUBLIC | BUD_R_NOCSRF, 0},
	{BUD_POST, "/guarded", ok_handler, BUD_R_PUBLIC, 0},
	{BUD_GET, "/private", ok_handler, 0, 0},
	{BUD_POST, "/private", ok_handler, 0, BUD_ROLE_ADMIN},
	{BUD_GET, "/items/{id}", ok_handler, BUD_R_PUBLIC, 0},
	{BUD_GET, "/silent", silent_handler, BUD_R_PUBLIC, 0},
	{BUD_GET, "/api/broken", broken_handler, BUD_R_PUBLIC | BUD_R_API, 0},
	{BUD_GET, "/csrf", csrf_handler, BUD_R_PUBLIC, 0},
	{BUD_POST, "/lang", lang_handler, BUD_R_PUBLIC | BUD_R_NOCSRF, 0},
	{BUD_GET, "/api/care", ok_handler, BUD_R_API | BUD_R_KEY_FOR(1), 0},
	{BUD_POST, "/api/csv", ok_handler, BUD_R_PUBLIC | BUD_R_API | BUD_R_CSV, 0},
	{0, NULL, NULL, 0, 0},
};

static bud_app app;

#define FORM_TYPE {"Content-Type", "application/x-www-form-urlencoded"}
#define JSON_TYPE {"Content-Type", "application/json"}

static struct bud_rq *run(const char *method, const char *uri,
			  const struct bud_kv *h, size_t nh, const char *body)
{
	struct bud_rq *q = bud_rq_run(&app, routes, method, uri, h, nh, body,
				      body ? strlen(body) : 0);

	assert_non_null(q);
	assert_int_not_equal(q->req.status, 0);
	return q;
}

static const char *out(struct bud_rq *q)
{
	return bud_buf_str(&q->req.out);
}

/* The value of response header name (the last one), or NULL. */
static const char *resp_header(struct bud_rq *q, const char *name)
{
	struct bud_kv h[48];
	size_t n = bud_rq_response_headers(q, h, 48), i;
	const char *v = NULL;

	for (i = 0; i < n; i++)
		if (strcmp(h[i].key, name) == 0)
			v = h[i].value;
	return v;
}

static void test_form_getters(void **state)
{
	const struct bud_kv h[] = {FORM_TYPE};
	struct bud_rq *q = run("POST", "/form", h, 1,
		"name=Matti&age=42&bad=4x2&big=99999&amount=1+234%2C50&badmoney=12%2C345"
		"&date=2025-02-28&baddate=2025-02-30&kind=worker&flag=on&empty=&ctl=a%01b"
		"&maybe=perhaps&blank=+++");
	bud_req *r = &q->req;
	const char *s = "default";
	int64_t v = -1;
	int b = 7;
	bud_err e;
	static const char *const kinds[] = {"worker", "admin", NULL};

	(void)state;
	assert_int_equal(r->status, 200);
	assert_int_equal(bud_req_str(r, "name", 1, 10, &s, &e), BUD_OK);
	assert_string_equal(s, "Matti");
	assert_int_equal(bud_req_str(r, "name", 1, 4, &s, &e), BUD_EINVAL);
	assert_string_equal(e.field, "name");
	assert_string_equal(e.key, "err.too_long");
	assert_int_equal(bud_req_str(r, "missing", 1, 10, &s, &e), BUD_EINVAL);
	assert_string_equal(e.field, "missing");
	assert_string_equal(e.key, "err.required");
	assert_int_equal(bud_req_str(r, "blank", 1, 10, &s, &e), BUD_EINVAL);
	assert_string_equal(e.key, "err.required");
	s = "default";
	assert_int_equal(bud_req_str(r, "missing", 0, 10, &s, &e), BUD_OK);
	assert_string_equal(s, "default");
	assert_int_equal(bud_req_str(r, "empty", 0, 10, &s, &e), BUD_OK);
	assert_string_equal(s, "");
	s = "default";
	assert_int_equal(bud_req_str(r, "blank", 0, 10, &s, &e), BUD_OK);
	assert_string_equal(s, "");
	v = 5;
	assert_int_equal(bud_req_money(r, "blank", 0, &v, &e), BUD_OK);
	assert_int_equal(v, 5);	/* blank and optional: the default stays */
	v = -1;
	assert_int_equal(bud_req_str(r, "ctl", 0, 10, &s, &e), BUD_EINVAL);
	assert_string_equal(e.field, "ctl");
	assert_string_equal(e.key, "err.http.control_chars");

	assert_int_equal(bud_req_i64(r, "age", 1, 0, 150, &v, &e), BUD_OK);
	assert_int_equal(v, 42);
	assert_int_equal(bud_req_i64(r, "bad", 1, 0, 150, &v, &e), BUD_EINVAL);
	assert_string_equal(e.field, "bad");
	assert_string_equal(e.key, "err.not_integer");
	assert_int_equal(bud_req_i64(r, "big", 1, 0, 150, &v, &e), BUD_EINVAL);
	assert_string_equal(e.field, "big");
	assert_string_equal(e.key, "err.out_of_range");
	assert_int_equal(v, 42);	/* untouched on error */
	assert_int_equal(bud_req_i64(r, "none", 1, 0, 1, &v, &e), BUD_EINVAL);
	assert_string_equal(e.key, "err.required");
	assert_int_equal(bud_req_i64(r, "none", 0, 0, 1, &v, &e), BUD_OK);
	assert_int_equal(v, 42);

	assert_int_equal(bud_req_money(r, "amount", 1, &v, &e), BUD_OK);
	assert_int_equal(v, 123450);
	assert_int_equal(bud_req_money(r, "badmoney", 1, &v, &e), BUD_EINVAL);
	assert_string_equal(e.field, "badmoney");
	assert_int_equal(strncmp(e.key, "err.money.", 10), 0);
	assert_int_equal(bud_req_money(r, "nomoney", 1, &v, &e), BUD_EINVAL);
	assert_string_equal(e.field, "nomoney");

	assert_int_equal(bud_req_date(r, "date", 1, &s, &e), BUD_OK);
	assert_string_equal(s, "2025-02-28");
	assert_int_equal(bud_req_date(r, "baddate", 1, &s, &e), BUD_EINVAL);
	assert_string_equal(e.field, "baddate");
	assert_int_equal(strncmp(e.key, "err.date.", 9), 0);

	assert_int_equal(bud_req_enum(r, "kind", 1, kinds, &s, &e), BUD_OK);
	assert_ptr_equal(s, kinds[0]);
	assert_int_equal(bud_req_enum(r, "name", 1, kinds, &s, &e), BUD_EINVAL);
	assert_string_equal(e.field, "name");
	assert_string_equal(e.key, "err.invalid_choice");

	assert_int_equal(bud_req_bool(r, "flag", &b, &e), BUD_OK);
	assert_int_equal(b, 1);
	assert_int_equal(bud_req_bool(r, "empty", &b, &e), BUD_OK);
	assert_int_equal(b, 0);
	b = 7;
	assert_int_equal(bud_req_bool(r, "absent", &b, &e), BUD_OK);
	assert_int_equal(b, 7);
	assert_int_equal(bud_req_bool(r, "maybe", &b, &e), BUD_EINVAL);
	assert_string_equal(e.field, "maybe");
	bud_rq_free(q);
}

static void test_json_getters(void **state)
{
	const struct bud_kv h[] = {JSON_TYPE};
	struct bud_rq *q = run("POST", "/api/items", h, 1,
		"{\"name\":\"Åsa\",\"n\":5,\"s\":\"7\",\"m\":1250,\"ms\":\"3,40\",\"b\":true,"
		"\"arr\":[1],\"nul\":null,\"f\":1.5,\"huge\":1000000000000001}");
	bud_req *r = &q->req;
	const char *s = NULL;
	int64_t v = 0;
	int b = 0;
	bud_err e;

	(void)state;
	assert_int_equal(r->status, 200);
	assert_non_null(r->json);
	assert_int_equal(bud_req_str(r, "name", 1, 3, &s, &e), BUD_OK);
	assert_string_equal(s, "Åsa");	/* 3 characters, 4 bytes */
	assert_int_equal(bud_req_str(r, "n", 1, 3, &s, &e), BUD_EINVAL);
	assert_string_equal(e.field, "n");
	assert_string_equal(e.key, "err.http.json_field_type");
	assert_int_equal(bud_req_str(r, "nul", 1, 3, &s, &e), BUD_EINVAL);
	assert_string_equal(e.key, "err.required");
	assert_int_equal(bud_req_i64(r, "n", 1, 0, 10, &v, &e), BUD_OK);
	assert_int_equal(v, 5);
	assert_int_equal(bud_req_i64(r, "s", 1, 0, 10, &v, &e), BUD_OK);
	assert_int_equal(v, 7);
	assert_int_equal(bud_req_i64(r, "f", 1, 0, 10, &v, &e), BUD_EINVAL);
	assert_string_equal(e.key, "err.not_integer");
	assert_int_equal(bud_req_i64(r, "arr", 1, 0, 10, &v, &e), BUD_EINVAL);
	assert_int_equal(bud_req_money(r, "m", 1, &v, &e), BUD_OK);
	assert_int_equal(v, 1250);
	/* JSON money is only an integer of cents: "3,40" could be euros */
	v = 0;
	assert_int_equal(bud_req_money(r, "ms", 1, &v, &e), BUD_EINVAL);
	assert_string_equal(e.field, "ms");
	assert_string_equal(e.key, "err.money.cents");
	assert_int_equal(v, 0);
	assert_int_equal(bud_req_money(r, "f", 1, &v, &e), BUD_EINVAL);
	assert_string_equal(e.key, "err.money.cents");
	assert_int_equal(bud_req_money(r, "absent", 1, &v, &e), BUD_EINVAL);
	assert_string_equal(e.key, "err.required");
	assert_int_equal(bud_req_money(r, "huge", 1, &v, &e), BUD_EOVERFLOW);
	assert_string_equal(e.field, "huge");
	assert_int_equal(bud_req_bool(r, "b", &b, &e), BUD_OK);
	assert_int_equal(b, 1);
	assert_int_equal(bud_req_bool(r, "n", &b, &e), BUD_EINVAL);
	bud_rq_free(q);
}

static void test_query_and_id(void **state)
{
	struct bud_rq *q = run("GET", "/api/echo?page=3&q=a+b%21", NULL, 0, NULL);
	int64_t v = 0;
	const char *s;
	bud_err e;

	(void)state;
	assert_int_equal(bud_req_i64(&q->req, "page", 1, 1, 100, &v, &e), BUD_OK);
	assert_int_equal(v, 3);
	assert_string_equal(bud_req_query(&q->req, "q"), "a b!");
	assert_int_equal(bud_req_str(&q->req, "q", 1, 10, &s, &e), BUD_OK);
	assert_string_equal(s, "a b!");
	assert_null(bud_req_query(&q->req, "nope"));
	bud_rq_free(q);

	q = run("GET", "/items/12", NULL, 0, NULL);
	assert_string_equal(bud_req_param(&q->req, "id"), "12");
	assert_int_equal(bud_req_id(&q->req, "id", &v, &e), BUD_OK);
	assert_int_equal(v, 12);
	assert_int_equal(bud_req_id(&q->req, "other", &v, &e), BUD_ENOTFOUND);
	assert_string_equal(e.field, "other");
	bud_rq_free(q);
	static const char *const bad[] = {"/items/012", "/items/abc", "/items/-1",
		"/items/0", "/items/99999999999999999999", "/items/1x"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		q = run("GET", bad[i], NULL, 0, NULL);
		v = 99;
		assert_int_equal(bud_req_id(&q->req, "id", &v, &e), BUD_ENOTFOUND);
		assert_string_equal(e.key, "err.not_found");
		assert_int_equal(v, 99);
		bud_rq_free(q);
	}
}

static void test_security_headers(void **state)
{
	struct bud_rq *q = run("GET", "/api/echo", NULL, 0, NULL);

	(void)state;
	assert_int_equal(q->req.status, 200);
	assert_string_equal(out(q), "ok");
	assert_string_equal(resp_header(q, "Cache-Control"), "no-store");
	assert_string_equal(resp_header(q, "X-Content-Type-Options"), "nosniff");
	assert_string_equal(resp_header(q, "X-Frame-Options"), "DENY");
	assert_string_equal(resp_header(q, "Referrer-Policy"), "no-referrer");
	assert_non_null(strstr(resp_header(q, "Content-Security-Policy"),
			       "frame-ancestors 'none'"));
	assert_string_equal(resp_header(q, "Content-Language"), "fi");
	assert_null(resp_header(q, "Connection"));
	bud_rq_free(q);
}

static void test_not_found_and_method(void **state)
{
	struct bud_rq *q = run("GET", "/api/nope", NULL, 0, NULL);

	(void)state;
	assert_int_equal(q->req.status, 404);
	assert_string_equal(q->req.content_type, "application/json");
	assert_string_equal(out(q), "{\"error\":{\"code\":\"not_found\",\"field\":null,"
			    "\"message\":\"Sivua ei löytynyt. Tarkista osoite.\"}}");
	bud_rq_free(q);

	q = run("GET", "/nope", NULL, 0, NULL);
	assert_int_equal(q->req.status, 404);
	assert_string_equal(q->req.content_type, "text/html; charset=utf-8");
	assert_non_null(strstr(out(q), "<html lang=\"fi\">"));
	assert_non_null(strstr(out(q), "<title>Virhe – budjetti</title>"));
	assert_non_null(strstr(out(q), "<a class=\"skip-link\" href=\"#main\">"));
	assert_non_null(strstr(out(q), "<main id=\"main\">"));
	assert_non_null(strstr(out(q), "href=\"/static/style.css\""));
	bud_rq_free(q);

	q = run("DELETE", "/api/items", NULL, 0, NULL);
	assert_int_equal(q->req.status, 405);
	assert_string_equal(resp_header(q, "Allow"), "POST");
	assert_string_equal(q->req.content_type, "application/json");
	assert_non_null(strstr(out(q), "\"code\":\"method_not_allowed\""));
	bud_rq_free(q);
	q = run("OPTIONS", "/private", NULL, 0, NULL);
	assert_int_equal(q->req.status, 405);
	assert_string_equal(resp_header(q, "Allow"), "GET, HEAD, POST");
	assert_string_equal(q->req.content_type, "text/html; charset=utf-8");
	bud_rq_free(q);
	q = run("HEAD", "/api/echo", NULL, 0, NULL);
	assert_int_equal(q->req.status, 200);
	bud_rq_free(q);
}

static void test_limits(void **state)
{
	const struct bud_kv json[] = {JSON_TYPE};
	const struct bud_kv big[] = {JSON_TYPE, {"Content-Length", "1048577"}};
	char *body = malloc(BUD_MAX_BODY + 2), *uri = malloc(BUD_MAX_URL + 2);
	struct bud_rq *q;

	(void)state;
	memset(body, ' ', BUD_MAX_BODY + 1);
	body[BUD_MAX_BODY + 1] = '\0';
	q = run("POST", "/api/items", json, 1, body);
	assert_int_equal(q->req.status, 413);
	assert_non_null(strstr(out(q), "\"code\":\"too_large\""));
	assert_string_equal(resp_header(q, "Connection"), "close");
	bud_rq_free(q);
	body[BUD_MAX_BODY] = '\0';	/* exactly the limit: decoded (and empty JSON) */
	q = run("POST", "/api/items", json, 1, body);
	assert_int_equal(q->req.status, 400);
	bud_rq_free(q);
	q = run("POST", "/api/items", big, 2, NULL);	/* refused before the body */
	assert_int_equal(q->req.status, 413);
	assert_int_equal(q->body_seen, 0);
	bud_rq_free(q);
	q = run("POST", "/api/upload", (const struct bud_kv[]){{"Content-Type", "application/xml"},
		{"Content-Length", "1048577"}}, 2, NULL);
	assert_int_equal(q->req.status, 200);	/* uploads may be bigger */
	bud_rq_free(q);

	memcpy(uri, "/api/echo?q=", 12);
	memset(uri + 12, 'a', BUD_MAX_URL - 12);
	uri[BUD_MAX_URL] = '\0';
	q = run("GET", uri, NULL, 0, NULL);
	assert_int_equal(q->req.status, 200);
	uri[BUD_MAX_URL] = 'a';
	uri[BUD_MAX_URL + 1] = '\0';
	q = (bud_rq_free(q), run("GET", uri, NULL, 0, NULL));
	assert_int_equal(q->req.status, 414);
	assert_non_null(strstr(out(q), "\"code\":\"too_large\""));
	bud_rq_free(q);
	free(body);
	free(uri);
}

static void test_decoding_errors(void **state)
{
	const struct bud_kv json[] = {JSON_TYPE};
	const struct bud_kv form[] = {FORM_TYPE};
	struct bud_rq *q;

	(void)state;
	q = run("POST", "/api/items", json, 1, "{\"a\": tru}");
	assert_int_equal(q->req.status, 400);
	assert_non_null(strstr(out(q), "\"detail\":\"JSON line 1"));
	assert_non_null(strstr(out(q), "\"code\":\"bad_request\""));
	assert_non_null(strstr(out(q), "\"field\":\"a\""));	/* the member it is in */
	bud_rq_free(q);
	q = run("POST", "/api/items", json, 1,
		"{\"x\": \"a:b\\\"\",\n \"name\" : [1, 2,], \"z\": 1}");
	assert_int_equal(q->req.status, 400);
	assert_non_null(strstr(out(q), "\"field\":\"name\""));
	assert_non_null(strstr(out(q), "line 2"));
	bud_rq_free(q);
	q = run("POST", "/api/items", json, 1, "{,}");
	assert_int_equal(q->req.status, 400);
	assert_non_null(strstr(out(q), "\"field\":null"));	/* no member: only where */
	assert_non_null(strstr(out(q), "(byte "));
	bud_rq_free(q);
	q = run("POST", "/api/items", json, 1, "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]");
	assert_int_equal(q->req.status, 400);
	assert_non_null(strstr(out(q), "liian syvälle"));
	bud_rq_free(q);
	q = run("POST", "/api/items", json, 1, "\"just a string\"");
	assert_int_equal(q->req.status, 400);
	bud_rq_free(q);
	q = run("POST", "/form", form, 1, "a=%zz");
	assert_int_equal(q->req.status, 400);
	assert_string_equal(q->req.content_type, "text/html; charset=utf-8");
	bud_rq_free(q);
	q = run("GET", "/api/echo?x=%C3", NULL, 0, NULL);
	assert_int_equal(q->req.status, 400);
	assert_non_null(strstr(out(q), "\"code\":\"bad_request\""));
	bud_rq_free(q);
	q = run("GET", "/api/%2e%2e/echo", NULL, 0, NULL);
	assert_int_equal(q->req.status, 404);	/* decoded ".." is a name, not a step up */
	bud_rq_free(q);
}

static void test_content_type(void **state)
{
	struct bud_rq *q;

	(void)state;
	q = run("POST", "/api/items", (const struct bud_kv[]){FORM_TYPE}, 1, "a=1");
	assert_int_equal(q->req.status, 415);
	assert_non_null(strstr(out(q), "\"code\":\"unsupported_media_type\""));
	bud_rq_free(q);
	q = run("POST", "/api/items", NULL, 0, "{}");
	assert_int_equal(q->req.status, 415);
	bud_rq_free(q);
	q = run("POST", "/api/items", (const struct bud_kv[]){{"Content-Type",
		"Application/JSON; charset=utf-8"}}, 1, "{}");
	assert_int_equal(q->req.status, 200);
	bud_rq_free(q);
	q = run("POST", "/api/items", (const struct bud_kv[]){{"Content-Type",
		"application/json; charset=latin1"}}, 1, "{}");
	assert_int_equal(q->req.status, 415);
	bud_rq_free(q);
	/* a form can send multipart: an API upload of it needs the CSRF
	 * field (none here: nothing decodes it without a connection) */
	q = run("POST", "/api/upload", (const struct bud_kv[]){{"Content-Type",
		"multipart/form-data; boundary=x"}}, 1, "x");
	assert_int_equal(q->req.status, 403);
	assert_non_null(strstr(out(q), "\"field\":\"csrf\""));
	bud_rq_free(q);
	q = run("POST", "/api/upload", (const struct bud_kv[]){{"Content-Type",
		"text/plain"}}, 1, "x");
	assert_int_equal(q->req.status, 415);
	bud_rq_free(q);
	q = run("POST", "/api/upload", (const struct bud_kv[]){{"Content-Type",
		"application/xml"}}, 1, "<x/>");
	assert_int_equal(q->req.status, 200);
	assert_string_equal(q->req.body, "<x/>");
	assert_int_equal(q->req.body_len, 4);
	bud_rq_free(q);
}

static void test_language(void **state)
{
	struct bud_rq *q;

	(void)state;
	assert_string_equal(bud_lang_negotiate("sv-FI,sv;q=0.9,en;q=0.8"), "sv");
	assert_string_equal(bud_lang_negotiate("en-US,en;q=0.9"), "en");
	assert_string_equal(bud_lang_negotiate("de-DE"), "fi");
	assert_string_equal(bud_lang_negotiate(NULL), "fi");

	q = run("GET", "/api/nope", (const struct bud_kv[]){{"Accept-Language", "sv"}}, 1, NULL);
	assert_string_equal(q->req.lang, "sv");
	assert_non_null(strstr(out(q), "Sidan hittades inte."));
	assert_string_equal(resp_header(q, "Content-Language"), "sv");
	bud_rq_free(q);
	q = run("GET", "/nope", (const struct bud_kv[]){{"Accept-Language", "en;q=0.5, sv;q=0.4"},
		{"Cookie", "lang=xx"}}, 2, NULL);
	assert_string_equal(q->req.lang, "en");	/* an invalid cookie is ignored */
	assert_non_null(strstr(out(q), "<html lang=\"en\">"));
	assert_non_null(strstr(out(q), "Skip to content"));
	bud_rq_free(q);
	q = run("GET", "/api/nope", (const struct bud_kv[]){{"Accept-Language", "en"},
		{"Cookie", "a=1; lang=sv"}}, 2, NULL);
	assert_string_equal(q->req.lang, "sv");	/* the cookie wins */
	bud_rq_free(q);
}

static void test_sign_in_needed(void **state)
{
	struct bud_rq *q;

	(void)state;
	q = run("GET", "/private", NULL, 0, NULL);
	assert_int_equal(q->req.status, 303);
	assert_string_equal(resp_header(q, "Location"), "/login?next=%2Fprivate");
	bud_rq_free(q);
	q = run("POST", "/private", (const struct bud_kv[]){FORM_TYPE}, 1, "a=1");
	assert_int_equal(q->req.status, 303);
	assert_string_equal(resp_header(q, "Location"), "/login");
	bud_rq_free(q);
	q = run("GET", "/api/private", NULL, 0, NULL);
	assert_int_equal(q->req.status, 401);
	assert_non_null(strstr(out(q), "\"code\":\"unauthorized\""));
	assert_string_equal(resp_header(q, "WWW-Authenticate"), "Session realm=\"budjetti\"");
	bud_rq_free(q);
}

/* A key route (BUD_R_KEY) takes only Authorization: Bearer; a session
 * cookie is not looked at; the refusals name the Bearer scheme. text/csv
 * only where a route says BUD_R_CSV. */
static void test_key_routes(void **state)
{
	struct bud_rq *q;

	(void)state;
	q = run("GET", "/api/care", (const struct bud_kv[]){{"Cookie", "bud_session=abc"}},
		1, NULL);
	assert_int_equal(q->req.status, 401);
	assert_string_equal(resp_header(q, "WWW-Authenticate"), "Bearer realm=\"budjetti\"");
	assert_non_null(strstr(out(q), "\"code\":\"unauthorized\""));
	bud_rq_free(q);
	q = run("GET", "/api/care", (const struct bud_kv[]){{"Authorization", "Bearer bud_x"},
		{"Accept-Language", "sv"}, {"Cookie", "lang=en"}}, 3, NULL);
	assert_int_equal(q->req.status, 401);
	assert_string_equal(resp_header(q, "WWW-Authenticate"),
			    "Bearer realm=\"budjetti\", error=\"invalid_token\"");
	assert_string_equal(q->req.lang, "sv");	/* the header, not the cookie */
	bud_rq_free(q);
	q = run("GET", "/api/care", (const struct bud_kv[]){{"Authorization", "Basic YTpi"}},
		1, NULL);
	assert_int_equal(q->req.status, 401);
	assert_string_equal(resp_header(q, "WWW-Authenticate"), "Bearer realm=\"budjetti\"");
	bud_rq_free(q);
	q = run("POST", "/api/csv", (const struct bud_kv[]){{"Content-Type", "text/csv"}}, 1,
		"a;b\n");
	assert_int_equal(q->req.status, 200);
	assert_string_equal(q->req.body, "a;b\n");
	bud_rq_free(q);
	q = run("POST", "/api/items", (const struct bud_kv[]){{"Content-Type", "text/csv"}}, 1,
		"a;b\n");
	assert_int_equal(q->req.status, 415);
	bud_rq_free(q);
}

static void test_csrf_double_submit(void **state)
{
	const char *tok = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ";	/* 43 */
	char body[96], cookie[96];
	struct bud_rq *q;

	(void)state;
	snprintf(cookie, sizeof cookie, "bud_csrf=%s", tok);
	q = run("POST", "/guarded", (const struct bud_kv[]){FORM_TYPE}, 1, "a=1");
	assert_int_equal(q->req.status, 403);
	assert_non_null(strstr(out(q), "tarkiste"));
	bud_rq_free(q);
	snprintf(body, sizeof body, "a=1&csrf=%s", tok);
	q = run("POST", "/guarded", (const struct bud_kv[]){FORM_TYPE, {"Cookie", cookie}}, 2, body);
	assert_int_equal(q->req.status, 200);
	bud_rq_free(q);
	q = run("POST", "/guarded", (const struct bud_kv[]){FORM_TYPE}, 1, body);
	assert_int_equal(q->req.status, 403);	/* no cookie */
	bud_rq_free(q);
	body[strlen(body) - 1] = 'X';
	q = run("POST", "/guarded", (const struct bud_kv[]){FORM_TYPE, {"Cookie", cookie}}, 2, body);
	assert_int_equal(q->req.status, 403);	/* wrong token */
	bud_rq_free(q);
	q = run("POST", "/form", (const struct bud_kv[]){FORM_TYPE}, 1, "a=1");
	assert_int_equal(q->req.status, 200);	/* BUD_R_NOCSRF */
	bud_rq_free(q);
}

static void test_csrf_token_and_cookies(void **state)
{
	const char *tok = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ";
	struct bud_rq *q;
	const char *sc;

	(void)state;
	q = run("GET", "/csrf", NULL, 0, NULL);
	assert_int_equal(strlen(out(q)), 43);
	sc = resp_header(q, "Set-Cookie");
	assert_non_null(sc);
	assert_int_equal(strncmp(sc, "bud_csrf=", 9), 0);
	assert_true(strlen(sc) >= 9 + 43);
	assert_memory_equal(sc + 9, out(q), 43);
	assert_non_null(strstr(sc, "; Path=/; HttpOnly; SameSite=Lax"));
	assert_null(strstr(sc, "Secure"));
	bud_rq_free(q);
	q = run("GET", "/csrf", (const struct bud_kv[]){{"Cookie", "bud_csrf=abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ"}},
		1, NULL);
	assert_string_equal(out(q), tok);	/* the existing cookie is reused */
	assert_null(resp_header(q, "Set-Cookie"));
	bud_rq_free(q);

	app.secure_cookies = 1;
	q = run("POST", "/lang", (const struct bud_kv[]){{"Cookie", "__Host-lang=en"}}, 1, NULL);
	assert_string_equal(q->req.lang, "en");
	assert_int_equal(q->req.status, 303);
	assert_string_equal(resp_header(q, "Location"), "/");
	assert_string_equal(resp_header(q, "Set-Cookie"),
			    "__Host-lang=sv; Path=/; HttpOnly; SameSite=Lax; Secure; Max-Age=3600");
	assert_string_equal(bud_req_cookie(&q->req, "lang"), "en");
	bud_rq_free(q);
	q = run("GET", "/api/nope", (const struct bud_kv[]){{"Cookie", "lang=sv"}}, 1, NULL);
	assert_string_equal(q->req.lang, "fi");	/* without the prefix it is not ours */
	bud_resp_cookie(&q->req, "bud_session", "", -1);
	assert_string_equal(resp_header(q, "Set-Cookie"),
			    "__Host-bud_session=; Path=/; HttpOnly; SameSite=Lax; Secure; Max-Age=0");
	bud_rq_free(q);
	app.secure_cookies = 0;
}

static void test_handler_without_answer(void **state)
{
	struct bud_rq *q = run("GET", "/silent", NULL, 0, NULL);

	(void)state;
	assert_int_equal(q->req.status, 500);
	bud_rq_free(q);
}

static void test_header_injection_refused(void **state)
{
	struct bud_rq *q = run("GET", "/api/echo", NULL, 0, NULL);

	(void)state;
	bud_resp_header(&q->req, "X-Test", "a\r\nSet-Cookie: x=1");
	bud_resp_cookie(&q->req, "bad", "a;b", 0);
	assert_null(resp_header(q, "X-Test"));
	assert_null(resp_header(q, "Set-Cookie"));
	bud_rq_free(q);
}

/* Framing that a proxy in front might read otherwise: 400 (JSON on API
 * paths), answered before the body, connection closed. */
static void expect_framing(const struct bud_kv *h, size_t nh, int status)
{
	struct bud_rq *q = bud_rq_run(&app, routes, "POST", "/api/items", h, nh,
				      "{}", 2);

	assert_int_equal(q->req.status, status);
	assert_true(q->close);
	assert_non_null(strstr(out(q), status == 431 ? "\"too_large\"" : "\"bad_request\""));
	assert_string_equal(resp_header(q, "Content-Type"), "application/json");
	assert_string_equal(resp_header(q, "X-Content-Type-Options"), "nosniff");
	bud_rq_free(q);
}

static void test_framing(void **state)
{
	static char big[BUD_MAX_HEADER_BYTES];
	const struct bud_kv cl_te[] = {JSON_TYPE, {"Content-Length", "2"},
				       {"Transfer-Encoding", "chunked"}};
	const struct bud_kv two_cl[] = {JSON_TYPE, {"Content-Length", "2"},
					{"Content-Length", "7"}};
	const struct bud_kv same_cl[] = {JSON_TYPE, {"Content-Length", "2"},
					 {"Content-Length", "2"}};
	const struct bud_kv gzip[] = {JSON_TYPE, {"Transfer-Encoding", "gzip, chunked"}};
	const struct bud_kv spaced[] = {JSON_TYPE, {"Content-Length ", "2"}};
	const struct bud_kv hosts[] = {JSON_TYPE, {"Host", "a"}, {"Host", "b"}};
	const struct bud_kv huge[] = {JSON_TYPE, {"X-Big", big}};
	struct bud_rq *q;

	(void)state;
	expect_framing(cl_te, 3, 400);
	expect_framing(two_cl, 3, 400);
	expect_framing(gzip, 2, 400);
	expect_framing(spaced, 2, 400);
	expect_framing(hosts, 3, 400);
	memset(big, 'a', sizeof big - 1);
	expect_framing(huge, 2, 431);
	q = bud_rq_run(&app, routes, "POST", "/api/items", same_cl, 3, "{}", 2);
	assert_int_equal(q->req.status, 200);	/* the same length twice is one */
	bud_rq_free(q);
}

static const char *no_header(void *cls, const char *name)
{
	(void)cls;
	(void)name;
	return NULL;
}

/* HTTP/1.1 without Host: 400; HTTP/1.0 (no Host needed) knows no chunked. */
static void test_framing_host(void **state)
{
	struct bud_rq *q = bud_rq_new(&app, routes, "/api/echo", "127.0.0.1",
				      no_header, NULL);

	(void)state;
	q->http11 = 1;
	assert_int_equal(bud_rq_begin(q, "GET"), 1);
	assert_int_equal(q->req.status, 400);
	assert_string_equal(q->fail_err.key, "err.http.framing");
	bud_rq_free(q);
	q = bud_rq_new(&app, routes, "/api/items", "127.0.0.1", no_header, NULL);
	q->http10 = 1;
	bud_rq_header_line(q, "Transfer-Encoding", "chunked");
	assert_int_equal(bud_rq_begin(q, "POST"), 1);
	assert_int_equal(q->req.status, 400);
	bud_rq_free(q);
	q = bud_rq_new(&app, routes, "/api/echo", "127.0.0.1", no_header, NULL);
	q->http10 = 1;
	assert_int_equal(bud_rq_begin(q, "GET"), 0);
	bud_rq_finish(q);
	assert_int_equal(q->req.status, 200);
	bud_rq_free(q);
}

/* What a request writes to stderr (fd 2 sent to a temporary file). */
static char *stderr_of(const char *method, const char *uri, int *status)
{
	static char text[4096];
	FILE *f = tmpfile();
	int saved = dup(2);
	struct bud_rq *q;
	size_t n;

	assert_non_null(f);
	fflush(stderr);
	assert_int_not_equal(dup2(fileno(f), 2), -1);
	q = run(method, uri, NULL, 0, NULL);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	*status = q->req.status;
	bud_rq_free(q);
	rewind(f);
	n = fread(text, 1, sizeof text - 1, f);
	text[n] = '\0';
	fclose(f);
	return text;
}

static void test_5xx_logged(void **state)
{
	int status;
	const char *log = stderr_of("GET", "/api/broken", &status);

	(void)state;
	assert_int_equal(status, 500);
	/* one JSON line (http/log.h) */
	assert_non_null(strstr(log, "\"level\":\"error\""));
	assert_non_null(strstr(log, "\"method\":\"GET\",\"route\":\"/api/broken\","
				    "\"status\":500,\"error\":\"internal\",\"detail\":"
				    "\"ledger check failed: plan line 7 over its grant\"}\n"));
	assert_int_equal(log[0], '{');
	assert_null(strchr(log, '\n')[1] ? strchr(log, '\n') + 1 : NULL);
	log = stderr_of("GET", "/api/echo", &status);
	assert_int_equal(status, 200);
	assert_string_equal(log, "");
}


/* What was shown is logged: when an answer's use-log rows cannot be
 * written (the store has stopped), the answer becomes a 500 error and
 * nothing of what the handler made goes out. */
static void test_unlogged_answer_is_500(void **state)
{
	struct bud_rq *q = run("GET", "/items/1", NULL, 0, NULL);
	char made[256];
	bud_err e;

	(void)state;
	assert_int_equal(q->req.status, 200);
	snprintf(made, sizeof(made), "%s", out(q));
	assert_true(made[0] != '\0');
	bud_err_set(&e, BUD_EIO, NULL, "err.store.stopped", "storage failed");
	bud_rq_logged(q, BUD_EIO, &e);
	assert_int_equal(q->req.status, 500);
	assert_string_not_equal(out(q), made);
	assert_non_null(strstr(out(q), "<html"));
	bud_rq_logged(q, BUD_OK, &e);		/* success changes nothing */
	assert_int_equal(q->req.status, 500);
	bud_rq_free(q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_form_getters),
		cmocka_unit_test(test_unlogged_answer_is_500),
		cmocka_unit_test(test_json_getters),
		cmocka_unit_test(test_query_and_id),
		cmocka_unit_test(test_security_headers),
		cmocka_unit_test(test_not_found_and_method),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_decoding_errors),
		cmocka_unit_test(test_content_type),
		cmocka_unit_test(test_language),
		cmocka_unit_test(test_sign_in_needed),
		cmocka_unit_test(test_key_routes),
		cmocka_unit_test(test_csrf_double_submit),
		cmocka_unit_test(test_csrf_token_and_cookies),
		cmocka_unit_test(test_handler_without_answer),
		cmocka_unit_test(test_header_injection_refused),
		cmocka_unit_test(test_5xx_logged),
		cmocka_unit_test(test_framing),
		cmocka_unit_test(test_framing_host),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
