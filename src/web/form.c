/*
 * web/form.c: collecting a submit's errors into the page model (see
 * web/form.h). A handful of errors per request; the json lives until the
 * page is rendered. Owns only what bud_form holds.
 */
#include <stdio.h>
#include <string.h>

#include "bud_limits.h"
#include "core/date.h"
#include "core/i18n.h"
#include "http/http.h"
#include "web/form.h"
#include "web/view.h"

void bud_form_init(struct bud_form *f, const struct bud_form_def *def,
		   const char *lang)
{
	f->def = def;
	f->lang = lang;
	f->items = json_array();
	f->invalid = json_object();
}

const struct bud_form_field *bud_form_field(const struct bud_form_def *def,
					    const char *name)
{
	const struct bud_form_field *fl;

	if (!name || !name[0])
		return NULL;
	for (fl = def->fields; fl->name; fl++)
		if (strcmp(fl->name, name) == 0)
			return fl;
	return NULL;
}

/* Add message to the declared field fl (NULL: the form itself). */
static void add(struct bud_form *f, const struct bud_form_field *fl,
		const char *message)
{
	/* an element id is a template name (invalid.ID), so it fits one */
	char id[BUD_TMPL_MAX_NAME + sizeof "-error"];

	if (!fl) {
		json_array_append_new(f->items, json_pack("{s:s, s:s, s:s}",
			"href", f->def->id, "label", "", "message", message));
		return;
	}
	json_array_append_new(f->items, json_pack("{s:s, s:s, s:s}",
		"href", fl->anchor ? fl->anchor : fl->id,
		"label", fl->label ? bud_msg(f->lang, fl->label) : "",
		"message", message));
	if (json_object_get(f->invalid, fl->id))
		return;		/* the first message of a field is shown by it */
	snprintf(id, sizeof id, "%s-error", fl->id);
	json_object_set_new(f->invalid, fl->id,
			    json_pack("{s:s, s:s}", "id", id, "message", message));
}

void bud_form_add(struct bud_form *f, const bud_err *err, const char *fallback)
{
	const struct bud_form_field *fl = bud_form_field(f->def, err->field);

	if (!fl)
		fl = bud_form_field(f->def, fallback);
	add(f, fl, bud_view_err_message(f->lang, err));
}

void bud_form_add_text(struct bud_form *f, const char *field,
		       const char *message)
{
	add(f, bud_form_field(f->def, field), message);
}

int bud_form_check(struct bud_form *f, int rc, const bud_err *err)
{
	if (rc == BUD_OK)
		return 0;
	bud_form_add(f, err, NULL);
	return 1;
}

size_t bud_form_count(const struct bud_form *f)
{
	return json_array_size(f->items);
}

void bud_form_model(struct bud_form *f, json_t *m)
{
	if (bud_form_count(f)) {
		json_object_set_new(m, "form_errors", json_pack("{s:O}", "items", f->items));
		json_object_set(m, "invalid", f->invalid);
	}
	bud_form_release(f);
}

void bud_form_release(struct bud_form *f)
{
	json_decref(f->items);
	json_decref(f->invalid);
	f->items = f->invalid = NULL;
}

int bud_form_failed(json_t *m)
{
	return json_array_size(json_object_get(json_object_get(m, "form_errors"),
					       "items")) > 0;
}

/* what: 1..32 of [a-z_]. */
static int notice_word(const char *what)
{
	size_t i;

	for (i = 0; what && what[i]; i++)
		if (i >= 32 || !((what[i] >= 'a' && what[i] <= 'z') || what[i] == '_'))
			return 0;
	return what && i > 0;
}

int bud_form_done(bud_req *req, const char *where, const char *what)
{
	bud_buf b;
	int rc;

	if (!notice_word(what))
		return bud_resp_redirect(req, where);
	const char *hash = strchr(where, '#');
	size_t path = hash ? (size_t)(hash - where) : strlen(where);

	/* the query goes before a #fragment */
	bud_buf_init(&b, BUD_LANG_BACK_MAX + 64);
	bud_buf_add(&b, where, path);
	bud_buf_addf(&b, "%snotice=%s%s", memchr(where, '?', path) ? "&" : "?", what,
		     hash ? hash : "");
	rc = bud_resp_redirect(req, bud_buf_failed(&b) ? where :
			       bud_req_strdup(req, bud_buf_str(&b)));
	bud_buf_free(&b);
	return rc;
}

const char *bud_form_notice(bud_req *req)
{
	const char *what = bud_req_query(req, "notice");
	char key[48];
	const char *text;

	if (req->method != BUD_GET || !notice_word(what))
		return NULL;
	snprintf(key, sizeof key, "notice.%s", what);
	text = bud_msg(req->lang, key);
	return text == key ? NULL : text;
}

json_t *bud_form_date(const char *iso, const char *lang)
{
	char out[BUD_DATE_BUF + 8];

	/* bud_date_show copies what is no date, but cut to out's size */
	if (!iso || bud_date_show(iso, lang, out, sizeof out) != BUD_OK)
		return json_string(iso ? iso : "");
	return json_string(out);
}
