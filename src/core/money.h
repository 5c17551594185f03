/*
 * core/money.h: money as int64_t cents, never floating point. Parsing of
 * what people type ("12,50", "12.50", "1 234,50", "-3"), formatting per
 * language ("1 234,50 €" in fi and sv with U+00A0 no-break spaces, "€1,234.50"
 * in en), machine forms for file formats ("1234.50", "1234,50"), and
 * arithmetic that reports overflow instead of wrapping.
 *
 * Quantities (hours, days, trips) are int64_t hundredths: 1,5 h = 150.
 * quantity × unit price is rounded half away from zero, once per line.
 */
#ifndef BUD_CORE_MONEY_H
#define BUD_CORE_MONEY_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

typedef int64_t bud_cents;

/* The largest amount accepted anywhere: 10^15 cents (10 000 000 000 000 €). */
#define BUD_MONEY_MAX INT64_C(1000000000000000)
/* Formatted amounts fit in this many bytes. */
#define BUD_MONEY_BUF 48

/*
 * Parse an amount: optional sign, digits with optional thousands groups
 * separated by one space (U+0020 or U+00A0), optional decimal mark ',' or
 * '.' followed by one or two digits, optional trailing " €"/"€". Anything
 * else is BUD_EINVAL naming `field`; |amount| > BUD_MONEY_MAX is BUD_EOVERFLOW.
 */
int bud_money_parse(const char *s, const char *field, bud_cents *out, bud_err *err);

/* Same grammar for quantities, in hundredths, no currency sign. */
int bud_qty_parse(const char *s, const char *field, int64_t *out, bud_err *err);

/* Display form for lang "fi", "sv" or "en" (others as fi). */
int bud_money_format(bud_cents v, const char *lang, char *out, size_t outsz);
/* Quantity in hundredths for display: "1,5" (fi/sv), "1.5" (en), "2". */
int bud_qty_format(int64_t q, const char *lang, char *out, size_t outsz);
/* Machine form with exactly two decimals and no grouping: "-1234.50" with
 * decimal_mark '.', or "1234,50" with ','. */
int bud_money_format_plain(bud_cents v, char decimal_mark, char *out, size_t outsz);

/* *out = a + b; BUD_EOVERFLOW when outside ±BUD_MONEY_MAX. */
int bud_money_add(bud_cents a, bud_cents b, bud_cents *out, bud_err *err);
int bud_money_sub(bud_cents a, bud_cents b, bud_cents *out, bud_err *err);
/* *out = round_half_away(qty_hundredths × unit / 100); overflow reported. */
int bud_money_line(int64_t qty_hundredths, bud_cents unit, bud_cents *out, bud_err *err);

#endif
