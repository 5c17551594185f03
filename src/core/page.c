/*
 * core/page.c: paging arithmetic (see core/page.h).
 */
#include "bud_limits.h"
#include "core/page.h"

void bud_page_first(struct bud_page *pg)
{
	pg->limit = BUD_PAGE_DEFAULT;
	pg->at = 0;
	pg->next = 0;
}

int bud_page_fetch(const struct bud_page *pg)
{
	return pg->limit + 1;
}

int bud_page_offset_done(struct bud_page *pg, int n)
{
	if (n > pg->limit) {
		pg->next = pg->at + pg->limit;
		return pg->limit;
	}
	pg->next = 0;
	return n;
}
