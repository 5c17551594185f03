/*
 * core/date.h: calendar dates and Helsinki local time, computed purely.
 *
 * Dates are proleptic Gregorian (y, m, d) triples, years 1..9999. Storage
 * and every file format use the "YYYY-MM-DD" form; a day number counts days
 * since 1970-01-01 (negative before it), so date arithmetic is integer
 * arithmetic. Timestamps are int64_t seconds since 1970-01-01T00:00:00Z and
 * are shown in Europe/Helsinki time, which bud_time_helsinki computes from
 * the rules in law (no TZ variable, no tzdata files, no I/O).
 *
 * Everything here is pure except bud_date_today_helsinki, the one function
 * that reads the clock.
 */
#ifndef BUD_CORE_DATE_H
#define BUD_CORE_DATE_H

#include <stddef.h>
#include <stdint.h>

#include "bud_limits.h"
#include "core/err.h"

/* "YYYY-MM-DD" plus NUL. */
#define BUD_DATE_BUF 11

/* Years bud_date_parse accepts: BUD_DATE_PARSE_MIN_YEAR to _MAX_YEAR
 * (bud_limits.h). */

/* Years any function here accepts. */
#define BUD_DATE_MIN_YEAR 1
#define BUD_DATE_MAX_YEAR 9999

/* Timestamps bud_time_helsinki accepts: 0001-01-01T00:00:00Z up to
 * 9999-12-31T21:59:59Z (the last second whose Helsinki time is in 9999). */
#define BUD_TIME_MIN INT64_C(-62135596800)
#define BUD_TIME_MAX INT64_C(253402293599)

/* A broken-down Helsinki local time. */
struct bud_tm {
	int year, month, day;	/* 1..9999, 1..12, 1..31 */
	int hour, min, sec;	/* 0..23, 0..59, 0..59 */
	int wday;		/* 0 Sunday .. 6 Saturday */
	int utc_offset;		/* seconds east of UTC: 7200 or 10800 */
	int dst;		/* 1 in summer time (EEST), else 0 (EET) */
};

/* 1 when y is a leap year (Gregorian rule), else 0. */
int bud_date_leap(int y);

/* Days in month m of year y; 0 when m is not 1..12. */
int bud_date_month_days(int y, int m);

/* 1 when y-m-d exists and y is BUD_DATE_MIN_YEAR..BUD_DATE_MAX_YEAR, else 0. */
int bud_date_valid(int y, int m, int d);

/*
 * Parse exactly "YYYY-MM-DD" (ASCII digits, no spaces or signs). The date
 * must exist and the year be 1800..2999. On error *y, *m, *d are left alone
 * and err is set: key err.date.syntax, err.date.invalid or err.date.range,
 * field "date". s may be NULL (err.date.syntax).
 */
int bud_date_parse(const char *s, int *y, int *m, int *d, bud_err *err);

/*
 * A date as people type it in a form: "YYYY-MM-DD" as bud_date_parse, or
 * the Finnish and Swedish way "D.M.YYYY" with one- or two-digit day and
 * month ("7.12.2026", "07.12.2026"); spaces around are ignored. The same
 * checks and errors as bud_date_parse, but err.date.typed (which shows
 * the Finnish way) for a syntax error.
 * The one parser of typed dates: http/ uses it for every date field of a
 * form (bud_req_date); the API takes only bud_date_parse's form.
 */
int bud_date_parse_typed(const char *s, int *y, int *m, int *d, bud_err *err);

/*
 * The date iso ("YYYY-MM-DD") as people read it in lang: "7.12.2026" in
 * fi and sv, as it is in en (ISO 8601: English readers in Finland come
 * from everywhere, and no order of day and month is theirs), into out.
 * BUD_EINVAL, and iso copied as it is ("" for NULL), when it is no date.
 * The one formatter of dates for pages and documents (web/view.c).
 */
int bud_date_show(const char *iso, const char *lang, char *out, size_t outsz);

/*
 * A date of a case (a plan's period, a price's validity, a mandate): as
 * bud_date_parse, then its year within BUD_CASE_YEAR_MIN..MAX
 * (bud_limits.h), else BUD_EINVAL err.plausible.year. Errors name field.
 */
int bud_date_case_check(const char *s, const char *field, bud_err *err);

/* Days since 1970-01-01 of a valid date; INT64_MIN when y-m-d is not valid. */
int64_t bud_date_days(int y, int m, int d);

/* The inverse of bud_date_days: BUD_OK, or BUD_EINVAL when days lies outside
 * years 1..9999 (then *y, *m, *d are left alone). */
int bud_date_from_days(int64_t days, int *y, int *m, int *d);

/* Day of week of a valid date: 0 Sunday .. 6 Saturday; -1 when not valid. */
int bud_date_weekday(int y, int m, int d);

/*
 * *ny-*nm-*nd = y-m-d plus `months` months (negative goes back), the day
 * clamped to the end of a shorter month: 2024-01-31 + 1 = 2024-02-29,
 * 2023-01-31 + 1 = 2023-02-28. BUD_EINVAL when the input is not a valid date
 * or the result leaves years 1..9999; the outputs are then left alone.
 */
int bud_date_add_months(int y, int m, int d, int months, int *ny, int *nm, int *nd);

/* "YYYY-MM-DD" into out; BUD_EINVAL (and out = "") when not a valid date. */
int bud_date_format(int y, int m, int d, char out[BUD_DATE_BUF]);

/*
 * Europe/Helsinki local time of unix_utc: UTC+2, and UTC+3 in summer time.
 * Summer time runs from the last Sunday of March 01:00 UTC to the last Sunday
 * of October 01:00 UTC (EU rule, in force since 1996). Finland's earlier
 * rules are followed too: no summer time before 1981, from 1981 to 1995 it
 * ended on the last Sunday of September, and in 1981-82 both switches were
 * at 00:00 UTC (as in the tz database). BUD_EINVAL outside
 * BUD_TIME_MIN..BUD_TIME_MAX.
 */
int bud_time_helsinki(int64_t unix_utc, struct bud_tm *out);

/* Today's date in Helsinki as a day number (reads the clock). */
int64_t bud_date_today_helsinki(void);

/* The Unix time of 00:00 in Helsinki on y-m-d (a valid date). */
int64_t bud_time_helsinki_midnight(int y, int m, int d);

#endif
