/*
 * http/request.c: what handlers read from a bud_req: request-lifetime
 * memory, raw lookups (path parameters, query, headers, cookies) and the
 * typed field getters. A getter that fails fills the bud_err with the
 * field's name and a catalog key, so the handler can answer with
 * bud_resp_error (422) or show the message next to the field.
 *
 * Where a field comes from: for GET and HEAD the query string, otherwise
 * the body (JSON members when the body was JSON, else the form fields).
 */
#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/money.h"
#include "http/cookie.h"
#include "http/form.h"
#include "http/internal.h"
#include "bud_limits.h"

static struct bud_rq *rq(bud_req *req)
{
	assert(req && req->impl);
	return req->impl;
}

void *bud_req_alloc(bud_req *req, size_t n)
{
	return bud_arena_alloc(&rq(req)->arena, n);
}

char *bud_req_strdup(bud_req *req, const char *s)
{
	return bud_arena_strndup(&rq(req)->arena, s, strlen(s));
}

static const char *kv_find(const struct bud_kv *kv, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(kv[i].key, name) == 0)
			return kv[i].value;
	return NULL;
}

const char *bud_req_param(bud_req *req, const char *name)
{
	return kv_find(req->params, req->nparams, name);
}

const char *bud_req_query(bud_req *req, const char *name)
{
	return kv_find(req->query, req->nquery, name);
}

const char *bud_req_header(bud_req *req, const char *name)
{
	struct bud_rq *q = rq(req);

	return q->header ? q->header(q->header_cls, name) : NULL;
}

const char *bud_rq_cookie_name(bud_req *req, const char *name, char *buf,
			       size_t bufsz)
{
	if (!req->app || !req->app->secure_cookies)
		return name;
	snprintf(buf, bufsz, "__Host-%s", name);
	return buf;
}

const char *bud_req_cookie(bud_req *req, const char *name)
{
	struct bud_rq *q = rq(req);
	char buf[128];

	return bud_cookie_find(q->cookies, q->ncookies,
			       bud_rq_cookie_name(req, name, buf, sizeof buf));
}

const struct bud_upload *bud_req_file(bud_req *req, const char *name)
{
	size_t i;

	for (i = 0; i < req->nfiles; i++)
		if (strcmp(req->files[i].field, name) == 0)
			return &req->files[i];
	return NULL;
}

/*
 * Find field name: *s gets its text (NULL when absent or JSON null), *j its
 * JSON value when the body is JSON. A JSON member that is neither a string
 * nor null leaves *s NULL and *j set, for the getter to interpret.
 */
static void field(bud_req *req, const char *name, const char **s, json_t **j)
{
	*s = NULL;
	*j = NULL;
	if (req->method == BUD_GET || req->method == BUD_HEAD) {
		*s = bud_req_query(req, name);
		return;
	}
	if (req->json) {
		*j = json_is_object(req->json) ? json_object_get(req->json, name) : NULL;
		if (*j && json_is_string(*j))
			*s = json_string_value(*j);
		if (*j && json_is_null(*j))
			*j = NULL;
		return;
	}
	*s = kv_find(req->form, req->nform, name);
}

static int is_blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return 0;
	return 1;
}

/* Common start of the string-valued getters: BUD_OK with *s NULL when
 * absent and optional (leave the default), "" when present but blank; an
 * error when absent or blank and required, or when a JSON member is not a
 * string. */
static int text_field(bud_req *req, const char *name, int required,
		      const char **s, bud_err *err)
{
	json_t *j;

	field(req, name, s, &j);
	if (j && !*s)
		return bud_err_set(err, BUD_EINVAL, name, "err.http.json_field_type",
				   "field %s must be a string", name);
	if (!*s || is_blank(*s)) {
		if (required)
			return bud_err_set(err, BUD_EINVAL, name, "err.required",
					   "field %s is required", name);
		if (*s)
			*s = "";	/* present but blank: the caller decides */
	}
	return BUD_OK;
}

int bud_req_str(bud_req *req, const char *name, int required, size_t maxlen,
		const char **out, bud_err *err)
{
	const char *s, *p;
	int rc = text_field(req, name, required, &s, err);

	if (rc != BUD_OK || !s)
		return rc;
	if (maxlen && bud_utf8_len(s) > maxlen)
		return bud_err_set(err, BUD_EINVAL, name, "err.too_long",
				   "field %s longer than %zu characters", name, maxlen);
	for (p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
			return bud_err_set(err, BUD_EINVAL, name, "err.http.control_chars",
					   "field %s has control characters", name);
	}
	*out = s;
	return BUD_OK;
}

/* Strict decimal integer: optional '-', 1..19 digits, nothing else. */
static int parse_i64(const char *s, int64_t *v)
{
	const char *p = s;
	char *end;
	long long x;

	if (*p == '-')
		p++;
	if (*p < '0' || *p > '9' || strlen(p) > 19)
		return -1;
	for (; *p; p++)
		if (*p < '0' || *p > '9')
			return -1;
	errno = 0;
	x = strtoll(s, &end, 10);
	if (errno || *end)
		return -1;
	*v = x;
	return 0;
}

int bud_req_i64(bud_req *req, const char *name, int required, int64_t min,
		int64_t max, int64_t *out, bud_err *err)
{
	const char *s;
	json_t *j;
	int64_t v;

	field(req, name, &s, &j);
	if (j && json_is_integer(j)) {
		v = json_integer_value(j);
	} else if (j && !s) {
		return bud_err_set(err, BUD_EINVAL, name, "err.not_integer",
				   "field %s is not an integer", name);
	} else if (!s || is_blank(s)) {
		if (required)
			return bud_err_set(err, BUD_EINVAL, name, "err.required",
					   "field %s is required", name);
		return BUD_OK;
	} else if (parse_i64(s, &v) != 0) {
		return bud_err_set(err, BUD_EINVAL, name, "err.not_integer",
				   "field %s is not an integer", name);
	}
	if (v < min || v > max)
		return bud_err_set(err, BUD_EINVAL, name, "err.out_of_range",
				   "field %s outside %lld..%lld", name,
				   (long long)min, (long long)max);
	*out = v;
	return BUD_OK;
}

int bud_req_page(bud_req *req, struct bud_page *pg, bud_err *err)
{
	int64_t limit = BUD_PAGE_DEFAULT, at = 0;
	int rc;

	bud_page_first(pg);
	if ((rc = bud_req_i64(req, "limit", 0, 1, BUD_MAX_PAGE_ROWS, &limit, err)) ||
	    (rc = bud_req_i64(req, "cursor", 0, 1, INT64_MAX, &at, err)))
		return rc;
	pg->limit = (int)limit;
	pg->at = at;
	return BUD_OK;
}

int bud_req_bool(bud_req *req, const char *name, int *out, bud_err *err)
{
	static const char *const yes[] = {"1", "true", "on", "yes", NULL};
	static const char *const no[] = {"0", "false", "off", "no", "", NULL};
	const char *s;
	json_t *j;
	size_t i;

	field(req, name, &s, &j);
	if (j && json_is_boolean(j)) {
		*out = json_is_true(j);
		return BUD_OK;
	}
	if (j && !s)
		return bud_err_set(err, BUD_EINVAL, name, "err.invalid_choice",
				   "field %s is not a boolean", name);
	if (!s)
		return BUD_OK;
	for (i = 0; yes[i]; i++)
		if (strcmp(s, yes[i]) == 0)
			return *out = 1, BUD_OK;
	for (i = 0; no[i]; i++)
		if (strcmp(s, no[i]) == 0)
			return *out = 0, BUD_OK;
	return bud_err_set(err, BUD_EINVAL, name, "err.invalid_choice",
			   "field %s is not a boolean", name);
}

int bud_req_money(bud_req *req, const char *name, int required, int64_t *out,
		  bud_err *err)
{
	const char *s;
	json_t *j;
	int64_t v;
	int rc;

	field(req, name, &s, &j);
	if (j && json_is_integer(j)) {	/* JSON: an integer is cents */
		v = json_integer_value(j);
		if (v > BUD_MONEY_MAX || v < -BUD_MONEY_MAX)
			return bud_err_set(err, BUD_EOVERFLOW, name, "err.money.overflow",
					   "field %s: amount too large", name);
		*out = v;
		return BUD_OK;
	}
	if (j)	/* JSON: only an integer of cents, never "12" (euros?) or 12.5 */
		return bud_err_set(err, BUD_EINVAL, name, "err.money.cents",
				   "field %s must be a JSON integer of cents", name);
	rc = text_field(req, name, required, &s, err);
	if (rc != BUD_OK || !s)
		return rc;
	if (*s == '\0')
		return BUD_OK;
	rc = bud_money_parse(s, name, &v, err);
	if (rc != BUD_OK)
		return rc;
	*out = v;
	return BUD_OK;
}

int bud_req_date(bud_req *req, const char *name, int required, const char **out,
		 bud_err *err)
{
	const char *s;
	int y, m, d, rc;
	char *buf;

	rc = text_field(req, name, required, &s, err);
	if (rc != BUD_OK || !s || *s == '\0')
		return rc;
	/* a form takes dates as people type them; the API the ISO form only */
	rc = req->is_api ? bud_date_parse(s, &y, &m, &d, err) :
			   bud_date_parse_typed(s, &y, &m, &d, err);
	if (rc != BUD_OK) {
		if (err)
			snprintf(err->field, sizeof err->field, "%s", name);
		return rc;
	}
	buf = bud_req_alloc(req, 11);
	snprintf(buf, 11, "%04d-%02d-%02d", y, m, d);
	*out = buf;
	return BUD_OK;
}

int bud_req_enum(bud_req *req, const char *name, int required,
		 const char *const *allowed, const char **out, bud_err *err)
{
	const char *s;
	size_t i;
	int rc = text_field(req, name, required, &s, err);

	if (rc != BUD_OK || !s)
		return rc;
	if (*s == '\0' && !required)
		return BUD_OK;
	for (i = 0; allowed[i]; i++)
		if (strcmp(s, allowed[i]) == 0) {
			*out = allowed[i];
			return BUD_OK;
		}
	return bud_err_set(err, BUD_EINVAL, name, "err.invalid_choice",
			   "field %s is not one of the allowed values", name);
}

int bud_req_id(bud_req *req, const char *name, int64_t *out, bud_err *err)
{
	const char *s = bud_req_param(req, name);
	int64_t v;

	if (!s || s[0] == '0' || s[0] == '-' || parse_i64(s, &v) != 0 || v <= 0)
		return bud_err_set(err, BUD_ENOTFOUND, name, "err.not_found",
				   "path parameter %s is not an id", name);
	*out = v;
	return BUD_OK;
}
