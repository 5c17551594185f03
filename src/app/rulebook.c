/*
 * app/rulebook.c: the rulebook's use cases (see app/rulebook.h). Adding a
 * version and accepting one are each one write unit that checks who may
 * and what is allowed on the writer connection; reads go through
 * bud_app_read. A version carries no client data, so there is no use-log
 * row: the acceptance row itself is the history of who did what.
 */
#include <assert.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/authz.h"
#include "app/read.h"
#include "app/rulebook.h"
#include "core/date.h"
#include "store/org.h"
#include "store/provider.h"
#include "store/rulebook.h"

static int keeper(const bud_actor *a)
{
	return a && (a->role == BUD_ROLE_WORKER || a->role == BUD_ROLE_ADMIN);
}

static int text_ok(const char *s, const char *field, bud_err *err)
{
	if (!s || !*s)
		return bud_err_set(err, BUD_EINVAL, field, "err.required", "%s", field);
	if (strlen(s) > BUD_RULEBOOK_TEXT_MAX)
		return bud_err_set(err, BUD_EINVAL, field, "err.too_long",
				   "at most %d bytes", BUD_RULEBOOK_TEXT_MAX);
	return BUD_OK;
}

/* ---- adding a version ---------------------------------------------------- */

struct add {
	bud_app *app;
	const bud_actor *actor;
	const struct bud_rulebook_in *in;
	int64_t id;
};

static int add_parts(bud_conn *w, struct add *x, bud_err *err)
{
	struct bud_store_rulebook_part p;
	struct bud_store_service s;
	size_t i;
	int rc;

	for (i = 0; i < x->in->nparts; i++) {
		const struct bud_rulebook_part_in *in = &x->in->parts[i];

		rc = bud_store_service_by_code(w, in->service ? in->service : "", &s, err);
		if (rc == BUD_ENOTFOUND)
			return bud_err_set(err, BUD_EINVAL, "parts", "err.rulebook.service",
					   "no service '%s'", in->service ? in->service : "");
		p = (struct bud_store_rulebook_part){.service_id = s.id,
			.text_fi = in->text_fi, .text_sv = in->text_sv};
		if (rc || (rc = bud_store_rulebook_part_insert(w, x->id, &p, err)))
			return rc == BUD_ECONFLICT ? bud_err_set(err, BUD_EINVAL, "parts",
				"err.rulebook.part_twice", "a service twice") : rc;
	}
	return BUD_OK;
}

static int add_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct add *x = arg;
	struct bud_store_rulebook r = {.organiser_id = x->actor->organiser_id,
		.effective_on = x->in->effective_on, .general_fi = x->in->general_fi,
		.general_sv = x->in->general_sv, .created_by = x->actor->user_id,
		.created_at = bud_app_now(x->app)};
	char today[BUD_DATE_BUF];
	int rc;

	if (bud_app_today(x->app, today, sizeof(today)) != BUD_OK)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal", "clock");
	if (strcmp(x->in->effective_on, today) < 0)
		return bud_err_set(err, BUD_EINVAL, "effective_on", "err.rulebook.past",
				   "the date cannot be before today");
	rc = bud_store_rulebook_insert(w, &r, &x->id, err);
	if (rc == BUD_ECONFLICT)
		return bud_err_set(err, BUD_ECONFLICT, "effective_on",
				   "err.rulebook.date_taken",
				   "a version from this date exists");
	return rc ? rc : add_parts(w, x, err);
}

int bud_rulebook_add(bud_app *app, const bud_actor *actor,
		     const struct bud_rulebook_in *in, int64_t *id_out, bud_err *err)
{
	struct add x = {app, actor, in, 0};
	size_t i;
	int rc, y, m, d;

	assert(app && in);
	if (!keeper(actor))
		return bud_authz_forbidden(err, "add rulebook versions");
	if (!in->effective_on || bud_date_parse(in->effective_on, &y, &m, &d, NULL) != BUD_OK)
		return bud_err_set(err, BUD_EINVAL, "effective_on", "err.invalid_date",
				   "effective_on must be a date YYYY-MM-DD");
	if ((rc = text_ok(in->general_fi, "general_fi", err)) ||
	    (rc = text_ok(in->general_sv, "general_sv", err)))
		return rc;
	if (in->nparts > BUD_RULEBOOK_PARTS_MAX)
		return bud_err_set(err, BUD_EINVAL, "parts", "err.too_long", "too many");
	for (i = 0; i < in->nparts; i++)
		if ((rc = text_ok(in->parts[i].text_fi, "parts", err)) ||
		    (rc = text_ok(in->parts[i].text_sv, "parts", err)))
			return rc;
	rc = bud_db_write(app->db, add_unit, &x, err);
	if (rc == BUD_OK && id_out)
		*id_out = x.id;
	return rc;
}

/* ---- reading versions ---------------------------------------------------- */

struct view {
	bud_conn *c;
	char today[BUD_DATE_BUF];
	int64_t in_force;
	json_t *items;
	bud_err *err;
};

static const char *status_of(const struct view *v, const struct bud_store_rulebook *r)
{
	if (r->id == v->in_force)
		return "in_force";
	return strcmp(r->effective_on, v->today) > 0 ? "upcoming" : "superseded";
}

static int add_part(void *arg, const struct bud_store_rulebook_part *p)
{
	json_array_append_new(arg, json_pack("{s:s, s:s, s:s}", "service", p->service_code,
					     "fi", p->text_fi, "sv", p->text_sv));
	return BUD_OK;
}

static int add_version(void *arg, const struct bud_store_rulebook *r)
{
	struct view *v = arg;
	json_t *parts = json_array();

	json_array_append_new(v->items, json_pack("{s:I, s:s, s:s, s:{s:s, s:s}, s:o}",
		"id", (json_int_t)r->id, "effective_on", r->effective_on,
		"status", status_of(v, r), "general", "fi", r->general_fi,
		"sv", r->general_sv, "parts", parts));
	return bud_store_rulebook_parts(v->c, r->id, add_part, parts, v->err);
}

/* The versions (id 0: all) of organiser into v->items. */
static int versions(struct view *v, bud_app *app, int64_t organiser, int64_t id)
{
	char day[11];

	if (bud_app_today(app, v->today, sizeof(v->today)) != BUD_OK)
		return bud_err_set(v->err, BUD_EINTERNAL, NULL, "err.internal", "clock");
	v->items = json_array();
	if (bud_store_rulebook_pick(v->c, organiser, v->today, &v->in_force, day, v->err))
		return BUD_EINTERNAL;
	return bud_store_rulebook_each(v->c, organiser, id, add_version, v, v->err);
}

struct read_arg {
	bud_app *app;
	const bud_actor *actor;
	int64_t id;
	json_t *out;
};

static int read_unit(bud_conn *c, void *arg, bud_err *err)
{
	struct read_arg *a = arg;
	struct view v = {.c = c, .err = err};
	int rc = versions(&v, a->app, a->actor->organiser_id, a->id);

	if (rc == BUD_OK && a->id && json_array_size(v.items) == 0)
		rc = bud_err_set(err, BUD_ENOTFOUND, "rulebook", "err.not_found",
				 "no such rulebook version");
	if (rc == BUD_OK && a->id)
		a->out = json_incref(json_array_get(v.items, 0));
	else if (rc == BUD_OK)
		a->out = json_incref(v.items);
	json_decref(v.items);
	return rc;
}

static int run_read(bud_app *app, const bud_actor *actor, int64_t id, json_t **out,
		    bud_err *err)
{
	struct read_arg a = {app, actor, id, NULL};
	int rc;

	assert(app && out);
	*out = NULL;
	if (!actor || !(actor->role & (BUD_ROLE_STAFF | BUD_ROLE_PROVIDER_USER)))
		return bud_authz_forbidden(err, "read the rulebook");
	rc = bud_app_read(app, actor, read_unit, &a, err);
	if (rc == BUD_OK)
		*out = a.out;
	else
		json_decref(a.out);
	return rc;
}

int bud_rulebook_get(bud_app *app, const bud_actor *actor, int64_t id,
		     json_t **out, bud_err *err)
{
	if (id <= 0)
		return bud_err_set(err, BUD_ENOTFOUND, "rulebook", "err.not_found",
				   "no such rulebook version");
	return run_read(app, actor, id, out, err);
}

int bud_rulebook_list(bud_app *app, const bud_actor *actor, json_t **out,
		      bud_err *err)
{
	return run_read(app, actor, 0, out, err);
}

/* ---- acceptance ---------------------------------------------------------- */

struct found {
	int64_t id;
	char effective_on[11];
};

static int found_version(void *arg, const struct bud_store_rulebook *r)
{
	struct found *f = arg;

	f->id = r->id;
	snprintf(f->effective_on, sizeof(f->effective_on), "%s", r->effective_on);
	return BUD_OK;
}

struct accept {
	bud_app *app;
	const bud_actor *actor;
	int64_t provider_id, rulebook_id;
};

/* The actor is the admin of x->provider_id, of the actor's organiser. */
static int own_admin(bud_conn *w, const struct accept *x, bud_err *err)
{
	struct bud_store_provider p;
	int rc, admin = 0;

	if (x->actor->provider_id != x->provider_id)
		return bud_err_set(err, BUD_ENOTFOUND, "provider", "err.not_found",
				   "no such provider");
	if ((rc = bud_store_provider_get(w, x->provider_id, &p, err)) ||
	    (rc = bud_store_user_provider_admin(w, x->actor->user_id, &admin, err)))
		return rc;
	if (p.organiser_id != x->actor->organiser_id)
		return bud_err_set(err, BUD_ENOTFOUND, "provider", "err.not_found",
				   "no such provider");
	return admin ? BUD_OK : bud_authz_forbidden(err, "accept the rulebook (the provider's admin does)");
}

static int accept_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct accept *x = arg;
	struct found f = {0, ""};
	char today[BUD_DATE_BUF], day[11];
	int64_t in_force = 0;
	int rc;

	if ((rc = own_admin(w, x, err)) ||
	    (rc = bud_store_rulebook_each(w, x->actor->organiser_id, x->rulebook_id,
					  found_version, &f, err)))
		return rc;
	if (!f.id)
		return bud_err_set(err, BUD_EINVAL, "rulebook_id", "err.not_found",
				   "no such rulebook version");
	if (bud_app_today(x->app, today, sizeof(today)) != BUD_OK)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal", "clock");
	if ((rc = bud_store_rulebook_pick(w, x->actor->organiser_id, today, &in_force,
					  day, err)))
		return rc;
	if (f.id != in_force && strcmp(f.effective_on, today) <= 0)
		return bud_err_set(err, BUD_ECONFLICT, "rulebook_id", "err.rulebook.superseded",
				   "a later version is in force");
	rc = bud_store_rulebook_accept(w, f.id, x->provider_id, x->actor->user_id,
				       bud_app_now(x->app), err);
	if (rc == BUD_ECONFLICT)
		return bud_err_set(err, BUD_ECONFLICT, "rulebook_id", "err.rulebook.accepted",
				   "this version is accepted already");
	return rc;
}

int bud_rulebook_accept(bud_app *app, const bud_actor *actor, int64_t provider_id,
			int64_t rulebook_id, bud_err *err)
{
	struct accept x = {app, actor, provider_id, rulebook_id};

	assert(app);
	if (!actor || actor->role != BUD_ROLE_PROVIDER_USER)
		return bud_authz_forbidden(err, "accept the rulebook (the provider's admin does)");
	if (rulebook_id <= 0)
		return bud_err_set(err, BUD_EINVAL, "rulebook_id", "err.required",
				   "rulebook_id is required");
	return bud_db_write(app->db, accept_unit, &x, err);
}

/* ---- a provider's rulebook view ----------------------------------------- */

struct open_versions {
	const char *today;
	int64_t in_force;
	const struct bud_store_rulebook_acc *acc;
	size_t nacc;
	json_t *ids;
};

/* Versions the provider may accept (in force or upcoming) and has not. */
static int open_version(void *arg, const struct bud_store_rulebook *r)
{
	struct open_versions *o = arg;
	size_t i;

	if (r->id != o->in_force && strcmp(r->effective_on, o->today) <= 0)
		return BUD_OK;
	for (i = 0; i < o->nacc; i++)
		if (o->acc[i].rulebook_id == r->id)
			return BUD_OK;
	json_array_append_new(o->ids, json_integer(r->id));
	return BUD_OK;
}

static json_t *history_json(const struct bud_store_rulebook_acc *acc, size_t n)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:I, s:s, s:I, s:s, s:I}",
			"rulebook_id", (json_int_t)acc[i].rulebook_id,
			"effective_on", acc[i].effective_on,
			"accepted_by", (json_int_t)acc[i].accepted_by,
			"accepted_by_name", acc[i].accepted_by_name,
			"accepted_at", (json_int_t)acc[i].accepted_at));
	return arr;
}

static int provider_view(bud_conn *c, int64_t org, const char *today,
			 struct open_versions *o, json_t *out, bud_err *err)
{
	char newest[11], day[11];
	int64_t newest_id = 0;
	int rc, missing;

	if ((rc = bud_store_rulebook_pick(c, org, NULL, &newest_id, newest, err)) ||
	    (rc = bud_store_rulebook_pick(c, org, today, &o->in_force, day, err)) ||
	    (rc = bud_store_rulebook_each(c, org, 0, open_version, o, err)))
		return rc;
	missing = newest_id && (o->nacc == 0 || strcmp(o->acc[0].effective_on, newest) < 0);
	json_object_set_new(out, "newest", newest_id ? json_string(newest) : json_null());
	json_object_set_new(out, "newest_accepted",
			    o->nacc ? json_string(o->acc[0].effective_on) : json_null());
	json_object_set_new(out, "missing", json_boolean(missing));
	json_object_set_new(out, "overdue",
			    json_boolean(missing && strcmp(newest, today) <= 0));
	return BUD_OK;
}

int bud_rulebook_provider_json(bud_conn *c, int64_t organiser_id, int64_t provider_id,
			       const char *today, json_t **out, bud_err *err)
{
	struct bud_store_rulebook_acc *acc = calloc(BUD_RULEBOOK_HISTORY_MAX, sizeof(*acc));
	struct open_versions o = {.today = today};
	size_t n = 0;
	int rc;

	*out = NULL;
	if (!acc)
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "no memory");
	rc = bud_store_rulebook_accepted(c, provider_id, acc, BUD_RULEBOOK_HISTORY_MAX,
					 &n, err);
	o.acc = acc;
	o.nacc = n;
	o.ids = json_array();
	*out = json_object();
	if (rc == BUD_OK)
		rc = provider_view(c, organiser_id, today, &o, *out, err);
	json_object_set_new(*out, "accepted", history_json(acc, n));
	json_object_set_new(*out, "to_accept", o.ids);
	free(acc);
	if (rc != BUD_OK) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}
