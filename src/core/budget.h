/*
 * core/budget.h: the budget calculation of a service plan, as pure
 * integer arithmetic (no I/O, no floating point).
 *
 * A plan line is quantity a month (hundredths of the unit) x unit price
 * (cents): the monthly amount, rounded half away from zero once
 * (bud_money_line). Over a period from..to (inclusive) the line's amount
 * is pro rata per calendar month:
 *
 *     sum over the months m touched by the period of
 *         round_half_away(monthly x days of m covered / days in m)
 *
 * so a full month is exactly the monthly amount, and cutting a period at
 * a month boundary splits its amount exactly (each month is computed on
 * its own). Every product and sum is checked: BUD_EOVERFLOW
 * (err.money.overflow) instead of wrapping.
 *
 * Dates are "YYYY-MM-DD" strings (or day numbers, core/date.h).
 */
#ifndef BUD_CORE_BUDGET_H
#define BUD_CORE_BUDGET_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

/* *out = the monthly amount of quantity (hundredths) x unit_price (cents);
 * both must be >= 0 (else BUD_EINVAL, field "quantity"). */
int bud_budget_monthly(int64_t quantity, int64_t unit_price, int64_t *out,
		       bud_err *err);

/*
 * *out = monthly pro rata over the days from_day..to_day (day numbers,
 * inclusive). to_day < from_day gives 0 (an empty period). monthly must be
 * >= 0. BUD_EOVERFLOW when a product or the sum would overflow.
 */
int bud_budget_prorata_days(int64_t monthly, int64_t from_day, int64_t to_day,
			    int64_t *out, bud_err *err);

/* The same over "YYYY-MM-DD" dates (BUD_EINVAL, field "valid_from" or
 * "valid_to", when a date does not parse). */
int bud_budget_prorata(int64_t monthly, const char *from, const char *to,
		       int64_t *out, bud_err *err);

/*
 * The amount of a line over the sub-period from..last_day of its period
 * from..to: what it is worth while in force until last_day (clamped to
 * the period; last_day before from gives 0). The revoke of a plan cut
 * short on last_day is bud_budget_prorata(monthly, from, to) minus this.
 */
int bud_budget_until(int64_t monthly, const char *from, const char *to,
		     const char *last_day, int64_t *out, bud_err *err);

/* *out = v[0] + ... + v[n-1], checked (BUD_EOVERFLOW). */
int bud_budget_sum(const int64_t *v, size_t n, int64_t *out, bud_err *err);

/* The calendar months the period from..to touches (2027-01-01..2027-12-31:
 * 12; 2026-01-15..2026-02-14: 2); 0 when to < from. */
int bud_budget_months(const char *from, const char *to, int *out, bud_err *err);

/*
 * Check a plan period: both dates parse (fields "valid_from", "valid_to"),
 * to >= from (field "valid_to", err.plan.period_order) and the period
 * lasts at most max_months months: to is before from + max_months months
 * (field "valid_to", err.plan.period_long).
 */
int bud_budget_period_check(const char *from, const char *to, int max_months,
			    bud_err *err);

#endif
