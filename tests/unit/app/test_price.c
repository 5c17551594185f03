/*
 * Unit tests for app/price.c: the list valid on a date and every version,
 * adding versions (numbering, the price valid after a change, old rows
 * untouched, a version with an end date), roles, each field's refusal
 * naming it, the CSV import (all or nothing: a bad line 3 or an unknown
 * service on line 4 writes nothing; identical rows skipped), the export
 * and its round trip, and the message naming the line.
 *
 * Fixture (app_fixture.h): organiser 1 has personal_assistance 28,50 from
 * 2025-01-01 (v1) and 29,90 from 2025-07-01 (v2), day_activities 85,00,
 * transport 35,00, supported_housing 1 450,00; organiser 2 one price.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "app/price.h"
#include "app_fixture.h"
#include "store/org.h"

#define HEADER "service;unit;unit_price;instrument;valid_from;valid_to\n"

static int64_t price_count(struct fx *f)
{
	return fx_raw_int(f, "SELECT count(*) FROM price");
}

/* The unit price of service code valid on date for organiser 1, or -1. */
static int64_t price_on(struct fx *f, int64_t service_id, const char *date,
			int *version)
{
	struct bud_store_price p;
	bud_conn *c;
	bud_err err;

	c = bud_db_reader(f->app.db, &err);
	assert_non_null(c);
	if (bud_store_price_current(c, 1, service_id, date, &p, &err) != BUD_OK)
		return -1;
	if (version)
		*version = p.version;
	return p.unit_price;
}

static json_t *list(struct fx *f, int64_t uid, const char *date, int all, int want)
{
	json_t *out = NULL;
	bud_actor a;
	bud_err err;

	fx_actor(f, uid, &a);
	bud_err_clear(&err);
	assert_int_equal(bud_price_list(&f->app, &a, date, all, &out, &err), want);
	return out;
}

static json_t *item(json_t *l, size_t i)
{
	return json_array_get(json_object_get(l, "items"), i);
}

static void test_list_on_date(void **state)
{
	struct fx *f = *state;
	json_t *l, *it;

	l = list(f, FX_WORKER, "2025-06-15", 0, BUD_OK);
	assert_int_equal(json_array_size(json_object_get(l, "items")), 4);
	it = item(l, 0);
	assert_string_equal(json_string_value(json_object_get(
		json_object_get(it, "service"), "code")), "personal_assistance");
	assert_string_equal(json_string_value(json_object_get(
		json_object_get(it, "service"), "name_sv")), "Personlig assistans");
	assert_int_equal(json_integer_value(json_object_get(it, "unit_price")), 2850);
	assert_int_equal(json_integer_value(json_object_get(it, "version")), 1);
	assert_true(json_is_null(json_object_get(it, "valid_to")));
	assert_string_equal(json_string_value(json_object_get(it, "instrument")),
			    "commitment");
	json_decref(l);
	/* the change of 2025-07-01 */
	l = list(f, FX_DM, "2025-07-01", 0, BUD_OK);
	assert_int_equal(json_integer_value(json_object_get(item(l, 0), "unit_price")), 2990);
	assert_int_equal(json_integer_value(json_object_get(item(l, 0), "version")), 2);
	json_decref(l);
	/* before any price: nothing */
	l = list(f, FX_ADMIN, "2024-12-31", 0, BUD_OK);
	assert_int_equal(json_array_size(json_object_get(l, "items")), 0);
	json_decref(l);
	/* default: today (the fixture's clock, 2025-06-15) */
	l = list(f, FX_FINANCE, NULL, 0, BUD_OK);
	assert_string_equal(json_string_value(json_object_get(l, "date")), "2025-06-15");
	json_decref(l);
	/* every version, organiser 1 only */
	l = list(f, FX_WORKER, NULL, 1, BUD_OK);
	assert_int_equal(json_array_size(json_object_get(l, "items")), 5);
	json_decref(l);
	/* another organiser's staff see their own list */
	l = list(f, FX_DM2, "2025-06-15", 1, BUD_OK);
	assert_int_equal(json_array_size(json_object_get(l, "items")), 1);
	assert_int_equal(json_integer_value(json_object_get(item(l, 0), "unit_price")), 3000);
	json_decref(l);
	/* a malformed date names the field */
	{
		bud_actor a;
		bud_err err;
		json_t *out = NULL;

		fx_actor(f, FX_WORKER, &a);
		assert_int_equal(bud_price_list(&f->app, &a, "2025-02-30", 0, &out, &err),
				 BUD_EINVAL);
		assert_string_equal(err.field, "date");
		assert_null(out);
	}
}

static void test_read_roles(void **state)
{
	struct fx *f = *state;
	json_t *out = NULL;
	bud_actor a;
	bud_err err;

	assert_null(list(f, FX_CLIENT, NULL, 0, BUD_EFORBIDDEN));
	assert_null(list(f, FX_REP, NULL, 0, BUD_EFORBIDDEN));
	assert_null(list(f, FX_PROVIDER, NULL, 1, BUD_EFORBIDDEN));
	/* the catalogue: staff, clients, representatives */
	fx_actor(f, FX_CLIENT, &a);
	assert_int_equal(bud_price_services(&f->app, &a, &out, &err), BUD_OK);
	assert_int_equal(json_array_size(json_object_get(out, "items")), 4);
	json_decref(out);
	fx_actor(f, FX_REP, &a);
	assert_int_equal(bud_price_services(&f->app, &a, &out, &err), BUD_OK);
	json_decref(out);
	fx_actor(f, FX_PROVIDER, &a);
	assert_int_equal(bud_price_services(&f->app, &a, &out, &err), BUD_EFORBIDDEN);
	assert_null(out);
	/* no use-log rows for price data */
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM uselog"), 0);
}

static int add(struct fx *f, int64_t uid, const struct bud_price_in *in, json_t **out,
	       bud_err *err)
{
	bud_actor a;

	fx_actor(f, uid, &a);
	bud_err_clear(err);
	return bud_price_add(&f->app, &a, in, out, err);
}

static void test_add_version(void **state)
{
	struct fx *f = *state;
	struct bud_price_in in = {"personal_assistance", "hour", 3100, "commitment",
				  "2025-09-01", NULL};
	json_t *out = NULL;
	bud_err err;
	int v = 0;

	assert_int_equal(add(f, FX_FINANCE, &in, &out, &err), BUD_OK);
	assert_int_equal(json_integer_value(json_object_get(out, "version")), 3);
	assert_int_equal(json_integer_value(json_object_get(out, "unit_price")), 3100);
	assert_string_equal(json_string_value(json_object_get(out, "valid_from")),
			    "2025-09-01");
	json_decref(out);
	/* the price valid on a date after the change, and before it */
	assert_int_equal(price_on(f, 1, "2025-09-01", &v), 3100);
	assert_int_equal(v, 3);
	assert_int_equal(price_on(f, 1, "2025-08-31", &v), 2990);
	assert_int_equal(price_on(f, 1, "2025-03-01", &v), 2850);
	/* the old rows are untouched */
	assert_int_equal(fx_raw_int(f, "SELECT unit_price FROM price WHERE id = 1"), 2850);
	assert_int_equal(fx_raw_int(f, "SELECT unit_price FROM price WHERE id = 5"), 2990);
	/* a correction from the same day takes over (higher version) */
	in.unit_price = 3050;
	assert_int_equal(add(f, FX_ADMIN, &in, NULL, &err), BUD_OK);
	assert_int_equal(price_on(f, 1, "2025-09-01", &v), 3050);
	assert_int_equal(v, 4);
	/* the same again is refused: one version per form sent twice */
	assert_int_equal(add(f, FX_ADMIN, &in, NULL, &err), BUD_ECONFLICT);
	assert_string_equal(err.key, "err.price.same");
	assert_string_equal(err.field, "valid_from");
	assert_int_equal(price_count(f), 8);
	/* a first price for a service: version 1 */
	in.service = "supported_housing";
	in.unit = "month";
	in.unit_price = 0;
	assert_int_equal(add(f, FX_ADMIN, &in, NULL, &err), BUD_OK);
	assert_int_equal(fx_raw_int(f, "SELECT max(version) FROM price WHERE "
				    "service_id = 4 AND organiser_id = 1"), 2);
	/* organiser 2's versions count on their own */
	assert_int_equal(fx_raw_int(f, "SELECT max(version) FROM price WHERE "
				    "organiser_id = 2"), 1);
}

static void test_valid_to(void **state)
{
	struct fx *f = *state;
	struct bud_price_in in = {"transport", "trip", 4000, "voucher",
				  "2025-08-01", "2025-08-31"};
	bud_err err;

	assert_int_equal(add(f, FX_FINANCE, &in, NULL, &err), BUD_OK);
	assert_int_equal(price_on(f, 3, "2025-07-31", NULL), 3500);
	assert_int_equal(price_on(f, 3, "2025-08-31", NULL), 4000);
	/* after its end the earlier open-ended version applies again */
	assert_int_equal(price_on(f, 3, "2025-09-01", NULL), 3500);
}

/* add with one field changed; expect rc and field and key */
#define REFUSE(field_, value_, rc_, want_field, want_key) do { \
	struct bud_price_in in_ = {"day_activities", "day", 9000, "voucher", \
				   "2025-10-01", NULL}; \
	in_.field_ = value_; \
	assert_int_equal(add(f, FX_ADMIN, &in_, NULL, &err), rc_); \
	assert_string_equal(err.field, want_field); \
	assert_string_equal(err.key, want_key); \
} while (0)

static void test_add_refused(void **state)
{
	struct fx *f = *state;
	struct bud_price_in ok = {"day_activities", "day", 9000, "voucher",
				  "2025-10-01", NULL};
	int64_t before = price_count(f);
	bud_err err;

	REFUSE(service, NULL, BUD_EINVAL, "service", "err.required");
	REFUSE(service, "no_such_service", BUD_EINVAL, "service", "err.price.service");
	REFUSE(unit, "", BUD_EINVAL, "unit", "err.required");
	REFUSE(unit, "week", BUD_EINVAL, "unit", "err.price.unit");
	REFUSE(unit_price, -1, BUD_EINVAL, "unit_price", "err.price.negative");
	REFUSE(instrument, "cash", BUD_EINVAL, "instrument", "err.price.instrument");
	REFUSE(instrument, NULL, BUD_EINVAL, "instrument", "err.required");
	REFUSE(valid_from, NULL, BUD_EINVAL, "valid_from", "err.required");
	REFUSE(valid_from, "1.10.2025", BUD_EINVAL, "valid_from", "err.date.syntax");
	REFUSE(valid_from, "2025-02-29", BUD_EINVAL, "valid_from", "err.date.invalid");
	REFUSE(valid_to, "2025-13-01", BUD_EINVAL, "valid_to", "err.date.invalid");
	REFUSE(valid_to, "2025-09-30", BUD_EINVAL, "valid_to", "err.price.valid_to");
	/* roles: only admin and finance add */
	assert_int_equal(add(f, FX_WORKER, &ok, NULL, &err), BUD_EFORBIDDEN);
	assert_int_equal(add(f, FX_DM, &ok, NULL, &err), BUD_EFORBIDDEN);
	assert_int_equal(add(f, FX_CLIENT, &ok, NULL, &err), BUD_EFORBIDDEN);
	assert_int_equal(add(f, FX_PROVIDER, &ok, NULL, &err), BUD_EFORBIDDEN);
	assert_int_equal(price_count(f), before);
	/* the same day's valid_to is fine */
	ok.valid_to = "2025-10-01";
	assert_int_equal(add(f, FX_FINANCE, &ok, NULL, &err), BUD_OK);
	assert_int_equal(price_count(f), before + 1);
}

static int import(struct fx *f, int64_t uid, const char *csv,
		  struct bud_price_import_result *res, bud_err *err)
{
	bud_actor a;

	fx_actor(f, uid, &a);
	bud_err_clear(err);
	return bud_price_import_csv(&f->app, uid ? &a : NULL, csv, strlen(csv), res, err);
}

static void test_import_bad_line_writes_nothing(void **state)
{
	struct fx *f = *state;
	struct bud_price_import_result res;
	int64_t before = price_count(f);
	char msg[256];
	bud_err err;

	assert_int_equal(import(f, FX_FINANCE, HEADER
		"day_activities;day;90,00;voucher;2025-10-01;\n"
		"transport;trip;12,345;purchase;2025-10-01;\n", &res, &err), BUD_EINVAL);
	assert_string_equal(err.field, "csv");
	assert_string_equal(err.key, "err.money.decimals");
	assert_int_equal(res.line, 3);
	assert_int_equal(res.column, 3);
	assert_string_equal(res.column_name, "unit_price");
	assert_non_null(strstr(err.detail, "line 3, column 3 (unit_price)"));
	assert_int_equal(res.added, 0);
	assert_int_equal(price_count(f), before);
	bud_price_import_message(&err, &res, "fi", msg, sizeof(msg));
	assert_string_equal(msg, "Rivi 3, sarake unit_price: Summassa voi olla enintään "
			    "kaksi desimaalia.");
	bud_price_import_message(&err, &res, "sv", msg, sizeof(msg));
	assert_non_null(strstr(msg, "Rad 3, kolumn unit_price: "));

	/* an unknown service is found inside the write unit: still nothing */
	assert_int_equal(import(f, FX_ADMIN, HEADER
		"day_activities;day;90,00;voucher;2025-10-01;\n"
		"transport;trip;36,00;purchase;2025-10-01;\n"
		"no_such;trip;36,00;purchase;2025-10-01;\n", &res, &err), BUD_EINVAL);
	assert_string_equal(err.key, "err.price.service");
	assert_int_equal(res.line, 4);
	assert_int_equal(res.column, 1);
	assert_int_equal(res.added, 0);
	assert_int_equal(price_count(f), before);
}

static void test_import_errors(void **state)
{
	struct fx *f = *state;
	struct bud_price_import_result res;
	int64_t before = price_count(f);
	bud_err err;

#define BAD(csv_, key_, line_, col_) do { \
	assert_int_not_equal(import(f, FX_ADMIN, csv_, &res, &err), BUD_OK); \
	assert_string_equal(err.key, key_); \
	assert_int_equal(res.line, line_); \
	assert_int_equal(res.column, col_); \
} while (0)
	BAD("", "err.csv.empty", 0, 0);
	BAD("service;unit;price;instrument;valid_from;valid_to\n",
	    "err.price.csv_header", 1, 3);
	BAD("service;unit;unit_price;instrument;valid_from\n",
	    "err.price.csv_header", 1, 6);
	BAD(HEADER "transport;trip;1;purchase;2025-10-01\n", "err.price.csv_missing", 2, 6);
	BAD(HEADER "transport;trip;1;purchase;2025-10-01;;x\n", "err.price.csv_extra", 2, 7);
	BAD(HEADER "transport;week;1;purchase;2025-10-01;\n", "err.price.unit", 2, 2);
	BAD(HEADER "transport;trip;-1;purchase;2025-10-01;\n", "err.price.negative", 2, 3);
	BAD(HEADER "transport;trip;1;cash;2025-10-01;\n", "err.price.instrument", 2, 4);
	BAD(HEADER "transport;trip;1;purchase;;\n", "err.required", 2, 5);
	BAD(HEADER "transport;trip;1;purchase;2025-10-01;2025-09-01\n",
	    "err.price.valid_to", 2, 6);
	BAD(HEADER "\ntransport;trip;1;purchase;2025-10-01;\n;trip;1;x;;\n",
	    "err.required", 4, 1);
	BAD(HEADER "transport;\"trip;1;purchase;2025-10-01;\n", "err.csv.unterminated", 2, 2);
#undef BAD
	assert_int_equal(price_count(f), before);
	/* wrong roles */
	assert_int_equal(import(f, FX_WORKER, HEADER, &res, &err), BUD_EFORBIDDEN);
	assert_int_equal(import(f, FX_DM, HEADER, &res, &err), BUD_EFORBIDDEN);
}

static void test_import_ok(void **state)
{
	struct fx *f = *state;
	struct bud_price_import_result res;
	int64_t before = price_count(f);
	bud_err err;
	int v = 0;

	/* a BOM, CRLF, ',' delimiter, 28.50 style, quotes, blank rows, spaces */
	assert_int_equal(import(f, FX_FINANCE, "\xEF\xBB\xBF"
		"Service,Unit,Unit_Price,Instrument,Valid_From,Valid_To\r\n"
		"personal_assistance,hour,\"29,90\",commitment,2025-07-01,\r\n"
		",,,,,\r\n"
		" transport , trip ,36.00,purchase,2025-10-01,\r\n"
		"transport,trip,36.00,purchase,2025-10-01,\r\n"
		"day_activities,day,\"1 000,00\",voucher,2025-11-01,2025-12-31\r\n",
		&res, &err), BUD_OK);
	assert_int_equal(res.added, 2);
	assert_int_equal(res.skipped, 2);	/* in force already; twice in the file */
	assert_int_equal(price_count(f), before + 2);
	assert_int_equal(price_on(f, 3, "2025-10-01", &v), 3600);
	assert_int_equal(v, 2);
	assert_int_equal(price_on(f, 2, "2025-11-15", &v), 100000);
	/* the system (the command line) imports for the installation's organiser */
	assert_int_equal(import(f, 0, HEADER "transport;trip;37,00;purchase;2026-01-01;\n",
				&res, &err), BUD_OK);
	assert_int_equal(res.added, 1);
	assert_int_equal(price_on(f, 3, "2026-01-01", &v), 3700);
	assert_int_equal(v, 3);
	/* a header alone adds nothing */
	assert_int_equal(import(f, FX_ADMIN, HEADER, &res, &err), BUD_OK);
	assert_int_equal(res.added + res.skipped, 0);
}

static void test_export_round_trip(void **state)
{
	struct fx *f = *state;
	struct bud_price_import_result res;
	int64_t before = price_count(f);
	bud_actor a;
	bud_buf b;
	bud_err err;

	fx_actor(f, FX_WORKER, &a);
	bud_buf_init(&b, 1 << 20);
	assert_int_equal(bud_price_export_csv(&f->app, &a, "2025-07-15", &b, &err), BUD_OK);
	assert_string_equal(bud_buf_str(&b),
		"\xEF\xBB\xBF" "service;unit;unit_price;instrument;valid_from;valid_to\r\n"
		"personal_assistance;hour;29,90;commitment;2025-07-01;\r\n"
		"day_activities;day;85,00;voucher;2025-01-01;\r\n"
		"transport;trip;35,00;purchase;2025-01-01;\r\n"
		"supported_housing;month;1450,00;commitment;2025-01-01;\r\n");
	/* importing the export again adds nothing */
	assert_int_equal(import(f, FX_ADMIN, bud_buf_str(&b), &res, &err), BUD_OK);
	assert_int_equal(res.added, 0);
	assert_int_equal(res.skipped, 4);
	assert_int_equal(price_count(f), before);
	bud_buf_free(&b);
	/* a client may not export */
	fx_actor(f, FX_CLIENT, &a);
	bud_buf_init(&b, 1 << 20);
	assert_int_equal(bud_price_export_csv(&f->app, &a, NULL, &b, &err), BUD_EFORBIDDEN);
	assert_int_equal(b.len, 0);
	bud_buf_free(&b);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)
	const struct CMUnitTest tests[] = {
		T(test_list_on_date),
		T(test_read_roles),
		T(test_add_version),
		T(test_valid_to),
		T(test_add_refused),
		T(test_import_bad_line_writes_nothing),
		T(test_import_errors),
		T(test_import_ok),
		T(test_export_round_trip),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
