/*
 * core/page.h: one page of a list. Every list budjetti shows pages: the
 * caller asks for at most `limit` rows from position `at`, and learns in
 * `next` where the following page starts, 0 when there is none. So a
 * list is never cut without a sign.
 *
 * A position is opaque to the user (the API calls it a cursor): for a
 * list sorted by name it is an offset into the sorted list; for a list
 * newest first by id (the use log) it is the id below which the page
 * starts. A store function fetches limit + 1 rows: the extra one only
 * tells that there is more (bud_page_more).
 */
#ifndef BUD_CORE_PAGE_H
#define BUD_CORE_PAGE_H

#include <stdint.h>

struct bud_page {
	int limit;		/* 1..BUD_MAX_PAGE_ROWS */
	int64_t at;		/* where this page starts; 0 = the beginning */
	int64_t next;		/* out: where the next page starts; 0 = no more */
};

/* The first page of BUD_PAGE_DEFAULT rows. */
void bud_page_first(struct bud_page *pg);

/* Rows to fetch: limit + 1 (the extra one says there is more). */
int bud_page_fetch(const struct bud_page *pg);

/* For an offset-positioned list of which n rows came back (at most
 * bud_page_fetch): set pg->next, and return how many to show. */
int bud_page_offset_done(struct bud_page *pg, int n);

#endif
