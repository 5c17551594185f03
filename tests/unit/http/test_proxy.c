/*
 * Unit tests for http/proxy.c and its use in the request pipeline: the
 * forwarded client address is believed only from a trusted proxy, and is
 * the right-most address that is not itself a trusted proxy.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "http/internal.h"
#include "http/proxy.h"
#include "bud_limits.h"

static const char *client(const bud_app *app, const char *peer, const char *xff,
			  const char *fwd)
{
	static char out[BUD_ADDR_TEXT];

	bud_proxy_client(app, peer, xff, fwd, out, sizeof out);
	return out;
}

static void test_trust_list(void **state)
{
	bud_app app = {0};
	bud_err err;

	(void)state;
	assert_int_equal(bud_proxy_trust(&app, "127.0.0.1", &err), BUD_OK);
	assert_int_equal(bud_proxy_trust(&app, "10.0.0.2, 0:0::1", &err), BUD_OK);
	assert_true(bud_proxy_trusted(&app, "::1"));
	assert_true(bud_proxy_trusted(&app, "10.0.0.2"));
	assert_false(bud_proxy_trusted(&app, "10.0.0.3"));
	assert_int_equal(bud_proxy_trust(&app, "proxy.example", &err), BUD_EINVAL);
	assert_string_equal(err.field, "trusted-proxy");
	assert_int_equal(bud_proxy_trust(&app, "10.0.0.9,", &err), BUD_EINVAL);
	assert_false(bud_proxy_trusted(&app, "10.0.0.9"));
	bud_proxy_release(&app);
}

/* SIGHUP's reload: the new set replaces the old at once; a bad list
 * changes nothing; an empty one trusts nobody. */
static void test_trust_replaced(void **state)
{
	const char *lists[] = {"10.0.0.7", "10.0.0.8,::1"}, *bad[] = {"10.0.0.20", "x"};
	bud_app app = {0};
	bud_err err;

	(void)state;
	assert_int_equal(bud_proxy_trust(&app, "127.0.0.1", &err), BUD_OK);
	assert_int_equal(bud_proxy_replace(&app, lists, 2, &err), BUD_OK);
	assert_false(bud_proxy_trusted(&app, "127.0.0.1"));
	assert_true(bud_proxy_trusted(&app, "10.0.0.8"));
	assert_true(bud_proxy_trusted(&app, "0:0::1"));
	assert_int_equal(bud_proxy_replace(&app, bad, 2, &err), BUD_EINVAL);
	assert_false(bud_proxy_trusted(&app, "10.0.0.20"));
	assert_true(bud_proxy_trusted(&app, "10.0.0.7"));
	assert_int_equal(bud_proxy_replace(&app, NULL, 0, &err), BUD_OK);
	assert_false(bud_proxy_any(&app));
	bud_proxy_release(&app);
}

static void test_forwarded_for(void **state)
{
	bud_app app = {0};
	bud_err err;

	(void)state;
	assert_int_equal(bud_proxy_trust(&app, "127.0.0.1,10.0.0.2", &err), BUD_OK);
	/* not from a trusted proxy: the header is the client's word */
	assert_string_equal(client(&app, "192.0.2.5", "203.0.113.1", NULL), "192.0.2.5");
	/* from the proxy: the address it appended */
	assert_string_equal(client(&app, "127.0.0.1", "203.0.113.1", NULL), "203.0.113.1");
	/* a client's forged entries stand left of the proxy's */
	assert_string_equal(client(&app, "127.0.0.1", "1.1.1.1, 203.0.113.1", NULL),
			    "203.0.113.1");
	/* trusted hops on the right are skipped */
	assert_string_equal(client(&app, "127.0.0.1", "1.1.1.1,203.0.113.1, 10.0.0.2",
				   NULL), "203.0.113.1");
	/* nothing usable: the peer stands */
	assert_string_equal(client(&app, "127.0.0.1", NULL, NULL), "127.0.0.1");
	assert_string_equal(client(&app, "127.0.0.1", "10.0.0.2", NULL), "127.0.0.1");
	assert_string_equal(client(&app, "127.0.0.1", "1.1.1.1, junk", NULL), "127.0.0.1");
	assert_string_equal(client(&app, "127.0.0.1", "2001:DB8::0:1", NULL), "2001:db8::1");
	bud_proxy_release(&app);
}

static void test_forwarded_header(void **state)
{
	bud_app app = {0};
	bud_err err;

	(void)state;
	assert_int_equal(bud_proxy_trust(&app, "127.0.0.1", &err), BUD_OK);
	assert_string_equal(client(&app, "127.0.0.1", NULL,
				   "for=1.1.1.1, for=192.0.2.60;proto=https;by=127.0.0.1"),
			    "192.0.2.60");
	assert_string_equal(client(&app, "127.0.0.1", NULL,
				   "For=\"[2001:db8:cafe::17]:4711\""), "2001:db8:cafe::17");
	assert_string_equal(client(&app, "127.0.0.1", NULL, "proto=https;for=192.0.2.7:80"),
			    "192.0.2.7");
	assert_string_equal(client(&app, "127.0.0.1", NULL, "for=unknown"), "127.0.0.1");
	/* X-Forwarded-For first when both came */
	assert_string_equal(client(&app, "127.0.0.1", "203.0.113.1", "for=192.0.2.60"),
			    "203.0.113.1");
	bud_proxy_release(&app);
}

static int addr_handler(bud_req *req)
{
	return bud_resp_text(req, 200, "text/plain", req->actor.addr,
			     strlen(req->actor.addr));
}

static const struct bud_route routes[] = {
	{BUD_GET, "/addr", addr_handler, BUD_R_PUBLIC | BUD_R_NOSESSION, 0},
	{0, NULL, NULL, 0, 0},
};

/* The pipeline (peer 127.0.0.1 in bud_rq_run) puts it in actor.addr. */
static void test_pipeline(void **state)
{
	const struct bud_kv h[] = {{"X-Forwarded-For", "1.1.1.1, 203.0.113.1"}};
	bud_app app = {0};
	struct bud_rq *q;
	bud_err err;

	(void)state;
	q = bud_rq_run(&app, routes, "GET", "/addr", h, 1, NULL, 0);
	assert_string_equal(bud_buf_str(&q->req.out), "127.0.0.1");
	bud_rq_free(q);
	assert_int_equal(bud_proxy_trust(&app, "127.0.0.1", &err), BUD_OK);
	q = bud_rq_run(&app, routes, "GET", "/addr", h, 1, NULL, 0);
	assert_string_equal(bud_buf_str(&q->req.out), "203.0.113.1");
	bud_rq_free(q);
	bud_proxy_release(&app);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_trust_list),
		cmocka_unit_test(test_trust_replaced),
		cmocka_unit_test(test_forwarded_for),
		cmocka_unit_test(test_forwarded_header),
		cmocka_unit_test(test_pipeline),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
