/*
 * store/store_settle.c: SQL for settling a month (store/settle.h).
 */
#include <sqlite3.h>

#include "store/row.h"
#include "store/settle.h"

int bud_store_settle_providers(bud_conn *c, int64_t organiser_id,
			       const char *from, const char *to, int64_t *ids,
			       size_t max, size_t *n, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c,
		"SELECT DISTINCT m.provider_id FROM commitment m "
		"JOIN provider p ON p.id = m.provider_id "
		"WHERE p.organiser_id = ?1 AND m.state IN ('active', 'ended') "
		" AND m.valid_from <= ?3 AND m.valid_to >= ?2 ORDER BY 1", err);
	int brc = SQLITE_OK, rc;

	*n = 0;
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, organiser_id, 0, &brc);
	bud_row_bind_text(st, 2, from, 0, &brc);
	bud_row_bind_text(st, 3, to, 0, &brc);
	if (brc != SQLITE_OK)
		return bud_conn_error(c, brc, "settle providers", err);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == max) {
			sqlite3_reset(st);
			return bud_err_set(err, BUD_ETOOBIG, "providers", "err.too_many",
					   "more than %zu providers", max);
		}
		ids[(*n)++] = sqlite3_column_int64(st, 0);
	}
	rc = rc == SQLITE_DONE ? BUD_OK : bud_conn_error(c, rc, "settle providers", err);
	sqlite3_reset(st);
	return rc;
}
