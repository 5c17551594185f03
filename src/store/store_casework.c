/*
 * store/store_casework.c: SQL for assessments, offers, answers and support
 * plans (store/casework.h). Every statement is a string literal prepared
 * once per connection by bud_conn_stmt and reset before return, so no
 * read transaction stays open between calls. Rows go to the caller's
 * callback with strings borrowed from SQLite (valid until it returns).
 */
#include <assert.h>
#include <string.h>

#include <sqlite3.h>

#include "store/casework.h"
#include "store/row.h"

/* Column i as text, "" for NULL. */
static void author(sqlite3_stmt *st, int i, struct bud_store_author *a)
{
	a->id = sqlite3_column_int64(st, i);
	a->name = bud_row_col_str(st, i + 1);
	a->role = bud_row_col_str(st, i + 2);
}

/* Turns the current row of st into a struct and hands it to fn. */
typedef void (*any_fn)(void);
typedef int (*row_fn)(sqlite3_stmt *st, any_fn fn, void *arg);

/*
 * Step st (bindings done, brc their first failure) and pass each row to
 * decode(st, fn, arg); at most max rows. A non-zero callback return stops
 * the walk and is returned. want_one: no row at all is BUD_ENOTFOUND;
 * otherwise a list, and a row past max is BUD_EINTERNAL (never cut
 * silently: these lists are whole, without pages).
 */
static int walk(bud_conn *c, sqlite3_stmt *st, int brc, const char *what,
		row_fn decode, any_fn fn, void *arg, size_t max, int want_one,
		bud_err *err)
{
	size_t n = 0;
	int rc = brc;

	while (rc == SQLITE_OK && (want_one ? n < max : 1) &&
	       (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == max) {
			rc = bud_err_set(err, BUD_EINTERNAL, what, "err.list.too_long",
					 "more than %zu rows of %s", max, what);
			goto out;
		}
		n++;
		rc = decode(st, fn, arg);
		if (rc != 0)
			goto out;
		rc = SQLITE_OK;
	}
	if (rc == SQLITE_OK || rc == SQLITE_DONE)
		rc = (want_one && n == 0) ?
			bud_err_set(err, BUD_ENOTFOUND, what, "err.not_found",
				    "no such %s", what) : BUD_OK;
	else
		rc = bud_conn_error(c, rc, what, err);
out:
	sqlite3_reset(st);
	return rc;
}

/*
 * walk() a read by one key: st as bud_conn_stmt gave it (NULL: it could
 * not be prepared), ?1 = key and, when the statement has a ?2 (its
 * LIMIT), ?2 = max.
 */
static int walk_key(bud_conn *c, sqlite3_stmt *st, int64_t key,
		    const char *what, row_fn decode, any_fn fn, void *arg,
		    size_t max, int want_one, bud_err *err)
{
	int brc = SQLITE_OK;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, key, 0, &brc);
	if (sqlite3_bind_parameter_count(st) >= 2)	/* a list: one more tells */
		bud_row_bind_i64(st, 2, (int64_t)max + !want_one, 0, &brc);
	return walk(c, st, brc, what, decode, fn, arg, max, want_one, err);
}

/* Step an INSERT ... RETURNING id, version. */
static int insert_versioned(bud_conn *w, sqlite3_stmt *st, int brc,
			    const char *what, int64_t *id_out, int *version_out,
			    bud_err *err)
{
	int rc = brc;

	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (id_out)
			*id_out = sqlite3_column_int64(st, 0);
		if (version_out)
			*version_out = sqlite3_column_int(st, 1);
		rc = sqlite3_step(st);
	}
	rc = rc == SQLITE_DONE ? BUD_OK : bud_conn_error(w, rc, what, err);
	sqlite3_reset(st);
	return rc;
}

/* Each of the n texts fits BUD_TEXT_MAX bytes. */
static int texts_fit(const char *const *s, const char *const *names, size_t n,
		     bud_err *err)
{
	size_t i;
	int rc;

	for (i = 0; i < n; i++)
		if ((rc = bud_row_fits(s[i], BUD_TEXT_MAX, names[i], err)) != BUD_OK)
			return rc;
	return BUD_OK;
}

/* --- assessments --- */

#define ASSESSMENT_COLS "a.id, a.client_id, a.version, a.assessed_on, " \
	"a.participants, a.client_view, a.worker_view, a.notes, a.created_at, " \
	"a.created_by, u.display_name, u.role"

static int assessment_row(sqlite3_stmt *st, any_fn fn, void *arg)
{
	struct bud_store_assessment a;

	memset(&a, 0, sizeof(a));
	a.id = sqlite3_column_int64(st, 0);
	a.client_id = sqlite3_column_int64(st, 1);
	a.version = sqlite3_column_int(st, 2);
	a.assessed_on = bud_row_col_str(st, 3);
	a.participants = bud_row_col_str(st, 4);
	a.client_view = bud_row_col_str(st, 5);
	a.worker_view = bud_row_col_str(st, 6);
	a.notes = bud_row_col_str(st, 7);
	a.created_at = sqlite3_column_int64(st, 8);
	author(st, 9, &a.created_by);
	return ((bud_store_assessment_fn)fn)(arg, &a);
}

int bud_store_assessment_insert(bud_conn *w, const struct bud_store_assessment *a,
				int64_t *id_out, int *version_out, bud_err *err)
{
	static const char *const names[] = {"assessed_on", "participants",
		"client_view", "worker_view", "notes"};
	const char *texts[] = {a->assessed_on, a->participants, a->client_view,
		a->worker_view, a->notes};
	sqlite3_stmt *st;
	int brc = SQLITE_OK;
	int rc;

	assert(w && a && a->assessed_on);
	if ((rc = texts_fit(texts, names, 5, err)) != BUD_OK)
		return rc;
	st = bud_conn_stmt(w, "INSERT INTO assessment (client_id, version, "
		"assessed_on, participants, client_view, worker_view, notes, "
		"created_by, created_at) VALUES (?1, (SELECT coalesce(max(version), 0) "
		"+ 1 FROM assessment WHERE client_id = ?1), ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
		"RETURNING id, version", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, a->client_id, 0, &brc);
	bud_row_bind_text(st, 2, a->assessed_on, 0, &brc);
	bud_row_bind_text(st, 3, a->participants ? a->participants : "", 0, &brc);
	bud_row_bind_text(st, 4, a->client_view ? a->client_view : "", 0, &brc);
	bud_row_bind_text(st, 5, a->worker_view ? a->worker_view : "", 0, &brc);
	bud_row_bind_text(st, 6, a->notes ? a->notes : "", 0, &brc);
	bud_row_bind_i64(st, 7, a->created_by.id, 0, &brc);
	bud_row_bind_i64(st, 8, a->created_at, 0, &brc);
	return insert_versioned(w, st, brc, "assessment insert", id_out,
				version_out, err);
}

int bud_store_need_insert(bud_conn *w, const struct bud_store_need *n,
			  bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;
	int rc;

	assert(w && n && n->area);
	if ((rc = bud_row_fits(n->client_view, BUD_TEXT_MAX, "client_view", err)) ||
	    (rc = bud_row_fits(n->worker_view, BUD_TEXT_MAX, "worker_view", err)))
		return rc;
	st = bud_conn_stmt(w, "INSERT INTO assessment_need (assessment_id, area, "
			   "client_view, worker_view) VALUES (?1, ?2, ?3, ?4)", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, n->assessment_id, 0, &brc);
	bud_row_bind_text(st, 2, n->area, 0, &brc);
	bud_row_bind_text(st, 3, n->client_view ? n->client_view : "", 0, &brc);
	bud_row_bind_text(st, 4, n->worker_view ? n->worker_view : "", 0, &brc);
	return bud_row_step_insert(w, st, brc, "assessment need insert", NULL, err);
}

int bud_store_assessment_get(bud_conn *c, int64_t id,
			     bud_store_assessment_fn fn, void *arg, bud_err *err)
{
	sqlite3_stmt *st;

	assert(c && fn);
	st = bud_conn_stmt(c, "SELECT " ASSESSMENT_COLS " FROM assessment a "
			   "LEFT JOIN user u ON u.id = a.created_by WHERE a.id = ?1", err);
	return walk_key(c, st, id, "assessment", assessment_row, (any_fn)fn,
			arg, 1, 1, err);
}

int bud_store_assessment_list(bud_conn *c, int64_t client_id,
			      bud_store_assessment_fn fn, void *arg,
			      bud_err *err)
{
	sqlite3_stmt *st;

	assert(c && fn);
	st = bud_conn_stmt(c, "SELECT " ASSESSMENT_COLS " FROM assessment a "
			   "LEFT JOIN user u ON u.id = a.created_by "
			   "WHERE a.client_id = ?1 ORDER BY a.version DESC LIMIT ?2", err);
	return walk_key(c, st, client_id, "assessment", assessment_row,
			(any_fn)fn, arg, BUD_MAX_PAGE_ROWS, 0, err);
}

static int need_row(sqlite3_stmt *st, any_fn fn, void *arg)
{
	struct bud_store_need n;

	n.assessment_id = sqlite3_column_int64(st, 0);
	n.area = bud_row_col_str(st, 1);
	n.client_view = bud_row_col_str(st, 2);
	n.worker_view = bud_row_col_str(st, 3);
	return ((bud_store_need_fn)fn)(arg, &n);
}

int bud_store_need_list(bud_conn *c, int64_t assessment_id,
			bud_store_need_fn fn, void *arg, bud_err *err)
{
	sqlite3_stmt *st;

	assert(c && fn);
	st = bud_conn_stmt(c, "SELECT assessment_id, area, client_view, worker_view "
		"FROM assessment_need WHERE assessment_id = ?1 ORDER BY CASE area "
		"WHEN 'housing' THEN 1 WHEN 'daily_living' THEN 2 "
		"WHEN 'mobility' THEN 3 WHEN 'communication' THEN 4 "
		"WHEN 'social' THEN 5 WHEN 'work_activity' THEN 6 "
		"WHEN 'health' THEN 7 ELSE 8 END", err);
	return walk_key(c, st, assessment_id, "assessment need", need_row,
			(any_fn)fn, arg, 16, 0, err);
}

/* --- service references --- */

static int service_ref_row(sqlite3_stmt *st, any_fn fn, void *arg)
{
	struct bud_store_service_ref s;

	s.id = sqlite3_column_int64(st, 0);
	s.code = bud_row_col_str(st, 1);
	s.name_fi = bud_row_col_str(st, 2);
	s.name_sv = bud_row_col_str(st, 3);
	s.name_en = bud_row_col_str(st, 4);
	s.note = bud_row_col_str(st, 5);
	return ((bud_store_service_ref_fn)fn)(arg, &s);
}

/* Insert a (parent, service) pair with the statement given. */
static int pair_insert(bud_conn *w, sqlite3_stmt *st, int64_t parent,
		       int64_t service_id, const char *what, bud_err *err)
{
	int brc = SQLITE_OK;

	bud_row_bind_i64(st, 1, parent, 0, &brc);
	bud_row_bind_i64(st, 2, service_id, 0, &brc);
	return bud_row_step_insert(w, st, brc, what, NULL, err);
}

/* --- offers and answers --- */

#define OFFER_COLS "o.id, o.client_id, o.offered_on, o.note, o.created_at, " \
	"o.created_by, u.display_name, u.role"

static int offer_row(sqlite3_stmt *st, any_fn fn, void *arg)
{
	struct bud_store_offer o;

	memset(&o, 0, sizeof(o));
	o.id = sqlite3_column_int64(st, 0);
	o.client_id = sqlite3_column_int64(st, 1);
	o.offered_on = bud_row_col_str(st, 2);
	o.note = bud_row_col_str(st, 3);
	o.created_at = sqlite3_column_int64(st, 4);
	author(st, 5, &o.created_by);
	return ((bud_store_offer_fn)fn)(arg, &o);
}

int bud_store_offer_insert(bud_conn *w, const struct bud_store_offer *o,
			   int64_t *id_out, bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;
	int rc;

	assert(w && o && o->offered_on);
	if ((rc = bud_row_fits(o->note, BUD_TEXT_MAX, "note", err)) != BUD_OK)
		return rc;
	st = bud_conn_stmt(w, "INSERT INTO offer (client_id, offered_on, note, "
			   "created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5)", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, o->client_id, 0, &brc);
	bud_row_bind_text(st, 2, o->offered_on, 0, &brc);
	bud_row_bind_text(st, 3, o->note ? o->note : "", 0, &brc);
	bud_row_bind_i64(st, 4, o->created_by.id, 0, &brc);
	bud_row_bind_i64(st, 5, o->created_at, 0, &brc);
	return bud_row_step_insert(w, st, brc, "offer insert", id_out, err);
}

int bud_store_offer_service_add(bud_conn *w, int64_t offer_id,
				int64_t service_id, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "INSERT INTO offer_service (offer_id, "
					 "service_id) VALUES (?1, ?2)", err);

	if (!st)
		return bud_row_stmt_failed(err);
	return pair_insert(w, st, offer_id, service_id, "offer service insert", err);
}

int bud_store_offer_current(bud_conn *c, int64_t client_id,
			    bud_store_offer_fn fn, void *arg, bud_err *err)
{
	sqlite3_stmt *st;

	assert(c && fn);
	st = bud_conn_stmt(c, "SELECT " OFFER_COLS " FROM offer o "
			   "LEFT JOIN user u ON u.id = o.created_by "
			   "WHERE o.client_id = ?1 ORDER BY o.offered_on DESC, o.id DESC LIMIT 1", err);
	return walk_key(c, st, client_id, "offer", offer_row, (any_fn)fn, arg,
			1, 1, err);
}

int bud_store_offer_services(bud_conn *c, int64_t offer_id,
			     bud_store_service_ref_fn fn, void *arg,
			     bud_err *err)
{
	sqlite3_stmt *st;

	assert(c && fn);
	st = bud_conn_stmt(c, "SELECT s.id, s.code, s.name_fi, s.name_sv, s.name_en, '' "
			   "FROM offer_service os JOIN service s ON s.id = os.service_id "
			   "WHERE os.offer_id = ?1 ORDER BY s.id", err);
	return walk_key(c, st, offer_id, "offer service", service_ref_row,
			(any_fn)fn, arg, BUD_CASE_SERVICES_MAX, 0, err);
}

#define ANSWER_COLS "a.id, a.offer_id, a.answer, a.usual_note, a.answered_at, " \
	"a.answered_by, u.display_name, u.role"

static int answer_row(sqlite3_stmt *st, any_fn fn, void *arg)
{
	struct bud_store_answer a;

	memset(&a, 0, sizeof(a));
	a.id = sqlite3_column_int64(st, 0);
	a.offer_id = sqlite3_column_int64(st, 1);
	a.answer = bud_row_col_str(st, 2);
	a.usual_note = bud_row_col_str(st, 3);
	a.answered_at = sqlite3_column_int64(st, 4);
	author(st, 5, &a.answered_by);
	return ((bud_store_answer_fn)fn)(arg, &a);
}

int bud_store_answer_insert(bud_conn *w, const struct bud_store_answer *a,
			    int64_t *id_out, bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;
	int rc;

	assert(w && a && a->answer);
	if ((rc = bud_row_fits(a->usual_note, BUD_TEXT_MAX, "usual_note", err)) != BUD_OK)
		return rc;
	st = bud_conn_stmt(w, "INSERT INTO offer_answer (offer_id, answer, "
			   "usual_note, answered_by, answered_at) "
			   "VALUES (?1, ?2, ?3, ?4, ?5)", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, a->offer_id, 0, &brc);
	bud_row_bind_text(st, 2, a->answer, 0, &brc);
	bud_row_bind_text(st, 3, a->usual_note ? a->usual_note : "", 0, &brc);
	bud_row_bind_i64(st, 4, a->answered_by.id, 0, &brc);
	bud_row_bind_i64(st, 5, a->answered_at, 0, &brc);
	return bud_row_step_insert(w, st, brc, "offer answer insert", id_out, err);
}

int bud_store_answer_service_add(bud_conn *w, int64_t answer_id,
				 int64_t service_id, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, "INSERT INTO offer_answer_service "
					 "(answer_id, service_id) VALUES (?1, ?2)", err);

	if (!st)
		return bud_row_stmt_failed(err);
	return pair_insert(w, st, answer_id, service_id, "answer service insert", err);
}

int bud_store_answer_list(bud_conn *c, int64_t offer_id,
			  bud_store_answer_fn fn, void *arg, bud_err *err)
{
	sqlite3_stmt *st;

	assert(c && fn);
	st = bud_conn_stmt(c, "SELECT " ANSWER_COLS " FROM offer_answer a "
			   "LEFT JOIN user u ON u.id = a.answered_by "
			   "WHERE a.offer_id = ?1 ORDER BY a.id DESC LIMIT ?2", err);
	return walk_key(c, st, offer_id, "offer answer", answer_row, (any_fn)fn,
			arg, BUD_MAX_PAGE_ROWS, 0, err);
}

int bud_store_answer_services(bud_conn *c, int64_t answer_id,
			      bud_store_service_ref_fn fn, void *arg,
			      bud_err *err)
{
	sqlite3_stmt *st;

	assert(c && fn);
	st = bud_conn_stmt(c, "SELECT s.id, s.code, s.name_fi, s.name_sv, s.name_en, '' "
			   "FROM offer_answer_service x JOIN service s ON s.id = x.service_id "
			   "WHERE x.answer_id = ?1 ORDER BY s.id", err);
	return walk_key(c, st, answer_id, "answer service", service_ref_row,
			(any_fn)fn, arg, BUD_CASE_SERVICES_MAX, 0, err);
}

int bud_store_offer_accepted(bud_conn *c, int64_t client_id, int64_t service_id,
			     int *accepted, bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;
	int rc;

	assert(c && accepted);
	*accepted = 0;
	st = bud_conn_stmt(c,
		"WITH o AS (SELECT id FROM offer WHERE client_id = ?1 "
		"           ORDER BY offered_on DESC, id DESC LIMIT 1), "
		"a AS (SELECT oa.id, oa.answer FROM offer_answer oa, o "
		"      WHERE oa.offer_id = o.id ORDER BY oa.id DESC LIMIT 1) "
		"SELECT CASE (SELECT answer FROM a) "
		" WHEN 'all' THEN EXISTS (SELECT 1 FROM offer_service os, o "
		"   WHERE os.offer_id = o.id AND os.service_id = ?2) "
		" WHEN 'some' THEN EXISTS (SELECT 1 FROM offer_answer_service x, a "
		"   WHERE x.answer_id = a.id AND x.service_id = ?2) "
		" ELSE 0 END", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, client_id, 0, &brc);
	bud_row_bind_i64(st, 2, service_id, 0, &brc);
	rc = brc;
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		*accepted = sqlite3_column_int(st, 0) ? 1 : 0;
		rc = BUD_OK;
	} else {
		rc = bud_conn_error(c, rc, "offer accepted", err);
	}
	sqlite3_reset(st);
	return rc;
}

/* --- support plans --- */

#define SUPPORT_COLS "p.id, p.client_id, p.version, p.goals, p.wishes, " \
	"p.helpers, p.helper_note, p.created_at, p.written_by, u.display_name, u.role"

static int support_row(sqlite3_stmt *st, any_fn fn, void *arg)
{
	struct bud_store_support_plan p;

	memset(&p, 0, sizeof(p));
	p.id = sqlite3_column_int64(st, 0);
	p.client_id = sqlite3_column_int64(st, 1);
	p.version = sqlite3_column_int(st, 2);
	p.goals = bud_row_col_str(st, 3);
	p.wishes = bud_row_col_str(st, 4);
	p.helpers = bud_row_col_str(st, 5);
	p.helper_note = bud_row_col_str(st, 6);
	p.created_at = sqlite3_column_int64(st, 7);
	author(st, 8, &p.written_by);
	return ((bud_store_support_plan_fn)fn)(arg, &p);
}

int bud_store_support_plan_insert(bud_conn *w,
				  const struct bud_store_support_plan *p,
				  int64_t *id_out, int *version_out,
				  bud_err *err)
{
	static const char *const names[] = {"goals", "wishes", "helpers",
		"helper_note"};
	const char *texts[] = {p->goals, p->wishes, p->helpers, p->helper_note};
	sqlite3_stmt *st;
	int brc = SQLITE_OK;
	int rc;

	assert(w && p);
	if ((rc = texts_fit(texts, names, 4, err)) != BUD_OK)
		return rc;
	st = bud_conn_stmt(w, "INSERT INTO support_plan (client_id, version, goals, "
		"wishes, helpers, helper_note, written_by, created_at) VALUES (?1, "
		"(SELECT coalesce(max(version), 0) + 1 FROM support_plan "
		"WHERE client_id = ?1), ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id, version",
		err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, p->client_id, 0, &brc);
	bud_row_bind_text(st, 2, p->goals ? p->goals : "", 0, &brc);
	bud_row_bind_text(st, 3, p->wishes ? p->wishes : "", 0, &brc);
	bud_row_bind_text(st, 4, p->helpers ? p->helpers : "", 0, &brc);
	bud_row_bind_text(st, 5, p->helper_note ? p->helper_note : "", 0, &brc);
	bud_row_bind_i64(st, 6, p->written_by.id, 0, &brc);
	bud_row_bind_i64(st, 7, p->created_at, 0, &brc);
	return insert_versioned(w, st, brc, "support plan insert", id_out,
				version_out, err);
}

int bud_store_support_plan_service_add(bud_conn *w, int64_t plan_id,
				       int64_t service_id, const char *note,
				       bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;
	int rc;

	if ((rc = bud_row_fits(note, BUD_TEXT_MAX, "note", err)) != BUD_OK)
		return rc;
	st = bud_conn_stmt(w, "INSERT INTO support_plan_service (support_plan_id, "
			   "service_id, note) VALUES (?1, ?2, ?3)", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, plan_id, 0, &brc);
	bud_row_bind_i64(st, 2, service_id, 0, &brc);
	bud_row_bind_text(st, 3, note ? note : "", 0, &brc);
	return bud_row_step_insert(w, st, brc, "support plan service insert",
				   NULL, err);
}

int bud_store_support_plan_get(bud_conn *c, int64_t id,
			       bud_store_support_plan_fn fn, void *arg,
			       bud_err *err)
{
	sqlite3_stmt *st;

	assert(c && fn);
	st = bud_conn_stmt(c, "SELECT " SUPPORT_COLS " FROM support_plan p "
			   "LEFT JOIN user u ON u.id = p.written_by WHERE p.id = ?1", err);
	return walk_key(c, st, id, "support plan", support_row, (any_fn)fn, arg,
			1, 1, err);
}

int bud_store_support_plan_list(bud_conn *c, int64_t client_id,
				bud_store_support_plan_fn fn, void *arg,
				bud_err *err)
{
	sqlite3_stmt *st;

	assert(c && fn);
	st = bud_conn_stmt(c, "SELECT " SUPPORT_COLS " FROM support_plan p "
			   "LEFT JOIN user u ON u.id = p.written_by "
			   "WHERE p.client_id = ?1 ORDER BY p.version DESC LIMIT ?2", err);
	return walk_key(c, st, client_id, "support plan", support_row,
			(any_fn)fn, arg, BUD_MAX_PAGE_ROWS, 0, err);
}

int bud_store_support_plan_services(bud_conn *c, int64_t plan_id,
				    bud_store_service_ref_fn fn, void *arg,
				    bud_err *err)
{
	sqlite3_stmt *st;

	assert(c && fn);
	st = bud_conn_stmt(c, "SELECT s.id, s.code, s.name_fi, s.name_sv, s.name_en, "
			   "x.note FROM support_plan_service x "
			   "JOIN service s ON s.id = x.service_id "
			   "WHERE x.support_plan_id = ?1 ORDER BY s.id", err);
	return walk_key(c, st, plan_id, "support plan service", service_ref_row,
			(any_fn)fn, arg, BUD_CASE_SERVICES_MAX, 0, err);
}
