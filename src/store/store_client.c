/*
 * store/store_client.c: SQL for the client table (store/client.h).
 * Statements are prepared once per connection and reset before return.
 * The search key is computed here from the names (store/collate.h), so no
 * caller can let it drift from them.
 */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "store/client.h"
#include "store/collate.h"
#include "store/row.h"

/* --- clients --- */

#define CLIENT_COLS "id, organiser_id, hetu, first_name, last_name, lang, " \
		    "municipality, email, phone, address, communication, " \
		    "easy_read, worker_id, unit_id, created_at, updated_at"

static int client_row(sqlite3_stmt *st, void *row, bud_err *err)
{
	struct bud_store_client *c = row;
	int rc;

	memset(c, 0, sizeof(*c));
	c->id = sqlite3_column_int64(st, 0);
	c->organiser_id = sqlite3_column_int64(st, 1);
	c->easy_read = sqlite3_column_int(st, 11);
	c->worker_id = sqlite3_column_int64(st, 12);	/* NULL reads as 0 */
	c->unit_id = sqlite3_column_int64(st, 13);
	c->created_at = sqlite3_column_int64(st, 14);
	c->updated_at = sqlite3_column_int64(st, 15);
	if ((rc = bud_row_col_text(st, 2, c->hetu, sizeof(c->hetu), err)) ||
	    (rc = bud_row_col_text(st, 3, c->first_name, sizeof(c->first_name), err)) ||
	    (rc = bud_row_col_text(st, 4, c->last_name, sizeof(c->last_name), err)) ||
	    (rc = bud_row_col_text(st, 5, c->lang, sizeof(c->lang), err)) ||
	    (rc = bud_row_col_text(st, 6, c->municipality, sizeof(c->municipality), err)) ||
	    (rc = bud_row_col_text(st, 7, c->email, sizeof(c->email), err)) ||
	    (rc = bud_row_col_text(st, 8, c->phone, sizeof(c->phone), err)) ||
	    (rc = bud_row_col_text(st, 9, c->address, sizeof(c->address), err)) ||
	    (rc = bud_row_col_text(st, 10, c->communication, sizeof(c->communication), err)))
		return rc;
	return BUD_OK;
}

static int client_fits(const struct bud_store_client *c, bud_err *err)
{
	int rc;

	if ((rc = bud_row_fits(c->hetu, sizeof(c->hetu) - 1, "hetu", err)) ||
	    (rc = bud_row_fits(c->first_name, BUD_NAME_MAX, "first_name", err)) ||
	    (rc = bud_row_fits(c->last_name, BUD_NAME_MAX, "last_name", err)) ||
	    (rc = bud_row_fits(c->lang, sizeof(c->lang) - 1, "lang", err)) ||
	    (rc = bud_row_fits(c->municipality, BUD_NAME_MAX, "municipality", err)) ||
	    (rc = bud_row_fits(c->email, BUD_NAME_MAX, "email", err)) ||
	    (rc = bud_row_fits(c->phone, sizeof(c->phone) - 1, "phone", err)) ||
	    (rc = bud_row_fits(c->address, BUD_NAME_MAX, "address", err)) ||
	    (rc = bud_row_fits(c->communication, BUD_NOTE_MAX, "communication", err)))
		return rc;
	return BUD_OK;
}

/* The folded "last first" of c into key (BUD_STORE_SEARCH_KEY bytes). */
static int search_key(const struct bud_store_client *c, char *key, bud_err *err)
{
	char both[BUD_STORE_SEARCH_KEY];

	snprintf(both, sizeof(both), "%s %s", c->last_name, c->first_name);
	if (bud_collate_fold(both, key, BUD_STORE_SEARCH_KEY) < 0)
		return bud_err_set(err, BUD_EINTERNAL, "last_name", "err.too_long",
				   "search key does not fit");
	return BUD_OK;
}

int bud_store_client_insert(bud_conn *w, const struct bud_store_client *c,
			    int64_t *id_out, bud_err *err)
{
	char key[BUD_STORE_SEARCH_KEY];
	sqlite3_stmt *st;
	int brc = SQLITE_OK;
	int rc;

	assert(w && c);
	if ((rc = client_fits(c, err)) != BUD_OK ||
	    (rc = search_key(c, key, err)) != BUD_OK)
		return rc;
	st = bud_conn_stmt(w, "INSERT INTO client (organiser_id, hetu, first_name, "
			   "last_name, lang, municipality, email, phone, address, "
			   "communication, easy_read, worker_id, unit_id, created_at, "
			   "search_key) "
			   "VALUES (?1, ?2, ?3, ?4, coalesce(?5, 'fi'), ?6, ?7, ?8, ?9, "
			   "?10, ?11, ?12, ?13, ?14, ?15)", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, c->organiser_id, 0, &brc);
	bud_row_bind_text(st, 2, c->hetu, 0, &brc);
	bud_row_bind_text(st, 3, c->first_name, 0, &brc);
	bud_row_bind_text(st, 4, c->last_name, 0, &brc);
	bud_row_bind_text(st, 5, c->lang, 1, &brc);
	bud_row_bind_text(st, 6, c->municipality, 1, &brc);
	bud_row_bind_text(st, 7, c->email, 1, &brc);
	bud_row_bind_text(st, 8, c->phone, 1, &brc);
	bud_row_bind_text(st, 9, c->address, 1, &brc);
	bud_row_bind_text(st, 10, c->communication, 1, &brc);
	bud_row_bind_i64(st, 11, c->easy_read ? 1 : 0, 0, &brc);
	bud_row_bind_i64(st, 12, c->worker_id, 1, &brc);
	bud_row_bind_i64(st, 13, c->unit_id, 1, &brc);
	bud_row_bind_i64(st, 14, c->created_at, 0, &brc);
	bud_row_bind_text(st, 15, key, 0, &brc);
	rc = bud_row_step_insert(w, st, brc, "client insert", id_out, err);
	if (rc == BUD_ECONFLICT && err)	/* UNIQUE (organiser_id, hetu) */
		snprintf(err->field, sizeof(err->field), "hetu");
	return rc;
}

int bud_store_client_get(bud_conn *c, int64_t id, struct bud_store_client *out,
			 bud_err *err)
{
	sqlite3_stmt *st;

	assert(c && out);
	st = bud_conn_stmt(c, "SELECT " CLIENT_COLS " FROM client WHERE id = ?1", err);
	if (!st)
		return bud_row_stmt_failed(err);
	return bud_row_get_one(c, st, sqlite3_bind_int64(st, 1, id), "client",
			       client_row, out, err);
}

int bud_store_client_list_by_worker(bud_conn *c, int64_t worker_id,
				    size_t offset, struct bud_store_client *out,
				    size_t max, size_t *n, bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;
	int rc;

	assert(c && n && (out || max == 0));
	*n = 0;
	if (max == 0)
		return BUD_OK;
	st = bud_conn_stmt(c, "SELECT " CLIENT_COLS " FROM client WHERE worker_id = ?1 AND destroyed_at IS NULL "
			   "ORDER BY last_name COLLATE fi, first_name COLLATE fi, id "
			   "LIMIT ?2 OFFSET ?3", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, worker_id, 0, &brc);
	bud_row_bind_i64(st, 2, (int64_t)max, 0, &brc);
	bud_row_bind_i64(st, 3, (int64_t)offset, 0, &brc);
	rc = brc;
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		assert(*n < max);
		if ((rc = client_row(st, &out[*n], err)) != BUD_OK)
			goto out;
		(*n)++;
	}
	rc = rc == SQLITE_DONE ? BUD_OK : bud_conn_error(c, rc, "client list", err);
out:
	sqlite3_reset(st);
	return rc;
}

int bud_store_client_set_worker(bud_conn *w, int64_t id, int64_t worker_id,
				int64_t unit_id, bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;
	int rc;

	assert(w);
	st = bud_conn_stmt(w, "UPDATE client SET worker_id = ?2, unit_id = ?3 "
			   "WHERE id = ?1", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, id, 0, &brc);
	bud_row_bind_i64(st, 2, worker_id, 1, &brc);
	bud_row_bind_i64(st, 3, unit_id, 1, &brc);
	if (brc != SQLITE_OK)
		rc = bud_conn_error(w, brc, "client set worker", err);
	else if ((rc = sqlite3_step(st)) != SQLITE_DONE)
		rc = bud_conn_error(w, rc, "client set worker", err);
	else if (bud_conn_changes(w) == 0)
		rc = bud_err_set(err, BUD_ENOTFOUND, "client", "err.not_found",
				 "no such client");
	else
		rc = BUD_OK;
	sqlite3_reset(st);
	return rc;
}

int bud_store_client_update(bud_conn *w, const struct bud_store_client *c,
			    bud_err *err)
{
	char key[BUD_STORE_SEARCH_KEY];
	sqlite3_stmt *st;
	int brc = SQLITE_OK;
	int rc;

	assert(w && c);
	if ((rc = client_fits(c, err)) != BUD_OK ||
	    (rc = search_key(c, key, err)) != BUD_OK)
		return rc;
	st = bud_conn_stmt(w, "UPDATE client SET first_name = ?2, last_name = ?3, "
			   "lang = coalesce(?4, 'fi'), municipality = ?5, email = ?6, "
			   "phone = ?7, address = ?8, communication = ?9, "
			   "easy_read = ?10, worker_id = ?11, unit_id = ?12, "
			   "updated_at = ?13, search_key = ?14 WHERE id = ?1", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, c->id, 0, &brc);
	bud_row_bind_text(st, 2, c->first_name, 0, &brc);
	bud_row_bind_text(st, 3, c->last_name, 0, &brc);
	bud_row_bind_text(st, 4, c->lang, 1, &brc);
	bud_row_bind_text(st, 5, c->municipality, 1, &brc);
	bud_row_bind_text(st, 6, c->email, 1, &brc);
	bud_row_bind_text(st, 7, c->phone, 1, &brc);
	bud_row_bind_text(st, 8, c->address, 1, &brc);
	bud_row_bind_text(st, 9, c->communication, 1, &brc);
	bud_row_bind_i64(st, 10, c->easy_read ? 1 : 0, 0, &brc);
	bud_row_bind_i64(st, 11, c->worker_id, 1, &brc);
	bud_row_bind_i64(st, 12, c->unit_id, 1, &brc);
	bud_row_bind_i64(st, 13, c->updated_at, 1, &brc);
	bud_row_bind_text(st, 14, key, 0, &brc);
	if (brc != SQLITE_OK)
		rc = bud_conn_error(w, brc, "client update", err);
	else if ((rc = sqlite3_step(st)) != SQLITE_DONE)
		rc = bud_conn_error(w, rc, "client update", err);
	else if (bud_conn_changes(w) == 0)
		rc = bud_err_set(err, BUD_ENOTFOUND, "client", "err.not_found",
				 "no such client");
	else
		rc = BUD_OK;
	sqlite3_reset(st);
	return rc;
}

int bud_store_client_by_hetu(bud_conn *c, int64_t organiser_id,
			     const char *hetu, struct bud_store_client *out,
			     bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;
	int rc;

	assert(c && hetu && out);
	st = bud_conn_stmt(c, "SELECT " CLIENT_COLS " FROM client WHERE hetu = ?1 "
			   "AND organiser_id = ?2", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_text(st, 1, hetu, 0, &brc);
	bud_row_bind_i64(st, 2, organiser_id, 0, &brc);
	rc = brc == SQLITE_OK ? sqlite3_step(st) : brc;
	if (rc == SQLITE_ROW)
		rc = client_row(st, out, err);
	else if (rc == SQLITE_DONE)
		rc = bud_err_set(err, BUD_ENOTFOUND, "hetu", "err.not_found",
				 "no client with this hetu");
	else
		rc = bud_conn_error(c, rc, "client by hetu", err);
	sqlite3_reset(st);
	return rc;
}

/* Bind a search word: NULL binds "" (instr(x, '') is 1: matches all). */
static void bind_word(sqlite3_stmt *st, int i, const char *w, int *brc)
{
	int rc = sqlite3_bind_text(st, i, w ? w : "", -1, SQLITE_STATIC);

	if (rc != SQLITE_OK && *brc == SQLITE_OK)
		*brc = rc;
}

int bud_store_client_search(bud_conn *c, const struct bud_store_client_query *q,
			    size_t offset, struct bud_store_client *out,
			    size_t max, size_t *n, bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;
	int rc;

	assert(c && q && n && (out || max == 0));
	*n = 0;
	if (max == 0)
		return BUD_OK;
	st = bud_conn_stmt(c, "SELECT " CLIENT_COLS " FROM client "
			   "WHERE (?1 = 0 OR organiser_id = ?1) AND destroyed_at IS NULL "
			   "AND ((?2 = 0 AND ?3 = 0) OR unit_id = ?2 OR worker_id = ?3) "
			   "AND (?4 IS NULL OR hetu = ?4) "
			   "AND instr(search_key, ?5) > 0 AND instr(search_key, ?6) > 0 "
			   "AND instr(search_key, ?7) > 0 "
			   "ORDER BY last_name COLLATE fi, first_name COLLATE fi, id "
			   "LIMIT ?8 OFFSET ?9", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, q->organiser_id, 0, &brc);
	bud_row_bind_i64(st, 2, q->unit_id, 0, &brc);
	bud_row_bind_i64(st, 3, q->worker_id, 0, &brc);
	bud_row_bind_text(st, 4, q->hetu, 1, &brc);
	bind_word(st, 5, q->words[0], &brc);
	bind_word(st, 6, q->words[1], &brc);
	bind_word(st, 7, q->words[2], &brc);
	bud_row_bind_i64(st, 8, (int64_t)max, 0, &brc);
	bud_row_bind_i64(st, 9, (int64_t)offset, 0, &brc);
	rc = brc;
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		assert(*n < max);
		if ((rc = client_row(st, &out[*n], err)) != BUD_OK)
			goto out;
		(*n)++;
	}
	rc = rc == SQLITE_DONE ? BUD_OK : bud_conn_error(c, rc, "client search", err);
out:
	sqlite3_reset(st);
	return rc;
}

int bud_store_client_account(bud_conn *c, int64_t client_id, int64_t *user_id,
			     char *username, size_t usz, bud_err *err)
{
	sqlite3_stmt *st;
	int rc;

	assert(c && user_id && username && usz > 0);
	*user_id = 0;
	username[0] = '\0';
	st = bud_conn_stmt(c, "SELECT id, username FROM user WHERE client_id = ?1 "
			   "AND role = 'client' ORDER BY id LIMIT 1", err);
	if (!st)
		return bud_row_stmt_failed(err);
	rc = sqlite3_bind_int64(st, 1, client_id);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*user_id = sqlite3_column_int64(st, 0);
		rc = bud_row_col_text(st, 1, username, usz, err);
	} else if (rc == SQLITE_DONE) {
		rc = bud_err_set(err, BUD_ENOTFOUND, NULL, "err.not_found",
				 "the client has no account");
	} else {
		rc = bud_conn_error(c, rc, "client account", err);
	}
	sqlite3_reset(st);
	return rc;
}
