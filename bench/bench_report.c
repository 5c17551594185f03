/*
 * bench/bench_report.c: the county's budget-against-use report (issue 14,
 * "Speed and scale") against a bare SQL aggregate of the same rows, in the
 * same process and run, interleaved, median of ROUNDS rounds.
 *
 * The report is what GET /api/reports/usage?by=line answers a decision
 * maker for the period FROM..TO: bud_usage_read (every decided line of
 * the organiser with its ledger and service-event sums, a forecast each,
 * the use-log row written) and the report table the downloads are made
 * from (bud_usage_table). The bare aggregate (bud_store_usage_bare) sums
 * the same service events and ledger rows per line up to TO on the same
 * read connection: one statement, no plans, names, scope or forecast.
 * Both run on a warm page cache (one untimed bare run first).
 *
 *   bench_report DB [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--rounds R]
 *                [--user NAME]
 * The user (default johanna.ek, a decision maker of the demo) signs in
 * with the password in BUD_DEMO_PASSWORD. Prints each round, then
 *   report lines=L report=S s bare=B s ratio=R (target <= 3)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/account.h"
#include "app/app.h"
#include "app/usage.h"
#include "bud_limits.h"
#include "store/db.h"
#include "store/usage.h"

#define MAX_ROUNDS 20

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* The report: seconds, and its lines in *lines. */
static double report(bud_app *app, const bud_actor *a, const struct bud_usage_query *q,
		     size_t *lines, char to[16], bud_err *err)
{
	struct bud_usage u;
	struct bud_report r;
	double t0 = now_s();
	int rc;

	memset(&r, 0, sizeof(r));
	rc = bud_usage_read(app, a, q, a->lang, &u, err);

	if (rc == BUD_OK)
		rc = bud_usage_table(&u, a->lang, 1, &r);
	*lines = u.nrows;
	snprintf(to, 16, "%s", u.to);
	bud_report_release(&r);
	bud_usage_release(&u);
	return rc == BUD_OK ? now_s() - t0 : -1;
}

/* The bare aggregate on this thread's reader: seconds. */
static double bare(bud_app *app, const char *to, int64_t *groups, bud_err *err)
{
	bud_conn *c = bud_db_reader(app->db, err);
	int64_t total;
	double t0 = now_s();
	int rc;

	if (!c || bud_conn_read_begin(c, err) != BUD_OK)
		return -1;
	rc = bud_store_usage_bare(c, to, groups, &total, err);
	bud_conn_read_end(c);
	return rc == BUD_OK ? now_s() - t0 : -1;
}

struct opts {
	const char *db, *from, *to, *user;
	int rounds;
};

static int parse(int argc, char **argv, struct opts *o)
{
	int i;

	if (argc < 2)
		return -1;
	o->db = argv[1];
	for (i = 2; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--from"))
			o->from = argv[i + 1];
		else if (!strcmp(argv[i], "--to"))
			o->to = argv[i + 1];
		else if (!strcmp(argv[i], "--user"))
			o->user = argv[i + 1];
		else if (!strcmp(argv[i], "--rounds"))
			o->rounds = (int)strtol(argv[i + 1], NULL, 10);
		else
			return -1;
	}
	return i == argc && o->rounds >= 1 && o->rounds <= MAX_ROUNDS ? 0 : -1;
}

static int run(bud_app *app, const bud_actor *a, const struct opts *o, bud_err *err)
{
	struct bud_usage_query q = {.from = o->from, .to = o->to, .by = BUD_USAGE_LINE};
	double rs[MAX_ROUNDS], bs[MAX_ROUNDS], rsec, bsec;
	char to[16];
	size_t lines = 0;
	int64_t groups = 0;
	int i;

	/* untimed, for a warm cache and the period's last day (the report's
	 * default when --to is not given), which the bare aggregate sums up to */
	if (report(app, a, &q, &lines, to, err) < 0 || bare(app, to, &groups, err) < 0)
		return 1;
	for (i = 0; i < o->rounds; i++) {
		if (i % 2 == 0) {
			bsec = bare(app, to, &groups, err);
			rsec = report(app, a, &q, &lines, to, err);
		} else {
			rsec = report(app, a, &q, &lines, to, err);
			bsec = bare(app, to, &groups, err);
		}
		if (rsec < 0 || bsec < 0)
			return 1;
		rs[i] = rsec;
		bs[i] = bsec;
		printf("round %d: lines=%zu report=%.3fs bare groups=%lld %.3fs\n", i + 1, lines,
		       rsec, (long long)groups, bsec);
		fflush(stdout);
	}
	rsec = median(rs, o->rounds);
	bsec = median(bs, o->rounds);
	printf("report lines=%zu report=%.3f s bare=%.3f s ratio=%.2f (target <= 3)\n", lines,
	       rsec, bsec, rsec / bsec);
	return 0;
}

int main(int argc, char **argv)
{
	struct opts o = {.user = "johanna.ek", .rounds = 5};
	char token[BUD_TOKEN_TEXT + 1];
	const char *pw = getenv("BUD_DEMO_PASSWORD");
	bud_app app;
	bud_actor a;
	bud_err err;
	int rc;

	if (parse(argc, argv, &o) != 0 || !pw) {
		fputs("usage: BUD_DEMO_PASSWORD=... bench_report DB [--from D] [--to D] "
		      "[--rounds R] [--user NAME]\n", stderr);
		return 2;
	}
	memset(&app, 0, sizeof(app));
	memset(&a, 0, sizeof(a));
	bud_err_clear(&err);
	rc = bud_db_open(o.db, NULL, &app.db, &err);
	if (rc == BUD_OK)
		rc = bud_account_login(&app, o.user, pw, "bench", &a, token, &err);
	if (rc == BUD_OK)
		rc = run(&app, &a, &o, &err) ? BUD_EINTERNAL : BUD_OK;
	if (rc != BUD_OK)
		fprintf(stderr, "bench_report: %s %s\n", err.field, err.detail);
	bud_db_close(app.db);
	return rc == BUD_OK ? 0 : 1;
}
