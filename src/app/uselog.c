/*
 * app/uselog.c: the hash-chained use log (see app/uselog.h).
 *
 * A row's hash is BLAKE2b-256 over the previous row's hash (32 zero bytes
 * for the first row) and a canonical serialisation of the row: a version
 * tag, then each field in a fixed order, an integer as 'I' + 8 bytes big
 * endian, a string as 'S' + 4-byte big-endian length + bytes, and NULL
 * (id 0, no string) as 'N'. Lengths make the encoding unambiguous, so no
 * two different rows hash the same input.
 *
 * Appending reads the newest row inside the writer's unit: only the writer
 * thread writes, so the chain cannot fork. The row id is chosen here (the
 * newest + 1) so that it is hashed too.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "app/authz.h"
#include "app/read.h"
#include "app/uselog.h"
#include "bud_limits.h"
#include "core/date.h"
#include "store/uselog.h"

#define USELOG_TAG "budjetti.uselog.v1"

static void h_int(crypto_generichash_state *h, int64_t v)
{
	unsigned char b[9];
	uint64_t u = (uint64_t)v;
	int i;

	if (v == 0) {
		crypto_generichash_update(h, (const unsigned char *)"N", 1);
		return;
	}
	b[0] = 'I';
	for (i = 0; i < 8; i++)
		b[1 + i] = (unsigned char)(u >> (56 - 8 * i));
	crypto_generichash_update(h, b, sizeof(b));
}

static void h_str(crypto_generichash_state *h, const char *s)
{
	unsigned char b[5];
	size_t n;

	if (!s) {
		crypto_generichash_update(h, (const unsigned char *)"N", 1);
		return;
	}
	n = strlen(s);
	b[0] = 'S';
	b[1] = (unsigned char)(n >> 24);
	b[2] = (unsigned char)(n >> 16);
	b[3] = (unsigned char)(n >> 8);
	b[4] = (unsigned char)n;
	crypto_generichash_update(h, b, sizeof(b));
	crypto_generichash_update(h, (const unsigned char *)s, n);
}

/* out = BLAKE2b(r->prev_hash || serialisation of r). */
static void row_hash(const struct bud_store_uselog *r,
		     unsigned char out[BUD_USELOG_HASH])
{
	crypto_generichash_state h;

	crypto_generichash_init(&h, NULL, 0, BUD_USELOG_HASH);
	crypto_generichash_update(&h, r->prev_hash, BUD_USELOG_HASH);
	h_str(&h, USELOG_TAG);
	h_int(&h, r->id);
	h_int(&h, r->at);
	h_int(&h, r->user_id);
	h_str(&h, r->role);
	h_int(&h, r->unit_id);
	h_int(&h, r->client_id);
	h_int(&h, r->acting_for);
	h_str(&h, r->action);
	h_str(&h, r->object);
	h_str(&h, r->basis);
	h_str(&h, r->recipient);
	h_str(&h, r->legal_basis);
	crypto_generichash_final(&h, out, BUD_USELOG_HASH);
}

static int action_valid(const char *a)
{
	static const char *const actions[] = {"read", "create", "change",
		"print", "export", "disclose", "login", "logout",
		"login_failed", NULL};
	size_t i;

	for (i = 0; a && actions[i]; i++)
		if (strcmp(a, actions[i]) == 0)
			return 1;
	return 0;
}

static int str_ok(const char *s, int required)
{
	if (!s)
		return !required;
	return (!required || s[0]) && strlen(s) <= BUD_USELOG_STR_MAX;
}

static int entry_check(const struct bud_uselog_entry *e, bud_err *err)
{
	if (!e || !action_valid(e->action))
		return bud_err_set(err, BUD_EINVAL, "action", "err.generic",
				   "unknown use-log action");
	if (!str_ok(e->object, 1) || !str_ok(e->basis, 1) ||
	    !str_ok(e->recipient, 0) || !str_ok(e->legal_basis, 0))
		return bud_err_set(err, BUD_EINVAL, "object", "err.generic",
				   "use-log object or basis missing or too long");
	return BUD_OK;
}

/* The role text of a row: the actor's role, "none" when nobody is signed
 * in, "system" without an actor. */
static const char *actor_role(const bud_actor *a)
{
	const char *r;

	if (!a)
		return "system";
	r = bud_role_name(a->role);
	return (a->user_id && r) ? r : "none";
}

int bud_uselog_append(bud_app *app, bud_conn *w, const bud_actor *actor,
		      const struct bud_uselog_entry *e, bud_err *err)
{
	struct bud_store_uselog r;
	int64_t last_id;
	int rc;

	rc = entry_check(e, err);
	if (rc != BUD_OK)
		return rc;
	if (bud_conn_is_reader(w)) {	/* a read use case: kept, see app/read.h */
		if (!bud_conn_ctx(w))
			return bud_err_set(err, BUD_EINTERNAL, NULL, "err.generic",
					   "use-log row on a reader outside bud_app_read");
		return bud_readlog_add(bud_conn_ctx(w), e, err);
	}
	if (bud_app_crypto_init() != BUD_OK)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.generic",
				   "libsodium did not initialise");
	memset(&r, 0, sizeof(r));
	rc = bud_store_uselog_last(w, &last_id, r.prev_hash, err);
	if (rc != BUD_OK)
		return rc;
	r.id = last_id + 1;
	r.at = bud_app_now(app);
	r.user_id = actor ? actor->user_id : 0;
	r.role = actor_role(actor);
	r.unit_id = actor ? actor->unit_id : 0;
	r.client_id = e->client_id;
	r.acting_for = e->acting_for;
	if (!r.acting_for && actor && actor->role == BUD_ROLE_REPRESENTATIVE)
		r.acting_for = e->client_id;
	r.action = e->action;
	r.object = e->object;
	r.basis = e->basis;
	r.recipient = e->recipient;
	r.legal_basis = e->legal_basis;
	row_hash(&r, r.hash);
	return bud_store_uselog_insert(w, &r, err);
}

int bud_uselog_append_row(bud_app *app, bud_conn *w, const bud_actor *actor,
			  int64_t client_id, const char *action,
			  const char *object, const char *basis, bud_err *err)
{
	const struct bud_uselog_entry e = {.client_id = client_id,
		.action = action, .object = object, .basis = basis};

	return bud_uselog_append(app, w, actor, &e, err);
}

struct write_arg {
	bud_app *app;
	const bud_actor *actor;
	const struct bud_uselog_entry *e;
};

static int write_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct write_arg *a = arg;

	return bud_uselog_append(a->app, w, a->actor, a->e, err);
}

int bud_uselog_write(bud_app *app, const bud_actor *actor,
		     const struct bud_uselog_entry *e, bud_err *err)
{
	struct write_arg a = {app, actor, e};
	int rc = entry_check(e, err);

	if (rc != BUD_OK)
		return rc;
	return bud_db_write(app->db, write_unit, &a, err);
}

struct verify_state {
	unsigned char prev[BUD_USELOG_HASH];
	int64_t last_id;
	int64_t broken;
};

static int verify_row(void *arg, const struct bud_store_uselog *r)
{
	struct verify_state *v = arg;
	unsigned char h[BUD_USELOG_HASH];

	row_hash(r, h);
	if (r->id <= v->last_id || r->prev_hash_len != BUD_USELOG_HASH ||
	    r->hash_len != BUD_USELOG_HASH ||
	    memcmp(r->prev_hash, v->prev, BUD_USELOG_HASH) != 0 ||
	    memcmp(r->hash, h, BUD_USELOG_HASH) != 0) {
		v->broken = r->id;
		return BUD_EINTERNAL;
	}
	memcpy(v->prev, r->hash, BUD_USELOG_HASH);
	v->last_id = r->id;
	return BUD_OK;
}

int bud_uselog_verify_ex(bud_app *app, int64_t *broken_id, bud_err *err)
{
	struct verify_state v;
	bud_conn *c;
	int rc;

	memset(&v, 0, sizeof(v));
	if (broken_id)
		*broken_id = 0;
	if (bud_app_crypto_init() != BUD_OK)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.generic",
				   "libsodium did not initialise");
	c = bud_db_reader(app->db, err);
	if (!c)
		return err ? err->code : BUD_EIO;
	rc = bud_store_uselog_walk(c, verify_row, &v, err);
	if (rc == BUD_EINTERNAL && v.broken) {
		if (broken_id)
			*broken_id = v.broken;
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.uselog.broken",
				   "use log chain broken at row %" PRId64,
				   v.broken);
	}
	return rc;
}

int bud_uselog_verify(bud_app *app, bud_err *err)
{
	return bud_uselog_verify_ex(app, NULL, err);
}

/* The Unix time of 00:00 in Helsinki on the day s, days_after later. */
static int day_start(const char *s, const char *field, int days_after,
		     int64_t *out, bud_err *err)
{
	int y, m, d;

	if (bud_date_parse(s, &y, &m, &d, NULL) != BUD_OK)
		return bud_err_set(err, BUD_EINVAL, field, "err.date.syntax",
				   "not a date YYYY-MM-DD");
	if (days_after && bud_date_from_days(bud_date_days(y, m, d) + days_after,
					     &y, &m, &d) != BUD_OK)
		return bud_err_set(err, BUD_EINVAL, field, "err.date.range", "date out of range");
	*out = bud_time_helsinki_midnight(y, m, d);
	return BUD_OK;
}

int bud_uselog_period_days(const char *from, const char *to,
			   struct bud_uselog_period *p, bud_err *err)
{
	int rc;

	p->from_at = p->to_at = 0;
	if (from && *from && (rc = day_start(from, "from", 0, &p->from_at, err)))
		return rc;
	if (to && *to && (rc = day_start(to, "to", 1, &p->to_at, err)))
		return rc;
	if (p->from_at && p->to_at && p->to_at <= p->from_at)
		return bud_err_set(err, BUD_EINVAL, "to", "err.plan.period_order",
				   "the end is before the start");
	return BUD_OK;
}

struct list_arg {
	bud_uselog_item_fn fn;
	void *arg;
	struct bud_page *pg;
	int seen;
	int64_t last_id;
};

static int list_row(void *arg, const struct bud_store_uselog_view *v)
{
	struct list_arg *l = arg;
	struct bud_uselog_item it;

	if (++l->seen > l->pg->limit) {	/* the extra row: there is more */
		l->pg->next = l->last_id;
		return 0;
	}
	l->last_id = v->id;
	it.id = v->id;
	it.at = v->at;
	it.acting_for = v->acting_for;
	it.user_name = v->user_name;
	it.role = v->role;
	it.action = v->action;
	it.object = v->object;
	return l->fn(l->arg, &it);
}

struct list_unit {
	bud_app *app;
	const bud_actor *actor;
	int64_t client_id;
	struct bud_uselog_period p;
	struct list_arg l;
};

static int list_unit(bud_conn *c, void *arg, bud_err *err)
{
	struct list_unit *u = arg;
	char basis[BUD_BASIS_MAX];
	int rc;

	rc = bud_authz_client(u->app, c, u->actor, u->client_id, 0, basis,
			      sizeof(basis), err);
	if (rc != BUD_OK)
		return rc;
	if (strcmp(basis, "own") != 0 &&
	    (rc = bud_uselog_append_row(u->app, c, u->actor, u->client_id,
					"read", "uselog", basis, err)) != BUD_OK)
		return rc;
	u->l.pg->next = 0;
	return bud_store_uselog_for_client(c, u->client_id, u->l.pg->at,
					   u->p.from_at, u->p.to_at,
					   bud_page_fetch(u->l.pg), list_row,
					   &u->l, err);
}

int bud_uselog_list_for_client(bud_app *app, const bud_actor *actor,
			       int64_t client_id,
			       const struct bud_uselog_period *p,
			       struct bud_page *pg, bud_uselog_item_fn fn,
			       void *arg, bud_err *err)
{
	struct list_unit u = {app, actor, client_id, {0, 0}, {fn, arg, pg, 0, 0}};

	if (p)
		u.p = *p;
	return bud_app_read(app, actor, list_unit, &u, err);
}
