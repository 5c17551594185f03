/*
 * Unit tests for deferred API writes (http.h bud_req_defer, http/defer.c)
 * through the request pipeline without a server (bud_rq_run, which runs
 * the one unit on the writer and waits): the unit's answer is the
 * request's; a unit that fails answers its error and leaves nothing, not
 * even its Idempotency-Key; a key replays the kept answer (a refusal
 * too) without running the unit again, and refuses another request; the
 * use-log rows a handler gathered before deferring are written in the
 * same unit; an answer made after the commit, or in the unit when a key
 * keeps it. The unit writes a use-log row of its own, which the tests
 * count. On the app fixture's database, signed in as its provider user.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../app/app_fixture.h"
#include "app/account.h"
#include "app/uselog.h"
#include "http/internal.h"

static int runs;	/* units that ran */

/* The unit: a use-log row, then the answer the body's "name" asks for. */
static int thing_unit(bud_conn *w, bud_req *req, void *arg, bud_err *err)
{
	const char *name = arg;
	int rc;

	runs++;
	if (strcmp(name, "refuse") == 0) {	/* a refusal kept: nothing written */
		bud_err e;

		bud_err_set(&e, BUD_ECONFLICT, "name", "err.generic", "refused");
		bud_resp_error(req, &e);
		return BUD_OK;
	}
	if ((rc = bud_uselog_append_row(req->app, w, &req->actor, 0, "change",
					"thing", "test", err)))
		return rc;
	if (strcmp(name, "fail") == 0)	/* after its write: all rolled back */
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal", "broken");
	if (strcmp(name, "busy") == 0)
		return bud_err_set(err, BUD_ECONFLICT, "name", "err.generic", "taken");
	if (strcmp(name, "later") == 0)	/* answered by later_answer */
		return BUD_OK;
	return bud_resp_json(req, 201, json_pack("{s:s, s:i}", "name", name, "run", runs));
}

static int answers;	/* later_answer's calls */

static void later_answer(bud_req *req, void *arg)
{
	answers++;
	bud_resp_json(req, 200, json_pack("{s:s, s:i}", "later", (const char *)arg,
					   "answer", answers));
}

static int thing_handler(bud_req *req)
{
	const char *name = NULL;
	struct bud_uselog_entry e = {.client_id = 1, .action = "read",
				     .object = "client", .basis = "test"};
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_str(req, "name", 1, 32, &name, &err))
		return bud_resp_error(req, &err);
	if (strcmp(name, "logged") == 0 &&
	    bud_readlog_add(req->actor.log, &e, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	bud_req_defer(req, thing_unit, (void *)name, NULL);
	if (strcmp(name, "later") == 0)
		bud_req_defer_answer(req, later_answer);
	return BUD_OK;
}

static const struct bud_route routes[] = {
	{BUD_POST, "/api/things", thing_handler, BUD_R_API | BUD_R_DEFER, 0},
	{0, NULL, NULL, 0, 0},
};

static char cookie[160];

static int setup(void **state)
{
	struct fx *f;
	bud_actor a;
	char token[128];
	bud_err err;

	if (fx_setup(state))
		return -1;
	f = *state;
	bud_err_clear(&err);
	if (bud_account_login(&f->app, "provider", FX_PASSWORD, "127.0.0.1", &a,
			      token, &err) != BUD_OK)
		return -1;
	snprintf(cookie, sizeof(cookie), "bud_session=%s", token);
	runs = answers = 0;
	return 0;
}

static struct bud_rq *post(struct fx *f, const char *body, const char *key)
{
	struct bud_kv h[3] = {{"Content-Type", "application/json"},
			      {"Cookie", cookie}, {"Idempotency-Key", key}};

	return bud_rq_run(&f->app, routes, "POST", "/api/things", h, key ? 3 : 2,
			  body, strlen(body));
}

static const char *header(struct bud_rq *q, const char *name)
{
	size_t i;

	for (i = 0; i < q->req.nheaders; i++)
		if (strcmp(q->req.headers[i].key, name) == 0)
			return q->req.headers[i].value;
	return NULL;
}

static int64_t things(struct fx *f)
{
	return fx_raw_int(f, "SELECT count(*) FROM uselog WHERE object = 'thing'");
}

static int64_t keys(struct fx *f)
{
	return fx_raw_int(f, "SELECT count(*) FROM idempotency");
}

static void test_answer_after_unit(void **state)
{
	struct fx *f = *state;
	struct bud_rq *q = post(f, "{\"name\":\"a\"}", NULL);

	assert_int_equal(q->req.status, 201);
	assert_non_null(strstr(bud_buf_str(&q->req.out), "\"name\":\"a\""));
	assert_int_equal(things(f), 1);
	bud_rq_free(q);
	q = post(f, "{}", NULL);	/* bad input: answered at once, no unit */
	assert_int_equal(q->req.status, 422);
	assert_int_equal(runs, 1);
	bud_rq_free(q);
}

static void test_failed_unit_leaves_nothing(void **state)
{
	struct fx *f = *state;
	struct bud_rq *q = post(f, "{\"name\":\"fail\"}", "k-fail");

	assert_int_equal(q->req.status, 500);
	assert_non_null(strstr(bud_buf_str(&q->req.out), "\"error\""));
	assert_int_equal(things(f), 0);
	assert_int_equal(keys(f), 0);	/* the claim rolled back too */
	bud_rq_free(q);
	q = post(f, "{\"name\":\"fail\"}", "k-fail");	/* so it runs again */
	assert_int_equal(q->req.status, 500);
	assert_int_equal(runs, 2);
	bud_rq_free(q);
	q = post(f, "{\"name\":\"busy\"}", NULL);	/* a 4xx failure: its own status */
	assert_int_equal(q->req.status, 409);
	assert_null(header(q, "Idempotent-Replayed"));
	assert_int_equal(things(f), 0);
	bud_rq_free(q);
}

static void test_key_replays(void **state)
{
	struct fx *f = *state;
	struct bud_rq *q = post(f, "{\"name\":\"a\"}", "k-1");
	char first[256];

	assert_int_equal(q->req.status, 201);
	snprintf(first, sizeof(first), "%s", bud_buf_str(&q->req.out));
	bud_rq_free(q);
	q = post(f, "{\"name\":\"a\"}", "k-1");
	assert_int_equal(q->req.status, 201);
	assert_string_equal(bud_buf_str(&q->req.out), first);
	assert_string_equal(header(q, "Idempotent-Replayed"), "true");
	assert_int_equal(runs, 1);
	assert_int_equal(things(f), 1);
	bud_rq_free(q);
	q = post(f, "{\"name\":\"b\"}", "k-1");	/* another request, same key */
	assert_int_equal(q->req.status, 422);
	assert_non_null(strstr(bud_buf_str(&q->req.out), "Idempotency-Key"));
	assert_int_equal(runs, 1);
	bud_rq_free(q);
	q = post(f, "{\"name\":\"refuse\"}", "k-2");	/* a refusal is kept */
	assert_int_equal(q->req.status, 409);
	bud_rq_free(q);
	q = post(f, "{\"name\":\"refuse\"}", "k-2");
	assert_int_equal(q->req.status, 409);
	assert_string_equal(header(q, "Idempotent-Replayed"), "true");
	assert_int_equal(runs, 2);
	assert_int_equal(things(f), 1);
	bud_rq_free(q);
}

static void test_gathered_rows_in_unit(void **state)
{
	struct fx *f = *state;
	int64_t reads = fx_raw_int(f, "SELECT count(*) FROM uselog WHERE action = 'read'");
	struct bud_rq *q = post(f, "{\"name\":\"logged\"}", NULL);

	assert_int_equal(q->req.status, 201);
	assert_int_equal(q->log.n, 0);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM uselog WHERE action = 'read'"),
			 reads + 1);
	bud_rq_free(q);
	reads++;
	q = post(f, "{\"name\":\"fail\"}", NULL);	/* ... and not when it fails */
	assert_int_equal(q->req.status, 500);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM uselog WHERE action = 'read'"),
			 reads);
	bud_rq_free(q);
}

/* An answer made after the unit (bud_req_defer_answer); with a key it is
 * made in the unit and kept, and a replay makes none. */
static void test_answer_later(void **state)
{
	struct fx *f = *state;
	struct bud_rq *q = post(f, "{\"name\":\"later\"}", NULL);

	assert_int_equal(q->req.status, 200);
	assert_non_null(strstr(bud_buf_str(&q->req.out), "\"later\":\"later\""));
	assert_int_equal(answers, 1);
	assert_int_equal(things(f), 1);
	bud_rq_free(q);
	q = post(f, "{\"name\":\"later\"}", "k-later");
	assert_int_equal(q->req.status, 200);
	bud_rq_free(q);
	q = post(f, "{\"name\":\"later\"}", "k-later");
	assert_int_equal(q->req.status, 200);
	assert_non_null(strstr(bud_buf_str(&q->req.out), "\"answer\":2"));
	assert_string_equal(header(q, "Idempotent-Replayed"), "true");
	assert_int_equal(answers, 2);
	assert_int_equal(things(f), 2);
	bud_rq_free(q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_answer_after_unit, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_failed_unit_leaves_nothing, setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(test_key_replays, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_gathered_rows_in_unit, setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(test_answer_later, setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
