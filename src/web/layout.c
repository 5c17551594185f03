/*
 * web/layout.c: the common page frame and the static files. Every page is
 * its own template rendered into `content`, then the layout template
 * around it with the header (service name, user, language switch, logout),
 * the role's navigation and the footer.
 */
#include <stdio.h>
#include <string.h>

#include "app/settings.h"
#include "core/embed.h"
#include "core/i18n.h"
#include "bud_limits.h"
#include "web/form.h"
#include "web/tmpl.h"
#include "web/guide.h"
#include "web/web.h"

extern const struct bud_embed bud_static_files[];

static const char *const web_langs[] = {"fi", "sv", "en"};

const char *bud_web_safe_next(const char *next)
{
	size_t i;

	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\')
		return "/";
	for (i = 0; next[i]; i++)
		if ((unsigned char)next[i] < 0x20 || next[i] == '\\' || i > BUD_LANG_BACK_MAX)
			return "/";
	return next;
}

/* Where the language switch comes back to: the page itself, with the
 * query of a GET (a step such as choosing a provider needs it), or the
 * path alone when that would be too long. */
static json_t *back_of(const bud_req *req)
{
	json_t *v;
	bud_buf b;
	size_t i;

	if (req->method != BUD_GET || req->nquery == 0)
		return json_string(req->path);
	bud_buf_init(&b, BUD_LANG_BACK_MAX);
	bud_buf_adds(&b, req->path);
	for (i = 0; i < req->nquery; i++) {
		bud_buf_addc(&b, i ? '&' : '?');
		bud_buf_add_url(&b, req->query[i].key);
		bud_buf_addc(&b, '=');
		bud_buf_add_url(&b, req->query[i].value);
	}
	v = json_string(bud_buf_failed(&b) ? req->path : bud_buf_str(&b));
	bud_buf_free(&b);
	return v;
}

/* {key: s} added to o; catalog texts are UTF-8 already. */
static void put_str(json_t *o, const char *key, const char *s)
{
	json_object_set_new_nocheck(o, key, json_string_nocheck(s));
}

/* The language switch's buttons, as HTML (layout.html's {{{langs}}}):
 * the same markup for every page, so it is written here rather than
 * built as a model of a dozen objects on every request. */
static void lang_buttons(bud_buf *b, const char *current)
{
	size_t i;

	for (i = 0; i < sizeof web_langs / sizeof web_langs[0]; i++) {
		char key[16];

		snprintf(key, sizeof key, "lang.%s", web_langs[i]);
		bud_buf_adds(b, "<button type=\"submit\" name=\"lang\" value=\"");
		bud_buf_adds(b, web_langs[i]);
		bud_buf_adds(b, "\" lang=\"");
		bud_buf_adds(b, web_langs[i]);
		bud_buf_adds(b, strcmp(current, web_langs[i]) == 0 ?
			     "\" aria-current=\"true\">" : "\">");
		bud_buf_add_html(b, bud_msg(web_langs[i], key));
		bud_buf_adds(b, "</button>\n");
	}
}

/* The navigation of each role: a path and its catalog key. A client's
 * own pages are under /clients/<their id> ("%"), a provider user's under
 * /providers/<its provider's id> ("@"), filled in by nav_items. */
struct nav_entry {
	int roles;		/* enum bud_role bits that see it */
	const char *href;	/* "%" stands for the client's own id */
	const char *key;
};

static const struct nav_entry nav_table[] = {
	{BUD_ROLE_ANY, "/", "nav.home"},
	{BUD_ROLE_WORKER | BUD_ROLE_DECISION_MAKER, "/clients", "nav.clients"},
	{BUD_ROLE_WORKER, "/reviews", "nav.reviews"},
	{BUD_ROLE_WORKER, "/disputes", "evweb.nav.disputes"},
	{BUD_ROLE_WORKER | BUD_ROLE_DECISION_MAKER | BUD_ROLE_FINANCE, "/reports/usage", "usage.nav"},
	{BUD_ROLE_DECISION_MAKER, "/decisions", "nav.decisions"},
	{BUD_ROLE_STAFF, "/prices", "nav.prices"},
	{BUD_ROLE_EVALUATOR | BUD_ROLE_ADMIN | BUD_ROLE_DECISION_MAKER, "/pilot", "nav.pilot"},
	{BUD_ROLE_ADMIN, "/settings", "nav.settings"},
	{BUD_ROLE_ADMIN, "/users", "nav.users"},
	{BUD_ROLE_ADMIN, "/retention", "nav.retention"},
	{BUD_ROLE_STAFF, "/providers/register", "nav.providers"},
	{BUD_ROLE_PROVIDER_USER, "/providers/@", "nav.own_provider"},
	{BUD_ROLE_PROVIDER_USER, "/providers/@/events", "evweb.nav.provider"},
	{BUD_ROLE_ADMIN | BUD_ROLE_WORKER, "/invitations", "nav.invitations"},
	{BUD_ROLE_FINANCE | BUD_ROLE_PROVIDER_USER, "/invoices", "nav.invoices"},
	{BUD_ROLE_FINANCE, "/payment-runs", "nav.payruns"},
	{BUD_ROLE_CLIENT, "/clients/%", "nav.own"},
	{BUD_ROLE_CLIENT, "/clients/%/plans", "nav.own_plans"},
	{BUD_ROLE_CLIENT, "/clients/%/events", "evweb.nav.client"},
	{BUD_ROLE_CLIENT, "/clients/%/log", "nav.own_log"},
	{BUD_ROLE_ANY, "/account", "nav.account"},
};

/* Whether the page at path is the entry's own page. */
static int nav_current(const char *path, const char *href)
{
	return strcmp(path, href) == 0;
}

/* The role's navigation links, as HTML (layout.html's {{{nav}}}). */
static void nav_items(bud_buf *b, bud_req *req)
{
	size_t i;

	for (i = 0; i < sizeof nav_table / sizeof nav_table[0]; i++) {
		const struct nav_entry *e = &nav_table[i];
		char href[64];
		const char *pct;

		if (!(e->roles & req->actor.role))
			continue;
		pct = strpbrk(e->href, "%@");
		if (pct)
			snprintf(href, sizeof href, "%.*s%lld%s", (int)(pct - e->href),
				 e->href, (long long)(*pct == '@' ? req->actor.provider_id :
						      req->actor.client_id), pct + 1);
		else
			snprintf(href, sizeof href, "%s", e->href);
		bud_buf_adds(b, "<li><a href=\"");
		bud_buf_add_html(b, href);
		bud_buf_adds(b, nav_current(req->path, href) ?
			     "\" aria-current=\"page\">" : "\">");
		bud_buf_add_html(b, bud_msg(req->lang, e->key));
		bud_buf_adds(b, "</a></li>\n");
	}
}

/* The header's language buttons and, for a signed-in user, the
 * navigation, into model as HTML. */
static void frame_html(bud_req *req, json_t *model)
{
	bud_buf b;

	bud_buf_init(&b, BUD_MAX_RESPONSE);
	lang_buttons(&b, req->lang);
	if (!bud_buf_failed(&b))
		json_object_set_new(model, "langs",
				    json_stringn_nocheck(bud_buf_str(&b), b.len));
	if (req->actor.user_id) {
		bud_buf_reset(&b);
		nav_items(&b, req);
		if (!bud_buf_failed(&b))
			json_object_set_new(model, "nav",
					    json_stringn_nocheck(bud_buf_str(&b), b.len));
	}
	bud_buf_free(&b);
}

/* The text of <title>: the page's title, after "Virhe:" ("Fel:",
 * "Error:") when the model has a failed form, so that it is the first
 * thing heard on the page shown again. */
static json_t *doc_title(bud_req *req, const char *title, json_t *model)
{
	char buf[BUD_TITLE_MAX];

	if (!bud_form_failed(model))
		return json_string(title);
	snprintf(buf, sizeof buf, "%s %s", bud_msg(req->lang, "form.error_title"), title);
	return json_string(buf);
}

/* The organiser's name and logo for the header and footer, and the
 * notice of a save (web/form.h). A page is still a page when the settings
 * cannot be read: it then goes without them. */
static void organiser_model(bud_req *req, int status, json_t *model)
{
	const char *notice = status == 200 ? bud_form_notice(req) : NULL;
	char name[BUD_NAME_MAX + 1];
	int64_t logo = 0;
	bud_err err;

	if (notice)
		json_object_set_new(model, "notice", json_string(notice));
	bud_err_clear(&err);
	if (bud_settings_brand(req->app, req->actor.user_id ? &req->actor : NULL,
			       req->lang, name, sizeof name, &logo, &err) != BUD_OK)
		return;
	if (name[0])
		json_object_set_new(model, "org_name", json_string(name));
	if (logo > 0)
		json_object_set_new(model, "org_logo", json_integer((json_int_t)logo));
}

int bud_web_page(bud_req *req, int status, const char *name,
		 const char *title_key, json_t *model)
{
	return bud_web_page_titled(req, status, name,
				   bud_msg(req->lang, title_key), model);
}

int bud_web_page_titled(bud_req *req, int status, const char *name,
			const char *title, json_t *model)
{
	bud_buf content;
	bud_err err;
	json_t *user = NULL;
	int rc;

	bud_err_clear(&err);
	bud_buf_init(&content, BUD_MAX_RESPONSE);
	json_object_set_new(model, "lang", json_string(req->lang));
	json_object_set_new(model, "title", json_string(title));
	json_object_set_new(model, "doc_title", doc_title(req, title, model));
	json_object_set_new(model, "csrf", json_string(bud_req_csrf(req)));
	json_object_set_new(model, "path", json_string(req->path));
	json_object_set_new(model, "back", back_of(req));
	frame_html(req, model);
	if (req->actor.user_id) {
		char key[48];

		snprintf(key, sizeof key, "role.%s", bud_role_name(req->actor.role));
		user = json_object();
		json_object_set_new_nocheck(user, "name", json_string(req->actor.display_name));
		put_str(user, "role", bud_msg(req->lang, key));
		json_object_set_new(model, "user", user);
	}
	organiser_model(req, status, model);
	/* whose eyes: the client's own (text says "you"), a representative's */
	json_object_set_new(model, "reader_self", json_boolean(req->actor.role & BUD_ROLE_CLIENT));
	json_object_set_new(model, "reader_rep",
			    json_boolean(req->actor.role & BUD_ROLE_REPRESENTATIVE));
	if (json_is_true(json_object_get(model, "easy_page")))	/* web/guide.h */
		bud_web_easy_model(req, model);
	/* a document in a language of its own (a decision in the client's
	 * language) inside the reader's own interface */
	rc = bud_tmpl_render(name, model, json_object_get(model, "content_lang") ?
			     json_string_value(json_object_get(model, "content_lang")) :
			     req->lang, &content, &err);
	if (rc != BUD_OK)
		goto out;
	/* our own templates' output: UTF-8 already, no second check */
	json_object_set_new(model, "content",
			    json_stringn_nocheck(bud_buf_str(&content), content.len));
	bud_buf_reset(&req->out);
	rc = bud_tmpl_render("layout", model, req->lang, &req->out, &err);
out:
	bud_buf_free(&content);
	json_decref(model);
	if (rc != BUD_OK)
		return bud_resp_error(req, &err);
	return bud_resp_html(req, status);
}

int bud_web_static(bud_req *req)
{
	const char *name = bud_req_param(req, "name");
	const struct bud_embed *f = name ? bud_embed_find(bud_static_files, name) : NULL;
	const char *type = "application/octet-stream";
	const char *dot;
	bud_err err;

	if (!f) {
		bud_err_set(&err, BUD_ENOTFOUND, NULL, "err.not_found", "no such file");
		return bud_resp_error(req, &err);
	}
	dot = strrchr(name, '.');
	if (dot && strcmp(dot, ".css") == 0)
		type = "text/css; charset=utf-8";
	else if (dot && strcmp(dot, ".svg") == 0)
		type = "image/svg+xml";
	return bud_resp_text(req, 200, type, f->data, f->len);
}
