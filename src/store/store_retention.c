/*
 * store/store_retention.c: SQL of retention and destruction (see
 * store/retention.h and migration 024). Every statement is a literal
 * prepared once per connection. Destruction is a fixed list of updates
 * and deletes, each bound to the client's id and counted, run inside the
 * caller's one write unit; the writer's connection has secure_delete on
 * (store/db.c), so what they remove is overwritten in the file too.
 */
#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "store/retention.h"
#include "store/row.h"

int bud_store_retention_years(bud_conn *c, int64_t organiser_id, int *years,
			      bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT retention_years FROM organiser "
		"WHERE id = ?1", err);
	int rc;

	*years = 0;
	if (!st)
		return bud_row_stmt_failed(err);
	sqlite3_bind_int64(st, 1, organiser_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*years = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return BUD_OK;
	if (rc == SQLITE_DONE)
		return bud_err_set(err, BUD_ENOTFOUND, "organiser", "err.notfound",
				   "no such organiser");
	return bud_conn_error(c, rc, "retention years", err);
}

int bud_store_retention_years_set(bud_conn *w, int64_t organiser_id, int years,
				  bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "UPDATE organiser SET retention_years = ?2 "
		"WHERE id = ?1", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, organiser_id, 0, &brc);
	bud_row_bind_i64(st, 2, years, 0, &brc);
	return bud_row_step_done(w, st, brc, "retention years", err);
}

/* A due client (columns: client, closed_on, municipality, unit). */
static int read_due(sqlite3_stmt *st, struct bud_store_due *d, bud_err *err)
{
	int rc;

	memset(d, 0, sizeof(*d));
	d->client_id = sqlite3_column_int64(st, 0);
	d->unit_id = sqlite3_column_int64(st, 3);
	if ((rc = bud_row_col_text(st, 1, d->closed_on, sizeof(d->closed_on), err)) ||
	    (rc = bud_row_col_text(st, 2, d->municipality, sizeof(d->municipality), err)))
		return rc;
	return BUD_OK;
}

/* Step st, passing each row read by read_due (and the list columns from 4
 * when items) to fn. */
static int each_due(bud_conn *c, sqlite3_stmt *st, int items, bud_store_due_fn fn,
		    void *arg, bud_err *err)
{
	struct bud_store_due d;
	int rc, frc = 0;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((frc = read_due(st, &d, err)) != BUD_OK)
			break;
		if (items && ((frc = bud_row_col_text(st, 4, d.state, sizeof(d.state), err)) ||
			      (frc = bud_row_col_text(st, 6, d.removed, sizeof(d.removed), err))))
			break;
		d.done_at = items ? sqlite3_column_int64(st, 5) : 0;
		if ((frc = fn(arg, &d)) != 0)
			break;
	}
	sqlite3_reset(st);
	if (frc != 0)
		return frc;
	return rc == SQLITE_DONE ? BUD_OK : bud_conn_error(c, rc, "retention list", err);
}

int bud_store_retention_due(bud_conn *c, int64_t organiser_id, const char *today,
			    int years, int64_t offset, int limit,
			    bud_store_due_fn fn, void *arg, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT cc.client_id, cc.closed_on, "
		"coalesce(c.municipality, ''), coalesce(c.unit_id, 0) FROM client_closed cc "
		"JOIN client c ON c.id = cc.client_id WHERE cc.organiser_id = ?1 AND "
		"cc.closed_on < date(?2, '-' || ?3 || ' years') "
		"ORDER BY cc.closed_on, cc.client_id LIMIT ?4 OFFSET ?5", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, organiser_id, 0, &brc);
	bud_row_bind_text(st, 2, today, 0, &brc);
	bud_row_bind_i64(st, 3, years, 0, &brc);
	bud_row_bind_i64(st, 4, limit, 0, &brc);
	bud_row_bind_i64(st, 5, offset, 0, &brc);
	if (brc != SQLITE_OK) {
		sqlite3_reset(st);
		return bud_conn_error(c, brc, "retention due", err);
	}
	return each_due(c, st, 0, fn, arg, err);
}

int bud_store_retention_closed_on(bud_conn *c, int64_t client_id, char out[11],
				  bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT closed_on FROM client_closed "
		"WHERE client_id = ?1", err);
	int rc;

	out[0] = '\0';
	if (!st)
		return bud_row_stmt_failed(err);
	sqlite3_bind_int64(st, 1, client_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		rc = bud_row_col_text(st, 0, out, 11, err) == BUD_OK ? SQLITE_DONE : -1;
	sqlite3_reset(st);
	if (rc == -1)
		return err ? err->code : BUD_EINTERNAL;
	return rc == SQLITE_DONE ? BUD_OK : bud_conn_error(c, rc, "closed on", err);
}

int bud_store_dlist_insert(bud_conn *w, int64_t organiser_id, const char *today,
			   int years, int64_t created_by, int64_t now, int max,
			   int64_t *id, int64_t *count, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "INSERT INTO destruction_list "
		"(organiser_id, as_of, retention_years, created_by, created_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5)", err);
	int brc = SQLITE_OK, rc;

	*count = 0;
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, organiser_id, 0, &brc);
	bud_row_bind_text(st, 2, today, 0, &brc);
	bud_row_bind_i64(st, 3, years, 0, &brc);
	bud_row_bind_i64(st, 4, created_by, 1, &brc);
	bud_row_bind_i64(st, 5, now, 0, &brc);
	if ((rc = bud_row_step_insert(w, st, brc, "destruction list", id, err)))
		return rc;
	st = bud_conn_stmt(w, "INSERT INTO destruction_item (list_id, client_id, "
		"closed_on) SELECT ?1, client_id, closed_on FROM client_closed "
		"WHERE organiser_id = ?2 AND closed_on < date(?3, '-' || ?4 || ' years') "
		"ORDER BY closed_on, client_id LIMIT ?5", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, *id, 0, &brc);
	bud_row_bind_i64(st, 2, organiser_id, 0, &brc);
	bud_row_bind_text(st, 3, today, 0, &brc);
	bud_row_bind_i64(st, 4, years, 0, &brc);
	bud_row_bind_i64(st, 5, max, 0, &brc);
	if ((rc = bud_row_step_done(w, st, brc, "destruction items", err)))
		return rc;
	*count = bud_conn_changes(w);
	return BUD_OK;
}

#define DLIST_COLS \
	"l.id, l.organiser_id, l.as_of, l.retention_years, l.state, " \
	"coalesce(l.created_by, 0), l.created_at, coalesce(l.approved_by, 0), " \
	"coalesce(l.approved_at, 0), coalesce(l.done_at, 0), " \
	"coalesce(cu.display_name, ''), coalesce(au.display_name, ''), " \
	"(SELECT count(*) FROM destruction_item i WHERE i.list_id = l.id), " \
	"(SELECT count(*) FROM destruction_item i WHERE i.list_id = l.id AND " \
	"i.state = 'destroyed'), (SELECT count(*) FROM destruction_item i " \
	"WHERE i.list_id = l.id AND i.state = 'dropped') FROM destruction_list l " \
	"LEFT JOIN user cu ON cu.id = l.created_by LEFT JOIN user au ON au.id = l.approved_by "

static int read_dlist(sqlite3_stmt *st, void *out, bud_err *err)
{
	struct bud_store_dlist *l = out;
	int rc;

	memset(l, 0, sizeof(*l));
	l->id = sqlite3_column_int64(st, 0);
	l->organiser_id = sqlite3_column_int64(st, 1);
	l->retention_years = sqlite3_column_int(st, 3);
	l->created_by = sqlite3_column_int64(st, 5);
	l->created_at = sqlite3_column_int64(st, 6);
	l->approved_by = sqlite3_column_int64(st, 7);
	l->approved_at = sqlite3_column_int64(st, 8);
	l->done_at = sqlite3_column_int64(st, 9);
	l->clients = sqlite3_column_int64(st, 12);
	l->destroyed = sqlite3_column_int64(st, 13);
	l->dropped = sqlite3_column_int64(st, 14);
	if ((rc = bud_row_col_text(st, 2, l->as_of, sizeof(l->as_of), err)) ||
	    (rc = bud_row_col_text(st, 4, l->state, sizeof(l->state), err)) ||
	    (rc = bud_row_col_text(st, 10, l->created_by_name, sizeof(l->created_by_name), err)) ||
	    (rc = bud_row_col_text(st, 11, l->approved_by_name, sizeof(l->approved_by_name), err)))
		return rc;
	return BUD_OK;
}

int bud_store_dlist_get(bud_conn *c, int64_t organiser_id, int64_t id,
			struct bud_store_dlist *out, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT " DLIST_COLS
		"WHERE l.id = ?1 AND l.organiser_id = ?2", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, id, 0, &brc);
	bud_row_bind_i64(st, 2, organiser_id, 0, &brc);
	return bud_row_get_one(c, st, brc, "list", read_dlist, out, err);
}

int bud_store_dlists(bud_conn *c, int64_t organiser_id, int64_t offset, int limit,
		     bud_store_dlist_fn fn, void *arg, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT " DLIST_COLS
		"WHERE l.organiser_id = ?1 ORDER BY l.id DESC LIMIT ?2 OFFSET ?3", err);
	struct bud_store_dlist l;
	int rc, frc = 0;

	if (!st)
		return bud_row_stmt_failed(err);
	sqlite3_bind_int64(st, 1, organiser_id);
	sqlite3_bind_int64(st, 2, limit);
	sqlite3_bind_int64(st, 3, offset);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((frc = read_dlist(st, &l, err)) != BUD_OK || (frc = fn(arg, &l)) != 0)
			break;
	}
	sqlite3_reset(st);
	if (frc != 0)
		return frc;
	return rc == SQLITE_DONE ? BUD_OK : bud_conn_error(c, rc, "destruction lists", err);
}

int bud_store_dlist_open(bud_conn *c, int64_t organiser_id, int64_t *id,
			 bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT id FROM destruction_list "
		"WHERE organiser_id = ?1 AND state <> 'done' ORDER BY id LIMIT 1", err);
	int rc;

	*id = 0;
	if (!st)
		return bud_row_stmt_failed(err);
	sqlite3_bind_int64(st, 1, organiser_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? BUD_OK :
		bud_conn_error(c, rc, "open destruction list", err);
}

int bud_store_dlist_items(bud_conn *c, int64_t list_id, const char *state,
			  bud_store_due_fn fn, void *arg, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT i.client_id, i.closed_on, "
		"coalesce(c.municipality, ''), coalesce(c.unit_id, 0), i.state, "
		"coalesce(i.done_at, 0), i.removed FROM destruction_item i "
		"JOIN client c ON c.id = i.client_id WHERE i.list_id = ?1 AND "
		"(?2 IS NULL OR i.state = ?2) ORDER BY i.closed_on, i.client_id", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, list_id, 0, &brc);
	bud_row_bind_text(st, 2, state, 1, &brc);
	if (brc != SQLITE_OK) {
		sqlite3_reset(st);
		return bud_conn_error(c, brc, "destruction items", err);
	}
	return each_due(c, st, 1, fn, arg, err);
}

int bud_store_dlist_approve(bud_conn *w, int64_t id, int64_t by, int64_t now,
			    bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "UPDATE destruction_list SET state = "
		"'approved', approved_by = ?2, approved_at = ?3 WHERE id = ?1 AND "
		"state = 'proposed'", err);
	int brc = SQLITE_OK, rc;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, id, 0, &brc);
	bud_row_bind_i64(st, 2, by, 1, &brc);
	bud_row_bind_i64(st, 3, now, 0, &brc);
	if ((rc = bud_row_step_done(w, st, brc, "approve list", err)))
		return rc;
	return bud_conn_changes(w) == 1 ? BUD_OK :
		bud_err_set(err, BUD_ECONFLICT, "state", "err.retention.state",
			    "the list is not waiting for approval");
}

int bud_store_dlist_done(bud_conn *w, int64_t id, int64_t now, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "UPDATE destruction_list SET state = "
		"'done', done_at = ?2 WHERE id = ?1 AND state = 'approved'", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, id, 0, &brc);
	bud_row_bind_i64(st, 2, now, 0, &brc);
	return bud_row_step_done(w, st, brc, "list done", err);
}

int bud_store_ditem_set(bud_conn *w, int64_t list_id, int64_t client_id,
			const char *state, int64_t by, int64_t now,
			const char *removed, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "UPDATE destruction_item SET state = ?3, "
		"done_by = ?4, done_at = ?5, removed = ?6 WHERE list_id = ?1 AND "
		"client_id = ?2 AND state = 'listed'", err);
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, list_id, 0, &brc);
	bud_row_bind_i64(st, 2, client_id, 0, &brc);
	bud_row_bind_text(st, 3, state, 0, &brc);
	bud_row_bind_i64(st, 4, by, 1, &brc);
	bud_row_bind_i64(st, 5, now, 0, &brc);
	bud_row_bind_text(st, 6, removed ? removed : "", 0, &brc);
	return bud_row_step_done(w, st, brc, "destruction item", err);
}

/* The accounts destruction empties: the client's own, and those of its
 * representatives who have no mandate for a client still kept. */
#define USERS_OF(c) "(SELECT id FROM user WHERE client_id = " c " AND role = 'client' " \
	"UNION SELECT m.user_id FROM mandate m JOIN user u ON u.id = m.user_id " \
	"WHERE m.client_id = " c " AND u.role = 'representative' AND NOT EXISTS " \
	"(SELECT 1 FROM mandate m2 JOIN client c2 ON c2.id = m2.client_id WHERE " \
	"m2.user_id = m.user_id AND m2.client_id <> " c " AND c2.destroyed_at IS NULL))"
#define PLANS_OF "(SELECT id FROM plan WHERE client_id = ?1)"
#define CMS_OF "(SELECT id FROM commitment WHERE client_id = ?1)"

/* One step of destruction: a statement with ?1 the client (and ?2 now),
 * and the name its count is reported under ("" : not reported). */
struct destroy_step {
	const char *label;
	const char *sql;
};

static const struct destroy_step destroy_steps[] = {
	{"", "DELETE FROM idempotency WHERE (SELECT instr(idempotency.body, hetu) > 0 "
	 "OR (first_name <> '' AND last_name <> '' AND instr(idempotency.body, "
	 "'\"' || first_name || '\"') > 0 AND instr(idempotency.body, '\"' || "
	 "last_name || '\"') > 0) FROM client WHERE id = ?1)"},
	{"letters", "DELETE FROM outbox WHERE dedupe_key IN (SELECT 'commitment:' || id "
	 "|| ':made' FROM commitment WHERE client_id = ?1 UNION SELECT 'commitment:' || "
	 "id || ':ended' FROM commitment WHERE client_id = ?1 UNION SELECT 'link:' || "
	 "id FROM password_link WHERE user_id IN " USERS_OF("?1") ")"},
	{"", "DELETE FROM outbox WHERE dedupe_key LIKE 'meeting:%' AND "
	 "CAST(substr(dedupe_key, 9, instr(substr(dedupe_key, 9), ':') - 1) AS INTEGER) "
	 "IN (SELECT id FROM meeting WHERE client_id = ?1)"},
	{"", "DELETE FROM login_attempt WHERE username IN (SELECT username FROM user "
	 "WHERE id IN " USERS_OF("?1") ")"},
	{"", "DELETE FROM oidc_session WHERE session_id IN (SELECT id FROM session "
	 "WHERE user_id IN " USERS_OF("?1") ")"},
	{"", "DELETE FROM session WHERE user_id IN " USERS_OF("?1")},
	{"", "DELETE FROM password_link WHERE user_id IN " USERS_OF("?1")},
	{"", "DELETE FROM recovery_code WHERE user_id IN " USERS_OF("?1")},
	{"identity codes of accounts", "DELETE FROM user_identity WHERE user_id IN "
	 USERS_OF("?1")},
	{"accounts", "UPDATE user SET username = 'destroyed-' || id, display_name = '', "
	 "email = NULL, password_hash = '', active = 0, totp_secret = NULL, "
	 "totp_pending = NULL WHERE id IN " USERS_OF("?1")},
	{"mandates", "DELETE FROM mandate WHERE client_id = ?1"},
	{"", "UPDATE assessment_need SET client_view = '', worker_view = '' WHERE "
	 "assessment_id IN (SELECT id FROM assessment WHERE client_id = ?1) AND "
	 "(client_view <> '' OR worker_view <> '')"},
	{"assessments", "UPDATE assessment SET participants = '', client_view = '', "
	 "worker_view = '', notes = '' WHERE client_id = ?1"},
	{"", "UPDATE offer_answer SET usual_note = '' WHERE offer_id IN (SELECT id "
	 "FROM offer WHERE client_id = ?1) AND usual_note <> ''"},
	{"offers", "UPDATE offer SET note = '' WHERE client_id = ?1"},
	{"", "UPDATE support_plan_service SET note = '' WHERE support_plan_id IN "
	 "(SELECT id FROM support_plan WHERE client_id = ?1) AND note <> ''"},
	{"support plans", "UPDATE support_plan SET goals = '', wishes = '', "
	 "helper_note = '' WHERE client_id = ?1"},
	{"", "UPDATE plan_line SET content = '' WHERE plan_id IN " PLANS_OF
	 " AND content <> ''"},
	{"plans", "UPDATE plan SET label = '', fee_note = '', reasoning = '', "
	 "returned_note = '' WHERE client_id = ?1"},
	{"", "UPDATE commitment_event SET reason = '' WHERE commitment_id IN " CMS_OF
	 " AND reason <> ''"},
	{"commitments", "UPDATE commitment SET reason = '' WHERE client_id = ?1"},
	{"", "UPDATE service_event_history SET reason = '' WHERE event_id IN (SELECT "
	 "id FROM service_event WHERE client_id = ?1) AND reason <> ''"},
	{"service events", "UPDATE service_event SET note = '', reason = '', "
	 "resolution = '' WHERE client_id = ?1"},
	{"meetings", "UPDATE meeting SET place = CASE WHEN place <> '' THEN '-' "
	 "ELSE '' END, video_url = CASE WHEN video_url <> '' THEN '-' ELSE '' END, "
	 "note = '' WHERE client_id = ?1"},
	{"outcome answers", "UPDATE outcome_answer SET comment = '' WHERE "
	 "client_id = ?1 AND comment <> ''"},
	{"invoice rows", "UPDATE invoice_row SET text = '', detail = '' WHERE "
	 "client_id = ?1"},
	{"client", "UPDATE client SET hetu = 'destroyed:' || id, first_name = '', "
	 "last_name = '', email = NULL, phone = NULL, address = NULL, "
	 "communication = NULL, search_key = '', destroyed_at = ?2, updated_at = ?2 "
	 "WHERE id = ?1 AND destroyed_at IS NULL"},
	{NULL, NULL},
};

int bud_store_client_destroy(bud_conn *w, int64_t client_id, int64_t now,
			     char *removed, size_t removedsz, bud_err *err)
{
	const struct destroy_step *s;
	sqlite3_stmt *st;
	size_t len = 0;
	int brc, rc, n;

	removed[0] = '\0';
	for (s = destroy_steps; s->sql; s++) {
		if (!(st = bud_conn_stmt(w, s->sql, err)))
			return bud_row_stmt_failed(err);
		brc = SQLITE_OK;
		bud_row_bind_i64(st, 1, client_id, 0, &brc);
		if (sqlite3_bind_parameter_count(st) >= 2)
			bud_row_bind_i64(st, 2, now, 0, &brc);
		if ((rc = bud_row_step_done(w, st, brc, "destroy", err)))
			return rc;
		n = bud_conn_changes(w);
		if (strcmp(s->label, "client") == 0 && n != 1)
			return bud_err_set(err, BUD_ECONFLICT, "client", "err.retention.destroyed",
					   "client %lld is already destroyed", (long long)client_id);
		if (!s->label[0] || n == 0 || len >= removedsz)
			continue;
		rc = snprintf(removed + len, removedsz - len, "%s%s %d", len ? ", " : "",
			      s->label, n);
		len += rc > 0 ? (size_t)rc : 0;
	}
	if (len >= removedsz)
		removed[removedsz - 1] = '\0';
	return BUD_OK;
}
