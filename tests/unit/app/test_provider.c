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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_approved_on_date, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_approved_pages, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_approved_refusals, setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
