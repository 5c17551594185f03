/*
 * app/check.h: `budjetti check`: the invariants that must hold in a
 * database whatever happened to it, recomputed from the rows:
 *
 *   - the use log's hash chain is unbroken (app/uselog.h);
 *   - every decided plan line's period_amount is its monthly amount pro
 *     rata over the plan's period (core/budget.h), the ledger granted
 *     exactly that, and what it revoked leaves the line's amount over the
 *     days the plan was in force (until effective_to);
 *   - for every plan in force, the ledger's grants equal the sum of its
 *     lines;
 *   - for every decided line: reserved - released <= granted - revoked,
 *     i.e. unreserved = granted - revoked - (reserved - released) >= 0
 *     (granted - revoked = reserved - released + unreserved), and what
 *     the ledger holds reserved equals what the line's commitments hold
 *     (sum of their reserved - released);
 *   - for every commitment and month, the usage kept for recording
 *     service events (service_usage) equals the sums of its events that
 *     count (app/event.h).
 *
 * Each problem found is passed to a callback as one English line.
 */
#ifndef BUD_APP_CHECK_H
#define BUD_APP_CHECK_H

#include <stdint.h>

#include "app/app.h"

struct bud_check_result {
	int64_t lines;		/* decided plan lines checked */
	int64_t problems;	/* problems reported */
	int uselog_ok;		/* 1 when the chain is intact */
};

typedef void (*bud_check_report_fn)(void *arg, const char *problem);

/* Run every check; BUD_OK when they could be run (problems or not; see
 * out->problems), else the error that stopped them. */
int bud_check_run(bud_app *app, bud_check_report_fn report, void *arg,
		  struct bud_check_result *out, bud_err *err);

/* bud_check_run calling progress (may be NULL) after each of its
 * BUD_CHECK_STEPS steps (the use log, the lines, the reservations, the
 * usage) with how many are done. */
#define BUD_CHECK_STEPS 4
typedef void (*bud_check_progress_fn)(void *arg, int64_t done, int64_t total);
int bud_check_run_progress(bud_app *app, bud_check_report_fn report, void *arg,
			   bud_check_progress_fn progress, void *parg,
			   struct bud_check_result *out, bud_err *err);

#endif
