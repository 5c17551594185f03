/*
 * api/common.h: the shapes the JSON handlers of several areas share:
 * answering with a view read by an app/ use case, reading the {id} path
 * parameter for it, and lists as {"items": [...]}. Handlers that decode a
 * body keep their own code; these are for the reads.
 */
#ifndef BUD_API_COMMON_H
#define BUD_API_COMMON_H

#include <stdint.h>

#include <jansson.h>

#include "app/app.h"
#include "http/http.h"

/* An app/ read by id: *out gets a new view (caller owns) or err is set. */
typedef int (*bud_api_read_fn)(bud_app *app, const bud_actor *actor, int64_t id,
			       json_t **out, bud_err *err);

/* Answer with read(id)'s view and status, or with its error. */
int bud_api_view(bud_req *req, bud_api_read_fn read, int64_t id, int status);

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

#endif
