/*
 * store/backup.h: whole-database copies with SQLite's online backup API
 * (store_backup.c), for `budjetti backup` and `budjetti restore`, and the
 * file-level checks a copy gets before it is trusted.
 *
 * A backup runs as its own process beside a serving one: it opens the
 * source read-only, holds one read transaction (one WAL snapshot) for the
 * whole copy and copies BUD_BACKUP_STEP_PAGES pages a step, so the copy
 * is the database as it was at one commit, and the server's writer is
 * never blocked (in WAL mode a reader does not stop writers; it only
 * keeps a checkpoint from going past its snapshot until it ends).
 */
#ifndef BUD_STORE_BACKUP_H
#define BUD_STORE_BACKUP_H

#include <stdint.h>

#include "core/err.h"
#include "store/db.h"

/* Called after each step with the pages copied so far and the total. */
typedef void (*bud_backup_progress_fn)(void *arg, int64_t done, int64_t total);

/*
 * Copy the database at src into dst. fresh: dst must not exist yet
 * (BUD_ECONFLICT "err.store.exists" when it does) and is created with
 * mode 0600; it is removed again when the copy fails. Not fresh: dst is
 * an existing database (or an empty file) and is overwritten through
 * SQLite, under its write lock, in one transaction; its -wal is part of
 * what is replaced. progress may be NULL. BUD_OK when the copy is whole.
 */
int bud_backup_copy(const char *src, const char *dst, int fresh,
		    bud_backup_progress_fn progress, void *arg, bud_err *err);

/*
 * PRAGMA integrity_check on c (a reader): BUD_OK with problem "" when it
 * says ok, else its first line in problem (size sz). An error when the
 * check cannot run.
 */
int bud_db_integrity(bud_conn *c, char *problem, size_t sz, bud_err *err);

/* The highest migration this binary knows (what bud_db_open migrates
 * to), or -1 when the table is broken. */
int bud_db_schema_known(void);

#endif
