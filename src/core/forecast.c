/*
 * core/forecast.c: the forecast arithmetic of core/forecast.h. Every
 * division rounds down except the run-out day, which rounds up (the first
 * day the money is short); products are taken in 128 bits.
 */
#include <stdint.h>
#include <string.h>

#include "bud_limits.h"
#include "core/forecast.h"

__extension__ typedef __int128 wide;

/* floor(a * b / c) for a, b >= 0 and c > 0, at most INT64_MAX */
static int64_t muldiv(int64_t a, int64_t b, int64_t c)
{
	wide q = (wide)a * b / c;

	return q > INT64_MAX ? INT64_MAX : (int64_t)q;
}

/* ceil(a * b / c) for a, b >= 0 and c > 0 */
static int64_t muldiv_up(int64_t a, int64_t b, int64_t c)
{
	return (int64_t)(((wide)a * b + c - 1) / c);
}

static void run_out(int64_t granted, int64_t used, int64_t start, int64_t end,
		    struct bud_forecast *f)
{
	f->projected = muldiv(used, f->total, f->elapsed);
	if (used > granted) {
		f->state = BUD_FC_EXCEEDED;
		f->runout = start + (used ? muldiv_up(granted, f->elapsed, used) : 0) - 1;
		if (f->runout < start)
			f->runout = start;
		return;
	}
	if (f->projected <= granted || used == 0) {
		f->state = BUD_FC_LASTS;
		return;
	}
	f->runout = start + muldiv_up(granted, f->elapsed, used) - 1;
	f->state = f->runout <= end ? BUD_FC_RUNS_OUT : BUD_FC_LASTS;
	if (f->state == BUD_FC_LASTS)
		f->runout = -1;
}

int bud_forecast(int64_t granted, int64_t used, int64_t start, int64_t end,
		 int64_t as_of, struct bud_forecast *f, bud_err *err)
{
	memset(f, 0, sizeof(*f));
	f->runout = -1;
	if (granted < 0 || granted > BUD_MONEY_MAX || used < 0 || used > BUD_MONEY_MAX ||
	    end < start || end - start >= BUD_FORECAST_MAX_DAYS)
		return bud_err_set(err, BUD_EINVAL, "forecast", "err.internal",
				   "forecast inputs out of range");
	f->total = end - start + 1;
	f->elapsed = as_of < start ? 0 : as_of > end ? f->total : as_of - start + 1;
	f->remaining = granted - used;
	f->used_share = granted ? muldiv(used, 10000, granted) : 0;
	f->time_share = muldiv(f->elapsed, 10000, f->total);
	if (f->elapsed == 0) {
		f->state = used > granted ? BUD_FC_EXCEEDED : BUD_FC_NOT_STARTED;
		f->projected = used;
		return BUD_OK;
	}
	f->per_day = used / f->elapsed;
	f->pace = f->time_share ? muldiv(f->used_share, 10000, f->time_share) : 0;
	run_out(granted, used, start, end, f);
	if (f->elapsed == f->total && f->state != BUD_FC_EXCEEDED) {
		f->state = BUD_FC_ENDED;
		f->runout = -1;
	}
	return BUD_OK;
}

int bud_forecast_underused(const struct bud_forecast *f, int64_t from_share,
			   int64_t pace_share)
{
	if (f->state != BUD_FC_LASTS)
		return 0;
	return f->time_share >= from_share && f->pace < pace_share;
}
