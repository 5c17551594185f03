/*
 * app/casework.c: service need assessments, the offer of a personal budget
 * and the client's answers, and support plans (see app/casework.h for the
 * rules, who may do what and the views).
 *
 * Every use case validates its input first (pure checks, no database),
 * then runs one write unit that checks the client (bud_authz_client on the
 * writer's connection), reads or writes the rows and appends the use-log
 * row. Reads build their jansson view inside the unit; the view is freed
 * when the unit fails, so a refusal neither shows nor logs anything.
 */
#include <assert.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "app/authz.h"
#include "app/casework.h"
#include "app/read.h"
#include "app/uselog.h"
#include "core/date.h"
#include "store/casework.h"
#include "store/client.h"
#include "store/org.h"

#define READERS (BUD_ROLE_WORKER | BUD_ROLE_DECISION_MAKER | BUD_ROLE_CLIENT | \
		 BUD_ROLE_REPRESENTATIVE)
#define ANSWERERS (BUD_ROLE_WORKER | BUD_ROLE_CLIENT | BUD_ROLE_REPRESENTATIVE)
#define OBJECT_MAX 48

const char *const bud_need_areas[BUD_NEED_AREAS] = {
	"housing", "daily_living", "mobility", "communication", "social",
	"work_activity", "health", "family_care",
};

const char *const bud_support_helpers[BUD_SUPPORT_HELPERS] = {
	"family", "peer", "staff", "other",
};

int bud_need_area_index(const char *area)
{
	int i;

	for (i = 0; area && i < BUD_NEED_AREAS; i++)
		if (strcmp(area, bud_need_areas[i]) == 0)
			return i;
	return -1;
}

/* ---- checks shared by the use cases ---- */

static int role_in(const bud_actor *a, int roles, bud_err *err)
{
	if (!a || !(a->role & roles))
		return bud_err_set(err, BUD_EFORBIDDEN, NULL, "err.forbidden",
				   "the role may not do this");
	return BUD_OK;
}

static int blank(const char *s)
{
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return 0;
	return 1;
}

/*
 * 1 when s has no control characters other than tab, CR and LF. Text
 * reaches here through http/, which has already refused bytes that are not
 * UTF-8 (form decoding, and jansson for JSON); the field getters refuse
 * control characters too, but not in the nested JSON members (needs,
 * service_notes), hence this check for every text.
 */
static int text_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p; p++)
		if ((*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') ||
		    *p == 0x7f)
			return 0;
	return 1;
}

/* A free text: required (not blank), at most max bytes, clean. */
static int text_ok(const char *s, size_t max, const char *field, int required,
		   bud_err *err)
{
	if (required && blank(s))
		return bud_err_set(err, BUD_EINVAL, field, "err.required",
				   "%s is required", field);
	if (!s)
		return BUD_OK;
	if (strnlen(s, max + 1) > max)
		return bud_err_set(err, BUD_EINVAL, field, "err.too_long",
				   "%s is longer than %zu bytes", field, max);
	if (!text_valid(s))
		return bud_err_set(err, BUD_EINVAL, field, "err.casework.text_invalid",
				   "%s has control characters", field);
	return BUD_OK;
}

/* A required date "YYYY-MM-DD", not after today in Helsinki. */
static int date_ok(bud_app *app, const char *s, const char *field, bud_err *err)
{
	char today[BUD_DATE_BUF];
	int y, m, d;

	if (blank(s))
		return bud_err_set(err, BUD_EINVAL, field, "err.required",
				   "%s is required", field);
	if (bud_date_parse(s, &y, &m, &d, err) != BUD_OK) {
		if (err)
			snprintf(err->field, sizeof(err->field), "%s", field);
		return BUD_EINVAL;
	}
	if (bud_app_today(app, today, sizeof(today)) != BUD_OK)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal",
				   "clock out of range");
	if (strcmp(s, today) > 0)
		return bud_err_set(err, BUD_EINVAL, field, "err.casework.date_future",
				   "%s is after today", field);
	return BUD_OK;
}

/* The same answer for a missing row as for a client out of reach. */
/* ---- pieces of the views ---- */

static json_t *author_json(const struct bud_store_author *a)
{
	return json_pack("{s:I, s:s, s:s}", "id", (json_int_t)a->id,
			 "name", a->name ? a->name : "",
			 "role", a->role ? a->role : "");
}

static int nomem(bud_err *err)
{
	return bud_err_set(err, BUD_ENOMEM, NULL, "err.internal", "out of memory");
}

/* {id, first_name, last_name, lang, easy_read} of client id into *out. */
static int client_json(bud_conn *c, int64_t id, json_t **out, bud_err *err)
{
	struct bud_store_client cl;
	int rc = bud_store_client_get(c, id, &cl, err);

	if (rc != BUD_OK)
		return rc;
	*out = json_pack("{s:I, s:s, s:s, s:s, s:b}", "id", (json_int_t)cl.id,
			 "first_name", cl.first_name, "last_name", cl.last_name,
			 "lang", cl.lang, "easy_read", cl.easy_read);
	return *out ? BUD_OK : nomem(err);
}

/* Callback: append the service's code to the json array arg. */
static int code_append(void *arg, const struct bud_store_service_ref *s)
{
	return json_array_append_new(arg, json_string(s->code)) ? BUD_ENOMEM : 0;
}

/*
 * Resolve codes[0..n-1] to service ids (duplicates once) into ids (room
 * for BUD_CASE_SERVICES_MAX), *nids of them. Unknown codes and too many
 * are BUD_EINVAL naming field.
 */
static int service_ids(bud_conn *c, const char *const *codes, size_t n,
		       const char *field, int64_t *ids, size_t *nids,
		       bud_err *err)
{
	struct bud_store_service s;
	size_t i, j;
	int rc;

	*nids = 0;
	if (n > BUD_CASE_SERVICES_MAX)
		return bud_err_set(err, BUD_EINVAL, field, "err.out_of_range",
				   "more than %d services", BUD_CASE_SERVICES_MAX);
	for (i = 0; i < n; i++) {
		rc = codes[i] ? bud_store_service_by_code(c, codes[i], &s, err) :
			BUD_ENOTFOUND;
		if (rc == BUD_ENOTFOUND)
			return bud_err_set(err, BUD_EINVAL, field,
					   "err.casework.service_unknown",
					   "unknown service code");
		if (rc != BUD_OK)
			return rc;
		for (j = 0; j < *nids && ids[j] != s.id; j++)
			;
		if (j == *nids)
			ids[(*nids)++] = s.id;
	}
	return BUD_OK;
}

/* ---- service need assessment ---- */

static int assessment_check(bud_app *app, const struct bud_assessment_in *in,
			    bud_err *err)
{
	char field[48];
	int i, rc;

	if ((rc = date_ok(app, in->assessed_on, "assessed_on", err)) ||
	    (rc = text_ok(in->participants, BUD_NOTE_MAX, "participants", 1, err)) ||
	    (rc = text_ok(in->client_view, BUD_TEXT_MAX, "client_view", 0, err)) ||
	    (rc = text_ok(in->worker_view, BUD_TEXT_MAX, "worker_view", 0, err)) ||
	    (rc = text_ok(in->notes, BUD_TEXT_MAX, "notes", 0, err)))
		return rc;
	for (i = 0; i < BUD_NEED_AREAS; i++) {
		snprintf(field, sizeof(field), "need_%s_client", bud_need_areas[i]);
		if ((rc = text_ok(in->needs[i].client_view, BUD_TEXT_MAX, field, 0, err)))
			return rc;
		snprintf(field, sizeof(field), "need_%s_worker", bud_need_areas[i]);
		if ((rc = text_ok(in->needs[i].worker_view, BUD_TEXT_MAX, field, 0, err)))
			return rc;
	}
	return BUD_OK;
}

struct write_arg {
	bud_app *app;
	const bud_actor *actor;
	int64_t client_id;
	const void *in;
	int64_t id;
};

static int assessment_needs_insert(bud_conn *w, int64_t id,
				   const struct bud_assessment_in *in,
				   bud_err *err)
{
	struct bud_store_need n;
	int i, rc;

	for (i = 0; i < BUD_NEED_AREAS; i++) {
		if (blank(in->needs[i].client_view) && blank(in->needs[i].worker_view))
			continue;
		n.assessment_id = id;
		n.area = bud_need_areas[i];
		n.client_view = in->needs[i].client_view ? in->needs[i].client_view : "";
		n.worker_view = in->needs[i].worker_view ? in->needs[i].worker_view : "";
		if ((rc = bud_store_need_insert(w, &n, err)) != BUD_OK)
			return rc;
	}
	return BUD_OK;
}

static int assessment_create_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct write_arg *a = arg;
	const struct bud_assessment_in *in = a->in;
	struct bud_store_assessment row;
	char basis[BUD_BASIS_MAX], object[OBJECT_MAX];
	int rc;

	rc = bud_authz_client(a->app, w, a->actor, a->client_id, 1, basis,
			      sizeof(basis), err);
	if (rc != BUD_OK)
		return rc;
	memset(&row, 0, sizeof(row));
	row.client_id = a->client_id;
	row.assessed_on = in->assessed_on;
	row.participants = in->participants;
	row.client_view = in->client_view;
	row.worker_view = in->worker_view;
	row.notes = in->notes;
	row.created_by.id = a->actor->user_id;
	row.created_at = bud_app_now(a->app);
	if ((rc = bud_store_assessment_insert(w, &row, &a->id, NULL, err)) ||
	    (rc = assessment_needs_insert(w, a->id, in, err)))
		return rc;
	snprintf(object, sizeof(object), "assessment:%" PRId64, a->id);
	return bud_uselog_append_row(a->app, w, a->actor, a->client_id,
				     "create", object, basis, err);
}

int bud_assessment_create(bud_app *app, const bud_actor *actor,
			  int64_t client_id, const struct bud_assessment_in *in,
			  int64_t *id, bud_err *err)
{
	struct write_arg a = {app, actor, client_id, in, 0};
	int rc;

	assert(app && in);
	if ((rc = role_in(actor, BUD_ROLE_WORKER, err)) ||
	    (rc = assessment_check(app, in, err)))
		return rc;
	rc = bud_db_write(app->db, assessment_create_unit, &a, err);
	if (rc == BUD_OK && id)
		*id = a.id;
	return rc;
}

struct read_arg {
	bud_app *app;
	const bud_actor *actor;
	int64_t client_id;	/* lists; gets find it from the row */
	int64_t id;		/* gets */
	json_t *out;
};

static int assessment_obj(void *arg, const struct bud_store_assessment *a)
{
	json_t **o = arg;

	*o = json_pack("{s:I, s:I, s:i, s:s, s:s, s:s, s:s, s:s, s:o, s:I}",
		"id", (json_int_t)a->id, "client_id", (json_int_t)a->client_id,
		"version", a->version, "assessed_on", a->assessed_on,
		"participants", a->participants, "client_view", a->client_view,
		"worker_view", a->worker_view, "notes", a->notes,
		"created_by", author_json(&a->created_by),
		"created_at", (json_int_t)a->created_at);
	return *o ? 0 : BUD_ENOMEM;
}

static int need_obj(void *arg, const struct bud_store_need *n)
{
	json_t *v = json_pack("{s:s, s:s}", "client_view", n->client_view,
			      "worker_view", n->worker_view);

	return json_object_set_new(arg, n->area, v) ? BUD_ENOMEM : 0;
}

/* Add member name = v to o (stolen); BUD_ENOMEM when it fails. */
static int put(json_t *o, const char *name, json_t *v, bud_err *err)
{
	if (!v || json_object_set_new(o, name, v) != 0)
		return nomem(err);
	return BUD_OK;
}

static int assessment_get_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct read_arg *r = arg;
	char basis[BUD_BASIS_MAX], object[OBJECT_MAX];
	json_t *needs = NULL, *client = NULL;
	int rc;

	rc = bud_store_assessment_get(w, r->id, assessment_obj, &r->out, err);
	if (rc == BUD_ENOTFOUND)
		return bud_authz_denied(err, "no such assessment");
	if (rc != BUD_OK)
		goto out;
	r->client_id = json_integer_value(json_object_get(r->out, "client_id"));
	if ((rc = bud_authz_client(r->app, w, r->actor, r->client_id, 0, basis,
				   sizeof(basis), err)) != BUD_OK)
		goto out;
	needs = json_object();
	if (!needs) {
		rc = nomem(err);
		goto out;
	}
	if ((rc = bud_store_need_list(w, r->id, need_obj, needs, err)) ||
	    (rc = put(r->out, "needs", json_incref(needs), err)) ||
	    (rc = client_json(w, r->client_id, &client, err)) ||
	    (rc = put(r->out, "client", client, err)))
		goto out;
	snprintf(object, sizeof(object), "assessment:%" PRId64, r->id);
	rc = bud_uselog_append_row(r->app, w, r->actor, r->client_id, "read",
				   object, basis, err);
out:
	json_decref(needs);
	return rc;
}

/*
 * A read use case: the role check, then unit fn in one write unit (the
 * read and its use-log row) over client_id (lists) or id (gets); *out gets
 * the view it built, or NULL (and what it built is freed) on failure.
 */
static int run_read(bud_app *app, const bud_actor *actor, int64_t client_id,
		    int64_t id, bud_write_fn fn, json_t **out, bud_err *err)
{
	struct read_arg r = {app, actor, client_id, id, NULL};
	int rc;

	assert(app && out);
	*out = NULL;
	if ((rc = role_in(actor, READERS, err)) != BUD_OK)
		return rc;
	rc = bud_app_read(app, actor, fn, &r, err);
	if (rc != BUD_OK) {
		json_decref(r.out);
		return rc;
	}
	*out = r.out;
	return BUD_OK;
}

int bud_assessment_get(bud_app *app, const bud_actor *actor, int64_t id,
		       json_t **out, bud_err *err)
{
	return run_read(app, actor, 0, id, assessment_get_unit, out, err);
}

static int assessment_item(void *arg, const struct bud_store_assessment *a)
{
	json_t *it = json_pack("{s:I, s:i, s:s, s:s, s:o, s:I}",
		"id", (json_int_t)a->id, "version", a->version,
		"assessed_on", a->assessed_on, "participants", a->participants,
		"created_by", author_json(&a->created_by),
		"created_at", (json_int_t)a->created_at);

	return json_array_append_new(arg, it) ? BUD_ENOMEM : 0;
}

/* The list view's frame: {client, items: [], can: {}}; *items borrowed. */
static int list_frame(bud_conn *w, struct read_arg *r, json_t **items,
		      bud_err *err)
{
	json_t *client = NULL;
	int rc;

	r->out = json_pack("{s:[], s:{}}", "items", "can");
	if (!r->out)
		return nomem(err);
	if ((rc = client_json(w, r->client_id, &client, err)) ||
	    (rc = put(r->out, "client", client, err)))
		return rc;
	*items = json_object_get(r->out, "items");
	return BUD_OK;
}

/* Whether the actor may change the client's data (authz act). */
static int can_act(struct read_arg *r, bud_conn *w)
{
	bud_err e;

	bud_err_clear(&e);
	return bud_authz_client(r->app, w, r->actor, r->client_id, 1, NULL, 0,
				&e) == BUD_OK;
}

static int assessment_list_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct read_arg *r = arg;
	char basis[BUD_BASIS_MAX];
	json_t *items;
	int rc;

	if ((rc = bud_authz_client(r->app, w, r->actor, r->client_id, 0, basis,
				   sizeof(basis), err)) ||
	    (rc = list_frame(w, r, &items, err)) ||
	    (rc = bud_store_assessment_list(w, r->client_id, assessment_item,
					    items, err)))
		return rc;
	json_object_set_new(json_object_get(r->out, "can"), "create",
			    json_boolean(r->actor->role == BUD_ROLE_WORKER &&
					 can_act(r, w)));
	return bud_uselog_append_row(r->app, w, r->actor, r->client_id, "read",
				     "assessments", basis, err);
}

int bud_assessment_list(bud_app *app, const bud_actor *actor, int64_t client_id,
			json_t **out, bud_err *err)
{
	return run_read(app, actor, client_id, 0, assessment_list_unit, out, err);
}

/* ---- the offer ---- */

static int offer_check(bud_app *app, const struct bud_offer_in *in, bud_err *err)
{
	int rc;

	if ((rc = date_ok(app, in->offered_on, "offered_on", err)) ||
	    (rc = text_ok(in->note, BUD_NOTE_MAX, "note", 0, err)))
		return rc;
	if (in->nservices == 0 || !in->services)
		return bud_err_set(err, BUD_EINVAL, "services",
				   "err.casework.services_required",
				   "an offer needs at least one service");
	return BUD_OK;
}

static int offer_create_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct write_arg *a = arg;
	const struct bud_offer_in *in = a->in;
	int64_t ids[BUD_CASE_SERVICES_MAX];
	struct bud_store_offer row;
	char basis[BUD_BASIS_MAX], object[OBJECT_MAX];
	size_t i, n;
	int rc;

	if ((rc = bud_authz_client(a->app, w, a->actor, a->client_id, 1, basis,
				   sizeof(basis), err)) ||
	    (rc = service_ids(w, in->services, in->nservices, "services", ids,
			      &n, err)))
		return rc;
	memset(&row, 0, sizeof(row));
	row.client_id = a->client_id;
	row.offered_on = in->offered_on;
	row.note = in->note;
	row.created_by.id = a->actor->user_id;
	row.created_at = bud_app_now(a->app);
	if ((rc = bud_store_offer_insert(w, &row, &a->id, err)) != BUD_OK)
		return rc;
	for (i = 0; i < n; i++)
		if ((rc = bud_store_offer_service_add(w, a->id, ids[i], err)))
			return rc;
	snprintf(object, sizeof(object), "offer:%" PRId64, a->id);
	return bud_uselog_append_row(a->app, w, a->actor, a->client_id,
				     "create", object, basis, err);
}

int bud_offer_create(bud_app *app, const bud_actor *actor, int64_t client_id,
		     const struct bud_offer_in *in, int64_t *id, bud_err *err)
{
	struct write_arg a = {app, actor, client_id, in, 0};
	int rc;

	assert(app && in);
	if ((rc = role_in(actor, BUD_ROLE_WORKER, err)) ||
	    (rc = offer_check(app, in, err)))
		return rc;
	rc = bud_db_write(app->db, offer_create_unit, &a, err);
	if (rc == BUD_OK && id)
		*id = a.id;
	return rc;
}

/* ---- the answer ---- */

static int answer_check(const struct bud_answer_in *in, bud_err *err)
{
	int rc;

	if (blank(in->answer))
		return bud_err_set(err, BUD_EINVAL, "answer", "err.required",
				   "answer is required");
	if (strcmp(in->answer, "all") != 0 && strcmp(in->answer, "some") != 0 &&
	    strcmp(in->answer, "refused") != 0)
		return bud_err_set(err, BUD_EINVAL, "answer", "err.invalid_choice",
				   "answer must be all, some or refused");
	if ((rc = text_ok(in->usual_note, BUD_NOTE_MAX, "usual_note",
			  strcmp(in->answer, "refused") == 0, err)))
		return rc;
	if (strcmp(in->answer, "some") == 0 && (in->nservices == 0 || !in->services))
		return bud_err_set(err, BUD_EINVAL, "services",
				   "err.casework.services_required",
				   "'some' needs at least one accepted service");
	return BUD_OK;
}

/* Callback: the offer's id into *(int64_t *)arg. */
static int offer_id_of(void *arg, const struct bud_store_offer *o)
{
	*(int64_t *)arg = o->id;
	return 0;
}

struct id_set {
	int64_t ids[BUD_CASE_SERVICES_MAX];
	size_t n;
};

static int id_collect(void *arg, const struct bud_store_service_ref *s)
{
	struct id_set *set = arg;

	if (set->n >= BUD_CASE_SERVICES_MAX)
		return BUD_ETOOBIG;
	set->ids[set->n++] = s->id;
	return 0;
}

/* Each of ids[0..n-1] is in the offer's services. */
static int only_offered(bud_conn *w, int64_t offer_id, const int64_t *ids,
			size_t n, bud_err *err)
{
	struct id_set offered;
	size_t i, j;
	int rc;

	offered.n = 0;
	rc = bud_store_offer_services(w, offer_id, id_collect, &offered, err);
	if (rc != BUD_OK)
		return rc;
	for (i = 0; i < n; i++) {
		for (j = 0; j < offered.n && offered.ids[j] != ids[i]; j++)
			;
		if (j == offered.n)
			return bud_err_set(err, BUD_EINVAL, "services",
					   "err.casework.service_not_offered",
					   "a service not in the offer");
	}
	return BUD_OK;
}

/* The answer in force of an offer, as far as sameness needs it. */
struct in_force {
	int64_t id;
	char answer[16];
	char note[BUD_NOTE_MAX + 1];
	int64_t ids[BUD_CASE_SERVICES_MAX];
	size_t n;
};

static int first_answer(void *arg, const struct bud_store_answer *a)
{
	struct in_force *f = arg;

	if (f->id == 0) {	/* newest first: the first is in force */
		f->id = a->id;
		snprintf(f->answer, sizeof f->answer, "%s", a->answer ? a->answer : "");
		snprintf(f->note, sizeof f->note, "%s", a->usual_note ? a->usual_note : "");
	}
	return 0;
}

static int answer_service(void *arg, const struct bud_store_service_ref *r)
{
	struct in_force *f = arg;

	if (f->n < BUD_CASE_SERVICES_MAX)
		f->ids[f->n++] = r->id;
	return 0;
}

/* *same = the id of offer_id's answer in force when it says what in (with
 * the services ids[0..n-1]) says, else 0: re-saving an unchanged answer
 * adds no row to its history. */
static int unchanged_answer(bud_conn *w, int64_t offer_id, const struct bud_answer_in *in,
			    const int64_t *ids, size_t n, int64_t *same, bud_err *err)
{
	struct in_force f;
	size_t i, j;
	int rc;

	*same = 0;
	memset(&f, 0, sizeof(f));
	if ((rc = bud_store_answer_list(w, offer_id, first_answer, &f, err)) || !f.id)
		return rc;
	if (strcmp(f.answer, in->answer) != 0 ||
	    strcmp(f.note, in->usual_note ? in->usual_note : "") != 0 ||
	    (rc = bud_store_answer_services(w, f.id, answer_service, &f, err)))
		return rc;
	if (f.n != n)
		return BUD_OK;
	for (i = 0; i < n; i++) {
		for (j = 0; j < f.n && f.ids[j] != ids[i]; j++)
			;
		if (j == f.n)
			return BUD_OK;
	}
	*same = f.id;
	return BUD_OK;
}

static int answer_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct write_arg *a = arg;
	const struct bud_answer_in *in = a->in;
	int64_t ids[BUD_CASE_SERVICES_MAX], offer_id = 0;
	struct bud_store_answer row;
	char basis[BUD_BASIS_MAX], object[OBJECT_MAX];
	int some = strcmp(in->answer, "some") == 0;
	size_t i, n = 0;
	int rc;

	if ((rc = bud_authz_client(a->app, w, a->actor, a->client_id, 1, basis,
				   sizeof(basis), err)))
		return rc;
	rc = bud_store_offer_current(w, a->client_id, offer_id_of, &offer_id, err);
	if (rc == BUD_ENOTFOUND)
		return bud_err_set(err, BUD_ECONFLICT, "offer", "err.casework.no_offer",
				   "no offer to answer");
	if (rc != BUD_OK)
		return rc;
	if (some && ((rc = service_ids(w, in->services, in->nservices, "services",
				       ids, &n, err)) ||
		     (rc = only_offered(w, offer_id, ids, n, err))))
		return rc;
	if ((rc = unchanged_answer(w, offer_id, in, ids, n, &a->id, err)) || a->id)
		return rc;	/* the same answer again: nothing to record */
	memset(&row, 0, sizeof(row));
	row.offer_id = offer_id;
	row.answer = in->answer;
	row.usual_note = in->usual_note;
	row.answered_by.id = a->actor->user_id;
	row.answered_at = bud_app_now(a->app);
	if ((rc = bud_store_answer_insert(w, &row, &a->id, err)) != BUD_OK)
		return rc;
	for (i = 0; i < n; i++)
		if ((rc = bud_store_answer_service_add(w, a->id, ids[i], err)))
			return rc;
	snprintf(object, sizeof(object), "offer:%" PRId64, offer_id);
	return bud_uselog_append_row(a->app, w, a->actor, a->client_id,
				     "change", object, basis, err);
}

int bud_offer_answer(bud_app *app, const bud_actor *actor, int64_t client_id,
		     const struct bud_answer_in *in, int64_t *answer_id,
		     bud_err *err)
{
	struct write_arg a = {app, actor, client_id, in, 0};
	int rc;

	assert(app && in);
	if ((rc = role_in(actor, ANSWERERS, err)) ||
	    (rc = answer_check(in, err)))
		return rc;
	rc = bud_db_write(app->db, answer_unit, &a, err);
	if (rc == BUD_OK && answer_id)
		*answer_id = a.id;
	return rc;
}

/* ---- the offer view ---- */

static int offer_obj(void *arg, const struct bud_store_offer *o)
{
	json_t **out = arg;

	*out = json_pack("{s:I, s:s, s:s, s:[], s:o, s:I}", "id", (json_int_t)o->id,
		"offered_on", o->offered_on, "note", o->note, "services",
		"created_by", author_json(&o->created_by),
		"created_at", (json_int_t)o->created_at);
	return *out ? 0 : BUD_ENOMEM;
}

static int answer_item(void *arg, const struct bud_store_answer *a)
{
	json_t *it = json_pack("{s:I, s:s, s:[], s:s, s:o, s:I}",
		"id", (json_int_t)a->id, "answer", a->answer, "services",
		"usual_note", a->usual_note,
		"answered_by", author_json(&a->answered_by),
		"answered_at", (json_int_t)a->answered_at);

	return json_array_append_new(arg, it) ? BUD_ENOMEM : 0;
}

/* The answers of offer (newest first) into history, with the services
 * of each 'some'. */
static int offer_history(bud_conn *w, int64_t offer_id, json_t *history,
			 bud_err *err)
{
	size_t i;
	json_t *it;
	int rc;

	if ((rc = bud_store_answer_list(w, offer_id, answer_item, history, err)))
		return rc;
	json_array_foreach(history, i, it) {
		if (strcmp(json_string_value(json_object_get(it, "answer")), "some"))
			continue;
		rc = bud_store_answer_services(w,
			json_integer_value(json_object_get(it, "id")), code_append,
			json_object_get(it, "services"), err);
		if (rc != BUD_OK)
			return rc;
	}
	return BUD_OK;
}

/* Fill offer, answer, history and accepted of r->out for offer o. */
static int offer_parts(bud_conn *w, json_t *view, json_t *offer, bud_err *err)
{
	int64_t id = json_integer_value(json_object_get(offer, "id"));
	json_t *history = json_object_get(view, "history");
	json_t *answer, *accepted = NULL;
	const char *kind;
	int rc;

	if ((rc = bud_store_offer_services(w, id, code_append,
					   json_object_get(offer, "services"), err)) ||
	    (rc = offer_history(w, id, history, err)))
		return rc;
	answer = json_array_get(history, 0);
	kind = answer ? json_string_value(json_object_get(answer, "answer")) : "";
	if (strcmp(kind, "all") == 0)
		accepted = json_deep_copy(json_object_get(offer, "services"));
	else if (strcmp(kind, "some") == 0)
		accepted = json_deep_copy(json_object_get(answer, "services"));
	else
		accepted = json_array();
	if ((rc = put(view, "accepted", accepted, err)))
		return rc;
	return put(view, "answer", answer ? json_incref(answer) : json_null(), err);
}

static int offer_get_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct read_arg *r = arg;
	char basis[BUD_BASIS_MAX], object[OBJECT_MAX] = "offer";
	json_t *client = NULL, *offer = NULL, *can;
	int rc;

	if ((rc = bud_authz_client(r->app, w, r->actor, r->client_id, 0, basis,
				   sizeof(basis), err)))
		return rc;
	r->out = json_pack("{s:n, s:n, s:[], s:[], s:{}}", "offer", "answer",
			   "history", "accepted", "can");
	if (!r->out)
		return nomem(err);
	if ((rc = client_json(w, r->client_id, &client, err)) ||
	    (rc = put(r->out, "client", client, err)))
		return rc;
	rc = bud_store_offer_current(w, r->client_id, offer_obj, &offer, err);
	if (rc == BUD_OK) {
		if ((rc = put(r->out, "offer", offer, err)) ||
		    (rc = offer_parts(w, r->out, offer, err)))
			return rc;
		snprintf(object, sizeof(object), "offer:%" PRId64,
			 (int64_t)json_integer_value(json_object_get(offer, "id")));
	} else if (rc != BUD_ENOTFOUND) {
		return rc;
	}
	bud_err_clear(err);
	can = json_object_get(r->out, "can");
	json_object_set_new(can, "offer", json_boolean(
		r->actor->role == BUD_ROLE_WORKER && can_act(r, w)));
	json_object_set_new(can, "answer", json_boolean(
		offer && (r->actor->role & ANSWERERS) && can_act(r, w)));
	return bud_uselog_append_row(r->app, w, r->actor, r->client_id, "read",
				     object, basis, err);
}

int bud_offer_get(bud_app *app, const bud_actor *actor, int64_t client_id,
		  json_t **out, bud_err *err)
{
	return run_read(app, actor, client_id, 0, offer_get_unit, out, err);
}

int bud_offer_service_accepted(bud_conn *c, int64_t client_id,
			       const char *service_code, int *accepted,
			       bud_err *err)
{
	struct bud_store_service s;
	int rc;

	assert(c && accepted);
	*accepted = 0;
	rc = service_code ? bud_store_service_by_code(c, service_code, &s, err) :
		BUD_ENOTFOUND;
	if (rc == BUD_ENOTFOUND)
		return bud_err_set(err, BUD_EINVAL, "service",
				   "err.casework.service_unknown",
				   "unknown service code");
	if (rc != BUD_OK)
		return rc;
	return bud_store_offer_accepted(c, client_id, s.id, accepted, err);
}

/* ---- support plan ---- */

/* The helpers as stored: canonical order, comma-separated, into out. */
static int helpers_text(const char *const *h, size_t n, char *out, size_t outsz,
			bud_err *err)
{
	int seen[BUD_SUPPORT_HELPERS] = {0};
	size_t i, j, len = 0;

	for (i = 0; i < n; i++) {
		for (j = 0; j < BUD_SUPPORT_HELPERS; j++)
			if (h[i] && strcmp(h[i], bud_support_helpers[j]) == 0)
				break;
		if (j == BUD_SUPPORT_HELPERS)
			return bud_err_set(err, BUD_EINVAL, "helpers",
					   "err.casework.helper_unknown",
					   "helpers are family, peer, staff, other");
		seen[j] = 1;
	}
	out[0] = '\0';
	for (j = 0; j < BUD_SUPPORT_HELPERS; j++) {
		if (!seen[j])
			continue;
		len += (size_t)snprintf(out + len, outsz - len, "%s%s",
					len ? "," : "", bud_support_helpers[j]);
		assert(len < outsz);
	}
	return BUD_OK;
}

static int support_check(const struct bud_support_plan_in *in, bud_err *err)
{
	size_t i;
	int rc;

	if ((rc = text_ok(in->goals, BUD_TEXT_MAX, "goals", 1, err)) ||
	    (rc = text_ok(in->wishes, BUD_TEXT_MAX, "wishes", 0, err)) ||
	    (rc = text_ok(in->helper_note, BUD_NOTE_MAX, "helper_note", 0, err)))
		return rc;
	if (in->nservices > BUD_CASE_SERVICES_MAX)
		return bud_err_set(err, BUD_EINVAL, "services", "err.out_of_range",
				   "more than %d services", BUD_CASE_SERVICES_MAX);
	for (i = 0; i < in->nservices; i++)
		if ((rc = text_ok(in->services[i].note, BUD_NOTE_MAX,
				  "service_notes", 0, err)))
			return rc;
	return BUD_OK;
}

/* Insert the services wanted (duplicates once, the first note kept). */
static int support_services_insert(bud_conn *w, int64_t plan_id,
				   const struct bud_support_plan_in *in,
				   bud_err *err)
{
	int64_t ids[BUD_CASE_SERVICES_MAX];
	size_t i, j, n = 0, one;
	int rc;

	for (i = 0; i < in->nservices; i++) {
		const char *code = in->services[i].code;
		int64_t id;

		if ((rc = service_ids(w, &code, 1, "services", &id, &one, err)))
			return rc;
		for (j = 0; j < n && ids[j] != id; j++)
			;
		if (j < n)
			continue;
		ids[n++] = id;
		if ((rc = bud_store_support_plan_service_add(w, plan_id, id,
				in->services[i].note, err)))
			return rc;
	}
	return BUD_OK;
}

static int support_create_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct write_arg *a = arg;
	const struct bud_support_plan_in *in = a->in;
	struct bud_store_support_plan row;
	char basis[BUD_BASIS_MAX], object[OBJECT_MAX], helpers[64];
	int rc;

	if ((rc = bud_authz_client(a->app, w, a->actor, a->client_id, 1, basis,
				   sizeof(basis), err)) ||
	    (rc = helpers_text(in->helpers, in->nhelpers, helpers,
			       sizeof(helpers), err)))
		return rc;
	memset(&row, 0, sizeof(row));
	row.client_id = a->client_id;
	row.goals = in->goals;
	row.wishes = in->wishes;
	row.helpers = helpers;
	row.helper_note = in->helper_note;
	row.written_by.id = a->actor->user_id;
	row.created_at = bud_app_now(a->app);
	if ((rc = bud_store_support_plan_insert(w, &row, &a->id, NULL, err)) ||
	    (rc = support_services_insert(w, a->id, in, err)))
		return rc;
	snprintf(object, sizeof(object), "support_plan:%" PRId64, a->id);
	return bud_uselog_append_row(a->app, w, a->actor, a->client_id,
				     "create", object, basis, err);
}

int bud_support_plan_create(bud_app *app, const bud_actor *actor,
			    int64_t client_id,
			    const struct bud_support_plan_in *in, int64_t *id,
			    bud_err *err)
{
	struct write_arg a = {app, actor, client_id, in, 0};
	int rc;

	assert(app && in);
	if ((rc = role_in(actor, ANSWERERS, err)) ||
	    (rc = support_check(in, err)))
		return rc;
	if (in->nhelpers > BUD_SUPPORT_HELPERS * 4)
		return bud_err_set(err, BUD_EINVAL, "helpers", "err.out_of_range",
				   "too many helpers");
	rc = bud_db_write(app->db, support_create_unit, &a, err);
	if (rc == BUD_OK && id)
		*id = a.id;
	return rc;
}

/* "family,peer" as a JSON array. */
static json_t *helpers_json(const char *s)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; arr && i < BUD_SUPPORT_HELPERS; i++) {
		const char *h = bud_support_helpers[i];
		const char *p = strstr(s, h);
		size_t n = strlen(h);

		/* whole items only: "peer" must not match inside another */
		if (p && (p == s || p[-1] == ',') && (p[n] == ',' || p[n] == '\0'))
			json_array_append_new(arr, json_string(h));
	}
	return arr;
}

static int support_obj(void *arg, const struct bud_store_support_plan *p)
{
	json_t **o = arg;

	*o = json_pack("{s:I, s:I, s:i, s:s, s:s, s:[], s:{}, s:o, s:s, s:o, s:I}",
		"id", (json_int_t)p->id, "client_id", (json_int_t)p->client_id,
		"version", p->version, "goals", p->goals, "wishes", p->wishes,
		"services", "service_notes", "helpers", helpers_json(p->helpers),
		"helper_note", p->helper_note,
		"written_by", author_json(&p->written_by),
		"created_at", (json_int_t)p->created_at);
	return *o ? 0 : BUD_ENOMEM;
}

static int support_service(void *arg, const struct bud_store_service_ref *s)
{
	json_t *plan = arg;

	if (json_array_append_new(json_object_get(plan, "services"),
				  json_string(s->code)))
		return BUD_ENOMEM;
	if (s->note[0] && json_object_set_new(json_object_get(plan, "service_notes"),
					      s->code, json_string(s->note)))
		return BUD_ENOMEM;
	return 0;
}

static int support_get_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct read_arg *r = arg;
	char basis[BUD_BASIS_MAX], object[OBJECT_MAX];
	json_t *client = NULL;
	int rc;

	rc = bud_store_support_plan_get(w, r->id, support_obj, &r->out, err);
	if (rc == BUD_ENOTFOUND)
		return bud_authz_denied(err, "no such support plan");
	if (rc != BUD_OK)
		return rc;
	r->client_id = json_integer_value(json_object_get(r->out, "client_id"));
	if ((rc = bud_authz_client(r->app, w, r->actor, r->client_id, 0, basis,
				   sizeof(basis), err)) ||
	    (rc = bud_store_support_plan_services(w, r->id, support_service,
						  r->out, err)) ||
	    (rc = client_json(w, r->client_id, &client, err)) ||
	    (rc = put(r->out, "client", client, err)))
		return rc;
	snprintf(object, sizeof(object), "support_plan:%" PRId64, r->id);
	return bud_uselog_append_row(r->app, w, r->actor, r->client_id, "read",
				     object, basis, err);
}

int bud_support_plan_get(bud_app *app, const bud_actor *actor, int64_t id,
			 json_t **out, bud_err *err)
{
	return run_read(app, actor, 0, id, support_get_unit, out, err);
}

static int support_item(void *arg, const struct bud_store_support_plan *p)
{
	json_t *it = json_pack("{s:I, s:i, s:o, s:I}", "id", (json_int_t)p->id,
		"version", p->version, "written_by", author_json(&p->written_by),
		"created_at", (json_int_t)p->created_at);

	return json_array_append_new(arg, it) ? BUD_ENOMEM : 0;
}

static int support_list_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct read_arg *r = arg;
	char basis[BUD_BASIS_MAX];
	json_t *items;
	int rc;

	if ((rc = bud_authz_client(r->app, w, r->actor, r->client_id, 0, basis,
				   sizeof(basis), err)) ||
	    (rc = list_frame(w, r, &items, err)) ||
	    (rc = bud_store_support_plan_list(w, r->client_id, support_item,
					      items, err)))
		return rc;
	json_object_set_new(json_object_get(r->out, "can"), "write",
			    json_boolean((r->actor->role & ANSWERERS) &&
					 can_act(r, w)));
	return bud_uselog_append_row(r->app, w, r->actor, r->client_id, "read",
				     "support_plans", basis, err);
}

int bud_support_plan_list(bud_app *app, const bud_actor *actor,
			  int64_t client_id, json_t **out, bud_err *err)
{
	return run_read(app, actor, client_id, 0, support_list_unit, out, err);
}
