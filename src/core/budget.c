/*
 * core/budget.c: monthly and pro-rata amounts of plan lines (see
 * core/budget.h). Pure; every multiplication and sum is overflow-checked
 * with the compiler's checked builtins, and amounts stay within
 * +-BUD_MONEY_MAX.
 */
#include <assert.h>
#include <stdio.h>

#include "core/budget.h"
#include "core/date.h"
#include "core/money.h"

static int overflow(bud_err *err, const char *what)
{
	return bud_err_set(err, BUD_EOVERFLOW, NULL, "err.money.overflow",
			   "%s overflows", what);
}

/* Parse s into a day number; a failure names field. */
static int day_of(const char *s, const char *field, int64_t *day, bud_err *err)
{
	int y, m, d, rc;

	rc = bud_date_parse(s, &y, &m, &d, err);
	if (rc != BUD_OK) {
		if (err)
			snprintf(err->field, sizeof(err->field), "%s", field);
		return rc;
	}
	*day = bud_date_days(y, m, d);
	return BUD_OK;
}

int bud_budget_monthly(int64_t quantity, int64_t unit_price, int64_t *out,
		       bud_err *err)
{
	if (quantity < 0 || unit_price < 0)
		return bud_err_set(err, BUD_EINVAL, "quantity", "err.out_of_range",
				   "negative quantity or price");
	return bud_money_line(quantity, unit_price, out, err);
}

/* round_half_away(monthly * covered / dim) for monthly >= 0. */
static int month_part(int64_t monthly, int covered, int dim, int64_t *out,
		      bud_err *err)
{
	int64_t p, q, r;

	assert(monthly >= 0 && covered >= 1 && covered <= dim && dim >= 28);
	if (covered == dim) {
		*out = monthly;
		return BUD_OK;
	}
	if (__builtin_mul_overflow(monthly, (int64_t)covered, &p))
		return overflow(err, "monthly amount times days");
	q = p / dim;
	r = p % dim;
	if (2 * r >= dim)
		q++;
	*out = q;
	return BUD_OK;
}

int bud_budget_prorata_days(int64_t monthly, int64_t from_day, int64_t to_day,
			    int64_t *out, bud_err *err)
{
	int64_t day, sum = 0, part = 0, first, last;
	int y, m, d, dim, rc;

	if (monthly < 0)
		return bud_err_set(err, BUD_EINVAL, "monthly_amount",
				   "err.out_of_range", "negative monthly amount");
	if (monthly > BUD_MONEY_MAX)
		return overflow(err, "monthly amount");
	for (day = from_day; day <= to_day; day = last + 1) {
		if (bud_date_from_days(day, &y, &m, &d) != BUD_OK)
			return bud_err_set(err, BUD_EINVAL, "valid_from",
					   "err.invalid_date", "day out of range");
		dim = bud_date_month_days(y, m);
		first = day - (d - 1);
		last = first + dim - 1;
		rc = month_part(monthly, (int)((last < to_day ? last : to_day) - day + 1),
				dim, &part, err);
		if (rc != BUD_OK)
			return rc;
		if (bud_money_add(sum, part, &sum, err) != BUD_OK)
			return overflow(err, "period amount");
	}
	*out = sum;
	return BUD_OK;
}

int bud_budget_prorata(int64_t monthly, const char *from, const char *to,
		       int64_t *out, bud_err *err)
{
	int64_t a, b;
	int rc;

	if ((rc = day_of(from, "valid_from", &a, err)) != BUD_OK ||
	    (rc = day_of(to, "valid_to", &b, err)) != BUD_OK)
		return rc;
	return bud_budget_prorata_days(monthly, a, b, out, err);
}

int bud_budget_until(int64_t monthly, const char *from, const char *to,
		     const char *last_day, int64_t *out, bud_err *err)
{
	int64_t a, b, l;
	int rc;

	if ((rc = day_of(from, "valid_from", &a, err)) != BUD_OK ||
	    (rc = day_of(to, "valid_to", &b, err)) != BUD_OK ||
	    (rc = day_of(last_day, "last_day", &l, err)) != BUD_OK)
		return rc;
	return bud_budget_prorata_days(monthly, a, l < b ? l : b, out, err);
}

int bud_budget_sum(const int64_t *v, size_t n, int64_t *out, bud_err *err)
{
	int64_t sum = 0;
	size_t i;

	assert(v || n == 0);
	for (i = 0; i < n; i++)
		if (bud_money_add(sum, v[i], &sum, err) != BUD_OK)
			return overflow(err, "total");
	*out = sum;
	return BUD_OK;
}

int bud_budget_months(const char *from, const char *to, int *out, bud_err *err)
{
	int y1, m1, d1, y2, m2, d2, rc;

	if ((rc = bud_date_parse(from, &y1, &m1, &d1, err)) != BUD_OK ||
	    (rc = bud_date_parse(to, &y2, &m2, &d2, err)) != BUD_OK)
		return rc;
	if (bud_date_days(y2, m2, d2) < bud_date_days(y1, m1, d1)) {
		*out = 0;
		return BUD_OK;
	}
	*out = (y2 - y1) * 12 + (m2 - m1) + 1;
	return BUD_OK;
}

int bud_budget_period_check(const char *from, const char *to, int max_months,
			    bud_err *err)
{
	int64_t a, b;
	int y, m, d, ny, nm, nd, rc;

	assert(max_months > 0);
	if ((rc = day_of(from, "valid_from", &a, err)) != BUD_OK ||
	    (rc = day_of(to, "valid_to", &b, err)) != BUD_OK)
		return rc;
	if (b < a)
		return bud_err_set(err, BUD_EINVAL, "valid_to",
				   "err.plan.period_order",
				   "the period ends before it starts");
	if (bud_date_from_days(a, &y, &m, &d) != BUD_OK ||
	    bud_date_add_months(y, m, d, max_months, &ny, &nm, &nd) != BUD_OK)
		return bud_err_set(err, BUD_EINVAL, "valid_from",
				   "err.invalid_date", "date out of range");
	if (b >= bud_date_days(ny, nm, nd))
		return bud_err_set(err, BUD_EINVAL, "valid_to",
				   "err.plan.period_long",
				   "the period is longer than %d months", max_months);
	return BUD_OK;
}
