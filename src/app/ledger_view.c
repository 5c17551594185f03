/*
 * app/ledger_view.c: a client's budget status, the sums of their ledger
 * per plan line (app/plan.h bud_plan_ledger and bud_plan_ledger_text).
 * The status is read on every screen of a care system and on the
 * worker's pages, so it is read once into rows and then either built as
 * a JSON model (for the pages) or written straight as JSON text (for the
 * API), the two in the same member order, so they say the same bytes.
 */
#include <stdlib.h>
#include <string.h>

#include "app/authz.h"
#include "app/plan.h"
#include "app/read.h"
#include "app/uselog.h"
#include "store/org.h"
#include "store/plan.h"

/* The lines a ledger is first read into, on the stack; a client with
 * more is read again into BUD_LEDGER_LINES_MAX on the heap. */
#define LEDGER_FEW 16

struct ledger_read {
	bud_app *app;
	const bud_actor *actor;
	int64_t client_id;
	struct bud_store_ledger_sums few[LEDGER_FEW];
	struct bud_store_ledger_sums *s;	/* few, or malloc'd */
	size_t n;
	struct bud_store_service *sv;		/* n services, malloc'd */
};

static int lines_read(bud_conn *c, struct ledger_read *r, bud_err *err)
{
	int rc;

	r->s = r->few;
	rc = bud_store_ledger_client(c, r->client_id, r->few, LEDGER_FEW, &r->n, err);
	if (rc != BUD_ETOOBIG)
		return rc;
	bud_err_clear(err);
	if (!(r->s = malloc(BUD_LEDGER_LINES_MAX * sizeof(*r->s))))
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "no memory");
	return bud_store_ledger_client(c, r->client_id, r->s, BUD_LEDGER_LINES_MAX,
				       &r->n, err);
}

/* The unit: who may read the client's plans, the sums per line and each
 * line's service, and the use-log row (read, "ledger"). */
static int read_unit(bud_conn *c, void *arg, bud_err *err)
{
	struct ledger_read *r = arg;
	char basis[BUD_BASIS_MAX];
	size_t i;
	int rc;

	rc = bud_authz_client(r->app, c, r->actor, r->client_id, 0, basis,
			      sizeof(basis), err);
	if (rc != BUD_OK || (rc = lines_read(c, r, err)) != BUD_OK)
		return rc;
	if (r->n && !(r->sv = malloc(r->n * sizeof(*r->sv))))
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "no memory");
	for (i = 0; i < r->n; i++)
		if ((rc = bud_store_service_get(c, r->s[i].service_id, &r->sv[i], err)))
			return rc;
	return bud_uselog_append_row(r->app, c, r->actor, r->client_id, "read",
				     "ledger", basis, err);
}

static void read_free(struct ledger_read *r)
{
	if (r->s != r->few)
		free(r->s);
	free(r->sv);
	r->s = NULL;
	r->sv = NULL;
}

static int ledger_read(bud_app *app, const bud_actor *actor, int64_t client_id,
		       struct ledger_read *r, bud_err *err)
{
	int rc;

	r->app = app;
	r->actor = actor;
	r->client_id = client_id;
	r->s = r->few;
	r->n = 0;
	r->sv = NULL;
	if (!actor || !(actor->role == BUD_ROLE_WORKER ||
			actor->role == BUD_ROLE_DECISION_MAKER ||
			actor->role == BUD_ROLE_CLIENT ||
			actor->role == BUD_ROLE_REPRESENTATIVE))
		return bud_authz_forbidden(err, "do this");
	rc = bud_app_read(app, actor, read_unit, r, err);
	if (rc != BUD_OK)
		read_free(r);
	return rc;
}

/* The sums of a line or of all, in the view's order and names. A spend
 * consumes its commitment's reservation (migration 016): available (not
 * yet committed) = net - (reserved - released); held (committed, not yet
 * invoiced) = reserved - released - spent; left (not yet used) = net -
 * spent. */
static const char *const sum_names[8] = {"granted", "revoked", "reserved",
	"released", "spent", "available", "held", "left"};

static void sums_of(const struct bud_store_ledger_sums *s, int64_t v[8])
{
	int64_t net = s->granted - s->revoked, took = s->reserved - s->released;

	v[0] = s->granted;
	v[1] = s->revoked;
	v[2] = s->reserved;
	v[3] = s->released;
	v[4] = s->spent;
	v[5] = net - took;
	v[6] = took - s->spent;
	v[7] = net - s->spent;
}

static void total_of(const struct ledger_read *r, struct bud_store_ledger_sums *t)
{
	size_t i;

	memset(t, 0, sizeof(*t));
	for (i = 0; i < r->n; i++) {
		t->granted += r->s[i].granted;
		t->revoked += r->s[i].revoked;
		t->reserved += r->s[i].reserved;
		t->released += r->s[i].released;
		t->spent += r->s[i].spent;
	}
}

/* ---- the JSON model ---- */

static json_t *sums_json(const struct bud_store_ledger_sums *s)
{
	json_t *o = json_object();
	int64_t v[8];
	int i;

	sums_of(s, v);
	for (i = 0; i < 8; i++)
		json_object_set_new_nocheck(o, sum_names[i], json_integer(v[i]));
	return o;
}

static json_t *service_json(const struct bud_store_service *sv)
{
	json_t *o = json_object();

	json_object_set_new_nocheck(o, "code", json_string(sv->code));
	json_object_set_new_nocheck(o, "name_fi", json_string(sv->name_fi));
	json_object_set_new_nocheck(o, "name_sv", json_string(sv->name_sv));
	json_object_set_new_nocheck(o, "name_en", json_string(sv->name_en));
	return o;
}

int bud_plan_ledger(bud_app *app, const bud_actor *actor, int64_t client_id,
		    json_t **out, bud_err *err)
{
	struct ledger_read r;
	struct bud_store_ledger_sums tot;
	json_t *items, *it;
	size_t i;
	int rc;

	*out = NULL;
	if ((rc = ledger_read(app, actor, client_id, &r, err)) != BUD_OK)
		return rc;
	items = json_array();
	for (i = 0; i < r.n; i++) {
		it = sums_json(&r.s[i]);
		json_object_set_new_nocheck(it, "plan_id", json_integer(r.s[i].plan_id));
		json_object_set_new_nocheck(it, "plan_line_id",
					    json_integer(r.s[i].plan_line_id));
		json_object_set_new_nocheck(it, "service", service_json(&r.sv[i]));
		json_array_append_new(items, it);
	}
	total_of(&r, &tot);
	*out = json_object();
	json_object_set_new_nocheck(*out, "client_id", json_integer(client_id));
	json_object_set_new_nocheck(*out, "items", items);
	json_object_set_new_nocheck(*out, "totals", sums_json(&tot));
	read_free(&r);
	return BUD_OK;
}

/* ---- the JSON text ---- */

static void text_key(bud_buf *b, const char *k)
{
	bud_buf_addc(b, '"');
	bud_buf_adds(b, k);
	bud_buf_adds(b, "\":");
}

static void sums_text(bud_buf *b, const struct bud_store_ledger_sums *s)
{
	int64_t v[8];
	int i;

	sums_of(s, v);
	for (i = 0; i < 8; i++) {
		bud_buf_adds(b, i ? ",\"" : "\"");
		bud_buf_adds(b, sum_names[i]);
		bud_buf_adds(b, "\":");
		bud_buf_add_i64(b, v[i]);
	}
}

static void line_text(bud_buf *b, const struct bud_store_ledger_sums *s,
		      const struct bud_store_service *sv)
{
	bud_buf_addc(b, '{');
	sums_text(b, s);
	bud_buf_addc(b, ',');
	text_key(b, "plan_id");
	bud_buf_add_i64(b, s->plan_id);
	bud_buf_addc(b, ',');
	text_key(b, "plan_line_id");
	bud_buf_add_i64(b, s->plan_line_id);
	bud_buf_adds(b, ",\"service\":{");
	text_key(b, "code");
	bud_buf_add_json_str(b, sv->code);
	bud_buf_addc(b, ',');
	text_key(b, "name_fi");
	bud_buf_add_json_str(b, sv->name_fi);
	bud_buf_addc(b, ',');
	text_key(b, "name_sv");
	bud_buf_add_json_str(b, sv->name_sv);
	bud_buf_addc(b, ',');
	text_key(b, "name_en");
	bud_buf_add_json_str(b, sv->name_en);
	bud_buf_adds(b, "}}");
}

int bud_plan_ledger_text(bud_app *app, const bud_actor *actor, int64_t client_id,
			 bud_buf *out, bud_err *err)
{
	struct ledger_read r;
	struct bud_store_ledger_sums tot;
	size_t i;
	int rc;

	if ((rc = ledger_read(app, actor, client_id, &r, err)) != BUD_OK)
		return rc;
	bud_buf_adds(out, "{\"client_id\":");
	bud_buf_add_i64(out, client_id);
	bud_buf_adds(out, ",\"items\":[");
	for (i = 0; i < r.n; i++) {
		if (i)
			bud_buf_addc(out, ',');
		line_text(out, &r.s[i], &r.sv[i]);
	}
	total_of(&r, &tot);
	bud_buf_adds(out, "],\"totals\":{");
	sums_text(out, &tot);
	bud_buf_adds(out, "}}");
	read_free(&r);
	if (bud_buf_failed(out))
		return bud_err_set(err, BUD_ETOOBIG, NULL, "err.too_large",
				   "budget status too large");
	return BUD_OK;
}
