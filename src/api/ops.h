/*
 * api/ops.h: the operations endpoints (ops.c): GET /readyz, a readiness
 * check that touches the database, and GET /metrics, the Prometheus text
 * exposition. /healthz stays in system.c (it reads nothing).
 */
#ifndef BUD_API_OPS_H
#define BUD_API_OPS_H

#include "http/http.h"

/* GET /readyz (public, no session): 200 {"status":"ready","schema":N}
 * when a read on this thread's read connection succeeds and the writer
 * has not failed; else 503 {"status":"not_ready"}. */
int bud_api_readyz(bud_req *req);

/*
 * GET /metrics: request counters and latency histograms (http/metrics.h),
 * the writer's counters, the database and WAL sizes, sessions and the
 * outbox's backlog, as text/plain; version=0.0.4. Only for a peer on
 * loopback or named by `serve --metrics-allow`, and never through a
 * proxy (a request with X-Forwarded-For or Forwarded): 403 otherwise.
 */
int bud_api_metrics(bud_req *req);

#endif
