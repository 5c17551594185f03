/* Fuzz core/ids.c and core/date.c: any bytes (as a NUL-terminated copy) go
 * to every identifier checker, both creators, the mask, the print form and
 * the date parser. Nothing may crash, read out of bounds or overflow, and a
 * valid result must be consistent: its canonical form checks again, and a
 * created reference checks as valid. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/ids.h"

static void must(int cond)
{
	if (!cond)
		abort();
}

static void check_kinds(const char *s)
{
	char out[BUD_ID_BUF], again[BUD_ID_BUF], print[BUD_ID_BUF + 16];
	struct bud_hetu_info info;
	bud_err err;
	int k;

	for (k = -1; k <= BUD_ID_KIND_COUNT; k++) {
		bud_err_clear(&err);
		if (bud_id_check(k, s, out, sizeof out, &err) != BUD_OK) {
			must(err.key != NULL && strncmp(err.key, "err.ids.", 8) == 0);
			continue;
		}
		must(bud_id_check(k, out, again, sizeof again, &err) == BUD_OK);
		must(strcmp(out, again) == 0);
		must(bud_id_print(k, out, print, sizeof print) == BUD_OK);
	}
	if (bud_hetu_check_at(s, INT64_MAX, &info, &err) == BUD_OK)
		must(bud_date_valid(info.year, info.month, info.day) &&
		     info.individual >= 2 && info.individual <= 999);
	bud_hetu_mask(s, out, 12);
	bud_ytunnus_check(s, &err);
}

static void check_creators(const char *s)
{
	char out[BUD_ID_BUF], again[BUD_ID_BUF];
	bud_err err;

	if (bud_viite_create(s, out, sizeof out, &err) == BUD_OK)
		must(bud_viite_check(out, again, sizeof again, &err) == BUD_OK);
	if (bud_rf_create(s, out, sizeof out, &err) == BUD_OK)
		must(bud_rf_check(out, again, sizeof again, &err) == BUD_OK &&
		     strcmp(out, again) == 0);
	/* a small output buffer must be refused, never overrun */
	bud_iban_check(s, out, 4, &err);
	bud_rf_create(s, out, 3, &err);
}

static void check_dates(const char *s, const uint8_t *data, size_t size)
{
	int y, m, d, ny, nm, nd;
	int64_t t = 0;
	struct bud_tm tm;
	char buf[BUD_DATE_BUF];
	bud_err err;

	if (bud_date_parse(s, &y, &m, &d, &err) == BUD_OK) {
		must(bud_date_format(y, m, d, buf) == BUD_OK && strcmp(buf, s) == 0);
		must(bud_date_from_days(bud_date_days(y, m, d), &ny, &nm, &nd) == BUD_OK);
		must(ny == y && nm == m && nd == d);
		bud_date_add_months(y, m, d, (int)size * 37 - 5000, &ny, &nm, &nd);
	}
	memcpy(&t, data, size < sizeof t ? size : sizeof t);
	if (bud_time_helsinki(t, &tm) == BUD_OK)
		must(tm.utc_offset == 7200 || tm.utc_offset == 10800);
	bud_date_from_days(t, &y, &m, &d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	check_kinds(s);
	check_creators(s);
	check_dates(s, data, size);
	free(s);
	return 0;
}
