/*
 * store/db.h: the database handle. Owns the SQLite files, one read
 * connection per thread (opened read-only on first use, closed when the
 * thread ends or the handle closes) and the single writer thread with the
 * only write connection.
 *
 * Writes: a caller hands bud_db_write() a unit of work and waits. The
 * writer takes every unit queued so far (at most BUD_DB_GROUP_MAX) and runs
 * them in one BEGIN IMMEDIATE ... COMMIT, each unit inside its own
 * SAVEPOINT: a unit that returns an error is rolled back to its savepoint
 * alone and the others commit. Waiters are woken only after COMMIT has
 * returned (synchronous=FULL: on disk). An I/O error at commit is fatal:
 * the whole group gets BUD_EIO, no more writes are accepted
 * (bud_db_failed), and the server is expected to exit non-zero.
 *
 * Reads: bud_db_reader() returns this thread's connection. Statements are
 * prepared once per connection (bud_conn_stmt) and reused.
 *
 * Only store/ includes sqlite3.h; layers above pass bud_conn pointers
 * through to store functions without looking inside.
 */
#ifndef BUD_STORE_DB_H
#define BUD_STORE_DB_H

#include <stdint.h>

#include "core/err.h"

typedef struct bud_db bud_db;
typedef struct bud_conn bud_conn;
typedef struct sqlite3_stmt sqlite3_stmt;

struct bud_db_opts {
	int sync_normal;	/* 1: synchronous=NORMAL (tests, benchmarks); default FULL */
	int no_migrate;		/* 1: do not run migrations on open */
	int no_writer;		/* 1: no writer thread (read-only tools); then
				 * bud_db_write runs the unit on the caller's
				 * thread, one at a time, one commit each */
	int busy_ms;		/* busy timeout of the write connection; 0:
				 * BUD_DB_BUSY_MS */
	int bulk;		/* 1: for long CLI work over a whole county
				 * (demo --scale, settle), the write connection
				 * gets a page cache of BUD_DB_BULK_CACHE_MIB,
				 * reads the file through a memory map
				 * (BUD_DB_BULK_MMAP) and keeps its savepoints'
				 * journals in memory */
};

/*
 * Open (creating if needed) the database at path, set the pragmas, run
 * the pending migrations (unless opts->no_migrate) and start the writer
 * thread. opts may be NULL. On success *out owns everything.
 */
int bud_db_open(const char *path, const struct bud_db_opts *opts, bud_db **out,
		bud_err *err);

/*
 * Finish the queued writes (their callers get their answers; new writes
 * get BUD_EBUSY), stop the writer, close every connection, including the
 * readers of other threads: call it when no other thread will use db or a
 * reader it gave out any more. A thread that ends later is safe. NULL ok.
 */
void bud_db_close(bud_db *db);

/* This thread's read connection, or NULL with err set. */
bud_conn *bud_db_reader(bud_db *db, bud_err *err);

/*
 * A unit of write work, run on the writer thread inside its own savepoint.
 * Return BUD_OK to keep its changes, any other code (with err set) to roll
 * them back. It must not block on anything but the database.
 */
typedef int (*bud_write_fn)(bud_conn *w, void *arg, bud_err *err);

/* Queue fn(arg) and wait until its group has committed (or it failed). */
int bud_db_write(bud_db *db, bud_write_fn fn, void *arg, bud_err *err);

/*
 * Wait for the writes queued so far to commit, then have the writer copy
 * the WAL into the database and truncate the WAL file to nothing
 * (SQLITE_CHECKPOINT_TRUNCATE), so that no earlier image of a page is
 * left in it (after destruction, app/retention.h). BUD_EBUSY when a
 * reader kept an older snapshot past the busy timeout.
 */
int bud_db_checkpoint(bud_db *db, bud_err *err);

/*
 * A follow-up for this thread's writes: while set, every unit this thread
 * queues on db with bud_db_write runs fn(arg) after its own function
 * returned BUD_OK, inside the same savepoint, so the two commit or roll
 * back together (an error from fn rolls the unit back). fn NULL clears
 * it. Units of bud_db_write_async do not get it. For marks that must be
 * exactly as durable as a request's write (app/idem.c: "this key's write
 * committed"); arg must live until it is cleared.
 */
void bud_db_follow(bud_db *db, bud_write_fn fn, void *arg);

/*
 * Queue fn(arg) and return at once; done(done_arg, rc, err) is called on
 * the writer thread once the unit's group has committed (or failed), and
 * must not block or write. Returns an error (and done is never called)
 * when the unit cannot be queued. Without a writer thread the unit runs
 * and done is called before this returns.
 */
typedef void (*bud_write_done_fn)(void *done_arg, int rc, const bud_err *err);
int bud_db_write_async(bud_db *db, bud_write_fn fn, void *arg,
		       bud_write_done_fn done, void *done_arg, bud_err *err);

/*
 * A read use case on a thread's reader: bud_conn_read_begin opens a read
 * transaction (every statement until bud_conn_read_end sees one
 * snapshot); bud_conn_read_end resets what is still running and ends it.
 * A reader carries one context pointer for the use case that runs on it
 * (the app layer hangs its pending use-log rows there).
 */
int bud_conn_read_begin(bud_conn *c, bud_err *err);
void bud_conn_read_end(bud_conn *c);
int bud_conn_is_reader(const bud_conn *c);
void bud_conn_set_ctx(bud_conn *c, void *ctx);
void *bud_conn_ctx(const bud_conn *c);

/* Nonzero once a commit failed with an I/O error (fail-stop). */
int bud_db_failed(const bud_db *db);

/* The schema version after migrations (the highest applied NNN). */
int bud_db_schema_version(bud_db *db);

/* The path the database was opened with (owned by db). */
const char *bud_db_path(const bud_db *db);

/* Commits and units the writer has run, for tests and /healthz. */
struct bud_db_stats {
	uint64_t commits, units, units_failed;
	uint64_t queued;	/* units waiting for the writer right now */
	uint64_t readers;	/* read connections open right now */
};
void bud_db_stats(bud_db *db, struct bud_db_stats *out);

/*
 * The statement for sql on connection c, prepared on first use (sql must
 * be a string literal: the cache keys on its address), reset and with its
 * bindings cleared. NULL with err set when it does not prepare.
 */
sqlite3_stmt *bud_conn_stmt(bud_conn *c, const char *sql, bud_err *err);

/*
 * Step st until it is done (a write, or a query whose rows do not matter),
 * then reset it. BUD_OK, or the bud_conn_error of the failure (what names
 * the statement in err). For the statements of store_*.c.
 */
int bud_conn_done(bud_conn *c, sqlite3_stmt *st, const char *what, bud_err *err);

/* Last insert rowid and changes on c (after a write statement). */
int64_t bud_conn_last_id(bud_conn *c);
int bud_conn_changes(bud_conn *c);

/* Map a SQLite result code to a bud_rc, filling err with what and sqlite's message. */
int bud_conn_error(bud_conn *c, int sqlite_rc, const char *what, bud_err *err);

/* The SQLite handle of c, for store/ code only (backup API, exec of DDL). */
struct sqlite3 *bud_conn_handle(bud_conn *c);

/*
 * Apply the pending migrations now (for `budjetti migrate`: open with
 * no_migrate and no_writer, then call this). report(version, name, ctx),
 * when not NULL, is called after each migration this call applied. Refused
 * with BUD_EINTERNAL while a writer thread runs.
 */
typedef void (*bud_migrate_report_fn)(int version, const char *name, void *ctx);
int bud_db_migrate(bud_db *db, bud_migrate_report_fn report, void *ctx,
		   bud_err *err);

/* Tests: lower the bound of the write queue (0 restores BUD_DB_QUEUE_MAX). */
void bud_db_test_queue_max(bud_db *db, int max);

#endif
