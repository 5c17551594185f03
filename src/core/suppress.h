/*
 * core/suppress.h: small-group suppression of the pilot's statistics
 * (docs/pilot.md). A figure that counts fewer than k clients must not be
 * shown, and must not be recoverable from the figures beside it either.
 *
 * The rule, per row of cells (counts of clients):
 *   1. a total of 1..k-1 clients hides the whole row, the total included;
 *   2. primary: every cell of 1..k-1 clients is hidden (zeros are shown:
 *      nobody is in them);
 *   3. complementary, for a row whose cells add up to the total shown:
 *      once any cell is hidden, the smallest shown cell that is not zero
 *      (it has k or more) is hidden too, so that the hidden cells are at
 *      least two and their sum (the total minus what is shown) never
 *      tells one of them, nor that each is small; when there is no such
 *      cell the total is hidden as well.
 * With additive 0, a row gets 1 and 2 only: for cells that truly do not
 * add up to the total (the pilot figures use 1 for every row, docs/pilot.md).
 */
#ifndef BUD_CORE_SUPPRESS_H
#define BUD_CORE_SUPPRESS_H

#include <stddef.h>
#include <stdint.h>

/*
 * Decide which of the n cells (counts, >= 0) of a row are hidden, for
 * groups under k (>= 1) clients: hidden[i] 1 or 0 (n entries, written),
 * *total_hidden 1 or 0. additive: the cells add up to total. Returns the
 * number of cells hidden.
 */
size_t bud_suppress_row(const int64_t *cells, size_t n, int64_t total,
			int additive, int64_t k, int *hidden, int *total_hidden);

/* Whether a single count (a row of one figure) is shown: 0 or >= k. */
int bud_suppress_shown(int64_t count, int64_t k);

#endif
