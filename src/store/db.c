/*
 * store/db.c: the database handle: the write connection and its writer
 * thread (group commit), the per-thread read connections, the statement
 * cache of each connection and the mapping of SQLite errors.
 *
 * Threading. Debian's libsqlite3 is built thread-safe (serialized by
 * default). Every connection here is opened with SQLITE_OPEN_NOMUTEX, the
 * "multi-thread" mode: SQLite's global state stays protected, but a
 * connection has no mutex of its own, which is right because no connection
 * is ever used by two threads at once:
 *   - a read connection belongs to the thread that asked for it
 *     (bud_db_reader); it is closed when that thread ends (a pthread key
 *     destructor) or when the handle closes, whichever comes first;
 *   - the write connection is used by the opener (pragmas, migrations)
 *     until pthread_create, then by the writer thread alone. With
 *     opts->no_writer, the callers of bud_db_write take turns under
 *     db->inline_mu.
 * bud_db_close closes the readers of every thread, so it must be called
 * when no other thread uses the handle any more (the server has stopped).
 *
 * Only the write connection writes or checkpoints (wal_autocheckpoint);
 * readers are opened SQLITE_OPEN_READONLY with checkpoint-on-close off.
 * SQLite 3.40 (Debian 12) has a WAL-reset race between two connections
 * that write or checkpoint at the same time; one writer avoids it. Do not
 * run a second writing process (e.g. `budjetti migrate`) beside a server.
 *
 * Group commit: bud_db_write queues a unit (on the caller's stack) and
 * waits on the unit's own condition variable. The writer takes up to
 * BUD_DB_GROUP_MAX queued units and runs them in one transaction, each in
 * a savepoint; see run_group for what happens on each kind of failure.
 *
 * Never fork with a connection open, and never open or close the database
 * files other than through SQLite: close() of any descriptor of the file
 * drops the process's POSIX locks.
 */
#include <assert.h>
#include <pthread.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bud_limits.h"
#include "store/collate.h"
#include "store/db.h"
#include "store/dbfile.h"
#include "store/migrate.h"

/* A cached statement, keyed by the address of its SQL text. */
struct stmt_slot {
	const char *sql;
	sqlite3_stmt *st;
	uint64_t used;		/* value of the connection's clock at last use */
};

struct bud_conn {
	sqlite3 *sq;
	int in_unit;		/* writer: a unit runs; its COMMIT is refused */
	int nslots;
	uint64_t clock;
	int reader;		/* a thread's read-only connection */
	void *ctx;		/* what the running read use case hangs on it */
	struct stmt_slot slots[BUD_STMT_CACHE];
	bud_conn *next;		/* readers: the hub's list */
};

/*
 * The readers of one handle. Owned jointly (refs) by the handle and by
 * each thread's key entry, so a thread that ends after bud_db_close can
 * still look at it: once closed, the hub's readers are closed and freed
 * and a thread's entry only drops its reference.
 */
struct hub {
	pthread_mutex_t mu;
	int refs;
	int closed;
	uint64_t nconns;
	bud_conn *conns;
};

/* One per (thread, handle): the thread's key value is a list of these. */
struct tls_ent {
	struct hub *hub;
	bud_conn *conn;		/* valid only while !hub->closed */
	struct tls_ent *next;
};

/* A write unit: on the stack of the bud_db_write caller, or on the heap
 * for bud_db_write_async (then done_fn is set and the writer frees it). */
struct unit {
	bud_write_fn fn;
	void *arg;
	int rc;
	int done;		/* under db->mu: the writer is finished with it */
	bud_err err;
	pthread_cond_t cv;
	bud_write_done_fn done_fn;
	void *done_arg;
	bud_write_fn follow;	/* bud_db_follow: runs after fn, same savepoint */
	void *follow_arg;
	int checkpoint;		/* bud_db_checkpoint: truncate the WAL after the commit */
	struct unit *next;
};

struct bud_db {
	char *path;
	bud_conn *w;			/* the write connection */
	struct hub *hub;
	int busy_ms;
	int version;
	atomic_int failed;		/* fail-stop after an I/O error */
	pthread_mutex_t mu;		/* the queue, stopping, stats */
	pthread_cond_t work;		/* the writer waits here for units */
	pthread_cond_t idle;		/* bud_db_close waits for waiting == 0 */
	struct unit *head, *tail;
	int queued, queue_max;
	int waiting;			/* callers inside bud_db_write */
	int stopping, have_writer;
	pthread_t thread;
	pthread_mutex_t inline_mu;	/* no_writer: one write at a time */
	struct bud_db_stats stats;
};

/* This thread's follow-up unit (bud_db_follow). Thread-local, so no
 * thread ever sees another's; it is copied into each unit the thread
 * queues with bud_db_write while it is set. */
static _Thread_local struct {
	bud_db *db;
	bud_write_fn fn;
	void *arg;
} follow;

/* The one key of every thread's reader list, created once, never deleted. */
static pthread_key_t tls_key;
static pthread_once_t tls_once = PTHREAD_ONCE_INIT;
static int tls_ok;

static const char sql_begin[] = "BEGIN IMMEDIATE";
static const char sql_commit[] = "COMMIT";
static const char sql_rollback[] = "ROLLBACK";
static const char sql_savepoint[] = "SAVEPOINT u";
static const char sql_rollback_to[] = "ROLLBACK TO u";
static const char sql_release[] = "RELEASE u";

/* ---------------------------------------------------------------- errors */

int bud_store_rc_fatal(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_IOERR:
	case SQLITE_FULL:
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return 1;
	}
	return 0;
}

/* The code and catalog key of a SQLite result code. */
static int map_rc(int rc, const char **key)
{
	switch (rc) {
	case SQLITE_CONSTRAINT_UNIQUE:
	case SQLITE_CONSTRAINT_PRIMARYKEY:
	case SQLITE_CONSTRAINT_ROWID:
		return *key = "err.store.duplicate", BUD_ECONFLICT;
	case SQLITE_CONSTRAINT_FOREIGNKEY:
		return *key = "err.store.reference", BUD_ECONFLICT;
	case SQLITE_CONSTRAINT_TRIGGER:
		return *key = "err.store.refused", BUD_ECONFLICT;
	case SQLITE_CONSTRAINT_NOTNULL:
		return *key = "err.store.missing", BUD_EINVAL;
	}
	switch (rc & 0xff) {
	case SQLITE_CONSTRAINT:
		return *key = "err.store.constraint", BUD_EINVAL;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return *key = "err.store.busy", BUD_EBUSY;
	case SQLITE_FULL:
		return *key = "err.store.full", BUD_EIO;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return *key = "err.store.corrupt", BUD_EIO;
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
		return *key = "err.store.io", BUD_EIO;
	case SQLITE_NOMEM:
		return *key = "err.store.nomem", BUD_ENOMEM;
	}
	return *key = "err.store.internal", BUD_EINTERNAL;
}

/* The column of "UNIQUE constraint failed: table.col" (one column only). */
static void constraint_field(const char *msg, char *field, size_t size)
{
	const char *p = strstr(msg, "failed: ");
	const char *dot;

	field[0] = '\0';
	if (!p || strchr(p, ','))
		return;
	p += strlen("failed: ");
	dot = strchr(p, '.');
	snprintf(field, size, "%s", dot ? dot + 1 : p);
}

int bud_store_error(sqlite3 *sq, int rc, const char *what, bud_err *err)
{
	const char *key, *msg;
	char field[sizeof err->field];
	int code = map_rc(rc, &key);

	msg = sq && sqlite3_errcode(sq) != SQLITE_OK ? sqlite3_errmsg(sq) : sqlite3_errstr(rc);
	field[0] = '\0';
	if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_NOTNULL)
		constraint_field(msg, field, sizeof field);
	return bud_err_set(err, code, field, key, "%s: %s", what ? what : "sqlite", msg);
}

int bud_conn_error(bud_conn *c, int sqlite_rc, const char *what, bud_err *err)
{
	return bud_store_error(c ? c->sq : NULL, sqlite_rc, what, err);
}

/* ------------------------------------------------------- statement cache */

struct sqlite3 *bud_conn_handle(bud_conn *c)
{
	return c ? c->sq : NULL;
}

int64_t bud_conn_last_id(bud_conn *c)
{
	return (int64_t)sqlite3_last_insert_rowid(c->sq);
}

int bud_conn_changes(bud_conn *c)
{
	return sqlite3_changes(c->sq);
}

/*
 * A slot for the new statement st: a free one, or the least recently used
 * one that is not running, whose statement is finalized. NULL when every
 * slot holds a running statement (a caller keeps BUD_STMT_CACHE open).
 */
static struct stmt_slot *slot_take(bud_conn *c)
{
	struct stmt_slot *s, *lru = NULL;
	int i;

	if (c->nslots < BUD_STMT_CACHE)
		return &c->slots[c->nslots++];
	for (i = 0; i < c->nslots; i++) {
		s = &c->slots[i];
		if (!sqlite3_stmt_busy(s->st) && (!lru || s->used < lru->used))
			lru = s;
	}
	if (lru)
		sqlite3_finalize(lru->st);
	return lru;
}

static sqlite3_stmt *stmt_prepare(bud_conn *c, const char *sql, bud_err *err)
{
	struct stmt_slot *s;
	sqlite3_stmt *st = NULL;
	const char *tail = NULL;
	int rc;

	rc = sqlite3_prepare_v3(c->sq, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, &tail);
	if (rc != SQLITE_OK) {
		bud_conn_error(c, rc, "prepare", err);
		return NULL;
	}
	tail += tail ? strspn(tail, " \t\r\n;") : 0;
	if (!st || (tail && *tail)) {
		sqlite3_finalize(st);
		bud_err_set(err, BUD_EINTERNAL, NULL, "err.store.internal",
			    "prepare: not exactly one statement: %.60s", sql);
		return NULL;
	}
	s = slot_take(c);
	if (!s) {
		sqlite3_finalize(st);
		bud_err_set(err, BUD_EINTERNAL, NULL, "err.store.internal",
			    "statement cache: %d statements running", BUD_STMT_CACHE);
		return NULL;
	}
	s->sql = sql;
	s->st = st;
	s->used = ++c->clock;
	return st;
}

sqlite3_stmt *bud_conn_stmt(bud_conn *c, const char *sql, bud_err *err)
{
	struct stmt_slot *s;
	int i;

	assert(c && c->sq && sql);
	for (i = 0; i < c->nslots; i++) {
		s = &c->slots[i];
		if (s->sql == sql) {
			sqlite3_reset(s->st);
			sqlite3_clear_bindings(s->st);
			s->used = ++c->clock;
			return s->st;
		}
	}
	return stmt_prepare(c, sql, err);
}

int bud_conn_done(bud_conn *c, sqlite3_stmt *st, const char *what, bud_err *err)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	if (rc != SQLITE_DONE) {
		rc = bud_conn_error(c, rc, what, err);
		sqlite3_reset(st);
		return rc;
	}
	sqlite3_reset(st);
	return BUD_OK;
}

/* Run a cached statement without parameters; the SQLite result code. */
static int conn_exec(bud_conn *c, const char *sql)
{
	sqlite3_stmt *st = bud_conn_stmt(c, sql, NULL);
	int rc;

	if (!st)
		return sqlite3_errcode(c->sq) != SQLITE_OK ? sqlite3_errcode(c->sq) : SQLITE_ERROR;
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

/* Reset every statement of c still running (a unit that did not finish
 * stepping one), so savepoints can be released and the group committed. */
static void conn_reset_all(bud_conn *c)
{
	sqlite3_stmt *st = NULL;

	while ((st = sqlite3_next_stmt(c->sq, st)) != NULL)
		if (sqlite3_stmt_busy(st))
			sqlite3_reset(st);
}

/* ----------------------------------------------------------- connections */

/* Finalize every statement of c, close it and free it. NULL ok. */
static void conn_close(bud_conn *c, int no_checkpoint)
{
	sqlite3_stmt *st;

	if (!c)
		return;
	if (c->sq) {
		while ((st = sqlite3_next_stmt(c->sq, NULL)) != NULL)
			sqlite3_finalize(st);
		if (no_checkpoint)
			sqlite3_db_config(c->sq, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
		sqlite3_close(c->sq);
	}
	free(c);
}

static int conn_pragma(bud_conn *c, const char *sql, bud_err *err)
{
	int rc = sqlite3_exec(c->sq, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? BUD_OK : bud_conn_error(c, rc, sql, err);
}

/* Open a connection with the settings every connection has. */
static int conn_open(const char *path, int flags, int busy_ms, bud_conn **out,
		     bud_err *err)
{
	bud_conn *c;
	int rc;

	*out = NULL;
	c = calloc(1, sizeof *c);
	if (!c)
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.store.nomem", "connection");
	rc = sqlite3_open_v2(path, &c->sq, flags | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		rc = bud_conn_error(c, rc, "open", err);
		conn_close(c, 1);
		return rc;
	}
	sqlite3_extended_result_codes(c->sq, 1);
	sqlite3_busy_timeout(c->sq, busy_ms);
	/* no writable_schema tricks, no "double-quoted" string literals */
	sqlite3_db_config(c->sq, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(c->sq, SQLITE_DBCONFIG_DQS_DML, 0, NULL);
	sqlite3_db_config(c->sq, SQLITE_DBCONFIG_DQS_DDL, 0, NULL);
	rc = conn_pragma(c, "PRAGMA foreign_keys=ON", err);
	if (rc == BUD_OK && (rc = bud_collate_register(c->sq)) != SQLITE_OK)
		rc = bud_conn_error(c, rc, "collation fi", err);
	if (rc != BUD_OK) {
		conn_close(c, 1);
		return rc;
	}
	*out = c;
	return BUD_OK;
}

/* A COMMIT inside a unit would end its group's transaction: refuse it
 * (a nonzero return turns the COMMIT into a ROLLBACK). */
static int commit_guard(void *p)
{
	return ((bud_conn *)p)->in_unit;
}

/* journal_mode=WAL, and check that it took (":memory:" cannot). */
static int set_wal(bud_conn *w, bud_err *err)
{
	sqlite3_stmt *st;
	const char *mode;
	int rc;

	st = bud_conn_stmt(w, "PRAGMA journal_mode=WAL", err);
	if (!st)
		return err ? err->code : BUD_EINTERNAL;
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		rc = bud_conn_error(w, rc, "journal_mode", err);
		sqlite3_reset(st);
		return rc;
	}
	mode = (const char *)sqlite3_column_text(st, 0);
	rc = mode && strcmp(mode, "wal") == 0 ? BUD_OK :
		bud_err_set(err, BUD_EIO, NULL, "err.store.wal",
			    "journal_mode is '%s', not wal", mode ? mode : "?");
	sqlite3_reset(st);
	return rc;
}

/* Long CLI work over a whole county (bud_db_opts.bulk): a page cache of
 * BUD_DB_BULK_CACHE_MIB (KiB, negative), the file read through a memory
 * map, and a unit's savepoint and its statements' journals in memory, not
 * in a temporary file written a page a pwrite(). */
static int bulk_pragmas(bud_conn *w, bud_err *err)
{
	int rc = conn_pragma(w, "PRAGMA cache_size=-" BUD_DB_BULK_CACHE_KIB, err);

	if (rc == BUD_OK)
		rc = conn_pragma(w, "PRAGMA mmap_size=" BUD_DB_BULK_MMAP, err);
	if (rc == BUD_OK)
		rc = conn_pragma(w, "PRAGMA temp_store=MEMORY", err);
	return rc;
}

static int writer_open(bud_db *db, const struct bud_db_opts *o, bud_err *err)
{
	int rc;

	rc = conn_open(db->path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
		       db->busy_ms, &db->w, err);
	if (rc != BUD_OK)
		return rc;
	sqlite3_commit_hook(db->w->sq, commit_guard, db->w);
	rc = set_wal(db->w, err);
	if (rc == BUD_OK)
		rc = conn_pragma(db->w, o->sync_normal ? "PRAGMA synchronous=NORMAL" :
				 "PRAGMA synchronous=FULL", err);
	if (rc == BUD_OK)
		rc = conn_pragma(db->w, "PRAGMA wal_autocheckpoint=1000", err);
	if (rc == BUD_OK && o->bulk)
		rc = bulk_pragmas(db->w, err);
	/* what a write removes is overwritten with zeros, not left in free
	 * space (app/retention.h: destroyed personal data must be gone) */
	if (rc == BUD_OK)
		rc = conn_pragma(db->w, "PRAGMA secure_delete=ON", err);
	return rc;
}

/* --------------------------------------------------------------- readers */

static void hub_release(struct hub *h)
{
	int last;

	pthread_mutex_lock(&h->mu);
	assert(h->refs > 0);
	last = --h->refs == 0;
	pthread_mutex_unlock(&h->mu);
	if (last) {
		assert(h->closed && !h->conns);
		pthread_mutex_destroy(&h->mu);
		free(h);
	}
}

/* Drop a thread's entry: close its reader unless the hub closed it. */
static void ent_free(struct tls_ent *e)
{
	bud_conn **pp, *c = NULL;

	pthread_mutex_lock(&e->hub->mu);
	if (!e->hub->closed) {
		for (pp = &e->hub->conns; *pp; pp = &(*pp)->next)
			if (*pp == e->conn) {
				*pp = e->conn->next;
				e->hub->nconns--;
				c = e->conn;
				break;
			}
		assert(c);
	}
	pthread_mutex_unlock(&e->hub->mu);
	conn_close(c, 1);
	hub_release(e->hub);
	free(e);
}

/* The key's destructor: the thread ends, close its readers. */
static void tls_destroy(void *p)
{
	struct tls_ent *e = p, *next;

	for (; e; e = next) {
		next = e->next;
		ent_free(e);
	}
}

/* Once per process, before SQLite starts: the reader key, and no memory
 * statistics (they take a global mutex on every allocation, which every
 * server thread would queue on). */
static void tls_init(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	tls_ok = pthread_key_create(&tls_key, tls_destroy) == 0;
}

/* Take out of this thread's list the entries of closed hubs and, when
 * only is not NULL, the entry of that hub; store the new list. */
static void tls_prune(struct hub *only)
{
	struct tls_ent *e, *next, *keep = NULL;
	int closed;

	for (e = pthread_getspecific(tls_key); e; e = next) {
		next = e->next;
		pthread_mutex_lock(&e->hub->mu);
		closed = e->hub->closed;
		pthread_mutex_unlock(&e->hub->mu);
		if (closed || e->hub == only) {
			ent_free(e);
		} else {
			e->next = keep;
			keep = e;
		}
	}
	pthread_setspecific(tls_key, keep);
}

/* Open this thread's reader on db and register it in hub and key. */
static bud_conn *reader_new(bud_db *db, bud_err *err)
{
	struct hub *h = db->hub;
	struct tls_ent *e;
	bud_conn *c;
	int closed;

	tls_prune(NULL);
	if (conn_open(db->path, SQLITE_OPEN_READONLY, BUD_DB_BUSY_MS, &c, err) != BUD_OK)
		return NULL;
	c->reader = 1;
	/* a reader never checkpoints: not after a commit (it makes none), not on close */
	sqlite3_wal_autocheckpoint(c->sq, 0);
	sqlite3_db_config(c->sq, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
	e = calloc(1, sizeof *e);
	if (!e) {
		conn_close(c, 1);
		bud_err_set(err, BUD_ENOMEM, NULL, "err.store.nomem", "reader");
		return NULL;
	}
	pthread_mutex_lock(&h->mu);
	closed = h->closed;
	if (!closed) {
		c->next = h->conns;
		h->conns = c;
		h->nconns++;
		h->refs++;
	}
	pthread_mutex_unlock(&h->mu);
	if (closed) {
		conn_close(c, 1);
		free(e);
		bud_err_set(err, BUD_EBUSY, NULL, "err.store.closing", "database is closing");
		return NULL;
	}
	e->hub = h;
	e->conn = c;
	e->next = pthread_getspecific(tls_key);
	if (pthread_setspecific(tls_key, e) != 0) {
		ent_free(e);
		bud_err_set(err, BUD_ENOMEM, NULL, "err.store.nomem", "reader key");
		return NULL;
	}
	return c;
}

bud_conn *bud_db_reader(bud_db *db, bud_err *err)
{
	struct tls_ent *e;

	assert(db && tls_ok);
	for (e = pthread_getspecific(tls_key); e; e = e->next)
		if (e->hub == db->hub)
			return e->conn;
	return reader_new(db, err);
}

/* Close every reader of the hub (other threads' entries only drop their
 * reference later). */
static void hub_close(struct hub *h)
{
	bud_conn *c, *next;

	pthread_mutex_lock(&h->mu);
	h->closed = 1;
	c = h->conns;
	h->conns = NULL;
	h->nconns = 0;
	pthread_mutex_unlock(&h->mu);
	for (; c; c = next) {
		next = c->next;
		conn_close(c, 1);
	}
}

/* ---------------------------------------------------------------- writer */

/* Give units [from, to) code with err from the SQLite result rc; only
 * those that had succeeded unless all. */
static void fail_units(bud_db *db, struct unit *from, struct unit *to, int rc,
		       const char *what, int all)
{
	struct unit *u;

	for (u = from; u != to; u = u->next) {
		if (u->rc != BUD_OK && !all)
			continue;
		u->rc = bud_conn_error(db->w, rc, what, &u->err);
	}
}

/* Stop accepting writes: the storage failed. */
static void fail_stop(bud_db *db)
{
	atomic_store(&db->failed, 1);
}

/*
 * Run unit u inside SAVEPOINT u: keep its changes when it returns BUD_OK,
 * roll back to the savepoint otherwise. Leaves the transaction open
 * unless something inside ended it (the caller checks autocommit).
 */
static void run_unit(bud_db *db, struct unit *u)
{
	bud_conn *w = db->w;
	int rc;

	bud_err_clear(&u->err);
	rc = conn_exec(w, sql_savepoint);
	if (rc != SQLITE_OK) {
		u->rc = bud_conn_error(w, rc, "savepoint", &u->err);
		return;
	}
	w->in_unit = 1;
	u->rc = u->fn(w, u->arg, &u->err);
	if (u->rc == BUD_OK && u->follow)
		u->rc = u->follow(w, u->follow_arg, &u->err);
	w->in_unit = 0;
	conn_reset_all(w);
	if (u->rc != BUD_OK && u->err.code == BUD_OK)
		bud_err_set(&u->err, u->rc, NULL, "err.store.failed", "write unit failed");
	if (sqlite3_get_autocommit(w->sq))
		return;
	rc = u->rc != BUD_OK ? conn_exec(w, sql_rollback_to) : SQLITE_OK;
	if (rc == SQLITE_OK)
		rc = conn_exec(w, sql_release);
	if (rc != SQLITE_OK) {
		/* the unit cannot be undone or kept alone: end the transaction,
		 * the caller then fails the whole segment */
		if (u->rc == BUD_OK)
			u->rc = bud_conn_error(w, rc, "savepoint", &u->err);
		if (bud_store_rc_fatal(rc))
			fail_stop(db);
		conn_exec(w, sql_rollback);
	}
}

/*
 * The unit u ended the group's transaction (SQLite rolled it back after
 * an error such as SQLITE_FULL, or the unit ran ROLLBACK or COMMIT, which
 * the commit guard turns into a rollback). The units of this segment
 * before u lost their changes: they get BUD_EBUSY (try again). An I/O
 * error stops everything. When units follow u, a new transaction begins
 * for them. 0: go on with u->next; -1: every unit has failed, no
 * transaction is open.
 */
static int segment_lost(bud_db *db, struct unit *seg, struct unit *u)
{
	int code = sqlite3_extended_errcode(db->w->sq);
	struct unit *v;
	int rc;

	if (u->rc == BUD_OK)
		u->rc = bud_err_set(&u->err, BUD_EINTERNAL, NULL, "err.store.internal",
				    "a write unit ended the transaction");
	for (v = seg; v != u; v = v->next)
		if (v->rc == BUD_OK)
			v->rc = bud_err_set(&v->err, BUD_EBUSY, NULL, "err.store.aborted",
					    "another write of the group failed; try again");
	if (bud_store_rc_fatal(code) || atomic_load(&db->failed)) {
		fail_stop(db);
		fail_units(db, seg, NULL, bud_store_rc_fatal(code) ? code : SQLITE_IOERR,
			   "write", 1);
		return -1;
	}
	if (!u->next)
		return 0;
	rc = conn_exec(db->w, sql_begin);
	if (rc != SQLITE_OK) {
		if (bud_store_rc_fatal(rc))
			fail_stop(db);
		fail_units(db, u->next, NULL, rc, "begin", 1);
		return -1;
	}
	return 0;
}

/* COMMIT the open transaction; on failure roll back and fail the
 * segment from seg (all of it: fail-stop on an I/O error). */
static int commit_group(bud_db *db, struct unit *seg)
{
	int rc = conn_exec(db->w, sql_commit);

	if (rc == SQLITE_OK)
		return 1;
	if (bud_store_rc_fatal(rc))
		fail_stop(db);
	if (!sqlite3_get_autocommit(db->w->sq))
		conn_exec(db->w, sql_rollback);
	fail_units(db, seg, NULL, rc, "commit", 1);
	return 0;
}

/*
 * Run the group g (a NULL-ended list) in one BEGIN IMMEDIATE ... COMMIT,
 * each unit in its own savepoint. Returns the number of commits. Every
 * unit has its rc and err when this returns:
 *   - the unit's own result when its group committed;
 *   - BUD_EIO for all, and fail-stop, when the commit failed with an I/O
 *     error (also BEGIN, or a unit's statement that ended the transaction);
 *   - BUD_EBUSY (or what SQLite said) for all when BEGIN or COMMIT failed
 *     otherwise (another process holds the write lock past busy_timeout).
 */
static int run_group(bud_db *db, struct unit *g)
{
	struct unit *u, *seg = g;
	int rc;

	if (atomic_load(&db->failed)) {
		for (u = g; u; u = u->next)
			u->rc = bud_err_set(&u->err, BUD_EIO, NULL, "err.store.stopped",
					    "storage failed earlier; writes are stopped");
		return 0;
	}
	rc = conn_exec(db->w, sql_begin);
	if (rc != SQLITE_OK) {
		if (bud_store_rc_fatal(rc))
			fail_stop(db);
		fail_units(db, g, NULL, rc, "begin", 1);
		return 0;
	}
	for (u = g; u; u = u->next) {
		run_unit(db, u);
		if (!sqlite3_get_autocommit(db->w->sq))
			continue;
		if (segment_lost(db, seg, u) != 0)
			return 0;
		seg = u->next;
	}
	return seg ? commit_group(db, seg) : 0;
}

/* After group g committed: a bud_db_checkpoint unit in it copies the WAL
 * into the database and truncates the WAL to nothing, so that no old
 * page image stays in it. Readers in an older snapshot make it BUSY. */
static void after_group(bud_db *db, struct unit *g)
{
	struct unit *u;
	int rc;

	for (u = g; u; u = u->next) {
		if (!u->checkpoint || u->rc != BUD_OK)
			continue;
		rc = sqlite3_wal_checkpoint_v2(db->w->sq, NULL, SQLITE_CHECKPOINT_TRUNCATE,
					       NULL, NULL);
		if (rc != SQLITE_OK)
			u->rc = bud_conn_error(db->w, rc, "checkpoint", &u->err);
	}
}

/* Under db->mu: detach up to BUD_DB_GROUP_MAX units from the queue. */
static struct unit *take_group(bud_db *db)
{
	struct unit *g = db->head, *last = NULL, *u = db->head;
	int n;

	for (n = 0; u && n < BUD_DB_GROUP_MAX; n++) {
		last = u;
		u = u->next;
	}
	assert(last);
	last->next = NULL;
	db->head = u;
	if (!u)
		db->tail = NULL;
	db->queued -= n;
	return g;
}

/* Under db->mu: count the group and wake each waiter. A unit belongs to
 * its caller again once done is set and mu released. Returns the group's
 * asynchronous units, linked by next, for run_done outside the lock. */
static struct unit *finish_group(bud_db *db, struct unit *g, int commits)
{
	struct unit *u, *next, *async = NULL;

	db->stats.commits += (uint64_t)commits;
	for (u = g; u; u = next) {
		next = u->next;
		db->stats.units++;
		if (u->rc != BUD_OK)
			db->stats.units_failed++;
		if (u->done_fn) {
			u->next = async;
			async = u;
			continue;
		}
		u->done = 1;
		pthread_cond_signal(&u->cv);
	}
	return async;
}

/* Tell each asynchronous unit of list how it ended, and free it. */
static void run_done(struct unit *list)
{
	struct unit *u, *next;

	for (u = list; u; u = next) {
		next = u->next;
		u->done_fn(u->done_arg, u->rc, &u->err);
		free(u);
	}
}

static void *writer_main(void *p)
{
	bud_db *db = p;
	struct unit *g;
	int commits;

	pthread_mutex_lock(&db->mu);
	for (;;) {
		while (!db->head && !db->stopping)
			pthread_cond_wait(&db->work, &db->mu);
		if (!db->head)
			break;		/* stopping, and the queue is drained */
		g = take_group(db);
		pthread_mutex_unlock(&db->mu);
		commits = run_group(db, g);
		after_group(db, g);
		pthread_mutex_lock(&db->mu);
		g = finish_group(db, g, commits);
		if (g) {
			pthread_mutex_unlock(&db->mu);
			run_done(g);
			pthread_mutex_lock(&db->mu);
		}
	}
	pthread_mutex_unlock(&db->mu);
	return NULL;
}

/* Start the writer with every signal blocked (they go to other threads). */
static int writer_start(bud_db *db, bud_err *err)
{
	sigset_t all, old;
	int rc;

	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&db->thread, NULL, writer_main, db);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.store.internal",
				   "cannot start the writer thread");
	db->have_writer = 1;
	return BUD_OK;
}

/* Refuse new units, let the writer finish the queued ones, join it and
 * wait until every waiter has left bud_db_write (its unit lives on its
 * stack and it still takes db->mu once after being woken). */
static void writer_stop(bud_db *db)
{
	if (!db->have_writer)
		return;
	pthread_mutex_lock(&db->mu);
	db->stopping = 1;
	pthread_cond_signal(&db->work);
	pthread_mutex_unlock(&db->mu);
	pthread_join(db->thread, NULL);
	pthread_mutex_lock(&db->mu);
	while (db->waiting > 0)
		pthread_cond_wait(&db->idle, &db->mu);
	pthread_mutex_unlock(&db->mu);
	db->have_writer = 0;
}

/* no_writer: run u now on this thread, one caller at a time. */
static void write_inline(bud_db *db, struct unit *u)
{
	int commits;

	pthread_mutex_lock(&db->inline_mu);
	commits = run_group(db, u);
	after_group(db, u);
	pthread_mutex_unlock(&db->inline_mu);
	pthread_mutex_lock(&db->mu);
	u = finish_group(db, u, commits);
	pthread_mutex_unlock(&db->mu);
	run_done(u);
}

/* Under db->mu: queue u, or say why not. */
static int enqueue(bud_db *db, struct unit *u, bud_err *err)
{
	if (db->stopping)
		return bud_err_set(err, BUD_EBUSY, NULL, "err.store.closing",
				   "database is closing");
	if (db->queued >= db->queue_max)
		return bud_err_set(err, BUD_EBUSY, NULL, "err.store.queue_full",
				   "%d writes are waiting", db->queued);
	if (db->tail)
		db->tail->next = u;
	else
		db->head = u;
	db->tail = u;
	db->queued++;
	if (!u->done_fn)
		db->waiting++;
	pthread_cond_signal(&db->work);
	return BUD_OK;
}

/* Queue a unit (checkpoint: bud_db_checkpoint's) and wait for it. */
static int write_wait(bud_db *db, bud_write_fn fn, void *arg, int checkpoint,
		      bud_err *err)
{
	struct unit u;
	int rc;

	assert(db && fn);
	memset(&u, 0, sizeof u);
	u.fn = fn;
	u.arg = arg;
	u.checkpoint = checkpoint;
	if (follow.db == db) {
		u.follow = follow.fn;
		u.follow_arg = follow.arg;
	}
	if (atomic_load(&db->failed))
		return bud_err_set(err, BUD_EIO, NULL, "err.store.stopped",
				   "storage failed earlier; writes are stopped");
	if (db->have_writer && pthread_equal(pthread_self(), db->thread))
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.store.internal",
				   "bud_db_write called from inside a write unit");
	pthread_cond_init(&u.cv, NULL);
	if (!db->have_writer) {
		write_inline(db, &u);
		rc = BUD_OK;
	} else {
		pthread_mutex_lock(&db->mu);
		rc = enqueue(db, &u, err);
		while (rc == BUD_OK && !u.done)
			pthread_cond_wait(&u.cv, &db->mu);
		if (rc == BUD_OK && --db->waiting == 0 && db->stopping)
			pthread_cond_signal(&db->idle);
		pthread_mutex_unlock(&db->mu);
	}
	pthread_cond_destroy(&u.cv);
	if (rc != BUD_OK)
		return rc;
	if (err)
		*err = u.err;
	return u.rc;
}

int bud_db_write(bud_db *db, bud_write_fn fn, void *arg, bud_err *err)
{
	return write_wait(db, fn, arg, 0, err);
}

static int nothing(bud_conn *w, void *arg, bud_err *err)
{
	(void)w;
	(void)arg;
	(void)err;
	return BUD_OK;
}

int bud_db_checkpoint(bud_db *db, bud_err *err)
{
	return write_wait(db, nothing, NULL, 1, err);
}

void bud_db_follow(bud_db *db, bud_write_fn fn, void *arg)
{
	follow.db = fn ? db : NULL;
	follow.fn = fn;
	follow.arg = arg;
}

int bud_db_write_async(bud_db *db, bud_write_fn fn, void *arg,
		       bud_write_done_fn done, void *done_arg, bud_err *err)
{
	struct unit *u;
	int rc;

	assert(db && fn && done);
	if (atomic_load(&db->failed))
		return bud_err_set(err, BUD_EIO, NULL, "err.store.stopped",
				   "storage failed earlier; writes are stopped");
	u = calloc(1, sizeof *u);
	if (!u)
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.store.nomem", "write unit");
	u->fn = fn;
	u->arg = arg;
	u->done_fn = done;
	u->done_arg = done_arg;
	if (!db->have_writer) {
		write_inline(db, u);	/* calls done and frees u */
		return BUD_OK;
	}
	pthread_mutex_lock(&db->mu);
	rc = enqueue(db, u, err);
	pthread_mutex_unlock(&db->mu);
	if (rc != BUD_OK)
		free(u);
	return rc;
}

/* ----------------------------------------------------------------- reads */

int bud_conn_read_begin(bud_conn *c, bud_err *err)
{
	int rc = conn_exec(c, "BEGIN");

	return rc == SQLITE_OK ? BUD_OK : bud_conn_error(c, rc, "begin read", err);
}

void bud_conn_read_end(bud_conn *c)
{
	conn_reset_all(c);
	if (!sqlite3_get_autocommit(c->sq))
		conn_exec(c, "COMMIT");
}

int bud_conn_is_reader(const bud_conn *c)
{
	return c && c->reader;
}

void bud_conn_set_ctx(bud_conn *c, void *ctx)
{
	c->ctx = ctx;
}

void *bud_conn_ctx(const bud_conn *c)
{
	return c ? c->ctx : NULL;
}

/* ---------------------------------------------------------------- handle */

int bud_db_failed(const bud_db *db)
{
	return db && atomic_load(&db->failed);
}

int bud_db_schema_version(bud_db *db)
{
	return db->version;
}

const char *bud_db_path(const bud_db *db)
{
	return db->path;
}

void bud_db_stats(bud_db *db, struct bud_db_stats *out)
{
	pthread_mutex_lock(&db->mu);
	*out = db->stats;
	out->queued = (uint64_t)db->queued;
	pthread_mutex_unlock(&db->mu);
	pthread_mutex_lock(&db->hub->mu);
	out->readers = db->hub->nconns;
	pthread_mutex_unlock(&db->hub->mu);
}

void bud_db_test_queue_max(bud_db *db, int max)
{
	pthread_mutex_lock(&db->mu);
	db->queue_max = max > 0 ? max : BUD_DB_QUEUE_MAX;
	pthread_mutex_unlock(&db->mu);
}

int bud_db_migrate(bud_db *db, bud_migrate_report_fn report, void *ctx,
		   bud_err *err)
{
	if (db->have_writer)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.store.internal",
				   "migrate needs a handle opened with no_writer");
	return bud_migrate_apply(db->w->sq, bud_migrations, report, ctx,
				 &db->version, NULL, err);
}

/* The handle without connections; NULL when out of memory. */
static bud_db *db_alloc(const char *path, const struct bud_db_opts *o)
{
	bud_db *db = calloc(1, sizeof *db);

	if (!db)
		return NULL;
	db->path = strdup(path);
	db->hub = calloc(1, sizeof *db->hub);
	if (!db->path || !db->hub) {
		free(db->path);
		free(db->hub);
		free(db);
		return NULL;
	}
	pthread_mutex_init(&db->hub->mu, NULL);
	db->hub->refs = 1;
	pthread_mutex_init(&db->mu, NULL);
	pthread_mutex_init(&db->inline_mu, NULL);
	pthread_cond_init(&db->work, NULL);
	pthread_cond_init(&db->idle, NULL);
	db->queue_max = BUD_DB_QUEUE_MAX;
	db->busy_ms = o->busy_ms > 0 ? o->busy_ms : BUD_DB_BUSY_MS;
	atomic_init(&db->failed, 0);
	return db;
}

int bud_db_open(const char *path, const struct bud_db_opts *opts, bud_db **out,
		bud_err *err)
{
	static const struct bud_db_opts dflt;
	const struct bud_db_opts *o = opts ? opts : &dflt;
	bud_db *db;
	int rc;

	*out = NULL;
	if (!path || !*path)
		return bud_err_set(err, BUD_EINVAL, "db", "err.store.path", "no database path");
	if (!sqlite3_threadsafe() || pthread_once(&tls_once, tls_init) != 0 || !tls_ok)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.store.internal",
				   "SQLite is not thread-safe or no thread key");
	if ((rc = bud_dbfile_private(path, err)) != BUD_OK)
		return rc;
	db = db_alloc(path, o);
	if (!db)
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.store.nomem", "handle");
	rc = writer_open(db, o, err);
	if (rc == BUD_OK && !o->no_migrate)
		rc = bud_migrate_apply(db->w->sq, bud_migrations, NULL, NULL,
				       &db->version, NULL, err);
	else if (rc == BUD_OK)
		rc = bud_migrate_current(db->w->sq, &db->version, err);
	if (rc == BUD_OK && !o->no_writer)
		rc = writer_start(db, err);
	if (rc != BUD_OK) {
		bud_db_close(db);
		return rc;
	}
	*out = db;
	return BUD_OK;
}

void bud_db_close(bud_db *db)
{
	if (!db)
		return;
	writer_stop(db);
	hub_close(db->hub);
	tls_prune(db->hub);
	/* after a failed commit, leave the WAL for recovery at the next open */
	conn_close(db->w, atomic_load(&db->failed));
	hub_release(db->hub);
	pthread_cond_destroy(&db->work);
	pthread_cond_destroy(&db->idle);
	pthread_mutex_destroy(&db->inline_mu);
	pthread_mutex_destroy(&db->mu);
	free(db->path);
	free(db);
}
