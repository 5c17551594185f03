/*
 * app/client.c: the client use cases (see app/client.h): create, edit,
 * read, search, the client's own account, representatives' mandates and
 * the client's view of the use log.
 *
 * Every use case is one bud_db_write unit that checks access with
 * bud_authz_client on the writer connection, does its reads or writes and
 * appends its use-log rows, so a refusal writes nothing and a read is
 * never without its log row. Input is validated before the unit (cheap,
 * no database); the password of a new account is hashed before it too.
 */
#include <assert.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/account.h"
#include "app/authz.h"
#include "app/client.h"
#include "app/mail.h"
#include "app/municipality.h"
#include "app/users.h"
#include "app/etag.h"
#include "app/read.h"
#include "app/uselog.h"
#include "core/contact.h"
#include "core/date.h"
#include "core/ids.h"
#include "core/utf8.h"
#include "core/text.h"
#include "store/client.h"
#include "store/collate.h"
#include "store/org.h"
#include "store/user.h"

/* ---- input ------------------------------------------------------------- */

/* Copy src into dst (dstsz bytes) without white space at either end;
 * BUD_EINVAL "err.too_long" naming field when it does not fit. */
static int copy_trim(char *dst, size_t dstsz, const char *src,
		     const char *field, bud_err *err)
{
	size_t n;

	src = bud_text_trim(src, &n);
	if (n >= dstsz)
		return bud_err_set(err, BUD_EINVAL, field, "err.too_long",
				   "%s over %zu bytes", field, dstsz - 1);
	memcpy(dst, src, n);
	dst[n] = '\0';
	return BUD_OK;
}

/* One optional text field: NULL leaves dst alone unless creating. */
static int opt_text(char *dst, size_t dstsz, const char *src, int creating,
		    const char *field, bud_err *err)
{
	if (!src && !creating)
		return BUD_OK;
	return copy_trim(dst, dstsz, src ? src : "", field, err);
}

/* A required name: NULL leaves it alone unless creating; empty is
 * err.required. */
static int name_field(char *dst, size_t dstsz, const char *src, int creating,
		      const char *field, bud_err *err)
{
	int rc;

	if (!src && !creating)
		return BUD_OK;
	rc = copy_trim(dst, dstsz, src ? src : "", field, err);
	if (rc == BUD_OK && !dst[0])
		rc = bud_err_set(err, BUD_EINVAL, field, "err.required",
				 "%s missing", field);
	return rc;
}

/* The human text of a client's fields (core/text.h): names and address
 * on one line, communication needs may have line breaks. */
static int client_texts(const struct bud_store_client *row, bud_err *err)
{
	int rc;

	if ((rc = bud_text_check(row->first_name, BUD_TEXT_LINE, "first_name", err)) ||
	    (rc = bud_text_check(row->last_name, BUD_TEXT_LINE, "last_name", err)) ||
	    (rc = bud_text_check(row->municipality, BUD_TEXT_LINE, "municipality",
				 err)) ||
	    (rc = bud_text_check(row->address, BUD_TEXT_LINE, "address", err)) ||
	    (rc = bud_text_check(row->communication, BUD_TEXT_MULTILINE,
				 "communication", err)))
		return rc;
	return BUD_OK;
}

/* The client's municipality from the official list (app/municipality.h),
 * optional; stored as its Finnish name. NULL leaves it unless creating. */
static int municipality_field(struct bud_store_client *row, const char *in,
			      int creating, bud_err *err)
{
	const char *canon;
	int rc;

	if (!in && !creating)
		return BUD_OK;
	if ((rc = bud_municipality_check(in, 1, &canon, "municipality", err)))
		return rc;
	snprintf(row->municipality, sizeof(row->municipality), "%s", canon);
	return BUD_OK;
}

/* Validate f into row (all fields when creating, else the given ones). */
static int apply_fields(struct bud_store_client *row,
			const struct bud_client_fields *f, int creating,
			bud_err *err)
{
	int rc;

	if ((rc = name_field(row->first_name, sizeof(row->first_name),
			     f->first_name, creating, "first_name", err)) ||
	    (rc = name_field(row->last_name, sizeof(row->last_name),
			     f->last_name, creating, "last_name", err)))
		return rc;
	if (f->lang || creating) {
		const char *l = f->lang && f->lang[0] ? f->lang : "fi";

		if (strcmp(l, "fi") != 0 && strcmp(l, "sv") != 0)
			return bud_err_set(err, BUD_EINVAL, "lang", "err.client.lang",
					   "language must be fi or sv");
		snprintf(row->lang, sizeof(row->lang), "%s", l);
	}
	if ((rc = municipality_field(row, f->municipality, creating, err)) ||
	    (rc = opt_text(row->email, sizeof(row->email), f->email, creating,
			   "email", err)) ||
	    (rc = opt_text(row->phone, sizeof(row->phone), f->phone, creating,
			   "phone", err)) ||
	    (rc = opt_text(row->address, sizeof(row->address), f->address,
			   creating, "address", err)) ||
	    (rc = opt_text(row->communication, sizeof(row->communication),
			   f->communication, creating, "communication", err)))
		return rc;
	if ((rc = client_texts(row, err)) != BUD_OK)
		return rc;
	if ((rc = bud_contact_email_check(row->email, "email", err)) ||
	    (rc = bud_contact_phone_check(row->phone, "phone", err)))
		return rc;
	if (f->easy_read > 1)
		return bud_err_set(err, BUD_EINVAL, "easy_read",
				   "err.invalid_choice", "easy_read is 0 or 1");
	if (f->easy_read >= 0)
		row->easy_read = f->easy_read;
	else if (creating)
		row->easy_read = 0;
	if (f->worker_id < 0)
		return bud_err_set(err, BUD_EINVAL, "worker_id", "err.client.worker",
				   "negative worker id");
	return BUD_OK;
}

/* Today's date (Helsinki, by the app's clock) as text and day number. */
static int today(bud_app *app, char *buf, size_t bufsz, int64_t *days,
		 bud_err *err)
{
	int y, m, d;

	if (bud_app_today(app, buf, bufsz) != BUD_OK ||
	    bud_date_parse(buf, &y, &m, &d, NULL) != BUD_OK)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.generic",
				   "clock out of range");
	if (days)
		*days = bud_date_days(y, m, d);
	return BUD_OK;
}

/* The hetu as typed, trimmed and upper-cased, checked into out
 * (BUD_STORE_HETU bytes). Errors name field "hetu" (or `field`). */
static int hetu_input(bud_app *app, const char *in, const char *field,
		      char *out, bud_err *err)
{
	char buf[BUD_MAX_ID_LEN + 2], day[BUD_DATE_BUF];
	int64_t days;
	size_t i;
	int rc;

	if (!in || !in[0])
		return bud_err_set(err, BUD_EINVAL, field, "err.required",
				   "%s missing", field);
	if (copy_trim(buf, sizeof(buf), in, field, err) != BUD_OK)
		return bud_err_set(err, BUD_EINVAL, field, "err.ids.length",
				   "identity code too long");
	for (i = 0; buf[i]; i++)
		if (buf[i] >= 'a' && buf[i] <= 'z')
			buf[i] = (char)(buf[i] - 'a' + 'A');
	if ((rc = today(app, day, sizeof(day), &days, err)) != BUD_OK)
		return rc;
	rc = bud_hetu_check_at(buf, days, NULL, err);
	if (rc != BUD_OK) {
		if (err)
			snprintf(err->field, sizeof(err->field), "%s", field);
		return rc;
	}
	if (strlen(buf) >= BUD_STORE_HETU)
		return bud_err_set(err, BUD_EINTERNAL, field, "err.generic",
				   "hetu longer than its column");
	memcpy(out, buf, strlen(buf) + 1);
	return BUD_OK;
}

/* ---- inside write units ------------------------------------------------- */

/* The responsible worker for worker_id as chosen by actor (0: the actor):
 * an active worker of the actor's unit. *unit_id gets the unit. */
static int pick_worker(bud_conn *w, const bud_actor *actor, int64_t worker_id,
		       int64_t *unit_id, bud_err *err)
{
	struct bud_store_user u;
	int rc;

	*unit_id = actor->unit_id;
	if (worker_id == 0 || worker_id == actor->user_id)
		return BUD_OK;
	rc = bud_store_user_get(w, worker_id, &u, err);
	memset(u.password_hash, 0, sizeof(u.password_hash));
	if (rc == BUD_ENOTFOUND || (rc == BUD_OK &&
	    (strcmp(u.role, "worker") != 0 || !u.active || !actor->unit_id ||
	     u.unit_id != actor->unit_id)))
		return bud_err_set(err, BUD_EINVAL, "worker_id", "err.client.worker",
				   "not an active worker of the unit");
	return rc;
}

struct create_arg {
	bud_app *app;
	const bud_actor *actor;
	struct bud_store_client row;
	int64_t worker_id;
	int64_t id;
};

static int create_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct create_arg *a = arg;
	struct bud_store_client *old;
	int rc;

	old = malloc(sizeof(*old));
	if (!old)
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "client");
	rc = bud_store_client_by_hetu(w, a->row.organiser_id, a->row.hetu, old,
				      err);
	free(old);
	/* Only the actor's own organiser is asked, and the answer says no
	 * more than that: the worker is sent to ask for access. */
	if (rc == BUD_OK)
		return bud_err_set(err, BUD_ECONFLICT, "hetu", "err.client.hetu_taken",
				   "the organiser has a client with this code");
	if (rc != BUD_ENOTFOUND)
		return rc;
	bud_err_clear(err);
	rc = pick_worker(w, a->actor, a->worker_id, &a->row.unit_id, err);
	if (rc != BUD_OK)
		return rc;
	a->row.worker_id = a->worker_id ? a->worker_id : a->actor->user_id;
	rc = bud_store_client_insert(w, &a->row, &a->id, err);
	if (rc == BUD_ECONFLICT)
		return bud_err_set(err, BUD_ECONFLICT, "hetu", "err.client.hetu_taken",
				   "the organiser has a client with this code");
	if (rc != BUD_OK)
		return rc;
	return bud_uselog_append_row(a->app, w, a->actor, a->id, "create",
				     "client", "case", err);
}

int bud_client_create(bud_app *app, const bud_actor *actor,
		      const struct bud_client_fields *f, int64_t *id_out,
		      bud_err *err)
{
	struct create_arg *a;
	int rc;

	assert(app && f);
	if (!actor || actor->role != BUD_ROLE_WORKER)
		return bud_authz_forbidden(err, "create clients");
	if (!actor->organiser_id)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.generic",
				   "worker without an organiser");
	a = calloc(1, sizeof(*a));
	if (!a)
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "client");
	a->app = app;
	a->actor = actor;
	a->worker_id = f->worker_id;
	rc = hetu_input(app, f->hetu, "hetu", a->row.hetu, err);
	if (rc == BUD_OK)
		rc = apply_fields(&a->row, f, 1, err);
	if (rc != BUD_OK)
		goto out;
	a->row.organiser_id = actor->organiser_id;
	a->row.created_at = bud_app_now(app);
	rc = bud_db_write(app->db, create_unit, a, err);
	if (rc == BUD_OK && id_out)
		*id_out = a->id;
out:
	free(a);
	return rc;
}

/* The version tag of row c (app/etag.h). */
static void client_etag(const struct bud_store_client *c, char out[BUD_ETAG_HEX])
{
	bud_etag t;

	bud_etag_init(&t);
	bud_etag_i64(&t, c->id);
	bud_etag_str(&t, c->hetu);
	bud_etag_str(&t, c->first_name);
	bud_etag_str(&t, c->last_name);
	bud_etag_str(&t, c->lang);
	bud_etag_str(&t, c->municipality);
	bud_etag_str(&t, c->email);
	bud_etag_str(&t, c->phone);
	bud_etag_str(&t, c->address);
	bud_etag_str(&t, c->communication);
	bud_etag_i64(&t, c->easy_read);
	bud_etag_i64(&t, c->worker_id);
	bud_etag_i64(&t, c->unit_id);
	bud_etag_i64(&t, c->updated_at);
	bud_etag_final(&t, out);
}

struct update_arg {
	bud_app *app;
	const bud_actor *actor;
	int64_t client_id;
	const struct bud_client_fields *f;
	struct bud_store_client row;
};

static int update_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct update_arg *a = arg;
	struct bud_store_client before;
	char basis[BUD_BASIS_MAX], etag[BUD_ETAG_HEX];
	int rc;

	rc = bud_authz_client(a->app, w, a->actor, a->client_id, 1, basis,
			      sizeof(basis), err);
	if (rc == BUD_OK)
		rc = bud_store_client_get(w, a->client_id, &a->row, err);
	if (rc == BUD_OK && a->f->if_etag) {
		client_etag(&a->row, etag);
		rc = bud_etag_check(a->f->if_etag, etag, err);
	}
	memcpy(&before, &a->row, sizeof(before));
	if (rc == BUD_OK)
		rc = apply_fields(&a->row, a->f, 0, err);
	if (rc == BUD_OK && a->f->worker_id &&
	    a->f->worker_id != a->row.worker_id) {
		rc = pick_worker(w, a->actor, a->f->worker_id, &a->row.unit_id,
				 err);
		a->row.worker_id = a->f->worker_id;
	}
	if (rc != BUD_OK)
		return rc;
	/* Nothing changed (the record sent back as read): no write, so
	 * updated_at and the ETag stay. */
	if (memcmp(&before, &a->row, sizeof(before)) == 0)
		return BUD_OK;
	a->row.updated_at = bud_app_now(a->app);
	rc = bud_store_client_update(w, &a->row, err);
	if (rc != BUD_OK)
		return rc;
	return bud_uselog_append_row(a->app, w, a->actor, a->client_id,
				     "change", "client", basis, err);
}

int bud_client_update(bud_app *app, const bud_actor *actor, int64_t client_id,
		      const struct bud_client_fields *f, bud_err *err)
{
	struct update_arg *a;
	int rc;

	assert(app && f);
	if (!actor || actor->role != BUD_ROLE_WORKER)
		return bud_authz_forbidden(err, "change clients");
	a = calloc(1, sizeof(*a));
	if (!a)
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "client");
	a->app = app;
	a->actor = actor;
	a->client_id = client_id;
	a->f = f;
	/* The shape of the input first, so a malformed request is refused
	 * alike for every client (the unit checks access, then again). */
	rc = apply_fields(&a->row, f, 0, err);
	if (rc == BUD_OK)
		rc = bud_db_write(app->db, update_unit, a, err);
	free(a);
	return rc;
}

/* ---- the client page ----------------------------------------------------- */

struct get_arg {
	bud_app *app;
	const bud_actor *actor;
	int64_t client_id;
	struct bud_store_client row;
	struct bud_store_user worker;
	struct bud_store_unit unit;
	int has_worker, has_unit;
	int64_t account_id;
	char account[BUD_USERNAME_MAX + 1];
};

/* Look up an optional row: ENOTFOUND gives *found 0 and BUD_OK. */
static int optional(int rc, int *found, bud_err *err)
{
	*found = rc == BUD_OK;
	if (rc == BUD_ENOTFOUND) {
		bud_err_clear(err);
		return BUD_OK;
	}
	return rc;
}

static int get_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct get_arg *a = arg;
	char basis[BUD_BASIS_MAX];
	int rc, found;

	rc = bud_authz_client(a->app, w, a->actor, a->client_id, 0, basis,
			      sizeof(basis), err);
	if (rc == BUD_OK)
		rc = bud_store_client_get(w, a->client_id, &a->row, err);
	if (rc == BUD_OK && a->row.worker_id) {
		rc = optional(bud_store_user_get(w, a->row.worker_id, &a->worker,
						 err), &a->has_worker, err);
		memset(a->worker.password_hash, 0, sizeof(a->worker.password_hash));
	}
	if (rc == BUD_OK && a->row.unit_id)
		rc = optional(bud_store_unit_get(w, a->row.unit_id, &a->unit, err),
			      &a->has_unit, err);
	if (rc == BUD_OK)
		rc = optional(bud_store_client_account(w, a->client_id,
				&a->account_id, a->account, sizeof(a->account),
				err), &found, err);
	if (rc != BUD_OK)
		return rc;
	return bud_uselog_append_row(a->app, w, a->actor, a->client_id, "read",
				     "client", basis, err);
}

static json_t *time_or_null(int64_t t)
{
	return t ? json_integer(t) : json_null();
}

/* Whether actor is the client c themself: the only reader who gets the
 * whole identity code in the page (see app/client.h). */
static int is_self(const bud_actor *actor, const struct bud_store_client *c)
{
	return actor->role == BUD_ROLE_CLIENT && actor->client_id == c->id;
}

/* Member key of o: value v (the view's keys are plain ASCII). */
static void put(json_t *o, const char *key, json_t *v)
{
	json_object_set_new_nocheck(o, key, v);
}

/* {id, KEY: name...}: a small object of the view, or null when absent. */
static json_t *id_names(int has, int64_t id, const char *const keys[],
			const char *const vals[], size_t n)
{
	json_t *o;
	size_t i;

	if (!has)
		return json_null();
	o = json_object();
	put(o, "id", json_integer(id));
	for (i = 0; i < n; i++)
		put(o, keys[i], json_string(vals[i]));
	return o;
}

/* The client's view, built member by member (json_pack parses its format
 * on every call, and this view is on every client page). */
static json_t *client_view(const struct get_arg *a)
{
	static const char *const wk[] = {"name"}, *const uk[] = {"name_fi",
		"name_sv", "name_en"}, *const ak[] = {"username"};
	const struct bud_store_client *c = &a->row;
	const char *wv[] = {a->worker.display_name}, *uv[] = {a->unit.name_fi,
		a->unit.name_sv, a->unit.name_en}, *av[] = {a->account};
	int worker = a->actor->role == BUD_ROLE_WORKER;
	char masked[16], etag[BUD_ETAG_HEX];
	json_t *v = json_object(), *can = json_object();

	bud_hetu_mask(c->hetu, masked, sizeof(masked));
	put(v, "id", json_integer(c->id));
	put(v, "hetu_masked", json_string(masked));
	put(v, "first_name", json_string(c->first_name));
	put(v, "last_name", json_string(c->last_name));
	put(v, "lang", json_string(c->lang));
	put(v, "municipality", json_string(c->municipality));
	put(v, "email", json_string(c->email));
	put(v, "phone", json_string(c->phone));
	put(v, "address", json_string(c->address));
	put(v, "communication", json_string(c->communication));
	put(v, "easy_read", json_boolean(c->easy_read));
	put(v, "organiser_id", json_integer(c->organiser_id));
	put(v, "created_at", json_integer(c->created_at));
	if (is_self(a->actor, c))
		put(v, "hetu", json_string(c->hetu));
	put(v, "updated_at", time_or_null(c->updated_at));
	client_etag(c, etag);
	put(v, "etag", json_string(etag));
	put(v, "worker", id_names(a->has_worker, a->worker.id, wk, wv, 1));
	put(v, "unit", id_names(a->has_unit, a->unit.id, uk, uv, 3));
	put(v, "account", id_names(a->account_id != 0, a->account_id, ak, av, 1));
	put(can, "edit", json_boolean(worker));
	put(can, "account", json_boolean(worker && !a->account_id));
	put(can, "mandates", json_boolean(worker));
	put(v, "can", can);
	return v;
}

int bud_client_get(bud_app *app, const bud_actor *actor, int64_t client_id,
		   json_t **out, bud_err *err)
{
	struct get_arg *a;
	int rc;

	assert(app && out);
	*out = NULL;
	a = calloc(1, sizeof(*a));
	if (!a)
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "client");
	a->app = app;
	a->actor = actor;
	a->client_id = client_id;
	rc = bud_app_read(app, actor, get_unit, a, err);
	if (rc == BUD_OK && !(*out = client_view(a)))
		rc = bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "view");
	free(a);
	return rc;
}

/* ---- one fact of the record: the name for a heading, the identity code --- */

struct one_arg {
	bud_app *app;
	const bud_actor *actor;
	int64_t client_id;
	const char *object;	/* what is shown: "client:name", "client:hetu" */
	struct bud_store_client row;
};

static int one_unit(bud_conn *c, void *arg, bud_err *err)
{
	struct one_arg *a = arg;
	char basis[BUD_BASIS_MAX];
	int rc;

	rc = bud_authz_client(a->app, c, a->actor, a->client_id, 0, basis,
			      sizeof(basis), err);
	if (rc == BUD_OK)
		rc = bud_store_client_get(c, a->client_id, &a->row, err);
	if (rc != BUD_OK)
		return rc;
	return bud_uselog_append_row(a->app, c, a->actor, a->client_id, "read",
				     a->object, basis, err);
}

/* Read client_id for object into a new *a (the caller frees it). */
static int read_one(bud_app *app, const bud_actor *actor, int64_t client_id,
		    const char *object, struct one_arg **a, bud_err *err)
{
	if (!(*a = calloc(1, sizeof(**a))))
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "client");
	(*a)->app = app;
	(*a)->actor = actor;
	(*a)->client_id = client_id;
	(*a)->object = object;
	return bud_app_read(app, actor, one_unit, *a, err);
}

int bud_client_name(bud_app *app, const bud_actor *actor, int64_t client_id,
		    json_t **out, bud_err *err)
{
	struct one_arg *a = NULL;
	int rc;

	assert(app && out);
	*out = NULL;
	rc = read_one(app, actor, client_id, "client:name", &a, err);
	if (rc == BUD_OK && !(*out = json_pack("{s:I, s:s, s:s, s:s}",
			"id", (json_int_t)a->row.id, "first_name", a->row.first_name,
			"last_name", a->row.last_name, "lang", a->row.lang)))
		rc = bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "view");
	if (a)
		memset(a->row.hetu, 0, sizeof(a->row.hetu));
	free(a);
	return rc;
}

int bud_client_hetu(bud_app *app, const bud_actor *actor, int64_t client_id,
		    char *out, size_t outsz, bud_err *err)
{
	struct one_arg *a = NULL;
	int rc;

	assert(app && out && outsz > 0);
	out[0] = '\0';
	rc = read_one(app, actor, client_id, "client:hetu", &a, err);
	if (rc == BUD_OK && snprintf(out, outsz, "%s", a->row.hetu) >= (int)outsz)
		rc = bud_err_set(err, BUD_EINTERNAL, NULL, "err.generic", "hetu buffer");
	free(a);
	return rc;
}

/* ---- search ---------------------------------------------------------------- */

struct search_arg {
	bud_app *app;
	const bud_actor *actor;
	struct bud_store_client_query q;
	struct bud_store_client *rows;
	size_t n;
	struct bud_page *pg;
};

static int search_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct search_arg *a = arg;
	int rc;

	rc = bud_store_client_search(w, &a->q, (size_t)a->pg->at, a->rows,
				     (size_t)bud_page_fetch(a->pg), &a->n, err);
	if (rc != BUD_OK)
		return rc;
	/* one row for the list: names of the clients of the actor's case load */
	return bud_uselog_append_row(a->app, w, a->actor, 0, "read",
				     "client:list", "case", err);
}

/* Split folded text into at most BUD_STORE_SEARCH_WORDS words (the last
 * keeps the rest, spaces included). text is cut in place. */
static void split_words(char *text, const char **words)
{
	char *p = text;
	int i;

	for (i = 0; i < BUD_STORE_SEARCH_WORDS; i++)
		words[i] = NULL;
	for (i = 0; i < BUD_STORE_SEARCH_WORDS && p && *p; i++) {
		char *sp = i + 1 < BUD_STORE_SEARCH_WORDS ? strchr(p, ' ') : NULL;

		words[i] = p;
		if (sp) {
			*sp = '\0';
			p = sp + 1;
		} else {
			p = NULL;
		}
	}
}

/* 1 when q looks like an attempt at a hetu: six digits first. */
static int hetu_like(const char *q)
{
	int i;

	while (*q == ' ')
		q++;
	for (i = 0; i < 6; i++)
		if (q[i] < '0' || q[i] > '9')
			return 0;
	return 1;
}

/* Turn q into the match part of a query (hetu into hetu, folded words
 * into text). */
static int search_input(bud_app *app, const char *q, char *hetu, char *text,
			size_t textsz, struct bud_store_client_query *sq,
			bud_err *err)
{
	long chars;

	if (!q)
		return BUD_OK;
	if (hetu_like(q)) {
		int rc = hetu_input(app, q, "q", hetu, err);

		if (rc == BUD_OK)
			sq->hetu = hetu;
		return rc;
	}
	chars = bud_collate_fold(q, text, textsz);
	if (chars < 0)
		return bud_err_set(err, BUD_EINVAL, "q", "err.too_long",
				   "search text too long");
	if (chars == 0)
		return BUD_OK;
	if (chars < BUD_SEARCH_MIN)
		return bud_err_set(err, BUD_EINVAL, "q", "err.client.search_short",
				   "search needs at least %d characters",
				   BUD_SEARCH_MIN);
	split_words(text, sq->words);
	return BUD_OK;
}

static json_t *list_item(const bud_actor *actor, const struct bud_store_client *c)
{
	char masked[16];

	bud_hetu_mask(c->hetu, masked, sizeof(masked));
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:b, s:I, s:b}",
		"id", (json_int_t)c->id, "first_name", c->first_name,
		"last_name", c->last_name, "hetu_masked", masked, "lang", c->lang,
		"municipality", c->municipality, "easy_read", c->easy_read,
		"worker_id", (json_int_t)c->worker_id,
		"mine", c->worker_id == actor->user_id);
}

int bud_client_search(bud_app *app, const bud_actor *actor, const char *q,
		      int mine, struct bud_page *pg, json_t **out, bud_err *err)
{
	char hetu[BUD_STORE_HETU], text[BUD_STORE_SEARCH_KEY];
	struct search_arg a;
	size_t i;
	int rc;

	assert(app && out);
	*out = NULL;
	if (!actor || (actor->role != BUD_ROLE_WORKER &&
		       actor->role != BUD_ROLE_DECISION_MAKER))
		return bud_authz_forbidden(err, "search clients");
	memset(&a, 0, sizeof(a));
	a.app = app;
	a.actor = actor;
	a.q.organiser_id = actor->organiser_id;
	if (actor->role == BUD_ROLE_WORKER) {
		a.q.worker_id = actor->user_id;
		a.q.unit_id = mine ? 0 : actor->unit_id;
	}
	if (!actor->organiser_id)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.generic",
				   "user without an organiser");
	rc = search_input(app, q, hetu, text, sizeof(text), &a.q, err);
	if (rc != BUD_OK)
		return rc;
	a.pg = pg;
	a.rows = malloc((size_t)bud_page_fetch(pg) * sizeof(*a.rows));	/* rows set by the store */
	if (!a.rows)
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "rows");
	rc = bud_app_read(app, actor, search_unit, &a, err);
	if (rc == BUD_OK) {
		a.n = (size_t)bud_page_offset_done(pg, (int)a.n);
		*out = json_array();
		for (i = 0; i < a.n; i++)
			json_array_append_new(*out, list_item(actor, &a.rows[i]));
	}
	free(a.rows);
	return rc;
}

/* ---- the client's own account ---------------------------------------------- */

struct account_arg {
	bud_app *app;
	const bud_actor *actor;
	int64_t client_id;
	const char *username;
	struct bud_store_client row;
	struct bud_client_account *out;
	char hash[BUD_STORE_HASH_TEXT];	/* of a password nobody knows */
};

/* A new activation link for the client's account user_id, mailed to the
 * client's address when there is one. */
static int activation(struct account_arg *a, bud_conn *w, int64_t user_id,
		      const char *name, bud_err *err)
{
	return bud_users_link_issue(a->app, w, a->actor, user_id, "activate",
				    a->row.email, name, a->row.lang, a->out->link,
				    sizeof(a->out->link), &a->out->mailed, err);
}

static int account_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct account_arg *a = arg;
	char basis[BUD_BASIS_MAX], name[BUD_DISPLAY_NAME_MAX * 4 + 1];
	char both[2 * BUD_NAME_MAX + 2], have[BUD_USERNAME_MAX + 1];
	struct bud_new_user u;
	int64_t old;
	int rc;

	rc = bud_authz_client(a->app, w, a->actor, a->client_id, 1, basis,
			      sizeof(basis), err);
	if (rc == BUD_OK)
		rc = bud_store_client_get(w, a->client_id, &a->row, err);
	if (rc != BUD_OK)
		return rc;
	rc = bud_store_client_account(w, a->client_id, &old, have, sizeof(have),
				      err);
	if (rc == BUD_OK)
		return bud_err_set(err, BUD_ECONFLICT, NULL,
				   "err.client.account_exists",
				   "the client already has an account");
	if (rc != BUD_ENOTFOUND)
		return rc;
	bud_err_clear(err);
	snprintf(both, sizeof(both), "%s %s", a->row.first_name, a->row.last_name);
	bud_utf8_copy(name, sizeof(name), both, BUD_DISPLAY_NAME_MAX);
	memset(&u, 0, sizeof(u));
	u.username = a->username;
	u.display_name = name;
	u.role = "client";
	u.lang = a->row.lang;
	u.organiser_id = a->row.organiser_id;
	u.client_id = a->client_id;
	rc = bud_account_insert_hashed(a->app, w, NULL, &u, a->hash,
				       &a->out->user_id, err);
	if (rc == BUD_OK)
		rc = activation(a, w, a->out->user_id, name, err);
	if (rc != BUD_OK)
		return rc;
	return bud_uselog_append_row(a->app, w, a->actor, a->client_id,
				     "create", "account", basis, err);
}

/* The client check on the thread's reader, before costly work. */
static int reach(bud_app *app, const bud_actor *actor, int64_t client_id,
		 int want_act, bud_err *err)
{
	bud_conn *c = bud_db_reader(app->db, err);

	if (!c)
		return err ? err->code : BUD_EIO;
	return bud_authz_client(app, c, actor, client_id, want_act, NULL, 0, err);
}

int bud_client_account_create(bud_app *app, const bud_actor *actor,
			      int64_t client_id, const char *username,
			      struct bud_client_account *out, bud_err *err)
{
	struct account_arg *a;
	int rc;

	assert(app && out);
	memset(out, 0, sizeof(*out));
	if (!actor || actor->role != BUD_ROLE_WORKER)
		return bud_authz_forbidden(err, "issue client accounts");
	if ((rc = reach(app, actor, client_id, 1, err)) != BUD_OK)
		return rc;
	if (!username || !username[0])
		return bud_err_set(err, BUD_EINVAL, "username", "err.required",
				   "username missing");
	a = calloc(1, sizeof(*a));
	if (!a)
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "account");
	a->app = app;
	a->actor = actor;
	a->client_id = client_id;
	a->username = username;
	a->out = out;
	rc = bud_account_unusable_hash(a->hash, sizeof(a->hash), err);
	if (rc == BUD_OK)
		rc = bud_db_write(app->db, account_unit, a, err);
	if (rc == BUD_OK)
		bud_mailer_kick(app->mailer);
	free(a);
	return rc;
}

static int link_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct account_arg *a = arg;
	char basis[BUD_BASIS_MAX], have[BUD_USERNAME_MAX + 1];
	int rc;

	rc = bud_authz_client(a->app, w, a->actor, a->client_id, 1, basis,
			      sizeof(basis), err);
	if (rc == BUD_OK)
		rc = bud_store_client_get(w, a->client_id, &a->row, err);
	if (rc == BUD_OK)
		rc = bud_store_client_account(w, a->client_id, &a->out->user_id, have,
					      sizeof(have), err);
	if (rc == BUD_ENOTFOUND)
		return bud_err_set(err, BUD_ECONFLICT, NULL, "err.client.no_account",
				   "the client has no account yet");
	if (rc == BUD_OK)
		rc = activation(a, w, a->out->user_id, have, err);
	if (rc != BUD_OK)
		return rc;
	return bud_uselog_append_row(a->app, w, a->actor, a->client_id,
				     "create", "account:link", basis, err);
}

int bud_client_account_link(bud_app *app, const bud_actor *actor,
			    int64_t client_id, struct bud_client_account *out,
			    bud_err *err)
{
	struct account_arg *a;
	int rc;

	assert(app && out);
	memset(out, 0, sizeof(*out));
	if (!actor || actor->role != BUD_ROLE_WORKER)
		return bud_authz_forbidden(err, "issue client accounts");
	if ((rc = reach(app, actor, client_id, 1, err)) != BUD_OK)
		return rc;
	if (!(a = calloc(1, sizeof(*a))))
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "account");
	a->app = app;
	a->actor = actor;
	a->client_id = client_id;
	a->out = out;
	rc = bud_db_write(app->db, link_unit, a, err);
	if (rc == BUD_OK)
		bud_mailer_kick(app->mailer);
	free(a);
	return rc;
}

/* ---- mandates -------------------------------------------------------------- */

int bud_client_mandate_add(bud_app *app, const bud_actor *actor,
			   int64_t client_id,
			   const struct bud_client_mandate_in *in,
			   int64_t *id_out, bud_err *err)
{
	struct bud_store_user u;
	bud_conn *c;
	int rc;

	assert(app && in);
	if (!actor || actor->role != BUD_ROLE_WORKER)
		return bud_authz_forbidden(err, "record mandates");
	if ((rc = reach(app, actor, client_id, 1, err)) != BUD_OK)
		return rc;
	if (!in->username || !in->username[0])
		return bud_err_set(err, BUD_EINVAL, "username", "err.required",
				   "username missing");
	c = bud_db_reader(app->db, err);
	if (!c)
		return err ? err->code : BUD_EIO;
	rc = bud_store_user_by_name(c, in->username, &u, err);
	memset(u.password_hash, 0, sizeof(u.password_hash));
	if (rc == BUD_ENOTFOUND || (rc == BUD_OK &&
	    (strcmp(u.role, "representative") != 0 || !u.active)))
		return bud_err_set(err, BUD_EINVAL, "username",
				   "err.client.mandate_user",
				   "not an active representative's account");
	if (rc != BUD_OK)
		return rc;
	rc = bud_account_add_mandate(app, actor, u.id, client_id, in->kind,
				     in->scope, in->valid_from, in->valid_to,
				     id_out, err);
	if (rc != BUD_OK && err && strcmp(err->field, "user_id") == 0)
		snprintf(err->field, sizeof(err->field), "username");
	return rc;
}

/* "withdrawn" (ended by a worker before its first day), "ended" (by a
 * worker, or past its last day), "future" or "active" on day. */
static const char *mandate_state(const struct bud_store_mandate_row *m,
				 const char *day)
{
	struct bud_tm tm;
	char on[BUD_DATE_BUF];

	if (m->ended_at) {
		if (bud_time_helsinki(m->ended_at, &tm) != BUD_OK)
			return "ended";
		snprintf(on, sizeof(on), "%04d-%02d-%02d", tm.year, tm.month,
			 tm.day);
		return strcmp(m->valid_from, on) > 0 ? "withdrawn" : "ended";
	}
	if (strcmp(m->valid_from, day) > 0)
		return "future";
	if (m->valid_to[0] && strcmp(m->valid_to, day) < 0)
		return "ended";
	return "active";
}

static json_t *mandate_view(const bud_actor *actor,
			    const struct bud_store_mandate_row *m,
			    const char *day)
{
	const char *state = mandate_state(m, day);

	return json_pack("{s:I, s:I, s:{s:I, s:s, s:s}, s:s, s:s, s:s, s:o, "
			 "s:s, s:o, s:b}",
		"id", (json_int_t)m->id, "client_id", (json_int_t)m->client_id,
		"user", "id", (json_int_t)m->user_id, "username", m->username,
		"name", m->display_name, "kind", m->kind, "scope", m->scope,
		"valid_from", m->valid_from, "valid_to",
		m->valid_to[0] ? json_string(m->valid_to) : json_null(),
		"state", state, "ended_at",
		m->ended_at ? json_integer(m->ended_at) : json_null(),
		"can_end", actor->role == BUD_ROLE_WORKER &&
			   (strcmp(state, "active") == 0 ||
			    strcmp(state, "future") == 0));
}

struct mandates_arg {
	bud_app *app;
	const bud_actor *actor;
	int64_t client_id;
	struct bud_store_mandate_row *rows;
	size_t n;
};

static int mandates_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct mandates_arg *a = arg;
	char basis[BUD_BASIS_MAX];
	int rc;

	rc = bud_authz_client(a->app, w, a->actor, a->client_id, 0, basis,
			      sizeof(basis), err);
	if (rc == BUD_OK)
		rc = bud_store_mandate_list_client(w, a->client_id, a->rows,
						   BUD_MAX_PAGE_ROWS + 1, &a->n, err);
	if (rc == BUD_OK && a->n > BUD_MAX_PAGE_ROWS)	/* a whole list: never cut */
		rc = bud_err_set(err, BUD_EINTERNAL, NULL, "err.list.too_long",
				 "over %d mandates", BUD_MAX_PAGE_ROWS);
	if (rc != BUD_OK)
		return rc;
	return bud_uselog_append_row(a->app, w, a->actor, a->client_id, "read",
				     "mandates", basis, err);
}

int bud_client_mandates(bud_app *app, const bud_actor *actor,
			int64_t client_id, json_t **out, bud_err *err)
{
	struct mandates_arg a;
	char day[BUD_DATE_BUF];
	size_t i;
	int rc;

	assert(app && out);
	*out = NULL;
	if (!actor || (actor->role != BUD_ROLE_WORKER &&
		       actor->role != BUD_ROLE_DECISION_MAKER))
		return bud_authz_forbidden(err, "list mandates");
	if ((rc = today(app, day, sizeof(day), NULL, err)) != BUD_OK)
		return rc;
	memset(&a, 0, sizeof(a));
	a.app = app;
	a.actor = actor;
	a.client_id = client_id;
	a.rows = malloc((BUD_MAX_PAGE_ROWS + 1) * sizeof(*a.rows));	/* rows set by the store */
	if (!a.rows)
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "rows");
	rc = bud_app_read(app, actor, mandates_unit, &a, err);
	if (rc == BUD_OK) {
		*out = json_array();
		for (i = 0; i < a.n; i++)
			json_array_append_new(*out, mandate_view(actor, &a.rows[i],
								 day));
	}
	free(a.rows);
	return rc;
}

struct end_arg {
	bud_app *app;
	const bud_actor *actor;
	int64_t mandate_id;
	int64_t now;
	char day[BUD_DATE_BUF];
	struct bud_store_mandate_row m;
};

static int end_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct end_arg *a = arg;
	char basis[BUD_BASIS_MAX], object[40];
	const char *state;
	int rc;

	rc = bud_store_mandate_get(w, a->mandate_id, &a->m, err);
	if (rc == BUD_ENOTFOUND)
		return bud_err_set(err, BUD_ENOTFOUND, NULL, "err.authz.denied",
				   "no such mandate");
	if (rc == BUD_OK)
		rc = bud_authz_client(a->app, w, a->actor, a->m.client_id, 1,
				      basis, sizeof(basis), err);
	if (rc != BUD_OK)
		return rc;
	state = mandate_state(&a->m, a->day);
	if (strcmp(state, "active") != 0 && strcmp(state, "future") != 0)
		return bud_err_set(err, BUD_ECONFLICT, "valid_to",
				   "err.client.mandate_ended",
				   "the mandate has already ended");
	/* An active one's last day becomes today; a future one keeps its
	 * dates (it is withdrawn). Either gives no access from now on. */
	rc = bud_store_mandate_end(w, a->mandate_id, a->now, a->actor->user_id,
				   strcmp(state, "active") == 0 ? a->day : NULL,
				   err);
	if (rc != BUD_OK)
		return rc;
	if (strcmp(state, "active") == 0)
		snprintf(a->m.valid_to, sizeof(a->m.valid_to), "%s", a->day);
	a->m.ended_at = a->now;
	snprintf(object, sizeof(object), "mandate:%" PRId64, a->mandate_id);
	return bud_uselog_append_row(a->app, w, a->actor, a->m.client_id,
				     "change", object, basis, err);
}

int bud_client_mandate_end(bud_app *app, const bud_actor *actor,
			   int64_t mandate_id, json_t **out, bud_err *err)
{
	struct end_arg a;
	int rc;

	assert(app);
	if (out)
		*out = NULL;
	if (!actor || actor->role != BUD_ROLE_WORKER)
		return bud_authz_forbidden(err, "end mandates");
	memset(&a, 0, sizeof(a));
	a.app = app;
	a.actor = actor;
	a.mandate_id = mandate_id;
	a.now = bud_app_now(app);
	if ((rc = today(app, a.day, sizeof(a.day), NULL, err)) != BUD_OK)
		return rc;
	rc = bud_db_write(app->db, end_unit, &a, err);
	if (rc == BUD_OK && out)
		*out = mandate_view(actor, &a.m, a.day);
	return rc;
}

/* ---- who has seen my data ---------------------------------------------------- */

static int uselog_item(void *arg, const struct bud_uselog_item *it)
{
	json_t *arr = arg;
	struct bud_tm tm;
	char local[24] = "", day[BUD_DATE_BUF] = "";

	if (bud_time_helsinki(it->at, &tm) == BUD_OK) {
		snprintf(local, sizeof(local), "%04d-%02d-%02d %02d:%02d",
			 tm.year, tm.month, tm.day, tm.hour, tm.min);
		bud_date_format(tm.year, tm.month, tm.day, day);
	}
	json_array_append_new(arr, json_pack("{s:I, s:I, s:s, s:s, s:o, s:s, "
		"s:s, s:s, s:b}",
		"id", (json_int_t)it->id, "at", (json_int_t)it->at,
		"at_local", local, "day", day,
		"user_name", it->user_name ? json_string(it->user_name) : json_null(),
		"role", it->role ? it->role : "", "action", it->action,
		"object", it->object, "acting_for", it->acting_for != 0));
	return 0;
}

int bud_client_uselog(bud_app *app, const bud_actor *actor, int64_t client_id,
		      const struct bud_uselog_period *p, struct bud_page *pg,
		      json_t **out, bud_err *err)
{
	json_t *arr;
	int rc;

	assert(app && out);
	*out = NULL;
	arr = json_array();
	if (!arr)
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "log");
	rc = bud_uselog_list_for_client(app, actor, client_id, p, pg,
					uselog_item, arr, err);
	if (rc != BUD_OK) {
		json_decref(arr);
		return rc;
	}
	*out = arr;
	return BUD_OK;
}
