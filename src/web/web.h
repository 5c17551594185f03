/*
 * web/web.h: the HTML face of budjetti. Handlers here decode forms, call
 * the same app/ use cases as the JSON API, and render templates inside the
 * common layout (skip link, header with the language switch, navigation,
 * main, footer). Pages work without JavaScript; every form carries the
 * CSRF token.
 */
#ifndef BUD_WEB_WEB_H
#define BUD_WEB_WEB_H

#include <jansson.h>

#include "http/http.h"

/*
 * Render template `name` with model (stolen) inside the layout and answer
 * with status. title_key is the catalog key of the page title (also the
 * h1 of most pages). Adds to the model: lang, csrf, user, nav, langs, path.
 */
int bud_web_page(bud_req *req, int status, const char *name,
		 const char *title_key, json_t *model);

/*
 * The same with a title that is already text in the page language (a
 * person's name, say), not a catalog key: shown as it is (escaped).
 */
int bud_web_page_titled(bud_req *req, int status, const char *name,
			const char *title, json_t *model);

/* Handlers (routes in src/cli/routes.c). */
int bud_web_login_form(bud_req *req);	/* GET /login */
int bud_web_login(bud_req *req);	/* POST /login */
int bud_web_logout(bud_req *req);	/* POST /logout */
int bud_web_logout_all(bud_req *req);	/* POST /logout/all: every session of the user */
int bud_web_lang(bud_req *req);		/* POST /lang */
int bud_web_home(bud_req *req);		/* GET / */
int bud_web_accessibility(bud_req *req);/* GET /accessibility */
int bud_web_static(bud_req *req);	/* GET /static/{name} */

/* A local path safe to redirect to ("/x", never "//x" or a URL), else "/". */
const char *bud_web_safe_next(const char *next);

#endif
