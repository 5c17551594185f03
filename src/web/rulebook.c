/*
 * web/rulebook.c: the rulebook's pages (see web/rulebook.h). The texts
 * exist in Finnish and Swedish; a page in English shows the Finnish text
 * (the rulebook is a legal text the organiser writes in its two official
 * languages).
 */
#include <stdio.h>
#include <string.h>

#include "app/provider.h"
#include "app/rulebook.h"
#include "bud_limits.h"
#include "web/form.h"
#include "web/rulebook.h"
#include "web/view.h"
#include "web/web.h"

static const struct bud_form_field add_fields[] = {
	{"effective_on", "rb-effective_on", "rulebook.field.effective_on", NULL},
	{"general_fi", "rb-general_fi", "rulebook.field.general_fi", NULL},
	{"general_sv", "rb-general_sv", "rulebook.field.general_sv", NULL},
	{"parts", "rb-service", "rulebook.field.service", NULL},
	{NULL, NULL, NULL, NULL}};
static const struct bud_form_def add_form = {"rulebook-form", add_fields};

static const char *text_lang(const bud_req *req)
{
	return strcmp(req->lang, "sv") == 0 ? "sv" : "fi";
}

/* The name of service code in the page language, from the catalogue ch. */
static const char *service_name(json_t *ch, const char *code, const char *lang)
{
	json_t *s;
	size_t i;

	json_array_foreach(json_object_get(ch, "services"), i, s)
		if (strcmp(bud_view_str(s, "code"), code) == 0)
			return bud_view_lang_name(s, lang);
	return code;
}

static json_t *catalogue(bud_req *req)
{
	json_t *c = NULL;
	bud_err err;

	if (bud_provider_public_choices(req->app, &req->actor, &c, &err) != BUD_OK)
		c = json_pack("{s:[]}", "services");
	return c;
}

/* Version v's page model: {id, date, status, general, parts, text_lang}
 * (the texts exist in fi and sv only: text_lang marks them on the page). */
static json_t *version_model(bud_req *req, json_t *ch, json_t *v)
{
	const char *tl = text_lang(req);
	json_t *parts = json_array(), *p;
	size_t i;

	json_array_foreach(json_object_get(v, "parts"), i, p)
		json_array_append_new(parts, json_pack("{s:s, s:s}",
			"service", service_name(ch, bud_view_str(p, "service"), req->lang),
			"text", bud_view_str(p, tl)));
	return json_pack("{s:I, s:o, s:s, s:s, s:o, s:s}", "id", bud_view_int(v, "id"),
		"date", bud_view_date(bud_view_str(v, "effective_on"), req->lang),
		"status", bud_view_word(req->lang, "rulebook.status.",
					bud_view_str(v, "status"), ""),
		"general", bud_view_str(json_object_get(v, "general"), tl), "parts", parts,
		"text_lang", tl);
}

json_t *bud_web_rulebook_of_provider(bud_req *req, json_t *pv)
{
	json_t *rb = json_object_get(pv, "rulebook"), *hist = json_array(), *a, *v = NULL;
	json_t *m, *ch;
	json_int_t open = json_integer_value(json_array_get(json_object_get(rb, "to_accept"), 0));
	size_t i;
	bud_err err;

	json_array_foreach(json_object_get(rb, "accepted"), i, a)
		json_array_append_new(hist, json_pack("{s:o, s:o, s:s}",
			"date", bud_view_date(bud_view_str(a, "effective_on"), req->lang),
			"at", bud_view_unix_date(bud_view_int(a, "accepted_at"), req->lang),
			"by", bud_view_str(a, "accepted_by_name")));
	m = json_pack("{s:b, s:o, s:I, s:b}", "has_history", json_array_size(hist) > 0,
		      "history", hist, "provider_id", bud_view_int(pv, "id"), "accept",
		      open > 0 && json_is_true(json_object_get(json_object_get(pv, "can"),
							       "accept_rulebook")));
	if (open > 0 && bud_rulebook_get(req->app, &req->actor, open, &v, &err) == BUD_OK) {
		ch = catalogue(req);
		json_object_set_new(m, "open", version_model(req, ch, v));
		json_decref(ch);
		json_decref(v);
	}
	return m;
}

/* ---- the organiser's page ---------------------------------------------- */

static int page(bud_req *req, int status, struct bud_form *f, json_t *values)
{
	json_t *list = NULL, *rows = json_array(), *ch = catalogue(req), *v, *m, *opts;
	size_t i;
	bud_err err;

	if (bud_rulebook_list(req->app, &req->actor, &list, &err) != BUD_OK) {
		json_decref(rows);
		json_decref(ch);
		json_decref(values);
		if (f)
			bud_form_release(f);
		return bud_resp_error(req, &err);
	}
	json_array_foreach(list, i, v)
		json_array_append_new(rows, version_model(req, ch, v));
	opts = json_array();
	json_array_foreach(json_object_get(ch, "services"), i, v)
		json_array_append_new(opts, json_pack("{s:s, s:s}", "value", bud_view_str(v, "code"),
			"label", bud_view_lang_name(v, req->lang)));
	m = json_pack("{s:o, s:b, s:b, s:o, s:o, s:b}", "versions", rows,
		      "none", json_array_size(list) == 0,
		      "can_add", (req->actor.role & (BUD_ROLE_WORKER | BUD_ROLE_ADMIN)) != 0,
		      "services", opts, "values", values ? values : json_object(),
		      "saved", status == 200 && bud_req_query(req, "saved") != NULL);
	json_decref(list);
	json_decref(ch);
	if (f)
		bud_form_model(f, m);
	return bud_web_page(req, status, "rulebook", "rulebook.title", m);
}

int bud_web_rulebook(bud_req *req)
{
	return page(req, 200, NULL, NULL);
}

/* Read the add form into in and values (what was typed, for the form). */
static void read_add(bud_req *req, struct bud_form *f, struct bud_rulebook_in *in,
		     json_t *values)
{
	const char *service = NULL, *fi = NULL, *sv = NULL;
	bud_err err;

	bud_form_check(f, bud_req_date(req, "effective_on", 1, &in->effective_on, &err), &err);
	bud_form_check(f, bud_req_str(req, "general_fi", 1, BUD_RULEBOOK_TEXT_MAX,
				      &in->general_fi, &err), &err);
	bud_form_check(f, bud_req_str(req, "general_sv", 1, BUD_RULEBOOK_TEXT_MAX,
				      &in->general_sv, &err), &err);
	bud_req_str(req, "service", 0, BUD_CODE_MAX, &service, &err);
	bud_req_str(req, "part_fi", 0, BUD_RULEBOOK_TEXT_MAX, &fi, &err);
	bud_req_str(req, "part_sv", 0, BUD_RULEBOOK_TEXT_MAX, &sv, &err);
	if (service && *service) {
		in->parts[0] = (struct bud_rulebook_part_in){service, fi, sv};
		in->nparts = 1;
	}
	json_object_set_new(values, "effective_on", in->effective_on ?
			    bud_form_date(in->effective_on, req->lang) :
			    json_string(bud_view_form_value(req, "effective_on")));
	json_object_set_new(values, "general_fi", json_string(in->general_fi ? in->general_fi : ""));
	json_object_set_new(values, "general_sv", json_string(in->general_sv ? in->general_sv : ""));
	json_object_set_new(values, "part_fi", json_string(fi ? fi : ""));
	json_object_set_new(values, "part_sv", json_string(sv ? sv : ""));
}

int bud_web_rulebook_add(bud_req *req)
{
	struct bud_rulebook_in *in = bud_req_alloc(req, sizeof(*in));
	json_t *values = json_object();
	struct bud_form f;
	bud_err err;

	memset(in, 0, sizeof(*in));
	bud_err_clear(&err);
	bud_form_init(&f, &add_form, req->lang);
	read_add(req, &f, in, values);
	if (!bud_form_count(&f)) {
		if (bud_rulebook_add(req->app, &req->actor, in, NULL, &err) == BUD_OK) {
			json_decref(values);
			bud_form_release(&f);
			return bud_resp_redirect(req, "/rulebook?saved=1");
		}
		if (err.code != BUD_EINVAL && err.code != BUD_ECONFLICT) {
			json_decref(values);
			bud_form_release(&f);
			return bud_resp_error(req, &err);
		}
		bud_form_add(&f, &err, "effective_on");
	}
	return page(req, 422, &f, values);
}
