/*
 * web/casework.c: the pages of steps 2-4 of a case: the service need
 * assessment (versions, the two views side by side), the offer of a
 * personal budget with the answer in force and its history, and the
 * support plan. Handlers decode forms, call app/casework.h and turn its
 * views into page models; texts come from casework.*.msg. After a change
 * the browser is sent back (303) to the page it came from; invalid input
 * re-renders the form with 422, its errors (web/form.h: every field the
 * page decodes is checked on its own, so all are listed at once) and the
 * typed values.
 */
#include <stdio.h>
#include <string.h>

#include "app/casework.h"
#include "app/price.h"
#include "core/date.h"
#include "core/i18n.h"
#include "bud_limits.h"
#include "web/casework.h"
#include "web/form.h"
#include "web/guide.h"
#include "web/view.h"
#include "web/web.h"

#define SHOW_MAX 64	/* a date or "name (role)" as shown */

static const char *t(bud_req *req, const char *key)
{
	return bud_msg(req->lang, key);
}

/* "Name (role)" of an author view {id, name, role}; to the author
 * themselves "you" (issue 13 item 4: the client's pages speak to them). */
static json_t *author_show(bud_req *req, json_t *a)
{
	char key[48], out[BUD_DISPLAY_NAME_MAX * 4 + SHOW_MAX];

	if (req->actor.user_id && bud_view_int(a, "id") == req->actor.user_id)
		return json_string(t(req, "casework.you"));
	snprintf(key, sizeof(key), "role.%s", bud_view_str(a, "role"));
	snprintf(out, sizeof(out), "%s (%s)", bud_view_str(a, "name"), t(req, key));
	return json_string(out);
}

static json_t *client_show(json_t *c)
{
	return json_pack("{s:I, s:o, s:b}", "id", bud_view_int(c, "id"),
			 "name", bud_view_person_name(c),
			 "easy_read", json_is_true(json_object_get(c, "easy_read")));
}

/* The catalogue as [{code, name}] in the page language. */
static int catalogue(bud_req *req, json_t **out, bud_err *err)
{
	json_t *all = NULL, *s;
	size_t i;
	int rc;

	*out = NULL;
	if ((rc = bud_price_services(req->app, &req->actor, &all, err)) != BUD_OK)
		return rc;
	*out = json_array();
	json_array_foreach(json_object_get(all, "items"), i, s)
		json_array_append_new(*out, json_pack("{s:s, s:s}", "code",
			bud_view_str(s, "code"), "name", bud_view_lang_name(s, req->lang)));
	json_decref(all);
	return BUD_OK;
}

static const char *service_name(json_t *cat, const char *code)
{
	size_t i;
	json_t *s;

	json_array_foreach(cat, i, s)
		if (strcmp(bud_view_str(s, "code"), code) == 0)
			return bud_view_str(s, "name");
	return code;
}

/* Service codes as [{code, name}]. */
static json_t *named(json_t *cat, json_t *codes)
{
	json_t *arr = json_array(), *c;
	size_t i;

	json_array_foreach(codes, i, c)
		json_array_append_new(arr, json_pack("{s:s, s:s}", "code",
			json_string_value(c), "name",
			service_name(cat, json_string_value(c))));
	return arr;
}

/* Every value of form field name (request memory), *n of them. */
static const char **form_all(bud_req *req, const char *name, size_t *n)
{
	const char **out = bud_req_alloc(req, (req->nform + 1) * sizeof(*out));
	size_t i;

	*n = 0;
	for (i = 0; i < req->nform; i++)
		if (strcmp(req->form[i].key, name) == 0)
			out[(*n)++] = req->form[i].value;
	return out;
}

/* An array of the strings list[0..n-1]. */
static json_t *str_list(const char *const *list, size_t n)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(arr, json_string(list[i]));
	return arr;
}

/* Whether err should be shown on the form (else an error page). */
static int form_error(const bud_err *err)
{
	return err->code == BUD_EINVAL || err->code == BUD_ECONFLICT;
}

/* ---- the forms' fields (web/form.h) ---- */

/* A group of checkboxes has its fieldset's id, which the summary links. */
static const struct bud_form_field offer_fields[] = {
	{"offered_on", "offered_on", "casework.offered_on", NULL},
	{"services", "offer-services", "casework.offer.choose", NULL},
	{"note", "offer-note", "casework.offer.note", NULL},
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_field answer_fields[] = {
	{"answer", "answer-group", "casework.answer.legend", "answer-all"},
	{"services", "answer-services", "casework.answer.services_legend", NULL},
	{"usual_note", "usual_note", "casework.answer.usual_note", NULL},
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_field support_fields[] = {
	{"goals", "goals", "casework.goals", NULL},
	{"wishes", "wishes", "casework.wishes", NULL},
	{"services", "sp-services", "casework.services_wanted", NULL},
	{"service_notes", "sp-services", "casework.services_wanted", NULL},
	{"helpers", "sp-helpers", "casework.helpers", NULL},
	{"helper_note", "helper_note", "casework.helper_note", NULL},
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_def offer_form = {"offer-form", offer_fields};
static const struct bud_form_def answer_form = {"answer-form", answer_fields};
static const struct bud_form_def support_form_def = {"support-plan-form", support_fields};

/* The assessment form's fields: five, then the two views of each need
 * area (labelled by the area); in request memory. */
static const struct bud_form_def *assessment_def(bud_req *req)
{
	static const struct bud_form_field head[] = {
		{"assessed_on", "assessed_on", "casework.assessed_on", NULL},
		{"participants", "participants", "casework.participants", NULL},
		{"client_view", "client_view", "casework.client_view", NULL},
		{"worker_view", "worker_view", "casework.worker_view", NULL},
		{"notes", "notes", "casework.notes", NULL},
	};
	size_t nh = sizeof head / sizeof head[0], n = nh + 2 * BUD_NEED_AREAS, i;
	struct bud_form_field *fl = bud_req_alloc(req, (n + 1) * sizeof(*fl));
	struct bud_form_def *def = bud_req_alloc(req, sizeof(*def));

	memcpy(fl, head, sizeof head);
	for (i = 0; i < 2 * BUD_NEED_AREAS; i++) {
		char *name = bud_req_alloc(req, 48), *label = bud_req_alloc(req, 48);

		snprintf(name, 48, "need_%s_%s", bud_need_areas[i / 2],
			 i % 2 ? "worker" : "client");
		snprintf(label, 48, "casework.area.%s", bud_need_areas[i / 2]);
		fl[nh + i] = (struct bud_form_field){name, name, label, NULL};
	}
	memset(&fl[n], 0, sizeof(fl[n]));
	def->id = "assessment-form";
	def->fields = fl;
	return def;
}

/* Add the app's error err (on the form, else the page answers with the
 * error) to fe; fallback: the field of an error that names none. */
static int app_error(struct bud_form *fe, const bud_err *err, const char *fallback)
{
	if (!form_error(err))
		return 0;
	bud_form_add(fe, err, fallback);
	return 1;
}


static int page_id(bud_req *req, int64_t *id, bud_err *err)
{
	bud_err_clear(err);
	return bud_req_id(req, "id", id, err);
}

/* ---- assessments ---- */

/* The two views side by side: the overall row, then the stored areas. */
static json_t *assessment_body(bud_req *req, json_t *a)
{
	json_t *rows = json_array(), *needs = json_object_get(a, "needs");
	char key[48];
	int i;

	json_array_append_new(rows, json_pack("{s:s, s:b, s:s, s:s}",
		"label", t(req, "casework.overall"), "overall", 1,
		"client_view", bud_view_str(a, "client_view"),
		"worker_view", bud_view_str(a, "worker_view")));
	for (i = 0; i < BUD_NEED_AREAS; i++) {
		json_t *n = json_object_get(needs, bud_need_areas[i]);

		if (!n)
			continue;
		snprintf(key, sizeof(key), "casework.area.%s", bud_need_areas[i]);
		json_array_append_new(rows, json_pack("{s:s, s:s, s:s}",
			"label", t(req, key),
			"client_view", bud_view_str(n, "client_view"),
			"worker_view", bud_view_str(n, "worker_view")));
	}
	return json_pack("{s:I, s:I, s:o, s:s, s:s, s:o, s:o}",
		"id", bud_view_int(a, "id"), "version", bud_view_int(a, "version"),
		"date", bud_view_date(bud_view_str(a, "assessed_on"), req->lang),
		"participants", bud_view_str(a, "participants"),
		"notes", bud_view_str(a, "notes"),
		"by", author_show(req, json_object_get(a, "created_by")),
		"rows", rows);
}

static json_t *assessment_items(bud_req *req, json_t *items)
{
	json_t *arr = json_array(), *it;
	size_t i;

	json_array_foreach(items, i, it)
		json_array_append_new(arr, json_pack("{s:I, s:I, s:o, s:o}",
			"id", bud_view_int(it, "id"), "version", bud_view_int(it, "version"),
			"date", bud_view_date(bud_view_str(it, "assessed_on"), req->lang),
			"by", author_show(req, json_object_get(it, "created_by"))));
	return arr;
}

int bud_web_assessments(bud_req *req)
{
	json_t *list = NULL, *one = NULL, *m, *items;
	int64_t id;
	bud_err err;

	if (page_id(req, &id, &err) ||
	    bud_assessment_list(req->app, &req->actor, id, &list, &err))
		return bud_resp_error(req, &err);
	items = json_object_get(list, "items");
	if (json_array_size(items) &&
	    bud_assessment_get(req->app, &req->actor,
			       bud_view_int(json_array_get(items, 0), "id"), &one, &err)) {
		json_decref(list);
		return bud_resp_error(req, &err);
	}
	m = json_pack("{s:o, s:b, s:o}", "client",
		client_show(json_object_get(list, "client")), "can_create",
		json_is_true(json_object_get(json_object_get(list, "can"), "create")),
		"items", assessment_items(req, items));
	if (one)
		json_object_set_new(m, "a", assessment_body(req, one));
	json_decref(one);
	json_decref(list);
	bud_web_easy_page(req, m);	/* web/guide.h */
	return bud_web_page(req, 200, "casework_assessments",
			    "casework.assessments.title", m);
}

int bud_web_assessment(bud_req *req)
{
	json_t *a = NULL, *m;
	int64_t id;
	bud_err err;

	if (page_id(req, &id, &err) ||
	    bud_assessment_get(req->app, &req->actor, id, &a, &err))
		return bud_resp_error(req, &err);
	m = json_pack("{s:o, s:o}", "client", client_show(json_object_get(a, "client")),
		      "a", assessment_body(req, a));
	json_decref(a);
	bud_web_easy_page(req, m);	/* web/guide.h */
	return bud_web_page(req, 200, "casework_assessment",
			    "casework.assessments.title", m);
}

/* The form's model with the values of in (typed or empty). */
static json_t *assessment_form_model(bud_req *req, json_t *client,
				     const struct bud_assessment_in *in)
{
	json_t *areas = json_array(), *m;
	char key[48], cname[48], wname[48];
	int i;

	for (i = 0; i < BUD_NEED_AREAS; i++) {
		snprintf(key, sizeof(key), "casework.area.%s", bud_need_areas[i]);
		snprintf(cname, sizeof(cname), "need_%s_client", bud_need_areas[i]);
		snprintf(wname, sizeof(wname), "need_%s_worker", bud_need_areas[i]);
		json_array_append_new(areas, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}",
			"area", bud_need_areas[i], "label", t(req, key),
			"client_name", cname, "worker_name", wname,
			"client_value", in->needs[i].client_view ? in->needs[i].client_view : "",
			"worker_value", in->needs[i].worker_view ? in->needs[i].worker_view : ""));
	}
	m = json_pack("{s:o, s:o, s:s, s:s, s:s, s:s, s:o}", "client", client,
		"assessed_on", bud_form_date(in->assessed_on, req->lang),
		"participants", in->participants ? in->participants : "",
		"client_view", in->client_view ? in->client_view : "",
		"worker_view", in->worker_view ? in->worker_view : "",
		"notes", in->notes ? in->notes : "", "areas", areas);
	return m;
}

/* Give each need area of model m its two fields' errors (client_error,
 * worker_error) from m.invalid: the template cannot name them. */
static void area_errors(json_t *m)
{
	json_t *invalid = json_object_get(m, "invalid"), *a, *e;
	size_t i;

	json_array_foreach(json_object_get(m, "areas"), i, a) {
		if ((e = json_object_get(invalid, bud_view_str(a, "client_name"))))
			json_object_set(a, "client_error", e);
		if ((e = json_object_get(invalid, bud_view_str(a, "worker_name"))))
			json_object_set(a, "worker_error", e);
	}
}

/* Render the assessment form for client id (status; fe, the errors of
 * the form sent, may be NULL; it is released). */
static int assessment_form_page(bud_req *req, int64_t id, int status,
				const struct bud_assessment_in *in,
				struct bud_form *fe)
{
	json_t *list = NULL, *m;
	bud_err err;

	if (bud_assessment_list(req->app, &req->actor, id, &list, &err)) {
		if (fe)
			bud_form_release(fe);
		return bud_resp_error(req, &err);
	}
	m = assessment_form_model(req, client_show(json_object_get(list, "client")), in);
	json_decref(list);
	if (fe) {
		bud_form_model(fe, m);
		area_errors(m);
	}
	return bud_web_page(req, status, "casework_assessment_form",
			    "casework.assessment_new.title", m);
}

int bud_web_assessment_form(bud_req *req)
{
	struct bud_assessment_in in;
	char today[BUD_DATE_BUF];
	int64_t id;
	bud_err err;

	if (page_id(req, &id, &err))
		return bud_resp_error(req, &err);
	memset(&in, 0, sizeof(in));
	if (bud_app_today(req->app, today, sizeof(today)) == BUD_OK)
		in.assessed_on = today;
	return assessment_form_page(req, id, 200, &in, NULL);
}

/* The typed values, as they were, for showing again. */
static void assessment_raw(bud_req *req, struct bud_assessment_in *in)
{
	char name[48];
	int i;

	memset(in, 0, sizeof(*in));
	in->assessed_on = bud_view_form_value(req, "assessed_on");
	in->participants = bud_view_form_value(req, "participants");
	in->client_view = bud_view_form_value(req, "client_view");
	in->worker_view = bud_view_form_value(req, "worker_view");
	in->notes = bud_view_form_value(req, "notes");
	for (i = 0; i < BUD_NEED_AREAS; i++) {
		snprintf(name, sizeof(name), "need_%s_client", bud_need_areas[i]);
		in->needs[i].client_view = bud_view_form_value(req, name);
		snprintf(name, sizeof(name), "need_%s_worker", bud_need_areas[i]);
		in->needs[i].worker_view = bud_view_form_value(req, name);
	}
}

/* Decode the form into in, each field on its own: every error goes into
 * fe. Nonzero when any field was wrong. */
static int assessment_decode(bud_req *req, struct bud_assessment_in *in,
			     struct bud_form *fe)
{
	char name[48];
	bud_err err;
	int i, bad = 0;

	memset(in, 0, sizeof(*in));
	bud_err_clear(&err);
	bad |= bud_form_check(fe, bud_req_date(req, "assessed_on", 1, &in->assessed_on, &err), &err);
	bad |= bud_form_check(fe, bud_req_str(req, "participants", 1, BUD_NOTE_MAX, &in->participants, &err), &err);
	bad |= bud_form_check(fe, bud_req_str(req, "client_view", 0, BUD_TEXT_MAX, &in->client_view, &err), &err);
	bad |= bud_form_check(fe, bud_req_str(req, "worker_view", 0, BUD_TEXT_MAX, &in->worker_view, &err), &err);
	bad |= bud_form_check(fe, bud_req_str(req, "notes", 0, BUD_TEXT_MAX, &in->notes, &err), &err);
	for (i = 0; i < BUD_NEED_AREAS; i++) {
		snprintf(name, sizeof(name), "need_%s_client", bud_need_areas[i]);
		bad |= bud_form_check(fe, bud_req_str(req, name, 0, BUD_TEXT_MAX,
					&in->needs[i].client_view, &err), &err);
		snprintf(name, sizeof(name), "need_%s_worker", bud_need_areas[i]);
		bad |= bud_form_check(fe, bud_req_str(req, name, 0, BUD_TEXT_MAX,
					&in->needs[i].worker_view, &err), &err);
	}
	return bad;
}

int bud_web_assessment_create(bud_req *req)
{
	struct bud_assessment_in in, raw;
	struct bud_form fe;
	char loc[64];
	int64_t id;
	bud_err err;

	if (page_id(req, &id, &err))
		return bud_resp_error(req, &err);
	bud_form_init(&fe, assessment_def(req), req->lang);
	if (assessment_decode(req, &in, &fe) == 0) {
		if (bud_assessment_create(req->app, &req->actor, id, &in, NULL, &err) == BUD_OK) {
			bud_form_release(&fe);
			snprintf(loc, sizeof(loc), "/clients/%lld/assessments", (long long)id);
			return bud_form_done(req, loc, "assessment");
		}
		if (!app_error(&fe, &err, "assessed_on")) {
			bud_form_release(&fe);
			return bud_resp_error(req, &err);
		}
	} else {
		err.code = BUD_EINVAL;
	}
	assessment_raw(req, &raw);
	return assessment_form_page(req, id, bud_view_form_status(err.code), &raw, &fe);
}

/* ---- the offer ---- */

static json_t *answer_label(bud_req *req, const char *answer)
{
	char key[48];

	snprintf(key, sizeof(key), "casework.answer.%s", answer);
	return json_string(t(req, key));
}

static json_t *answer_show(bud_req *req, json_t *cat, json_t *a)
{
	return json_pack("{s:o, s:s, s:o, s:b, s:s, s:o, s:o}",
		"label", answer_label(req, bud_view_str(a, "answer")),
		"answer", bud_view_str(a, "answer"),
		"services", named(cat, json_object_get(a, "services")),
		"has_services", json_array_size(json_object_get(a, "services")) > 0,
		"usual_note", bud_view_str(a, "usual_note"),
		"by", author_show(req, json_object_get(a, "answered_by")),
		"date", bud_view_unix_date(bud_view_int(a, "answered_at"), req->lang));
}

/* Checkboxes [{code, name, checked}] of the services in list. */
static json_t *checkboxes(json_t *cat, json_t *list, json_t *checked)
{
	json_t *arr = json_array(), *s;
	size_t i;

	json_array_foreach(list, i, s) {
		const char *code = json_is_string(s) ? json_string_value(s) :
			bud_view_str(s, "code");

		json_array_append_new(arr, json_pack("{s:s, s:s, s:b}", "code", code,
			"name", service_name(cat, code), "checked", bud_view_has(checked, code)));
	}
	return arr;
}

/* Typed values of the forms of the offer page. */
struct offer_typed {
	const char *offered_on, *note, *answer, *usual_note;
	json_t *offer_services, *answer_services;	/* borrowed; NULL: none */
};

static json_t *offer_model(bud_req *req, json_t *v, json_t *cat,
			   const struct offer_typed *ty)
{
	json_t *offer = json_object_get(v, "offer"), *ans = json_object_get(v, "answer");
	json_t *history = json_array(), *h, *m;
	const char *kind = ty->answer ? ty->answer : bud_view_str(ans, "answer");
	size_t i;

	json_array_foreach(json_object_get(v, "history"), i, h)
		json_array_append_new(history, answer_show(req, cat, h));
	m = json_pack("{s:o, s:o, s:b, s:b}", "client",
		client_show(json_object_get(v, "client")), "history", history,
		"can_offer", json_is_true(json_object_get(json_object_get(v, "can"), "offer")),
		"can_answer", json_is_true(json_object_get(json_object_get(v, "can"), "answer")));
	if (json_is_object(offer))
		json_object_set_new(m, "offer", json_pack("{s:o, s:s, s:o, s:o}",
			"date", bud_view_date(bud_view_str(offer, "offered_on"), req->lang),
			"note", bud_view_str(offer, "note"),
			"services", named(cat, json_object_get(offer, "services")),
			"by", author_show(req, json_object_get(offer, "created_by"))));
	if (json_is_object(ans)) {
		json_t *cur = answer_show(req, cat, ans);
		json_t *acc = json_object_get(v, "accepted");

		json_object_set_new(cur, "accepted", named(cat, acc));
		json_object_set_new(cur, "has_accepted",
				    json_boolean(json_array_size(acc) > 0));
		json_object_set_new(m, "current", cur);
	}
	json_object_set_new(m, "offer_form", json_pack("{s:o, s:s, s:o}",
		"offered_on", bud_form_date(ty->offered_on, req->lang), "note", ty->note ? ty->note : "",
		"services", checkboxes(cat, cat, ty->offer_services)));
	json_object_set_new(m, "answer_form", json_pack("{s:b, s:b, s:b, s:s, s:o}",
		"all", strcmp(kind, "all") == 0, "some", strcmp(kind, "some") == 0,
		"refused", strcmp(kind, "refused") == 0,
		"usual_note", ty->usual_note ? ty->usual_note : bud_view_str(ans, "usual_note"),
		"services", checkboxes(cat, json_object_get(offer, "services"),
			ty->answer_services ? ty->answer_services :
			json_object_get(ans, "services"))));
	return m;
}

/* What the offer page says besides the offer (web/guide.h): to the
 * client and a representative, the text addressed to them, in
 * easy-to-read when wanted; to the worker, the step before when the
 * client has no assessment yet (an offer rests on one). */
static void offer_guide(bud_req *req, int64_t client_id, json_t *m)
{
	json_t *list = NULL;
	bud_err err;

	if (req->actor.role & (BUD_ROLE_CLIENT | BUD_ROLE_REPRESENTATIVE)) {
		json_object_set_new(m, "easy_page", json_true());
		return;
	}
	json_object_set_new(m, "staff", json_true());
	bud_err_clear(&err);
	if (req->actor.role == BUD_ROLE_WORKER &&
	    bud_assessment_list(req->app, &req->actor, client_id, &list, &err) == BUD_OK &&
	    json_array_size(json_object_get(list, "items")) == 0)
		json_object_set_new(m, "need_assessment", json_true());
	json_decref(list);
}

/* Render the offer page (fe: the errors of the form posted, or NULL; it
 * is released). */
static int offer_page(bud_req *req, int64_t id, int status,
		      const struct offer_typed *ty, struct bud_form *fe)
{
	json_t *v = NULL, *cat = NULL, *m;
	bud_err err;

	if (bud_offer_get(req->app, &req->actor, id, &v, &err) ||
	    catalogue(req, &cat, &err)) {
		json_decref(v);
		if (fe)
			bud_form_release(fe);
		return bud_resp_error(req, &err);
	}
	m = offer_model(req, v, cat, ty);
	offer_guide(req, id, m);
	if (fe)
		bud_form_model(fe, m);
	json_decref(v);
	json_decref(cat);
	return bud_web_page(req, status, "casework_offer", "casework.offer.title", m);
}

int bud_web_offer(bud_req *req)
{
	struct offer_typed ty;
	char today[BUD_DATE_BUF] = "";
	int64_t id;
	bud_err err;

	if (page_id(req, &id, &err))
		return bud_resp_error(req, &err);
	memset(&ty, 0, sizeof(ty));
	bud_app_today(req->app, today, sizeof(today));
	ty.offered_on = today;
	return offer_page(req, id, 200, &ty, NULL);
}

/*
 * After a POST of the offer page: the fields' errors are in fe; without
 * any, rc and err are the app call's. 303 back, or the page with the
 * errors (fallback: the field of an app error that names none).
 */
static int offer_done(bud_req *req, int64_t id, const struct offer_typed *ty,
		      struct bud_form *fe, int rc, const bud_err *err,
		      const char *fallback)
{
	char loc[64];

	if (bud_form_count(fe))
		return offer_page(req, id, 422, ty, fe);
	if (rc != BUD_OK && app_error(fe, err, fallback))
		return offer_page(req, id, bud_view_form_status(err->code), ty, fe);
	bud_form_release(fe);
	if (rc != BUD_OK)
		return bud_resp_error(req, err);
	snprintf(loc, sizeof(loc), "/clients/%lld/offer", (long long)id);
	return bud_form_done(req, loc, "offer");
}

int bud_web_offer_create(bud_req *req)
{
	struct bud_offer_in in;
	struct offer_typed ty;
	struct bud_form fe;
	json_t *typed;
	int64_t id;
	bud_err err;
	int rc;

	if (page_id(req, &id, &err))
		return bud_resp_error(req, &err);
	memset(&in, 0, sizeof(in));
	in.services = form_all(req, "service", &in.nservices);
	typed = str_list(in.services, in.nservices);
	memset(&ty, 0, sizeof(ty));
	ty.offered_on = bud_view_form_value(req, "offered_on");
	ty.note = bud_view_form_value(req, "note");
	ty.offer_services = typed;
	bud_form_init(&fe, &offer_form, req->lang);
	bud_form_check(&fe, bud_req_date(req, "offered_on", 1, &in.offered_on, &err), &err);
	bud_form_check(&fe, bud_req_str(req, "note", 0, BUD_NOTE_MAX, &in.note, &err), &err);
	rc = bud_form_count(&fe) ? BUD_EINVAL :
		bud_offer_create(req->app, &req->actor, id, &in, NULL, &err);
	rc = offer_done(req, id, &ty, &fe, rc, &err, "offered_on");
	json_decref(typed);
	return rc;
}

int bud_web_offer_answer(bud_req *req)
{
	static const char *const answers[] = {"all", "some", "refused", NULL};
	struct bud_answer_in in;
	struct offer_typed ty;
	struct bud_form fe;
	char today[BUD_DATE_BUF] = "";
	json_t *typed;
	int64_t id;
	bud_err err;
	int rc;

	if (page_id(req, &id, &err))
		return bud_resp_error(req, &err);
	memset(&in, 0, sizeof(in));
	in.services = form_all(req, "service", &in.nservices);
	typed = str_list(in.services, in.nservices);
	memset(&ty, 0, sizeof(ty));
	bud_app_today(req->app, today, sizeof(today));
	ty.offered_on = today;
	ty.answer = bud_view_form_value(req, "answer");
	ty.usual_note = bud_view_form_value(req, "usual_note");
	ty.answer_services = typed;
	bud_form_init(&fe, &answer_form, req->lang);
	bud_form_check(&fe, bud_req_enum(req, "answer", 1, answers, &in.answer, &err), &err);
	bud_form_check(&fe, bud_req_str(req, "usual_note", 0, BUD_NOTE_MAX, &in.usual_note, &err), &err);
	rc = bud_form_count(&fe) ? BUD_EINVAL :
		bud_offer_answer(req->app, &req->actor, id, &in, NULL, &err);
	rc = offer_done(req, id, &ty, &fe, rc, &err, "answer");
	json_decref(typed);
	return rc;
}

/* ---- support plan ---- */

static json_t *helper_labels(bud_req *req, json_t *helpers)
{
	json_t *arr = json_array(), *h;
	char key[48];
	size_t i;

	json_array_foreach(helpers, i, h) {
		snprintf(key, sizeof(key), "casework.helper.%s", json_string_value(h));
		json_array_append_new(arr, json_pack("{s:s}", "label", t(req, key)));
	}
	return arr;
}

static json_t *support_body(bud_req *req, json_t *cat, json_t *p)
{
	json_t *services = json_array(), *c;
	json_t *notes = json_object_get(p, "service_notes");
	size_t i;

	json_array_foreach(json_object_get(p, "services"), i, c) {
		const char *code = json_string_value(c);

		json_array_append_new(services, json_pack("{s:s, s:s}",
			"name", service_name(cat, code), "note", bud_view_str(notes, code)));
	}
	return json_pack("{s:I, s:I, s:o, s:o, s:s, s:s, s:b, s:o, s:b, s:o, s:s}",
		"id", bud_view_int(p, "id"), "version", bud_view_int(p, "version"),
		"date", bud_view_unix_date(bud_view_int(p, "created_at"), req->lang),
		"by", author_show(req, json_object_get(p, "written_by")),
		"goals", bud_view_str(p, "goals"), "wishes", bud_view_str(p, "wishes"),
		"has_services", json_array_size(services) > 0, "services", services,
		"has_helpers", json_array_size(json_object_get(p, "helpers")) > 0,
		"helpers", helper_labels(req, json_object_get(p, "helpers")),
		"helper_note", bud_view_str(p, "helper_note"));
}

/* Typed (or the newest version's) values of the support plan form. */
struct support_typed {
	const char *goals, *wishes, *helper_note;
	json_t *services;	/* codes */
	json_t *notes;		/* {code: note} */
	json_t *helpers;	/* values */
};

static json_t *support_form(bud_req *req, json_t *cat,
			    const struct support_typed *ty)
{
	json_t *services = json_array(), *helpers = json_array(), *s;
	char key[48];
	size_t i;
	int j;

	json_array_foreach(cat, i, s) {
		const char *code = bud_view_str(s, "code");

		json_array_append_new(services, json_pack("{s:s, s:s, s:b, s:s}",
			"code", code, "name", bud_view_str(s, "name"),
			"checked", bud_view_has(ty->services, code),
			"note", bud_view_str(ty->notes, code)));
	}
	for (j = 0; j < BUD_SUPPORT_HELPERS; j++) {
		snprintf(key, sizeof(key), "casework.helper.%s", bud_support_helpers[j]);
		json_array_append_new(helpers, json_pack("{s:s, s:s, s:b}",
			"value", bud_support_helpers[j], "label", t(req, key),
			"checked", bud_view_has(ty->helpers, bud_support_helpers[j])));
	}
	return json_pack("{s:s, s:s, s:s, s:o, s:o}",
		"goals", ty->goals ? ty->goals : "",
		"wishes", ty->wishes ? ty->wishes : "",
		"helper_note", ty->helper_note ? ty->helper_note : "",
		"services", services, "helpers", helpers);
}

static json_t *support_items(bud_req *req, json_t *items)
{
	json_t *arr = json_array(), *it;
	size_t i;

	json_array_foreach(items, i, it)
		json_array_append_new(arr, json_pack("{s:I, s:I, s:o, s:o}",
			"id", bud_view_int(it, "id"), "version", bud_view_int(it, "version"),
			"date", bud_view_unix_date(bud_view_int(it, "created_at"), req->lang),
			"by", author_show(req, json_object_get(it, "written_by"))));
	return arr;
}

/* Render the support plan page; ty NULL fills the form from the newest. */
static int support_page(bud_req *req, int64_t id, int status,
			const struct support_typed *ty, struct bud_form *fe)
{
	json_t *list = NULL, *one = NULL, *cat = NULL, *m, *items;
	struct support_typed newest;
	int client_side = req->actor.role & (BUD_ROLE_CLIENT | BUD_ROLE_REPRESENTATIVE);
	bud_err err;

	if (bud_support_plan_list(req->app, &req->actor, id, &list, &err) ||
	    catalogue(req, &cat, &err))
		goto fail;
	items = json_object_get(list, "items");
	if (json_array_size(items) &&
	    bud_support_plan_get(req->app, &req->actor,
				 bud_view_int(json_array_get(items, 0), "id"), &one, &err))
		goto fail;
	if (!ty) {
		newest.goals = bud_view_str(one, "goals");
		newest.wishes = bud_view_str(one, "wishes");
		newest.helper_note = bud_view_str(one, "helper_note");
		newest.services = json_object_get(one, "services");
		newest.notes = json_object_get(one, "service_notes");
		newest.helpers = json_object_get(one, "helpers");
		ty = &newest;
	}
	m = json_pack("{s:o, s:b, s:b, s:o, s:o}", "client",
		client_show(json_object_get(list, "client")),
		"can_write", json_is_true(json_object_get(json_object_get(list, "can"), "write")),
		"client_side", client_side != 0, "items", support_items(req, items),
		"form", support_form(req, cat, ty));
	if (one)
		json_object_set_new(m, "p", support_body(req, cat, one));
	if (fe)
		bud_form_model(fe, m);
	json_decref(one);
	json_decref(list);
	json_decref(cat);
	bud_web_easy_page(req, m);	/* web/guide.h */
	return bud_web_page(req, status, "casework_support_plan",
			    "casework.support.title", m);
fail:
	if (fe)
		bud_form_release(fe);
	json_decref(one);
	json_decref(list);
	json_decref(cat);
	return bud_resp_error(req, &err);
}

int bud_web_support_plan(bud_req *req)
{
	int64_t id;
	bud_err err;

	if (page_id(req, &id, &err))
		return bud_resp_error(req, &err);
	return support_page(req, id, 200, NULL, NULL);
}

int bud_web_support_plan_view(bud_req *req)
{
	json_t *p = NULL, *cat = NULL, *m;
	int64_t id;
	bud_err err;

	if (page_id(req, &id, &err) ||
	    bud_support_plan_get(req->app, &req->actor, id, &p, &err) ||
	    catalogue(req, &cat, &err)) {
		json_decref(p);
		return bud_resp_error(req, &err);
	}
	m = json_pack("{s:o, s:o}", "client", client_show(json_object_get(p, "client")),
		      "p", support_body(req, cat, p));
	json_decref(p);
	json_decref(cat);
	bud_web_easy_page(req, m);	/* web/guide.h */
	return bud_web_page(req, 200, "casework_support_plan_view",
			    "casework.support.title", m);
}

/* The checked services with their notes (note_<code>) from the form. */
static struct bud_support_service_in *support_services(bud_req *req,
							const char **codes,
							size_t n, json_t *notes)
{
	struct bud_support_service_in *s = bud_req_alloc(req, (n + 1) * sizeof(*s));
	char name[BUD_CODE_MAX + 8];
	size_t i;

	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "note_%s", codes[i]);
		s[i].code = codes[i];
		s[i].note = bud_view_form_value(req, name);
		if (s[i].note[0])
			json_object_set_new(notes, codes[i], json_string(s[i].note));
	}
	return s;
}

int bud_web_support_plan_create(bud_req *req)
{
	struct bud_support_plan_in in;
	struct support_typed ty;
	struct bud_form fe;
	const char **codes;
	char loc[64];
	int64_t id;
	bud_err err;
	int rc;

	if (page_id(req, &id, &err))
		return bud_resp_error(req, &err);
	memset(&in, 0, sizeof(in));
	memset(&ty, 0, sizeof(ty));
	codes = form_all(req, "service", &in.nservices);
	ty.notes = json_object();
	in.services = support_services(req, codes, in.nservices, ty.notes);
	in.helpers = form_all(req, "helper", &in.nhelpers);
	ty.services = str_list(codes, in.nservices);
	ty.helpers = str_list(in.helpers, in.nhelpers);
	ty.goals = bud_view_form_value(req, "goals");
	ty.wishes = bud_view_form_value(req, "wishes");
	ty.helper_note = bud_view_form_value(req, "helper_note");
	bud_form_init(&fe, &support_form_def, req->lang);
	bud_form_check(&fe, bud_req_str(req, "goals", 1, BUD_TEXT_MAX, &in.goals, &err), &err);
	bud_form_check(&fe, bud_req_str(req, "wishes", 0, BUD_TEXT_MAX, &in.wishes, &err), &err);
	bud_form_check(&fe, bud_req_str(req, "helper_note", 0, BUD_NOTE_MAX, &in.helper_note, &err), &err);
	rc = bud_form_count(&fe) ? BUD_EINVAL :
		bud_support_plan_create(req->app, &req->actor, id, &in, NULL, &err);
	if (rc != BUD_OK && (bud_form_count(&fe) || app_error(&fe, &err, "goals"))) {
		rc = support_page(req, id, bud_view_form_status(rc), &ty, &fe);
	} else {
		bud_form_release(&fe);
		snprintf(loc, sizeof(loc), "/clients/%lld/support-plan", (long long)id);
		rc = rc == BUD_OK ? bud_resp_redirect(req, loc) : bud_resp_error(req, &err);
	}
	json_decref(ty.notes);
	json_decref(ty.services);
	json_decref(ty.helpers);
	return rc;
}
