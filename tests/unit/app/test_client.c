/*
 * Unit tests for app/client.c: who may create, read, change and find
 * clients (roles and the unit's reach), the identity code (invalid,
 * in the future, a duplicate: BUD_ECONFLICT "hetu", stored whole and
 * shown masked in lists), the use-log rows each use case writes (and
 * none when refused), the search (folded names, whole hetu, too short),
 * the client's own account, and representatives' mandates: a view
 * mandate reads but does not act, an expired or ended one gives no
 * access, and ending refuses twice.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "app/account.h"
#include "app/authz.h"
#include "app/client.h"
#include "app/read.h"
#include "app_fixture.h"
#include "bud_limits.h"

#define DAY INT64_C(86400)

static int64_t count(struct fx *f, const char *sql)
{
	return fx_raw_int(f, sql);
}

#define USELOG(f) count(f, "SELECT count(*) FROM uselog")
#define CLIENTS(f) count(f, "SELECT count(*) FROM client")
#define MANDATES(f) count(f, "SELECT count(*) FROM mandate")

static struct bud_client_fields fields(const char *hetu, const char *first,
				       const char *last)
{
	struct bud_client_fields f;

	memset(&f, 0, sizeof(f));
	f.hetu = hetu;
	f.first_name = first;
	f.last_name = last;
	f.easy_read = -1;
	return f;
}

static int create_as(struct fx *f, int64_t uid, const struct bud_client_fields *in,
		     int64_t *id, bud_err *err)
{
	bud_actor a;

	fx_actor(f, uid, &a);
	bud_err_clear(err);
	return bud_client_create(&f->app, &a, in, id, err);
}

static int get_as(struct fx *f, int64_t uid, int64_t client, json_t **out,
		  bud_err *err)
{
	bud_actor a;

	fx_actor(f, uid, &a);
	bud_err_clear(err);
	return bud_client_get(&f->app, &a, client, out, err);
}

/* The identity code is unique per organiser: another organiser's client
 * with the same code is no obstacle (nor revealed), and the same organiser
 * twice is refused naming the field. */
static void test_create_hetu_per_organiser(void **state)
{
	struct fx *f = *state;
	struct bud_client_fields in = fields("030303A1233", "Matti", "Kolmas");
	int64_t id = 0;
	bud_err err;

	/* Organiser 2's client 3, with a code that passes the check. */
	assert_int_equal(fx_raw_exec(f, "UPDATE client SET hetu = '030303A1233' "
				     "WHERE id = 3"), 0);
	assert_int_equal(create_as(f, FX_WORKER, &in, &id, &err), BUD_OK);
	assert_int_equal(count(f, "SELECT count(*) FROM client WHERE hetu = "
			       "'030303A1233'"), 2);
	assert_int_equal(count(f, "SELECT organiser_id FROM client WHERE hetu = "
			       "'030303A1233' AND id > 3"), 1);
	assert_int_equal(create_as(f, FX_WORKER3, &in, &id, &err), BUD_ECONFLICT);
	assert_string_equal(err.field, "hetu");
	assert_string_equal(err.key, "err.client.hetu_taken");
}

static void test_create(void **state)
{
	struct fx *f = *state;
	struct bud_client_fields in = fields(" 131052-308t ", "Åsa", "Åberg");
	int64_t id = 0, id2 = 0, logs, clients;
	bud_err err;

	in.lang = "sv";
	in.easy_read = 1;
	in.email = "asa@example.fi";
	assert_int_equal(create_as(f, FX_WORKER, &in, &id, &err), BUD_OK);
	assert_true(id > 3);
	assert_int_equal(count(f, "SELECT count(*) FROM client WHERE hetu = "
			       "'131052-308T' AND worker_id = 2 AND unit_id = 1 AND "
			       "organiser_id = 1 AND lang = 'sv' AND easy_read = 1 AND "
			       "search_key = 'åberg åsa'"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM uselog WHERE action = 'create'"
			       " AND object = 'client' AND basis = 'case' AND user_id = 2"), 1);

	/* Refusals write nothing. */
	logs = USELOG(f);
	clients = CLIENTS(f);
	assert_int_equal(create_as(f, FX_WORKER2, &in, &id2, &err), BUD_ECONFLICT);
	assert_string_equal(err.field, "hetu");
	assert_string_equal(err.key, "err.client.hetu_taken");
	assert_null(strstr(err.detail, "Åberg"));
	in.hetu = "131052-308U";	/* wrong check character */
	assert_int_equal(create_as(f, FX_WORKER, &in, &id2, &err), BUD_EINVAL);
	assert_string_equal(err.field, "hetu");
	in.hetu = "150626A1236";	/* born after today (2025-06-15) */
	assert_int_equal(create_as(f, FX_WORKER, &in, &id2, &err), BUD_EINVAL);
	assert_string_equal(err.field, "hetu");
	in.hetu = "";
	assert_int_equal(create_as(f, FX_WORKER, &in, &id2, &err), BUD_EINVAL);
	assert_string_equal(err.field, "hetu");
	in.hetu = "150590-123W";
	in.first_name = "  ";
	assert_int_equal(create_as(f, FX_WORKER, &in, &id2, &err), BUD_EINVAL);
	assert_string_equal(err.field, "first_name");
	in.first_name = "Bo";
	in.lang = "en";
	assert_int_equal(create_as(f, FX_WORKER, &in, &id2, &err), BUD_EINVAL);
	assert_string_equal(err.field, "lang");
	in.lang = "fi";
	in.email = "no-at-sign";
	assert_int_equal(create_as(f, FX_WORKER, &in, &id2, &err), BUD_EINVAL);
	assert_string_equal(err.field, "email");
	in.email = NULL;
	in.phone = "call me";
	assert_int_equal(create_as(f, FX_WORKER, &in, &id2, &err), BUD_EINVAL);
	assert_string_equal(err.field, "phone");
	in.phone = "+358 40 123 4567";
	in.worker_id = FX_WORKER2;	/* another unit's worker */
	assert_int_equal(create_as(f, FX_WORKER, &in, &id2, &err), BUD_EINVAL);
	assert_string_equal(err.field, "worker_id");
	in.worker_id = FX_INACTIVE;
	assert_int_equal(create_as(f, FX_WORKER, &in, &id2, &err), BUD_EINVAL);
	in.worker_id = FX_DM;
	assert_int_equal(create_as(f, FX_WORKER, &in, &id2, &err), BUD_EINVAL);
	in.worker_id = 0;
	assert_int_equal(create_as(f, FX_DM, &in, &id2, &err), BUD_EFORBIDDEN);
	assert_int_equal(create_as(f, FX_ADMIN, &in, &id2, &err), BUD_EFORBIDDEN);
	assert_int_equal(create_as(f, FX_CLIENT, &in, &id2, &err), BUD_EFORBIDDEN);
	assert_int_equal(create_as(f, FX_REP, &in, &id2, &err), BUD_EFORBIDDEN);
	assert_int_equal(USELOG(f), logs);
	assert_int_equal(CLIENTS(f), clients);

	/* Another worker of the same unit as the responsible one. */
	in.worker_id = FX_WORKER3;
	assert_int_equal(create_as(f, FX_WORKER, &in, &id2, &err), BUD_OK);
	assert_int_equal(count(f, "SELECT worker_id FROM client WHERE hetu = "
			       "'150590-123W'"), FX_WORKER3);
}

static void test_get_roles(void **state)
{
	struct fx *f = *state;
	json_t *v = NULL;
	int64_t logs;
	bud_err err;

	assert_int_equal(get_as(f, FX_WORKER, 1, &v, &err), BUD_OK);
	assert_null(json_object_get(v, "hetu"));	/* staff: masked only */
	assert_string_equal(json_string_value(json_object_get(v, "hetu_masked")),
			    "010101A****");
	assert_true(json_is_true(json_object_get(json_object_get(v, "can"), "edit")));
	assert_string_equal(json_string_value(json_object_get(
		json_object_get(v, "worker"), "name")), "Wilma Työntekijä");
	/* client 1 has its own account (user 7): no account form */
	assert_true(json_is_false(json_object_get(json_object_get(v, "can"), "account")));
	json_decref(v);
	assert_int_equal(count(f, "SELECT count(*) FROM uselog WHERE client_id = 1 AND"
			       " action = 'read' AND object = 'client' AND user_id = 2"
			       " AND basis = 'case'"), 1);

	assert_int_equal(get_as(f, FX_WORKER3, 1, &v, &err), BUD_OK);	/* same unit */
	json_decref(v);
	assert_int_equal(get_as(f, FX_DM, 1, &v, &err), BUD_OK);
	assert_true(json_is_false(json_object_get(json_object_get(v, "can"), "edit")));
	json_decref(v);
	assert_int_equal(get_as(f, FX_CLIENT, 1, &v, &err), BUD_OK);
	assert_string_equal(json_string_value(json_object_get(v, "hetu")), "010101A123N");
	json_decref(v);
	assert_int_equal(count(f, "SELECT count(*) FROM uselog WHERE client_id = 1 AND"
			       " user_id = 7 AND basis = 'own'"), 1);

	logs = USELOG(f);
	assert_int_equal(get_as(f, FX_WORKER2, 1, &v, &err), BUD_ENOTFOUND);
	assert_string_equal(err.key, "err.authz.denied");
	assert_null(v);
	assert_int_equal(get_as(f, FX_DM2, 1, &v, &err), BUD_ENOTFOUND);
	assert_int_equal(get_as(f, FX_CLIENT, 2, &v, &err), BUD_ENOTFOUND);
	assert_int_equal(get_as(f, FX_REP, 1, &v, &err), BUD_ENOTFOUND);
	assert_int_equal(get_as(f, FX_FINANCE, 1, &v, &err), BUD_ENOTFOUND);
	assert_int_equal(get_as(f, FX_ADMIN, 1, &v, &err), BUD_ENOTFOUND);
	assert_int_equal(get_as(f, FX_WORKER, 99, &v, &err), BUD_ENOTFOUND);
	assert_int_equal(USELOG(f), logs);
}

/* The whole code: in the client's own page, else only by a logged reveal
 * for those who may read the client. */
static void test_hetu_reveal(void **state)
{
	struct fx *f = *state;
	char hetu[BUD_HETU_BUF];
	bud_actor a;
	bud_err err;
	int64_t logs;

	fx_actor(f, FX_DM, &a);
	assert_int_equal(bud_client_hetu(&f->app, &a, 1, hetu, sizeof(hetu), &err),
			 BUD_OK);
	assert_string_equal(hetu, "010101A123N");
	assert_int_equal(count(f, "SELECT count(*) FROM uselog WHERE client_id = 1 AND"
			       " action = 'read' AND object = 'client:hetu' AND"
			       " user_id = 4"), 1);
	fx_actor(f, FX_WORKER, &a);
	assert_int_equal(bud_client_hetu(&f->app, &a, 1, hetu, sizeof(hetu), &err),
			 BUD_OK);
	assert_int_equal(count(f, "SELECT count(*) FROM uselog WHERE object = "
			       "'client:hetu'"), 2);
	logs = USELOG(f);
	fx_actor(f, FX_WORKER2, &a);	/* another unit: out of reach */
	bud_err_clear(&err);
	assert_int_equal(bud_client_hetu(&f->app, &a, 1, hetu, sizeof(hetu), &err),
			 BUD_ENOTFOUND);
	assert_string_equal(hetu, "");
	assert_int_equal(USELOG(f), logs);
}

static void test_update(void **state)
{
	struct fx *f = *state;
	struct bud_client_fields in = fields(NULL, NULL, NULL);
	bud_actor a;
	json_t *v = NULL;
	int64_t logs;
	bud_err err;

	in.phone = "040 1234567";
	in.communication = "Tulkki";
	fx_actor(f, FX_WORKER, &a);
	assert_int_equal(bud_client_update(&f->app, &a, 1, &in, &err), BUD_OK);
	assert_int_equal(count(f, "SELECT count(*) FROM client WHERE id = 1 AND "
			       "phone = '040 1234567' AND communication = 'Tulkki' AND "
			       "first_name = 'Kalle' AND search_key = 'asiakas kalle' AND "
			       "updated_at IS NOT NULL"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM uselog WHERE client_id = 1 AND"
			       " action = 'change' AND object = 'client'"), 1);

	/* "" clears an optional field; a required one cannot be emptied */
	in = fields(NULL, NULL, NULL);
	in.phone = "";
	in.last_name = "Östman";
	in.lang = "sv";
	assert_int_equal(bud_client_update(&f->app, &a, 1, &in, &err), BUD_OK);
	assert_int_equal(count(f, "SELECT count(*) FROM client WHERE id = 1 AND "
			       "phone IS NULL AND lang = 'sv' AND "
			       "communication = 'Tulkki'"), 1);

	logs = USELOG(f);
	in = fields(NULL, "", NULL);
	assert_int_equal(bud_client_update(&f->app, &a, 1, &in, &err), BUD_EINVAL);
	assert_string_equal(err.field, "first_name");
	in = fields(NULL, "Ville", NULL);
	fx_actor(f, FX_WORKER2, &a);	/* another unit's worker */
	assert_int_equal(bud_client_update(&f->app, &a, 1, &in, &err), BUD_ENOTFOUND);
	fx_actor(f, FX_DM, &a);
	assert_int_equal(bud_client_update(&f->app, &a, 1, &in, &err), BUD_EFORBIDDEN);
	fx_actor(f, FX_CLIENT, &a);
	assert_int_equal(bud_client_update(&f->app, &a, 1, &in, &err), BUD_EFORBIDDEN);
	assert_int_equal(USELOG(f), logs);
	assert_int_equal(get_as(f, FX_WORKER, 1, &v, &err), BUD_OK);
	assert_string_equal(json_string_value(json_object_get(v, "first_name")), "Kalle");
	json_decref(v);
}

/* The etag member of client 1's view as worker, into out. */
static void etag_of(struct fx *f, char *out, size_t n)
{
	json_t *v = NULL;
	bud_err err;

	assert_int_equal(get_as(f, FX_WORKER, 1, &v, &err), BUD_OK);
	assert_non_null(json_string_value(json_object_get(v, "etag")));
	snprintf(out, n, "%s", json_string_value(json_object_get(v, "etag")));
	json_decref(v);
}

/* The version tag: a change based on an older version is refused even
 * within the same second (the fixture's clock stands still); writing
 * back what is stored writes nothing and keeps the tag. */
static void test_update_etag(void **state)
{
	struct fx *f = *state;
	struct bud_client_fields in = fields(NULL, NULL, NULL);
	char e0[40], e1[40], e2[40];
	bud_actor a;
	int64_t logs;
	bud_err err;

	fx_actor(f, FX_WORKER, &a);
	etag_of(f, e0, sizeof(e0));
	in.phone = "040 1111111";
	in.if_etag = e0;
	assert_int_equal(bud_client_update(&f->app, &a, 1, &in, &err), BUD_OK);
	etag_of(f, e1, sizeof(e1));
	assert_string_not_equal(e0, e1);

	logs = USELOG(f);
	in.phone = "040 2222222";	/* a second worker still holds e0 */
	assert_int_equal(bud_client_update(&f->app, &a, 1, &in, &err), BUD_ECONFLICT);
	assert_string_equal(err.key, "err.stale");
	assert_int_equal(count(f, "SELECT count(*) FROM client WHERE id = 1 AND "
			       "phone = '040 1111111'"), 1);
	assert_int_equal(USELOG(f), logs);

	in.phone = "040 1111111";	/* what is stored: no write at all */
	in.if_etag = e1;
	assert_int_equal(bud_client_update(&f->app, &a, 1, &in, &err), BUD_OK);
	etag_of(f, e2, sizeof(e2));
	assert_string_equal(e1, e2);
	assert_int_equal(count(f, "SELECT count(*) FROM uselog WHERE client_id = 1 AND"
			       " action = 'change' AND object = 'client'"), 1);
}

static int search_as(struct fx *f, int64_t uid, const char *q, int mine,
		     json_t **out, bud_err *err)
{
	struct bud_page pg;
	bud_actor a;

	fx_actor(f, uid, &a);
	bud_err_clear(err);
	bud_page_first(&pg);
	return bud_client_search(&f->app, &a, q, mine, &pg, out, err);
}

static struct bud_page *first_page(struct bud_page *pg)
{
	bud_page_first(pg);
	return pg;
}

static const char *nth_last(json_t *arr, size_t i)
{
	return json_string_value(json_object_get(json_array_get(arr, i), "last_name"));
}

static void test_search(void **state)
{
	struct fx *f = *state;
	struct bud_client_fields in;
	json_t *r = NULL;
	int64_t id, logs;
	bud_err err;

	in = fields("131052-308T", "Åsa", "Åberg");
	assert_int_equal(create_as(f, FX_WORKER, &in, &id, &err), BUD_OK);
	in = fields("150590-123W", "Olli", "Öhman");
	assert_int_equal(create_as(f, FX_WORKER, &in, &id, &err), BUD_OK);
	in = fields("010203A234K", "Ilmari", "Ääri");
	assert_int_equal(create_as(f, FX_WORKER, &in, &id, &err), BUD_OK);
	in = fields("241180-456P", "Zorro", "Zetterberg");
	assert_int_equal(create_as(f, FX_WORKER2, &in, &id, &err), BUD_OK);

	/* Everything in reach, Finnish order (fixture client 1 "Asiakas"). */
	logs = USELOG(f);
	assert_int_equal(search_as(f, FX_WORKER, NULL, 0, &r, &err), BUD_OK);
	assert_int_equal(json_array_size(r), 4);
	assert_string_equal(nth_last(r, 0), "Asiakas");
	assert_string_equal(nth_last(r, 1), "Åberg");
	assert_string_equal(nth_last(r, 2), "Ääri");
	assert_string_equal(nth_last(r, 3), "Öhman");
	assert_string_equal(json_string_value(json_object_get(json_array_get(r, 1),
			    "hetu_masked")), "131052-****");
	assert_null(json_object_get(json_array_get(r, 1), "hetu"));
	json_decref(r);
	/* one row for the list (one screen), not one per client listed */
	assert_int_equal(USELOG(f), logs + 1);
	assert_int_equal(count(f, "SELECT count(*) FROM uselog WHERE object = "
			       "'client:list' AND client_id IS NULL"), 1);

	/* Pages: three, then the fourth and no more; nothing is cut. */
	{
		struct bud_page pg;
		bud_actor w;

		fx_actor(f, FX_WORKER, &w);
		bud_page_first(&pg);
		pg.limit = 3;
		assert_int_equal(bud_client_search(&f->app, &w, NULL, 0, &pg, &r, &err), BUD_OK);
		assert_int_equal(json_array_size(r), 3);
		assert_int_equal(pg.next, 3);
		json_decref(r);
		pg.at = pg.next;
		assert_int_equal(bud_client_search(&f->app, &w, NULL, 0, &pg, &r, &err), BUD_OK);
		assert_int_equal(json_array_size(r), 1);
		assert_string_equal(nth_last(r, 0), "Öhman");
		assert_int_equal(pg.next, 0);
		json_decref(r);
	}

	/* The decision maker reaches the organiser's, Zetterberg too. */
	assert_int_equal(search_as(f, FX_DM, NULL, 0, &r, &err), BUD_OK);
	assert_int_equal(json_array_size(r), 6);
	assert_string_equal(nth_last(r, 2), "Zetterberg");
	assert_string_equal(nth_last(r, 3), "Åberg");
	json_decref(r);

	/* Folded name fragments; another unit's clients stay out. */
	assert_int_equal(search_as(f, FX_WORKER, "ÅBERG", 0, &r, &err), BUD_OK);
	assert_int_equal(json_array_size(r), 1);
	json_decref(r);
	assert_int_equal(search_as(f, FX_WORKER, "åsa åb", 0, &r, &err), BUD_OK);
	assert_int_equal(json_array_size(r), 1);
	json_decref(r);
	assert_int_equal(search_as(f, FX_WORKER, "zett", 0, &r, &err), BUD_OK);
	assert_int_equal(json_array_size(r), 0);
	json_decref(r);
	assert_int_equal(search_as(f, FX_WORKER2, "zett", 0, &r, &err), BUD_OK);
	assert_int_equal(json_array_size(r), 1);
	json_decref(r);

	/* Whole hetu, exact, within reach. */
	assert_int_equal(search_as(f, FX_WORKER, "150590-123w", 0, &r, &err), BUD_OK);
	assert_int_equal(json_array_size(r), 1);
	assert_string_equal(nth_last(r, 0), "Öhman");
	json_decref(r);
	assert_int_equal(search_as(f, FX_WORKER, "241180-456P", 0, &r, &err), BUD_OK);
	assert_int_equal(json_array_size(r), 0);
	json_decref(r);

	/* Refusals. */
	logs = USELOG(f);
	assert_int_equal(search_as(f, FX_WORKER, "å", 0, &r, &err), BUD_EINVAL);
	assert_string_equal(err.field, "q");
	assert_string_equal(err.key, "err.client.search_short");
	assert_int_equal(search_as(f, FX_WORKER, "150590-123X", 0, &r, &err), BUD_EINVAL);
	assert_string_equal(err.field, "q");
	assert_int_equal(search_as(f, FX_CLIENT, "åberg", 0, &r, &err), BUD_EFORBIDDEN);
	assert_int_equal(search_as(f, FX_REP, "åberg", 0, &r, &err), BUD_EFORBIDDEN);
	assert_int_equal(search_as(f, FX_ADMIN, "åberg", 0, &r, &err), BUD_EFORBIDDEN);
	assert_null(r);
	assert_int_equal(USELOG(f), logs);

	/* Mine: only those the worker is responsible for. */
	assert_int_equal(search_as(f, FX_WORKER3, NULL, 1, &r, &err), BUD_OK);
	assert_int_equal(json_array_size(r), 0);
	json_decref(r);
	assert_int_equal(search_as(f, FX_WORKER3, NULL, 0, &r, &err), BUD_OK);
	assert_int_equal(json_array_size(r), 4);	/* the unit's */
	json_decref(r);
}

static int mandate_as(struct fx *f, int64_t uid, int64_t client, const char *user,
		      const char *scope, const char *from, const char *to,
		      int64_t *id, bud_err *err)
{
	struct bud_client_mandate_in in = {user, "guardian", scope, from, to};
	bud_actor a;

	fx_actor(f, uid, &a);
	bud_err_clear(err);
	return bud_client_mandate_add(&f->app, &a, client, &in, id, err);
}

static int authz(struct fx *f, int64_t uid, int64_t client, int act)
{
	bud_actor a;
	bud_conn *c;
	bud_err err;

	fx_actor(f, uid, &a);
	c = bud_db_reader(f->app.db, &err);
	assert_non_null(c);
	return bud_authz_client(&f->app, c, &a, client, act, NULL, 0, &err);
}

static void test_mandates(void **state)
{
	struct fx *f = *state;
	json_t *v = NULL, *list = NULL;
	int64_t mid = 0, old = 0, fut = 0, n;
	bud_actor a;
	bud_err err;

	/* A view mandate: the representative reads, never acts. */
	assert_int_equal(mandate_as(f, FX_WORKER, 1, "rep", "view", "2025-01-01",
				    NULL, &mid, &err), BUD_OK);
	assert_int_equal(count(f, "SELECT count(*) FROM uselog WHERE client_id = 1 AND"
			       " action = 'create' AND object LIKE 'mandate:%'"), 1);
	assert_int_equal(get_as(f, FX_REP, 1, &v, &err), BUD_OK);
	assert_null(json_object_get(v, "hetu"));	/* a representative: masked */
	json_decref(v);
	assert_int_equal(count(f, "SELECT count(*) FROM uselog WHERE client_id = 1 AND"
			       " user_id = 8 AND acting_for = 1 AND basis LIKE 'mandate:%'"), 1);
	assert_int_equal(authz(f, FX_REP, 1, 0), BUD_OK);
	assert_int_equal(authz(f, FX_REP, 1, 1), BUD_ENOTFOUND);

	/* An expired mandate gives no access. */
	assert_int_equal(mandate_as(f, FX_WORKER2, 2, "rep", "act", "2024-01-01",
				    "2025-06-14", &old, &err), BUD_OK);
	assert_int_equal(get_as(f, FX_REP, 2, &v, &err), BUD_ENOTFOUND);
	assert_int_equal(authz(f, FX_REP, 2, 1), BUD_ENOTFOUND);

	/* The list, with each mandate's state today. */
	fx_actor(f, FX_DM, &a);
	assert_int_equal(bud_client_mandates(&f->app, &a, 2, &list, &err), BUD_OK);
	assert_int_equal(json_array_size(list), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(list, 0),
			    "state")), "ended");
	json_decref(list);

	/* Refusals write nothing. */
	n = MANDATES(f);
	assert_int_equal(mandate_as(f, FX_WORKER2, 1, "rep", "act", "2025-01-01",
				    NULL, NULL, &err), BUD_ENOTFOUND);
	assert_int_equal(mandate_as(f, FX_WORKER, 1, "worker2", "act", "2025-01-01",
				    NULL, NULL, &err), BUD_EINVAL);
	assert_string_equal(err.field, "username");
	assert_int_equal(mandate_as(f, FX_WORKER, 1, "nobody", "act", "2025-01-01",
				    NULL, NULL, &err), BUD_EINVAL);
	assert_string_equal(err.field, "username");
	assert_int_equal(mandate_as(f, FX_WORKER, 1, "rep", "all", "2025-01-01",
				    NULL, NULL, &err), BUD_EINVAL);
	assert_string_equal(err.field, "scope");
	assert_int_equal(mandate_as(f, FX_WORKER, 1, "rep", "act", "2025-02-30",
				    NULL, NULL, &err), BUD_EINVAL);
	assert_string_equal(err.field, "valid_from");
	assert_int_equal(mandate_as(f, FX_WORKER, 1, "rep", "act", "2025-06-01",
				    "2025-05-01", NULL, &err), BUD_EINVAL);
	assert_string_equal(err.field, "valid_to");
	assert_int_equal(mandate_as(f, FX_DM, 1, "rep", "act", "2025-01-01",
				    NULL, NULL, &err), BUD_EFORBIDDEN);
	assert_int_equal(MANDATES(f), n);

	/* Ending: today is the last day and it shuts at once; not twice; a
	 * future one is withdrawn; not an ended one. */
	fx_actor(f, FX_WORKER2, &a);
	assert_int_equal(bud_client_mandate_end(&f->app, &a, mid, &v, &err), BUD_ENOTFOUND);
	fx_actor(f, FX_WORKER, &a);
	assert_int_equal(authz(f, FX_REP, 1, 0), BUD_OK);
	assert_int_equal(bud_client_mandate_end(&f->app, &a, mid, &v, &err), BUD_OK);
	assert_string_equal(json_string_value(json_object_get(v, "valid_to")), "2025-06-15");
	json_decref(v);
	assert_int_equal(count(f, "SELECT count(*) FROM uselog WHERE action = 'change'"
			       " AND object LIKE 'mandate:%'"), 1);
	assert_int_equal(bud_client_mandate_end(&f->app, &a, mid, &v, &err), BUD_ECONFLICT);
	assert_string_equal(err.field, "valid_to");
	assert_int_equal(authz(f, FX_REP, 1, 0), BUD_ENOTFOUND);	/* at once */
	assert_int_equal(get_as(f, FX_REP, 1, &v, &err), BUD_ENOTFOUND);
	assert_int_equal(mandate_as(f, FX_WORKER, 1, "rep", "act", "2025-07-01",
				    NULL, &fut, &err), BUD_OK);
	assert_int_equal(bud_client_mandate_end(&f->app, &a, fut, &v, &err), BUD_OK);
	assert_string_equal(json_string_value(json_object_get(v, "state")), "withdrawn");
	assert_true(json_is_null(json_object_get(v, "valid_to")));
	json_decref(v);
	f->app.now_override = FX_T0 + 20 * DAY;
	assert_int_equal(authz(f, FX_REP, 1, 0), BUD_ENOTFOUND);	/* never opens */
	f->app.now_override = FX_T0;
	fx_actor(f, FX_WORKER2, &a);
	assert_int_equal(bud_client_mandate_end(&f->app, &a, old, &v, &err), BUD_ECONFLICT);
	assert_string_equal(err.field, "valid_to");
	assert_int_equal(bud_client_mandate_end(&f->app, &a, 999, &v, &err), BUD_ENOTFOUND);
}

static void test_account(void **state)
{
	struct fx *f = *state;
	struct bud_client_fields in = fields("131052-308T", "Åsa", "Åberg");
	struct bud_client_account out;
	char tok[BUD_TOKEN_TEXT];
	const char *token;
	int64_t id, logs;
	bud_actor a;
	bud_err err;

	in.lang = "sv";
	assert_int_equal(create_as(f, FX_WORKER, &in, &id, &err), BUD_OK);
	fx_actor(f, FX_WORKER, &a);
	logs = USELOG(f);
	assert_int_equal(bud_client_account_create(&f->app, &a, id, "Åsa!",
			 &out, &err), BUD_EINVAL);
	assert_string_equal(err.field, "username");
	assert_int_equal(bud_client_account_create(&f->app, &a, id, "worker2",
			 &out, &err), BUD_ECONFLICT);
	assert_string_equal(err.field, "username");
	assert_int_equal(bud_client_account_create(&f->app, &a, 1, "kalle2",
			 &out, &err), BUD_ECONFLICT);
	assert_string_equal(err.key, "err.client.account_exists");
	fx_actor(f, FX_WORKER2, &a);
	assert_int_equal(bud_client_account_create(&f->app, &a, id, "asa",
			 &out, &err), BUD_ENOTFOUND);
	fx_actor(f, FX_DM, &a);
	assert_int_equal(bud_client_account_create(&f->app, &a, id, "asa",
			 &out, &err), BUD_EFORBIDDEN);
	assert_int_equal(USELOG(f), logs);

	fx_actor(f, FX_WORKER, &a);
	assert_int_equal(bud_client_account_create(&f->app, &a, id, "asa.aberg",
			 &out, &err), BUD_OK);
	assert_true(out.user_id > 0);
	assert_int_equal(count(f, "SELECT count(*) FROM user WHERE username = "
			       "'asa.aberg' AND role = 'client' AND lang = 'sv' AND "
			       "display_name = 'Åsa Åberg' AND client_id = (SELECT id "
			       "FROM client WHERE hetu = '131052-308T')"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM uselog WHERE action = 'create'"
			       " AND object = 'account' AND user_id = 2"), 1);
	/* no password the worker chose: nothing signs in until the link is used */
	token = strrchr(out.link, '/') + 1;
	assert_int_equal(bud_account_login(&f->app, "asa.aberg", FX_PASSWORD, "-",
					   &a, tok, &err), BUD_EAUTH);
	assert_int_equal(bud_account_link_redeem(&f->app, token, "Ett eget lösenord 7",
						 "Ett annat lösenord 7", &err), BUD_EINVAL);
	assert_string_equal(err.field, "password2");
	assert_int_equal(bud_account_link_redeem(&f->app, token, "lyhyt", "lyhyt",
						 &err), BUD_EINVAL);
	assert_string_equal(err.field, "password");
	assert_int_equal(bud_account_link_redeem(&f->app, token, "Ett eget lösenord 7",
						 "Ett eget lösenord 7", &err), BUD_OK);
	assert_int_equal(bud_account_link_redeem(&f->app, token, "Ett eget lösenord 8",
						 "Ett eget lösenord 8", &err), BUD_ECONFLICT);
	assert_string_equal(err.key, "err.link.used");
	assert_int_equal(bud_account_link_redeem(&f->app, "AAAA", "Ett eget lösenord 8",
						 "Ett eget lösenord 8", &err), BUD_ENOTFOUND);
	assert_int_equal(bud_account_login(&f->app, "asa.aberg", "Ett eget lösenord 7",
					   "-", &a, tok, &err), BUD_OK);
	fx_actor(f, FX_WORKER, &a);
	assert_int_equal(bud_client_account_create(&f->app, &a, id, "asa.toinen",
			 &out, &err), BUD_ECONFLICT);
	/* a new link for a forgotten password: the old password stops there */
	assert_int_equal(bud_client_account_link(&f->app, &a, id, &out, &err), BUD_OK);
	assert_int_equal(bud_account_link_redeem(&f->app, strrchr(out.link, '/') + 1,
		"Ett nytt lösenord 9", "Ett nytt lösenord 9", &err), BUD_OK);
	assert_int_equal(bud_account_login(&f->app, "asa.aberg", "Ett eget lösenord 7",
					   "-", &a, tok, &err), BUD_EAUTH);
	fx_actor(f, FX_WORKER2, &a);
	assert_int_equal(bud_client_account_link(&f->app, &a, id, &out, &err), BUD_ENOTFOUND);
	fx_actor(f, FX_WORKER, &a);
	assert_int_equal(bud_client_account_link(&f->app, &a, 3, &out, &err), BUD_ENOTFOUND);
}

/* An activation link expires after BUD_LINK_CLIENT_S. */
static void test_account_link_expires(void **state)
{
	struct fx *f = *state;
	struct bud_client_fields in = fields("131052-308T", "Åsa", "Åberg");
	struct bud_client_account out;
	int64_t id;
	bud_actor a;
	bud_err err;

	assert_int_equal(create_as(f, FX_WORKER, &in, &id, &err), BUD_OK);
	fx_actor(f, FX_WORKER, &a);
	assert_int_equal(bud_client_account_create(&f->app, &a, id, "asa.aberg",
			 &out, &err), BUD_OK);
	f->app.now_override += BUD_LINK_CLIENT_S;
	assert_int_equal(bud_account_link_redeem(&f->app, strrchr(out.link, '/') + 1,
		"Ett eget lösenord 7", "Ett eget lösenord 7", &err), BUD_ECONFLICT);
	assert_string_equal(err.key, "err.link.expired");
}

static void test_uselog(void **state)
{
	struct fx *f = *state;
	struct bud_page pg;
	json_t *v = NULL, *items = NULL;
	int64_t logs;
	bud_actor a;
	bud_err err;

	assert_int_equal(get_as(f, FX_WORKER, 1, &v, &err), BUD_OK);
	json_decref(v);
	fx_actor(f, FX_CLIENT, &a);
	logs = USELOG(f);
	assert_int_equal(bud_client_uselog(&f->app, &a, 1, NULL, first_page(&pg), &items, &err), BUD_OK);
	assert_int_equal(USELOG(f), logs);	/* the client's own look: no row */
	assert_true(json_array_size(items) >= 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(items, 0),
			    "user_name")), "Wilma Työntekijä");
	assert_string_equal(json_string_value(json_object_get(json_array_get(items, 0),
			    "role")), "worker");
	assert_string_equal(json_string_value(json_object_get(json_array_get(items, 0),
			    "at_local")), "2025-06-15 15:00");
	json_decref(items);

	fx_actor(f, FX_WORKER, &a);
	assert_int_equal(bud_client_uselog(&f->app, &a, 1, NULL, first_page(&pg), &items, &err), BUD_OK);
	assert_int_equal(USELOG(f), logs + 1);	/* logged after it was read */
	assert_int_equal(count(f, "SELECT count(*) FROM uselog WHERE object = "
			       "'uselog' AND client_id = 1"), 1);
	json_decref(items);
	fx_actor(f, FX_WORKER2, &a);
	assert_int_equal(bud_client_uselog(&f->app, &a, 1, NULL, first_page(&pg), &items, &err), BUD_ENOTFOUND);
	assert_int_equal(USELOG(f), logs + 1);
}


/* A screen (app/read.h): the client page's two use cases share one read
 * transaction, one access decision and one use-log row; after the screen
 * the request's log holds that row until it is flushed. */
struct screen_case {
	struct fx *f;
	const bud_actor *a;
	int rc1, rc2;
};

static int screen_fn(void *arg, bud_err *err)
{
	struct screen_case *s = arg;
	json_t *v = NULL, *m = NULL;

	s->rc1 = bud_client_get(&s->f->app, s->a, 1, &v, err);
	s->rc2 = bud_client_mandates(&s->f->app, s->a, 1, &m, err);
	json_decref(v);
	json_decref(m);
	return BUD_OK;
}

static void test_screen(void **state)
{
	struct fx *f = *state;
	struct bud_readlog log;
	bud_actor a;
	struct screen_case s = {f, &a, -1, -1};
	bud_err err;
	int64_t logs;

	fx_actor(f, FX_WORKER, &a);
	memset(&log, 0, sizeof(log));
	a.log = &log;
	logs = USELOG(f);
	assert_int_equal(bud_app_screen(&f->app, &a, screen_fn, &s, &err), BUD_OK);
	assert_int_equal(s.rc1, BUD_OK);
	assert_int_equal(s.rc2, BUD_OK);
	assert_int_equal(log.n, 1);		/* one row for the screen */
	assert_string_equal(log.rows[0].object, "client");
	assert_int_equal(log.nauthz, 1);	/* one access decision */
	assert_int_equal(USELOG(f), logs);	/* not written yet */
	assert_int_equal(bud_readlog_flush(&f->app, &a, &log, &err), BUD_OK);
	assert_int_equal(USELOG(f), logs + 1);
	/* Another worker's screen of the same client: refused, nothing kept. */
	fx_actor(f, FX_WORKER2, &a);
	memset(&log, 0, sizeof(log));
	a.log = &log;
	assert_int_equal(bud_app_screen(&f->app, &a, screen_fn, &s, &err), BUD_OK);
	assert_int_equal(s.rc1, BUD_ENOTFOUND);
	assert_int_equal(log.n, 0);
	assert_int_equal(log.nauthz, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_create, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_create_hetu_per_organiser, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(test_get_roles, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_hetu_reveal, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_update, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_update_etag, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_search, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_mandates, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_account, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_account_link_expires, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_uselog, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_screen, fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
