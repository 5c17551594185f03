/*
 * store/store_scale.c: SQL for the generated county (store/scale.h).
 */
#include <sqlite3.h>

#include "store/row.h"
#include "store/scale.h"

int bud_store_scale_event_insert(bud_conn *w, const struct bud_store_event *e,
				 int64_t *id_out, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w,
		"INSERT INTO service_event (commitment_id, client_id, provider_id, "
		" plan_line_id, on_date, quantity, unit_price, amount, note, "
		" external_id, state, recorded_by, recorded_at, answered_by, "
		" answered_at, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
		" ?10, ?11, ?12, ?13, ?14, ?15, ?16)", err);
	int brc = SQLITE_OK, rc;

	if (!st)
		return bud_row_stmt_failed(err);
	if ((rc = bud_row_fits(e->note, BUD_NOTE_MAX, "note", err)) ||
	    (rc = bud_row_fits(e->reason, BUD_NOTE_MAX, "reason", err)) ||
	    (rc = bud_row_fits(e->external_id, BUD_EVENT_EXTERNAL_MAX,
			       "external_id", err)))
		return rc;
	bud_row_bind_i64(st, 1, e->commitment_id, 0, &brc);
	bud_row_bind_i64(st, 2, e->client_id, 0, &brc);
	bud_row_bind_i64(st, 3, e->provider_id, 0, &brc);
	bud_row_bind_i64(st, 4, e->plan_line_id, 0, &brc);
	bud_row_bind_text(st, 5, e->on_date, 0, &brc);
	bud_row_bind_i64(st, 6, e->quantity, 0, &brc);
	bud_row_bind_i64(st, 7, e->unit_price, 0, &brc);
	bud_row_bind_i64(st, 8, e->amount, 0, &brc);
	bud_row_bind_text(st, 9, e->note, 0, &brc);
	bud_row_bind_text(st, 10, e->external_id, 0, &brc);
	bud_row_bind_text(st, 11, e->state[0] ? e->state : "recorded", 0, &brc);
	bud_row_bind_i64(st, 12, e->recorded_by, 1, &brc);
	bud_row_bind_i64(st, 13, e->recorded_at, 0, &brc);
	bud_row_bind_i64(st, 14, e->answered_by, 1, &brc);
	bud_row_bind_i64(st, 15, e->answered_at, 1, &brc);
	bud_row_bind_text(st, 16, e->reason, 0, &brc);
	return bud_row_step_insert(w, st, brc, "service event", id_out, err);
}
