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
#include "api/auth.h"
#include "cli/routes.h"
#include "web/web.h"

#define SYS (BUD_R_PUBLIC | BUD_R_API | BUD_R_NOSESSION)

const struct bud_route bud_routes[] = {
	/* system */
	{BUD_GET, "/healthz", bud_api_healthz, SYS, 0},
	{BUD_GET, "/api/openapi.json", bud_api_openapi, SYS, 0},

	/* JSON API */
	{BUD_POST, "/api/session", bud_api_session_create, BUD_R_PUBLIC | BUD_R_API, 0},
	{BUD_DELETE, "/api/session", bud_api_session_delete, BUD_R_API, 0},
	{BUD_GET, "/api/me", bud_api_me, BUD_R_API, 0},

	/* web pages */
	{BUD_GET, "/", bud_web_home, 0, 0},
	{BUD_GET, "/login", bud_web_login_form, BUD_R_PUBLIC, 0},
	{BUD_POST, "/login", bud_web_login, BUD_R_PUBLIC, 0},
	{BUD_POST, "/logout", bud_web_logout, 0, 0},
	{BUD_POST, "/lang", bud_web_lang, BUD_R_PUBLIC, 0},
	{BUD_GET, "/accessibility", bud_web_accessibility, BUD_R_PUBLIC, 0},
	{BUD_GET, "/static/{name}", bud_web_static, BUD_R_PUBLIC | BUD_R_NOSESSION, 0},

	{0, NULL, NULL, 0, 0},
};
