/*
 * store/store_probe.c: the readiness probe and the metrics gauges of
 * store/probe.h.
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "bud_limits.h"
#include "store/probe.h"
#include "store/row.h"

int bud_store_ping(bud_conn *c, int *schema, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT max(version) FROM schema_migrations", err);
	int rc;

	*schema = 0;
	if (!st)
		return bud_row_stmt_failed(err);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*schema = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? BUD_OK : bud_conn_error(c, rc, "ping", err);
}

static int64_t file_bytes(const char *path, const char *suffix)
{
	char name[4096];
	struct stat sb;

	if ((size_t)snprintf(name, sizeof name, "%s%s", path, suffix) >= sizeof name ||
	    stat(name, &sb) != 0)
		return 0;
	return (int64_t)sb.st_size;
}

/* One count(*)-like query with two time parameters into *out. */
static int count(bud_conn *c, sqlite3_stmt *st, int64_t t1, int64_t t2,
		 int64_t *out, bud_err *err)
{
	int brc = SQLITE_OK, rc;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, t1, 0, &brc);
	bud_row_bind_i64(st, 2, t2, 0, &brc);
	if (brc != SQLITE_OK)
		return bud_conn_error(c, brc, "gauge", err);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? BUD_OK : bud_conn_error(c, rc, "gauge", err);
}

/* The outbox's backlog: queued, failed, the oldest queued one's age. */
static int outbox(bud_conn *c, int64_t now, struct bud_store_gauges *out,
		  bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(c, "SELECT coalesce(sum(state = 'queued'), 0), "
		"coalesce(sum(state = 'failed'), 0), coalesce(?1 - min(CASE state "
		"WHEN 'queued' THEN created_at END), 0) FROM outbox", err);
	int brc = SQLITE_OK, rc;

	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, now, 0, &brc);
	if (brc != SQLITE_OK)
		return bud_conn_error(c, brc, "outbox gauge", err);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->outbox_queued = sqlite3_column_int64(st, 0);
		out->outbox_failed = sqlite3_column_int64(st, 1);
		out->outbox_oldest_s = sqlite3_column_int64(st, 2);
		if (out->outbox_oldest_s < 0)
			out->outbox_oldest_s = 0;
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? BUD_OK : bud_conn_error(c, rc, "outbox gauge", err);
}

int bud_store_gauges(bud_conn *c, int64_t now, struct bud_store_gauges *out,
		     bud_err *err)
{
	const char *path = sqlite3_db_filename(bud_conn_handle(c), "main");
	int rc;

	memset(out, 0, sizeof *out);
	if (path && path[0]) {
		out->db_bytes = file_bytes(path, "");
		out->wal_bytes = file_bytes(path, "-wal");
	}
	rc = count(c, bud_conn_stmt(c, "SELECT count(*) FROM session "
				    "WHERE last_seen >= ?1 AND created_at > ?2", err),
		   now - BUD_SESSION_IDLE_S, now - BUD_SESSION_ABS_S, &out->sessions, err);
	if (rc == BUD_OK)
		rc = outbox(c, now, out, err);
	return rc;
}
