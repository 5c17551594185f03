/*
 * core/date.c: Gregorian dates as day numbers and Helsinki local time.
 *
 * A day number is found by counting whole years since 0001-01-01 (365 each
 * plus the leap days before the year) and then the days of the year; the
 * inverse peels off 400-, 100-, 4- and 1-year blocks. Helsinki time adds two
 * hours, three in summer time, whose switch instants are the last Sundays
 * of March and October (September before 1996) at 01:00 UTC (00:00 UTC in
 * 1981-82).
 *
 * Pure functions, no state; only bud_date_today_helsinki reads the clock.
 */
#include <assert.h>
#include <string.h>
#include <stdio.h>
#include <time.h>

#include "bud_limits.h"
#include "core/date.h"

/* Days from 0001-01-01 to 1970-01-01. */
#define DAYS_0001_TO_1970 INT64_C(719162)
#define DAYS_PER_400Y 146097
#define DAYS_PER_100Y 36524
#define DAYS_PER_4Y 1461

/* Days before the first of each month in a common year. */
static const int days_before_month[13] = {
	0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334
};

int bud_date_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int bud_date_month_days(int y, int m)
{
	static const int len[13] = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && bud_date_leap(y))
		return 29;
	return len[m];
}

int bud_date_valid(int y, int m, int d)
{
	if (y < BUD_DATE_MIN_YEAR || y > BUD_DATE_MAX_YEAR)
		return 0;
	return d >= 1 && d <= bud_date_month_days(y, m);
}

int64_t bud_date_days(int y, int m, int d)
{
	int64_t py;
	int64_t n;

	if (!bud_date_valid(y, m, d))
		return INT64_MIN;
	py = (int64_t)y - 1;	/* whole years before y */
	n = py * 365 + py / 4 - py / 100 + py / 400;
	n += days_before_month[m] + (m > 2 && bud_date_leap(y)) + (d - 1);
	return n - DAYS_0001_TO_1970;
}

int bud_date_from_days(int64_t days, int *y, int *m, int *d)
{
	int64_t n, q400, q100, q4, q1;
	int year, month, leap;

	if (days < bud_date_days(BUD_DATE_MIN_YEAR, 1, 1) ||
	    days > bud_date_days(BUD_DATE_MAX_YEAR, 12, 31))
		return BUD_EINVAL;
	n = days + DAYS_0001_TO_1970;	/* days since 0001-01-01, >= 0 */
	q400 = n / DAYS_PER_400Y;
	n %= DAYS_PER_400Y;
	q100 = n / DAYS_PER_100Y;
	if (q100 == 4)		/* the last day of a 400-year block */
		q100 = 3;
	n -= q100 * DAYS_PER_100Y;
	q4 = n / DAYS_PER_4Y;
	n %= DAYS_PER_4Y;
	q1 = n / 365;
	if (q1 == 4)		/* the last day of a 4-year block */
		q1 = 3;
	n -= q1 * 365;		/* day of the year, 0-based */
	year = (int)(q400 * 400 + q100 * 100 + q4 * 4 + q1 + 1);
	leap = bud_date_leap(year);
	for (month = 12; month > 1; month--)
		if (n >= days_before_month[month] + (month > 2 && leap))
			break;
	n -= days_before_month[month] + (month > 2 && leap);
	assert(n >= 0 && n < bud_date_month_days(year, month));
	*y = year;
	*m = month;
	*d = (int)n + 1;
	return BUD_OK;
}

int bud_date_weekday(int y, int m, int d)
{
	int64_t n = bud_date_days(y, m, d);

	if (n == INT64_MIN)
		return -1;
	/* 1970-01-01 was a Thursday (4). */
	return (int)(((n % 7) + 7 + 4) % 7);
}

int bud_date_add_months(int y, int m, int d, int months, int *ny, int *nm, int *nd)
{
	int64_t idx;
	int year, month, last;

	if (!bud_date_valid(y, m, d))
		return BUD_EINVAL;
	/* months since year 0, January: plain integer arithmetic */
	idx = (int64_t)y * 12 + (m - 1) + months;
	if (idx < (int64_t)BUD_DATE_MIN_YEAR * 12 ||
	    idx > (int64_t)BUD_DATE_MAX_YEAR * 12 + 11)
		return BUD_EINVAL;
	year = (int)(idx / 12);
	month = (int)(idx % 12) + 1;
	last = bud_date_month_days(year, month);
	*ny = year;
	*nm = month;
	*nd = d < last ? d : last;
	return BUD_OK;
}

int bud_date_format(int y, int m, int d, char out[BUD_DATE_BUF])
{
	int i, v;

	out[0] = '\0';
	if (!bud_date_valid(y, m, d))
		return BUD_EINVAL;
	/* fixed-width digits by hand: the bound is plain to see */
	for (i = 3, v = y; i >= 0; i--, v /= 10)
		out[i] = (char)('0' + v % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
	return BUD_OK;
}

/* n ASCII digits at s as a number, or -1 when one is not a digit. */
static int digits(const char *s, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int bud_date_parse(const char *s, int *y, int *m, int *d, bud_err *err)
{
	int yy, mm, dd;

	if (!s || strnlen(s, BUD_DATE_BUF) != BUD_DATE_BUF - 1 ||
	    s[4] != '-' || s[7] != '-')
		return bud_err_set(err, BUD_EINVAL, "date", "err.date.syntax",
				   "a date is written YYYY-MM-DD");
	yy = digits(s, 4);
	mm = digits(s + 5, 2);
	dd = digits(s + 8, 2);
	if (yy < 0 || mm < 0 || dd < 0)
		return bud_err_set(err, BUD_EINVAL, "date", "err.date.syntax",
				   "a date is written YYYY-MM-DD");
	if (yy < BUD_DATE_PARSE_MIN_YEAR || yy > BUD_DATE_PARSE_MAX_YEAR)
		return bud_err_set(err, BUD_EINVAL, "date", "err.date.range",
				   "year must be %d..%d", BUD_DATE_PARSE_MIN_YEAR,
				   BUD_DATE_PARSE_MAX_YEAR);
	if (!bud_date_valid(yy, mm, dd))
		return bud_err_set(err, BUD_EINVAL, "date", "err.date.invalid",
				   "no such date");
	*y = yy;
	*m = mm;
	*d = dd;
	return BUD_OK;
}

/* One or two digits at *s, advancing *s; -1 when there are none. */
static int short_number(const char **s)
{
	int v = 0, n = 0;

	while (n < 2 && **s >= '0' && **s <= '9') {
		v = v * 10 + (**s - '0');
		(*s)++;
		n++;
	}
	return n ? v : -1;
}

int bud_date_parse_typed(const char *s, int *y, int *m, int *d, bud_err *err)
{
	const char *p;
	char iso[BUD_DATE_BUF];
	int dd, mm;
	size_t n;

	if (!s)
		return bud_date_parse(s, y, m, d, err);
	while (*s == ' ')
		s++;
	n = strnlen(s, 16);
	while (n > 0 && s[n - 1] == ' ')
		n--;
	if (n == BUD_DATE_BUF - 1 && s[4] == '-') {
		memcpy(iso, s, n);
		iso[n] = '\0';
		return bud_date_parse(iso, y, m, d, err);
	}
	/* D.M.YYYY: day and month of one or two digits, the year of four */
	p = s;
	dd = short_number(&p);
	if (dd < 0 || *p++ != '.' || (mm = short_number(&p)) < 0 || *p++ != '.' ||
	    (size_t)(p - s) + 4 != n)
		return bud_err_set(err, BUD_EINVAL, "date", "err.date.typed",
				   "a date is written D.M.YYYY or YYYY-MM-DD");
	memcpy(iso, p, 4);
	snprintf(iso + 4, sizeof iso - 4, "-%02d-%02d", mm % 100, dd % 100);
	return bud_date_parse(iso, y, m, d, err);
}

int bud_date_show(const char *iso, const char *lang, char *out, size_t outsz)
{
	int y, m, d;

	if (bud_date_parse(iso, &y, &m, &d, NULL) != BUD_OK) {
		snprintf(out, outsz, "%s", iso ? iso : "");
		return BUD_EINVAL;
	}
	if (lang && strcmp(lang, "en") == 0)
		snprintf(out, outsz, "%s", iso);
	else
		snprintf(out, outsz, "%d.%d.%d", d, m, y);
	return BUD_OK;
}

/* The day number of the last Sunday of month m of year y. */
static int64_t last_sunday(int y, int m)
{
	int last = bud_date_month_days(y, m);

	return bud_date_days(y, m, last) - bud_date_weekday(y, m, last);
}

/* 1 when summer time is in force in Finland at t (year y in UTC). */
static int helsinki_dst(int64_t t, int y)
{
	int64_t start, end, at;

	if (y < 1981)
		return 0;
	at = y <= 1982 ? 0 : 3600;	/* 1981-82: 00:00 UTC, then 01:00 UTC */
	start = last_sunday(y, 3) * 86400 + at;
	end = last_sunday(y, y < 1996 ? 9 : 10) * 86400 + at;
	return t >= start && t < end;
}

/* Split t (seconds, already in local time) into out's date and clock. */
static void split_time(int64_t t, struct bud_tm *out)
{
	int64_t days = t / 86400, secs = t % 86400;
	int rc;

	if (secs < 0) {
		secs += 86400;
		days -= 1;
	}
	rc = bud_date_from_days(days, &out->year, &out->month, &out->day);
	assert(rc == BUD_OK);
	(void)rc;
	out->hour = (int)(secs / 3600);
	out->min = (int)(secs / 60 % 60);
	out->sec = (int)(secs % 60);
	out->wday = bud_date_weekday(out->year, out->month, out->day);
}

int bud_time_helsinki(int64_t unix_utc, struct bud_tm *out)
{
	struct bud_tm utc;

	if (unix_utc < BUD_TIME_MIN || unix_utc > BUD_TIME_MAX)
		return BUD_EINVAL;
	split_time(unix_utc, &utc);
	memset(out, 0, sizeof *out);
	out->dst = helsinki_dst(unix_utc, utc.year);
	out->utc_offset = out->dst ? 10800 : 7200;
	split_time(unix_utc + out->utc_offset, out);
	return BUD_OK;
}

int64_t bud_date_today_helsinki(void)
{
	struct bud_tm tm;
	time_t now = time(NULL);

	if (bud_time_helsinki((int64_t)now, &tm) != BUD_OK)
		return bud_date_days(1970, 1, 1);	/* a clock that far off: assume the epoch */
	return bud_date_days(tm.year, tm.month, tm.day);
}

int64_t bud_time_helsinki_midnight(int y, int m, int d)
{
	int64_t day = bud_date_days(y, m, d) * 86400;
	struct bud_tm tm;

	/* 00:00 local is 22:00 UTC the day before in winter (UTC+2), 21:00
	 * in summer (UTC+3): take the one that reads 00:00 in Helsinki. */
	if (bud_time_helsinki(day - 7200, &tm) == BUD_OK && tm.hour == 0)
		return day - 7200;
	return day - 10800;
}

int bud_date_case_check(const char *s, const char *field, bud_err *err)
{
	int y, m, d, rc;

	rc = bud_date_parse(s, &y, &m, &d, err);
	if (rc != BUD_OK) {
		if (err)
			snprintf(err->field, sizeof(err->field), "%s", field);
		return rc;
	}
	if (y < BUD_CASE_YEAR_MIN || y > BUD_CASE_YEAR_MAX)
		return bud_err_set(err, BUD_EINVAL, field, "err.plausible.year",
				   "%s: year %d outside %d..%d", field, y,
				   BUD_CASE_YEAR_MIN, BUD_CASE_YEAR_MAX);
	return BUD_OK;
}
