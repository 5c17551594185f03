/*
 * store/store_outbox.c: SQL of the mail outbox (store/outbox.h). The
 * sender reads a batch of due rows, and records each try with one UPDATE
 * guarded by state = 'queued', so a letter is never marked twice.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store/outbox.h"
#include "store/row.h"

#define MAIL_COLS "id, coalesce(organiser_id, 0), kind, dedupe_key, to_addr, " \
		  "to_name, lang, state, attempts, next_at, last_error, " \
		  "coalesce(created_by, 0), created_at, coalesce(sent_at, 0), subject"

void bud_store_outbox_release(struct bud_store_mail *m)
{
	if (!m)
		return;
	free(m->subject);
	free(m->body);
	free(m->ics);
	m->subject = m->body = m->ics = NULL;
}

/* A copy of column col (NULL as ""), or NULL when memory runs out. */
static char *col_dup(sqlite3_stmt *st, int col)
{
	const char *s = bud_row_col_str(st, col);
	size_t n = strlen(s);
	char *d = malloc(n + 1);

	if (d)
		memcpy(d, s, n + 1);
	return d;
}

/* The row of MAIL_COLS (and the body, ics and its method at columns 15,
 * 16 and 17 when with_body). */
static int mail_row(sqlite3_stmt *st, struct bud_store_mail *m, int with_body,
		    bud_err *err)
{
	int rc;

	memset(m, 0, sizeof(*m));
	m->id = sqlite3_column_int64(st, 0);
	m->organiser_id = sqlite3_column_int64(st, 1);
	m->attempts = sqlite3_column_int(st, 8);
	m->next_at = sqlite3_column_int64(st, 9);
	m->created_by = sqlite3_column_int64(st, 11);
	m->created_at = sqlite3_column_int64(st, 12);
	m->sent_at = sqlite3_column_int64(st, 13);
	if ((rc = bud_row_col_text(st, 2, m->kind, sizeof(m->kind), err)) ||
	    (rc = bud_row_col_text(st, 3, m->dedupe_key, sizeof(m->dedupe_key), err)) ||
	    (rc = bud_row_col_text(st, 4, m->to_addr, sizeof(m->to_addr), err)) ||
	    (rc = bud_row_col_text(st, 5, m->to_name, sizeof(m->to_name), err)) ||
	    (rc = bud_row_col_text(st, 6, m->lang, sizeof(m->lang), err)) ||
	    (rc = bud_row_col_text(st, 7, m->state, sizeof(m->state), err)) ||
	    (rc = bud_row_col_text(st, 10, m->last_error, sizeof(m->last_error), err)))
		return rc;
	m->subject = col_dup(st, 14);
	if (with_body) {
		m->body = col_dup(st, 15);
		m->ics = col_dup(st, 16);
		if ((rc = bud_row_col_text(st, 17, m->ics_method, sizeof(m->ics_method), err))) {
			bud_store_outbox_release(m);
			return rc;
		}
	}
	if (!m->subject || (with_body && (!m->body || !m->ics))) {
		bud_store_outbox_release(m);
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "out of memory");
	}
	return BUD_OK;
}

int bud_store_outbox_insert(bud_conn *w, const struct bud_store_mail *m,
			    int *added, bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;
	int rc;

	assert(w && m && m->subject && m->body && added);
	*added = 0;
	if ((rc = bud_row_fits(m->to_addr, BUD_MAIL_ADDR_MAX, "email", err)) ||
	    (rc = bud_row_fits(m->to_name, BUD_NAME_MAX, "name", err)) ||
	    (rc = bud_row_fits(m->subject, BUD_MAIL_SUBJECT_MAX, "subject", err)) ||
	    (rc = bud_row_fits(m->body, BUD_MAIL_BODY_MAX, "body", err)) ||
	    (rc = bud_row_fits(m->ics ? m->ics : "", BUD_ICS_MAX, "ics", err)))
		return rc;
	st = bud_conn_stmt(w, "INSERT INTO outbox (organiser_id, kind, dedupe_key, "
			   "to_addr, to_name, subject, body, lang, next_at, created_by, "
			   "created_at, ics, ics_method) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
			   "?8, ?9, ?10, ?11, ?12, ?13) "
			   "ON CONFLICT (dedupe_key) DO NOTHING", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, m->organiser_id, 1, &brc);
	bud_row_bind_text(st, 2, m->kind, 0, &brc);
	bud_row_bind_text(st, 3, m->dedupe_key, 0, &brc);
	bud_row_bind_text(st, 4, m->to_addr, 0, &brc);
	bud_row_bind_text(st, 5, m->to_name, 0, &brc);
	bud_row_bind_text(st, 6, m->subject, 0, &brc);
	bud_row_bind_text(st, 7, m->body, 0, &brc);
	bud_row_bind_text(st, 8, m->lang, 0, &brc);
	bud_row_bind_i64(st, 9, m->next_at, 0, &brc);
	bud_row_bind_i64(st, 10, m->created_by, 1, &brc);
	bud_row_bind_i64(st, 11, m->created_at, 0, &brc);
	bud_row_bind_text(st, 12, m->ics ? m->ics : "", 0, &brc);
	bud_row_bind_text(st, 13, m->ics && m->ics[0] ? m->ics_method : "", 0, &brc);
	if ((rc = bud_row_step_done(w, st, brc, "outbox insert", err)) != BUD_OK)
		return rc;
	*added = bud_conn_changes(w) > 0;
	return BUD_OK;
}

/* Step st, reading up to max rows into out; releases them on failure. */
static int read_rows(bud_conn *c, sqlite3_stmt *st, int with_body,
		     struct bud_store_mail *out, size_t max, size_t *n, bud_err *err)
{
	int rc = BUD_OK, s = SQLITE_DONE;

	while (*n < max && (s = sqlite3_step(st)) == SQLITE_ROW) {
		if ((rc = mail_row(st, &out[*n], with_body, err)) != BUD_OK)
			break;
		(*n)++;
	}
	if (rc == BUD_OK && *n < max && s != SQLITE_DONE)
		rc = bud_conn_error(c, s, "outbox read", err);
	sqlite3_reset(st);
	if (rc != BUD_OK) {
		while (*n > 0)
			bud_store_outbox_release(&out[--(*n)]);
	}
	return rc;
}

int bud_store_outbox_due(bud_conn *c, int64_t now, struct bud_store_mail *out,
			 size_t max, size_t *n, bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;

	assert(c && n && (out || max == 0));
	*n = 0;
	if (max == 0)
		return BUD_OK;
	st = bud_conn_stmt(c, "SELECT " MAIL_COLS ", body, ics, ics_method FROM outbox "
			   "WHERE state = 'queued' AND next_at <= ?1 "
			   "ORDER BY next_at, id LIMIT ?2", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, now, 0, &brc);
	bud_row_bind_i64(st, 2, (int64_t)max, 0, &brc);
	if (brc != SQLITE_OK)
		return bud_conn_error(c, brc, "outbox due", err);
	return read_rows(c, st, 1, out, max, n, err);
}

int bud_store_outbox_mark(bud_conn *w, int64_t id, const char *state, int attempts,
			  int64_t next_at, const char *error, int64_t now,
			  bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;
	int rc;

	assert(w && state && error);
	st = bud_conn_stmt(w, "UPDATE outbox SET state = ?2, attempts = ?3, "
			   "next_at = ?4, last_error = ?5, updated_at = ?6, "
			   "sent_at = CASE WHEN ?2 = 'sent' THEN ?6 ELSE sent_at END "
			   "WHERE id = ?1 AND state = 'queued'", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, id, 0, &brc);
	bud_row_bind_text(st, 2, state, 0, &brc);
	bud_row_bind_i64(st, 3, attempts, 0, &brc);
	bud_row_bind_i64(st, 4, next_at, 0, &brc);
	bud_row_bind_text(st, 5, error, 0, &brc);
	bud_row_bind_i64(st, 6, now, 0, &brc);
	if ((rc = bud_row_step_done(w, st, brc, "outbox mark", err)) != BUD_OK)
		return rc;
	if (bud_conn_changes(w) == 0)
		return bud_err_set(err, BUD_ECONFLICT, NULL, "err.conflict",
				   "letter %lld is not queued", (long long)id);
	return BUD_OK;
}

int bud_store_outbox_list(bud_conn *c, int64_t organiser_id, const char *kind,
			  int64_t before, struct bud_store_mail *out, size_t max,
			  size_t *n, bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;

	assert(c && kind && n && (out || max == 0));
	*n = 0;
	if (max == 0)
		return BUD_OK;
	st = bud_conn_stmt(c, "SELECT " MAIL_COLS " FROM outbox "
			   "WHERE organiser_id = ?1 AND kind = ?2 AND (?3 = 0 OR id < ?3) "
			   "ORDER BY id DESC LIMIT ?4", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, organiser_id, 0, &brc);
	bud_row_bind_text(st, 2, kind, 0, &brc);
	bud_row_bind_i64(st, 3, before, 0, &brc);
	bud_row_bind_i64(st, 4, (int64_t)max, 0, &brc);
	if (brc != SQLITE_OK)
		return bud_conn_error(c, brc, "outbox list", err);
	return read_rows(c, st, 0, out, max, n, err);
}

int bud_store_outbox_count(bud_conn *c, int64_t organiser_id, const char *kind,
			   struct bud_store_outbox_counts *out, bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK, s;

	assert(c && kind && out);
	memset(out, 0, sizeof(*out));
	st = bud_conn_stmt(c, "SELECT state, count(*) FROM outbox "
			   "WHERE organiser_id = ?1 AND kind = ?2 GROUP BY state", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, organiser_id, 0, &brc);
	bud_row_bind_text(st, 2, kind, 0, &brc);
	if (brc != SQLITE_OK)
		return bud_conn_error(c, brc, "outbox count", err);
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		const char *state = bud_row_col_str(st, 0);
		int64_t k = sqlite3_column_int64(st, 1);

		if (strcmp(state, "queued") == 0)
			out->queued = k;
		else if (strcmp(state, "sent") == 0)
			out->sent = k;
		else
			out->failed = k;
	}
	sqlite3_reset(st);
	return s == SQLITE_DONE ? BUD_OK : bud_conn_error(c, s, "outbox count", err);
}
