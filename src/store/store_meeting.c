/*
 * store/store_meeting.c: SQL for meetings and the organiser's video
 * service (store/meeting.h).
 */
#include <assert.h>
#include <string.h>

#include <sqlite3.h>

#include "store/meeting.h"
#include "store/row.h"

#define MEETING_COLS "m.id, m.client_id, m.organiser_id, m.kind, m.starts_at, " \
	"m.ends_at, m.place, m.video_url, m.note, m.state, m.sequence, m.uid, " \
	"m.booked_by, coalesce(u.display_name, ''), m.created_at, m.updated_at"
#define MEETING_FROM " FROM meeting m LEFT JOIN user u ON u.id = m.booked_by "

static int meeting_row(sqlite3_stmt *st, void *out, bud_err *err)
{
	struct bud_store_meeting *m = out;
	int rc;

	memset(m, 0, sizeof(*m));
	m->id = sqlite3_column_int64(st, 0);
	m->client_id = sqlite3_column_int64(st, 1);
	m->organiser_id = sqlite3_column_int64(st, 2);
	m->starts_at = sqlite3_column_int64(st, 4);
	m->ends_at = sqlite3_column_int64(st, 5);
	m->sequence = sqlite3_column_int(st, 10);
	m->booked_by = sqlite3_column_int64(st, 12);
	m->created_at = sqlite3_column_int64(st, 14);
	m->updated_at = sqlite3_column_int64(st, 15);
	if ((rc = bud_row_col_text(st, 3, m->kind, sizeof m->kind, err)) ||
	    (rc = bud_row_col_text(st, 6, m->place, sizeof m->place, err)) ||
	    (rc = bud_row_col_text(st, 7, m->video_url, sizeof m->video_url, err)) ||
	    (rc = bud_row_col_text(st, 8, m->note, sizeof m->note, err)) ||
	    (rc = bud_row_col_text(st, 9, m->state, sizeof m->state, err)) ||
	    (rc = bud_row_col_text(st, 11, m->uid, sizeof m->uid, err)) ||
	    (rc = bud_row_col_text(st, 13, m->booked_by_name, sizeof m->booked_by_name, err)))
		return rc;
	return BUD_OK;
}

int bud_store_meeting_insert(bud_conn *w, const struct bud_store_meeting *m,
			     int64_t *id, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "INSERT INTO meeting (client_id, "
		"organiser_id, kind, starts_at, ends_at, place, video_url, note, uid, "
		"booked_by, created_at, updated_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, m->client_id, 0, &brc);
	bud_row_bind_i64(st, 2, m->organiser_id, 0, &brc);
	bud_row_bind_text(st, 3, m->kind, 0, &brc);
	bud_row_bind_i64(st, 4, m->starts_at, 0, &brc);
	bud_row_bind_i64(st, 5, m->ends_at, 0, &brc);
	bud_row_bind_text(st, 6, m->place, 0, &brc);
	bud_row_bind_text(st, 7, m->video_url, 0, &brc);
	bud_row_bind_text(st, 8, m->note, 0, &brc);
	bud_row_bind_text(st, 9, m->uid, 0, &brc);
	bud_row_bind_i64(st, 10, m->booked_by, 0, &brc);
	bud_row_bind_i64(st, 11, m->created_at, 0, &brc);
	return bud_row_step_insert(w, st, brc, "meeting insert", id, err);
}

int bud_store_meeting_update(bud_conn *w, const struct bud_store_meeting *m,
			     bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "UPDATE meeting SET starts_at = ?2, "
		"ends_at = ?3, place = ?4, video_url = ?5, note = ?6, state = ?7, "
		"sequence = ?8, updated_at = ?9 WHERE id = ?1", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, m->id, 0, &brc);
	bud_row_bind_i64(st, 2, m->starts_at, 0, &brc);
	bud_row_bind_i64(st, 3, m->ends_at, 0, &brc);
	bud_row_bind_text(st, 4, m->place, 0, &brc);
	bud_row_bind_text(st, 5, m->video_url, 0, &brc);
	bud_row_bind_text(st, 6, m->note, 0, &brc);
	bud_row_bind_text(st, 7, m->state, 0, &brc);
	bud_row_bind_i64(st, 8, m->sequence, 0, &brc);
	bud_row_bind_i64(st, 9, m->updated_at, 0, &brc);
	return bud_row_step_done(w, st, brc, "meeting update", err);
}

int bud_store_meeting_get(bud_conn *c, int64_t id, struct bud_store_meeting *out,
			  bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT " MEETING_COLS MEETING_FROM
					 "WHERE m.id = ?1", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, id, 0, &brc);
	return bud_row_get_one(c, st, brc, "meeting", meeting_row, out, err);
}

int bud_store_meeting_list(bud_conn *c, int64_t client_id, size_t offset,
			   struct bud_store_meeting *out, size_t max, size_t *n,
			   bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT " MEETING_COLS MEETING_FROM
		"WHERE m.client_id = ?1 ORDER BY m.starts_at DESC, m.id DESC "
		"LIMIT ?2 OFFSET ?3", err);
	int brc = SQLITE_OK, rc;

	assert(n && (out || max == 0));
	*n = 0;
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, client_id, 0, &brc);
	bud_row_bind_i64(st, 2, (int64_t)max, 0, &brc);
	bud_row_bind_i64(st, 3, (int64_t)offset, 0, &brc);
	rc = brc;
	while (rc == SQLITE_OK && *n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((rc = meeting_row(st, &out[*n], err)) != BUD_OK)
			goto out;
		(*n)++;
		rc = SQLITE_OK;
	}
	rc = rc == SQLITE_DONE || rc == SQLITE_OK ? BUD_OK :
		bud_conn_error(c, rc, "meeting list", err);
out:
	sqlite3_reset(st);
	return rc;
}

int bud_store_meeting_next(bud_conn *c, int64_t client_id, int64_t now,
			   int64_t *id, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT id FROM meeting WHERE client_id = ?1 "
		"AND state = 'booked' AND ends_at >= ?2 ORDER BY starts_at, id LIMIT 1", err);
	int brc = SQLITE_OK, rc;

	*id = 0;
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, client_id, 0, &brc);
	bud_row_bind_i64(st, 2, now, 0, &brc);
	rc = brc == SQLITE_OK ? sqlite3_step(st) : brc;
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? BUD_OK :
		bud_conn_error(c, rc, "meeting next", err);
	sqlite3_reset(st);
	return rc;
}

int bud_store_meeting_reps(bud_conn *c, int64_t client_id, const char *today,
			   bud_store_meeting_rep_fn fn, void *arg, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT DISTINCT u.display_name, u.email, u.lang "
		"FROM mandate md JOIN user u ON u.id = md.user_id "
		"WHERE md.client_id = ?1 AND md.valid_from <= ?2 "
		"AND (md.valid_to IS NULL OR md.valid_to >= ?2) AND md.ended_at IS NULL "
		"AND coalesce(u.email, '') <> '' ORDER BY u.id LIMIT ?3", err);
	int brc = SQLITE_OK, rc, frc = 0;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, client_id, 0, &brc);
	bud_row_bind_text(st, 2, today, 0, &brc);
	bud_row_bind_i64(st, 3, BUD_MEETING_REPS_MAX, 0, &brc);
	rc = brc;
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		frc = fn(arg, bud_row_col_str(st, 0), bud_row_col_str(st, 1),
			 bud_row_col_str(st, 2));
		rc = frc ? SQLITE_DONE : SQLITE_OK;
	}
	if (frc)
		rc = frc;
	else
		rc = rc == SQLITE_DONE || rc == SQLITE_OK ? BUD_OK :
			bud_conn_error(c, rc, "meeting reps", err);
	sqlite3_reset(st);
	return rc;
}

int bud_store_video_get(bud_conn *c, int64_t organiser_id, char *url, size_t urlsz,
			bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT base_url FROM organiser_video "
					 "WHERE organiser_id = ?1", err);
	int brc = SQLITE_OK, rc;

	url[0] = '\0';
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, organiser_id, 0, &brc);
	rc = brc == SQLITE_OK ? sqlite3_step(st) : brc;
	if (rc == SQLITE_ROW)
		rc = bud_row_col_text(st, 0, url, urlsz, err);
	else
		rc = rc == SQLITE_DONE ? BUD_OK : bud_conn_error(c, rc, "video get", err);
	sqlite3_reset(st);
	return rc;
}

int bud_store_video_set(bud_conn *w, int64_t organiser_id, const char *url,
			int64_t by, int64_t now, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "INSERT INTO organiser_video (organiser_id, "
		"base_url, updated_by, updated_at) VALUES (?1, ?2, ?3, ?4) "
		"ON CONFLICT (organiser_id) DO UPDATE SET base_url = ?2, updated_by = ?3, "
		"updated_at = ?4", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, organiser_id, 0, &brc);
	bud_row_bind_text(st, 2, url, 0, &brc);
	bud_row_bind_i64(st, 3, by, 1, &brc);
	bud_row_bind_i64(st, 4, now, 0, &brc);
	return bud_row_step_done(w, st, brc, "video set", err);
}
