/*
 * http/dispatch.c: the request pipeline (see internal.h): limits and
 * decoding at the edge, then session, roles, content type, CSRF and the
 * handler. Every refusal is decided once (bud_rq_fail: the first error
 * wins) and answered in the request's language, as JSON for API paths and
 * as an HTML page otherwise.
 *
 * Language of a request: the `lang` cookie when valid (the language switch
 * sets it, so it is the latest choice), else the signed-in user's saved
 * choice, else Accept-Language, else Finnish.
 *
 * Cross-site request forgery: a web form that changes something (POST,
 * PUT, PATCH, DELETE on a route without BUD_R_API) must carry the field
 * `csrf`: the session's token when signed in, else the value of the
 * pre-session cookie `bud_csrf` (double submit; login and language forms).
 * API writes instead must be sent as application/json: a cross-site HTML
 * form cannot send that type, and a cross-site script cannot send it
 * without a CORS preflight, which budjetti never grants; with SameSite=Lax
 * cookies on top, a foreign page cannot make a signed-in browser write
 * through the API. Upload routes (BUD_R_UPLOAD) take their own types but
 * never the two other types a form can send; a multipart/form-data upload
 * (a document, http/multipart.c), which a form can send, must carry the
 * field `csrf` as a web form does, on the API too (the session's token,
 * which POST /api/session answers with).
 *
 * A care system's routes (BUD_R_KEY) take no cookie at all: the actor is
 * the API key of "Authorization: Bearer KEY" (app/apikey.h), so there is
 * nothing a foreign page could make a browser send, and no CSRF check; a
 * key opens no other route, since only these look at the header.
 */
#include <assert.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <sodium.h>

#include "app/account.h"
#include "app/apikey.h"
#include "app/idem.h"
#include "core/i18n.h"
#include "http/cookie.h"
#include "http/form.h"
#include "http/internal.h"
#include "http/log.h"
#include "http/json.h"
#include "http/proxy.h"
#include "http/router.h"
#include "bud_limits.h"

int64_t bud_http_now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

void bud_rq_fail(struct bud_rq *q, int status, const bud_err *err)
{
	if (q->failed)
		return;
	q->failed = 1;
	q->fail_status = status;
	q->fail_err = *err;
}

/* The status of a decoding failure: malformed 400, too big 413. */
static int decode_status(int code)
{
	return code == BUD_ETOOBIG ? 413 : code == BUD_EINVAL ? 400 : bud_rc_http_status(code);
}

static void respond_failure(struct bud_rq *q)
{
	bud_resp_error_status(&q->req, q->fail_status, &q->fail_err);
}

/* The counter of request ids (http/log.h): unique within a server run. */
static atomic_uint_fast64_t next_rid = 1;

struct bud_rq *bud_rq_new(bud_app *app, const struct bud_route *routes,
			  const char *raw_uri, const char *addr,
			  bud_header_fn header, void *header_cls)
{
	struct bud_rq *q = calloc(1, sizeof *q);
	size_t len = strlen(raw_uri);

	if (!q) {
		fputs("budjetti: out of memory\n", stderr);
		abort();
	}
	q->t0_us = bud_http_now_us();
	snprintf(q->rid, sizeof q->rid, "%.8s-%llu",
		 app && app->instance[0] ? app->instance : "0",
		 (unsigned long long)atomic_fetch_add_explicit(&next_rid, 1,
							       memory_order_relaxed));
	bud_arena_init(&q->arena);
	q->req.impl = q;
	q->req.app = app;
	q->req.lang = "fi";
	q->routes = routes;
	q->header = header;
	q->header_cls = header_cls;
	bud_buf_init(&q->req.out, BUD_MAX_RESPONSE);
	bud_buf_init(&q->body, BUD_MAX_BODY);
	q->body_max = BUD_MAX_BODY;
	q->req.is_api = strncmp(raw_uri, "/api/", 5) == 0;
	if (len > BUD_MAX_URL)
		q->uri_too_long = 1;
	else
		q->uri = bud_arena_strndup(&q->arena, raw_uri, len);
	if (addr)
		snprintf(q->req.actor.addr, sizeof q->req.actor.addr, "%s", addr);
	return q;
}

/* Cookies and the language they, or Accept-Language, ask for. */
static void begin_cookies_lang(struct bud_rq *q)
{
	bud_req *req = &q->req;
	const char *lang;
	bud_err err;

	if (bud_cookie_parse(&q->arena, bud_req_header(req, "Cookie"), &q->cookies,
			     &q->ncookies, &err) != BUD_OK)
		bud_rq_fail(q, 400, &err);
	lang = bud_req_cookie(req, "lang");
	if (lang && bud_lang_valid(lang)) {
		req->lang = lang;
		q->lang_from_cookie = 1;
	} else {
		req->lang = bud_lang_negotiate(bud_req_header(req, "Accept-Language"));
	}
}

/* "application/json; charset=UTF-8" -> media_type "application/json". */
static void begin_content_type(struct bud_rq *q)
{
	const char *ct = bud_req_header(&q->req, "Content-Type");
	const char *semi, *cs;
	size_t n, i;
	char *m;

	if (!ct)
		return;
	semi = strchr(ct, ';');
	n = semi ? (size_t)(semi - ct) : strlen(ct);
	while (n && (ct[n - 1] == ' ' || ct[n - 1] == '\t'))
		n--;
	if (n > 128)
		n = 128;
	m = bud_arena_strndup(&q->arena, ct, n);
	for (i = 0; i < n; i++)
		if (m[i] >= 'A' && m[i] <= 'Z')
			m[i] = (char)(m[i] - 'A' + 'a');
	q->media_type = m;
	cs = semi ? strcasestr(semi, "charset=") : NULL;
	if (cs) {
		cs += 8;
		if (*cs == '"')
			cs++;
		q->charset_bad = strncasecmp(cs, "utf-8", 5) != 0;
	}
}

/* Path, query and route. */
static void begin_route(struct bud_rq *q)
{
	bud_req *req = &q->req;
	const char *qm = strchr(q->uri, '?');
	size_t plen = qm ? (size_t)(qm - q->uri) : strlen(q->uri);
	char *path, allow[64];
	bud_err err;
	int rc;

	rc = bud_path_decode(&q->arena, q->uri, plen, &path, &err);
	if (rc != BUD_OK) {
		bud_rq_fail(q, 400, &err);
		return;
	}
	req->path = path;
	req->is_api = strncmp(path, "/api/", 5) == 0 || strcmp(path, "/api") == 0;
	req->route = bud_router_match(q->routes, req->method, path, &q->arena,
				      req->params, &req->nparams, &q->allow);
	if (!req->route && q->allow == 0) {
		bud_err_set(&err, BUD_ENOTFOUND, NULL, "err.http.no_route", "no route");
		bud_rq_fail(q, 404, &err);
		return;
	}
	if (!req->route) {
		if (bud_router_path_flags(q->routes, path) & BUD_R_API)
			req->is_api = 1;
		bud_router_allow_str(q->allow, allow, sizeof allow);
		bud_resp_header(req, "Allow", allow);
		bud_err_set(&err, BUD_EINVAL, NULL, "err.http.method", "method not allowed");
		bud_rq_fail(q, 405, &err);
		return;
	}
	if (req->route->flags & BUD_R_API)
		req->is_api = 1;
	if (req->route->flags & BUD_R_UPLOAD)
		q->body_max = BUD_MAX_UPLOAD;
	q->body.max = q->body_max;
	if (qm) {
		rc = bud_form_decode(&q->arena, qm + 1, strlen(qm + 1), &req->query,
				     &req->nquery, &err);
		if (rc != BUD_OK)
			bud_rq_fail(q, decode_status(rc), &err);
	}
}

/* The bytes of a refused body read and thrown away before the connection
 * is dropped: a client that will not stop is not read for ever. */
static uint64_t discard_max(const struct bud_rq *q)
{
	return 2 * (uint64_t)q->body_max + BUD_MAX_BODY;
}

/*
 * A Content-Length over the body limit. A client that asked to be told
 * first (Expect: 100-continue) is refused before it sends the body, and so
 * is one whose body is past what bud_rq_body discards: 1, answer now.
 * Any other client sends the body at once, and an answer sent then would
 * be lost: the connection closed over unread data is reset, and the reset
 * can reach the client before it has read the answer. Its body is read
 * and discarded (q failed, bud_rq_body) and answered 413 when it ends: 0.
 */
static int begin_length(struct bud_rq *q)
{
	const char *cl = bud_req_header(&q->req, "Content-Length");
	const char *expect = bud_req_header(&q->req, "Expect");
	unsigned long long n;
	char *end;
	bud_err err;

	if (!cl)
		return 0;
	n = strtoull(cl, &end, 10);
	if (end == cl || *end || n <= q->body_max)
		return 0;
	bud_err_set(&err, BUD_ETOOBIG, NULL, "err.http.body_too_large",
		    "body of %llu bytes over the limit of %zu", n, q->body_max);
	bud_rq_fail(q, 413, &err);
	q->close = 1;
	return (expect && strcasecmp(expect, "100-continue") == 0) ||
	       n > discard_max(q);
}

void bud_rq_header_line(struct bud_rq *q, const char *name, const char *value)
{
	if (!name || !value)
		return;
	q->header_bytes += strlen(name) + strlen(value) + 4;
	if (!name[0] || strpbrk(name, " \t"))
		q->bad_name = 1;
	if (strcasecmp(name, "Content-Length") == 0) {
		if (q->n_length && strcmp(q->first_length, value) != 0)
			q->length_differ = 1;
		if (!q->n_length++)
			q->first_length = value;
	} else if (strcasecmp(name, "Transfer-Encoding") == 0) {
		q->n_te++;
		if (strcasecmp(value, "chunked") != 0)
			q->te_not_chunked = 1;
	} else if (strcasecmp(name, "Host") == 0) {
		q->n_host++;
	}
}

/*
 * Framing a proxy in front might read differently from libmicrohttpd
 * (request smuggling, RFC 9112 6.3 and 3.2): refused with 400, and the
 * connection closed. Header lines over BUD_MAX_HEADER_BYTES: 431.
 */
static int begin_framing(struct bud_rq *q)
{
	const char *why = NULL;
	bud_err err;

	if (q->header_bytes > BUD_MAX_HEADER_BYTES) {
		bud_err_set(&err, BUD_ETOOBIG, NULL, "err.http.headers_too_large",
			    "header lines over %d bytes", BUD_MAX_HEADER_BYTES);
		bud_rq_fail(q, 431, &err);
		return 1;
	}
	if (q->bad_name)
		why = "a header name with white space";
	else if (q->n_te && q->n_length)
		why = "both Transfer-Encoding and Content-Length";
	else if (q->length_differ)
		why = "Content-Length lines that differ";
	else if (q->n_te > 1 || q->te_not_chunked)
		why = "a transfer coding other than one chunked";
	else if (q->n_te && q->http10)
		why = "Transfer-Encoding in HTTP/1.0";
	else if (q->n_host > 1 || (q->http11 && q->n_host == 0))
		why = q->n_host ? "more than one Host" : "no Host";
	if (!why)
		return 0;
	bud_err_set(&err, BUD_EINVAL, NULL, "err.http.framing", "%s", why);
	bud_rq_fail(q, 400, &err);
	return 1;
}

/* An API route's refusal is JSON also before routing (/healthz). */
static void framing_shape(struct bud_rq *q)
{
	const char *qm;
	char *path;

	if (!q->uri)
		return;
	qm = strchr(q->uri, '?');
	path = bud_arena_strndup(&q->arena, q->uri,
				 qm ? (size_t)(qm - q->uri) : strlen(q->uri));
	if (bud_router_path_flags(q->routes, path) & BUD_R_API)
		q->req.is_api = 1;
}

/* Behind a trusted proxy, the address the proxy forwards (http/proxy.h)
 * stands for the client in req->actor.addr (login throttling). */
static void begin_client_addr(struct bud_rq *q)
{
	const bud_app *app = q->req.app;
	char addr[BUD_ADDR_TEXT];

	if (!bud_proxy_any(app))
		return;
	bud_proxy_client(app, q->req.actor.addr,
			 q->xff ? q->xff : bud_req_header(&q->req, "X-Forwarded-For"),
			 q->fwd ? q->fwd : bud_req_header(&q->req, "Forwarded"),
			 addr, sizeof addr);
	snprintf(q->req.actor.addr, sizeof q->req.actor.addr, "%s", addr);
}

int bud_rq_begin(struct bud_rq *q, const char *method)
{
	bud_err err;
	int framing;

	q->method_name = bud_arena_strndup(&q->arena, method, strnlen(method, 16));
	q->req.method = bud_method_parse(q->method_name);
	begin_client_addr(q);
	framing = begin_framing(q);	/* first: its refusal wins */
	begin_cookies_lang(q);
	begin_content_type(q);
	if (framing) {	/* now, and close: the rest of the bytes is not trusted */
		framing_shape(q);
		q->close = 1;
		respond_failure(q);
		return 1;
	}
	if (q->uri_too_long) {
		bud_err_set(&err, BUD_ETOOBIG, NULL, "err.http.url_too_long",
			    "request target over %d bytes", BUD_MAX_URL);
		bud_rq_fail(q, 414, &err);
	} else if (!q->failed) {
		begin_route(q);
	}
	if (begin_length(q)) {
		respond_failure(q);
		return 1;
	}
	return 0;
}

int bud_rq_body(struct bud_rq *q, const char *data, size_t n)
{
	bud_err err;

	q->body_seen += n;
	if (q->failed)	/* discard; give up on a client that will not stop */
		return q->body_seen > discard_max(q);
	if (q->body.len + n > q->body_max) {
		bud_err_set(&err, BUD_ETOOBIG, NULL, "err.http.body_too_large",
			    "body over the limit of %zu bytes", q->body_max);
		bud_rq_fail(q, 413, &err);
		q->close = 1;
		bud_buf_free(&q->body);
		return 0;
	}
	if (bud_buf_add(&q->body, data, n) != BUD_OK) {
		bud_err_set(&err, BUD_ENOMEM, NULL, "err.internal", "out of memory");
		bud_rq_fail(q, 500, &err);
	}
	return 0;
}

/* A care system's refusal: 401 (or 403 for a scope) with the
 * WWW-Authenticate challenge of RFC 6750, in the error JSON shape. */
static int key_refuse(struct bud_rq *q, int status, const char *error,
		      const char *scope, const bud_err *err)
{
	char ch[160];

	if (!error)
		snprintf(ch, sizeof ch, "Bearer realm=\"budjetti\"");
	else if (!scope)
		snprintf(ch, sizeof ch, "Bearer realm=\"budjetti\", error=\"%s\"", error);
	else
		snprintf(ch, sizeof ch, "Bearer realm=\"budjetti\", error=\"%s\", "
			 "scope=\"%s\"", error, scope);
	bud_resp_header(&q->req, "WWW-Authenticate", bud_req_strdup(&q->req, ch));
	bud_rq_fail(q, status, err);
	return 1;
}

/*
 * A key route (BUD_R_KEY): the actor of "Authorization: Bearer KEY" and
 * no other; the cookies are not looked at. The answer's language is
 * Accept-Language when sent, else the key's. Returns 1 when refused.
 */
static int finish_key(struct bud_rq *q)
{
	bud_req *req = &q->req;
	const char *h = bud_req_header(req, "Authorization");
	unsigned need = BUD_R_SCOPES(req->route->flags);
	char scope[BUD_APIKEY_SCOPES_TEXT + 1];
	bud_err err;
	int rc;

	bud_err_clear(&err);
	q->lang_from_cookie = 0;
	req->lang = bud_lang_negotiate(bud_req_header(req, "Accept-Language"));
	if (!h || strncasecmp(h, "Bearer ", 7) != 0) {
		bud_err_set(&err, BUD_EAUTH, NULL, "err.apikey.missing", "no API key");
		return key_refuse(q, 401, NULL, NULL, &err);
	}
	rc = bud_apikey_actor(req->app, h + 7 + strspn(h + 7, " "), &req->actor, &err);
	if (rc == BUD_EAUTH)
		return key_refuse(q, 401, "invalid_token", NULL, &err);
	if (rc != BUD_OK) {
		bud_rq_fail(q, bud_rc_http_status(rc), &err);
		return 1;
	}
	if (!bud_req_header(req, "Accept-Language") && bud_lang_valid(req->actor.lang))
		req->lang = req->actor.lang;
	req->actor.log = &q->log;
	if ((req->actor.scopes & need) != need) {
		bud_scopes_text(need & ~req->actor.scopes, scope, sizeof scope);
		bud_err_set(&err, BUD_EFORBIDDEN, "scope", "err.apikey.scope",
			    "the key lacks the scope %s", scope);
		return key_refuse(q, 403, "insufficient_scope", scope, &err);
	}
	return 0;
}

/* The signed-in actor, when the request carries a live session cookie. */
static int finish_session(struct bud_rq *q, bud_err *err)
{
	bud_req *req = &q->req;
	const char *tok;
	char addr[sizeof req->actor.addr];
	int rc;

	if (req->route->flags & (BUD_R_NOSESSION | BUD_R_KEY))
		return BUD_OK;
	tok = bud_req_cookie(req, "bud_session");
	if (!tok || !*tok)
		return BUD_OK;
	memcpy(addr, req->actor.addr, sizeof addr);
	rc = bud_account_session(req->app, tok, &req->actor, err);
	memcpy(req->actor.addr, addr, sizeof addr);
	if (rc == BUD_EAUTH) {	/* expired or unknown: forget it */
		memset(&req->actor, 0, sizeof req->actor);
		memcpy(req->actor.addr, addr, sizeof addr);
		bud_resp_cookie(req, "bud_session", "", -1);
		return BUD_OK;
	}
	if (rc != BUD_OK)
		return rc;
	if (!q->lang_from_cookie && bud_lang_valid(req->actor.lang))
		req->lang = req->actor.lang;
	req->actor.log = &q->log;
	return BUD_OK;
}

/* Not signed in on a route that needs it: 401 for the API, else to login. */
static void finish_need_login(struct bud_rq *q)
{
	bud_req *req = &q->req;
	bud_err err;
	bud_buf loc;

	if (req->is_api) {
		bud_err_set(&err, BUD_EAUTH, NULL, "err.unauthorized", "not signed in");
		bud_rq_fail(q, 401, &err);
		return;
	}
	bud_buf_init(&loc, BUD_MAX_URL * 3 + 32);
	bud_buf_adds(&loc, "/login");
	if (req->method == BUD_GET || req->method == BUD_HEAD) {
		bud_buf_adds(&loc, "?next=");
		bud_buf_add_url(&loc, req->path);
	}
	bud_resp_redirect(req, bud_buf_failed(&loc) ? "/login" : bud_buf_str(&loc));
	bud_buf_free(&loc);
}

static int is_write(int method)
{
	return (method & (BUD_POST | BUD_PUT | BUD_PATCH | BUD_DELETE)) != 0;
}

/* What a cross-site HTML form can send without a preflight. */
static int form_type(const char *m)
{
	return strcmp(m, "application/x-www-form-urlencoded") == 0 ||
	       strcmp(m, "multipart/form-data") == 0 || strcmp(m, "text/plain") == 0;
}

/* API writes: application/json (or an upload type); see the file comment. */
static int finish_content_type(struct bud_rq *q, bud_err *err)
{
	bud_req *req = &q->req;
	const char *m = q->media_type;

	if (m && q->charset_bad)
		return bud_err_set(err, BUD_EINVAL, NULL, "err.http.content_type",
				   "charset other than UTF-8");
	if (!req->is_api || !is_write(req->method))
		return BUD_OK;
	if ((req->route->flags & BUD_R_CSV) && m && strcmp(m, "text/csv") == 0)
		return BUD_OK;
	if (req->route->flags & BUD_R_UPLOAD) {
		if (!m || (form_type(m) && strcmp(m, "multipart/form-data") != 0))
			return bud_err_set(err, BUD_EINVAL, NULL, "err.http.content_type",
					   "upload with a form content type");
		return BUD_OK;
	}
	if (req->method == BUD_DELETE && !m && q->body.len == 0)
		return BUD_OK;
	if (!m || strcmp(m, "application/json") != 0)
		return bud_err_set(err, BUD_EINVAL, NULL, "err.http.content_type",
				   "API writes take application/json");
	return BUD_OK;
}

/* Decode a form or JSON body into req->form / req->json. */
static int finish_body(struct bud_rq *q, bud_err *err)
{
	bud_req *req = &q->req;
	const char *m = q->media_type;
	int rc;

	req->body = q->body.data ? q->body.data : "";
	req->body_len = q->body.len;
	if (!m || req->body_len == 0)
		return BUD_OK;
	if (strcmp(m, "application/x-www-form-urlencoded") == 0)
		return bud_form_decode(&q->arena, req->body, req->body_len, &req->form,
				       &req->nform, err);
	if (strcmp(m, "application/json") != 0)
		return BUD_OK;
	rc = bud_json_decode(req->body, req->body_len, &req->json, err);
	if (rc == BUD_OK && req->is_api && !json_is_object(req->json))
		return bud_err_set(err, BUD_EINVAL, NULL, "err.http.json_type",
				   "the body is not a JSON object");
	return rc;
}

static int is_multipart_upload(const struct bud_rq *q)
{
	return (q->req.route->flags & BUD_R_UPLOAD) && q->media_type &&
	       strcmp(q->media_type, "multipart/form-data") == 0;
}

/* Web writes (and multipart uploads) carry the CSRF token in the form
 * field `csrf`. */
static int finish_csrf(struct bud_rq *q, bud_err *err)
{
	bud_req *req = &q->req;
	const char *tok = NULL, *cookie;
	size_t i;
	int ok;

	if (!is_write(req->method) || (req->route->flags & BUD_R_NOCSRF))
		return BUD_OK;
	if (req->is_api && !is_multipart_upload(q))
		return BUD_OK;
	for (i = 0; i < req->nform && !tok; i++)
		if (strcmp(req->form[i].key, "csrf") == 0)
			tok = req->form[i].value;
	if (req->actor.user_id != 0) {
		ok = tok && bud_account_csrf_ok(&req->actor, tok);
	} else {
		cookie = bud_req_csrf_cookie(req);
		ok = tok && cookie && strlen(tok) == strlen(cookie) &&
		     sodium_memcmp(tok, cookie, strlen(tok)) == 0;
	}
	if (!ok)
		return bud_err_set(err, BUD_EFORBIDDEN, "csrf", "err.http.csrf",
				   "missing or wrong CSRF token");
	return BUD_OK;
}

/*
 * An API write with an Idempotency-Key (app/idem.h): claim the key; a
 * request answered before gets that answer again (with the header
 * Idempotent-Replayed: true). Returns 1 when the request is answered here,
 * 0 when the handler should run.
 */
static int idem_begin(bud_req *req, const char *key)
{
	struct bud_idem_replay rep;
	bud_err err;
	int status;

	bud_err_clear(&err);
	if (bud_idem_begin(req->app, &req->actor, key, bud_method_name(req->method),
			   req->path, req->body, req->body_len, &rep, &err) != BUD_OK) {
		status = err.code == BUD_EINVAL ? 422 : bud_rc_http_status(err.code);
		bud_resp_error_status(req, status, &err);
		return 1;
	}
	if (!rep.body)
		return 0;
	bud_resp_text(req, rep.status, "application/json", rep.body, rep.len);
	bud_resp_header(req, "Idempotent-Replayed", "true");
	free(rep.body);
	return 1;
}

static int screen_handler(void *arg, bud_err *err)
{
	bud_req *req = arg;

	(void)err;
	req->route->fn(req);
	return BUD_OK;	/* what it read was read: its rows stay */
}

/*
 * Run the handler. A signed-in GET is one screen (app/read.h): one read
 * transaction, one access decision per client, one use-log row per
 * client, however many use cases the page calls.
 */
static int run_handler(bud_req *req)
{
	bud_err err;
	int rc;

	if (!(req->method & (BUD_GET | BUD_HEAD)) || !req->actor.user_id || !req->app->db)
		return req->route->fn(req);
	bud_err_clear(&err);
	rc = bud_app_screen(req->app, &req->actor, screen_handler, req, &err);
	if (rc != BUD_OK && req->status == 0)
		bud_resp_error_status(req, 500, &err);
	return rc;
}

static void finish_handler(struct bud_rq *q)
{
	bud_req *req = &q->req;
	const char *key = NULL;
	struct bud_idem_watch watch;
	bud_err err;
	int rc;

	if (req->is_api && is_write(req->method) && req->actor.user_id &&
	    !(req->route->flags & (BUD_R_READ | BUD_R_ONCE)))
		key = bud_req_header(req, "Idempotency-Key");
	if (req->route->flags & BUD_R_DEFER) {
		bud_rq_defer_handler(q, key);
		return;
	}
	if (key && idem_begin(req, key))
		return;
	if (key)
		bud_idem_watch(&watch, req->app, &req->actor, key);
	rc = run_handler(req);
	if (key)
		bud_idem_unwatch(req->app);
	if (req->status == 0) {
		bud_log_msgf("error", "handler of %s %s gave no response (rc %s)",
			bud_method_name(req->route->method), req->route->pattern,
			bud_rc_name(rc));
		bud_err_set(&err, BUD_EINTERNAL, NULL, "err.internal", "no response");
		bud_resp_error_status(req, 500, &err);
	}
	if (key && bud_idem_end(req->app, &req->actor, key, req->status,
				bud_buf_str(&req->out), req->out.len, &err) != BUD_OK)
		bud_log_msgf("warn", "idempotency key not kept: %s", err.detail);
}

static void finish_request(struct bud_rq *q)
{
	bud_req *req = &q->req;
	const struct bud_route *r = req->route;
	bud_err err;
	int rc;

	bud_err_clear(&err);
	if ((rc = finish_session(q, &err)) != BUD_OK) {
		bud_rq_fail(q, bud_rc_http_status(rc), &err);
		return;
	}
	if ((r->flags & BUD_R_KEY) && finish_key(q))
		return;
	if (!(r->flags & BUD_R_PUBLIC)) {
		if (req->actor.user_id == 0) {
			finish_need_login(q);
			return;
		}
		if (r->roles && !(req->actor.role & r->roles)) {
			bud_err_set(&err, BUD_EFORBIDDEN, NULL, "err.forbidden", "role");
			bud_rq_fail(q, 403, &err);
			return;
		}
	}
	if ((rc = finish_content_type(q, &err)) != BUD_OK) {
		bud_rq_fail(q, 415, &err);
		return;
	}
	if ((rc = finish_body(q, &err)) != BUD_OK) {
		bud_rq_fail(q, decode_status(rc), &err);
		return;
	}
	if ((rc = finish_csrf(q, &err)) != BUD_OK) {
		bud_rq_fail(q, 403, &err);
		return;
	}
	finish_handler(q);
}

void bud_rq_finish(struct bud_rq *q)
{
	if (!q->failed)
		finish_request(q);
	if (q->failed)
		respond_failure(q);
	assert(q->req.status != 0 || q->deferred);
}

void bud_rq_logged(struct bud_rq *q, int rc, const bud_err *err)
{
	bud_err e;

	if (rc == BUD_OK)
		return;
	e = *err;
	bud_log_msgf("error", "use log not written (%s: %s); answering 500",
		     bud_rc_name(rc), e.detail);
	bud_err_set(&e, BUD_EINTERNAL, NULL, "err.internal", "use log not written");
	bud_resp_error_status(&q->req, 500, &e);
}

void bud_rq_free(struct bud_rq *q)
{
	if (!q)
		return;
	if (q->defer_release)
		q->defer_release(q->defer_arg);
	json_decref(q->req.json);
	bud_buf_free(&q->req.out);
	bud_buf_free(&q->body);
	bud_arena_free(&q->arena);
	free(q);
}

const char *bud_rq_log_pattern(const struct bud_rq *q)
{
	return q->req.route ? q->req.route->pattern : "-";
}

struct test_headers {
	const struct bud_kv *kv;
	size_t n;
};

static const char *test_header(void *cls, const char *name)
{
	const struct test_headers *h = cls;
	size_t i;

	for (i = 0; i < h->n; i++)
		if (strcasecmp(h->kv[i].key, name) == 0)
			return h->kv[i].value;
	return NULL;
}

struct bud_rq *bud_rq_run(bud_app *app, const struct bud_route *routes,
			  const char *method, const char *uri,
			  const struct bud_kv *headers, size_t nheaders,
			  const char *body, size_t body_len)
{
	/* Lives as long as the request: header values are read until the end. */
	struct test_headers *h;
	struct bud_rq *q;
	size_t off, step;

	q = bud_rq_new(app, routes, uri, "127.0.0.1", test_header, NULL);
	h = bud_arena_alloc(&q->arena, sizeof *h);
	h->kv = headers;
	h->n = nheaders;
	q->header_cls = h;
	for (off = 0; off < nheaders; off++)
		bud_rq_header_line(q, headers[off].key, headers[off].value);
	if (bud_rq_begin(q, method))
		return q;
	for (off = 0; off < body_len; off += step) {	/* in pieces, like a socket */
		step = body_len - off < 4096 ? body_len - off : 4096;
		if (bud_rq_body(q, body + off, step))
			break;
	}
	bud_rq_finish(q);
	if (bud_rq_deferred(q))
		bud_rq_write(q);
	if (q->log.n) {
		bud_err err;
		int rc;

		bud_err_clear(&err);
		rc = bud_readlog_flush(app, &q->req.actor, &q->log, &err);
		bud_rq_logged(q, rc, &err);
	}
	return q;
}
