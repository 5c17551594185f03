/*
 * api/api.h: the system handlers of the JSON API and the OpenAPI document
 * compiled into the binary (src/api/openapi.json, embedded at build time).
 * Other API areas declare their handlers in their own headers (auth.h, ...).
 */
#ifndef BUD_API_API_H
#define BUD_API_API_H

#include <stddef.h>

#include "http/http.h"

/* GET /healthz: {"status":"ok","schema":N}; 503 {"status":"failed"} once
 * the database has failed (fail-stop). */
int bud_api_healthz(bud_req *req);

/* GET /api/openapi.json: the OpenAPI 3.1 document. */
int bud_api_openapi(bud_req *req);

/* The embedded OpenAPI document (NUL-terminated) and its length. */
const char *bud_api_openapi_doc(size_t *len);

#endif
