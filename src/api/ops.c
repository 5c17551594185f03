/*
 * api/ops.c: GET /readyz and GET /metrics (api/ops.h). Neither shows
 * anything of a person: counts, sizes and route patterns only.
 */
#include <inttypes.h>

#include "api/ops.h"
#include "app/ops.h"
#include "bud_limits.h"
#include "http/metrics.h"

int bud_api_readyz(bud_req *req)
{
	bud_err err;
	int schema;

	bud_err_clear(&err);
	if (bud_app_ready(req->app, &schema, &err) != BUD_OK)
		return bud_resp_json(req, 503, json_pack("{s:s}", "status", "not_ready"));
	return bud_resp_json(req, 200, json_pack("{s:s, s:i}", "status", "ready",
						 "schema", schema));
}

static void family(bud_buf *b, const char *name, const char *type,
		   const char *help, int64_t value)
{
	bud_buf_addf(b, "# HELP %s %s\n# TYPE %s %s\n%s %" PRId64 "\n",
		     name, help, name, type, name, value);
}

/* The writer's counters (store/db.h) and the gauges (app/ops.h). */
static int write_db(bud_req *req, bud_buf *b, bud_err *err)
{
	struct bud_store_gauges g;
	struct bud_db_stats st;
	int rc;

	bud_db_stats(req->app->db, &st);
	family(b, "budjetti_db_commits_total", "counter",
	       "Group commits of the writer.", (int64_t)st.commits);
	family(b, "budjetti_db_write_units_total", "counter", "Write units committed "
	       "or rolled back (per commit: the mean group size).", (int64_t)st.units);
	family(b, "budjetti_db_write_units_failed_total", "counter",
	       "Write units rolled back to their savepoint.", (int64_t)st.units_failed);
	family(b, "budjetti_db_write_queue", "gauge",
	       "Write units waiting for the writer now.", (int64_t)st.queued);
	family(b, "budjetti_db_readers", "gauge",
	       "Read connections open now.", (int64_t)st.readers);
	family(b, "budjetti_db_failed", "gauge", "1 once the database has failed "
	       "(fail-stop).", bud_db_failed(req->app->db) ? 1 : 0);
	rc = bud_app_gauges(req->app, &g, err);
	if (rc != BUD_OK)
		return rc;
	family(b, "budjetti_db_size_bytes", "gauge", "Size of the database file.", g.db_bytes);
	family(b, "budjetti_db_wal_size_bytes", "gauge", "Size of its -wal file.", g.wal_bytes);
	family(b, "budjetti_sessions", "gauge", "Sessions not expired.", g.sessions);
	family(b, "budjetti_outbox_queued", "gauge", "Letters waiting to be sent.",
	       g.outbox_queued);
	family(b, "budjetti_outbox_failed", "gauge", "Letters given up on.", g.outbox_failed);
	family(b, "budjetti_outbox_oldest_queued_seconds", "gauge",
	       "Age of the oldest letter waiting (0: none).", g.outbox_oldest_s);
	return BUD_OK;
}

int bud_api_metrics(bud_req *req)
{
	bud_err err;
	bud_buf b;
	int rc;

	bud_err_clear(&err);
	if (bud_req_header(req, "X-Forwarded-For") || bud_req_header(req, "Forwarded") ||
	    !bud_metrics_allowed(req->actor.addr)) {
		bud_err_set(&err, BUD_EFORBIDDEN, NULL, "err.forbidden",
			    "metrics only for loopback or --metrics-allow");
		return bud_resp_error_status(req, 403, &err);
	}
	bud_buf_init(&b, BUD_METRICS_MAX);
	rc = bud_metrics_write(&b);
	if (rc == BUD_OK)
		rc = write_db(req, &b, &err);
	if (rc == BUD_OK && bud_buf_failed(&b))
		rc = bud_err_set(&err, BUD_ETOOBIG, NULL, "err.internal", "metrics too large");
	if (rc == BUD_OK)
		rc = bud_resp_text(req, 200, "text/plain; version=0.0.4; charset=utf-8",
				   b.data ? b.data : "", b.len);
	else
		rc = bud_resp_error(req, &err);
	bud_buf_free(&b);
	return rc;
}
