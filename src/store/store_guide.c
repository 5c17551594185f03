/*
 * store/store_guide.c: SQL for "what to do next" (store/guide.h): one
 * statement per question, each row made of counts and first ids by
 * correlated subqueries over the client's own rows (every table read
 * here is indexed by client_id).
 */
#include <assert.h>
#include <string.h>

#include <sqlite3.h>

#include "store/guide.h"
#include "store/row.h"

int bud_store_guide_client(bud_conn *c, int64_t client_id, int64_t reader_id,
			   const char *today, int64_t events_since,
			   struct bud_store_guide_client *out, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c,
		"WITH o AS (SELECT id FROM offer WHERE client_id = ?1 "
		"  ORDER BY offered_on DESC, id DESC LIMIT 1), "
		" unread AS (SELECT p.id FROM plan p WHERE p.client_id = ?1 "
		"  AND p.state = 'approved' AND NOT EXISTS (SELECT 1 FROM uselog u "
		"  WHERE u.client_id = ?1 AND u.user_id = ?2 AND u.action = 'read' "
		"  AND u.object IN ('plan:' || p.id, 'decision:' || p.id))), "
		" open_lines AS (SELECT l.plan_id FROM plan_line l "
		"  JOIN plan p ON p.id = l.plan_id WHERE p.client_id = ?1 "
		"  AND p.state = 'approved' AND p.valid_to >= ?3 "
		"  AND NOT EXISTS (SELECT 1 FROM commitment m WHERE m.plan_line_id = l.id "
		"  AND m.state IN ('offered', 'active'))) "
		"SELECT (SELECT o.id FROM o WHERE NOT EXISTS (SELECT 1 FROM offer_answer a "
		"  WHERE a.offer_id = o.id)), "
		" (SELECT min(id) FROM unread), (SELECT count(*) FROM unread), "
		" (SELECT min(plan_id) FROM open_lines), (SELECT count(*) FROM open_lines), "
		" (SELECT count(*) FROM service_event WHERE client_id = ?1 "
		"  AND state = 'recorded' AND recorded_at >= ?4), "
		" (SELECT count(*) FROM assessment WHERE client_id = ?1), "
		" (SELECT count(*) FROM support_plan WHERE client_id = ?1)", err);
	int brc = SQLITE_OK, rc;

	assert(out && today);
	memset(out, 0, sizeof(*out));
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, client_id, 0, &brc);
	bud_row_bind_i64(st, 2, reader_id, 0, &brc);
	bud_row_bind_text(st, 3, today, 0, &brc);
	bud_row_bind_i64(st, 4, events_since, 0, &brc);
	rc = brc == SQLITE_OK ? sqlite3_step(st) : brc;
	if (rc == SQLITE_ROW) {
		out->offer_id = sqlite3_column_int64(st, 0);
		out->unread_plan_id = sqlite3_column_int64(st, 1);
		out->unread_plans = sqlite3_column_int64(st, 2);
		out->choose_plan_id = sqlite3_column_int64(st, 3);
		out->lines_to_choose = sqlite3_column_int64(st, 4);
		out->events_to_confirm = sqlite3_column_int64(st, 5);
		out->assessments = sqlite3_column_int64(st, 6);
		out->support_plans = sqlite3_column_int64(st, 7);
		rc = BUD_OK;
	} else {
		rc = bud_conn_error(c, rc, "guide client", err);
	}
	sqlite3_reset(st);
	return rc;
}

/* A worker's clients. The answer in force (app/casework.h) is the newest
 * answer to the newest offer; it is "new" when it took something and no
 * plan was drafted after it. */
static const char stages_sql[] =
	"SELECT c.id, c.first_name, c.last_name, "
	" (SELECT count(*) FROM assessment WHERE client_id = c.id), "
	" (SELECT count(*) FROM offer WHERE client_id = c.id), "
	" (SELECT count(*) FROM support_plan WHERE client_id = c.id), "
	" coalesce((SELECT a.answer FROM offer_answer a WHERE a.offer_id = "
	"  (SELECT o.id FROM offer o WHERE o.client_id = c.id "
	"  ORDER BY o.offered_on DESC, o.id DESC LIMIT 1) ORDER BY a.id DESC LIMIT 1), ''), "
	" coalesce((SELECT a.answered_at FROM offer_answer a WHERE a.answer <> 'refused' "
	"  AND a.offer_id = (SELECT o.id FROM offer o WHERE o.client_id = c.id "
	"  ORDER BY o.offered_on DESC, o.id DESC LIMIT 1) ORDER BY a.id DESC LIMIT 1) "
	"  > coalesce((SELECT max(created_at) FROM plan WHERE client_id = c.id), 0), 0), "
	" (SELECT count(*) FROM plan WHERE client_id = c.id AND state = 'draft'), "
	" (SELECT count(*) FROM plan WHERE client_id = c.id AND state = 'draft' "
	"  AND returned_note <> ''), "
	" (SELECT count(*) FROM plan WHERE client_id = c.id AND state = 'proposed'), "
	" (SELECT count(*) FROM plan WHERE client_id = c.id AND state = 'approved'), "
	" coalesce((SELECT id FROM plan WHERE client_id = c.id AND state = 'approved' "
	"  AND review_date <= ?2 ORDER BY review_date, id LIMIT 1), 0), "
	" coalesce((SELECT review_date FROM plan WHERE client_id = c.id "
	"  AND state = 'approved' AND review_date <= ?2 ORDER BY review_date, id LIMIT 1), ''), "
	" (SELECT count(*) FROM service_event WHERE client_id = c.id AND state = 'disputed') "
	"FROM client c WHERE c.worker_id = ?1 "
	"ORDER BY c.last_name COLLATE fi, c.first_name COLLATE fi, c.id "
	"LIMIT ?3 OFFSET ?4";

static void stage_row(sqlite3_stmt *st, struct bud_store_guide_stage *s)
{
	*s = (struct bud_store_guide_stage){
		.client_id = sqlite3_column_int64(st, 0),
		.first_name = bud_row_col_str(st, 1),
		.last_name = bud_row_col_str(st, 2),
		.assessments = sqlite3_column_int64(st, 3),
		.offers = sqlite3_column_int64(st, 4),
		.support_plans = sqlite3_column_int64(st, 5),
		.answer = bud_row_col_str(st, 6),
		.answer_new = sqlite3_column_int64(st, 7),
		.drafts = sqlite3_column_int64(st, 8),
		.returned = sqlite3_column_int64(st, 9),
		.proposed = sqlite3_column_int64(st, 10),
		.approved = sqlite3_column_int64(st, 11),
		.review_plan_id = sqlite3_column_int64(st, 12),
		.review_date = bud_row_col_str(st, 13),
		.events_disputed = sqlite3_column_int64(st, 14),
	};
}

int bud_store_guide_stages(bud_conn *c, int64_t worker_id, const char *review_by,
			   size_t offset, size_t max, bud_store_guide_stage_fn fn,
			   void *arg, size_t *n, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, stages_sql, err);
	struct bud_store_guide_stage s;
	int brc = SQLITE_OK, rc;

	assert(fn && n && review_by);
	*n = 0;
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, worker_id, 0, &brc);
	bud_row_bind_text(st, 2, review_by, 0, &brc);
	bud_row_bind_i64(st, 3, (int64_t)max, 0, &brc);
	bud_row_bind_i64(st, 4, (int64_t)offset, 0, &brc);
	if (brc != SQLITE_OK) {
		sqlite3_reset(st);
		return bud_conn_error(c, brc, "guide stages", err);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		stage_row(st, &s);
		(*n)++;
		if ((rc = fn(arg, &s)) != 0) {
			sqlite3_reset(st);
			return rc;
		}
	}
	rc = rc == SQLITE_DONE ? BUD_OK : bud_conn_error(c, rc, "guide stages", err);
	sqlite3_reset(st);
	return rc;
}
