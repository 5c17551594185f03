/*
 * tests/unit/app/test_event.c: service events (app/event.h): recording
 * with the amount computed from the commitment's price, every refusal
 * with its own reason code and nothing written, a batch where bad rows
 * and duplicates never stop the good ones, the client's confirm and
 * dispute, the dispute window (confirmed by default, a late dispute
 * refused), a worker's resolution taking an upheld event out of the
 * sums, and what a provider's read shows and logs.
 *
 * Setup (as test_commitment.c): client 1 lives in Kerava; provider 1 is
 * approved for day activities there (85,00 € a day). An approved plan
 * line of 8 days a month, chosen 2025-07-01..2025-12-31 and accepted.
 * The clock is then moved to 2025-07-25 12:00 UTC.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "app/check.h"
#include "app/commitment.h"
#include "app/event.h"
#include "app/plan.h"
#include "app/settings.h"
#include "app_fixture.h"

#define T_JUL25 INT64_C(1753444800)	/* 2025-07-25 12:00:00 UTC */
#define DAY INT64_C(86400)

static const char world_sql[] =
	"INSERT INTO offer (id, client_id, offered_on, created_by, created_at) VALUES"
	" (1, 1, '2025-06-01', 2, 0);"
	"INSERT INTO offer_service (offer_id, service_id) VALUES (1, 1), (1, 2);"
	"INSERT INTO offer_answer (id, offer_id, answer, answered_by, answered_at)"
	" VALUES (1, 1, 'all', 2, 0);"
	"UPDATE client SET municipality = 'Kerava' WHERE id = 1;"
	"INSERT INTO provider (id, organiser_id, name, ytunnus, created_at) VALUES"
	" (2, 1, 'Bensku ry', '2222222-2', 0);"
	"INSERT INTO user (id, username, display_name, role, password_hash,"
	" organiser_id, provider_id, created_at) VALUES"
	" (20, 'provider2', 'Pirjo Toinen', 'provider_user', 'x', 1, 2, 0);"
	"INSERT INTO approval (id, provider_id, service_id, municipality, state,"
	" effective, created_at) VALUES (1, 1, 2, 'Kerava', 'approved', '2025-01-01', 0);";

static int64_t q(void **state, const char *sql)
{
	return fx_raw_int(*state, sql);
}

struct counts {
	int64_t events, history, uselog;
};

static void counts(void **state, struct counts *c)
{
	c->events = q(state, "SELECT count(*) FROM service_event");
	c->history = q(state, "SELECT count(*) FROM service_event_history");
	c->uselog = q(state, "SELECT count(*) FROM uselog");
}

static void same_counts(void **state, const struct counts *before)
{
	struct counts now;

	counts(state, &now);
	assert_int_equal(now.events, before->events);
	assert_int_equal(now.history, before->history);
	assert_int_equal(now.uselog, before->uselog);
}

/* The commitment (offered when accept is 0); the clock at 2025-07-25. */
static int64_t commitment(void **state, int accept)
{
	struct fx *f = *state;
	struct bud_plan_fields pf = {.label = "A", .valid_from = "2025-07-01",
		.valid_to = "2025-12-31", .review_date = "2025-11-01",
		.reasoning = "Tarve arvioitu."};
	struct bud_plan_line_in in = {.service = "day_activities", .quantity = 800};
	int64_t plan = 0, line = 0, id = 0;
	bud_actor w, dm, cl, prov;
	bud_err e;

	fx_actor(f, FX_WORKER, &w);
	fx_actor(f, FX_DM, &dm);
	fx_actor(f, FX_CLIENT, &cl);
	fx_actor(f, FX_PROVIDER, &prov);
	assert_int_equal(bud_plan_create(&f->app, &w, 1, &pf, 0, &plan, &e), BUD_OK);
	assert_int_equal(bud_plan_line_add(&f->app, &w, plan, &in, &line, &e), BUD_OK);
	assert_int_equal(bud_plan_propose(&f->app, &w, plan, &e), BUD_OK);
	assert_int_equal(bud_plan_approve(&f->app, &dm, plan, FX_PASSWORD, &e), BUD_OK);
	assert_int_equal(bud_commitment_choose(&f->app, &cl, line, 1, NULL, &id, &e), BUD_OK);
	if (accept)
		assert_int_equal(bud_commitment_accept(&f->app, &prov, id, &e), BUD_OK);
	f->app.now_override = T_JUL25;
	return id;
}

static int setup(void **state)
{
	if (fx_setup(state) != 0)
		return -1;
	return fx_raw_exec(*state, world_sql);
}

/* An actor as fx_actor, and user 20: a provider user of provider 2. */
static void actor(struct fx *f, int64_t uid, bud_actor *a)
{
	fx_actor(f, uid == 20 ? FX_PROVIDER : uid, a);
	if (uid == 20) {
		a->user_id = 20;
		a->provider_id = 2;
	}
}

static int record(void **state, int64_t uid, int64_t cm, const char *date,
		  int64_t qty, const char *ext, int64_t *id, bud_err *e)
{
	struct fx *f = *state;
	struct bud_event_input in = {.commitment_id = cm, .quantity = qty,
				     .external_id = ext, .note = "Päivätoiminta"};
	bud_actor a;

	actor(f, uid, &a);
	snprintf(in.on_date, sizeof(in.on_date), "%s", date);
	bud_err_clear(e);
	return bud_event_record(&f->app, &a, &in, id, e);
}

static void count_problem(void *arg, const char *line)
{
	(void)line;
	(*(int *)arg)++;
}

/* `budjetti check` finds want problems. */
static void assert_check_clean(void **state, int want)
{
	struct fx *f = *state;
	struct bud_check_result res;
	bud_err e;
	int n = 0;

	if (bud_check_run(&f->app, count_problem, &n, &res, &e) != BUD_OK)
		fail_msg("check: %s", e.detail);
	assert_int_equal(n, want);
}

/* Recorded with the amount from the commitment's price, a history row
 * and a use-log row; the amount rounds half away from zero. */
static void test_record(void **state)
{
	int64_t cm = commitment(state, 1), id = 0;
	struct counts before;
	bud_err e;

	counts(state, &before);
	assert_int_equal(record(state, FX_PROVIDER, cm, "2025-07-02", 150, "A-1", &id, &e),
			 BUD_OK);
	assert_true(id > 0);
	assert_int_equal(q(state, "SELECT amount FROM service_event"), 12750);
	assert_int_equal(q(state, "SELECT count(*) FROM service_event WHERE "
			   "state = 'recorded' AND unit_price = 8500 AND client_id = 1 "
			   "AND provider_id = 1 AND recorded_by = 6"), 1);
	assert_int_equal(q(state, "SELECT count(*) FROM service_event_history"),
			 before.history + 1);
	assert_int_equal(q(state, "SELECT count(*) FROM uselog WHERE action = 'change' "
			   "AND object LIKE 'service_event:%'"), 1);
	/* 0,01 day x 85,00 = 0,85; 0,33 days = 28,05 */
	assert_int_equal(record(state, FX_PROVIDER, cm, "2025-07-03", 33, "A-2", &id, &e),
			 BUD_OK);
	assert_int_equal(q(state, "SELECT amount FROM service_event WHERE external_id = 'A-2'"),
			 2805);
}

/* Every refusal: its reason code, its field, nothing written. */
static void test_refusals(void **state)
{
	struct fx *f = *state;
	int64_t cm = commitment(state, 0), id = 0;
	struct counts before;
	bud_actor prov;
	bud_err e;

	counts(state, &before);
	assert_int_equal(record(state, FX_PROVIDER, cm, "2025-07-02", 100, "X", &id, &e),
			 BUD_ECONFLICT);
	assert_string_equal(bud_event_code(&e), "not_active");
	fx_actor(f, FX_PROVIDER, &prov);
	f->app.now_override = FX_T0;
	assert_int_equal(bud_commitment_accept(&f->app, &prov, cm, &e), BUD_OK);
	f->app.now_override = T_JUL25;
	counts(state, &before);

	assert_int_equal(record(state, 20, cm, "2025-07-02", 100, "X", &id, &e), BUD_ENOTFOUND);
	assert_string_equal(bud_event_code(&e), "not_provider");
	assert_int_equal(record(state, FX_PROVIDER, cm + 99, "2025-07-02", 100, "X", &id, &e),
			 BUD_ENOTFOUND);
	assert_string_equal(bud_event_code(&e), "not_provider");
	assert_int_equal(record(state, FX_PROVIDER, cm, "2025-06-30", 100, "X", &id, &e),
			 BUD_ECONFLICT);
	assert_string_equal(bud_event_code(&e), "outside_period");
	assert_string_equal(e.field, "on_date");
	assert_int_equal(record(state, FX_PROVIDER, cm, "2025-07-26", 100, "X", &id, &e),
			 BUD_EINVAL);
	assert_string_equal(bud_event_code(&e), "future");
	assert_int_equal(record(state, FX_PROVIDER, cm, "2025-07-02", 0, "X", &id, &e),
			 BUD_EINVAL);
	assert_string_equal(e.field, "quantity");
	assert_int_equal(record(state, FX_PROVIDER, cm, "2025-07-02", 100, "", &id, &e),
			 BUD_EINVAL);
	assert_string_equal(e.field, "external_id");
	assert_int_equal(record(state, FX_PROVIDER, cm, "2025-02-30", 100, "X", &id, &e),
			 BUD_EINVAL);
	assert_string_equal(e.field, "on_date");
	assert_int_equal(record(state, FX_CLIENT, cm, "2025-07-02", 100, "X", &id, &e),
			 BUD_EFORBIDDEN);
	same_counts(state, &before);

	/* 8 days a month: 7 recorded, 2 more are over the month */
	assert_int_equal(record(state, FX_PROVIDER, cm, "2025-07-02", 700, "M-1", &id, &e),
			 BUD_OK);
	counts(state, &before);
	assert_int_equal(record(state, FX_PROVIDER, cm, "2025-07-03", 200, "M-2", &id, &e),
			 BUD_ECONFLICT);
	assert_string_equal(bud_event_code(&e), "over_quantity");
	assert_int_equal(record(state, FX_PROVIDER, cm, "2025-07-02", 100, "M-1", &id, &e),
			 BUD_ECONFLICT);
	assert_string_equal(bud_event_code(&e), "duplicate");
	assert_string_equal(e.key, "err.event.duplicate");
	same_counts(state, &before);

	/* money: all but 80,00 € released, so one day (85,00 €) is over */
	assert_int_equal(fx_raw_exec(f, "UPDATE commitment SET released = reserved - "
				     "(SELECT sum(amount) FROM service_event) - 8000"), 0);
	counts(state, &before);
	assert_int_equal(record(state, FX_PROVIDER, cm, "2025-07-03", 100, "M-3", &id, &e),
			 BUD_ECONFLICT);
	assert_string_equal(bud_event_code(&e), "over_money");
	same_counts(state, &before);
	assert_int_equal(record(state, FX_PROVIDER, cm, "2025-07-03", 94, "M-3", &id, &e),
			 BUD_OK);	/* 79,90 € fits */
}

/* One unit: the bad rows and duplicates are answered, the good written. */
static void test_batch(void **state)
{
	struct fx *f = *state;
	int64_t cm = commitment(state, 1), id = 0;
	struct bud_event_input rows[5] = {
		{cm, "2025-07-01", 100, NULL, "B-1"},
		{cm, "2025-07-02", 100, NULL, "OLD"},	/* stored already */
		{cm, "2025-08-01", 100, NULL, "B-3"},	/* in the future */
		{cm, "2025-07-03", 100, "", "B-4"},
		{cm, "2025-07-01", 100, NULL, "B-1"},	/* repeats row 0 */
	};
	struct bud_event_result res[5];
	bud_actor prov;
	bud_err e;
	char sql[256];
	int64_t log_before;

	assert_int_equal(record(state, FX_PROVIDER, cm, "2025-07-02", 100, "OLD", &id, &e),
			 BUD_OK);
	log_before = q(state, "SELECT max(id) FROM uselog");
	fx_actor(f, FX_PROVIDER, &prov);
	assert_int_equal(bud_event_record_batch(&f->app, &prov, rows, 5, res, &e), BUD_OK);
	assert_int_equal(res[0].rc, BUD_OK);
	assert_true(res[0].id > id);
	assert_int_equal(res[1].rc, BUD_ECONFLICT);
	assert_string_equal(res[1].code, "duplicate");
	assert_int_equal(res[1].id, id);
	assert_string_equal(res[2].code, "future");
	assert_int_equal(res[2].id, 0);
	assert_int_equal(res[3].rc, BUD_OK);
	assert_string_equal(res[4].code, "duplicate");
	assert_int_equal(res[4].id, res[0].id);
	assert_int_equal(q(state, "SELECT count(*) FROM service_event"), 3);
	/* one use-log row for the answer's run of events of the commitment,
	 * not one per event */
	assert_int_equal(res[3].id, res[0].id + 1);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM uselog WHERE action = 'change' AND "
		 "object LIKE 'service_event:%%' AND id > %lld", (long long)log_before);
	assert_int_equal(q(state, sql), 1);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM uselog WHERE client_id = 1 AND "
		 "object = 'service_event:%lld-%lld'", (long long)res[0].id, (long long)res[3].id);
	assert_int_equal(q(state, sql), 1);
	/* the same batch again writes nothing */
	assert_int_equal(bud_event_record_batch(&f->app, &prov, rows, 5, res, &e), BUD_OK);
	assert_string_equal(res[0].code, "duplicate");
	assert_string_equal(res[3].code, "duplicate");
	assert_int_equal(q(state, "SELECT count(*) FROM service_event"), 3);
	/* a duplicate is answered first: also once the day is outside */
	assert_int_equal(fx_raw_exec(f, "UPDATE commitment SET valid_to = '2025-07-01'"), 0);
	assert_int_equal(bud_event_record_batch(&f->app, &prov, rows, 5, res, &e), BUD_OK);
	assert_string_equal(res[3].code, "duplicate");
	assert_int_equal(bud_event_record_batch(&f->app, &prov, rows, 0, res, &e),
			 BUD_ETOOBIG);
}

/* A CSV: good lines written, bad ones listed by line, nothing twice. */
static void test_csv(void **state)
{
	struct fx *f = *state;
	int64_t cm = commitment(state, 1), id = 0;
	struct bud_event_csv_report rep;
	char csv[512];
	bud_actor prov;
	bud_err e;

	assert_int_equal(record(state, FX_PROVIDER, cm, "2025-07-02", 100, "OLD", &id, &e),
			 BUD_OK);
	snprintf(csv, sizeof(csv),
		 "sitoumus;pvm;maara;lisatieto;tunniste\r\n"
		 "%lld;2025-07-01;1,5;Aamu;C-1\r\n"
		 "%lld;2025-07-40;1;;C-2\r\n"
		 "%lld;2025-07-02;1;;OLD\r\n"
		 "x;2025-07-03;1;;C-4\r\n"
		 "%lld;2025-07-03;0.5;\"Ilta; kotona\";C-5\r\n",
		 (long long)cm, (long long)cm, (long long)cm, (long long)cm);
	fx_actor(f, FX_PROVIDER, &prov);
	assert_int_equal(bud_event_import_csv(&f->app, &prov, csv, strlen(csv), &rep, &e),
			 BUD_OK);
	assert_int_equal(rep.n, 5);
	assert_int_equal(rep.written, 2);
	assert_int_equal(rep.duplicates, 1);
	assert_int_equal(rep.refused, 2);
	assert_int_equal(rep.lines[1].line, 3);
	assert_string_equal(rep.lines[1].res.err.field, "on_date");
	assert_string_equal(rep.lines[3].res.err.field, "commitment_id");
	assert_int_equal(rep.lines[4].res.rc, BUD_OK);
	bud_event_csv_release(&rep);
	assert_int_equal(q(state, "SELECT count(*) FROM service_event WHERE "
			   "note = 'Ilta; kotona' AND quantity = 50"), 1);
	assert_int_equal(bud_event_import_csv(&f->app, &prov, csv, strlen(csv), &rep, &e),
			 BUD_OK);
	assert_int_equal(rep.written, 0);
	assert_int_equal(rep.duplicates, 3);
	bud_event_csv_release(&rep);
	assert_int_equal(q(state, "SELECT count(*) FROM service_event"), 3);
	assert_int_equal(bud_event_import_csv(&f->app, &prov, "", 0, &rep, &e), BUD_EINVAL);
	assert_string_equal(e.field, "csv");
}

static json_t *get(void **state, int64_t uid, int64_t id)
{
	struct fx *f = *state;
	json_t *v = NULL;
	bud_actor a;
	bud_err e;

	fx_actor(f, uid, &a);
	assert_int_equal(bud_event_get(&f->app, &a, id, &v, &e), BUD_OK);
	return v;
}

static const char *str(json_t *v, const char *k)
{
	return json_string_value(json_object_get(v, k));
}

/* Confirm, dispute, resolve; the window; held and payable on read. */
static void test_client_say(void **state)
{
	struct fx *f = *state;
	int64_t cm = commitment(state, 1), a = 0, b = 0, c = 0;
	struct counts before;
	bud_actor cl, w, prov;
	json_t *v;
	bud_err e;

	fx_actor(f, FX_CLIENT, &cl);
	fx_actor(f, FX_WORKER, &w);
	fx_actor(f, FX_PROVIDER, &prov);
	assert_int_equal(record(state, FX_PROVIDER, cm, "2025-07-01", 100, "S-1", &a, &e), 0);
	assert_int_equal(record(state, FX_PROVIDER, cm, "2025-07-02", 100, "S-2", &b, &e), 0);
	assert_int_equal(record(state, FX_PROVIDER, cm, "2025-07-03", 100, "S-3", &c, &e), 0);

	v = get(state, FX_CLIENT, b);
	assert_string_equal(str(v, "dispute_until"), "2025-08-08");
	assert_string_equal(str(v, "effective_state"), "recorded");
	assert_false(json_is_true(json_object_get(v, "payable")));
	assert_true(json_is_true(json_object_get(json_object_get(v, "can"), "dispute")));
	json_decref(v);

	assert_int_equal(bud_event_confirm(&f->app, &cl, a, &e), BUD_OK);
	counts(state, &before);
	assert_int_equal(bud_event_dispute(&f->app, &cl, a, "Ei käynyt", &e), BUD_ECONFLICT);
	assert_int_equal(bud_event_dispute(&f->app, &cl, b, "", &e), BUD_EINVAL);
	assert_string_equal(e.field, "reason");
	assert_int_equal(bud_event_dispute(&f->app, &prov, b, "x", &e), BUD_EFORBIDDEN);
	same_counts(state, &before);
	assert_int_equal(bud_event_dispute(&f->app, &cl, b, "Avustaja ei tullut.", &e),
			 BUD_OK);
	v = get(state, FX_CLIENT, b);
	assert_true(json_is_true(json_object_get(v, "held")));
	json_decref(v);
	/* the disputed day takes no other event, under any id */
	counts(state, &before);
	assert_int_equal(record(state, FX_PROVIDER, cm, "2025-07-02", 100, "S-2b", NULL, &e),
			 BUD_ECONFLICT);
	assert_string_equal(e.key, "err.event.disputed_day");
	assert_string_equal(e.field, "on_date");
	same_counts(state, &before);

	/* a worker upholds: b leaves the month's sum, so 8 days fit again */
	assert_int_equal(bud_event_resolve(&f->app, &cl, b, 1, "x", &e), BUD_EFORBIDDEN);
	assert_int_equal(bud_event_resolve(&f->app, &w, b, 1, "", &e), BUD_EINVAL);
	assert_int_equal(bud_event_resolve(&f->app, &w, b, 1, "Asiakas oli sairaana.", &e),
			 BUD_OK);
	assert_int_equal(bud_event_resolve(&f->app, &w, b, 0, "x", &e), BUD_ECONFLICT);
	assert_int_equal(record(state, FX_PROVIDER, cm, "2025-07-04", 600, "S-4", NULL, &e), 0);
	/* upheld: the day stays closed */
	assert_int_equal(record(state, FX_PROVIDER, cm, "2025-07-02", 100, "S-2c", NULL, &e),
			 BUD_ECONFLICT);
	assert_string_equal(bud_event_code(&e), "disputed_day");

	/* after the window: c counts as confirmed, a dispute is too late */
	f->app.now_override = T_JUL25 + 15 * DAY;
	v = get(state, FX_CLIENT, c);
	assert_string_equal(str(v, "effective_state"), "confirmed_by_default");
	assert_true(json_is_true(json_object_get(v, "payable")));
	assert_false(json_is_true(json_object_get(json_object_get(v, "can"), "dispute")));
	json_decref(v);
	counts(state, &before);
	assert_int_equal(bud_event_dispute(&f->app, &cl, c, "Myöhässä", &e), BUD_ECONFLICT);
	assert_string_equal(e.key, "err.event.window_passed");
	same_counts(state, &before);
	assert_int_equal(q(state, "SELECT count(*) FROM service_event_history "
			   "WHERE state IN ('confirmed', 'disputed', 'upheld')"), 3);
	assert_check_clean(state, 0);
	/* a usage that no longer matches its events is found */
	assert_int_equal(fx_raw_exec(f, "UPDATE service_usage SET quantity = quantity + 1"), 0);
	assert_check_clean(state, 1);
}

/* A provider sees its own events only, each client a disclosure row;
 * the client's list is a use-log read; the window is the admin's. */
static void test_reads(void **state)
{
	struct fx *f = *state;
	int64_t cm = commitment(state, 1), id = 0;
	struct bud_page pg = {.limit = 1};
	bud_actor prov, other, cl, w2, adm;
	json_t *v = NULL;
	char *dump;
	struct bud_settings set = {0};
	bud_err e;

	fx_actor(f, FX_PROVIDER, &prov);
	actor(f, 20, &other);
	fx_actor(f, FX_CLIENT, &cl);
	fx_actor(f, FX_WORKER2, &w2);
	fx_actor(f, FX_ADMIN, &adm);
	assert_int_equal(record(state, FX_PROVIDER, cm, "2025-07-01", 100, "R-1", &id, &e), 0);
	assert_int_equal(record(state, FX_PROVIDER, cm, "2025-07-02", 100, "R-2", &id, &e), 0);
	assert_int_equal(bud_event_list_provider(&f->app, &prov, 0, &pg, &v, &e), BUD_OK);
	assert_int_equal(json_array_size(v), 1);
	assert_int_equal(pg.next, id);
	dump = json_dumps(v, 0);
	assert_null(strstr(dump, "hetu"));
	free(dump);
	json_decref(v);
	assert_int_equal(q(state, "SELECT count(*) FROM uselog WHERE action = 'disclose' "
			   "AND recipient = 'provider:1'"), 1);
	pg = (struct bud_page){.limit = 10};
	assert_int_equal(bud_event_list_provider(&f->app, &other, 0, &pg, &v, &e), BUD_OK);
	assert_int_equal(json_array_size(v), 0);
	json_decref(v);
	assert_int_equal(bud_event_get(&f->app, &other, id, &v, &e), BUD_ENOTFOUND);

	assert_int_equal(bud_event_list_client(&f->app, &cl, 1, &pg, &v, &e), BUD_OK);
	assert_int_equal(json_array_size(v), 2);
	json_decref(v);
	assert_int_equal(q(state, "SELECT count(*) FROM uselog WHERE action = 'read' "
			   "AND client_id = 1 AND object LIKE 'service_event:%'"), 1);
	assert_int_equal(bud_event_list_client(&f->app, &w2, 1, &pg, &v, &e), BUD_ENOTFOUND);

	set.dispute_days = 366;
	assert_int_equal(bud_settings_set(&f->app, &adm, &set, &e), BUD_EINVAL);
	assert_string_equal(e.field, "dispute_days");
	set.dispute_days = 30;
	assert_int_equal(bud_settings_set(&f->app, &cl, &set, &e), BUD_EFORBIDDEN);
	assert_int_equal(bud_settings_set(&f->app, &adm, &set, &e), BUD_OK);
	assert_int_equal(bud_settings_get(&f->app, &adm, &v, &e), BUD_OK);
	assert_int_equal(json_integer_value(json_object_get(v, "dispute_days")), 30);
	json_decref(v);
	v = get(state, FX_CLIENT, id);
	assert_string_equal(str(v, "dispute_until"), "2025-08-24");
	json_decref(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_record, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_refusals, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_batch, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_csv, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_client_say, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_reads, setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
