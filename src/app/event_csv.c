/*
 * app/event_csv.c: a provider's CSV of service events read into one batch
 * (app/event.h, bud_event_import_csv, or bud_event_csv_begin and its unit
 * bud_event_csv_run). Lines that do not read are answered here with the
 * field that is wrong; the rest go to one batch (bud_event_batch_run) in
 * one write unit, which answers each.
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

struct bud_event_csv_import {
	struct bud_csv csv;
	struct bud_event_csv_report rep;
	struct bud_event_input *rows;
	size_t *where, nrows;
	struct bud_event_result *res;
	bud_event_batch *batch;		/* NULL: no line reads */
};

void bud_event_csv_free(bud_event_csv_import *imp)
{
	if (!imp)
		return;
	bud_event_batch_free(imp->batch);
	bud_event_csv_release(&imp->rep);
	free(imp->rows);
	free(imp->where);
	free(imp->res);
	bud_csv_free(&imp->csv);
	free(imp);
}

/* The data lines of imp->csv read (first: the header's count). */
static int read_all(bud_app *app, const bud_actor *actor,
		    bud_event_csv_import *imp, size_t first, bud_err *err)
{
	struct bud_event_csv_report *rep = &imp->rep;

	rep->n = imp->csv.nrows - first;
	if (rep->n == 0 || rep->n > BUD_EVENT_BATCH_MAX)
		return bud_err_set(err, rep->n ? BUD_ETOOBIG : BUD_EINVAL, "csv",
				   rep->n ? "err.event.batch" : "err.csv.empty",
				   "%zu lines", rep->n);
	rep->lines = calloc(rep->n, sizeof(*rep->lines));
	imp->rows = calloc(rep->n, sizeof(*imp->rows));
	imp->where = calloc(rep->n, sizeof(*imp->where));
	imp->res = calloc(rep->n, sizeof(*imp->res));
	if (!rep->lines || !imp->rows || !imp->where || !imp->res)
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "no memory");
	read_lines(&imp->csv, first, rep, imp->rows, imp->where, &imp->nrows);
	if (imp->nrows == 0)
		return BUD_OK;
	return bud_event_batch_new(app, actor, imp->rows, imp->nrows, imp->res,
				   &imp->batch, err);
}

int bud_event_csv_begin(bud_app *app, const bud_actor *actor, const char *data,
			size_t len, bud_event_csv_import **out, bud_err *err)
{
	bud_event_csv_import *imp;
	int64_t pid;
	int rc;

	*out = NULL;
	if ((rc = bud_event_provider_of(actor, &pid, err)))
		return rc;
	if (!(imp = calloc(1, sizeof(*imp))))
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "no memory");
	if ((rc = bud_csv_parse(data, len, 0, &imp->csv, err)) ||
	    (rc = read_all(app, actor, imp,
			   imp->csv.nrows > 0 && is_header(&imp->csv.rows[0]) ? 1 : 0,
			   err))) {
		bud_event_csv_free(imp);
		return rc;
	}
	*out = imp;
	return BUD_OK;
}

int bud_event_csv_run(bud_conn *w, void *arg, bud_err *err)
{
	bud_event_csv_import *imp = arg;
	size_t k;
	int rc;

	if (imp->batch && (rc = bud_event_batch_run(w, imp->batch, err)))
		return rc;
	for (k = 0; k < imp->nrows; k++)
		imp->rep.lines[imp->where[k]].res = imp->res[k];
	imp->rep.written = imp->rep.duplicates = imp->rep.refused = 0;
	count(&imp->rep);
	return BUD_OK;
}

const struct bud_event_csv_report *bud_event_csv_report(const bud_event_csv_import *imp)
{
	return &imp->rep;
}

int bud_event_import_csv(bud_app *app, const bud_actor *actor, const char *data,
			 size_t len, struct bud_event_csv_report *rep,
			 bud_err *err)
{
	bud_event_csv_import *imp;
	int rc;

	memset(rep, 0, sizeof(*rep));
	if ((rc = bud_event_csv_begin(app, actor, data, len, &imp, err)))
		return rc;
	if (imp->batch)
		rc = bud_db_write(app->db, bud_event_csv_run, imp, err);
	else
		rc = bud_event_csv_run(NULL, imp, err);
	if (rc == BUD_OK) {
		*rep = imp->rep;
		memset(&imp->rep, 0, sizeof(imp->rep));
	}
	bud_event_csv_free(imp);
	return rc;
}

void bud_event_csv_release(struct bud_event_csv_report *rep)
{
	if (!rep)
		return;
	free(rep->lines);
	memset(rep, 0, sizeof(*rep));
}
