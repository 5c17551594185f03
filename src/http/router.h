/*
 * http/router.h: finding the route for a method and a decoded path in a
 * route table (http.h's struct bud_route, ended by a NULL pattern).
 * Patterns are literal segments and {name} segments; a {name} segment
 * matches one non-empty path segment, captured as a parameter. The first
 * matching entry wins. HEAD is answered by a GET route.
 */
#ifndef BUD_HTTP_ROUTER_H
#define BUD_HTTP_ROUTER_H

#include <stddef.h>

#include "http/arena.h"
#include "http/http.h"

#define BUD_ROUTE_MAX_PARAMS 8	/* = the size of bud_req.params */

/*
 * The route for method + path, with its parameters in params (strings in
 * the arena) and their count in *nparams; NULL when none. Then *allow is
 * the set of methods (enum bud_method bits) whose routes match the path:
 * 0 means 404, anything else 405 with an Allow header.
 */
const struct bud_route *bud_router_match(const struct bud_route *routes,
					 int method, const char *path,
					 bud_arena *a, struct bud_kv *params,
					 size_t *nparams, int *allow);

/* The flags of every route whose pattern matches path, OR'ed together
 * (so a 405 on an API path is answered in JSON). */
unsigned bud_router_path_flags(const struct bud_route *routes, const char *path);

/* "GET, HEAD, POST" for a method set, into out. */
void bud_router_allow_str(int allow, char *out, size_t outsz);

/* The method bit of a method name ("GET" -> BUD_GET), or 0. */
int bud_method_parse(const char *name);
const char *bud_method_name(int method);

#endif
