/*
 * api/common.c: the wire form, answers and write-body checks every JSON
 * handler shares (see api/common.h). Views are small trees built by app/
 * (a few levels deep), so the wire conversion walks them recursively.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "api/common.h"
#include "http/json.h"
#include "bud_limits.h"
#include "core/date.h"
#include "core/money.h"

static int is_time_key(const char *k)
{
	size_t n = strlen(k);

	return strcmp(k, "at") == 0 || (n > 3 && strcmp(k + n - 3, "_at") == 0);
}

/* Seconds t as "2026-12-07T10:01:05+02:00" (Helsinki); NULL outside the
 * years core/date handles. */
static json_t *iso_time(json_int_t t)
{
	struct bud_tm tm;
	char s[32];
	int off;

	if (bud_time_helsinki((int64_t)t, &tm) != BUD_OK)
		return NULL;
	off = tm.utc_offset / 60;
	snprintf(s, sizeof(s), "%04d-%02d-%02dT%02d:%02d:%02d+%02d:%02d",
		 tm.year, tm.month, tm.day, tm.hour, tm.min, tm.sec,
		 off / 60, off % 60);
	return json_string(s);
}

/* Hundredths q as a number of units: 400 -> 4, 250 -> 2.5. The quotient
 * of two exact doubles is the double nearest q/100, which
 * BUD_JSON_REAL_DIGITS digits write back as the decimal exactly. */
static json_t *qty_number(json_int_t q)
{
	if (q % 100 == 0)
		return json_integer(q / 100);
	return json_real((double)q / 100.0);
}

static json_t *wire_member(const char *k, json_t *m)
{
	if (!json_is_integer(m))
		return NULL;
	if (is_time_key(k))
		return iso_time(json_integer_value(m));
	if (strcmp(k, "quantity") == 0)
		return qty_number(json_integer_value(m));
	return NULL;
}

void bud_api_wire(json_t *v)
{
	const char *k;
	json_t *m, *w;
	size_t i;

	if (json_is_array(v)) {
		json_array_foreach(v, i, m)
			bud_api_wire(m);
		return;
	}
	json_object_foreach(v, k, m) {
		if ((w = wire_member(k, m)) != NULL)
			json_object_set_new(v, k, w);
		else
			bud_api_wire(m);
	}
}

/* The tag of n bytes of an answer: "hex of a 16-byte hash". */
static void etag_of(const char *s, size_t n, char out[BUD_API_ETAG_BUF])
{
	unsigned char h[16];

	crypto_generichash(h, sizeof(h), (const unsigned char *)s, n, NULL, 0);
	out[0] = '"';
	sodium_bin2hex(out + 1, BUD_API_ETAG_BUF - 2, h, sizeof(h));
	out[BUD_API_ETAG_BUF - 2] = '"';
	out[BUD_API_ETAG_BUF - 1] = '\0';
}

/* The app's own version tag of v (taken out of v), or 0. */
static int app_etag(json_t *v, char out[BUD_API_ETAG_BUF])
{
	const char *tag = json_string_value(json_object_get(v, "etag"));

	if (!tag || strlen(tag) != BUD_API_ETAG_BUF - 3)
		return 0;
	snprintf(out, BUD_API_ETAG_BUF, "\"%s\"", tag);
	json_object_del(v, "etag");
	return 1;
}

void bud_api_etag(json_t *v, char out[BUD_API_ETAG_BUF])
{
	bud_buf b;

	if (app_etag(v, out))
		return;
	bud_buf_init(&b, BUD_MAX_RESPONSE);	/* a view never edited: its bytes */
	bud_json_write(&b, v);
	etag_of(b.data ? b.data : "", b.len, out);
	bud_buf_free(&b);
}

int bud_api_json(bud_req *req, int status, json_t *v)
{
	bud_api_wire(v);
	return bud_resp_json(req, status, v);
}

int bud_api_error(bud_req *req, const bud_err *err)
{
	if (err->key && strcmp(err->key, "err.stale") == 0)
		return bud_resp_error_status(req, 412, err);
	return bud_resp_error(req, err);
}

int bud_api_reauth_body(bud_req *req, const char **password, const char **code,
			bud_err *err)
{
	/* bytes: a character takes up to four */
	if (bud_req_str(req, "password", 1, BUD_PASSWORD_MAX * 4, password, err))
		return err->code;
	if (code && bud_req_str(req, "code", 0, BUD_TOTP_INPUT_MAX, code, err))
		return err->code;
	return BUD_OK;
}

int bud_api_reauth_error(bud_req *req, bud_err *err)
{
	if (err->code == BUD_EBUSY)
		bud_resp_retry_after(req, req->actor.username, err);
	return bud_resp_error(req, err);
}

int bud_api_view_json(bud_req *req, json_t *v, int status)
{
	char etag[BUD_API_ETAG_BUF];
	int rc;

	bud_api_wire(v);
	if (!json_is_object(v))
		return bud_resp_json(req, status, v);
	if (app_etag(v, etag)) {
		bud_resp_header(req, "ETag", etag);
		return bud_resp_json(req, status, v);
	}
	rc = bud_resp_json(req, status, v);	/* then the tag of the bytes sent */
	if (req->status == status) {
		etag_of(req->out.data ? req->out.data : "", req->out.len, etag);
		bud_resp_header(req, "ETag", etag);
	}
	return rc;
}

int bud_api_view(bud_req *req, bud_api_read_fn read, int64_t id, int status)
{
	json_t *v = NULL;
	bud_err err;

	bud_err_clear(&err);
	if (read(req->app, &req->actor, id, &v, &err) != BUD_OK)
		return bud_api_error(req, &err);
	return bud_api_view_json(req, v, status);
}

int bud_api_text_view(bud_req *req, int status)
{
	char etag[BUD_API_ETAG_BUF];

	if (bud_buf_failed(&req->out))
		return bud_resp_json_out(req, status);	/* the 500 */
	etag_of(req->out.data ? req->out.data : "", req->out.len, etag);
	bud_resp_header(req, "ETag", etag);
	return bud_resp_json_out(req, status);
}

int bud_api_created(bud_req *req, bud_api_read_fn read, int64_t id,
		    const char *location)
{
	int rc = bud_api_view(req, read, id, 201);

	if (req->status == 201)
		bud_resp_header(req, "Location", location);
	return rc;
}

const char *bud_api_path(bud_req *req, const char *a, int64_t id, const char *b)
{
	size_t n = strlen(a) + strlen(b) + 32;
	char *s = bud_req_alloc(req, n);

	snprintf(s, n, "/api/%s/%lld%s", a, (long long)id, b);
	return s;
}

int bud_api_id_view(bud_req *req, bud_api_read_fn read)
{
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	return bud_api_view(req, read, id, 200);
}

int bud_api_id_items(bud_req *req, bud_api_read_fn read)
{
	json_t *arr = NULL;
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) != BUD_OK ||
	    read(req->app, &req->actor, id, &arr, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	return bud_api_items(req, arr);
}

int bud_api_items(bud_req *req, json_t *arr)
{
	return bud_api_json(req, 200, json_pack("{s:o, s:n}", "items", arr,
						"next_cursor"));
}

int bud_api_whole_list(bud_req *req, json_t *list)
{
	if (json_is_object(list) && !json_object_get(list, "next_cursor"))
		json_object_set_new(list, "next_cursor", json_null());
	return bud_api_json(req, 200, list);
}

int bud_api_page(bud_req *req, json_t *arr, const struct bud_page *pg)
{
	char next[24];

	if (!pg->next)
		return bud_api_items(req, arr);
	snprintf(next, sizeof(next), "%lld", (long long)pg->next);
	return bud_api_json(req, 200, json_pack("{s:o, s:s}", "items", arr,
						"next_cursor", next));
}

static int listed(const char *const *list, const char *k)
{
	size_t i;

	for (i = 0; list && list[i]; i++)
		if (strcmp(list[i], k) == 0)
			return 1;
	return 0;
}

int bud_api_fields(bud_req *req, const char *const *writable, const json_t *cur,
		   bud_err *err)
{
	const char *k;
	json_t *m, *stored;

	if (!json_is_object(req->json))
		return BUD_OK;
	json_object_foreach(req->json, k, m) {
		if (listed(writable, k))
			continue;
		stored = cur ? json_object_get(cur, k) : NULL;
		if (stored && json_equal(stored, m))
			continue;
		if (stored)
			return bud_err_set(err, BUD_EINVAL, k, "err.http.read_only",
					   "%.64s is read-only and differs from the "
					   "stored value", k);
		return bud_err_set(err, BUD_EINVAL, k, "err.http.unknown_field",
				   "%.64s is not a field of this request", k);
	}
	return BUD_OK;
}

/*
 * If-Match against the ETag of wire-form view v (its "etag" member taken
 * out): *based_on gets the version tag the change is based on, for the
 * app to check again inside its write (NULL without If-Match or with "*").
 */
static int if_match(bud_req *req, json_t *v, const char **based_on,
		    bud_err *err)
{
	const char *want = bud_req_header(req, "If-Match");
	char etag[BUD_API_ETAG_BUF];

	*based_on = NULL;
	bud_api_etag(v, etag);
	if (!want || strcmp(want, "*") == 0)
		return BUD_OK;
	if (!strstr(want, etag))	/* one tag, or a list of them */
		return bud_err_set(err, BUD_ECONFLICT, NULL, "err.stale",
				   "If-Match does not name the current version");
	etag[BUD_API_ETAG_BUF - 2] = '\0';
	*based_on = bud_req_strdup(req, etag + 1);
	return BUD_OK;
}

int bud_api_patch_begin(bud_req *req, bud_api_read_fn read, int64_t id,
			const char *const *writable, json_t **cur,
			const char **based_on, bud_err *err)
{
	json_t *w;
	int rc;

	*cur = NULL;
	if ((rc = read(req->app, &req->actor, id, cur, err)) != BUD_OK)
		return rc;
	w = json_deep_copy(*cur);
	bud_api_wire(w);
	rc = if_match(req, w, based_on, err);
	if (rc == BUD_OK)
		rc = bud_api_fields(req, writable, w, err);
	json_decref(w);
	if (rc != BUD_OK) {
		json_decref(*cur);
		*cur = NULL;
	}
	return rc;
}

int bud_api_quantity(bud_req *req, const char *name, int64_t *out, bud_err *err)
{
	json_t *j = json_is_object(req->json) ? json_object_get(req->json, name) : NULL;

	return bud_app_json_quantity(j, name, out, err);
}
