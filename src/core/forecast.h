/*
 * core/forecast.h: budget against use of one line over its period, and
 * where the pace so far leads: the arithmetic of the usage report and the
 * alerts (app/usage.h), in integer cents and whole days, no floating point.
 *
 * A line runs from day `start` to day `end` (inclusive, day numbers of
 * core/date). Looked at on day `as_of`, `elapsed` is the days of the period
 * up to and including as_of (0 before the start, all of them after the
 * end). The pace so far is used / elapsed a day. At that pace:
 *
 *   projected  = used * total / elapsed    what the line will have used by
 *                                          its end (rounded down to a cent)
 *   lasts      = projected <= granted
 *   runout     the first day on which the use at that pace reaches the
 *              grant: start + ceil(granted * elapsed / used) - 1, when that
 *              is on or before the end (else the line lasts)
 *
 * Shares are hundredths of a percent, rounded down (4550 = 45,5 %):
 *   used_share = used * 10000 / granted     (0 when nothing was granted)
 *   time_share = elapsed * 10000 / total
 *   pace       = used_share * 10000 / time_share: 10000 is on an even pace
 *                (0 before the start)
 * Rounding down never makes a line look better used than it is, and a
 * run-out day rounded up is the first day the money is short.
 *
 * Amounts are at most BUD_MONEY_MAX (10^15 cents) and a period at most
 * BUD_FORECAST_MAX_DAYS days; products are taken in 128 bits, so none
 * overflows; the projection saturates at INT64_MAX (only a line used far
 * beyond any grant in its first days gets near it).
 */
#ifndef BUD_CORE_FORECAST_H
#define BUD_CORE_FORECAST_H

#include <stdint.h>

#include "core/err.h"

enum bud_forecast_state {
	BUD_FC_NOT_STARTED,	/* as_of before the start */
	BUD_FC_LASTS,		/* at this pace the grant lasts to the end */
	BUD_FC_RUNS_OUT,	/* at this pace it runs out on `runout` */
	BUD_FC_EXCEEDED,	/* used is already more than granted */
	BUD_FC_ENDED,		/* the period is over (used vs granted is final) */
};

struct bud_forecast {
	int64_t total, elapsed;		/* days */
	int64_t remaining;		/* granted - used (may be negative) */
	int64_t used_share, time_share, pace;	/* hundredths of a percent */
	int64_t per_day;		/* cents a day so far, rounded down */
	int64_t projected;		/* cents at the end at this pace */
	int64_t runout;			/* a day number, or -1 */
	enum bud_forecast_state state;
};

/*
 * Compute f for a line granted `granted` and used `used` cents (both
 * 0..BUD_MONEY_MAX), start..end (end >= start, at most
 * BUD_FORECAST_MAX_DAYS days), seen on day as_of. BUD_EINVAL (field
 * "forecast") when the inputs are out of range; f is then zeroed.
 */
int bud_forecast(int64_t granted, int64_t used, int64_t start, int64_t end,
		 int64_t as_of, struct bud_forecast *f, bud_err *err);

/*
 * Whether a line is under-used: at least from_share of its period has
 * passed (hundredths of a percent) and its pace is below pace_share (e.g.
 * 5000, 5000: from half of the period on, less than half of the even
 * pace). A line that has ended or not started is not.
 */
int bud_forecast_underused(const struct bud_forecast *f, int64_t from_share,
			   int64_t pace_share);

#endif
