/*
 * cli/routes.c: every route of the service, one line each: method,
 * pattern ({name} captures one path segment), handler, flags, roles.
 *
 * Flags (http/http.h): BUD_R_PUBLIC needs no sign-in; BUD_R_API answers in
 * JSON and must be described in src/api/openapi.json (test_openapi checks
 * both ways); BUD_R_NOCSRF skips the form CSRF check; BUD_R_UPLOAD takes a
 * body up to BUD_MAX_UPLOAD; BUD_R_NOSESSION does not even look up the
 * session. roles: enum bud_role bits allowed, 0 = any signed-in user.
 * The first matching line wins; keep API and web routes grouped.
 */
#include <stddef.h>

#include "api/api.h"
#include "cli/routes.h"

#define SYS (BUD_R_PUBLIC | BUD_R_API | BUD_R_NOSESSION)

const struct bud_route bud_routes[] = {
	/* system */
	{BUD_GET, "/healthz", bud_api_healthz, SYS, 0},
	{BUD_GET, "/api/openapi.json", bud_api_openapi, SYS, 0},

	/* JSON API */

	/* web pages */

	{0, NULL, NULL, 0, 0},
};
