/*
 * web/view.c: reading app/'s views and building the shared parts of page
 * models (see web/view.h). Owns nothing beyond the values it returns.
 */
#include <stdio.h>
#include <string.h>

#include "app/municipality.h"
#include "bud_limits.h"
#include "core/date.h"
#include "core/i18n.h"
#include "core/money.h"
#include "web/view.h"

const char *bud_view_str(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s ? s : "";
}

json_int_t bud_view_int(json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

int bud_view_has(json_t *arr, const char *s)
{
	json_t *v;
	size_t i;

	json_array_foreach(arr, i, v)
		if (json_is_string(v) && strcmp(json_string_value(v), s) == 0)
			return 1;
	return 0;
}

json_t *bud_view_person_name(json_t *o)
{
	char buf[2 * BUD_NAME_MAX + 2];

	snprintf(buf, sizeof buf, "%s %s", bud_view_str(o, "first_name"),
		 bud_view_str(o, "last_name"));
	return json_string(buf);
}

const char *bud_view_lang_name(json_t *o, const char *lang)
{
	char key[16];
	const char *s;

	snprintf(key, sizeof key, "name_%s", lang);
	s = bud_view_str(o, key);
	return *s ? s : bud_view_str(o, "name_fi");
}

const char *bud_view_word(const char *lang, const char *prefix, const char *code,
			  const char *suffix)
{
	char key[96];
	const char *s;

	snprintf(key, sizeof key, "%s%.40s%s", prefix, code ? code : "", suffix);
	s = bud_msg(lang, key);
	/* bud_msg answers a missing key with the key itself: here that is
	 * this frame's buffer, gone on return; the code is the caller's */
	return s == key ? (code ? code : "") : s;
}

json_t *bud_view_date(const char *iso, const char *lang)
{
	char out[32];

	if (!iso || !*iso)
		return json_string("");
	bud_date_show(iso, lang, out, sizeof out);
	return json_string(out);
}

json_t *bud_view_unix_date(int64_t t, const char *lang)
{
	struct bud_tm tm;
	char iso[BUD_DATE_BUF];

	if (t == 0 || bud_time_helsinki(t, &tm) != BUD_OK ||
	    bud_date_format(tm.year, tm.month, tm.day, iso) != BUD_OK)
		return json_string("");
	return bud_view_date(iso, lang);
}

json_t *bud_view_money(int64_t cents, const char *lang)
{
	char buf[BUD_MONEY_BUF];

	if (bud_money_format(cents, lang, buf, sizeof buf) != BUD_OK)
		buf[0] = '\0';
	return json_string(buf);
}

const char *bud_view_form_value(bud_req *req, const char *name)
{
	size_t i;

	for (i = 0; i < req->nform; i++)
		if (strcmp(req->form[i].key, name) == 0)
			return req->form[i].value ? req->form[i].value : "";
	return "";
}

const char *bud_view_err_message(const char *lang, const bud_err *err)
{
	return bud_msg(lang, err->key && err->key[0] ? err->key : "err.generic");
}

int bud_view_form_status(int code)
{
	return code == BUD_EINVAL ? 422 : bud_rc_http_status(code);
}

/* path?query&cursor=at (query and cursor when given) into a new string. */
static json_t *pager_href(const char *path, const char *query, int64_t at)
{
	char href[BUD_MAX_URL];
	int k;

	k = snprintf(href, sizeof(href), "%s%s%s%s", path, (query && *query) || at ? "?" : "",
		     query ? query : "", query && *query && at ? "&" : "");
	if (at && k > 0 && (size_t)k < sizeof(href))
		snprintf(href + k, sizeof(href) - (size_t)k, "cursor=%lld", (long long)at);
	return json_string(href);
}

/* The pager's rows and "more" (see bud_web_pager). */
static json_t *pager_new(const struct bud_page *pg, int64_t first, size_t n)
{
	json_t *p = json_object();

	if (first > 0 && n) {	/* offset lists know which rows these are */
		json_object_set_new(p, "from", json_integer(first));
		json_object_set_new(p, "to", json_integer(first + (int64_t)n - 1));
	}
	json_object_set_new(p, "more", json_boolean(pg->next != 0));
	return p;
}

void bud_web_pager(json_t *m, const char *path, const char *query,
		   const struct bud_page *pg, int64_t first, size_t n)
{
	json_t *p = pager_new(pg, first, n);

	if (pg->at)
		json_object_set_new(p, "first_href", pager_href(path, query, 0));
	if (pg->next)
		json_object_set_new(p, "next_href", pager_href(path, query, pg->next));
	json_object_set_new(m, "pager", p);
}

/* A pager form: {action, fields: [{name, value}]}, the fields and, when
 * at, the cursor. */
static json_t *pager_form(const char *path, json_t *fields, int64_t at)
{
	json_t *list = json_array(), *v;
	const char *name;
	char cursor[24];

	json_object_foreach(fields, name, v)
		json_array_append_new(list, json_pack("{s:s, s:O}", "name", name,
						      "value", v));
	if (at) {
		snprintf(cursor, sizeof(cursor), "%lld", (long long)at);
		json_array_append_new(list, json_pack("{s:s, s:s}", "name", "cursor",
						      "value", cursor));
	}
	return json_pack("{s:s, s:o}", "action", path, "fields", list);
}

void bud_web_pager_post(json_t *m, const char *path, json_t *fields,
			const struct bud_page *pg, int64_t first, size_t n)
{
	json_t *p = pager_new(pg, first, n);

	if (pg->at)
		json_object_set_new(p, "first_form", pager_form(path, fields, 0));
	if (pg->next)
		json_object_set_new(p, "next_form", pager_form(path, fields, pg->next));
	json_object_set_new(m, "pager", p);
}

int bud_view_page_error(int code)
{
	return code == BUD_ENOTFOUND || code == BUD_EFORBIDDEN || code == BUD_EIO ||
	       code == BUD_EBUSY || code == BUD_EINTERNAL || code == BUD_ENOMEM;
}

json_t *bud_view_municipality(const char *stored, const char *lang)
{
	return json_string(bud_municipality_show(stored ? stored : "", lang));
}

static void municipality_option(json_t *arr, const char *value, const char *label,
				const char *chosen)
{
	json_array_append_new(arr, json_pack("{s:s, s:s, s:b}", "value", value,
		"label", label, "selected", chosen && strcmp(chosen, value) == 0));
}

json_t *bud_view_municipality_options(json_t *values, const char *chosen,
				      const char *lang)
{
	json_t *arr = json_array(), *v;
	const struct bud_municipality *m;
	int known = !chosen || !chosen[0];
	size_t i;

	if (!values) {
		/* the name from the entry at hand, not looked up again by
		 * value: that was a scan of the list for each of its entries */
		for (i = 0; (m = bud_municipality_at(i, lang)); i++) {
			municipality_option(arr, m->fi, bud_municipality_name(m, lang),
					    chosen);
			known |= chosen && strcmp(chosen, m->fi) == 0;
		}
	} else {
		json_array_foreach(values, i, v) {
			municipality_option(arr, json_string_value(v),
				bud_municipality_show(json_string_value(v), lang), chosen);
			known |= chosen && strcmp(chosen, json_string_value(v)) == 0;
		}
	}
	if (!known)
		json_array_insert_new(arr, 0, json_pack("{s:s, s:s, s:b}", "value",
			chosen, "label", chosen, "selected", 1));
	return arr;
}
