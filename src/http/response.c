/*
 * http/response.c: how handlers answer: JSON, HTML, text, redirects,
 * errors (a JSON error object for API routes, a small accessible HTML page
 * otherwise, both in the request's language), extra headers and cookies,
 * and the CSRF token for forms. Also the headers every response carries.
 *
 * Every answer with a status of 500 or more is logged to stderr here, the
 * one place a status is set: the route pattern, the error's name and its
 * English detail (bud_err.detail never holds personal data; the raw path
 * and query are never logged), so no internal failure goes unseen.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sodium.h>

#include "core/i18n.h"
#include "http/cookie.h"
#include "http/internal.h"
#include "http/log.h"
#include "http/json.h"
#include "http/router.h"
#include "bud_limits.h"

#define CSRF_TEXT_LEN 43	/* base64url of BUD_TOKEN_BYTES, no padding */

static const struct bud_kv security_headers[] = {
	{"Cache-Control", "no-store"},
	{"X-Content-Type-Options", "nosniff"},
	{"Content-Security-Policy",
	 "default-src 'self'; img-src 'self' data:; style-src 'self'; "
	 "script-src 'self'; frame-ancestors 'none'; form-action 'self'; "
	 "base-uri 'none'"},
	{"Referrer-Policy", "no-referrer"},
	{"X-Frame-Options", "DENY"},
};

/* One stderr line for a 5xx answer: route, error name, detail. */
static void log_5xx(const bud_req *req, int status, const bud_err *why)
{
	const struct bud_rq *q = req->impl;

	bud_log_5xx(req, q ? q->rid : NULL, status, why);
}

/* Set the status and type; why is the error behind a 5xx (may be NULL). */
static void set_body(bud_req *req, int status, const char *type,
		     const bud_err *why)
{
	req->status = status;
	req->content_type = type;
	if (status >= 500)
		log_5xx(req, status, why);
}

int bud_resp_json(bud_req *req, int status, json_t *body)
{
	int rc = BUD_OK;
	bud_err why;

	bud_err_clear(&why);
	bud_buf_reset(&req->out);
	if (body) {
		rc = bud_json_write(&req->out, body);
		json_decref(body);
	}
	if (rc != BUD_OK) {
		bud_buf_reset(&req->out);
		bud_buf_adds(&req->out, "{\"error\":{\"code\":\"internal\",\"field\":null,"
				       "\"message\":\"response too large\"}}");
		bud_err_set(&why, BUD_ENOMEM, NULL, "err.internal",
			    "JSON response too large or out of memory");
		status = 500;
	}
	set_body(req, status, "application/json", status >= 500 ? &why : NULL);
	return rc;
}

int bud_resp_json_out(bud_req *req, int status)
{
	if (bud_buf_failed(&req->out)) {
		bud_err err;

		bud_err_set(&err, BUD_ETOOBIG, NULL, "err.internal", "answer too large");
		bud_buf_reset(&req->out);
		return bud_resp_error_status(req, 500, &err);
	}
	set_body(req, status, "application/json", NULL);
	return BUD_OK;
}

int bud_resp_html(bud_req *req, int status)
{
	if (bud_buf_failed(&req->out)) {
		bud_err err;

		bud_err_set(&err, BUD_ETOOBIG, NULL, "err.internal", "page too large");
		bud_buf_reset(&req->out);
		return bud_resp_error_status(req, 500, &err);
	}
	set_body(req, status, "text/html; charset=utf-8", NULL);
	return BUD_OK;
}

int bud_resp_text(bud_req *req, int status, const char *type, const char *body,
		  size_t len)
{
	bud_buf_reset(&req->out);
	if (bud_buf_add(&req->out, body, len) != BUD_OK) {
		bud_err err;

		bud_err_set(&err, BUD_ETOOBIG, NULL, "err.internal", "body too large");
		bud_buf_reset(&req->out);
		return bud_resp_error_status(req, 500, &err);
	}
	set_body(req, status, type, NULL);
	return BUD_OK;
}

int bud_resp_attachment(bud_req *req, const char *type, const char *name,
			const void *data, size_t len)
{
	bud_buf cd;
	size_t i;
	int rc;

	bud_buf_init(&cd, 3 * strlen(name) + 64);
	bud_buf_adds(&cd, "attachment; filename=\"");
	for (i = 0; name[i]; i++) {
		unsigned char ch = (unsigned char)name[i];

		bud_buf_addc(&cd, ch < 0x20 || ch > 0x7e || ch == '"' || ch == '\\' ?
				  '_' : (char)ch);
	}
	bud_buf_adds(&cd, "\"; filename*=UTF-8''");
	bud_buf_add_url(&cd, name);
	rc = bud_resp_text(req, 200, bud_req_strdup(req, type), data, len);
	if (rc == BUD_OK && req->status == 200)
		bud_resp_header(req, "Content-Disposition", bud_buf_failed(&cd) ?
				"attachment" : bud_req_strdup(req, bud_buf_str(&cd)));
	bud_buf_free(&cd);
	return rc;
}

int bud_resp_redirect(bud_req *req, const char *location)
{
	bud_buf_reset(&req->out);
	bud_resp_header(req, "Location", location);
	set_body(req, 303, "text/plain; charset=utf-8", NULL);
	return BUD_OK;
}

/*
 * The error body's code: the statuses that a client handles differently
 * have their own (malformed request 400, method 405, stale If-Match 412,
 * media type 415); the rest are named after the error (422 "invalid",
 * 404 "not_found", ...).
 */
static const char *status_code(int status, const bud_err *err)
{
	switch (status) {
	case 400: return "bad_request";
	case 405: return "method_not_allowed";
	case 412: return "precondition_failed";
	case 415: return "unsupported_media_type";
	default: return bud_rc_name(err->code);
	}
}

static void error_json(bud_req *req, int status, const bud_err *err,
		       const char *msg)
{
	bud_buf *b = &req->out;

	bud_buf_adds(b, "{\"error\":{\"code\":");
	bud_buf_add_json_str(b, status_code(status, err));
	bud_buf_adds(b, ",\"field\":");
	if (err->field[0])
		bud_buf_add_json_str(b, err->field);
	else
		bud_buf_adds(b, "null");
	bud_buf_adds(b, ",\"message\":");
	bud_buf_add_json_str(b, msg);
	/* A refused service event (app/event.h): its stable reason code, the
	 * key's last part, for a care system to act on. */
	if (err->key && strncmp(err->key, "err.event.", 10) == 0 && err->key[10]) {
		bud_buf_adds(b, ",\"reason\":");
		bud_buf_add_json_str(b, err->key + 10);
	}
	/* The parser's own words help an API client find a syntax error. */
	if (err->key && strcmp(err->key, "err.http.json_syntax") == 0) {
		bud_buf_adds(b, ",\"detail\":");
		bud_buf_add_json_str(b, err->detail);
	}
	bud_buf_adds(b, "}}");
}

static void error_html(bud_req *req, const char *msg)
{
	bud_buf *b = &req->out;
	const char *lang = req->lang ? req->lang : "fi";
	const char *title = bud_msg(lang, "http.error.title");

	bud_buf_addf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
		     "<meta charset=\"utf-8\">\n"
		     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		     "<title>", lang);
	bud_buf_add_html(b, title);
	bud_buf_adds(b, " – budjetti</title>\n"
		     "<link rel=\"stylesheet\" href=\"/static/style.css\">\n</head>\n<body>\n"
		     "<a class=\"skip-link\" href=\"#main\">");
	bud_buf_add_html(b, bud_msg(lang, "http.skip_link"));
	bud_buf_adds(b, "</a>\n<header><p class=\"service-name\">budjetti</p></header>\n"
		     "<main id=\"main\">\n<h1>");
	bud_buf_add_html(b, title);
	bud_buf_adds(b, "</h1>\n<p>");
	bud_buf_add_html(b, msg);
	bud_buf_adds(b, "</p>\n<p><a href=\"/\">");
	bud_buf_add_html(b, bud_msg(lang, "http.error.home"));
	bud_buf_adds(b, "</a></p>\n</main>\n</body>\n</html>\n");
}

/* Whether a response header name was set already (a care system's 401
 * names its own challenge, Bearer). */
static int has_header(const bud_req *req, const char *name)
{
	size_t i;

	for (i = 0; i < req->nheaders; i++)
		if (strcasecmp(req->headers[i].key, name) == 0)
			return 1;
	return 0;
}

int bud_resp_error_status(bud_req *req, int status, const bud_err *err)
{
	const char *key = err && err->key && err->key[0] ? err->key : "err.generic";
	const char *msg = bud_msg(req->lang ? req->lang : "fi", key);
	bud_err copy;

	if (!err) {
		bud_err_set(&copy, BUD_EINTERNAL, NULL, "err.internal", "no error given");
		err = &copy;
	}
	bud_buf_reset(&req->out);
	/* RFC 9110: a 401 names how to authenticate: the session cookie that
	 * POST /api/session sets. */
	if (status == 401 && !has_header(req, "WWW-Authenticate"))
		bud_resp_header(req, "WWW-Authenticate", "Session realm=\"budjetti\"");
	if (req->is_api) {
		error_json(req, status, err, msg);
		set_body(req, status, "application/json", err);
	} else {
		error_html(req, msg);
		set_body(req, status, "text/html; charset=utf-8", err);
	}
	return err->code != BUD_OK ? err->code : BUD_EINTERNAL;
}

int bud_resp_error(bud_req *req, const bud_err *err)
{
	return bud_resp_error_status(req, bud_rc_http_status(err ? err->code : BUD_EINTERNAL), err);
}

void bud_resp_header(bud_req *req, const char *name, const char *value)
{
	if (strpbrk(name, "\r\n:") || strpbrk(value, "\r\n")) {
		bud_log_msg("error", "refused a response header with CR/LF");
		return;
	}
	if (req->nheaders >= sizeof req->headers / sizeof req->headers[0]) {
		bud_log_msgf("error", "too many response headers, %s dropped", name);
		return;
	}
	req->headers[req->nheaders].key = bud_req_strdup(req, name);
	req->headers[req->nheaders].value = bud_req_strdup(req, value);
	req->nheaders++;
}

void bud_resp_cookie(bud_req *req, const char *name, const char *value, int max_age)
{
	char nbuf[128], *line;
	const char *wire = bud_rq_cookie_name(req, name, nbuf, sizeof nbuf);
	int secure = req->app && req->app->secure_cookies;
	size_t len;

	if (max_age < 0)
		value = "";
	if (!bud_cookie_value_ok(value)) {
		bud_log_msgf("error", "refused cookie %s: bad value bytes", name);
		return;
	}
	len = strlen(wire) + strlen(value) + 96;
	line = bud_req_alloc(req, len);
	if (max_age > 0)
		snprintf(line, len, "%s=%s; Path=/; HttpOnly; SameSite=Lax%s; Max-Age=%d",
			 wire, value, secure ? "; Secure" : "", max_age);
	else if (max_age < 0)
		snprintf(line, len, "%s=; Path=/; HttpOnly; SameSite=Lax%s; Max-Age=0",
			 wire, secure ? "; Secure" : "");
	else
		snprintf(line, len, "%s=%s; Path=/; HttpOnly; SameSite=Lax%s",
			 wire, value, secure ? "; Secure" : "");
	bud_resp_header(req, "Set-Cookie", line);
}

static int csrf_cookie_ok(const char *v)
{
	size_t i;

	if (!v || strlen(v) != CSRF_TEXT_LEN)
		return 0;
	for (i = 0; i < CSRF_TEXT_LEN; i++) {
		char c = v[i];

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		      (c >= '0' && c <= '9') || c == '-' || c == '_'))
			return 0;
	}
	return 1;
}

const char *bud_req_csrf_cookie(bud_req *req)
{
	const char *v = bud_req_cookie(req, "bud_csrf");

	return csrf_cookie_ok(v) ? v : NULL;
}

const char *bud_req_csrf(bud_req *req)
{
	struct bud_rq *q = req->impl;
	unsigned char raw[BUD_TOKEN_BYTES];
	char *text;

	if (req->actor.user_id != 0 && req->actor.csrf[0])
		return req->actor.csrf;
	if (q->csrf_token)
		return q->csrf_token;
	if ((q->csrf_token = bud_req_csrf_cookie(req)))
		return q->csrf_token;
	if (sodium_init() < 0) {
		fprintf(stderr, "budjetti: libsodium failed to start\n");
		abort();
	}
	randombytes_buf(raw, sizeof raw);
	text = bud_req_alloc(req, CSRF_TEXT_LEN + 1);
	sodium_bin2base64(text, CSRF_TEXT_LEN + 1, raw, sizeof raw,
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof raw);
	bud_resp_cookie(req, "bud_csrf", text, 0);
	q->csrf_token = text;
	return text;
}

/* The policy of a page that the origin req->frame_ancestors may frame
 * (and nothing else changed). */
static const char *framed_csp(bud_req *req)
{
	static const char pre[] = "default-src 'self'; img-src 'self' data:; "
		"style-src 'self'; script-src 'self'; frame-ancestors ";
	static const char post[] = "; form-action 'self'; base-uri 'none'";
	size_t n = sizeof pre + strlen(req->frame_ancestors) + sizeof post;
	char *p = bud_req_alloc(req, n);

	snprintf(p, n, "%s%s%s", pre, req->frame_ancestors, post);
	return p;
}

size_t bud_rq_response_headers(struct bud_rq *q, struct bud_kv *out, size_t max)
{
	bud_req *req = &q->req;
	size_t n = 0, i;

#define PUT(k, v) do { if (n < max) { out[n].key = (k); out[n].value = (v); n++; } } while (0)
	for (i = 0; i < sizeof security_headers / sizeof security_headers[0]; i++) {
		const char *k = security_headers[i].key;

		if (!req->frame_ancestors)
			PUT(k, security_headers[i].value);
		else if (strcmp(k, "Content-Security-Policy") == 0)
			PUT(k, framed_csp(req));
		else if (strcmp(k, "X-Frame-Options") != 0)
			PUT(k, security_headers[i].value);
	}
	if (req->content_type)
		PUT("Content-Type", req->content_type);
	PUT("Content-Language", req->lang ? req->lang : "fi");
	for (i = 0; i < req->nheaders; i++)
		PUT(req->headers[i].key, req->headers[i].value);
	PUT("X-Request-Id", q->rid);
	if (q->close)
		PUT("Connection", "close");
#undef PUT
	return n;
}
