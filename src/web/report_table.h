/*
 * web/report_table.h: a report table (core/report.h) as an HTML table: the
 * caption, the headings as column headers, the first column's cells as row
 * headers when it is a text column, numbers right-aligned (class "num")
 * in the forms people read ("1 234,50 €", "45,5 %", "7.12.2026"). Inside a
 * "table-wrap" region (labelled by the caption, focusable so a keyboard
 * can scroll it) that scrolls on a narrow screen, so the page never
 * scrolls sideways. Every text is escaped.
 */
#ifndef BUD_WEB_REPORT_TABLE_H
#define BUD_WEB_REPORT_TABLE_H

#include "core/buf.h"
#include "core/report.h"

/* Append r as a table with id (unique on the page, [a-z0-9-]) to out.
 * Returns what the bud_buf appenders return (BUD_EINVAL when r failed). */
int bud_web_report_table(bud_buf *out, const struct bud_report *r, const char *id);

#endif
