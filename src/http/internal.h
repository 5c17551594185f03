/*
 * http/internal.h: the request pipeline shared by server.c (the
 * libmicrohttpd glue), request.c, response.c and the unit tests. A
 * struct bud_rq is one request from its first line to its last byte sent:
 *
 *   bud_rq_new     the raw request target has arrived
 *   bud_rq_header_line  each header line: framing facts
 *   bud_rq_begin   headers: framing (request smuggling: Content-Length
 *                  with Transfer-Encoding, two Content-Lengths, Host
 *                  missing or twice), URL limits, path/query/cookie decoding,
 *                  language, routing, body limit, Content-Length check
 *   bud_rq_body    each piece of the body (bounded, or discarded once an
 *                  error is already decided)
 *   bud_rq_finish  session, roles, body decoding, content type, CSRF,
 *                  the handler; the response is then in q->req, and the
 *                  use-log rows of what it shows in q->log
 *   bud_rq_logged  those rows are on disk (or failed: the answer becomes
 *                  a 500, nothing unlogged leaves)
 *   bud_rq_free    after the response has been sent
 *
 * Nothing here knows about sockets, so tests drive whole requests through
 * bud_rq_run without a server.
 */
#ifndef BUD_HTTP_INTERNAL_H
#define BUD_HTTP_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "app/read.h"
#include "http/arena.h"
#include "http/http.h"

/* Looks up a request header (case-insensitive name); NULL when absent. */
typedef const char *(*bud_header_fn)(void *cls, const char *name);

struct bud_rq {
	bud_req req;
	bud_arena arena;
	const struct bud_route *routes;
	bud_header_fn header;
	void *header_cls;

	const char *uri;		/* raw request target (arena), NULL if over BUD_MAX_URL */
	int uri_too_long;
	const char *method_name;	/* as sent, for the access log */
	struct bud_kv *cookies;
	size_t ncookies;
	const char *media_type;		/* Content-Type without parameters, lower case */
	int charset_bad;		/* a charset parameter other than UTF-8 */

	bud_buf body;			/* accumulated body */
	size_t body_max;		/* BUD_MAX_BODY or BUD_MAX_UPLOAD */
	uint64_t body_seen;		/* bytes received, kept or not */
	int allow;			/* methods of the path, for 405 */

	int failed;			/* an error response is decided (pending) */
	int fail_status;
	bud_err fail_err;

	/* What the header lines say about the request's framing (counted by
	 * bud_rq_header_line before bud_rq_begin) */
	int http11, http10;		/* the version: 1.1 requires Host, 1.0 knows no
					   Transfer-Encoding (both 0: not told) */
	int n_length, length_differ;	/* Content-Length lines; two disagree */
	int n_te, n_host, bad_name;	/* Transfer-Encoding, Host lines; a name with spaces */
	int te_not_chunked;		/* a transfer coding other than chunked */
	const char *first_length;
	size_t header_bytes;		/* names and values of every line */
	const char *xff, *fwd;		/* every X-Forwarded-For / Forwarded line joined
					   with ","; NULL: ask header() (one line) */
	int lang_from_cookie;		/* the lang cookie decided req->lang */
	const char *csrf_token;		/* pre-session token made by bud_req_csrf */
	int close;			/* answer with Connection: close */
	int stage;			/* server.c: 0 new, 1 body, 2 answered,
					 * 3 ready to queue after a resume,
					 * 4 with a worker (workers.h),
					 * 5 its deferred unit with the writer */
	/* A deferred write (http.h bud_req_defer) */
	bud_req_unit_fn defer_unit;
	bud_req_answer_fn defer_answer;	/* NULL: the unit answers */
	void *defer_arg;
	void (*defer_release)(void *arg);
	const char *defer_key;		/* its Idempotency-Key, NULL: none */
	int deferred;			/* 1: the unit waits for the writer */
	size_t defer_nheaders;		/* response headers before the unit */

	struct bud_readlog log;		/* use-log rows of the answer (app/read.h) */
	int log_rc;			/* how appending them ended */
	bud_err log_err;
	void *conn;			/* server.c: the connection, to resume */
	int64_t t0_us;			/* when the request began (monotonic) */
	char rid[32];			/* request id: instance prefix and a
					 * counter (log lines, X-Request-Id) */
};

/* Begin a request. raw_uri is the request target as sent (path and
 * query); addr the client's address text (may be NULL). */
struct bud_rq *bud_rq_new(bud_app *app, const struct bud_route *routes,
			  const char *raw_uri, const char *addr,
			  bud_header_fn header, void *header_cls);

/* Count one header line (every one, in order, before bud_rq_begin):
 * the framing checks of bud_rq_begin need all of them, which a lookup by
 * name (the first line) cannot tell. */
void bud_rq_header_line(struct bud_rq *q, const char *name, const char *value);

/* Return 1 when the response is already decided and must go out now
 * (before the body: a Content-Length over the limit), else 0. */
int bud_rq_begin(struct bud_rq *q, const char *method);

/* Take n body bytes. Return 1 when the client should be disconnected
 * (it keeps sending long after the limit), else 0. */
int bud_rq_body(struct bud_rq *q, const char *data, size_t n);

/* The whole request has arrived: answer it (into q->req). */
void bud_rq_finish(struct bud_rq *q);

/* The rows of q->log were appended with result rc (err): on failure the
 * answer is replaced by a 500. */
void bud_rq_logged(struct bud_rq *q, int rc, const bud_err *err);

/*
 * A deferred write (http.h bud_req_defer): after bud_rq_finish,
 * bud_rq_deferred says whether q waits for its unit (then q->req has no
 * answer yet). bud_rq_write_async queues the unit (with the key's claim
 * and answer and q's use-log rows) and returns; done(arg, rc, err) runs
 * on the writer thread once it has committed or failed (an error here:
 * done never runs). bud_rq_written then makes the answer of a unit that
 * failed (rc, err); q->log is empty after a unit that committed.
 * bud_rq_write runs it and waits (tests, no writer thread).
 */
int bud_rq_deferred(const struct bud_rq *q);
/* dispatch.c: run the handler of a BUD_R_DEFER route (key: the request's
 * Idempotency-Key, or NULL). */
void bud_rq_defer_handler(struct bud_rq *q, const char *key);
int bud_rq_write_async(struct bud_rq *q, bud_write_done_fn done, void *arg,
		       bud_err *err);
void bud_rq_written(struct bud_rq *q, int rc, const bud_err *err);
void bud_rq_write(struct bud_rq *q);

void bud_rq_free(struct bud_rq *q);

/* server.c, once the body has arrived: when q is an upload route
 * (BUD_R_UPLOAD) with a multipart/form-data body, decode it with
 * libmicrohttpd's post processor over conn (its struct MHD_Connection)
 * into req.form and req.files (http/multipart.c); a body that cannot be
 * decoded decides a 400. Anything else is left alone. */
void bud_rq_upload(struct bud_rq *q, void *conn);
int bud_rq_multipart(struct bud_rq *q, void *conn);

/*
 * Every header of the response, in order: the security headers,
 * Content-Type, Content-Language, then req->headers. Returns the count
 * written to out (at most max).
 */
size_t bud_rq_response_headers(struct bud_rq *q, struct bud_kv *out, size_t max);

/* The route pattern for the access log ("-" when no route matched). */
const char *bud_rq_log_pattern(const struct bud_rq *q);

/* Decide an error response now (status, err) unless one is already decided. */
void bud_rq_fail(struct bud_rq *q, int status, const bud_err *err);

/*
 * Tests: run a whole request (begin, body, finish). headers is an array of
 * nheaders name/value pairs. The result is freed with bud_rq_free.
 */
struct bud_rq *bud_rq_run(bud_app *app, const struct bud_route *routes,
			  const char *method, const char *uri,
			  const struct bud_kv *headers, size_t nheaders,
			  const char *body, size_t body_len);

/* The cookie name on the wire: "__Host-" + name when app->secure_cookies. */
const char *bud_rq_cookie_name(bud_req *req, const char *name, char *buf,
			       size_t bufsz);

/* The pre-session CSRF cookie's value when well formed, else NULL. */
const char *bud_req_csrf_cookie(bud_req *req);

/* Monotonic clock in microseconds. */
int64_t bud_http_now_us(void);

#endif
