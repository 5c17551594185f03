/*
 * web/view.h: the small helpers every page uses to turn app/'s jansson
 * views into page models: reading a member with a default, a person's
 * "Firstname Lastname", a name in the page language, dates and money as
 * people read them, and reading forms (errors: web/form.h). Pages own
 * their models; these only read views and return new values (json_t *
 * returns are new references, const char * returns borrow from the view
 * or the catalog).
 */
#ifndef BUD_WEB_VIEW_H
#define BUD_WEB_VIEW_H

#include <stdint.h>

#include <jansson.h>

#include "core/err.h"
#include "core/page.h"
#include "http/http.h"

/* ---- reading views ---- */

/* The string member k of o, "" when there is none (or o is no object). */
const char *bud_view_str(json_t *o, const char *k);

/* The integer member k of o, 0 when there is none. */
json_int_t bud_view_int(json_t *o, const char *k);

/* Whether the array arr has the string s. */
int bud_view_has(json_t *arr, const char *s);

/* "Firstname Lastname" of a view with first_name and last_name. */
json_t *bud_view_person_name(json_t *o);

/* The name of o (a service, a unit, an organiser) in lang: its member
 * name_<lang>, name_fi when that is missing or empty. */
const char *bud_view_lang_name(json_t *o, const char *lang);

/* ---- lists ---- */

/*
 * Put the pager of one page of a list into m (as "pager", for the
 * template partial pager.html): which rows these are (n shown, the
 * first of them number `first`: 1 + the offset for offset lists, 0 for
 * lists by id, which do not show row numbers), and
 * links to the first page (when not on it) and to the next (when pg->next
 * says there is one). path is the page's path; query, when not NULL, the
 * URL-encoded query to keep ("mine=1&from=2026-01-01"), without cursor.
 */
void bud_web_pager(json_t *m, const char *path, const char *query,
		   const struct bud_page *pg, int64_t first, size_t n);

/*
 * The same pager for a list reached by a form POST (a search, whose terms
 * must stay out of URLs, history and proxy logs): the first and next page
 * are small POST forms to path carrying fields (an object of name ->
 * string, borrowed) as hidden inputs, and the next page's cursor.
 */
void bud_web_pager_post(json_t *m, const char *path, json_t *fields,
			const struct bud_page *pg, int64_t first, size_t n);

/* ---- texts people read ---- */

/* The catalog text of the key prefix + code + suffix ("price.unit." +
 * "hour" + ""); code NULL counts as "". A key the catalog lacks gives the
 * code itself (the caller's string), never the key. */
const char *bud_view_word(const char *lang, const char *prefix, const char *code,
			  const char *suffix);

/* "2026-12-01" as "1.12.2026" in fi and sv, as stored in en
 * (bud_date_show); as stored when it is not a date; "" for NULL. */
json_t *bud_view_date(const char *iso, const char *lang);

/* A Unix time's day in Helsinki as bud_view_date; "" for 0. */
json_t *bud_view_unix_date(int64_t t, const char *lang);

/* cents as money in lang (bud_money_format); "" if it cannot be shown. */
json_t *bud_view_money(int64_t cents, const char *lang);

/* A stored municipality (its Finnish name) as the reader of lang names it
 * (app/municipality.h): "Loviisa" is "Lovisa" on a Swedish page. */
json_t *bud_view_municipality(const char *stored, const char *lang);

/*
 * The options of a municipality <select>: [{value, label, selected}].
 * values NULL: every municipality of the official list, in the order of
 * lang's names; else the stored names of values (a JSON array of strings,
 * in its order). value is the stored (Finnish) name, label the name in
 * lang, selected where value is chosen. A chosen value that is not among
 * them (data from before the list) comes first, selected, so that saving
 * the form refuses it rather than empty it unseen.
 */
json_t *bud_view_municipality_options(json_t *values, const char *chosen,
				      const char *lang);

/* ---- forms ---- */

/* The value of form field name as typed, "" when absent. */
const char *bud_view_form_value(bud_req *req, const char *name);

/* The message of err in lang (err.generic when it has no key). */
const char *bud_view_err_message(const char *lang, const bud_err *err);

/* The status of a form shown again for an error of code: 422 for invalid
 * input, else the code's own (bud_rc_http_status). */
int bud_view_form_status(int code);

/* 1 when an error of code is no form's to show (nothing to find, not
 * allowed, the service failing): the handler answers an error page
 * instead of the form again. */
int bud_view_page_error(int code);

#endif
