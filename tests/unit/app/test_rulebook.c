/*
 * tests/unit/app/test_rulebook.c: rulebook versions (who adds them, their
 * dates and parts), acceptance by the provider's admin only, of the
 * version in force or an upcoming one, once; the history; and the
 * register's flags for a provider that has not accepted the newest. Each
 * refusal is shown to write nothing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "app/provider.h"
#include "app/rulebook.h"
#include "core/page.h"
#include "app_fixture.h"

static int64_t q(struct fx *f, const char *sql)
{
	return fx_raw_int(f, sql);
}

static int add(struct fx *f, int64_t uid, const char *day, const char *service,
	       int64_t *id, bud_err *e)
{
	struct bud_rulebook_in in = {.effective_on = day,
		.general_fi = "Yleiset ehdot.", .general_sv = "Allmänna villkor.",
		.parts = {{service, "Päivätoiminnan ehdot.", "Villkor för dagverksamhet."}},
		.nparts = service ? 1 : 0};
	bud_actor a;

	fx_actor(f, uid, &a);
	bud_err_clear(e);
	return bud_rulebook_add(&f->app, &a, &in, id, e);
}

static int accept(struct fx *f, int64_t id, bud_err *e)
{
	bud_actor a;

	fx_actor(f, FX_PROVIDER, &a);
	bud_err_clear(e);
	return bud_rulebook_accept(&f->app, &a, 1, id, e);
}

/* The rulebook view of provider 1 as its own user. */
static json_t *own_view(struct fx *f)
{
	json_t *v = NULL, *rb;
	bud_actor a;
	bud_err e;

	fx_actor(f, FX_PROVIDER, &a);
	assert_int_equal(bud_provider_get(&f->app, &a, 1, &v, &e), BUD_OK);
	rb = json_incref(json_object_get(v, "rulebook"));
	json_decref(v);
	assert_non_null(rb);
	return rb;
}

/* Provider 1's row of the register, as the worker sees it. */
static json_t *register_row(struct fx *f)
{
	struct bud_page pg = {.limit = 50};
	json_t *items = NULL, *row = NULL, *it;
	bud_actor a;
	bud_err e;
	size_t i;

	fx_actor(f, FX_WORKER, &a);
	assert_int_equal(bud_provider_list(&f->app, &a, &pg, &items, &e), BUD_OK);
	json_array_foreach(items, i, it)
		if (json_integer_value(json_object_get(it, "id")) == 1)
			row = json_incref(it);
	json_decref(items);
	assert_non_null(row);
	return row;
}

static void test_versions(void **state)
{
	struct fx *f = *state;
	int64_t id = 0, id2 = 0;
	json_t *list = NULL, *v;
	bud_actor w;
	bud_err e;

	assert_int_equal(add(f, FX_WORKER, "2025-06-15", "day_activities", &id, &e), BUD_OK);
	assert_int_equal(add(f, FX_PROVIDER, "2025-07-01", NULL, &id2, &e), BUD_EFORBIDDEN);
	assert_int_equal(add(f, FX_ADMIN, "2025-06-14", NULL, &id2, &e), BUD_EINVAL);
	assert_string_equal(e.field, "effective_on");
	assert_string_equal(e.key, "err.rulebook.past");
	assert_int_equal(add(f, FX_WORKER, "2025-06-15", NULL, &id2, &e), BUD_ECONFLICT);
	assert_string_equal(e.key, "err.rulebook.date_taken");
	assert_int_equal(add(f, FX_WORKER, "2025-08-01", "no_such", &id2, &e), BUD_EINVAL);
	assert_string_equal(e.field, "parts");
	assert_int_equal(add(f, FX_WORKER, "2025-13-01", NULL, &id2, &e), BUD_EINVAL);
	assert_string_equal(e.field, "effective_on");
	assert_int_equal(q(f, "SELECT count(*) FROM rulebook"), 1);
	assert_int_equal(q(f, "SELECT count(*) FROM rulebook_part"), 1);

	assert_int_equal(add(f, FX_ADMIN, "2025-09-01", NULL, &id2, &e), BUD_OK);
	fx_actor(f, FX_WORKER, &w);
	assert_int_equal(bud_rulebook_list(&f->app, &w, &list, &e), BUD_OK);
	assert_int_equal(json_array_size(list), 2);
	v = json_array_get(list, 0);
	assert_int_equal(json_integer_value(json_object_get(v, "id")), id2);
	assert_string_equal(json_string_value(json_object_get(v, "status")), "upcoming");
	v = json_array_get(list, 1);
	assert_string_equal(json_string_value(json_object_get(v, "status")), "in_force");
	assert_string_equal(json_string_value(json_object_get(json_object_get(v, "general"),
							       "sv")), "Allmänna villkor.");
	assert_string_equal(json_string_value(json_object_get(json_array_get(
		json_object_get(v, "parts"), 0), "service")), "day_activities");
	json_decref(list);
}

static void test_acceptance(void **state)
{
	struct fx *f = *state;
	int64_t id = 0, id2 = 0, id3 = 0;
	json_t *rb, *row;
	bud_err e;

	assert_int_equal(add(f, FX_WORKER, "2025-06-15", "day_activities", &id, &e), BUD_OK);
	assert_int_equal(add(f, FX_WORKER, "2025-09-01", NULL, &id2, &e), BUD_OK);
	/* not the provider's admin */
	assert_int_equal(accept(f, id, &e), BUD_EFORBIDDEN);
	assert_int_equal(q(f, "SELECT count(*) FROM rulebook_acceptance"), 0);
	assert_int_equal(fx_raw_exec(f, "UPDATE user SET provider_admin = 1 WHERE id = 6"), 0);
	assert_int_equal(accept(f, id, &e), BUD_OK);
	assert_int_equal(accept(f, id, &e), BUD_ECONFLICT);
	assert_string_equal(e.key, "err.rulebook.accepted");
	assert_string_equal(e.field, "rulebook_id");
	assert_int_equal(accept(f, 999, &e), BUD_EINVAL);
	assert_int_equal(q(f, "SELECT count(*) FROM rulebook_acceptance"), 1);

	rb = own_view(f);
	assert_true(json_is_true(json_object_get(rb, "missing")));
	assert_true(json_is_false(json_object_get(rb, "overdue")));
	assert_string_equal(json_string_value(json_object_get(rb, "newest_accepted")),
			    "2025-06-15");
	assert_int_equal(json_integer_value(json_array_get(json_object_get(rb, "to_accept"),
							   0)), id2);
	json_decref(rb);
	row = register_row(f);
	assert_true(json_is_true(json_object_get(row, "rulebook_missing")));
	json_decref(row);

	assert_int_equal(accept(f, id2, &e), BUD_OK);
	rb = own_view(f);
	assert_true(json_is_false(json_object_get(rb, "missing")));
	assert_int_equal(json_array_size(json_object_get(rb, "accepted")), 2);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(
		json_object_get(rb, "accepted"), 0), "accepted_by")), FX_PROVIDER);
	json_decref(rb);

	/* 2025-09-02: version 3 from today replaces version 2 */
	f->app.now_override = FX_T0 + 79 * 86400;
	assert_int_equal(add(f, FX_WORKER, "2025-09-02", NULL, &id3, &e), BUD_OK);
	assert_int_equal(accept(f, id2, &e), BUD_ECONFLICT);
	assert_string_equal(e.key, "err.rulebook.superseded");
	row = register_row(f);
	assert_true(json_is_true(json_object_get(row, "rulebook_missing")));
	assert_true(json_is_true(json_object_get(row, "rulebook_overdue")));
	assert_string_equal(json_string_value(json_object_get(row, "rulebook_accepted")),
			    "2025-09-01");
	json_decref(row);
	assert_int_equal(accept(f, id3, &e), BUD_OK);
	row = register_row(f);
	assert_true(json_is_false(json_object_get(row, "rulebook_missing")));
	json_decref(row);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_versions, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_acceptance, fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
