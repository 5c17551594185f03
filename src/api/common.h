/*
 * api/common.h: the shapes every JSON handler shares, so that what the API
 * answers can be sent back unchanged:
 *
 * - the wire form of an app/ view (bud_api_wire): timestamps (members
 *   named "at" or "*_at", seconds in the views) are ISO 8601 strings in
 *   Europe/Helsinki time with the offset ("2026-12-07T10:01:05+02:00");
 *   a "quantity" (hundredths of the unit in the views) is a JSON number
 *   of units with at most two decimals (4, 12.5). Money is always a JSON
 *   integer of cents, as the views hold it. Inputs take the same forms.
 * - answers: with a view read by an app/ use case, its ETag, lists as
 *   {"items": [...]}, Location on 201;
 * - write bodies: every member must be a writable field of the route
 *   (bud_api_fields); a PATCH also accepts the read-only members of the
 *   resource's GET when they equal the stored value, so a GET body can be
 *   written back, and honours If-Match (bud_api_patch_begin).
 */
#ifndef BUD_API_COMMON_H
#define BUD_API_COMMON_H

#include <stdint.h>

#include <jansson.h>

#include "app/app.h"
#include "http/http.h"

/* "\"" + 32 hex digits + "\"" + NUL. */
#define BUD_API_ETAG_BUF 35

/* An app/ read by id: *out gets a new view (caller owns) or err is set. */
typedef int (*bud_api_read_fn)(bud_app *app, const bud_actor *actor, int64_t id,
			       json_t **out, bud_err *err);

/* Turn view v (owned by the caller) into its wire form, in place. */
void bud_api_wire(json_t *v);

/* The strong ETag of wire-form view v, quoted: its "etag" member (the
 * version tag app/ gives an editable record, app/etag.h), which is taken
 * out of v; else a hash of v's members except the caller-dependent "can". */
void bud_api_etag(json_t *v, char out[BUD_API_ETAG_BUF]);

/* Answer status with v (stolen) in its wire form. */
int bud_api_json(bud_req *req, int status, json_t *v);

/* Answer an error: a stale If-Match (err.stale) with 412, the rest
 * with their code's status (bud_resp_error). */
int bud_api_error(bud_req *req, const bud_err *err);

/*
 * The body of an action that asks for the signed-in user's password again
 * (and, where code is not NULL, the second factor's code): "password"
 * required (at most BUD_PASSWORD_MAX characters), "code" optional. The
 * caller has checked the body's members (bud_api_fields).
 */
int bud_api_reauth_body(bud_req *req, const char **password, const char **code,
			bud_err *err);

/* Answer the error of such an action: a throttled or locked account
 * (BUD_EBUSY) with its Retry-After, the rest as bud_resp_error. */
int bud_api_reauth_error(bud_req *req, bud_err *err);

/* Answer with read(id)'s view and status, or with its error; the view's
 * ETag goes along. */
int bud_api_view(bud_req *req, bud_api_read_fn read, int64_t id, int status);
/* The same with a view already read (v stolen). */
int bud_api_view_json(bud_req *req, json_t *v, int status);
/* Answer with the view already written as JSON text into req->out (no
 * member needs bud_api_wire), with the ETag of its bytes as bud_api_view
 * gives a view without the app's own tag. */
int bud_api_text_view(bud_req *req, int status);

/* 201 with read(id)'s view and Location: location (a path). */
int bud_api_created(bud_req *req, bud_api_read_fn read, int64_t id,
		    const char *location);

/* A path "/api/<a>/<id><b>" in request memory, for Location. */
const char *bud_api_path(bud_req *req, const char *a, int64_t id, const char *b);

/* GET .../{id}: read the id path parameter and answer read(id)'s view
 * with 200 (a malformed id or the read's error answers the error). */
int bud_api_id_view(bud_req *req, bud_api_read_fn read);

/* The same for a read giving an array: answered as {"items": array}. */
int bud_api_id_items(bud_req *req, bud_api_read_fn read);

/* Answer 200 with {"items": arr, "next_cursor": null} (arr stolen): a
 * whole list. */
int bud_api_items(bud_req *req, json_t *arr);

/* Answer 200 with list, an object {"items": ...} built by app/ that is
 * the whole list: next_cursor null is added (list stolen). */
int bud_api_whole_list(bud_req *req, json_t *list);

/* Answer 200 with one page: {"items": arr, "next_cursor": "N"} when
 * pg->next says there is more (the cursor of the next page), else null. */
int bud_api_page(bud_req *req, json_t *arr, const struct bud_page *pg);

/*
 * Check the JSON body's members against writable (NULL-terminated): a
 * member not listed is BUD_EINVAL naming it, "err.http.unknown_field",
 * unless cur (the resource's wire-form view) has it with an equal value
 * (a read-only member sent back unchanged); a different value is
 * "err.http.read_only". No JSON body: BUD_OK.
 */
int bud_api_fields(bud_req *req, const char *const *writable, const json_t *cur,
		   bud_err *err);

/*
 * The start of a PATCH of resource id: *cur gets read(id)'s view (as the
 * app gives it; caller owns), an If-Match header must name its ETag
 * ("*" matches anything; else err.stale, BUD_ECONFLICT, answered 412 by
 * bud_api_error) and the body's members are checked by bud_api_fields
 * against writable and the view. *based_on gets the version tag If-Match
 * named (request memory; NULL without one): give it to the app's update,
 * which checks it again inside its write, so a change made between this
 * read and that write is refused too.
 */
int bud_api_patch_begin(bud_req *req, bud_api_read_fn read, int64_t id,
			const char *const *writable, json_t **cur,
			const char **based_on, bud_err *err);

/*
 * quantity: a JSON number of units with at most two decimals (4, 2.5) into
 * *out in hundredths; a string or more decimals is BUD_EINVAL naming the
 * field (err.qty.number). Required.
 */
int bud_api_quantity(bud_req *req, const char *name, int64_t *out, bud_err *err);

#endif
