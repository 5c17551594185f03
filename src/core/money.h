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

#include "bud_limits.h"
#include "core/err.h"

typedef int64_t bud_cents;

/* The largest amount accepted anywhere: BUD_MONEY_MAX (bud_limits.h). */
/* Formatted amounts fit in this many bytes. */
#define BUD_MONEY_BUF 48

/*
 * Parse an amount. After spaces and tabs at both ends are dropped:
 *   [sign] [€ [space]] integer [mark 1-2 digits] [[space] €]
 * sign is '-', '+' or U+2212; a euro sign may stand before or after the
 * number, not both; space is U+0020, U+00A0 or U+202F. The integer part is
 * digits, or groups of three after a first group of 1-3 digits, separated
 * by one space ("1 234 567"). The decimal mark is ',' ("12,50"), or '.'
 * when the text contains a '.' or begins with a euro sign: then ',' may
 * also separate thousands, English style ("1,234.50", "€1,234"). So every
 * output of bud_money_format and bud_money_format_plain parses back.
 * Refused (BUD_EINVAL, err->field = field, err->key one of):
 *   err.money.empty     NULL, "" or only spaces
 *   err.money.too_long  more than BUD_MAX_MONEY_LEN bytes
 *   err.money.syntax    anything outside the grammar ("1e3", "--1", "12,")
 *   err.money.decimals  three or more decimals ("12,505")
 *   err.money.grouping  misplaced separators ("1 23,00", "12,50.00")
 * and |amount| > BUD_MONEY_MAX is BUD_EOVERFLOW, err.money.overflow.
 * *out is written only on BUD_OK.
 */
int bud_money_parse(const char *s, const char *field, bud_cents *out, bud_err *err);

/* Same grammar for quantities, in hundredths ("1,5" = 150), no euro sign,
 * |q| <= BUD_MONEY_MAX; the keys are err.qty.<reason>. */
int bud_qty_parse(const char *s, const char *field, int64_t *out, bud_err *err);

/*
 * The formatters write a NUL-terminated string into out and return BUD_OK,
 * or BUD_ETOOBIG (out emptied) when outsz is too small; BUD_MONEY_BUF is
 * always enough. Every int64_t value, INT64_MIN included, is formatted.
 */
/* Display form for lang "fi", "sv" or "en" (others and NULL as fi):
 * "-1 234,50 €" with U+00A0 between groups and before € (fi, sv),
 * "-€1,234.50" (en). */
int bud_money_format(bud_cents v, const char *lang, char *out, size_t outsz);
/* Quantity in hundredths for display, without trailing zeros or grouping:
 * "1,5" (fi/sv), "1.5" (en), "2", "0,25", "-1,05". */
int bud_qty_format(int64_t q, const char *lang, char *out, size_t outsz);
/* Machine form with exactly two decimals and no grouping: "-1234.50" with
 * decimal_mark '.', or "1234,50" with ','; "-0.05". Another decimal_mark
 * is BUD_EINVAL. */
int bud_money_format_plain(bud_cents v, char decimal_mark, char *out, size_t outsz);

/* *out = a + b (a - b); BUD_EOVERFLOW (err.money.overflow, *out untouched)
 * when outside ±BUD_MONEY_MAX. Any int64_t operands are safe. */
int bud_money_add(bud_cents a, bud_cents b, bud_cents *out, bud_err *err);
int bud_money_sub(bud_cents a, bud_cents b, bud_cents *out, bud_err *err);
/* *out = round_half_away(qty_hundredths × unit / 100): the exact integer
 * product, rounded once (150 × 3333 = 4999.5 -> 5000; -150 × 3333 -> -5000).
 * BUD_EOVERFLOW (err.money.overflow) when the product does not fit int64_t
 * or the result is outside ±BUD_MONEY_MAX. */
int bud_money_line(int64_t qty_hundredths, bud_cents unit, bud_cents *out, bud_err *err);

#endif
