/*
 * Unit tests for http/metrics.c: counts from several threads (each its
 * own shard) add up on a scrape, per route and status; the histogram is
 * cumulative; unknown statuses count as "other"; who may scrape.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "http/metrics.h"

static int h(bud_req *req)
{
	(void)req;
	return 0;
}

static const struct bud_route routes[] = {
	{BUD_GET, "/a", h, 0, 0},
	{BUD_POST, "/b/{id}", h, 0, 0},
	{0, NULL, NULL, 0, 0},
};

static void *count_many(void *arg)
{
	int i;

	(void)arg;
	for (i = 0; i < 1000; i++) {
		bud_metrics_request(&routes[0], 200, 700);	/* 0.7 ms */
		bud_metrics_request(&routes[1], 201, 30000);	/* 30 ms */
	}
	bud_metrics_request(NULL, 404, 10);
	bud_metrics_request(&routes[0], 299, 10);	/* not a listed code */
	return NULL;
}

/* The value of the sample line that starts with prefix, or -1. */
static long long sample(const char *text, const char *prefix)
{
	const char *p = strstr(text, prefix);
	long long v;

	if (!p || sscanf(p + strlen(prefix), " %lld", &v) != 1)
		return -1;
	return v;
}

static void test_threads_add_up(void **state)
{
	pthread_t t[4];
	bud_buf b;
	int i;

	(void)state;
	bud_metrics_init(routes);
	for (i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&t[i], NULL, count_many, NULL), 0);
	for (i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	bud_buf_init(&b, 1 << 20);
	assert_int_equal(bud_metrics_write(&b), BUD_OK);
	assert_int_equal(sample(b.data, "budjetti_http_requests_total{method=\"GET\","
				"route=\"/a\",code=\"200\"}"), 4000);
	assert_int_equal(sample(b.data, "budjetti_http_requests_total{method=\"POST\","
				"route=\"/b/{id}\",code=\"201\"}"), 4000);
	assert_int_equal(sample(b.data, "budjetti_http_requests_total{method=\"any\","
				"route=\"none\",code=\"404\"}"), 4);
	assert_int_equal(sample(b.data, "budjetti_http_requests_total{method=\"GET\","
				"route=\"/a\",code=\"other\"}"), 4);
	/* 0.7 ms is in the first bucket (1 ms); 30 ms from the 50 ms one on */
	assert_int_equal(sample(b.data, "budjetti_http_request_duration_seconds_bucket{"
				"method=\"GET\",route=\"/a\",le=\"0.001\"}"), 4004);
	assert_int_equal(sample(b.data, "budjetti_http_request_duration_seconds_bucket{"
				"method=\"POST\",route=\"/b/{id}\",le=\"0.025\"}"), 0);
	assert_int_equal(sample(b.data, "budjetti_http_request_duration_seconds_bucket{"
				"method=\"POST\",route=\"/b/{id}\",le=\"0.05\"}"), 4000);
	assert_int_equal(sample(b.data, "budjetti_http_request_duration_seconds_bucket{"
				"method=\"POST\",route=\"/b/{id}\",le=\"+Inf\"}"), 4000);
	assert_non_null(strstr(b.data, ",le=\"0.0025\"}"));
	assert_non_null(strstr(b.data, ",le=\"1\"}"));
	assert_non_null(strstr(b.data, ",le=\"10\"}"));
	assert_int_equal(sample(b.data, "budjetti_http_request_duration_seconds_count{"
				"method=\"POST\",route=\"/b/{id}\"}"), 4000);
	/* 4000 x 30 ms = 120 s exactly */
	assert_non_null(strstr(b.data, "budjetti_http_request_duration_seconds_sum{"
			       "method=\"POST\",route=\"/b/{id}\"} 120.000000\n"));
	bud_buf_free(&b);
}

static void test_who_may_scrape(void **state)
{
	bud_err err;

	(void)state;
	assert_true(bud_metrics_allowed("127.0.0.1"));
	assert_true(bud_metrics_allowed("127.3.2.1"));
	assert_true(bud_metrics_allowed("::1"));
	assert_true(bud_metrics_allowed("::ffff:127.0.0.1"));
	assert_false(bud_metrics_allowed("192.0.2.10"));
	assert_false(bud_metrics_allowed(""));
	assert_false(bud_metrics_allowed(NULL));
	assert_int_equal(bud_metrics_allow("192.0.2.10,2001:db8::5", &err), BUD_OK);
	assert_true(bud_metrics_allowed("192.0.2.10"));
	assert_true(bud_metrics_allowed("::ffff:192.0.2.10"));
	assert_true(bud_metrics_allowed("2001:db8::5"));
	assert_false(bud_metrics_allowed("192.0.2.11"));
	assert_int_equal(bud_metrics_allow("prometheus.example", &err), BUD_EINVAL);
	assert_int_equal(bud_metrics_allow("192.0.2.1,", &err), BUD_EINVAL);
}

/* SIGHUP's reload: the new list replaces the old at once, loopback stays;
 * a bad list changes nothing. */
static void test_allow_replaced(void **state)
{
	const char *lists[] = {"198.51.100.7", "2001:db8::9,198.51.100.8"};
	const char *bad[] = {"198.51.100.20", "not-an-address"};
	bud_err err;

	(void)state;
	assert_int_equal(bud_metrics_allow("192.0.2.30", &err), BUD_OK);
	assert_int_equal(bud_metrics_allow_replace(lists, 2, &err), BUD_OK);
	assert_false(bud_metrics_allowed("192.0.2.30"));
	assert_true(bud_metrics_allowed("198.51.100.7"));
	assert_true(bud_metrics_allowed("198.51.100.8"));
	assert_true(bud_metrics_allowed("2001:db8::9"));
	assert_true(bud_metrics_allowed("127.0.0.1"));
	assert_int_equal(bud_metrics_allow_replace(bad, 2, &err), BUD_EINVAL);
	assert_false(bud_metrics_allowed("198.51.100.20"));
	assert_true(bud_metrics_allowed("198.51.100.7"));
	assert_int_equal(bud_metrics_allow_replace(NULL, 0, &err), BUD_OK);
	assert_false(bud_metrics_allowed("198.51.100.7"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_threads_add_up),
		cmocka_unit_test(test_who_may_scrape),
		cmocka_unit_test(test_allow_replaced),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
