/*
 * app/price.c: the service catalogue and the price list (see app/price.h
 * for the rules: versions, validity, roles, the CSV columns).
 *
 * Reads go through the thread's reader. A new version, and a whole CSV
 * import, is one write unit: the service lookup, the comparison with the
 * version in force and the next version number are read on the writer
 * inside that unit, so two admins adding at once still get versions n+1
 * and n+2. The CSV is parsed and its fields checked on the caller's
 * thread, before the unit, so the writer never waits for the parsing.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app/price.h"
#include "bud_limits.h"
#include "core/date.h"
#include "core/i18n.h"
#include "core/money.h"
#include "formats/csv.h"
#include "store/org.h"

const char *const bud_price_units[] = {"hour", "day", "trip", "month", "night", NULL};
const char *const bud_price_instruments[] = {"commitment", "voucher", "purchase", NULL};

/* The CSV columns, in their required order; the names are also the JSON
 * fields, so an error's field tells its column. */
static const char *const csv_columns[] = {"service", "unit", "unit_price",
					  "instrument", "valid_from", "valid_to"};
#define CSV_NCOLS (sizeof(csv_columns) / sizeof(csv_columns[0]))

#define ROLES_READ (BUD_ROLE_STAFF)
#define ROLES_WRITE (BUD_ROLE_ADMIN | BUD_ROLE_FINANCE)
#define ROLES_CATALOGUE (BUD_ROLE_STAFF | BUD_ROLE_CLIENT | BUD_ROLE_REPRESENTATIVE)

/* ---- access and common reads ------------------------------------------- */

static int role_ok(const bud_actor *a, int roles, bud_err *err)
{
	if (!a || (a->role & roles))
		return BUD_OK;
	return bud_err_set(err, BUD_EFORBIDDEN, NULL, "err.forbidden",
			   "this role may not do this with the price list");
}

/* The organiser the actor works for (the installation's for the system). */
static int organiser_of(bud_conn *c, const bud_actor *a, int64_t *org, bud_err *err)
{
	struct bud_store_organiser o;
	int rc;

	if (a && a->organiser_id > 0) {
		*org = a->organiser_id;
		return BUD_OK;
	}
	rc = bud_store_organiser_only(c, &o, err);
	if (rc == BUD_OK)
		*org = o.id;
	return rc;
}

static int in_list(const char *s, const char *const *list)
{
	size_t i;

	for (i = 0; s && list[i]; i++)
		if (strcmp(s, list[i]) == 0)
			return 1;
	return 0;
}

/* A date the caller gave, or today when NULL/"": canonical into out. */
static int date_or_today(bud_app *app, const char *date, char out[BUD_DATE_BUF],
			 bud_err *err)
{
	int y, m, d, rc;

	if (!date || !date[0])
		return bud_app_today(app, out, BUD_DATE_BUF) == BUD_OK ? BUD_OK :
		       bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal", "no today");
	rc = bud_date_parse(date, &y, &m, &d, err);
	if (rc != BUD_OK) {
		snprintf(err->field, sizeof(err->field), "date");
		return rc;
	}
	return bud_date_format(y, m, d, out);
}

static json_t *service_view(const struct bud_store_service *s)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)s->id,
			 "code", s->code, "name_fi", s->name_fi, "name_sv", s->name_sv,
			 "name_en", s->name_en);
}

static json_t *price_view(const struct bud_store_price *p,
			  const struct bud_store_service *s)
{
	json_t *v = json_pack("{s:I, s:o, s:s, s:I, s:s, s:s, s:i}",
			      "id", (json_int_t)p->id, "service", service_view(s),
			      "unit", p->unit, "unit_price", (json_int_t)p->unit_price,
			      "instrument", p->instrument, "valid_from", p->valid_from,
			      "version", p->version);

	json_object_set_new(v, "valid_to", p->valid_to[0] ? json_string(p->valid_to) :
			    json_null());
	return v;
}

/* The whole catalogue into a new array (free() it). */
static int load_services(bud_conn *c, struct bud_store_service **out, size_t *n,
			 bud_err *err)
{
	struct bud_store_service *s = malloc(BUD_SERVICES_MAX * sizeof(*s));	/* set by the store */
	int rc;

	*out = NULL;
	*n = 0;
	if (!s)
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "out of memory");
	rc = bud_store_service_list(c, s, BUD_SERVICES_MAX, n, err);
	if (rc != BUD_OK) {
		free(s);
		return rc;
	}
	*out = s;
	return BUD_OK;
}

static const struct bud_store_service *
find_service(const struct bud_store_service *s, size_t n, int64_t id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i].id == id)
			return &s[i];
	return NULL;
}

/* ---- reads ------------------------------------------------------------- */

int bud_price_services(bud_app *app, const bud_actor *actor, json_t **out,
		       bud_err *err)
{
	struct bud_store_service *s = NULL;
	json_t *items;
	bud_conn *c;
	size_t i, n;
	int rc;

	assert(app && out);
	*out = NULL;
	if ((rc = role_ok(actor, ROLES_CATALOGUE, err)) != BUD_OK)
		return rc;
	if (!(c = bud_db_reader(app->db, err)))
		return err->code;
	if ((rc = load_services(c, &s, &n, err)) != BUD_OK)
		return rc;
	items = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(items, service_view(&s[i]));
	free(s);
	*out = json_pack("{s:o}", "items", items);
	return BUD_OK;
}

/* The versions valid on date, one per service, appended to items. */
static int list_on_date(bud_conn *c, int64_t org, const char *date,
			const struct bud_store_service *s, size_t n, json_t *items,
			bud_err *err)
{
	struct bud_store_price p;
	size_t i;
	int rc;

	for (i = 0; i < n; i++) {
		rc = bud_store_price_current(c, org, s[i].id, date, &p, err);
		if (rc == BUD_ENOTFOUND)
			continue;
		if (rc != BUD_OK)
			return rc;
		json_array_append_new(items, price_view(&p, &s[i]));
	}
	bud_err_clear(err);
	return BUD_OK;
}

struct all_ctx {
	const struct bud_store_service *s;
	size_t n;
	json_t *items;
};

static int all_one(const struct bud_store_price *p, void *arg, bud_err *err)
{
	struct all_ctx *x = arg;
	const struct bud_store_service *s = find_service(x->s, x->n, p->service_id);

	if (json_array_size(x->items) >= BUD_PRICE_LIST_MAX)
		return bud_err_set(err, BUD_ETOOBIG, NULL, "err.too_large",
				   "more than %d price versions", BUD_PRICE_LIST_MAX);
	if (!s)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal",
				   "price of an unknown service");
	json_array_append_new(x->items, price_view(p, s));
	return BUD_OK;
}

int bud_price_list(bud_app *app, const bud_actor *actor, const char *date,
		   int all, json_t **out, bud_err *err)
{
	struct bud_store_service *s = NULL;
	char day[BUD_DATE_BUF];
	json_t *items = NULL;
	int64_t org = 0;
	bud_conn *c;
	size_t n = 0;
	int rc;

	assert(app && out);
	*out = NULL;
	if ((rc = role_ok(actor, ROLES_READ, err)) != BUD_OK ||
	    (rc = date_or_today(app, date, day, err)) != BUD_OK)
		return rc;
	if (!(c = bud_db_reader(app->db, err)))
		return err->code;
	if ((rc = organiser_of(c, actor, &org, err)) != BUD_OK ||
	    (rc = load_services(c, &s, &n, err)) != BUD_OK)
		return rc;
	items = json_array();
	if (all) {
		struct all_ctx x = {s, n, items};

		rc = bud_store_price_each(c, org, all_one, &x, err);
	} else {
		rc = list_on_date(c, org, day, s, n, items, err);
	}
	free(s);
	if (rc != BUD_OK) {
		json_decref(items);
		return rc;
	}
	*out = json_pack("{s:o, s:s, s:b}", "items", items, "date", day, "all", all);
	return BUD_OK;
}

/* ---- checking a version ------------------------------------------------ */

/* A date field: canonical YYYY-MM-DD of a plausible year (core/date.h),
 * errors naming field. */
static int check_date(const char *s, const char *field, bud_err *err)
{
	return bud_date_case_check(s, field, err);
}

/* Every field of in, without the database (the service code only for its
 * shape; whether it exists is checked in the write unit). */
static int check_in(const struct bud_price_in *in, bud_err *err)
{
	int rc;

	if (!in->service || !in->service[0])
		return bud_err_set(err, BUD_EINVAL, "service", "err.required",
				   "service is required");
	if (strlen(in->service) > BUD_CODE_MAX)
		return bud_err_set(err, BUD_EINVAL, "service", "err.price.service",
				   "no such service");
	if (!in->unit || !in->unit[0])
		return bud_err_set(err, BUD_EINVAL, "unit", "err.required",
				   "unit is required");
	if (!in_list(in->unit, bud_price_units))
		return bud_err_set(err, BUD_EINVAL, "unit", "err.price.unit",
				   "unit is not hour, day, trip, month or night");
	if (in->unit_price < 0)
		return bud_err_set(err, BUD_EINVAL, "unit_price", "err.price.negative",
				   "unit price is negative");
	if (in->unit_price > BUD_UNIT_PRICE_MAX)
		return bud_err_set(err, BUD_EINVAL, "unit_price",
				   "err.plausible.unit_price",
				   "unit price above %lld cents",
				   (long long)BUD_UNIT_PRICE_MAX);
	if (!in->instrument || !in->instrument[0])
		return bud_err_set(err, BUD_EINVAL, "instrument", "err.required",
				   "instrument is required");
	if (!in_list(in->instrument, bud_price_instruments))
		return bud_err_set(err, BUD_EINVAL, "instrument", "err.price.instrument",
				   "instrument is not commitment, voucher or purchase");
	if (!in->valid_from || !in->valid_from[0])
		return bud_err_set(err, BUD_EINVAL, "valid_from", "err.required",
				   "valid_from is required");
	if ((rc = check_date(in->valid_from, "valid_from", err)) != BUD_OK)
		return rc;
	if (in->valid_to && in->valid_to[0]) {
		if ((rc = check_date(in->valid_to, "valid_to", err)) != BUD_OK)
			return rc;
		if (strcmp(in->valid_to, in->valid_from) < 0)
			return bud_err_set(err, BUD_EINVAL, "valid_to", "err.price.valid_to",
					   "valid_to is before valid_from");
	}
	return BUD_OK;
}

/* ---- writing a version ------------------------------------------------- */

/*
 * Inside a write unit: the service of in, the version in force on
 * valid_from; *dup = 1 (nothing written) when in is identical to it,
 * else a new row with the next version and its id in *id.
 */
static int put_version(bud_conn *w, int64_t org, const struct bud_price_in *in,
		       int64_t now, int *dup, int64_t *id, bud_err *err)
{
	const char *to = in->valid_to ? in->valid_to : "";
	struct bud_store_service s;
	struct bud_store_price cur, p;
	int rc, version = 0;

	*dup = 0;
	rc = bud_store_service_by_code(w, in->service, &s, err);
	if (rc == BUD_ENOTFOUND)
		return bud_err_set(err, BUD_EINVAL, "service", "err.price.service",
				   "no such service");
	if (rc != BUD_OK)
		return rc;
	rc = bud_store_price_current(w, org, s.id, in->valid_from, &cur, err);
	if (rc == BUD_OK && strcmp(cur.unit, in->unit) == 0 &&
	    cur.unit_price == in->unit_price &&
	    strcmp(cur.instrument, in->instrument) == 0 &&
	    strcmp(cur.valid_from, in->valid_from) == 0 && strcmp(cur.valid_to, to) == 0) {
		*dup = 1;
		return BUD_OK;
	}
	if (rc != BUD_OK && rc != BUD_ENOTFOUND)
		return rc;
	if ((rc = bud_store_price_max_version(w, org, s.id, &version, err)) != BUD_OK)
		return rc;
	memset(&p, 0, sizeof(p));
	p.organiser_id = org;
	p.service_id = s.id;
	snprintf(p.unit, sizeof(p.unit), "%s", in->unit);
	p.unit_price = in->unit_price;
	snprintf(p.instrument, sizeof(p.instrument), "%s", in->instrument);
	snprintf(p.valid_from, sizeof(p.valid_from), "%s", in->valid_from);
	snprintf(p.valid_to, sizeof(p.valid_to), "%s", to);
	p.version = version + 1;
	p.created_at = now;
	return bud_store_price_insert(w, &p, id, err);
}

struct add_unit {
	int64_t org;
	const struct bud_price_in *in;
	int64_t now;
	int64_t id;
};

static int add_unit_fn(bud_conn *w, void *arg, bud_err *err)
{
	struct add_unit *x = arg;
	int dup = 0;
	int rc = put_version(w, x->org, x->in, x->now, &dup, &x->id, err);

	if (rc == BUD_OK && dup)
		return bud_err_set(err, BUD_ECONFLICT, "valid_from", "err.price.same",
				   "this price is already in force from valid_from");
	return rc;
}

int bud_price_add(bud_app *app, const bud_actor *actor,
		  const struct bud_price_in *in, json_t **out, bud_err *err)
{
	struct add_unit x = {0, in, 0, 0};
	struct bud_store_service s;
	struct bud_store_price p;
	bud_conn *c;
	int rc;

	assert(app && in);
	if (out)
		*out = NULL;
	if ((rc = role_ok(actor, ROLES_WRITE, err)) != BUD_OK ||
	    (rc = check_in(in, err)) != BUD_OK)
		return rc;
	if (!(c = bud_db_reader(app->db, err)))
		return err->code;
	if ((rc = organiser_of(c, actor, &x.org, err)) != BUD_OK)
		return rc;
	x.now = bud_app_now(app);
	if ((rc = bud_db_write(app->db, add_unit_fn, &x, err)) != BUD_OK)
		return rc;
	assert(x.id > 0);
	if (!out)
		return BUD_OK;
	if ((rc = bud_store_price_get(c, x.id, &p, err)) != BUD_OK ||
	    (rc = bud_store_service_get(c, p.service_id, &s, err)) != BUD_OK)
		return rc;
	*out = price_view(&p, &s);
	return BUD_OK;
}

/* ---- CSV import -------------------------------------------------------- */

struct import_row {
	size_t line;
	struct bud_price_in in;
};

/* Where a refusal points: res gets the line and the column of field
 * (a csv_columns name), err the field "csv" and the place in its detail. */
static int import_fail(struct bud_price_import_result *res, size_t line,
		       bud_err *err)
{
	char detail[sizeof(err->detail)];
	size_t i;
	int n;

	res->line = line;
	res->column = 0;
	res->column_name[0] = '\0';
	for (i = 0; i < CSV_NCOLS; i++)
		if (strcmp(err->field, csv_columns[i]) == 0) {
			res->column = i + 1;
			snprintf(res->column_name, sizeof(res->column_name), "%s",
				 csv_columns[i]);
		}
	if (err->key && strcmp(err->key, "err.price.csv_extra") == 0)
		res->column = CSV_NCOLS + 1;
	snprintf(detail, sizeof(detail), "%s", err->detail);
	/* The detail is for logs: cut short rather than fail. */
	if (res->column)
		n = snprintf(err->detail, sizeof(err->detail), "line %zu, column %zu%s%s%s: %.100s",
			     line, res->column, res->column_name[0] ? " (" : "",
			     res->column_name, res->column_name[0] ? ")" : "", detail);
	else
		n = snprintf(err->detail, sizeof(err->detail), "line %zu: %.150s", line, detail);
	(void)n;
	snprintf(err->field, sizeof(err->field), "csv");
	return err->code;
}

/* Drop ASCII spaces and tabs at both ends, in place. */
static char *trim(char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return s;
}

/* Nothing but empty (or blank) fields: a spreadsheet's spare row. */
static int row_blank(const struct bud_csv_row *r)
{
	size_t i;

	for (i = 0; i < r->nfields; i++)
		if (trim(r->fields[i])[0])
			return 0;
	return 1;
}

/* Fields past the six must be empty; fewer than six is an error at the
 * first missing column. */
static int check_width(const struct bud_csv_row *r, bud_err *err)
{
	size_t i;

	if (r->nfields < CSV_NCOLS)
		return bud_err_set(err, BUD_EINVAL, csv_columns[r->nfields],
				   "err.price.csv_missing", "the row has too few columns");
	for (i = CSV_NCOLS; i < r->nfields; i++)
		if (trim(r->fields[i])[0])
			return bud_err_set(err, BUD_EINVAL, "csv", "err.price.csv_extra",
					   "the row has more than %zu columns",
					   CSV_NCOLS);
	return BUD_OK;
}

static int check_header(const struct bud_csv_row *r, struct bud_price_import_result *res,
			bud_err *err)
{
	size_t i;

	for (i = 0; i < CSV_NCOLS; i++)
		if (i >= r->nfields || strcasecmp(trim(r->fields[i]), csv_columns[i]) != 0) {
			bud_err_set(err, BUD_EINVAL, csv_columns[i], "err.price.csv_header",
				    "the header must be service;unit;unit_price;"
				    "instrument;valid_from;valid_to");
			return import_fail(res, r->line, err);
		}
	if (check_width(r, err) != BUD_OK) {
		err->key = "err.price.csv_header";
		return import_fail(res, r->line, err);
	}
	return BUD_OK;
}

/* One data row into out (strings borrowed from the row's fields). */
static int read_row(const struct bud_csv_row *r, struct import_row *out, bud_err *err)
{
	int64_t cents = 0;
	int rc;

	if ((rc = check_width(r, err)) != BUD_OK)
		return rc;
	memset(out, 0, sizeof(*out));
	out->line = r->line;
	out->in.service = trim(r->fields[0]);
	out->in.unit = trim(r->fields[1]);
	out->in.instrument = trim(r->fields[3]);
	out->in.valid_from = trim(r->fields[4]);
	out->in.valid_to = trim(r->fields[5]);
	if (!out->in.service[0])
		return bud_err_set(err, BUD_EINVAL, "service", "err.required",
				   "service is required");
	if (!out->in.unit[0] || !in_list(out->in.unit, bud_price_units))
		return bud_err_set(err, BUD_EINVAL, "unit", out->in.unit[0] ?
				   "err.price.unit" : "err.required", "bad unit");
	if ((rc = bud_money_parse(r->fields[2], "unit_price", &cents, err)) != BUD_OK)
		return rc;
	out->in.unit_price = cents;
	return check_in(&out->in, err);
}

struct import_unit {
	int64_t org;
	int64_t now;
	const struct import_row *rows;
	size_t n;
	struct bud_price_import_result *res;
};

static int import_unit_fn(bud_conn *w, void *arg, bud_err *err)
{
	struct import_unit *x = arg;
	int64_t id;
	size_t i;
	int dup, rc;

	x->res->added = x->res->skipped = 0;
	for (i = 0; i < x->n; i++) {
		rc = put_version(w, x->org, &x->rows[i].in, x->now, &dup, &id, err);
		if (rc != BUD_OK)
			return import_fail(x->res, x->rows[i].line, err);
		if (dup)
			x->res->skipped++;
		else
			x->res->added++;
	}
	return BUD_OK;
}

/* Parse and check every row of csv into rows[*n] (rows has csv.nrows). */
static int import_rows(const struct bud_csv *csv, struct import_row *rows, size_t *n,
		       struct bud_price_import_result *res, bud_err *err)
{
	size_t i;
	int rc;

	*n = 0;
	if ((rc = check_header(&csv->rows[0], res, err)) != BUD_OK)
		return rc;
	for (i = 1; i < csv->nrows; i++) {
		if (row_blank(&csv->rows[i]))
			continue;
		if ((rc = read_row(&csv->rows[i], &rows[*n], err)) != BUD_OK)
			return import_fail(res, csv->rows[i].line, err);
		(*n)++;
	}
	return BUD_OK;
}

int bud_price_import_csv(bud_app *app, const bud_actor *actor, const char *data,
			 size_t len, struct bud_price_import_result *res,
			 bud_err *err)
{
	struct import_unit x;
	struct bud_csv csv;
	struct import_row *rows = NULL;
	bud_conn *c;
	int rc;

	assert(app && res);
	memset(res, 0, sizeof(*res));
	memset(&x, 0, sizeof(x));
	memset(&csv, 0, sizeof(csv));
	if ((rc = role_ok(actor, ROLES_WRITE, err)) != BUD_OK)
		return rc;
	rc = bud_csv_parse(data, len, 0, &csv, err);
	if (rc != BUD_OK) {
		/* A file too large or empty is about no line. */
		if (strcmp(err->key, "err.csv.too_large") != 0 &&
		    strcmp(err->key, "err.csv.empty") != 0 && csv.err_line) {
			res->line = csv.err_line;
			res->column = csv.err_column;
			if (res->column >= 1 && res->column <= CSV_NCOLS)
				snprintf(res->column_name, sizeof(res->column_name),
					 "%s", csv_columns[res->column - 1]);
		}
		goto out;
	}
	rows = calloc(csv.nrows, sizeof(*rows));
	if (!rows) {
		rc = bud_err_set(err, BUD_ENOMEM, "csv", "err.generic", "out of memory");
		goto out;
	}
	if ((rc = import_rows(&csv, rows, &x.n, res, err)) != BUD_OK)
		goto out;
	if (!(c = bud_db_reader(app->db, err))) {
		rc = err->code;
		goto out;
	}
	if ((rc = organiser_of(c, actor, &x.org, err)) != BUD_OK)
		goto out;
	x.now = bud_app_now(app);
	x.rows = rows;
	x.res = res;
	rc = bud_db_write(app->db, import_unit_fn, &x, err);
	if (rc != BUD_OK)
		res->added = res->skipped = 0;	/* rolled back */
out:
	free(rows);
	bud_csv_free(&csv);
	return rc;
}

/* ---- CSV export -------------------------------------------------------- */

static int export_row(bud_buf *out, const struct bud_store_price *p,
		      const struct bud_store_service *s)
{
	char price[BUD_MONEY_BUF];
	const char *f[CSV_NCOLS];

	if (bud_money_format_plain(p->unit_price, ',', price, sizeof(price)) != BUD_OK)
		return BUD_EINTERNAL;
	f[0] = s->code;
	f[1] = p->unit;
	f[2] = price;
	f[3] = p->instrument;
	f[4] = p->valid_from;
	f[5] = p->valid_to;
	return bud_csv_write_row(out, f, CSV_NCOLS, ';');
}

int bud_price_export_csv(bud_app *app, const bud_actor *actor, const char *date,
			 bud_buf *out, bud_err *err)
{
	struct bud_store_service *s = NULL;
	struct bud_store_price p;
	char day[BUD_DATE_BUF];
	int64_t org = 0;
	bud_conn *c;
	size_t i, n = 0;
	int rc;

	assert(app && out);
	if ((rc = role_ok(actor, ROLES_READ, err)) != BUD_OK ||
	    (rc = date_or_today(app, date, day, err)) != BUD_OK)
		return rc;
	if (!(c = bud_db_reader(app->db, err)))
		return err->code;
	if ((rc = organiser_of(c, actor, &org, err)) != BUD_OK ||
	    (rc = load_services(c, &s, &n, err)) != BUD_OK)
		return rc;
	bud_buf_adds(out, BUD_CSV_BOM);
	bud_csv_write_row(out, csv_columns, CSV_NCOLS, ';');
	for (i = 0; i < n && rc == BUD_OK; i++) {
		rc = bud_store_price_current(c, org, s[i].id, day, &p, err);
		if (rc == BUD_ENOTFOUND) {
			rc = BUD_OK;
			continue;
		}
		if (rc == BUD_OK && export_row(out, &p, &s[i]) != BUD_OK)
			rc = bud_err_set(err, BUD_ETOOBIG, NULL, "err.too_large",
					 "export does not fit");
	}
	free(s);
	if (rc == BUD_OK && bud_buf_failed(out))
		rc = bud_err_set(err, BUD_ETOOBIG, NULL, "err.too_large",
				 "export does not fit");
	if (rc == BUD_OK)
		bud_err_clear(err);
	return rc;
}

/* ---- messages ---------------------------------------------------------- */

void bud_price_import_message(const bud_err *err,
			      const struct bud_price_import_result *res,
			      const char *lang, char *out, size_t outsz)
{
	const char *reason = bud_msg(lang, err && err->key && err->key[0] ?
				     err->key : "err.generic");
	const char *line = bud_msg(lang, "price.csv.line");
	const char *column = bud_msg(lang, "price.csv.column");

	assert(out && outsz > 0);
	if (!res || !res->line)
		snprintf(out, outsz, "%s", reason);
	else if (res->column_name[0])
		snprintf(out, outsz, "%s %zu, %s %s: %s", line, res->line, column,
			 res->column_name, reason);
	else if (res->column)
		snprintf(out, outsz, "%s %zu, %s %zu: %s", line, res->line, column,
			 res->column, reason);
	else
		snprintf(out, outsz, "%s %zu: %s", line, res->line, reason);
}
