/*
 * http/defer.c: deferred API writes (http.h bud_req_defer). The handler
 * of a BUD_R_DEFER route checks its input on a worker and hands over its
 * write unit; the server then queues one unit on the writer, made of the
 * Idempotency-Key's claim, the handler's unit, the use-log rows the
 * request gathered and the answer kept for the key, and the worker goes
 * on with other requests. The writer's done callback resumes the
 * connection (server.c), so many writes share one group commit and no
 * thread waits for the disk.
 *
 * Inside that one unit a key is claimed, written and answered together:
 * a unit that fails rolls the claim back with everything else (a retry
 * runs again, as after a 5xx), and a key is never left claimed without
 * its answer, so it needs no "committed" mark (app/idem.h).
 */
#include <stdlib.h>
#include <string.h>

#include "app/idem.h"
#include "http/internal.h"
#include "http/log.h"
#include "http/router.h"

void bud_req_defer(bud_req *req, bud_req_unit_fn unit, void *arg,
		   void (*release)(void *arg))
{
	struct bud_rq *q = req->impl;

	q->defer_unit = unit;
	q->defer_arg = arg;
	q->defer_release = release;
}

void bud_req_defer_answer(bud_req *req, bud_req_answer_fn answer)
{
	((struct bud_rq *)req->impl)->defer_answer = answer;
}

int bud_rq_deferred(const struct bud_rq *q)
{
	return q->deferred;
}

/*
 * A BUD_R_DEFER route (dispatch.c, after the checks of the request):
 * run its handler, which defers its unit or answers at once (bad input).
 * With an Idempotency-Key, an answer made at once is also kept in a
 * unit (and a key used before replaces it with the kept one).
 */
void bud_rq_defer_handler(struct bud_rq *q, const char *key)
{
	bud_req *req = &q->req;
	bud_err err;

	q->defer_key = key;
	q->defer_nheaders = req->nheaders;
	req->route->fn(req);
	if (q->defer_unit && req->status == 0) {
		q->deferred = 1;
		return;
	}
	q->defer_unit = NULL;	/* answered at once: nothing of it runs */
	q->defer_answer = NULL;
	if (req->status == 0) {
		bud_log_msgf("error", "handler of %s %s gave no response",
			     bud_method_name(req->route->method), req->route->pattern);
		bud_err_set(&err, BUD_EINTERNAL, NULL, "err.internal", "no response");
		bud_resp_error_status(req, 500, &err);
		return;
	}
	if (key && req->status < 500)
		q->deferred = 1;
}

/* The key's refusal or the kept answer to send again; 1 when answered. */
static int claim(bud_conn *w, struct bud_rq *q, int *rc, bud_err *err)
{
	bud_req *req = &q->req;
	struct bud_idem_replay rep;
	int refused;

	*rc = bud_idem_claim_on(req->app, w, &req->actor, q->defer_key,
				bud_method_name(req->method), req->path, req->body,
				req->body_len, &rep, &refused, err);
	if (*rc != BUD_OK && !refused)
		return 1;
	if (*rc != BUD_OK) {
		bud_resp_error_status(req, *rc == BUD_EINVAL ? 422 : bud_rc_http_status(*rc),
				      err);
		bud_err_clear(err);
		*rc = BUD_OK;
		return 1;
	}
	if (!rep.body)
		return 0;
	req->nheaders = q->defer_nheaders;
	bud_resp_text(req, rep.status, "application/json", rep.body, rep.len);
	bud_resp_header(req, "Idempotent-Replayed", "true");
	free(rep.body);
	return 1;
}

/* The one unit of a deferred write, on the writer thread. */
static int defer_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct bud_rq *q = arg;
	bud_req *req = &q->req;
	int rc = BUD_OK;

	if (q->defer_key && claim(w, q, &rc, err))
		return rc;
	if (q->defer_unit && (rc = q->defer_unit(w, req, q->defer_arg, err)))
		return rc;
	if (req->status == 0 && q->defer_answer && !q->defer_key)
		return BUD_OK;	/* answered after the commit (bud_rq_written) */
	if (req->status == 0 && q->defer_answer)
		q->defer_answer(req, q->defer_arg);
	if (req->status == 0)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal",
				   "the write gave no answer");
	if (q->log.n && (rc = bud_readlog_write(req->app, w, &req->actor, &q->log, err)))
		return rc;
	if (q->defer_key)
		rc = bud_idem_keep_on(w, &req->actor, q->defer_key, req->status,
				      bud_buf_str(&req->out), req->out.len, err);
	return rc;
}

int bud_rq_write_async(struct bud_rq *q, bud_write_done_fn done, void *arg,
		       bud_err *err)
{
	return bud_db_write_async(q->req.app->db, defer_unit, q, done, arg, err);
}

void bud_rq_written(struct bud_rq *q, int rc, const bud_err *err)
{
	bud_req *req = &q->req;

	q->deferred = 0;
	q->log.n = 0;	/* written with the unit, or the answer shows nothing */
	if (rc == BUD_OK && req->status == 0 && q->defer_answer)
		q->defer_answer(req, q->defer_arg);
	if (rc == BUD_OK)
		return;
	if (bud_rc_http_status(rc) >= 500)
		bud_log_msgf("error", "deferred write of %s %s failed (%s: %s)",
			     bud_method_name(req->route->method), req->route->pattern,
			     bud_rc_name(rc), err->detail);
	req->nheaders = q->defer_nheaders;
	bud_resp_error(req, err);
}

void bud_rq_write(struct bud_rq *q)
{
	bud_err err;
	int rc;

	bud_err_clear(&err);
	rc = bud_db_write(q->req.app->db, defer_unit, q, &err);
	bud_rq_written(q, rc, &err);
}
