/*
 * bench/bench_ledger.c: the approve-a-claim write through bud_db_write
 * (group commit), against bench/baseline/ledger_bare.c on the same machine
 * in the same run, interleaved, median of ROUNDS rounds.
 *
 * One claim = a conditional debit of a budget line plus one ledger row
 * (the baseline's statements), one claim per write unit, THREADS client
 * threads calling bud_db_write at once so the writer can group them, with
 * synchronous=FULL. The baseline does one claim per commit (`WAL FULL 1`)
 * and, as the ceiling of perfect grouping, THREADS claims per commit.
 *
 * The tables are the baseline's own (budget_line, ledger), created in a
 * fresh database for every run by the baseline program itself
 * (`ledger_bare DB WAL FULL 1 0 0 PRELOAD`), so both sides start from the
 * same file; budjetti opens it with no_migrate. Everything lives in a
 * temporary directory under /tmp, removed at the end. The baseline is the
 * ledger_bare program Meson builds beside this one (its path is compiled in
 * as BENCH_LEDGER_BARE; --baseline names another build of it). No database
 * is open while a child runs.
 *
 *   bench_ledger [--seconds S] [--threads N] [--rounds R] [--preload ROWS]
 *                [--baseline PATH/ledger_bare]
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <spawn.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "store/db.h"

#ifndef BENCH_LEDGER_BARE
#define BENCH_LEDGER_BARE "ledger_bare"	/* looked up in PATH */
#endif
#define N_LINES 1000	/* budget lines the baseline creates */
#define MAX_THREADS 1024

extern char **environ;

struct conf {
	double seconds;
	long threads, rounds, preload;
	const char *baseline;	/* the ledger_bare executable */
	char dir[64];
};

static const char sql_debit[] =
	"UPDATE budget_line SET spent = spent + ?1 WHERE id = ?2 AND spent + ?1 <= amount";
static const char sql_ledger[] =
	"INSERT INTO ledger (budget_line_id, claim_id, amount, created_at) VALUES (?2, ?3, ?1, ?4)";
static const char sql_check[] =
	"SELECT (SELECT total(spent) FROM budget_line) = (SELECT total(amount) FROM ledger),"
	" (SELECT count(*) FROM ledger)";

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ------------------------------------------------------------ children */

/* Run argv (argv[0] looked up in PATH), stdout to out_path (NULL: ours);
 * 0 when it exited 0. */
static int run(char *const argv[], const char *out_path)
{
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int st = 0, rc;

	posix_spawn_file_actions_init(&fa);
	if (out_path)
		posix_spawn_file_actions_addopen(&fa, 1, out_path,
						 O_WRONLY | O_CREAT | O_TRUNC, 0600);
	rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0) {
		fprintf(stderr, "bench_ledger: cannot run %s: %s\n", argv[0], strerror(rc));
		return -1;
	}
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
}

/* A fresh database at path with the baseline's tables (and preload). */
static int make_db(const struct conf *c, const char *path)
{
	char preload[32], log[128];
	char *argv[] = {(char *)c->baseline, (char *)path, "WAL", "FULL", "1", "0", "0",
			preload, NULL};

	snprintf(preload, sizeof preload, "%ld", c->preload);
	snprintf(log, sizeof log, "%s/prepare.out", c->dir);
	return run(argv, log);
}

/* Remove path and its -wal and -shm (no connection has them open). */
static void drop_db(const char *path)
{
	char p[160];

	unlink(path);
	snprintf(p, sizeof p, "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", path);
	unlink(p);
}

/* The baseline's claims per second with BATCH claims per commit; < 0 on error. */
static double run_baseline(const struct conf *c, long batch, int round)
{
	char db[128], out[128], secs[32], b[32], line[512];
	char *argv[] = {(char *)c->baseline, db, "WAL", "FULL", b, secs, NULL};
	const char *p;
	double v = -1;
	FILE *f;

	snprintf(db, sizeof db, "%s/base-%d-%ld.db", c->dir, round, batch);
	snprintf(out, sizeof out, "%s/base.out", c->dir);
	snprintf(secs, sizeof secs, "%g", c->seconds);
	snprintf(b, sizeof b, "%ld", batch);
	if (make_db(c, db) != 0 || run(argv, out) != 0) {
		drop_db(db);
		return -1;
	}
	drop_db(db);
	f = fopen(out, "r");
	if (!f)
		return -1;
	if (fgets(line, sizeof line, f) && (p = strstr(line, "claims_per_s=")) != NULL)
		v = strtod(p + strlen("claims_per_s="), NULL);
	fclose(f);
	return v;
}

/* ------------------------------------------------------------- budjetti */

struct client {
	bud_db *db;
	atomic_int *stop;
	atomic_llong *next_claim;
	uint64_t rng;
	long claims, failed;
	pthread_t t;
};

struct claim {
	int64_t amount, claim_id;
	int line;
};

static uint64_t xorshift(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* The write unit: debit the line if it has room, then book the claim. */
static int unit_claim(bud_conn *w, void *arg, bud_err *err)
{
	const struct claim *cl = arg;
	sqlite3_stmt *st;
	int rc;

	st = bud_conn_stmt(w, sql_debit, err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, cl->amount);
	sqlite3_bind_int(st, 2, cl->line);
	rc = bud_conn_done(w, st, "debit", err);
	if (rc != BUD_OK)
		return rc;
	if (bud_conn_changes(w) != 1)
		return bud_err_set(err, BUD_ECONFLICT, NULL, "err.bench.no_room", "no room");
	st = bud_conn_stmt(w, sql_ledger, err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, cl->amount);
	sqlite3_bind_int(st, 2, cl->line);
	sqlite3_bind_int64(st, 3, cl->claim_id);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)time(NULL));
	return bud_conn_done(w, st, "ledger", err);
}

static void *client_main(void *p)
{
	struct client *c = p;
	struct claim cl;
	bud_err err;

	while (!atomic_load(c->stop)) {
		cl.amount = 1 + (int64_t)(xorshift(&c->rng) % 10000);
		cl.line = 1 + (int)(xorshift(&c->rng) % N_LINES);
		cl.claim_id = atomic_fetch_add(c->next_claim, 1);
		if (bud_db_write(c->db, unit_claim, &cl, &err) == BUD_OK)
			c->claims++;
		else
			c->failed++;
	}
	return NULL;
}

/* Every debit has its ledger row; *rows: ledger rows. */
static int check(bud_db *db, long long *rows)
{
	bud_err err;
	bud_conn *r = bud_db_reader(db, &err);
	sqlite3_stmt *st = r ? bud_conn_stmt(r, sql_check, &err) : NULL;
	int ok = 0;

	if (st && sqlite3_step(st) == SQLITE_ROW) {
		ok = sqlite3_column_int(st, 0) == 1;
		*rows = sqlite3_column_int64(st, 1);
	}
	if (st)
		sqlite3_reset(st);
	return ok;
}

/* Drive THREADS clients for SECONDS; claims per second, < 0 on error. */
static double drive(const struct conf *c, bud_db *db, long *claims, long *failed)
{
	static struct client cl[MAX_THREADS];
	atomic_int stop;
	atomic_llong next_claim;
	struct timespec d;
	double t0, el;
	long i;

	atomic_init(&stop, 0);
	atomic_init(&next_claim, 1);
	*claims = *failed = 0;
	t0 = now();
	for (i = 0; i < c->threads; i++) {
		cl[i] = (struct client){.db = db, .stop = &stop, .next_claim = &next_claim,
					.rng = 88172645463325252ULL + (uint64_t)i * 7919};
		if (pthread_create(&cl[i].t, NULL, client_main, &cl[i]) != 0)
			return -1;
	}
	d.tv_sec = (time_t)c->seconds;
	d.tv_nsec = (long)((c->seconds - (double)d.tv_sec) * 1e9);
	while (nanosleep(&d, &d) != 0 && errno == EINTR)
		;
	atomic_store(&stop, 1);
	for (i = 0; i < c->threads; i++) {
		pthread_join(cl[i].t, NULL);
		*claims += cl[i].claims;
		*failed += cl[i].failed;
	}
	el = now() - t0;
	return (double)*claims / el;
}

static double run_budjetti(const struct conf *c, int round, double *per_commit)
{
	const struct bud_db_opts o = {.no_migrate = 1};
	struct bud_db_stats s;
	long long rows0 = 0, rows = 0;
	long claims, failed;
	char path[128];
	bud_db *db = NULL;
	bud_err err;
	double v = -1;

	snprintf(path, sizeof path, "%s/bud-%d.db", c->dir, round);
	if (make_db(c, path) != 0)
		return -1;
	if (bud_db_open(path, &o, &db, &err) != BUD_OK) {
		fprintf(stderr, "bench_ledger: open: %s\n", err.detail);
		goto out;
	}
	if (!check(db, &rows0))
		goto out;
	v = drive(c, db, &claims, &failed);
	bud_db_stats(db, &s);
	*per_commit = s.commits ? (double)s.units / (double)s.commits : 0;
	if (failed || !check(db, &rows) || rows != rows0 + claims) {
		fprintf(stderr, "bench_ledger: check failed (%ld failed writes)\n", failed);
		v = -1;
	}
out:
	bud_db_close(db);
	drop_db(path);
	return v;
}

/* ----------------------------------------------------------------- main */

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double median(double *v, long n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static int parse_num(const char *s, double lo, double hi, double *out)
{
	char *end;

	errno = 0;
	*out = strtod(s, &end);
	return errno == 0 && end != s && *end == '\0' && *out >= lo && *out <= hi ? 0 : -1;
}

static int parse_args(int argc, char **argv, struct conf *c)
{
	double v;
	int i;

	*c = (struct conf){.seconds = 5, .threads = 64, .rounds = 3, .preload = 0,
			   .baseline = BENCH_LEDGER_BARE};
	for (i = 1; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--baseline") == 0) {
			c->baseline = argv[i + 1];
			continue;
		}
		if (parse_num(argv[i + 1], 0.1, 1e9, &v) != 0)
			return -1;
		if (strcmp(argv[i], "--seconds") == 0)
			c->seconds = v;
		else if (strcmp(argv[i], "--threads") == 0 && v <= MAX_THREADS)
			c->threads = (long)v;
		else if (strcmp(argv[i], "--rounds") == 0 && v <= 99)
			c->rounds = (long)v;
		else if (strcmp(argv[i], "--preload") == 0)
			c->preload = (long)v;
		else
			return -1;
	}
	return i == argc && c->threads >= 1 && c->rounds >= 1 ? 0 : -1;
}

/* Remove the temporary directory and what is left in it. */
static void drop_dir(const char *dir)
{
	struct dirent *d;
	DIR *dp = opendir(dir);

	if (dp) {
		while ((d = readdir(dp)) != NULL)
			if (strcmp(d->d_name, ".") != 0 && strcmp(d->d_name, "..") != 0)
				unlinkat(dirfd(dp), d->d_name, 0);
		closedir(dp);
	}
	rmdir(dir);
}

/* One round, the three runs in an order that rotates with the round. */
static int round_run(const struct conf *c, int r, double *bud, double *b1,
		     double *bn, double *per_commit)
{
	int k;

	for (k = 0; k < 3; k++) {
		switch ((k + r) % 3) {
		case 0: *bud = run_budjetti(c, r, per_commit); break;
		case 1: *b1 = run_baseline(c, 1, r); break;
		default: *bn = run_baseline(c, c->threads, r); break;
		}
	}
	printf("round %d: budjetti %.0f claims/s (%.1f claims per commit), "
	       "baseline 1/commit %.0f, baseline %ld/commit %.0f\n",
	       r + 1, *bud, *per_commit, *b1, c->threads, *bn);
	fflush(stdout);
	return *bud > 0 && *b1 > 0 && *bn > 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
	double bud[99], b1[99], bn[99], pc[99];
	struct conf c;
	double mb, m1, mn;
	int r, rc = 1;

	if (parse_args(argc, argv, &c) != 0) {
		fprintf(stderr, "usage: bench_ledger [--seconds S] [--threads N] [--rounds R]"
			" [--preload ROWS] [--baseline PATH/ledger_bare]\n");
		return 2;
	}
	snprintf(c.dir, sizeof c.dir, "/tmp/bud-bench-XXXXXX");
	if (!mkdtemp(c.dir)) {
		fprintf(stderr, "bench_ledger: cannot make %s\n", c.dir);
		return 1;
	}
	if (strchr(c.baseline, '/') && access(c.baseline, X_OK) != 0) {
		fprintf(stderr, "bench_ledger: no baseline program %s\n", c.baseline);
		goto out;
	}
	printf("bench_ledger: approve-a-claim, %ld rounds of %g s, %ld client threads, "
	       "synchronous=FULL, WAL, %ld preloaded ledger rows\n",
	       c.rounds, c.seconds, c.threads, c.preload);
	for (r = 0; r < c.rounds; r++)
		if (round_run(&c, r, &bud[r], &b1[r], &bn[r], &pc[r]) != 0) {
			fprintf(stderr, "bench_ledger: round %d failed\n", r + 1);
			goto out;
		}
	mb = median(bud, c.rounds);
	m1 = median(b1, c.rounds);
	mn = median(bn, c.rounds);
	printf("budjetti  claims_per_s=%.0f (median, %.1f claims per commit)\n", mb,
	       median(pc, c.rounds));
	printf("baseline  claims_per_s=%.0f (ledger_bare WAL FULL 1, median)\n", m1);
	printf("ceiling   claims_per_s=%.0f (ledger_bare WAL FULL %ld, median)\n", mn, c.threads);
	printf("ratio budjetti/baseline = %.2f\n", mb / m1);
	printf("ratio budjetti/ceiling = %.2f\n", mb / mn);
	rc = 0;
out:
	drop_dir(c.dir);
	return rc;
}
