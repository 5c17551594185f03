/*
 * Unit tests for app/uselog.c: appending rows, the hash chain and its
 * verification, detection of a changed, removed or re-hashed row (after
 * dropping the append-only triggers on a raw connection), the triggers
 * themselves, and a client's "who has seen my data" list.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <sqlite3.h>

#include "app/read.h"
#include "app/uselog.h"
#include "app_fixture.h"
#include "bud_limits.h"

static void append(void **state, int64_t uid, int64_t client, const char *action,
		   const char *object, const char *basis)
{
	struct fx *f = *state;
	struct bud_uselog_entry e = {client, 0, action, object, basis, NULL, NULL};
	bud_actor a;
	bud_err err;

	fx_actor(f, uid, &a);
	assert_int_equal(bud_uselog_write(&f->app, uid ? &a : NULL, &e, &err), BUD_OK);
}

/* Four rows: a worker reads and changes client 1, the system exports,
 * a representative reads client 2. */
static void four_rows(void **state)
{
	append(state, FX_WORKER, 1, "read", "client", "case");
	append(state, FX_WORKER, 1, "change", "plan:3", "case");
	append(state, 0, 0, "export", "report:1", "special:STATS");
	append(state, FX_REP, 2, "read", "client", "mandate:1");
}

static void test_append_and_verify(void **state)
{
	struct fx *f = *state;
	struct bud_uselog_entry e = {1, 0, "disclose", "decision:4", "case",
				     "Kela", "HE 191/2022"};
	int64_t broken = -1;
	bud_actor a;
	bud_err err;

	assert_int_equal(bud_uselog_verify(&f->app, &err), BUD_OK);	/* empty */
	four_rows(state);
	fx_actor(f, FX_WORKER, &a);
	assert_int_equal(bud_uselog_write(&f->app, &a, &e, &err), BUD_OK);
	assert_int_equal(bud_uselog_verify_ex(&f->app, &broken, &err), BUD_OK);
	assert_int_equal(broken, 0);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM uselog"), 5);
	/* The chain: the first row follows 32 zero bytes, each next row the
	 * previous row's hash. */
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM uselog WHERE id = 1 "
		"AND prev_hash = zeroblob(32) AND length(hash) = 32"), 1);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM uselog l JOIN uselog p "
		"ON p.id = l.id - 1 WHERE l.prev_hash = p.hash"), 4);
	/* What the rows say. */
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM uselog WHERE id = 1 AND "
		"user_id = 2 AND role = 'worker' AND unit_id = 1 AND client_id = 1 "
		"AND action = 'read' AND at = 1749988800 AND acting_for IS NULL"), 1);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM uselog WHERE id = 3 AND "
		"user_id IS NULL AND role = 'system' AND client_id IS NULL"), 1);
	/* A representative's row says for whom they acted. */
	assert_int_equal(fx_raw_int(f, "SELECT acting_for FROM uselog WHERE id = 4"), 2);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM uselog WHERE id = 5 AND "
		"recipient = 'Kela' AND legal_basis = 'HE 191/2022'"), 1);
}

static void test_append_invalid(void **state)
{
	struct fx *f = *state;
	struct bud_uselog_entry e = {1, 0, "peek", "client", "case", NULL, NULL};
	bud_err err;

	assert_int_equal(bud_uselog_write(&f->app, NULL, &e, &err), BUD_EINVAL);
	e.action = "read";
	e.object = "";
	assert_int_equal(bud_uselog_write(&f->app, NULL, &e, &err), BUD_EINVAL);
	e.object = "client";
	e.basis = NULL;
	assert_int_equal(bud_uselog_write(&f->app, NULL, &e, &err), BUD_EINVAL);
	assert_int_equal(bud_uselog_write(&f->app, NULL, NULL, &err), BUD_EINVAL);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM uselog"), 0);
}

static void test_triggers(void **state)
{
	struct fx *f = *state;
	sqlite3 *db;

	four_rows(state);
	/* Without dropping the triggers no row can change or go. */
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "UPDATE uselog SET object = 'x' "
		"WHERE id = 2", NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM uselog WHERE id = 2",
		NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM uselog WHERE "
		"object = 'plan:3'"), 1);
}

static void expect_broken(void **state, int64_t row)
{
	struct fx *f = *state;
	char want[64];
	int64_t broken = 0;
	bud_err err;

	bud_err_clear(&err);
	assert_int_equal(bud_uselog_verify_ex(&f->app, &broken, &err), BUD_EINTERNAL);
	assert_int_equal(broken, row);
	assert_string_equal(err.key, "err.uselog.broken");
	snprintf(want, sizeof(want), "row %lld", (long long)row);
	assert_non_null(strstr(err.detail, want));
	assert_int_equal(bud_uselog_verify(&f->app, &err), BUD_EINTERNAL);
}

static void test_tamper_change(void **state)
{
	four_rows(state);
	assert_int_equal(fx_raw_exec(*state, "DROP TRIGGER uselog_append_only_u;"
		"UPDATE uselog SET client_id = 3 WHERE id = 2"), 0);
	expect_broken(state, 2);
}

static void test_tamper_delete(void **state)
{
	four_rows(state);
	assert_int_equal(fx_raw_exec(*state, "DROP TRIGGER uselog_append_only_d;"
		"DELETE FROM uselog WHERE id = 2"), 0);
	expect_broken(state, 3);
}

static void test_tamper_rehash(void **state)
{
	/* Changing a row and recomputing nothing else: a forged hash of the
	 * row itself still breaks the link from the next row. */
	four_rows(state);
	assert_int_equal(fx_raw_exec(*state, "DROP TRIGGER uselog_append_only_u;"
		"UPDATE uselog SET hash = zeroblob(32) WHERE id = 3"), 0);
	expect_broken(state, 3);
}

static void test_tamper_time(void **state)
{
	four_rows(state);
	assert_int_equal(fx_raw_exec(*state, "DROP TRIGGER uselog_append_only_u;"
		"UPDATE uselog SET at = at - 86400 WHERE id = 1"), 0);
	expect_broken(state, 1);
}

struct seen {
	int n;
	int64_t ids[8];
	char names[8][64];
	char actions[8][16];
};

static int collect(void *arg, const struct bud_uselog_item *it)
{
	struct seen *s = arg;

	if (s->n >= 8)
		return BUD_ETOOBIG;
	s->ids[s->n] = it->id;
	snprintf(s->names[s->n], sizeof(s->names[0]), "%s",
		 it->user_name ? it->user_name : "(system)");
	snprintf(s->actions[s->n], sizeof(s->actions[0]), "%s", it->action);
	s->n++;
	return BUD_OK;
}

static struct bud_page *page_at(struct bud_page *pg, int64_t at)
{
	bud_page_first(pg);
	pg->at = at;
	return pg;
}

static void test_list_for_client(void **state)
{
	struct bud_page pg;
	struct fx *f = *state;
	struct seen s;
	bud_actor client, worker2, worker;
	bud_err err;

	four_rows(state);
	fx_actor(f, FX_CLIENT, &client);
	memset(&s, 0, sizeof(s));
	assert_int_equal(bud_uselog_list_for_client(&f->app, &client, 1, NULL, page_at(&pg, 0), collect,
						    &s, &err), BUD_OK);
	assert_int_equal(s.n, 2);			/* newest first */
	assert_int_equal(s.ids[0], 2);
	assert_string_equal(s.actions[0], "change");
	assert_string_equal(s.names[0], "Wilma Työntekijä");
	assert_int_equal(s.ids[1], 1);
	/* The client reading their own log adds no row... */
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM uselog"), 4);
	/* ...a worker reading it does (after the read), and the next look
	 * shows that read first. */
	fx_actor(f, FX_WORKER, &worker);
	memset(&s, 0, sizeof(s));
	assert_int_equal(bud_uselog_list_for_client(&f->app, &worker, 1, NULL, page_at(&pg, 0), collect,
						    &s, &err), BUD_OK);
	assert_int_equal(s.n, 2);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM uselog"), 5);
	memset(&s, 0, sizeof(s));
	assert_int_equal(bud_uselog_list_for_client(&f->app, &client, 1, NULL, page_at(&pg, 0), collect,
						    &s, &err), BUD_OK);
	assert_int_equal(s.n, 3);
	assert_int_equal(s.ids[0], 5);
	assert_string_equal(s.actions[0], "read");
	/* Paging: rows before id 2. */
	memset(&s, 0, sizeof(s));
	assert_int_equal(bud_uselog_list_for_client(&f->app, &client, 1, NULL, page_at(&pg, 2), collect,
						    &s, &err), BUD_OK);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.ids[0], 1);
	/* Someone without access learns nothing. */
	fx_actor(f, FX_WORKER2, &worker2);
	memset(&s, 0, sizeof(s));
	assert_int_equal(bud_uselog_list_for_client(&f->app, &worker2, 1, NULL, page_at(&pg, 0), collect,
						    &s, &err), BUD_ENOTFOUND);
	assert_string_equal(err.key, "err.authz.denied");
	assert_int_equal(s.n, 0);
	assert_int_equal(bud_uselog_list_for_client(&f->app, &client, 2, NULL, page_at(&pg, 0), collect,
						    &s, &err), BUD_ENOTFOUND);
	assert_int_equal(bud_uselog_verify(&f->app, &err), BUD_OK);
}


/* The read path (app/read.h): a read use case's rows are appended after
 * it, one per client and action however many it names; a failing one
 * logs nothing; a request's readlog keeps them until it is flushed. */
struct read_case {
	bud_app *app;
	const bud_actor *actor;
	int fail;
};

static int read_case_fn(bud_conn *c, void *arg, bud_err *err)
{
	struct read_case *r = arg;
	int rc;

	if ((rc = bud_uselog_append_row(r->app, c, r->actor, 1, "read", "client",
					"case", err)) ||
	    (rc = bud_uselog_append_row(r->app, c, r->actor, 1, "read", "mandates",
					"case", err)) ||
	    (rc = bud_uselog_append_row(r->app, c, r->actor, 2, "read", "client",
					"case", err)))
		return rc;
	return r->fail ? bud_err_set(err, BUD_ENOTFOUND, NULL, "err.generic", "x") : BUD_OK;
}

static void test_read_path(void **state)
{
	struct fx *f = *state;
	struct bud_readlog log;
	bud_actor worker;
	struct read_case r = {&f->app, &worker, 0};
	bud_err err;

	fx_actor(f, FX_WORKER, &worker);
	assert_int_equal(bud_app_read(&f->app, &worker, read_case_fn, &r, &err), BUD_OK);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM uselog"), 2);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM uselog WHERE client_id = 1 "
				       "AND object = 'client'"), 1);
	r.fail = 1;
	assert_int_equal(bud_app_read(&f->app, &worker, read_case_fn, &r, &err),
			 BUD_ENOTFOUND);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM uselog"), 2);
	/* a request: kept on the actor, written only by the flush */
	memset(&log, 0, sizeof(log));
	worker.log = &log;
	r.fail = 0;
	assert_int_equal(bud_app_read(&f->app, &worker, read_case_fn, &r, &err), BUD_OK);
	assert_int_equal(bud_app_read(&f->app, &worker, read_case_fn, &r, &err), BUD_OK);
	assert_int_equal(log.n, 2);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM uselog"), 2);
	assert_int_equal(bud_readlog_flush(&f->app, &worker, &log, &err), BUD_OK);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM uselog"), 4);
	assert_int_equal(bud_uselog_verify(&f->app, &err), BUD_OK);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)
	const struct CMUnitTest tests[] = {
		T(test_append_and_verify),
		T(test_append_invalid),
		T(test_triggers),
		T(test_tamper_change),
		T(test_tamper_delete),
		T(test_tamper_rehash),
		T(test_tamper_time),
		T(test_list_for_client),
		T(test_read_path),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
