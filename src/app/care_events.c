/*
 * app/care_events.c: a care system's bulk send of service events (see
 * app/care_events.h): the rows of a JSON body, each checked for shape on
 * its own, then every well-formed row recorded by one event batch
 * (bud_event_batch_run) in one write unit (a CSV goes through app/event.h's own import, the
 * same file a provider uploads on its page), and the answer of each row.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/apikey.h"
#include "app/care_events.h"
#include "bud_limits.h"
#include "core/i18n.h"
#include "core/money.h"

static int rows_alloc(struct bud_care_batch *b, size_t n, bud_err *err)
{
	if (n == 0)
		return bud_err_set(err, BUD_EINVAL, "events", "err.care.empty",
				   "no events were sent");
	if (n > BUD_EVENT_BATCH_MAX)
		return bud_err_set(err, BUD_ETOOBIG, "events", "err.event.batch",
				   "%zu events, at most %d at a time", n,
				   BUD_EVENT_BATCH_MAX);
	if (!(b->rows = calloc(n, sizeof(*b->rows))))
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "no memory");
	b->n = n;
	return BUD_OK;
}

/* A row refused for its shape: field, key and what was wrong. */
static void malformed(struct bud_care_row *r, const bud_err *e)
{
	r->wellformed = 0;
	r->res.rc = e->code ? e->code : BUD_EINVAL;
	r->res.id = 0;
	r->res.code = "invalid";
	r->res.err = *e;
}

/* on_date text into r (a date is checked by the write unit's rules). */
static int date_into(struct bud_care_row *r, const char *s, bud_err *err)
{
	if (!s || !s[0])
		return bud_err_set(err, BUD_EINVAL, "on_date", "err.required",
				   "on_date is required");
	if (strlen(s) >= sizeof(r->in.on_date))
		return bud_err_set(err, BUD_EINVAL, "on_date", "err.invalid_date",
				   "on_date must be a date YYYY-MM-DD");
	snprintf(r->in.on_date, sizeof(r->in.on_date), "%s", s);
	return BUD_OK;
}

static int json_member_known(const char *k)
{
	static const char *const known[] = {"commitment_id", "on_date", "quantity",
		"external_id", "note", NULL};
	size_t i;

	for (i = 0; known[i]; i++)
		if (strcmp(known[i], k) == 0)
			return 1;
	return 0;
}

/* One JSON row (an object) into r. */
static int json_row(struct bud_care_row *r, json_t *o, bud_err *err)
{
	json_t *id = json_object_get(o, "commitment_id"), *v;
	const char *k;

	r->external_id = json_string_value(json_object_get(o, "external_id"));
	json_object_foreach(o, k, v)
		if (!json_member_known(k))
			return bud_err_set(err, BUD_EINVAL, k, "err.http.unknown_field",
					   "unknown member");
	if (!json_is_integer(id) || json_integer_value(id) < 1)
		return bud_err_set(err, BUD_EINVAL, "commitment_id", "err.required",
				   "commitment_id: the commitment's id");
	r->in.commitment_id = (int64_t)json_integer_value(id);
	v = json_object_get(o, "external_id");
	if (v && !json_is_string(v))
		return bud_err_set(err, BUD_EINVAL, "external_id", "err.required",
				   "external_id must be a string");
	r->in.external_id = json_string_value(v);
	v = json_object_get(o, "note");
	if (v && !json_is_null(v) && !json_is_string(v))
		return bud_err_set(err, BUD_EINVAL, "note", "err.generic",
				   "note must be a string");
	r->in.note = json_string_value(v);
	v = json_object_get(o, "on_date");
	if (v && !json_is_string(v))
		return bud_err_set(err, BUD_EINVAL, "on_date", "err.invalid_date",
				   "on_date must be a date YYYY-MM-DD");
	if (date_into(r, json_string_value(v), err))
		return BUD_EINVAL;
	return bud_app_json_quantity(json_object_get(o, "quantity"), "quantity",
				     &r->in.quantity, err);
}

int bud_care_parse_json(const json_t *body, struct bud_care_batch *b,
			bud_err *err)
{
	json_t *arr = json_object_get(body, "events"), *o;
	bud_err e;
	size_t i;
	int rc;

	memset(b, 0, sizeof(*b));
	if (!json_is_array(arr))
		return bud_err_set(err, BUD_EINVAL, "events", "err.care.rows",
				   "events: an array of rows");
	if ((rc = rows_alloc(b, json_array_size(arr), err)))
		return rc;
	json_array_foreach(arr, i, o) {
		struct bud_care_row *r = &b->rows[i];

		r->number = i + 1;
		if (!json_is_object(o))
			return bud_err_set(err, BUD_EINVAL, "events", "err.care.rows",
					   "row %zu is not an object", i + 1);
		bud_err_clear(&e);
		r->wellformed = 1;
		if (json_row(r, o, &e) != BUD_OK)
			malformed(r, &e);
	}
	return BUD_OK;
}

/* ---- recording ------------------------------------------------------ */

struct bud_care_unit {
	struct bud_care_batch *b;
	struct bud_event_input *in;	/* the well-formed rows of a JSON send */
	struct bud_event_result *res;
	bud_event_batch *batch;		/* NULL: no row to record */
	bud_event_csv_import *csv;	/* a CSV send */
};

void bud_care_send_free(bud_care_unit *s)
{
	if (!s)
		return;
	bud_event_batch_free(s->batch);
	bud_event_csv_free(s->csv);
	free(s->in);
	free(s->res);
	free(s);
}

/* The well-formed rows of b into s's batch. */
static int json_begin(bud_app *app, const bud_actor *actor, bud_care_unit *s,
		      bud_err *err)
{
	struct bud_care_batch *b = s->b;
	size_t i, k = 0;

	s->in = calloc(b->n ? b->n : 1, sizeof(*s->in));
	s->res = calloc(b->n ? b->n : 1, sizeof(*s->res));
	if (!s->in || !s->res)
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "no memory");
	for (i = 0; i < b->n; i++)
		if (b->rows[i].wellformed)
			s->in[k++] = b->rows[i].in;
	if (k == 0)
		return bud_event_provider_of(actor, &(int64_t){0}, err);
	return bud_event_batch_new(app, actor, s->in, k, s->res, &s->batch, err);
}

int bud_care_send_begin(bud_app *app, const bud_actor *actor,
			struct bud_care_batch *b, const char *csv, size_t len,
			bud_care_unit **out, bud_err *err)
{
	bud_care_unit *s;
	int rc;

	*out = NULL;
	if (csv)
		memset(b, 0, sizeof(*b));
	if ((rc = bud_apikey_scope_check(actor, BUD_SCOPE_EVENTS_WRITE, err)))
		return rc;
	if (!(s = calloc(1, sizeof(*s))))
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "no memory");
	s->b = b;
	rc = csv ? bud_event_csv_begin(app, actor, csv, len, &s->csv, err)
		 : json_begin(app, actor, s, err);
	if (rc == BUD_OK && csv)
		rc = rows_alloc(b, bud_event_csv_report(s->csv)->n, err);
	if (rc != BUD_OK) {
		bud_care_send_free(s);
		return rc;
	}
	*out = s;
	return BUD_OK;
}

int bud_care_send_run(bud_conn *w, void *arg, bud_err *err)
{
	bud_care_unit *s = arg;
	const struct bud_event_csv_report *rep;
	size_t i, k = 0;
	int rc;

	if (s->csv) {
		if ((rc = bud_event_csv_run(w, s->csv, err)))
			return rc;
		rep = bud_event_csv_report(s->csv);
		for (i = 0; i < rep->n; i++) {
			s->b->rows[i].number = rep->lines[i].line;
			s->b->rows[i].res = rep->lines[i].res;
		}
		return BUD_OK;
	}
	if (s->batch && (rc = bud_event_batch_run(w, s->batch, err)))
		return rc;
	for (i = 0; i < s->b->n; i++)
		if (s->b->rows[i].wellformed)
			s->b->rows[i].res = s->res[k++];
	return BUD_OK;
}

/* A send recorded now: its unit queued and waited for. */
static int send_now(bud_app *app, const bud_actor *actor, struct bud_care_batch *b,
		    const char *csv, size_t len, bud_err *err)
{
	bud_care_unit *s;
	int rc;

	if ((rc = bud_care_send_begin(app, actor, b, csv, len, &s, err)))
		return rc;
	rc = bud_db_write(app->db, bud_care_send_run, s, err);
	bud_care_send_free(s);
	return rc;
}

int bud_care_send(bud_app *app, const bud_actor *actor,
		  struct bud_care_batch *b, bud_err *err)
{
	return send_now(app, actor, b, NULL, 0, err);
}

int bud_care_send_csv(bud_app *app, const bud_actor *actor, const char *data,
		      size_t len, struct bud_care_batch *b, bud_err *err)
{
	return send_now(app, actor, b, data, len, err);
}

/* ---- the answer ----------------------------------------------------- */

static const char *row_status(const struct bud_care_row *r)
{
	if (r->res.rc == BUD_OK)
		return "accepted";
	if (r->res.code && strcmp(r->res.code, "duplicate") == 0)
		return "duplicate";
	return "refused";
}

static json_t *str_or_null(const char *s)
{
	return s && s[0] ? json_string(s) : json_null();
}

static json_t *row_answer(const struct bud_care_row *r, const char *lang)
{
	const char *st = row_status(r);
	int ok = strcmp(st, "accepted") == 0, dup = strcmp(st, "duplicate") == 0;
	json_t *v = json_pack("{s:I, s:s}", "row", (json_int_t)r->number, "status", st);

	if (!v)
		return NULL;
	json_object_set_new(v, "external_id", str_or_null(r->external_id));
	json_object_set_new(v, "id", (ok || dup) && r->res.id ?
			    json_integer(r->res.id) : json_null());
	json_object_set_new(v, "code", ok ? json_null() : str_or_null(r->res.code));
	json_object_set_new(v, "field", ok ? json_null() : str_or_null(r->res.err.field));
	json_object_set_new(v, "message", ok ? json_null() :
			    json_string(bud_msg(lang, r->res.err.key && r->res.err.key[0] ?
						r->res.err.key : "err.generic")));
	return v;
}

json_t *bud_care_answer(const struct bud_care_batch *b, const char *lang)
{
	json_t *rows = json_array(), *v;
	size_t i, count[3] = {0, 0, 0};
	const char *st;

	for (i = 0; i < b->n; i++) {
		st = row_status(&b->rows[i]);
		count[st[0] == 'a' ? 0 : st[0] == 'd' ? 1 : 2]++;
		json_array_append_new(rows, row_answer(&b->rows[i], lang));
	}
	v = json_pack("{s:I, s:I, s:I, s:o}", "accepted", (json_int_t)count[0],
		      "duplicates", (json_int_t)count[1], "refused",
		      (json_int_t)count[2], "rows", rows);
	return v;
}

void bud_care_batch_release(struct bud_care_batch *b)
{
	if (!b)
		return;
	free(b->rows);
	b->rows = NULL;
	b->n = 0;
}
