/*
 * Unit tests for app/provider.c: the list of providers approved for a
 * service in a municipality on a date (approved from a day, a suspension
 * that takes effect later, another municipality, another organiser), its
 * price on the date, languages and locations, paging, and the refusals
 * naming the field.
 *
 * Fixture (app_fixture.h): provider 1 "Apu Oy" of organiser 1; the
 * approvals, prices and locations are planted here.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "app/provider.h"
#include "app_fixture.h"

static const char market_sql[] =
	"UPDATE provider SET languages = 'fi,sv', kind = 'company', "
	" phone = '09 123 4567' WHERE id = 1;"
	"INSERT INTO provider (id, organiser_id, name, ytunnus, languages, created_at) VALUES"
	" (2, 1, 'Bästa Hjälp Ab', '2222222-2', 'sv', 0),"
	" (3, 1, 'Cura ry', '3333333-3', 'fi', 0),"
	" (4, 2, 'Länsi Apu Oy', '4444444-4', 'fi', 0);"
	"INSERT INTO approval (id, provider_id, service_id, municipality, state, effective, created_at) VALUES"
	" (1, 1, 1, 'Porvoo', 'approved', '2025-01-01', 0),"
	" (2, 2, 1, 'Porvoo', 'suspended', '2025-07-01', 0),"
	" (3, 3, 1, 'Porvoo', 'approved', '2025-08-01', 0),"
	" (4, 1, 1, 'Loviisa', 'approved', '2025-01-01', 0),"
	" (5, 4, 1, 'Porvoo', 'approved', '2025-01-01', 0);"
	"INSERT INTO approval_event (approval_id, state, effective, at) VALUES"
	" (2, 'applied', '', 0), (2, 'approved', '2025-02-01', 1),"
	" (2, 'suspended', '2025-07-01', 2);"
	"INSERT INTO provider_price (provider_id, service_id, unit, unit_price, valid_from, created_at) VALUES"
	" (1, 1, 'hour', 3200, '2025-01-01', 0), (1, 1, 'hour', 3400, '2025-07-01', 0);"
	"INSERT INTO provider_location (provider_id, name, address, municipality, step_free, hearing_loop) VALUES"
	" (1, 'Toimisto', 'Mannerheiminkatu 1', 'Porvoo', 1, 0);";

static int setup(void **state)
{
	struct fx *f;

	if (fx_setup(state))
		return -1;
	f = *state;
	return fx_raw_exec(f, market_sql);
}

static json_t *approved(struct fx *f, const char *service, const char *mun,
			const char *date, int limit, int64_t at, int want,
			bud_err *err, struct bud_page *pg)
{
	json_t *out = NULL;
	bud_actor a;

	fx_actor(f, FX_WORKER, &a);
	bud_err_clear(err);
	pg->limit = limit;
	pg->at = at;
	pg->next = 0;
	assert_int_equal(bud_provider_list_approved(&f->app, &a, service, mun,
						    date, pg, &out, err), want);
	return out;
}

static const char *name_at(json_t *l, size_t i)
{
	return json_string_value(json_object_get(json_array_get(l, i), "name"));
}

static void test_approved_on_date(void **state)
{
	struct fx *f = *state;
	struct bud_page pg;
	bud_err err;
	json_t *l, *it, *loc;

	/* June: Apu approved, Bästa approved until its suspension in July,
	 * Cura not yet; organiser 2's provider never. */
	l = approved(f, "personal_assistance", "Porvoo", "2025-06-15", 50, 0,
		     BUD_OK, &err, &pg);
	assert_int_equal(json_array_size(l), 2);
	assert_string_equal(name_at(l, 0), "Apu Oy");
	assert_string_equal(name_at(l, 1), "Bästa Hjälp Ab");
	it = json_array_get(l, 0);
	assert_int_equal(json_integer_value(json_object_get(
		json_object_get(it, "price"), "unit_price")), 3200);
	assert_string_equal(json_string_value(json_array_get(
		json_object_get(it, "languages"), 1)), "sv");
	loc = json_array_get(json_object_get(it, "locations"), 0);
	assert_true(json_is_true(json_object_get(loc, "step_free")));
	assert_true(json_is_false(json_object_get(loc, "hearing_loop")));
	assert_true(json_is_null(json_object_get(json_array_get(l, 1), "price")));
	assert_int_equal(pg.next, 0);
	json_decref(l);

	/* August: the suspension holds, Cura's approval has begun, the new price. */
	l = approved(f, "1", "Porvoo", "2025-08-15", 50, 0, BUD_OK, &err, &pg);
	assert_int_equal(json_array_size(l), 2);
	assert_string_equal(name_at(l, 0), "Apu Oy");
	assert_string_equal(name_at(l, 1), "Cura ry");
	assert_int_equal(json_integer_value(json_object_get(json_object_get(
		json_array_get(l, 0), "price"), "unit_price")), 3400);
	json_decref(l);
}

static void test_approved_pages(void **state)
{
	struct fx *f = *state;
	struct bud_page pg;
	bud_err err;
	json_t *l;

	l = approved(f, "personal_assistance", "Porvoo", "2025-08-15", 1, 0,
		     BUD_OK, &err, &pg);
	assert_int_equal(json_array_size(l), 1);
	assert_int_equal(pg.next, 1);
	json_decref(l);
	l = approved(f, "personal_assistance", "Porvoo", "2025-08-15", 1, 1,
		     BUD_OK, &err, &pg);
	assert_string_equal(name_at(l, 0), "Cura ry");
	assert_int_equal(pg.next, 0);
	json_decref(l);
	l = approved(f, "transport", "Porvoo", "2025-08-15", 10, 0, BUD_OK, &err, &pg);
	assert_int_equal(json_array_size(l), 0);
	json_decref(l);
}

static void test_approved_refusals(void **state)
{
	struct fx *f = *state;
	struct bud_page pg;
	bud_err err;

	assert_null(approved(f, "no_such", "Porvoo", NULL, 10, 0, BUD_EINVAL, &err, &pg));
	assert_string_equal(err.field, "service");
	assert_string_equal(err.key, "err.provider.service");
	assert_null(approved(f, "personal_assistance", "", NULL, 10, 0, BUD_EINVAL, &err, &pg));
	assert_string_equal(err.field, "municipality");
	assert_null(approved(f, "personal_assistance", "Porvoo", "2025-13-01", 10, 0,
			     BUD_EINVAL, &err, &pg));
	assert_string_equal(err.field, "date");
}

/* ---- the register ---- */

static void valid_in(struct bud_provider_in *in)
{
	memset(in, 0, sizeof(*in));
	in->kind = "association";
	in->name = "Tukena ry";
	in->ytunnus = "9304816-8";
	in->iban = "FI9657413000098761";
	in->bic = "OKOYFIHH";
	in->ovt = "003793048168";
	in->email = "info@tukena.example";
	in->set_languages = 1;
	in->languages[0] = "fi";
	in->languages[1] = "sv";
	in->nlanguages = 2;
	in->set_areas = 1;
	in->areas[0] = "Porvoo";
	in->nareas = 1;
	in->set_locations = 1;
	in->locations[0] = (struct bud_provider_location_in){"Keskus", "Aleksanterinkatu 1",
		"Porvoo", "", 1, 1, 0, 1};
	in->nlocations = 1;
	in->prices[0] = (struct bud_provider_price_in){"personal_assistance", "hour", 3100,
		"2025-01-01"};
	in->nprices = 1;
}

static int create(struct fx *f, int64_t uid, const struct bud_provider_in *in,
		  int64_t *id, bud_err *err)
{
	bud_actor a;

	fx_actor(f, uid, &a);
	bud_err_clear(err);
	return bud_provider_create(&f->app, &a, in, id, err);
}

static void test_create_and_read(void **state)
{
	struct fx *f = *state;
	struct bud_provider_in in;
	json_t *v = NULL;
	bud_actor a;
	bud_err err;
	int64_t id = 0;

	valid_in(&in);
	assert_int_equal(create(f, FX_WORKER, &in, &id, &err), BUD_OK);
	fx_actor(f, FX_WORKER, &a);
	assert_int_equal(bud_provider_get(&f->app, &a, id, &v, &err), BUD_OK);
	assert_string_equal(json_string_value(json_object_get(v, "kind")), "association");
	assert_string_equal(json_string_value(json_object_get(v, "ovt")), "003793048168");
	assert_string_equal(json_string_value(json_array_get(json_object_get(v, "areas"), 0)), "Porvoo");
	assert_int_equal(json_integer_value(json_object_get(json_array_get(
		json_object_get(v, "prices"), 0), "unit_price")), 3100);
	assert_true(json_is_true(json_object_get(json_array_get(
		json_object_get(v, "locations"), 0), "hearing_loop")));
	json_decref(v);
	/* the fixture's provider user sees its own provider only */
	fx_actor(f, FX_PROVIDER, &a);
	assert_int_equal(bud_provider_get(&f->app, &a, id, &v, &err), BUD_ENOTFOUND);
	assert_int_equal(bud_provider_get(&f->app, &a, 1, &v, &err), BUD_OK);
	json_decref(v);
	/* organiser 2's decision maker does not see organiser 1's */
	fx_actor(f, FX_DM2, &a);
	assert_int_equal(bud_provider_get(&f->app, &a, id, &v, &err), BUD_ENOTFOUND);
	fx_actor(f, FX_CLIENT, &a);
	assert_int_equal(bud_provider_get(&f->app, &a, id, &v, &err), BUD_EFORBIDDEN);
}

/* Each bad identifier is refused naming its field, and nothing is written. */
static void test_create_refusals(void **state)
{
	struct fx *f = *state;
	static const struct { const char *field, *value; } bad[] = {
		{"ytunnus", "9304816-9"}, {"iban", "FI9657413000098762"},
		{"bic", "OKOY"}, {"ovt", "003793048169"}, {"kind", "cooperative"},
		{"email", "tukena.example"},
	};
	struct bud_provider_in in;
	int64_t before = fx_raw_int(f, "SELECT count(*) FROM provider");
	bud_err err;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		valid_in(&in);
		if (strcmp(bad[i].field, "ytunnus") == 0) in.ytunnus = bad[i].value;
		if (strcmp(bad[i].field, "iban") == 0) in.iban = bad[i].value;
		if (strcmp(bad[i].field, "bic") == 0) in.bic = bad[i].value;
		if (strcmp(bad[i].field, "ovt") == 0) in.ovt = bad[i].value;
		if (strcmp(bad[i].field, "kind") == 0) in.kind = bad[i].value;
		if (strcmp(bad[i].field, "email") == 0) in.email = bad[i].value;
		assert_int_equal(create(f, FX_WORKER, &in, NULL, &err), BUD_EINVAL);
		assert_string_equal(err.field, bad[i].field);
	}
	valid_in(&in);
	assert_int_equal(fx_raw_exec(f, "UPDATE provider SET ytunnus = '9304816-8' "
				     "WHERE id = 3"), 0);
	assert_int_equal(create(f, FX_WORKER, &in, NULL, &err), BUD_ECONFLICT);
	assert_string_equal(err.field, "ytunnus");
	assert_int_equal(create(f, FX_FINANCE, &in, NULL, &err), BUD_EFORBIDDEN);
	assert_int_equal(create(f, FX_PROVIDER, &in, NULL, &err), BUD_EFORBIDDEN);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM provider"), before);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM provider_area"), 0);
}

static void test_update_own_admin(void **state)
{
	struct fx *f = *state;
	struct bud_provider_in in;
	bud_actor a;
	bud_err err;

	memset(&in, 0, sizeof(in));
	in.phone = "040 111 2222";
	fx_actor(f, FX_PROVIDER, &a);
	assert_int_equal(bud_provider_update(&f->app, &a, 1, &in, &err), BUD_EFORBIDDEN);
	assert_int_equal(fx_raw_exec(f, "UPDATE user SET provider_admin = 1 WHERE id = 6"), 0);
	assert_int_equal(bud_provider_update(&f->app, &a, 1, &in, &err), BUD_OK);
	assert_int_equal(bud_provider_update(&f->app, &a, 2, &in, &err), BUD_ENOTFOUND);
	in.iban = "FI00";
	fx_actor(f, FX_WORKER, &a);
	assert_int_equal(bud_provider_update(&f->app, &a, 1, &in, &err), BUD_EINVAL);
	assert_string_equal(err.field, "iban");
	assert_int_equal(fx_raw_int(f, "SELECT phone = '040 111 2222' AND iban IS NULL "
				    "FROM provider WHERE id = 1"), 1);
}

/* Locations given without set_locations are added, up to the limit;
 * past it the whole change is refused. */
static void test_locations_added(void **state)
{
	struct fx *f = *state;
	struct bud_provider_in in;
	bud_actor a;
	bud_err err;
	int i;

	fx_actor(f, FX_WORKER, &a);
	memset(&in, 0, sizeof(in));
	in.locations[0] = (struct bud_provider_location_in){"Toinen", "Katu 2", "Porvoo",
		NULL, 0, 1, 0, 0};
	in.nlocations = 1;
	for (i = 1; i < BUD_PROVIDER_LOCATIONS_MAX; i++)
		assert_int_equal(bud_provider_update(&f->app, &a, 1, &in, &err), BUD_OK);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM provider_location "
				    "WHERE provider_id = 1"), BUD_PROVIDER_LOCATIONS_MAX);
	in.phone = "09 765 4321";
	assert_int_equal(bud_provider_update(&f->app, &a, 1, &in, &err), BUD_ETOOBIG);
	assert_string_equal(err.field, "locations");
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM provider_location "
				    "WHERE provider_id = 1"), BUD_PROVIDER_LOCATIONS_MAX);
	assert_int_equal(fx_raw_int(f, "SELECT phone = '09 765 4321' FROM provider WHERE id = 1"), 0);
}

/* ---- approvals ---- */

static int decide(struct fx *f, int64_t uid, int64_t id, const char *to,
		  const char *reason, const char *date, bud_err *err)
{
	bud_actor a;

	fx_actor(f, uid, &a);
	bud_err_clear(err);
	return bud_approval_decide(&f->app, &a, id, to, reason, date, NULL, err);
}

static void test_approval_steps(void **state)
{
	struct fx *f = *state;
	struct bud_page pg;
	int64_t id = 0;
	bud_actor a;
	bud_err err;
	json_t *l;

	fx_actor(f, FX_WORKER, &a);
	assert_int_equal(bud_provider_apply(&f->app, &a, 3, "transport", "Sipoo",
					    &id, &err), BUD_OK);
	assert_int_equal(bud_provider_apply(&f->app, &a, 3, "transport", "Sipoo",
					    NULL, &err), BUD_ECONFLICT);
	assert_int_equal(decide(f, FX_WORKER, id, "rejected", "", NULL, &err), BUD_EINVAL);
	assert_string_equal(err.field, "reason");
	assert_int_equal(decide(f, FX_DM, id, "approved", NULL, NULL, &err), BUD_EFORBIDDEN);
	assert_int_equal(decide(f, FX_WORKER, id, "suspended", "x", "2025-07-01", &err),
			 BUD_ECONFLICT);
	assert_string_equal(err.field, "state");
	assert_int_equal(decide(f, FX_WORKER, id, "approved", NULL, "2025-06-01", &err), BUD_OK);
	l = approved(f, "transport", "Sipoo", "2025-06-15", 10, 0, BUD_OK, &err, &pg);
	assert_int_equal(json_array_size(l), 1);
	json_decref(l);
	assert_int_equal(decide(f, FX_WORKER, id, "withdrawn", "Ei ehtoja", NULL, &err),
			 BUD_EINVAL);
	assert_string_equal(err.field, "effective");
	assert_int_equal(decide(f, FX_WORKER, id, "withdrawn", "Ei ehtoja", "2025-07-01", &err),
			 BUD_OK);
	l = approved(f, "transport", "Sipoo", "2025-06-15", 10, 0, BUD_OK, &err, &pg);
	assert_int_equal(json_array_size(l), 1);	/* before the date */
	json_decref(l);
	l = approved(f, "transport", "Sipoo", "2025-07-01", 10, 0, BUD_OK, &err, &pg);
	assert_int_equal(json_array_size(l), 0);
	json_decref(l);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM approval_event "
				    "WHERE approval_id = (SELECT max(id) FROM approval)"), 3);
	/* a provider user may not decide, nor apply for another provider */
	assert_int_equal(decide(f, FX_PROVIDER, id, "approved", NULL, NULL, &err), BUD_EFORBIDDEN);
	fx_actor(f, FX_PROVIDER, &a);
	assert_int_equal(bud_provider_apply(&f->app, &a, 3, "transport", "Porvoo",
					    NULL, &err), BUD_ENOTFOUND);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_approved_on_date, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_approved_pages, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_approved_refusals, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_create_and_read, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_create_refusals, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_update_own_admin, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_locations_added, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_approval_steps, setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
