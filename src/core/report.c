/*
 * core/report.c: the report table of core/report.h. Cells are kept in one
 * row-major array that grows by doubling; texts are copied with malloc and
 * freed by bud_report_release. Formatting reuses core/money (cents,
 * hundredths) and core/date, so a report says a sum the way every page does.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "bud_limits.h"
#include "core/date.h"
#include "core/err.h"
#include "core/money.h"
#include "core/report.h"

static char *dup_text(const char *s)
{
	size_t n = strlen(s);
	char *d = malloc(n + 1);

	if (d)
		memcpy(d, s, n + 1);
	return d;
}

static int fail(struct bud_report *r, int code)
{
	if (!r->failed)
		r->failed = code;
	return r->failed;
}

int bud_report_init(struct bud_report *r, const char *lang, const char *caption)
{
	assert(r);
	memset(r, 0, sizeof(*r));
	memcpy(r->lang, lang && (!strcmp(lang, "sv") || !strcmp(lang, "en")) ? lang : "fi", 3);
	r->caption = dup_text(caption ? caption : "");
	r->cols = calloc(BUD_REPORT_MAX_COLS, sizeof(*r->cols));
	if (!r->caption || !r->cols)
		return fail(r, BUD_ENOMEM);
	return BUD_OK;
}

void bud_report_release(struct bud_report *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->ncells; i++)
		free(r->cells[i].text);
	for (i = 0; r->cols && i < r->ncols; i++)
		free(r->cols[i].heading);
	free(r->cells);
	free(r->cols);
	free(r->caption);
	memset(r, 0, sizeof(*r));
}

int bud_report_col(struct bud_report *r, const char *heading, enum bud_report_type type)
{
	if (r->failed)
		return r->failed;
	if (r->ncells > 0 || type > BUD_RT_DATE)
		return fail(r, BUD_EINVAL);
	if (r->ncols == BUD_REPORT_MAX_COLS)
		return fail(r, BUD_ETOOBIG);
	r->cols[r->ncols].heading = dup_text(heading ? heading : "");
	if (!r->cols[r->ncols].heading)
		return fail(r, BUD_ENOMEM);
	r->cols[r->ncols++].type = type;
	return BUD_OK;
}

/* The next cell, checked against its column's type (any type for empty). */
static struct bud_report_cell *next_cell(struct bud_report *r, int want_text, int any)
{
	enum bud_report_type t;

	if (r->failed)
		return NULL;
	if (r->ncols == 0) {
		fail(r, BUD_EINVAL);
		return NULL;
	}
	t = r->cols[r->ncells % r->ncols].type;
	if (!any && (t == BUD_RT_TEXT) != want_text) {
		fail(r, BUD_EINVAL);
		return NULL;
	}
	if (r->ncells == r->capcells) {
		size_t cap = r->capcells ? r->capcells * 2 : 16 * r->ncols;
		struct bud_report_cell *c;

		if (r->ncells / r->ncols >= BUD_REPORT_MAX_ROWS) {
			fail(r, BUD_ETOOBIG);
			return NULL;
		}
		c = realloc(r->cells, cap * sizeof(*c));
		if (!c) {
			fail(r, BUD_ENOMEM);
			return NULL;
		}
		r->cells = c;
		r->capcells = cap;
	}
	memset(&r->cells[r->ncells], 0, sizeof(r->cells[0]));
	return &r->cells[r->ncells];
}

/* The cell just filled counts; a full row counts. */
static int commit_cell(struct bud_report *r)
{
	r->ncells++;
	if (r->ncells % r->ncols == 0) {
		if (r->nrows == BUD_REPORT_MAX_ROWS)
			return fail(r, BUD_ETOOBIG);
		r->nrows++;
	}
	return BUD_OK;
}

int bud_report_empty(struct bud_report *r)
{
	struct bud_report_cell *c = next_cell(r, 0, 1);

	if (!c)
		return r->failed;
	c->empty = 1;
	return commit_cell(r);
}

int bud_report_text(struct bud_report *r, const char *s)
{
	struct bud_report_cell *c;

	if (!s)
		return bud_report_empty(r);
	c = next_cell(r, 1, 0);
	if (!c)
		return r->failed;
	c->text = dup_text(s);
	if (!c->text)
		return fail(r, BUD_ENOMEM);
	return commit_cell(r);
}

int bud_report_num(struct bud_report *r, int64_t v)
{
	struct bud_report_cell *c = next_cell(r, 0, 0);

	if (!c)
		return r->failed;
	c->num = v;
	return commit_cell(r);
}

int bud_report_date(struct bud_report *r, const char *iso)
{
	int y, m, d;

	if (!iso || !*iso)
		return bud_report_empty(r);
	if (r->failed)
		return r->failed;
	if (r->ncols == 0 || r->cols[r->ncells % r->ncols].type != BUD_RT_DATE ||
	    bud_date_parse(iso, &y, &m, &d, NULL) != BUD_OK)
		return fail(r, BUD_EINVAL);
	return bud_report_num(r, bud_date_days(y, m, d));
}

int bud_report_status(const struct bud_report *r)
{
	if (r->failed)
		return r->failed;
	return r->ncols && r->ncells % r->ncols ? BUD_EINVAL : BUD_OK;
}

const struct bud_report_cell *bud_report_cell(const struct bud_report *r, size_t row,
					      size_t col)
{
	assert(row < r->nrows && col < r->ncols);
	return &r->cells[row * r->ncols + col];
}

int bud_report_type_numeric(enum bud_report_type t)
{
	return t == BUD_RT_INT || t == BUD_RT_MONEY || t == BUD_RT_PERCENT;
}

static int format_date(const struct bud_report *r, int64_t days, bud_buf *out)
{
	int y, m, d;

	if (bud_date_from_days(days, &y, &m, &d) != BUD_OK)
		return bud_buf_adds(out, "?");
	if (!strcmp(r->lang, "en"))
		return bud_buf_addf(out, "%04d-%02d-%02d", y, m, d);
	return bud_buf_addf(out, "%d.%d.%d", d, m, y);
}

int bud_report_format(const struct bud_report *r, size_t row, size_t col,
		      enum bud_report_form form, bud_buf *out)
{
	const struct bud_report_cell *c = bud_report_cell(r, row, col);
	char tmp[BUD_MONEY_BUF];
	char mark = strcmp(r->lang, "en") ? ',' : '.';

	if (c->empty)
		return BUD_OK;
	switch (r->cols[col].type) {
	case BUD_RT_TEXT:
		return bud_buf_adds(out, c->text);
	case BUD_RT_INT:
		return bud_buf_add_i64(out, c->num);
	case BUD_RT_MONEY:
		if (form == BUD_REPORT_SHOW)
			bud_money_format(c->num, r->lang, tmp, sizeof(tmp));
		else
			bud_money_format_plain(c->num, mark, tmp, sizeof(tmp));
		return bud_buf_adds(out, tmp);
	case BUD_RT_PERCENT:
		bud_qty_format(c->num, r->lang, tmp, sizeof(tmp));
		bud_buf_adds(out, tmp);
		/* U+00A0 before the sign (fi, sv: "45,5 %"); en "45.5%" */
		return form == BUD_REPORT_SHEET ? bud_buf_adds(out, "") :
		       bud_buf_adds(out, mark == ',' ? "\xC2\xA0%" : "%");
	case BUD_RT_DATE:
		return format_date(r, c->num, out);
	}
	return BUD_OK;
}
