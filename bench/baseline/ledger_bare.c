/*
 * bench/baseline/ledger_bare.c: the fastest this machine books a claim in
 * SQLite with no application around it; bench_ledger's ceiling.
 *
 * One claim is the approve-a-claim write of budjetti reduced to its two
 * statements, both prepared once and reused:
 *   UPDATE budget_line SET spent = spent + ?1 WHERE id = ?2 AND spent + ?1 <= amount
 *   INSERT INTO ledger (budget_line_id, claim_id, amount, created_at) ...
 * (the row only when the debit changed one line). BATCH claims share one
 * BEGIN IMMEDIATE ... COMMIT. The database gets 1000 budget lines when it is
 * empty and, optionally, PRELOAD historical ledger rows with matching spent
 * sums, so a run can start from a database in service (an index with a leaf
 * per line) rather than an empty one, whose first claims are cheaper.
 *
 *   ledger_bare DB WAL|DELETE OFF|NORMAL|FULL BATCH SECONDS [CACHE_MIB [PRELOAD]]
 *
 * SECONDS 0 only creates (and preloads) the database. Prints one line of
 * key=value pairs, among them claims_per_s= (bench_ledger reads it); exits 1
 * on an SQLite error or when the ledger and the lines disagree afterwards.
 * Single-threaded: one connection, opened NOMUTEX.
 */
#include <errno.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define LINES 1000		/* budget lines of a fresh database */
#define LINE_AMOUNT (INT64_C(1) << 50)	/* room no run can use up */

struct opts {
	const char *path, *journal, *sync;
	long batch, cache_mib, preload;
	double seconds;
};

struct stmts {
	sqlite3_stmt *begin, *commit, *debit, *book;
};

struct tally {
	long claims, commits, refused;
	double seconds;
};

static sqlite3 *db;

static void die(const char *what)
{
	fprintf(stderr, "ledger_bare: %s: %s\n", what, db ? sqlite3_errmsg(db) : "no database");
	sqlite3_close(db);
	exit(1);
}

static void exec(const char *sql)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		die(sql);
}

static sqlite3_stmt *prepare(const char *sql)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
		die(sql);
	return st;
}

/* Step a statement that returns no row, then make it ready again. */
static void step(sqlite3_stmt *st)
{
	if (sqlite3_step(st) != SQLITE_DONE)
		die(sqlite3_sql(st));
	sqlite3_reset(st);
}

static int64_t scalar(const char *sql)
{
	sqlite3_stmt *st = prepare(sql);
	int64_t v;

	if (sqlite3_step(st) != SQLITE_ROW)
		die(sql);
	v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static double clock_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static uint64_t next_random(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* ------------------------------------------------------------ settings */

static int to_long(const char *s, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(s, &end, 10);
	return errno == 0 && end != s && *end == '\0' && *out >= 0 ? 0 : -1;
}

static int parse(int argc, char **argv, struct opts *o)
{
	char *end;

	if (argc < 6 || argc > 8)
		return -1;
	*o = (struct opts){.path = argv[1], .journal = argv[2], .sync = argv[3]};
	errno = 0;
	o->seconds = strtod(argv[5], &end);
	if (errno || end == argv[5] || *end || o->seconds < 0)
		return -1;
	if (to_long(argv[4], &o->batch) || o->batch < 1 ||
	    (argc > 6 && to_long(argv[6], &o->cache_mib)) ||
	    (argc > 7 && to_long(argv[7], &o->preload)))
		return -1;
	return 0;
}

/* The pragma for a name from an allow-list; NULL when it is not there. */
static const char *pragma_for(const char *name, const char *const (*list)[2], size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(list[i][0], name) == 0)
			return list[i][1];
	return NULL;
}

static int settings(const struct opts *o)
{
	static const char *const journals[][2] = {
		{"WAL", "PRAGMA journal_mode=WAL"}, {"DELETE", "PRAGMA journal_mode=DELETE"},
	};
	static const char *const syncs[][2] = {
		{"OFF", "PRAGMA synchronous=OFF"}, {"NORMAL", "PRAGMA synchronous=NORMAL"},
		{"FULL", "PRAGMA synchronous=FULL"},
	};
	const char *j = pragma_for(o->journal, journals, 2);
	const char *s = pragma_for(o->sync, syncs, 3);
	char cache[64];

	if (!j || !s)
		return -1;
	exec(j);
	exec(s);
	if (o->cache_mib > 0) {
		snprintf(cache, sizeof cache, "PRAGMA cache_size=-%ld", o->cache_mib * 1024);
		exec(cache);
	}
	exec("PRAGMA foreign_keys=ON");
	return 0;
}

/* ------------------------------------------------------------ database */

static void create_tables(void)
{
	exec("CREATE TABLE IF NOT EXISTS budget_line ("
	     " id INTEGER PRIMARY KEY, name TEXT NOT NULL, amount INTEGER NOT NULL,"
	     " spent INTEGER NOT NULL DEFAULT 0 CHECK (spent >= 0))");
	exec("CREATE TABLE IF NOT EXISTS ledger ("
	     " id INTEGER PRIMARY KEY,"
	     " budget_line_id INTEGER NOT NULL REFERENCES budget_line(id),"
	     " claim_id INTEGER NOT NULL, amount INTEGER NOT NULL, created_at INTEGER NOT NULL)");
	exec("CREATE INDEX IF NOT EXISTS ledger_by_line ON ledger(budget_line_id)");
}

/* ROWS old claims on random lines (claim ids below zero), and the lines'
 * spent sums made to match them. */
static void preload(long rows)
{
	sqlite3_stmt *st = prepare(
		"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)"
		" INSERT INTO ledger (budget_line_id, claim_id, amount, created_at)"
		" SELECT 1 + abs(random() % ?2), -i, 1 + abs(random() % 10000), 1700000000 + i FROM n");

	sqlite3_bind_int64(st, 1, rows);
	sqlite3_bind_int(st, 2, LINES);
	step(st);
	sqlite3_finalize(st);
	exec("UPDATE budget_line SET spent ="
	     " (SELECT total(amount) FROM ledger WHERE budget_line_id = budget_line.id)");
}

/* An empty database gets its lines (and old claims) in one transaction. */
static void seed(long rows)
{
	sqlite3_stmt *st;
	char name[32];
	int i;

	if (scalar("SELECT count(*) FROM budget_line") != 0)
		return;
	exec("BEGIN");
	st = prepare("INSERT INTO budget_line (id, name, amount) VALUES (?1, ?2, ?3)");
	for (i = 1; i <= LINES; i++) {
		snprintf(name, sizeof name, "budget line %d", i);
		sqlite3_bind_int(st, 1, i);
		sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 3, LINE_AMOUNT);
		step(st);
	}
	sqlite3_finalize(st);
	if (rows > 0)
		preload(rows);
	exec("COMMIT");
}

/* ------------------------------------------------------------- claims */

/* One claim: the debit, and the ledger row only if the line had room. */
static int claim(const struct stmts *s, uint64_t *rng, long claim_id)
{
	int64_t amount = 1 + (int64_t)(next_random(rng) % 10000);
	int line = 1 + (int)(next_random(rng) % LINES);

	sqlite3_bind_int64(s->debit, 1, amount);
	sqlite3_bind_int(s->debit, 2, line);
	step(s->debit);
	if (sqlite3_changes(db) != 1)
		return 0;
	sqlite3_bind_int64(s->book, 1, amount);
	sqlite3_bind_int(s->book, 2, line);
	sqlite3_bind_int64(s->book, 3, claim_id);
	sqlite3_bind_int64(s->book, 4, (sqlite3_int64)time(NULL));
	step(s->book);
	return 1;
}

/* Transactions of BATCH claims until SECONDS have passed. */
static void run_claims(const struct opts *o, const struct stmts *s, struct tally *t)
{
	uint64_t rng = UINT64_C(0x9e3779b97f4a7c15);
	double t0 = clock_s(), t1 = t0;
	long i;

	while (t1 - t0 < o->seconds) {
		step(s->begin);
		for (i = 0; i < o->batch; i++) {
			if (claim(s, &rng, t->claims))
				t->claims++;
			else
				t->refused++;
		}
		step(s->commit);
		t->commits++;
		t1 = clock_s();
	}
	t->seconds = t1 - t0;
}

static void prepare_all(struct stmts *s)
{
	s->begin = prepare("BEGIN IMMEDIATE");
	s->commit = prepare("COMMIT");
	s->debit = prepare("UPDATE budget_line SET spent = spent + ?1"
			   " WHERE id = ?2 AND spent + ?1 <= amount");
	s->book = prepare("INSERT INTO ledger (budget_line_id, claim_id, amount, created_at)"
			  " VALUES (?2, ?3, ?1, ?4)");
}

static void finalize_all(struct stmts *s)
{
	sqlite3_finalize(s->begin);
	sqlite3_finalize(s->commit);
	sqlite3_finalize(s->debit);
	sqlite3_finalize(s->book);
}

/* ---------------------------------------------------------------- main */

static int64_t db_kib(void)
{
	return scalar("PRAGMA page_count") * scalar("PRAGMA page_size") / 1024;
}

/* Every claim booked once, and the lines' spent sums equal the ledger's. */
static int consistent(int64_t rows_before, const struct tally *t)
{
	return scalar("SELECT (SELECT total(spent) FROM budget_line) ="
		      " (SELECT total(amount) FROM ledger)") == 1 &&
	       scalar("SELECT count(*) FROM ledger") == rows_before + t->claims &&
	       t->refused == 0;
}

static void report(const struct opts *o, int64_t rows_before, const struct tally *t, int ok)
{
	double el = t->seconds > 0 ? t->seconds : 1e-9;

	printf("journal=%s sync=%s batch=%ld rows_before=%lld db_kib=%lld seconds=%.2f"
	       " claims=%ld commits=%ld claims_per_s=%.0f commits_per_s=%.0f"
	       " us_per_claim=%.2f check=%s\n",
	       o->journal, o->sync, o->batch, (long long)rows_before, (long long)db_kib(),
	       t->seconds, t->claims, t->commits, (double)t->claims / el,
	       (double)t->commits / el, el * 1e6 / (double)(t->claims ? t->claims : 1),
	       ok ? "ok" : "FAILED");
}

int main(int argc, char **argv)
{
	struct opts o;
	struct stmts s;
	struct tally t = {0};
	int64_t rows_before;
	int ok;

	if (parse(argc, argv, &o) != 0) {
		fprintf(stderr, "usage: ledger_bare DB WAL|DELETE OFF|NORMAL|FULL BATCH SECONDS"
			" [CACHE_MIB [PRELOAD]]\n");
		return 2;
	}
	if (sqlite3_open_v2(o.path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
			    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
		die("open");
	if (settings(&o) != 0) {
		fprintf(stderr, "ledger_bare: journal WAL|DELETE, synchronous OFF|NORMAL|FULL\n");
		sqlite3_close(db);
		return 2;
	}
	create_tables();
	seed(o.preload);
	exec("PRAGMA wal_checkpoint(TRUNCATE)");
	rows_before = scalar("SELECT count(*) FROM ledger");
	if (o.seconds == 0) {
		printf("prepared %s rows=%lld db_kib=%lld\n", o.path, (long long)rows_before,
		       (long long)db_kib());
		sqlite3_close(db);
		return 0;
	}
	prepare_all(&s);
	run_claims(&o, &s, &t);
	finalize_all(&s);
	ok = consistent(rows_before, &t);
	report(&o, rows_before, &t, ok);
	sqlite3_close(db);
	return ok ? 0 : 1;
}
