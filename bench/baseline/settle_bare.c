/*
 * bench/baseline/settle_bare.c: the bare SQL aggregate bench/settle
 * measures `budjetti settle` against: a month's payable service events
 * summed per provider and commitment, one prepared statement on one
 * read-only connection, nothing else (no checks, no writes, no file):
 *
 *   SELECT provider_id, commitment_id, count(*), sum(quantity), sum(amount)
 *   FROM service_event WHERE on_date BETWEEN ?1 AND ?2
 *    AND state IN ('recorded', 'confirmed', 'dismissed')
 *   GROUP BY provider_id, commitment_id
 *
 *   settle_bare DB YYYY-MM
 *
 * Prints one line: groups= events= amount= seconds= (the statement's
 * steps, timed with CLOCK_MONOTONIC). Exit 1 on an SQLite error.
 */
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	static const char sql[] =
		"SELECT provider_id, commitment_id, count(*), sum(quantity), "
		"sum(amount) FROM service_event WHERE on_date BETWEEN ?1 AND ?2 "
		"AND state IN ('recorded', 'confirmed', 'dismissed') "
		"GROUP BY provider_id, commitment_id";
	char from[16], to[16];
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int64_t groups = 0, events = 0, amount = 0;
	double t0;
	int rc;

	if (argc != 3 || strlen(argv[2]) != 7) {
		fputs("usage: settle_bare DB YYYY-MM\n", stderr);
		return 2;
	}
	snprintf(from, sizeof(from), "%s-01", argv[2]);
	snprintf(to, sizeof(to), "%s-31", argv[2]);
	if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "settle_bare: %s\n", sqlite3_errmsg(db));
		sqlite3_close(db);
		return 1;
	}
	sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
	t0 = now_s();
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		groups++;
		events += sqlite3_column_int64(st, 2);
		amount += sqlite3_column_int64(st, 4);
	}
	if (rc != SQLITE_DONE) {
		fprintf(stderr, "settle_bare: %s\n", sqlite3_errmsg(db));
		sqlite3_finalize(st);
		sqlite3_close(db);
		return 1;
	}
	printf("groups=%lld events=%lld amount=%lld seconds=%.3f\n",
	       (long long)groups, (long long)events, (long long)amount, now_s() - t0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return 0;
}
