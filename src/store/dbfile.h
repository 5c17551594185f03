/*
 * store/dbfile.h: the database files on disk (store_dbfile.c), apart from
 * SQLite itself:
 *  - who may read them: the database and its -wal and -shm files hold
 *    every client's identity code, so they are the owner's alone (mode
 *    0600). bud_db_open calls bud_dbfile_private before SQLite opens the
 *    file; SQLite gives the -wal and -shm files it creates the mode of
 *    the database file;
 *  - one server per database: `serve` holds an exclusive flock(2) on the
 *    database file while it runs, so a second one refuses to start. Other
 *    commands (check, user add, prices) do not take it and may run
 *    beside a server; SQLite's own locks keep their writes apart.
 */
#ifndef BUD_STORE_DBFILE_H
#define BUD_STORE_DBFILE_H

#include "core/err.h"

/* Mode of the database, -wal and -shm files. */
#define BUD_DB_FILE_MODE 0600

/*
 * Create path with BUD_DB_FILE_MODE when it does not exist, and set that
 * mode on path, path-wal and path-shm when they do. Names SQLite treats
 * specially (":memory:", "file:" URIs) are left alone. BUD_EIO
 * "err.store.io" when the file cannot be created or its mode not set.
 */
int bud_dbfile_private(const char *path, bud_err *err);

/*
 * For `serve`: path must already be a database file (creating one is
 * `budjetti migrate` or `budjetti demo`): BUD_ENOTFOUND
 * "err.store.no_database" otherwise. Takes an exclusive flock on it,
 * without waiting: BUD_ECONFLICT "err.store.in_use" when another process
 * holds it. *fd gets the descriptor that holds the lock: keep it open
 * until the database is closed, then bud_dbfile_unlock.
 */
int bud_dbfile_lock(const char *path, int *fd, bud_err *err);

/* Release the lock of bud_dbfile_lock (fd < 0: nothing). */
void bud_dbfile_unlock(int fd);

#endif
