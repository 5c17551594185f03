/*
 * store/store_credential.c: SQL for one-time links, TOTP, recovery codes,
 * a user's own sessions, the session sweep and the administrator's user
 * list (see store/credential.h). Literal statements, bound parameters.
 */
#include <string.h>

#include <sqlite3.h>

#include "store/credential.h"
#include "store/row.h"

/* ---- one-time links ---------------------------------------------------- */

int bud_store_link_insert(bud_conn *w, const unsigned char *hash, size_t hashlen,
			  const struct bud_store_link *l, int64_t *id_out,
			  bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "INSERT INTO password_link (token_hash, "
		"user_id, purpose, created_by, created_at, expires_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6)", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_blob(st, 1, hash, hashlen, &brc);
	bud_row_bind_i64(st, 2, l->user_id, 0, &brc);
	bud_row_bind_text(st, 3, l->purpose, 0, &brc);
	bud_row_bind_i64(st, 4, l->created_by, 1, &brc);
	bud_row_bind_i64(st, 5, l->created_at, 0, &brc);
	bud_row_bind_i64(st, 6, l->expires_at, 0, &brc);
	return bud_row_step_insert(w, st, brc, "password_link insert", id_out, err);
}

static int read_link(sqlite3_stmt *st, void *out, bud_err *err)
{
	struct bud_store_link *l = out;

	l->id = sqlite3_column_int64(st, 0);
	l->user_id = sqlite3_column_int64(st, 1);
	l->created_by = sqlite3_column_int64(st, 3);
	l->created_at = sqlite3_column_int64(st, 4);
	l->expires_at = sqlite3_column_int64(st, 5);
	l->used_at = sqlite3_column_int64(st, 6);
	return bud_row_col_text(st, 2, l->purpose, sizeof(l->purpose), err);
}

int bud_store_link_get(bud_conn *c, const unsigned char *hash, size_t hashlen,
		       struct bud_store_link *out, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT id, user_id, purpose, "
		"coalesce(created_by, 0), created_at, expires_at, coalesce(used_at, 0) "
		"FROM password_link WHERE token_hash = ?1", err);
	int brc = SQLITE_OK;

	memset(out, 0, sizeof(*out));
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_blob(st, 1, hash, hashlen, &brc);
	return bud_row_get_one(c, st, brc, "token", read_link, out, err);
}

int bud_store_link_close_user(bud_conn *w, int64_t user_id, int64_t at,
			      bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "UPDATE password_link SET used_at = ?2 "
		"WHERE user_id = ?1 AND used_at IS NULL", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, user_id, 0, &brc);
	bud_row_bind_i64(st, 2, at, 0, &brc);
	return bud_row_step_done(w, st, brc, "password_link close", err);
}

int bud_store_link_use(bud_conn *w, int64_t id, int64_t at, int *done,
		       bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "UPDATE password_link SET used_at = ?2 "
		"WHERE id = ?1 AND used_at IS NULL", err);
	int brc = SQLITE_OK, rc;

	*done = 0;
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, id, 0, &brc);
	bud_row_bind_i64(st, 2, at, 0, &brc);
	rc = bud_row_step_done(w, st, brc, "password_link use", err);
	if (rc == BUD_OK)
		*done = bud_conn_changes(w) == 1;
	return rc;
}

/* ---- TOTP -------------------------------------------------------------- */

/* Copy a blob column of exactly BUD_TOTP_SECRET_BYTES into dst. */
static int col_secret(sqlite3_stmt *st, int col, unsigned char *dst)
{
	const void *p = sqlite3_column_blob(st, col);

	if (!p || sqlite3_column_bytes(st, col) != BUD_TOTP_SECRET_BYTES)
		return 0;
	memcpy(dst, p, BUD_TOTP_SECRET_BYTES);
	return 1;
}

static int read_totp(sqlite3_stmt *st, void *out, bud_err *err)
{
	struct bud_store_totp *t = out;

	(void)err;
	t->enrolled = col_secret(st, 0, t->secret);
	t->has_pending = col_secret(st, 1, t->pending);
	t->last_step = sqlite3_column_int64(st, 2);
	return BUD_OK;
}

int bud_store_totp_get(bud_conn *c, int64_t user_id, struct bud_store_totp *out,
		       bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT totp_secret, totp_pending, "
		"totp_last_step FROM user WHERE id = ?1", err);
	int brc = SQLITE_OK;

	memset(out, 0, sizeof(*out));
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, user_id, 0, &brc);
	return bud_row_get_one(c, st, brc, "user", read_totp, out, err);
}

int bud_store_totp_set_pending(bud_conn *w, int64_t user_id,
			       const unsigned char *secret, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "UPDATE user SET totp_pending = ?2 "
		"WHERE id = ?1", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, user_id, 0, &brc);
	if (secret)
		bud_row_bind_blob(st, 2, secret, BUD_TOTP_SECRET_BYTES, &brc);
	else if (brc == SQLITE_OK)
		brc = sqlite3_bind_null(st, 2);
	return bud_row_step_done(w, st, brc, "totp pending", err);
}

int bud_store_totp_confirm(bud_conn *w, int64_t user_id, int64_t step,
			   bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "UPDATE user SET totp_secret = "
		"totp_pending, totp_pending = NULL, totp_last_step = ?2 "
		"WHERE id = ?1 AND totp_pending IS NOT NULL", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, user_id, 0, &brc);
	bud_row_bind_i64(st, 2, step, 0, &brc);
	return bud_row_step_done(w, st, brc, "totp confirm", err);
}

int bud_store_totp_clear(bud_conn *w, int64_t user_id, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "UPDATE user SET totp_secret = NULL, "
		"totp_pending = NULL, totp_last_step = 0 WHERE id = ?1", err);
	sqlite3_stmt *rs;
	int brc = SQLITE_OK, rc;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, user_id, 0, &brc);
	rc = bud_row_step_done(w, st, brc, "totp clear", err);
	if (rc != BUD_OK)
		return rc;
	rs = bud_conn_stmt(w, "DELETE FROM recovery_code WHERE user_id = ?1", err);
	if (!rs)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(rs, 1, user_id, 0, &brc);
	return bud_row_step_done(w, rs, brc, "recovery clear", err);
}

int bud_store_totp_use_step(bud_conn *w, int64_t user_id, int64_t step,
			    int *done, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "UPDATE user SET totp_last_step = ?2 "
		"WHERE id = ?1 AND totp_last_step < ?2", err);
	int brc = SQLITE_OK, rc;

	*done = 0;
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, user_id, 0, &brc);
	bud_row_bind_i64(st, 2, step, 0, &brc);
	rc = bud_row_step_done(w, st, brc, "totp step", err);
	if (rc == BUD_OK)
		*done = bud_conn_changes(w) == 1;
	return rc;
}

int bud_store_recovery_insert(bud_conn *w, int64_t user_id,
			      const unsigned char *hash, size_t hashlen,
			      bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "INSERT INTO recovery_code (user_id, "
		"code_hash) VALUES (?1, ?2)", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, user_id, 0, &brc);
	bud_row_bind_blob(st, 2, hash, hashlen, &brc);
	return bud_row_step_done(w, st, brc, "recovery insert", err);
}

int bud_store_recovery_use(bud_conn *w, int64_t user_id,
			   const unsigned char *hash, size_t hashlen, int64_t at,
			   int *done, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "UPDATE recovery_code SET used_at = ?3 "
		"WHERE user_id = ?1 AND code_hash = ?2 AND used_at IS NULL", err);
	int brc = SQLITE_OK, rc;

	*done = 0;
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, user_id, 0, &brc);
	bud_row_bind_blob(st, 2, hash, hashlen, &brc);
	bud_row_bind_i64(st, 3, at, 0, &brc);
	rc = bud_row_step_done(w, st, brc, "recovery use", err);
	if (rc == BUD_OK)
		*done = bud_conn_changes(w) == 1;
	return rc;
}

static int read_count(sqlite3_stmt *st, void *out, bud_err *err)
{
	(void)err;
	*(int *)out = sqlite3_column_int(st, 0);
	return BUD_OK;
}

int bud_store_recovery_left(bud_conn *c, int64_t user_id, int *n, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT count(*) FROM recovery_code "
		"WHERE user_id = ?1 AND used_at IS NULL", err);
	int brc = SQLITE_OK;

	*n = 0;
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, user_id, 0, &brc);
	return bud_row_get_one(c, st, brc, "recovery", read_count, n, err);
}

/* ---- sessions ---------------------------------------------------------- */

#define SESSION_COLS "id, created_at, last_seen, factor_at, pending, user_agent, user_id"

static int read_session(sqlite3_stmt *st, void *out, bud_err *err)
{
	struct bud_store_session_row *s = out;

	memset(s, 0, sizeof(*s));
	s->id = sqlite3_column_int64(st, 0);
	s->created_at = sqlite3_column_int64(st, 1);
	s->last_seen = sqlite3_column_int64(st, 2);
	s->factor_at = sqlite3_column_int64(st, 3);
	s->pending = sqlite3_column_int(st, 4);
	return bud_row_col_text(st, 5, s->user_agent, sizeof(s->user_agent), err);
}

int bud_store_session_list(bud_conn *c, int64_t user_id,
			   struct bud_store_session_row *out, size_t max,
			   size_t *n, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT " SESSION_COLS " FROM session "
		"WHERE user_id = ?1 AND pending = 0 "
		"ORDER BY created_at DESC, id DESC LIMIT ?2", err);
	int brc = SQLITE_OK, rc = BUD_OK, s;

	*n = 0;
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, user_id, 0, &brc);
	bud_row_bind_i64(st, 2, (int64_t)max, 0, &brc);
	s = brc == SQLITE_OK ? sqlite3_step(st) : brc;
	while (s == SQLITE_ROW && rc == BUD_OK && *n < max) {
		rc = read_session(st, &out[(*n)++], err);
		s = sqlite3_step(st);
	}
	if (rc == BUD_OK && s != SQLITE_DONE && s != SQLITE_ROW)
		rc = bud_conn_error(c, s, "session list", err);
	sqlite3_reset(st);
	return rc;
}

struct session_owner {
	struct bud_store_session_row *row;
	int64_t *user_id;
};

static int read_owned(sqlite3_stmt *st, void *out, bud_err *err)
{
	struct session_owner *o = out;

	*o->user_id = sqlite3_column_int64(st, 6);
	return read_session(st, o->row, err);
}

int bud_store_session_row_get(bud_conn *c, int64_t id,
			      struct bud_store_session_row *out, int64_t *user_id,
			      bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT " SESSION_COLS " FROM session "
		"WHERE id = ?1", err);
	struct session_owner o = {out, user_id};
	int brc = SQLITE_OK;

	*user_id = 0;
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, id, 0, &brc);
	return bud_row_get_one(c, st, brc, "session", read_owned, &o, err);
}

int bud_store_session_delete_own(bud_conn *w, int64_t user_id, int64_t id,
				 int *done, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "DELETE FROM session "
		"WHERE id = ?1 AND user_id = ?2", err);
	int brc = SQLITE_OK, rc;

	*done = 0;
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, id, 0, &brc);
	bud_row_bind_i64(st, 2, user_id, 0, &brc);
	rc = bud_row_step_done(w, st, brc, "session delete own", err);
	if (rc == BUD_OK)
		*done = bud_conn_changes(w) == 1;
	return rc;
}

int bud_store_session_set_agent(bud_conn *w, int64_t id, const char *ua,
				bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "UPDATE session SET user_agent = ?2 "
		"WHERE id = ?1", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, id, 0, &brc);
	bud_row_bind_text(st, 2, ua ? ua : "", 0, &brc);
	return bud_row_step_done(w, st, brc, "session agent", err);
}

int bud_store_session_factor(bud_conn *w, int64_t id, int64_t at, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "UPDATE session SET pending = 0, "
		"factor_at = ?2 WHERE id = ?1", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, id, 0, &brc);
	bud_row_bind_i64(st, 2, at, 0, &brc);
	return bud_row_step_done(w, st, brc, "session factor", err);
}

int bud_store_session_set_pending(bud_conn *w, int64_t id, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "UPDATE session SET pending = 1 "
		"WHERE id = ?1", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, id, 0, &brc);
	return bud_row_step_done(w, st, brc, "session pending", err);
}

int bud_store_session_sweep(bud_conn *w, int64_t idle_before,
			    int64_t created_before, int64_t pending_before,
			    int max, int *removed, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "DELETE FROM session WHERE id IN "
		"(SELECT id FROM session WHERE last_seen < ?1 OR created_at < ?2 "
		"OR (pending = 1 AND created_at < ?3) LIMIT ?4)", err);
	int brc = SQLITE_OK, rc;

	*removed = 0;
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, idle_before, 0, &brc);
	bud_row_bind_i64(st, 2, created_before, 0, &brc);
	bud_row_bind_i64(st, 3, pending_before, 0, &brc);
	bud_row_bind_i64(st, 4, max, 0, &brc);
	rc = bud_row_step_done(w, st, brc, "session sweep", err);
	if (rc == BUD_OK)
		*removed = bud_conn_changes(w);
	return rc;
}

/* ---- users as the administrator manages them --------------------------- */

#define USER_ROW_COLS "u.id, coalesce(u.unit_id, 0), coalesce(u.organiser_id, 0), " \
	"u.username, u.display_name, u.role, u.lang, coalesce(u.email, ''), " \
	"u.active, u.totp_secret IS NOT NULL, u.created_at"

static int read_user_row(sqlite3_stmt *st, void *out, bud_err *err)
{
	struct bud_store_user_row *r = out;
	int rc;

	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(st, 0);
	r->unit_id = sqlite3_column_int64(st, 1);
	r->organiser_id = sqlite3_column_int64(st, 2);
	r->active = sqlite3_column_int(st, 8);
	r->totp = sqlite3_column_int(st, 9);
	r->created_at = sqlite3_column_int64(st, 10);
	if ((rc = bud_row_col_text(st, 3, r->username, sizeof(r->username), err)) ||
	    (rc = bud_row_col_text(st, 4, r->display_name, sizeof(r->display_name), err)) ||
	    (rc = bud_row_col_text(st, 5, r->role, sizeof(r->role), err)) ||
	    (rc = bud_row_col_text(st, 6, r->lang, sizeof(r->lang), err)))
		return rc;
	return bud_row_col_text(st, 7, r->email, sizeof(r->email), err);
}

int bud_store_staff_list(bud_conn *c, int64_t organiser_id, int64_t after,
			 struct bud_store_user_row *out, size_t max, size_t *n,
			 bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT " USER_ROW_COLS " FROM user u "
		"WHERE u.role IN ('admin', 'worker', 'decision_maker', 'finance') "
		"AND (u.organiser_id IS NULL OR u.organiser_id = ?1) AND u.id > ?2 "
		"ORDER BY u.id LIMIT ?3", err);
	int brc = SQLITE_OK, rc = BUD_OK, s;

	*n = 0;
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, organiser_id, 0, &brc);
	bud_row_bind_i64(st, 2, after, 0, &brc);
	bud_row_bind_i64(st, 3, (int64_t)max, 0, &brc);
	s = brc == SQLITE_OK ? sqlite3_step(st) : brc;
	while (s == SQLITE_ROW && rc == BUD_OK && *n < max) {
		rc = read_user_row(st, &out[(*n)++], err);
		s = sqlite3_step(st);
	}
	if (rc == BUD_OK && s != SQLITE_DONE && s != SQLITE_ROW)
		rc = bud_conn_error(c, s, "user list", err);
	sqlite3_reset(st);
	return rc;
}

int bud_store_user_row_get(bud_conn *c, int64_t id, struct bud_store_user_row *out,
			   bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT " USER_ROW_COLS " FROM user u "
		"WHERE u.id = ?1", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, id, 0, &brc);
	return bud_row_get_one(c, st, brc, "user", read_user_row, out, err);
}

int bud_store_user_update(bud_conn *w, const struct bud_store_user_row *r,
			  bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "UPDATE user SET display_name = ?2, "
		"role = ?3, unit_id = ?4, email = ?5, lang = ?6 WHERE id = ?1", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, r->id, 0, &brc);
	bud_row_bind_text(st, 2, r->display_name, 0, &brc);
	bud_row_bind_text(st, 3, r->role, 0, &brc);
	bud_row_bind_i64(st, 4, r->unit_id, 1, &brc);
	bud_row_bind_text(st, 5, r->email, 1, &brc);
	bud_row_bind_text(st, 6, r->lang, 0, &brc);
	return bud_row_step_done(w, st, brc, "user update", err);
}

int bud_store_user_set_active(bud_conn *w, int64_t id, int active, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "UPDATE user SET active = ?2 "
		"WHERE id = ?1", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, id, 0, &brc);
	bud_row_bind_i64(st, 2, active ? 1 : 0, 0, &brc);
	return bud_row_step_done(w, st, brc, "user active", err);
}
