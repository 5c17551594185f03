/*
 * web/chart.h: a report's figures as an accessible chart drawn on the
 * server: an inline SVG of horizontal bars, one per row, that works without
 * JavaScript, scales with the page and prints.
 *
 * Accessibility: the <svg> has role="img" and is labelled by its <title>
 * (the report's caption) and <desc> (the caller's sentence, then the bars
 * in words: "label: value"), so a screen reader hears the whole chart; the
 * page puts the same figures in the report's HTML table next to it
 * (web/report_table.h), for keyboard and screen reader users who want to
 * move through the numbers. Bars are dark on a light track with an outline
 * (contrast at least 3:1, WCAG 1.4.11), the value is written in text beside
 * each bar, and no information is carried by colour alone.
 *
 * Two kinds: with of_col < 0, bar lengths are value_col against the largest
 * value of the chart; with of_col >= 0, each bar is a full-width track
 * (of_col: the whole, e.g. the sum granted) filled to value_col (the part,
 * e.g. spent), capped at the whole, and the text says "part / whole".
 * At most BUD_CHART_MAX_BARS rows are drawn; the <desc> then says how many
 * of how many are shown (the table has them all).
 */
#ifndef BUD_WEB_CHART_H
#define BUD_WEB_CHART_H

#include <stddef.h>

#include "core/buf.h"
#include "core/report.h"

struct bud_chart {
	const char *id;		/* unique on the page, [a-z0-9-]: the ids of title/desc */
	const char *desc;	/* what the chart shows, one sentence in r->lang */
	size_t label_col;	/* a TEXT column: the bars' labels */
	size_t value_col;	/* an INT, MONEY or PERCENT column */
	long of_col;		/* -1, or a column of value_col's type: the whole */
};

/* Append the chart of r to out as a <figure> holding the <svg>. BUD_OK, or
 * BUD_EINVAL when the columns do not fit the kind, or what the bud_buf
 * appenders return. A table without rows draws nothing. */
int bud_chart_bars(bud_buf *out, const struct bud_report *r, const struct bud_chart *c);

#endif
