/*
 * Unit tests for store/db.c: group commit (one failing unit among several
 * rolls back alone, every waiter gets its own answer, commits < units),
 * constraint errors mapped to codes, readers on several threads beside the
 * writer, the bounded queue, a unit that ends the transaction, draining on
 * close, thread-exit after close, the statement cache, SQLITE_BUSY from
 * another connection, and fail-stop when fsync fails (a VFS wrapper that
 * fails xSync on demand).
 *
 * Groups are made without timing: a first "gate" unit holds the writer on
 * a condition the test controls while the test queues more units from
 * other threads and waits until bud_db_stats says they are all queued.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include <cmocka.h>

#include "bud_limits.h"
#include "store/db.h"
#include "store_test.h"

/* ------------------------------------------------------- failing fsync */

static sqlite3_vfs faulty_vfs;
/* The unix VFS gives the database file and its WAL different method
 * tables: one wrapped copy per table seen. */
#define FAULTY_MAX 4
static sqlite3_io_methods faulty_io[FAULTY_MAX];
static const sqlite3_io_methods *base_io[FAULTY_MAX];
static pthread_mutex_t faulty_mu = PTHREAD_MUTEX_INITIALIZER;
static atomic_int fail_sync;

static int faulty_sync(sqlite3_file *f, int flags)
{
	const sqlite3_io_methods *base = base_io[f->pMethods - faulty_io];

	if (atomic_load(&fail_sync))
		return SQLITE_IOERR_FSYNC;
	return base->xSync(f, flags);
}

/* Open with the default VFS, then swap in a copy of its methods whose
 * xSync fails while fail_sync is set. */
static int faulty_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f,
		       int flags, int *out)
{
	sqlite3_vfs *base = vfs->pAppData;
	int rc = base->xOpen(base, name, f, flags, out);
	int i;

	if (rc != SQLITE_OK || !f->pMethods)
		return rc;
	pthread_mutex_lock(&faulty_mu);
	for (i = 0; i < FAULTY_MAX && base_io[i] && base_io[i] != f->pMethods; i++)
		;
	assert_true(i < FAULTY_MAX);
	if (!base_io[i]) {
		base_io[i] = f->pMethods;
		faulty_io[i] = *f->pMethods;
		faulty_io[i].xSync = faulty_sync;
	}
	f->pMethods = &faulty_io[i];
	pthread_mutex_unlock(&faulty_mu);
	return rc;
}

static void faulty_register(void)
{
	sqlite3_vfs *base = sqlite3_vfs_find(NULL);

	faulty_vfs = *base;
	faulty_vfs.zName = "bud-faulty";
	faulty_vfs.pAppData = base;
	faulty_vfs.xOpen = faulty_open;
	assert_int_equal(sqlite3_vfs_register(&faulty_vfs, 1), SQLITE_OK);
}

/* ------------------------------------------------------------- helpers */

static const char sql_create[] =
	"CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT NOT NULL UNIQUE,"
	" v INTEGER NOT NULL DEFAULT 0 CHECK (v >= 0))";
static const char sql_insert[] = "INSERT INTO t (k) VALUES (?1)";
static const char sql_count_k[] = "SELECT count(*) FROM t WHERE k = ?1";
static const char sql_count[] = "SELECT count(*) FROM t";
static const char sql_commit_in_unit[] = "COMMIT";

enum mode { INS_OK, INS_FAIL_AFTER, INS_IGNORE_ERROR, INS_COMMIT };

struct ins {
	const char *k;
	enum mode mode;
	atomic_int ran;
};

static int unit_create(bud_conn *w, void *arg, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, sql_create, err);

	(void)arg;
	return st ? bud_conn_done(w, st, "create", err) : err->code;
}

/* Insert in->k, then do what in->mode says. */
static int unit_insert(bud_conn *w, void *arg, bud_err *err)
{
	struct ins *in = arg;
	sqlite3_stmt *st = bud_conn_stmt(w, sql_insert, err);
	int rc;

	atomic_fetch_add(&in->ran, 1);
	if (!st)
		return err->code;
	sqlite3_bind_text(st, 1, in->k, -1, SQLITE_STATIC);
	rc = bud_conn_done(w, st, "insert", err);
	if (rc != BUD_OK)
		return rc;
	switch (in->mode) {
	case INS_FAIL_AFTER:
		return bud_err_set(err, BUD_EINVAL, "k", "err.test.refused", "refused");
	case INS_IGNORE_ERROR:	/* the same key again: a failed statement */
		st = bud_conn_stmt(w, sql_insert, err);
		sqlite3_bind_text(st, 1, in->k, -1, SQLITE_STATIC);
		assert_int_not_equal(sqlite3_step(st), SQLITE_DONE);
		bud_err_clear(err);
		return BUD_OK;
	case INS_COMMIT:
		st = bud_conn_stmt(w, sql_commit_in_unit, err);
		assert_int_not_equal(sqlite3_step(st), SQLITE_DONE);
		return BUD_OK;
	default:
		return BUD_OK;
	}
}

/* A unit that holds the writer until the test opens the gate. With
 * insert_first it writes a row first, so the transaction is open. */
struct gate {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int entered, open, insert_first;
};

static int unit_gate(bud_conn *w, void *arg, bud_err *err)
{
	static const char k[] = "gate";
	struct gate *g = arg;
	sqlite3_stmt *st;

	if (g->insert_first) {
		st = bud_conn_stmt(w, sql_insert, err);
		sqlite3_bind_text(st, 1, k, -1, SQLITE_STATIC);
		assert_int_equal(bud_conn_done(w, st, "gate", err), BUD_OK);
	}
	pthread_mutex_lock(&g->mu);
	g->entered = 1;
	pthread_cond_broadcast(&g->cv);
	while (!g->open)
		pthread_cond_wait(&g->cv, &g->mu);
	pthread_mutex_unlock(&g->mu);
	return BUD_OK;
}

static void gate_init(struct gate *g)
{
	memset(g, 0, sizeof *g);
	pthread_mutex_init(&g->mu, NULL);
	pthread_cond_init(&g->cv, NULL);
}

static void gate_wait_entered(struct gate *g)
{
	pthread_mutex_lock(&g->mu);
	while (!g->entered)
		pthread_cond_wait(&g->cv, &g->mu);
	pthread_mutex_unlock(&g->mu);
}

static void gate_open(struct gate *g)
{
	pthread_mutex_lock(&g->mu);
	g->open = 1;
	pthread_cond_broadcast(&g->cv);
	pthread_mutex_unlock(&g->mu);
}

/* A bud_db_write on a thread of its own. */
struct job {
	bud_db *db;
	bud_write_fn fn;
	void *arg;
	int rc;
	bud_err err;
	pthread_t t;
};

static void *job_main(void *p)
{
	struct job *j = p;

	j->rc = bud_db_write(j->db, j->fn, j->arg, &j->err);
	return NULL;
}

static void job_start(struct job *j, bud_db *db, bud_write_fn fn, void *arg)
{
	j->db = db;
	j->fn = fn;
	j->arg = arg;
	j->rc = -1;
	assert_int_equal(pthread_create(&j->t, NULL, job_main, j), 0);
}

/* Wait (no time limit: meson's test timeout is the limit) until n units
 * are queued behind the running one. */
static void wait_queued(bud_db *db, uint64_t n)
{
	const struct timespec ms = {0, 1000000};
	struct bud_db_stats s;

	for (;;) {
		bud_db_stats(db, &s);
		if (s.queued == n)
			return;
		nanosleep(&ms, NULL);
	}
}

/* Rows with key k, read on this thread's reader. */
static int count_k(bud_db *db, const char *k)
{
	bud_err err;
	bud_conn *r = bud_db_reader(db, &err);
	sqlite3_stmt *st;
	int n;

	assert_non_null(r);
	st = bud_conn_stmt(r, k ? sql_count_k : sql_count, &err);
	assert_non_null(st);
	if (k)
		sqlite3_bind_text(st, 1, k, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	n = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return n;
}

/* Open the database of the test with table t created. */
static bud_db *open_t(struct tmpdb *t, const struct bud_db_opts *o)
{
	bud_db *db = NULL;
	bud_err err;

	assert_int_equal(bud_db_open(t->path, o, &db, &err), BUD_OK);
	assert_int_equal(bud_db_write(db, unit_create, NULL, &err), BUD_OK);
	return db;
}

static int write_k(bud_db *db, const char *k, bud_err *err)
{
	struct ins in = {.k = k, .mode = INS_OK};

	return bud_db_write(db, unit_insert, &in, err);
}

/* --------------------------------------------------------------- tests */

/* One group of six units behind a gate: two fail in different ways, one
 * hides a failed statement and returns OK; each waiter gets its own rc. */
static void test_group_one_fails_alone(void **state)
{
	static const char *keys[] = {"a", "b", "c", "dup", "e", "f"};
	static const enum mode modes[] = {INS_OK, INS_FAIL_AFTER, INS_OK, INS_OK,
					  INS_IGNORE_ERROR, INS_OK};
	struct ins in[6];
	struct job gj, jobs[6];
	struct bud_db_stats s0, s1;
	struct gate g;
	bud_db *db = open_t(*state, NULL);
	bud_err err;
	int i;

	assert_int_equal(write_k(db, "dup", &err), BUD_OK);	/* makes unit 3 a duplicate */
	bud_db_stats(db, &s0);
	gate_init(&g);
	job_start(&gj, db, unit_gate, &g);
	gate_wait_entered(&g);
	for (i = 0; i < 6; i++) {
		in[i].k = keys[i];
		in[i].mode = modes[i];
		atomic_init(&in[i].ran, 0);
		job_start(&jobs[i], db, unit_insert, &in[i]);
	}
	wait_queued(db, 6);
	gate_open(&g);
	pthread_join(gj.t, NULL);
	for (i = 0; i < 6; i++)
		pthread_join(jobs[i].t, NULL);

	assert_int_equal(gj.rc, BUD_OK);
	assert_int_equal(jobs[0].rc, BUD_OK);
	assert_int_equal(jobs[1].rc, BUD_EINVAL);
	assert_string_equal(jobs[1].err.key, "err.test.refused");
	assert_string_equal(jobs[1].err.field, "k");
	assert_int_equal(jobs[2].rc, BUD_OK);
	assert_int_equal(jobs[3].rc, BUD_ECONFLICT);
	assert_string_equal(jobs[3].err.key, "err.store.duplicate");
	assert_string_equal(jobs[3].err.field, "k");
	assert_int_equal(jobs[4].rc, BUD_OK);
	assert_int_equal(jobs[5].rc, BUD_OK);
	assert_string_equal(jobs[0].err.key, "");

	assert_int_equal(count_k(db, "a"), 1);
	assert_int_equal(count_k(db, "b"), 0);	/* rolled back to its savepoint */
	assert_int_equal(count_k(db, "c"), 1);
	assert_int_equal(count_k(db, "dup"), 1);
	assert_int_equal(count_k(db, "e"), 1);	/* its failed statement undid only itself */
	assert_int_equal(count_k(db, "f"), 1);

	bud_db_stats(db, &s1);
	assert_int_equal(s1.units - s0.units, 7);
	assert_int_equal(s1.commits - s0.commits, 2);	/* the gate, then the six */
	assert_int_equal(s1.units_failed - s0.units_failed, 2);
	assert_true(s1.commits < s1.units);
	bud_db_close(db);
}

static void test_unique_conflict(void **state)
{
	bud_db *db = open_t(*state, NULL);
	bud_err err;

	assert_int_equal(write_k(db, "x", &err), BUD_OK);
	assert_int_equal(write_k(db, "x", &err), BUD_ECONFLICT);
	assert_string_equal(err.key, "err.store.duplicate");
	assert_string_equal(err.field, "k");
	assert_non_null(strstr(err.detail, "UNIQUE"));
	assert_int_equal(count_k(db, "x"), 1);
	assert_false(bud_db_failed(db));
	bud_db_close(db);
}

/* A unit that runs COMMIT: refused by the guard (the transaction rolls
 * back), the unit before it in the group loses its row and is told to
 * try again, the unit after it commits in a new transaction. */
static void test_unit_ending_transaction(void **state)
{
	struct ins in[3] = {{.k = "before"}, {.k = "ender", .mode = INS_COMMIT}, {.k = "after"}};
	struct job gj, jobs[3];
	struct gate g;
	bud_db *db = open_t(*state, NULL);
	bud_err err;
	int i;

	gate_init(&g);
	job_start(&gj, db, unit_gate, &g);
	gate_wait_entered(&g);
	for (i = 0; i < 3; i++) {
		job_start(&jobs[i], db, unit_insert, &in[i]);
		wait_queued(db, (uint64_t)i + 1);	/* keep the order */
	}
	gate_open(&g);
	pthread_join(gj.t, NULL);
	for (i = 0; i < 3; i++)
		pthread_join(jobs[i].t, NULL);
	assert_int_equal(jobs[0].rc, BUD_EBUSY);
	assert_string_equal(jobs[0].err.key, "err.store.aborted");
	assert_int_equal(jobs[1].rc, BUD_EINTERNAL);
	assert_int_equal(jobs[2].rc, BUD_OK);
	assert_int_equal(count_k(db, "before"), 0);
	assert_int_equal(count_k(db, "ender"), 0);
	assert_int_equal(count_k(db, "after"), 1);
	assert_false(bud_db_failed(db));

	/* alone (the last unit of its group): no transaction is left open */
	in[1].k = "alone";
	assert_int_equal(bud_db_write(db, unit_insert, &in[1], &err), BUD_EINTERNAL);
	assert_int_equal(write_k(db, "next", &err), BUD_OK);
	assert_int_equal(count_k(db, "alone"), 0);
	assert_int_equal(count_k(db, "next"), 1);
	bud_db_close(db);
}

/* Readers on several threads: each its own connection, same one on every
 * call, all see what was committed; their connections close when the
 * threads end. */
struct rjob {
	bud_db *db;
	pthread_barrier_t *all_open, *done;
	bud_conn *c1, *c2;
	int n;
};

static void *reader_main(void *p)
{
	struct rjob *j = p;
	bud_err err;

	j->c1 = bud_db_reader(j->db, &err);
	j->c2 = bud_db_reader(j->db, &err);
	j->n = count_k(j->db, NULL);
	pthread_barrier_wait(j->all_open);
	pthread_barrier_wait(j->done);
	return NULL;
}

static void test_readers_on_threads(void **state)
{
	struct rjob r[4];
	pthread_t t[4];
	pthread_barrier_t all_open, done;
	struct bud_db_stats s;
	bud_db *db = open_t(*state, NULL);
	bud_err err;
	int i, k;

	assert_int_equal(write_k(db, "one", &err), BUD_OK);
	assert_int_equal(write_k(db, "two", &err), BUD_OK);
	pthread_barrier_init(&all_open, NULL, 5);
	pthread_barrier_init(&done, NULL, 5);
	for (i = 0; i < 4; i++) {
		r[i].db = db;
		r[i].all_open = &all_open;
		r[i].done = &done;
		assert_int_equal(pthread_create(&t[i], NULL, reader_main, &r[i]), 0);
	}
	pthread_barrier_wait(&all_open);	/* four readers open at once */
	bud_db_stats(db, &s);
	assert_int_equal(s.readers, 4);
	assert_int_equal(write_k(db, "three", &err), BUD_OK);	/* beside them */
	for (i = 0; i < 4; i++) {
		assert_non_null(r[i].c1);
		assert_ptr_equal(r[i].c1, r[i].c2);
		assert_int_equal(r[i].n, 2);
		for (k = 0; k < i; k++)
			assert_ptr_not_equal(r[i].c1, r[k].c1);
	}
	pthread_barrier_wait(&done);
	for (i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	pthread_barrier_destroy(&all_open);
	pthread_barrier_destroy(&done);
	bud_db_stats(db, &s);
	assert_int_equal(s.readers, 0);	/* closed when their threads ended */
	assert_int_equal(count_k(db, NULL), 3);
	bud_db_stats(db, &s);
	assert_int_equal(s.readers, 1);
	bud_db_close(db);
}

/* A reader in the middle of a query keeps its snapshot and does not stop
 * the writer from committing; the next query sees the new row. */
static void test_reader_does_not_block_writer(void **state)
{
	bud_db *db = open_t(*state, NULL);
	bud_conn *r;
	sqlite3_stmt *st;
	bud_err err;

	assert_int_equal(write_k(db, "r1", &err), BUD_OK);
	assert_int_equal(write_k(db, "r2", &err), BUD_OK);
	r = bud_db_reader(db, &err);
	st = bud_conn_stmt(r, "SELECT k FROM t ORDER BY id", &err);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);	/* read transaction open */
	assert_int_equal(write_k(db, "r3", &err), BUD_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);	/* snapshot: 2 rows */
	sqlite3_reset(st);
	assert_int_equal(count_k(db, NULL), 3);
	bud_db_close(db);
}

/* While the writer is inside its transaction with a row written but not
 * committed, a reader reads (WAL) and does not see the row. */
static void test_read_while_writer_in_transaction(void **state)
{
	struct job gj;
	struct gate g;
	bud_db *db = open_t(*state, NULL);

	gate_init(&g);
	g.insert_first = 1;
	job_start(&gj, db, unit_gate, &g);
	gate_wait_entered(&g);
	assert_int_equal(count_k(db, "gate"), 0);
	gate_open(&g);
	pthread_join(gj.t, NULL);
	assert_int_equal(gj.rc, BUD_OK);
	assert_int_equal(count_k(db, "gate"), 1);
	bud_db_close(db);
}

static void test_queue_overflow(void **state)
{
	struct ins in[2] = {{.k = "q1"}, {.k = "q2"}};
	struct job gj, jobs[2];
	struct gate g;
	bud_db *db = open_t(*state, NULL);
	bud_err err;
	int i;

	bud_db_test_queue_max(db, 2);
	gate_init(&g);
	job_start(&gj, db, unit_gate, &g);
	gate_wait_entered(&g);
	for (i = 0; i < 2; i++)
		job_start(&jobs[i], db, unit_insert, &in[i]);
	wait_queued(db, 2);
	assert_int_equal(write_k(db, "q3", &err), BUD_EBUSY);
	assert_string_equal(err.key, "err.store.queue_full");
	gate_open(&g);
	pthread_join(gj.t, NULL);
	for (i = 0; i < 2; i++) {
		pthread_join(jobs[i].t, NULL);
		assert_int_equal(jobs[i].rc, BUD_OK);
	}
	assert_int_equal(write_k(db, "q3", &err), BUD_OK);
	assert_int_equal(count_k(db, NULL), 3);
	bud_db_test_queue_max(db, 0);
	bud_db_close(db);
}

/* bud_db_close while units wait: they are run, not dropped, new ones are
 * refused, and close returns only after every waiter has left. */
struct closer {
	bud_db *db;
	pthread_t t;
};

static void *closer_main(void *p)
{
	bud_db_close(((struct closer *)p)->db);
	return NULL;
}

static void test_close_drains_queue(void **state)
{
	struct tmpdb *t = *state;
	struct ins in[3] = {{.k = "d1"}, {.k = "d2"}, {.k = "d3"}};
	struct job gj, jobs[3];
	const struct timespec ms = {0, 1000000};
	struct closer c;
	struct gate g;
	bud_db *db = open_t(t, NULL);
	bud_err err;
	int i, rc;

	bud_db_test_queue_max(db, 3);
	gate_init(&g);
	job_start(&gj, db, unit_gate, &g);
	gate_wait_entered(&g);
	for (i = 0; i < 3; i++)
		job_start(&jobs[i], db, unit_insert, &in[i]);
	wait_queued(db, 3);
	c.db = db;
	assert_int_equal(pthread_create(&c.t, NULL, closer_main, &c), 0);
	/* the queue is full until close starts; then writes are refused */
	while ((rc = write_k(db, "late", &err)) == BUD_EBUSY &&
	       strcmp(err.key, "err.store.queue_full") == 0)
		nanosleep(&ms, NULL);
	assert_int_equal(rc, BUD_EBUSY);
	assert_string_equal(err.key, "err.store.closing");
	gate_open(&g);
	pthread_join(c.t, NULL);
	pthread_join(gj.t, NULL);
	for (i = 0; i < 3; i++) {
		pthread_join(jobs[i].t, NULL);
		assert_int_equal(jobs[i].rc, BUD_OK);
	}
	assert_int_equal(raw_int(t->path, "SELECT count(*) FROM t WHERE k LIKE 'd_'"), 3);
	assert_int_equal(raw_int(t->path, "SELECT count(*) FROM t WHERE k = 'late'"), 0);
}

/* A thread that got a reader and ends after bud_db_close: its key
 * destructor must not touch what close freed; and a thread that asks a
 * new handle for a reader gets a fresh connection, not the closed one. */
struct late {
	bud_db *db;
	pthread_barrier_t *got, *closed;
	bud_conn *c;
};

static void *late_main(void *p)
{
	struct late *l = p;
	bud_err err;

	l->c = bud_db_reader(l->db, &err);
	pthread_barrier_wait(l->got);
	pthread_barrier_wait(l->closed);
	return NULL;
}

static void test_thread_ends_after_close(void **state)
{
	struct tmpdb *t = *state;
	pthread_barrier_t got, closed;
	struct bud_db_stats s;
	struct late l;
	pthread_t th;
	bud_db *db = open_t(t, NULL);
	bud_err err;

	pthread_barrier_init(&got, NULL, 2);
	pthread_barrier_init(&closed, NULL, 2);
	l.db = db;
	l.got = &got;
	l.closed = &closed;
	assert_int_equal(pthread_create(&th, NULL, late_main, &l), 0);
	pthread_barrier_wait(&got);
	assert_non_null(l.c);
	assert_int_equal(count_k(db, NULL), 0);
	bud_db_stats(db, &s);
	assert_int_equal(s.readers, 2);
	bud_db_close(db);	/* closes the thread's reader and ours */
	pthread_barrier_wait(&closed);
	pthread_join(th, NULL);	/* its key destructor runs now */
	pthread_barrier_destroy(&got);
	pthread_barrier_destroy(&closed);

	/* this thread kept no stale entry: a new handle gives a new reader */
	assert_int_equal(bud_db_open(t->path, NULL, &db, &err), BUD_OK);
	assert_int_equal(write_k(db, "new", &err), BUD_OK);
	assert_int_equal(count_k(db, "new"), 1);
	bud_db_close(db);
}

/* Statements: the same one for the same text pointer, reset and cleared;
 * more than BUD_STMT_CACHE texts evict the least recently used, never one
 * still running; malformed SQL is an error. */
static void test_stmt_cache(void **state)
{
	static char texts[BUD_STMT_CACHE + 10][40];
	bud_db *db = open_t(*state, NULL);
	sqlite3_stmt *st, *run, *again;
	bud_conn *r;
	bud_err err;
	int i;

	assert_int_equal(write_k(db, "s1", &err), BUD_OK);
	assert_int_equal(write_k(db, "s2", &err), BUD_OK);
	r = bud_db_reader(db, &err);
	st = bud_conn_stmt(r, "SELECT ?1", &err);
	assert_non_null(st);
	sqlite3_bind_int(st, 1, 42);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	again = bud_conn_stmt(r, "SELECT ?1", &err);
	assert_ptr_equal(again, st);
	assert_int_equal(sqlite3_stmt_busy(st), 0);		/* reset */
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_type(st, 0), SQLITE_NULL);	/* cleared */

	run = bud_conn_stmt(r, "SELECT k FROM t ORDER BY id", &err);
	assert_int_equal(sqlite3_step(run), SQLITE_ROW);	/* running */
	for (i = 0; i < BUD_STMT_CACHE + 10; i++) {
		snprintf(texts[i], sizeof texts[i], "SELECT %d", i);
		assert_non_null(bud_conn_stmt(r, texts[i], &err));
	}
	assert_int_equal(sqlite3_step(run), SQLITE_ROW);	/* not finalized */
	assert_string_equal((const char *)sqlite3_column_text(run, 0), "s2");
	sqlite3_reset(run);
	st = bud_conn_stmt(r, texts[0], &err);		/* evicted, prepared again */
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 0);

	assert_null(bud_conn_stmt(r, "SELECT 1; SELECT 2", &err));
	assert_int_equal(err.code, BUD_EINTERNAL);
	assert_null(bud_conn_stmt(r, "SELEC 1", &err));
	assert_int_equal(err.code, BUD_EINTERNAL);
	assert_string_equal(err.key, "err.store.internal");
	assert_null(bud_conn_stmt(r, "INSERT INTO nosuch VALUES (1)", &err));
	bud_db_close(db);
}

static void test_error_mapping(void **state)
{
	static const struct {
		int sqlite_rc, code;
		const char *key;
	} cases[] = {
		{SQLITE_CONSTRAINT_UNIQUE, BUD_ECONFLICT, "err.store.duplicate"},
		{SQLITE_CONSTRAINT_PRIMARYKEY, BUD_ECONFLICT, "err.store.duplicate"},
		{SQLITE_CONSTRAINT_FOREIGNKEY, BUD_ECONFLICT, "err.store.reference"},
		{SQLITE_CONSTRAINT_TRIGGER, BUD_ECONFLICT, "err.store.refused"},
		{SQLITE_CONSTRAINT_CHECK, BUD_EINVAL, "err.store.constraint"},
		{SQLITE_CONSTRAINT_NOTNULL, BUD_EINVAL, "err.store.missing"},
		{SQLITE_BUSY, BUD_EBUSY, "err.store.busy"},
		{SQLITE_BUSY_SNAPSHOT, BUD_EBUSY, "err.store.busy"},
		{SQLITE_LOCKED, BUD_EBUSY, "err.store.busy"},
		{SQLITE_IOERR_FSYNC, BUD_EIO, "err.store.io"},
		{SQLITE_IOERR, BUD_EIO, "err.store.io"},
		{SQLITE_FULL, BUD_EIO, "err.store.full"},
		{SQLITE_CORRUPT, BUD_EIO, "err.store.corrupt"},
		{SQLITE_NOMEM, BUD_ENOMEM, "err.store.nomem"},
		{SQLITE_ERROR, BUD_EINTERNAL, "err.store.internal"},
		{SQLITE_MISUSE, BUD_EINTERNAL, "err.store.internal"},
	};
	bud_err err;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_int_equal(bud_conn_error(NULL, cases[i].sqlite_rc, "what", &err),
				 cases[i].code);
		assert_int_equal(err.code, cases[i].code);
		assert_string_equal(err.key, cases[i].key);
		assert_true(strncmp(err.detail, "what: ", 6) == 0);
	}
}

/* Constraint errors through a real statement: CHECK, NOT NULL, trigger. */
static int unit_bad_value(bud_conn *w, void *arg, bud_err *err)
{
	sqlite3_stmt *st = bud_conn_stmt(w, (const char *)arg, err);

	return st ? bud_conn_done(w, st, "bad", err) : err->code;
}

static void test_constraint_errors(void **state)
{
	static const char check[] = "INSERT INTO t (k, v) VALUES ('neg', -1)";
	static const char notnull[] = "INSERT INTO t (k) VALUES (NULL)";
	bud_db *db = open_t(*state, NULL);
	bud_err err;

	assert_int_equal(bud_db_write(db, unit_bad_value, (void *)check, &err), BUD_EINVAL);
	assert_string_equal(err.key, "err.store.constraint");
	assert_int_equal(bud_db_write(db, unit_bad_value, (void *)notnull, &err), BUD_EINVAL);
	assert_string_equal(err.key, "err.store.missing");
	assert_string_equal(err.field, "k");
	assert_int_equal(count_k(db, NULL), 0);
	bud_db_close(db);
}

/* Another connection holds the write lock: a clear BUD_EBUSY after the
 * busy timeout, at write time and at open time, not a hang, not fatal. */
static void test_busy_at_write(void **state)
{
	const struct bud_db_opts o = {.busy_ms = 50};
	struct tmpdb *t = *state;
	bud_db *db = open_t(t, &o);
	sqlite3 *other;
	bud_err err;

	assert_int_equal(sqlite3_open(t->path, &other), SQLITE_OK);
	assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(write_k(db, "blocked", &err), BUD_EBUSY);
	assert_string_equal(err.key, "err.store.busy");
	assert_false(bud_db_failed(db));
	assert_int_equal(sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(other);
	assert_int_equal(write_k(db, "free", &err), BUD_OK);
	assert_int_equal(count_k(db, NULL), 1);
	bud_db_close(db);
}

static void test_busy_at_open(void **state)
{
	const struct bud_db_opts o = {.busy_ms = 50};
	struct tmpdb *t = *state;
	sqlite3 *other;
	bud_db *db;
	bud_err err;

	assert_int_equal(sqlite3_open(t->path, &other), SQLITE_OK);
	assert_int_equal(sqlite3_exec(other, "PRAGMA journal_mode=WAL; BEGIN IMMEDIATE;"
				      " CREATE TABLE x (a);", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(bud_db_open(t->path, &o, &db, &err), BUD_EBUSY);
	assert_null(db);
	assert_string_equal(err.key, "err.store.busy");
	assert_int_equal(sqlite3_exec(other, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(other);
	assert_int_equal(bud_db_open(t->path, &o, &db, &err), BUD_OK);
	assert_true(bud_db_schema_version(db) >= 1);
	bud_db_close(db);
}

/* Without a writer thread, writes run on the caller, one commit each. */
static void test_no_writer_inline(void **state)
{
	const struct bud_db_opts o = {.no_writer = 1, .sync_normal = 1};
	struct bud_db_stats s;
	bud_db *db = open_t(*state, &o);
	bud_err err;

	assert_int_equal(write_k(db, "i1", &err), BUD_OK);
	assert_int_equal(write_k(db, "i1", &err), BUD_ECONFLICT);
	bud_db_stats(db, &s);
	assert_int_equal(s.units, 3);
	assert_int_equal(s.commits, 3);
	assert_int_equal(s.units_failed, 1);
	assert_int_equal(count_k(db, NULL), 1);
	bud_db_close(db);
}

/* fsync fails at COMMIT: the whole group gets BUD_EIO, the handle stops
 * taking writes (units queued behind are not run), reads still work, and
 * the database opens again afterwards with what was committed before. */
static void test_fsync_failure_is_fail_stop(void **state)
{
	struct tmpdb *t = *state;
	struct ins in[3] = {{.k = "f1"}, {.k = "f2"}, {.k = "f3"}};
	struct job gj, jobs[3];
	struct gate g;
	bud_db *db = open_t(t, NULL);
	bud_err err;
	int i;

	assert_int_equal(write_k(db, "before", &err), BUD_OK);
	gate_init(&g);
	g.insert_first = 1;
	job_start(&gj, db, unit_gate, &g);
	gate_wait_entered(&g);
	for (i = 0; i < 3; i++)
		job_start(&jobs[i], db, unit_insert, &in[i]);
	wait_queued(db, 3);
	atomic_store(&fail_sync, 1);
	gate_open(&g);
	pthread_join(gj.t, NULL);
	for (i = 0; i < 3; i++)
		pthread_join(jobs[i].t, NULL);
	assert_int_equal(gj.rc, BUD_EIO);
	assert_string_equal(gj.err.key, "err.store.io");
	for (i = 0; i < 3; i++) {
		assert_int_equal(jobs[i].rc, BUD_EIO);
		assert_int_equal(atomic_load(&in[i].ran), 0);
	}
	assert_true(bud_db_failed(db));
	assert_int_equal(write_k(db, "after", &err), BUD_EIO);
	assert_string_equal(err.key, "err.store.stopped");
	assert_int_equal(count_k(db, "before"), 1);	/* reads still work */
	atomic_store(&fail_sync, 0);
	bud_db_close(db);

	assert_int_equal(bud_db_open(t->path, NULL, &db, &err), BUD_OK);
	assert_false(bud_db_failed(db));
	assert_int_equal(count_k(db, "before"), 1);
	assert_int_equal(count_k(db, "f1"), 0);
	assert_int_equal(write_k(db, "after", &err), BUD_OK);
	bud_db_close(db);
}

static void test_open_errors(void **state)
{
	bud_db *db;
	bud_err err;

	(void)state;
	assert_int_equal(bud_db_open("", NULL, &db, &err), BUD_EINVAL);
	assert_null(db);
	assert_int_equal(bud_db_open("/nonexistent-dir/x/t.db", NULL, &db, &err), BUD_EIO);
	assert_null(db);
	assert_string_equal(err.key, "err.store.io");
	bud_db_close(NULL);
}


/* bud_db_write_async: units queued behind a gate share one commit with a
 * waiting caller's unit; each done callback gets its own result, after
 * the commit, and a failing one rolls back alone. */
struct done_rec {
	atomic_int calls;
	atomic_int rc;
	atomic_int visible;	/* its row could be read when done ran */
	bud_db *db;
	const char *k;
};

static void on_done(void *arg, int rc, const bud_err *err)
{
	struct done_rec *d = arg;

	(void)err;
	atomic_store(&d->rc, rc);
	atomic_store(&d->visible, rc == BUD_OK ? count_k(d->db, d->k) : -1);
	atomic_fetch_add(&d->calls, 1);
}

static void test_write_async(void **state)
{
	struct ins in[3] = {{.k = "x1", .mode = INS_OK}, {.k = "x2", .mode = INS_FAIL_AFTER},
			    {.k = "x3", .mode = INS_OK}};
	struct done_rec d[3];
	struct job gj;
	struct gate g;
	bud_db *db = open_t(*state, NULL);
	bud_err err;
	int i;

	gate_init(&g);
	job_start(&gj, db, unit_gate, &g);
	gate_wait_entered(&g);
	for (i = 0; i < 3; i++) {
		memset(&d[i], 0, sizeof(d[i]));
		d[i].db = db;
		d[i].k = in[i].k;
		atomic_init(&in[i].ran, 0);
		assert_int_equal(bud_db_write_async(db, unit_insert, &in[i], on_done,
						    &d[i], &err), BUD_OK);
	}
	wait_queued(db, 3);
	for (i = 0; i < 3; i++)
		assert_int_equal(atomic_load(&d[i].calls), 0);	/* not before the commit */
	gate_open(&g);
	pthread_join(gj.t, NULL);
	bud_db_close(db);	/* drains the queue: every done has run */
	for (i = 0; i < 3; i++)
		assert_int_equal(atomic_load(&d[i].calls), 1);
	assert_int_equal(atomic_load(&d[0].rc), BUD_OK);
	assert_int_equal(atomic_load(&d[0].visible), 1);	/* on disk when told */
	assert_int_equal(atomic_load(&d[1].rc), BUD_EINVAL);
	assert_int_equal(atomic_load(&d[2].rc), BUD_OK);
	assert_int_equal(atomic_load(&d[2].visible), 1);
}

#define T(f) cmocka_unit_test_setup_teardown(f, tmpdb_setup, tmpdb_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_group_one_fails_alone),
		T(test_write_async),
		T(test_unique_conflict),
		T(test_unit_ending_transaction),
		T(test_readers_on_threads),
		T(test_reader_does_not_block_writer),
		T(test_read_while_writer_in_transaction),
		T(test_queue_overflow),
		T(test_close_drains_queue),
		T(test_thread_ends_after_close),
		T(test_stmt_cache),
		cmocka_unit_test(test_error_mapping),
		T(test_constraint_errors),
		T(test_busy_at_write),
		T(test_busy_at_open),
		T(test_no_writer_inline),
		T(test_fsync_failure_is_fail_stop),
		cmocka_unit_test(test_open_errors),
	};

	faulty_register();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
