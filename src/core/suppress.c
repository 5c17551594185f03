/*
 * core/suppress.c: the small-group suppression rule of core/suppress.h,
 * on one row of counts at a time. Pure; the pilot figures (app/pilot.c)
 * call it for every row they show.
 */
#include "core/suppress.h"

int bud_suppress_shown(int64_t count, int64_t k)
{
	return count <= 0 || count >= k;
}

/* The smallest shown cell that is not zero, or n when there is none. */
static size_t smallest_shown(const int64_t *cells, size_t n, const int *hidden)
{
	size_t i, best = n;

	for (i = 0; i < n; i++)
		if (!hidden[i] && cells[i] > 0 && (best == n || cells[i] < cells[best]))
			best = i;
	return best;
}

size_t bud_suppress_row(const int64_t *cells, size_t n, int64_t total,
			int additive, int64_t k, int *hidden, int *total_hidden)
{
	size_t i, nhidden = 0, c;

	*total_hidden = !bud_suppress_shown(total, k);
	for (i = 0; i < n; i++) {
		hidden[i] = *total_hidden || !bud_suppress_shown(cells[i], k);
		nhidden += (size_t)hidden[i];
	}
	if (*total_hidden || !additive || nhidden == 0)
		return nhidden;
	c = smallest_shown(cells, n, hidden);
	if (c == n) {
		*total_hidden = 1;
		return nhidden;
	}
	hidden[c] = 1;
	return nhidden + 1;
}
