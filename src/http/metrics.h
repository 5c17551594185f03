/*
 * http/metrics.h: the request counters behind GET /metrics (metrics.c),
 * and who may read them.
 *
 * Every answered request adds one to its (route, status) counter and one
 * observation to its route's latency histogram. Each thread counts into a
 * shard of its own (made on its first request, kept to the end of the
 * process), written only by that thread with relaxed atomic loads and
 * stores: no lock and no shared cache line on the request path. A scrape
 * sums the shards; a counter read while it is being written is at most
 * one request behind.
 *
 * Routes are told apart by their place in the route table given to
 * bud_metrics_init, so labels are the route's method and pattern (never
 * a path: no identifiers in metrics).
 */
#ifndef BUD_HTTP_METRICS_H
#define BUD_HTTP_METRICS_H

#include <stdint.h>

#include "core/buf.h"
#include "http/http.h"

/* Use the route table routes from now on (the server calls it before it
 * starts; the first call wins). */
void bud_metrics_init(const struct bud_route *routes);

/* Count one answered request: r its route (NULL: none matched), status
 * its status, us how long it took in microseconds. */
void bud_metrics_request(const struct bud_route *r, int status, int64_t us);

/* Append the request families (budjetti_http_requests_total,
 * budjetti_http_request_duration_seconds) in the Prometheus text format. */
int bud_metrics_write(bud_buf *b);

/* Who may GET /metrics besides loopback: add the addresses of list
 * ("ADDR" or "ADDR,ADDR"); BUD_EINVAL when one is not an IP address,
 * BUD_ETOOBIG past BUD_METRICS_ALLOW_MAX. */
int bud_metrics_allow(const char *list, bud_err *err);

/* Replace the whole list by the addresses of lists[0..n-1] (each as
 * above), at once for every request: SIGHUP's reload. On an error
 * nothing changes. */
int bud_metrics_allow_replace(const char *const *lists, int n, bud_err *err);

/* 1 when a peer at addr (text) may read the metrics: a loopback address
 * or one added by bud_metrics_allow. */
int bud_metrics_allowed(const char *addr);

#endif
