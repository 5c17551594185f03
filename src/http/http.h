/*
 * http/http.h: what a handler sees of an HTTP request and how it answers.
 * The server (server.c) decodes each request into a bud_req: method, path,
 * path parameters, query, form or JSON body (bounded by bud_limits.h), cookies,
 * the negotiated language and the signed-in actor. A handler reads fields
 * with the typed getters (a failing getter fills a bud_err naming the field)
 * and answers with one of the bud_resp_* calls.
 *
 * Ownership: everything reachable from a bud_req lives until the response
 * has been sent; handlers allocate request-lifetime memory with
 * bud_req_alloc / bud_req_strdup and never free it themselves.
 */
#ifndef BUD_HTTP_HTTP_H
#define BUD_HTTP_HTTP_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "app/app.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/page.h"

enum bud_method {
	BUD_GET = 1 << 0,
	BUD_POST = 1 << 1,
	BUD_PUT = 1 << 2,
	BUD_PATCH = 1 << 3,
	BUD_DELETE = 1 << 4,
	BUD_HEAD = 1 << 5,
};

typedef struct bud_req bud_req;
typedef int (*bud_handler)(bud_req *req);

/* Route flags. */
enum {
	BUD_R_PUBLIC = 1 << 0,	/* no sign-in needed */
	BUD_R_API = 1 << 1,	/* JSON route: errors as JSON, listed in OpenAPI */
	BUD_R_NOCSRF = 1 << 2,	/* a web POST without a session (the login form has its own token) */
	BUD_R_UPLOAD = 1 << 3,	/* body up to BUD_MAX_UPLOAD instead of BUD_MAX_BODY */
	BUD_R_NOSESSION = 1 << 4, /* public, and the session is not even looked up
				     (static files, /healthz): no database read */
	BUD_R_READ = 1 << 5,	/* an API POST that only reads (a search whose
				 * terms must stay out of URLs): no
				 * Idempotency-Key, no answer kept */
	BUD_R_KEY = 1 << 6,	/* a care system's API route: the actor comes
				 * only from "Authorization: Bearer <API key>"
				 * (app/apikey.h), session cookies are ignored
				 * (so no CSRF), and the key's scopes named by
				 * BUD_R_KEY_FOR must all be granted */
	BUD_R_CSV = 1 << 7,	/* an API write that also takes text/csv */
	BUD_R_ONCE = 1 << 8,	/* the answer holds a secret shown once (a new
				 * API key): no Idempotency-Key, since its
				 * answer would be kept for replay */
	BUD_R_WRITES = 1 << 9,	/* a GET that writes (the two legs of an OpenID
				 * Connect sign-in, which a browser follows as
				 * redirects): answered by a worker, like a POST,
				 * so no server thread waits for the commit */
	BUD_R_DEFER = 1 << 10,	/* an API write whose handler defers its write
				 * unit (bud_req_defer): the Idempotency-Key
				 * is claimed and kept inside that unit */
};
/* A key route needing the enum bud_scope bits `scopes` (app/apikey.h). */
#define BUD_R_SCOPE_SHIFT 16
#define BUD_R_KEY_FOR(scopes) (BUD_R_KEY | ((unsigned)(scopes) << BUD_R_SCOPE_SHIFT))
#define BUD_R_SCOPES(flags) ((unsigned)(flags) >> BUD_R_SCOPE_SHIFT)

struct bud_route {
	int method;		/* one enum bud_method */
	const char *pattern;	/* "/api/clients/{id}": {name} matches one segment */
	bud_handler fn;
	unsigned flags;
	int roles;		/* enum bud_role bits allowed; 0 = any signed-in user */
};

/* A route table ends with an entry whose pattern is NULL. The service's
 * table is bud_routes (src/cli/routes.c, the composition root); tests may
 * serve their own. */

struct bud_kv {
	const char *key;
	const char *value;
};

/* A file part of a multipart/form-data upload (http/multipart.c). */
struct bud_upload {
	const char *field;		/* the form field's name */
	const char *filename;		/* as sent ("" when the form sent none) */
	const char *content_type;	/* as sent, may be NULL */
	const char *data;		/* len bytes (and a NUL) */
	size_t len;
};

struct bud_req {
	bud_app *app;
	int method;
	const char *path;		/* decoded path, no query */
	const struct bud_route *route;
	struct bud_kv params[8];	/* path parameters, by name */
	size_t nparams;
	struct bud_kv *query;		/* decoded query string */
	size_t nquery;
	struct bud_kv *form;		/* decoded application/x-www-form-urlencoded body */
	size_t nform;
	struct bud_upload *files;	/* file parts of a multipart upload */
	size_t nfiles;
	json_t *json;			/* decoded JSON body (borrowed), or NULL */
	const char *body;		/* raw body, NUL-terminated */
	size_t body_len;
	const char *lang;		/* "fi", "sv" or "en" */
	bud_actor actor;		/* actor.user_id 0 when not signed in */
	int is_api;			/* answer errors as JSON */

	/* the response being built */
	int status;
	bud_buf out;
	const char *content_type;
	struct bud_kv headers[16];	/* extra response headers */
	size_t nheaders;
	const char *frame_ancestors;	/* NULL: the page may not be framed;
					 * else the origin that may frame it
					 * (front-channel logout) */

	void *impl;			/* server.c's own state */
};

/* Request-lifetime memory (freed after the response); never NULL (aborts on OOM). */
void *bud_req_alloc(bud_req *req, size_t n);
char *bud_req_strdup(bud_req *req, const char *s);

/* Raw lookups; NULL when absent. */
const char *bud_req_param(bud_req *req, const char *name);
const char *bud_req_query(bud_req *req, const char *name);
const char *bud_req_header(bud_req *req, const char *name);
const char *bud_req_cookie(bud_req *req, const char *name);
/* The file part named name of a multipart upload; NULL when absent. */
const struct bud_upload *bud_req_file(bud_req *req, const char *name);

/*
 * Typed field getters over the body (form fields, or JSON members for a
 * JSON body; for GET and HEAD the query string). required: a missing or
 * empty field is an error; otherwise a missing field leaves *out as given
 * (a default), and so does an empty one, except that bud_req_str gives "".
 * Each returns BUD_OK or BUD_EINVAL (bud_req_money also BUD_EOVERFLOW)
 * with err naming the field and a catalog key for the reason. In JSON,
 * bud_req_i64 takes an integer or a string of digits, bud_req_money only
 * an integer of cents (a form field: "12,50" euros), bud_req_bool
 * true/false.
 */
int bud_req_str(bud_req *req, const char *name, int required, size_t maxlen,
		const char **out, bud_err *err);
int bud_req_i64(bud_req *req, const char *name, int required, int64_t min,
		int64_t max, int64_t *out, bud_err *err);
int bud_req_bool(bud_req *req, const char *name, int *out, bud_err *err);
int bud_req_money(bud_req *req, const char *name, int required, int64_t *out,
		  bud_err *err);
int bud_req_date(bud_req *req, const char *name, int required, const char **out,
		 bud_err *err);
/* One of a NULL-terminated list of allowed values. */
int bud_req_enum(bud_req *req, const char *name, int required,
		 const char *const *allowed, const char **out, bud_err *err);
/* The page a list request asks for (core/page.h): `limit`
 * (1..BUD_MAX_PAGE_ROWS, default BUD_PAGE_DEFAULT) and `cursor` (where it
 * starts: the next_cursor of the page before; absent for the first). */
int bud_req_page(bud_req *req, struct bud_page *pg, bud_err *err);
/* A path parameter that must be a positive integer id (decimal, no
 * leading zero); anything else is BUD_ENOTFOUND "err.not_found". */
int bud_req_id(bud_req *req, const char *name, int64_t *out, bud_err *err);

/* Responses. Each sets status, content type and body; return its result. */
int bud_resp_json(bud_req *req, int status, json_t *body);	/* steals body */
int bud_resp_html(bud_req *req, int status);			/* body already in req->out */
int bud_resp_json_out(bud_req *req, int status);		/* JSON text already in req->out */
int bud_resp_text(bud_req *req, int status, const char *type, const char *body, size_t len);
int bud_resp_redirect(bud_req *req, const char *location);	/* 303 See Other */
/* 200 with len bytes of type to be saved, never shown: Content-Disposition
 * attachment with name (an ASCII fallback and the UTF-8 name, RFC 6266);
 * the security headers (nosniff) as on every answer. */
int bud_resp_attachment(bud_req *req, const char *type, const char *name,
			const void *data, size_t len);
/* An error: JSON {"error":{code,field,message}} for API routes, an HTML
 * error page otherwise; the message in req->lang from the catalog. */
int bud_resp_error(bud_req *req, const bud_err *err);
/* The same with an explicit status (400 for malformed input, 405, 415...). */
int bud_resp_error_status(bud_req *req, int status, const bud_err *err);
void bud_resp_header(bud_req *req, const char *name, const char *value);
/* After a throttled login (err->code BUD_EBUSY): the Retry-After header
 * with the seconds username must still wait from this address (retry.c). */
void bud_resp_retry_after(bud_req *req, const char *username, const bud_err *err);
/* Set-Cookie with HttpOnly, SameSite=Lax, Path=/ (+ Secure, __Host- when
 * app->secure_cookies); max_age > 0 lasts that many seconds, 0 until the
 * browser closes, < 0 deletes it. Names are given without the prefix, in
 * bud_req_cookie too ("bud_session", "lang", "bud_csrf"). */
void bud_resp_cookie(bud_req *req, const char *name, const char *value, int max_age);

/*
 * A write answered once its group commit is on disk, with no thread
 * waiting meanwhile (routes flagged BUD_R_DEFER). The handler checks its
 * input, then, instead of waiting for a write, hands its unit here and
 * returns without answering. The server suspends the connection and
 * queues ONE unit on the writer: the Idempotency-Key's claim, unit(w,
 * req, arg, err), the request's use-log rows and the answer kept for the
 * key, all inside one savepoint (nothing is half-written). The unit runs
 * on the writer thread and answers into req (bud_resp_*; it is the only
 * thread touching req then) from what it read and wrote on w. BUD_OK
 * keeps its writes and its answer, whatever the status (a refusal that
 * wrote nothing answers its 4xx and returns BUD_OK); any other code rolls
 * the whole unit back and the request is answered with err
 * (bud_resp_error). The answer leaves after the commit. release(arg),
 * when not NULL, runs when the request is freed. A handler that answers
 * without deferring (bad input) is answered as usual, its answer kept
 * for the key in a unit of its own.
 */
typedef int (*bud_req_unit_fn)(bud_conn *w, bud_req *req, void *arg, bud_err *err);
void bud_req_defer(bud_req *req, bud_req_unit_fn unit, void *arg,
		   void (*release)(void *arg));
/* An answer that needs nothing of w (a list of what the unit did): a unit
 * may leave req unanswered, and answer(req, arg) makes the answer after
 * the commit on the thread that sends it, off the single writer thread;
 * with an Idempotency-Key it runs inside the unit instead, so that the
 * answer kept for the key is the one sent. */
typedef void (*bud_req_answer_fn)(bud_req *req, void *arg);
void bud_req_defer_answer(bud_req *req, bud_req_answer_fn answer);

/* The token to put in a form's hidden `csrf` field: the session's when
 * signed in, else the pre-session double-submit cookie's (set if absent). */
const char *bud_req_csrf(bud_req *req);

/* Serve routes on addr:port (addr NULL = 127.0.0.1) until SIGTERM/SIGINT;
 * prints the listening line, finishes requests in flight before returning.
 * threads 0 = one per core. */
int bud_http_serve(bud_app *app, const struct bud_route *routes,
		   const char *addr, int port, int threads, bud_err *err);

/* The same, and on SIGHUP, after the log file is reopened, reload(arg)
 * runs on the thread that waits for signals (never a request's), to put
 * in force what the configuration says now (cli/cmd_serve.c). */
typedef void (*bud_http_reload_fn)(void *arg);
int bud_http_serve_reload(bud_app *app, const struct bud_route *routes,
			  const char *addr, int port, int threads,
			  bud_http_reload_fn reload, void *arg, bud_err *err);

#endif
