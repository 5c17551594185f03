/*
 * tests/unit/app/test_care_events.c: a care system's bulk send of service
 * events (app/care_events.h): the rows of a JSON body, each malformed row
 * refused on its own with the field named, the
 * refusals of a whole send, the answer of each row (in the language
 * asked), and sends (JSON, and the provider's CSV through app/event.h)
 * through the write unit where a bad row never stops the good ones and a
 * re-send is all duplicates.
 *
 * Setup as test_event.c: client 1 (Kerava), provider 1 approved for day
 * activities there, a line of 8 days a month chosen 2025-07-01..12-31
 * and accepted; the clock at 2025-07-25.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "app/apikey.h"
#include "app/care_events.h"
#include "app/commitment.h"
#include "app/plan.h"
#include "app_fixture.h"

#define T_JUL25 INT64_C(1753444800)	/* 2025-07-25 12:00:00 UTC */

static const char world_sql[] =
	"INSERT INTO offer (id, client_id, offered_on, created_by, created_at) VALUES"
	" (1, 1, '2025-06-01', 2, 0);"
	"INSERT INTO offer_service (offer_id, service_id) VALUES (1, 2);"
	"INSERT INTO offer_answer (id, offer_id, answer, answered_by, answered_at)"
	" VALUES (1, 1, 'all', 2, 0);"
	"UPDATE client SET municipality = 'Kerava' WHERE id = 1;"
	"INSERT INTO approval (id, provider_id, service_id, municipality, state,"
	" effective, created_at) VALUES (1, 1, 2, 'Kerava', 'approved', '2025-01-01', 0);";

static int setup(void **state)
{
	if (fx_setup(state) != 0)
		return -1;
	return fx_raw_exec(*state, world_sql);
}

static json_t *parse(const char *text)
{
	json_error_t je;
	json_t *v = json_loads(text, 0, &je);

	assert_non_null(v);
	return v;
}

/* JSON rows: each well-formed one kept, each malformed one refused with
 * its field, numbered from 1. */
static void test_json_rows(void **state)
{
	json_t *body = parse("{\"events\": ["
		"{\"commitment_id\": 4, \"on_date\": \"2025-07-02\", \"quantity\": 2.5,"
		" \"external_id\": \"a\", \"note\": \"Uimahalli\"},"
		"{\"commitment_id\": 4, \"on_date\": \"2025-07-03\", \"quantity\": 1,"
		" \"external_id\": \"b\", \"note\": null},"
		"{\"commitment_id\": \"4\", \"on_date\": \"2025-07-03\", \"quantity\": 1, \"external_id\": \"c\"},"
		"{\"commitment_id\": 4, \"on_date\": \"2025-07-03T10:00\", \"quantity\": 1, \"external_id\": \"d\"},"
		"{\"commitment_id\": 4, \"on_date\": \"2025-07-03\", \"quantity\": \"1\", \"external_id\": \"e\"},"
		"{\"commitment_id\": 4, \"on_date\": \"2025-07-03\", \"quantity\": 1.005, \"external_id\": \"f\"},"
		"{\"commitment_id\": 4, \"on_date\": \"2025-07-03\", \"quantity\": 1, \"external_id\": 7},"
		"{\"commitment_id\": 4, \"on_date\": \"2025-07-03\", \"quantity\": 1, \"extra\": 1}]}");
	static const char *const field[] = {NULL, NULL, "commitment_id", "on_date",
		"quantity", "quantity", "external_id", "extra"};
	struct bud_care_batch b;
	bud_err e;
	size_t i;

	(void)state;
	assert_int_equal(bud_care_parse_json(body, &b, &e), BUD_OK);
	assert_int_equal(b.n, 8);
	for (i = 0; i < b.n; i++) {
		assert_int_equal(b.rows[i].number, i + 1);
		assert_int_equal(b.rows[i].wellformed, field[i] == NULL);
		if (field[i]) {
			assert_string_equal(b.rows[i].res.code, "invalid");
			assert_string_equal(b.rows[i].res.err.field, field[i]);
		}
	}
	assert_int_equal(b.rows[0].in.quantity, 250);
	assert_int_equal(b.rows[0].in.commitment_id, 4);
	assert_string_equal(b.rows[0].in.on_date, "2025-07-02");
	assert_string_equal(b.rows[0].in.note, "Uimahalli");
	assert_string_equal(b.rows[0].external_id, "a");
	assert_null(b.rows[1].in.note);
	assert_int_equal(b.rows[1].in.quantity, 100);
	bud_care_batch_release(&b);
	json_decref(body);
}

/* What refuses a whole send. */
static void test_json_send_refusals(void **state)
{
	struct bud_care_batch b;
	json_t *body, *arr;
	bud_err e;
	int i;

	(void)state;
	body = parse("{\"events\": []}");
	assert_int_equal(bud_care_parse_json(body, &b, &e), BUD_EINVAL);
	assert_string_equal(e.key, "err.care.empty");
	bud_care_batch_release(&b);
	json_decref(body);
	body = parse("{\"events\": {\"commitment_id\": 1}}");
	assert_int_equal(bud_care_parse_json(body, &b, &e), BUD_EINVAL);
	assert_string_equal(e.field, "events");
	bud_care_batch_release(&b);
	json_decref(body);
	body = parse("{\"events\": [1]}");
	assert_int_equal(bud_care_parse_json(body, &b, &e), BUD_EINVAL);
	assert_string_equal(e.key, "err.care.rows");
	bud_care_batch_release(&b);
	json_decref(body);
	body = parse("{\"rows\": []}");
	assert_int_equal(bud_care_parse_json(body, &b, &e), BUD_EINVAL);
	bud_care_batch_release(&b);
	json_decref(body);
	arr = json_array();
	for (i = 0; i <= BUD_EVENT_BATCH_MAX; i++)
		json_array_append_new(arr, json_object());
	body = json_pack("{s:o}", "events", arr);
	assert_int_equal(bud_care_parse_json(body, &b, &e), BUD_ETOOBIG);
	assert_string_equal(e.field, "events");
	bud_care_batch_release(&b);
	json_decref(body);
}

/* The answer of each row, with counts, in the language asked. */
static void test_answer(void **state)
{
	struct bud_care_row rows[3];
	struct bud_care_batch b = {3, rows};
	json_t *fi, *sv, *r;

	(void)state;
	memset(rows, 0, sizeof(rows));
	rows[0] = (struct bud_care_row){.number = 1, .external_id = "a",
		.res = {.rc = BUD_OK, .id = 11, .code = "accepted"}};
	rows[1] = (struct bud_care_row){.number = 2, .external_id = "b",
		.res = {.rc = BUD_ECONFLICT, .id = 9, .code = "duplicate"}};
	bud_err_set(&rows[1].res.err, BUD_ECONFLICT, "external_id", "err.event.duplicate", "dup");
	rows[2] = (struct bud_care_row){.number = 3,
		.res = {.rc = BUD_ECONFLICT, .id = 0, .code = "over_quantity"}};
	bud_err_set(&rows[2].res.err, BUD_ECONFLICT, "quantity", "err.event.over_quantity", "over");
	fi = bud_care_answer(&b, "fi");
	sv = bud_care_answer(&b, "sv");
	assert_int_equal(json_integer_value(json_object_get(fi, "accepted")), 1);
	assert_int_equal(json_integer_value(json_object_get(fi, "duplicates")), 1);
	assert_int_equal(json_integer_value(json_object_get(fi, "refused")), 1);
	r = json_array_get(json_object_get(fi, "rows"), 0);
	assert_string_equal(json_string_value(json_object_get(r, "status")), "accepted");
	assert_int_equal(json_integer_value(json_object_get(r, "id")), 11);
	assert_true(json_is_null(json_object_get(r, "code")));
	assert_true(json_is_null(json_object_get(r, "message")));
	r = json_array_get(json_object_get(fi, "rows"), 1);
	assert_string_equal(json_string_value(json_object_get(r, "status")), "duplicate");
	assert_int_equal(json_integer_value(json_object_get(r, "id")), 9);
	r = json_array_get(json_object_get(fi, "rows"), 2);
	assert_string_equal(json_string_value(json_object_get(r, "status")), "refused");
	assert_true(json_is_null(json_object_get(r, "id")));
	assert_true(json_is_null(json_object_get(r, "external_id")));
	assert_string_equal(json_string_value(json_object_get(r, "code")), "over_quantity");
	assert_string_equal(json_string_value(json_object_get(r, "field")), "quantity");
	assert_string_not_equal(json_string_value(json_object_get(r, "message")),
		json_string_value(json_object_get(json_array_get(json_object_get(sv, "rows"), 2),
						  "message")));
	json_decref(fi);
	json_decref(sv);
}

/* An accepted commitment of client 1 with provider 1; clock 2025-07-25. */
static int64_t commitment(struct fx *f)
{
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
	assert_int_equal(bud_commitment_accept(&f->app, &prov, id, &e), BUD_OK);
	f->app.now_override = T_JUL25;
	return id;
}

/* The good rows written in one unit whatever the bad ones (a JSON send
 * and the CSV a provider uploads), the same send again all duplicates, a
 * key without the scope refused. */
static void test_send(void **state)
{
	struct fx *f = *state;
	int64_t cm = commitment(f);
	char csv[512], text[1024];
	struct bud_care_batch b;
	json_t *body;
	bud_actor prov;
	bud_err e;
	int n;

	snprintf(text, sizeof(text), "{\"events\": ["
		 "{\"commitment_id\": %lld, \"on_date\": \"2025-07-02\", \"quantity\": 1, \"external_id\": \"j-1\"},"
		 "{\"commitment_id\": %lld, \"on_date\": \"2025-07-03\", \"quantity\": \"x\", \"external_id\": \"j-2\"},"
		 "{\"commitment_id\": %lld, \"on_date\": \"2025-07-04\", \"quantity\": 9, \"external_id\": \"j-3\"},"
		 "{\"commitment_id\": %lld, \"on_date\": \"2025-07-05\", \"quantity\": 1, \"external_id\": \"j-4\"},"
		 "{\"commitment_id\": %lld, \"on_date\": \"2025-07-06\", \"quantity\": 1, \"external_id\": \"j-5\"}]}",
		 (long long)cm, (long long)cm, (long long)cm, (long long)cm, (long long)cm + 50);
	body = parse(text);
	fx_actor(f, FX_PROVIDER, &prov);
	assert_int_equal(bud_care_parse_json(body, &b, &e), BUD_OK);
	assert_int_equal(bud_care_send(&f->app, &prov, &b, &e), BUD_OK);
	assert_int_equal(b.rows[0].res.rc, BUD_OK);
	assert_string_equal(b.rows[1].res.code, "invalid");
	assert_string_equal(b.rows[2].res.code, "over_quantity");
	assert_int_equal(b.rows[3].res.rc, BUD_OK);
	assert_string_equal(b.rows[4].res.code, "not_provider");
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM service_event"), 2);
	assert_int_equal(bud_care_send(&f->app, &prov, &b, &e), BUD_OK);
	assert_string_equal(b.rows[0].res.code, "duplicate");
	assert_string_equal(b.rows[3].res.code, "duplicate");
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM service_event"), 2);
	prov.api_key_id = 1;
	prov.scopes = BUD_SCOPE_COMMITMENTS_READ;
	assert_int_equal(bud_care_send(&f->app, &prov, &b, &e), BUD_EFORBIDDEN);
	bud_care_batch_release(&b);
	json_decref(body);

	n = snprintf(csv, sizeof(csv), "commitment;date;quantity;note;external id\n"
		     "%lld;2025-07-07;1,5;;c-1\n%lld;7.7.2025;1;;c-2\n%lld;2025-07-02;1;;j-1\n",
		     (long long)cm, (long long)cm, (long long)cm);
	assert_int_equal(bud_care_send_csv(&f->app, &prov, csv, (size_t)n, &b, &e),
			 BUD_EFORBIDDEN);
	bud_care_batch_release(&b);
	fx_actor(f, FX_PROVIDER, &prov);
	assert_int_equal(bud_care_send_csv(&f->app, &prov, csv, (size_t)n, &b, &e), BUD_OK);
	assert_int_equal(b.n, 3);
	assert_int_equal(b.rows[0].number, 2);
	assert_int_equal(b.rows[0].res.rc, BUD_OK);
	assert_int_equal(b.rows[1].number, 3);
	assert_string_equal(b.rows[1].res.err.field, "on_date");
	assert_string_equal(b.rows[2].res.code, "duplicate");	/* j-1 of the JSON */
	bud_care_batch_release(&b);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM service_event"), 3);
	fx_actor(f, FX_WORKER, &prov);
	assert_int_equal(bud_care_send_csv(&f->app, &prov, csv, (size_t)n, &b, &e),
			 BUD_EFORBIDDEN);
	bud_care_batch_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_rows),
		cmocka_unit_test(test_json_send_refusals),
		cmocka_unit_test(test_answer),
		cmocka_unit_test_setup_teardown(test_send, setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
