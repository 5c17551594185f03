/*
 * store/check.h: the reads behind `budjetti check` (store_check.c): every
 * line of every decided plan (approved, superseded, ended) with its
 * plan's period and the ledger's grant and revoke sums, so app/check.c can
 * recompute what each line should have granted. Reads only.
 */
#ifndef BUD_STORE_CHECK_H
#define BUD_STORE_CHECK_H

#include <stdint.h>

#include "core/err.h"
#include "store/db.h"

struct bud_store_check_line {
	int64_t plan_id, line_id;
	const char *state;		/* approved, superseded, ended */
	const char *valid_from, *valid_to;
	const char *effective_to;	/* "" while in force */
	int64_t monthly_amount, period_amount;
	int64_t granted, revoked;	/* ledger sums, each >= 0 */
	int64_t plan_total;		/* sum of the plan's lines' period_amount */
	int64_t plan_granted;		/* sum of the plan's grant rows */
};

/* Called for each line; the strings live until it returns. A non-zero
 * return stops the walk and is returned. */
typedef int (*bud_store_check_fn)(void *arg, const struct bud_store_check_line *l);

int bud_store_check_lines(bud_conn *c, bud_store_check_fn fn, void *arg,
			  bud_err *err);

#endif
