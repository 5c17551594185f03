/*
 * app/event_csv.c: a provider's CSV of service events read into one batch
 * (app/event.h, bud_event_import_csv). Lines that do not read are
 * answered here with the field that is wrong; the rest go to
 * bud_event_record_batch in one write unit, which answers each.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/event.h"
#include "core/date.h"
#include "core/money.h"
#include "formats/csv.h"

enum { COL_CM, COL_DATE, COL_QTY, COL_NOTE, COL_EXT, NCOLS };

static const char *const col_field[NCOLS] = {"commitment_id", "on_date",
					      "quantity", "note", "external_id"};

/* A header: the first field of the first record is not a number. */
static int is_header(const struct bud_csv_row *r)
{
	const char *s = r->fields[0];

	if (!*s)
		return 1;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 1;
	return 0;
}

static int read_id(const char *s, int64_t *out, bud_err *err)
{
	int64_t v = 0;
	size_t n = 0;

	for (; s[n] >= '0' && s[n] <= '9' && n < 18; n++)
		v = v * 10 + (s[n] - '0');
	if (n == 0 || s[n] || v <= 0)
		return bud_err_set(err, BUD_EINVAL, col_field[COL_CM], "evweb.csv.bad_id",
				   "not a commitment id");
	*out = v;
	return BUD_OK;
}

/* Row r into in (its strings point into r). */
static int read_row(const struct bud_csv_row *r, struct bud_event_input *in,
		    bud_err *err)
{
	int y, m, d, rc;

	memset(in, 0, sizeof(*in));
	if (r->nfields < NCOLS - 1 || r->nfields > NCOLS)
		return bud_err_set(err, BUD_EINVAL, "csv", "evweb.csv.columns",
				   "%zu columns, not 4 or 5", r->nfields);
	if ((rc = read_id(r->fields[COL_CM], &in->commitment_id, err)))
		return rc;
	if (bud_date_parse(r->fields[COL_DATE], &y, &m, &d, err) != BUD_OK) {
		snprintf(err->field, sizeof(err->field), "%s", col_field[COL_DATE]);
		return BUD_EINVAL;
	}
	snprintf(in->on_date, sizeof(in->on_date), "%s", r->fields[COL_DATE]);
	if ((rc = bud_qty_parse(r->fields[COL_QTY], col_field[COL_QTY],
				&in->quantity, err)))
		return rc;
	in->note = r->fields[COL_NOTE];
	in->external_id = r->nfields > COL_EXT ? r->fields[COL_EXT] : "";
	return BUD_OK;
}

static void count(struct bud_event_csv_report *rep)
{
	size_t i;

	for (i = 0; i < rep->n; i++) {
		const struct bud_event_result *r = &rep->lines[i].res;

		if (r->rc == BUD_OK)
			rep->written++;
		else if (strcmp(r->code, "duplicate") == 0)
			rep->duplicates++;
		else
			rep->refused++;
	}
}

/* Read the data lines; those that read go to rows[] (*nrows), with
 * where[k] their index in rep->lines. */
static void read_lines(const struct bud_csv *csv, size_t first,
		       struct bud_event_csv_report *rep,
		       struct bud_event_input *rows, size_t *where, size_t *nrows)
{
	size_t i;

	*nrows = 0;
	for (i = 0; i < rep->n; i++) {
		struct bud_event_csv_line *l = &rep->lines[i];

		l->line = csv->rows[first + i].line;
		bud_err_clear(&l->res.err);
		l->res.rc = read_row(&csv->rows[first + i], &rows[*nrows], &l->res.err);
		l->res.code = bud_event_code(&l->res.err);
		if (l->res.rc == BUD_OK)
			where[(*nrows)++] = i;
	}
}

static int run_batch(bud_app *app, const bud_actor *actor,
		     struct bud_event_csv_report *rep,
		     const struct bud_event_input *rows, const size_t *where,
		     size_t nrows, bud_err *err)
{
	struct bud_event_result *res;
	size_t k;
	int rc;

	if (nrows == 0)
		return BUD_OK;
	if (!(res = calloc(nrows, sizeof(*res))))
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "no memory");
	rc = bud_event_record_batch(app, actor, rows, nrows, res, err);
	for (k = 0; rc == BUD_OK && k < nrows; k++)
		rep->lines[where[k]].res = res[k];
	free(res);
	return rc;
}

int bud_event_import_csv(bud_app *app, const bud_actor *actor, const char *data,
			 size_t len, struct bud_event_csv_report *rep,
			 bud_err *err)
{
	struct bud_csv csv;
	struct bud_event_input *rows = NULL;
	size_t *where = NULL, first, nrows = 0;
	int64_t pid;
	int rc;

	memset(rep, 0, sizeof(*rep));
	if ((rc = bud_event_provider_of(actor, &pid, err)))
		return rc;
	if ((rc = bud_csv_parse(data, len, 0, &csv, err)))
		goto out;
	first = csv.nrows > 0 && is_header(&csv.rows[0]) ? 1 : 0;
	rep->n = csv.nrows - first;
	if (rep->n == 0 || rep->n > BUD_EVENT_BATCH_MAX) {
		rc = bud_err_set(err, rep->n ? BUD_ETOOBIG : BUD_EINVAL, "csv",
				 rep->n ? "err.event.batch" : "err.csv.empty",
				 "%zu lines", rep->n);
		goto out;
	}
	rep->lines = calloc(rep->n, sizeof(*rep->lines));
	rows = calloc(rep->n, sizeof(*rows));
	where = calloc(rep->n, sizeof(*where));
	if (!rep->lines || !rows || !where) {
		rc = bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "no memory");
		goto out;
	}
	read_lines(&csv, first, rep, rows, where, &nrows);
	if ((rc = run_batch(app, actor, rep, rows, where, nrows, err)) == BUD_OK)
		count(rep);
out:
	if (rc != BUD_OK)
		bud_event_csv_release(rep);
	free(rows);
	free(where);
	bud_csv_free(&csv);
	return rc;
}

void bud_event_csv_release(struct bud_event_csv_report *rep)
{
	if (!rep)
		return;
	free(rep->lines);
	memset(rep, 0, sizeof(*rep));
}
