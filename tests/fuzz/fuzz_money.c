/*
 * Fuzz core/money.c: any bytes as an amount and as a quantity. Whatever
 * parses must be within ±BUD_MONEY_MAX, must format in every language and
 * in both machine forms, and every formatted text must parse back to the
 * same value (abort() otherwise). Pairs of parsed values also go through
 * add, sub and line, whose results must stay within the bounds.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/money.h"

static const char *const langs[] = {"fi", "sv", "en", "xx"};

static void round_trip_money(int64_t v)
{
	char buf[BUD_MONEY_BUF];
	int64_t back;
	size_t i;

	for (i = 0; i < 4; i++) {
		if (bud_money_format(v, langs[i], buf, sizeof buf) != BUD_OK)
			abort();
		if (bud_money_parse(buf, "x", &back, NULL) != BUD_OK || back != v)
			abort();
	}
	if (bud_money_format_plain(v, '.', buf, sizeof buf) != BUD_OK ||
	    bud_money_parse(buf, "x", &back, NULL) != BUD_OK || back != v)
		abort();
	if (bud_money_format_plain(v, ',', buf, sizeof buf) != BUD_OK ||
	    bud_money_parse(buf, "x", &back, NULL) != BUD_OK || back != v)
		abort();
}

static void round_trip_qty(int64_t q)
{
	char buf[BUD_MONEY_BUF];
	int64_t back;
	size_t i;

	for (i = 0; i < 4; i++) {
		if (bud_qty_format(q, langs[i], buf, sizeof buf) != BUD_OK)
			abort();
		if (bud_qty_parse(buf, "x", &back, NULL) != BUD_OK || back != q)
			abort();
	}
}

static void check_bounded(int rc, int64_t v)
{
	if (rc == BUD_OK && (v > BUD_MONEY_MAX || v < -BUD_MONEY_MAX))
		abort();
	if (rc != BUD_OK && rc != BUD_EOVERFLOW)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	int64_t m = 0, q = 0, r = 0;
	int mrc, qrc;
	bud_err e;

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	mrc = bud_money_parse(s, "amount", &m, &e);
	if (mrc == BUD_OK) {
		check_bounded(BUD_OK, m);
		round_trip_money(m);
	} else if (!e.key || strncmp(e.key, "err.money.", 10) != 0) {
		abort();
	}
	qrc = bud_qty_parse(s, "qty", &q, &e);
	if (qrc == BUD_OK) {
		check_bounded(BUD_OK, q);
		round_trip_qty(q);
	} else if (!e.key || strncmp(e.key, "err.qty.", 8) != 0) {
		abort();
	}
	if (mrc == BUD_OK && qrc == BUD_OK) {
		check_bounded(bud_money_line(q, m, &r, NULL), r);
		check_bounded(bud_money_add(m, q, &r, NULL), r);
		check_bounded(bud_money_sub(m, q, &r, NULL), r);
	}
	free(s);
	return 0;
}
