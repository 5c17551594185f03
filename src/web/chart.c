/*
 * web/chart.c: horizontal bar charts as inline SVG (web/chart.h).
 *
 * Geometry in the SVG's own units (the viewBox scales it to the page):
 * labels end at LABEL_X, bars start at BAR_X and are at most BAR_W long,
 * the value text follows the track. Lengths are integer arithmetic on the
 * cells (cents, hundredths), never floating point.
 */
#include <inttypes.h>
#include <stdint.h>
#include <string.h>

#include "bud_limits.h"
#include "core/err.h"
#include "core/utf8.h"
#include "web/chart.h"

#define CHART_W		860
#define LABEL_X		300
#define BAR_X		312
#define BAR_W		300
#define ROW_H		30
#define BAR_H		18
#define LABEL_CHARS	32

static int64_t cell_num(const struct bud_report *r, size_t row, long col)
{
	const struct bud_report_cell *c = bud_report_cell(r, row, (size_t)col);

	return c->empty || c->num < 0 ? 0 : c->num;
}

/* The label, cut to LABEL_CHARS characters with an ellipsis. */
static void label_out(bud_buf *out, const char *s, bud_buf *tmp)
{
	size_t n = bud_utf8_cut(s ? s : "", 4 * LABEL_CHARS, LABEL_CHARS);

	bud_buf_reset(tmp);
	bud_buf_add(tmp, s ? s : "", n);
	if (s && s[n])
		bud_buf_adds(tmp, "\xE2\x80\xA6");
	bud_buf_add_html(out, bud_buf_str(tmp));
}

/* "value" or "value / whole" of a row, as people read it. */
static void value_text(bud_buf *tmp, const struct bud_report *r, size_t row,
		       const struct bud_chart *c)
{
	bud_buf_reset(tmp);
	bud_report_format(r, row, c->value_col, BUD_REPORT_SHOW, tmp);
	if (c->of_col >= 0) {
		bud_buf_adds(tmp, " / ");
		bud_report_format(r, row, (size_t)c->of_col, BUD_REPORT_SHOW, tmp);
	}
}

static void desc_out(bud_buf *out, const struct bud_report *r, const struct bud_chart *c,
		     size_t nbars, bud_buf *tmp)
{
	size_t i;

	bud_buf_addf(out, "<desc id=\"%s-desc\">", c->id);
	bud_buf_add_html(out, c->desc);
	if (nbars < r->nrows)
		bud_buf_addf(out, " (%zu / %zu)", nbars, r->nrows);
	for (i = 0; i < nbars; i++) {
		const struct bud_report_cell *l = bud_report_cell(r, i, c->label_col);

		bud_buf_adds(out, i ? "; " : " ");
		bud_buf_add_html(out, l->text ? l->text : "");
		bud_buf_adds(out, ": ");
		value_text(tmp, r, i, c);
		bud_buf_add_html(out, bud_buf_str(tmp));
	}
	bud_buf_adds(out, ".</desc>\n");
}

/* One bar: label, track (outlined), fill, value text. */
static void bar_out(bud_buf *out, const struct bud_report *r, size_t row,
		    const struct bud_chart *c, int64_t max, bud_buf *tmp)
{
	int64_t v = cell_num(r, row, (long)c->value_col);
	int64_t whole = c->of_col >= 0 ? cell_num(r, row, c->of_col) : max;
	int64_t len = whole > 0 ? (v > whole ? whole : v) * BAR_W / whole : 0;
	int64_t track = c->of_col >= 0 ? BAR_W : len;
	int y = 8 + (int)row * ROW_H;

	if (c->of_col < 0 && max > 0)
		len = track = v * BAR_W / max;
	bud_buf_addf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", LABEL_X, y + 14);
	label_out(out, bud_report_cell(r, row, c->label_col)->text, tmp);
	bud_buf_adds(out, "</text>");
	if (c->of_col >= 0)
		bud_buf_addf(out, "<rect class=\"track\" fill=\"#eef2f6\" stroke=\"#5b6672\" x=\"%d\" y=\"%d\" width=\"%d\" "
			     "height=\"%d\"/>", BAR_X, y, BAR_W, BAR_H);
	bud_buf_addf(out, "<rect class=\"bar\" fill=\"#1d5a8a\" x=\"%d\" y=\"%d\" width=\"%" PRId64 "\" "
		     "height=\"%d\"/>", BAR_X, y, len, BAR_H);
	bud_buf_addf(out, "<text x=\"%" PRId64 "\" y=\"%d\">", BAR_X + track + 8, y + 14);
	value_text(tmp, r, row, c);
	bud_buf_add_html(out, bud_buf_str(tmp));
	bud_buf_adds(out, "</text>\n");
}

static int columns_fit(const struct bud_report *r, const struct bud_chart *c)
{
	if (c->label_col >= r->ncols || c->value_col >= r->ncols ||
	    r->cols[c->label_col].type != BUD_RT_TEXT ||
	    !bud_report_type_numeric(r->cols[c->value_col].type))
		return 0;
	return c->of_col < 0 || ((size_t)c->of_col < r->ncols &&
				 r->cols[c->of_col].type == r->cols[c->value_col].type);
}

int bud_chart_bars(bud_buf *out, const struct bud_report *r, const struct bud_chart *c)
{
	size_t i, nbars = r->nrows < BUD_CHART_MAX_BARS ? r->nrows : BUD_CHART_MAX_BARS;
	int64_t max = 0;
	bud_buf tmp;

	if (bud_report_status(r) != BUD_OK || !columns_fit(r, c))
		return BUD_EINVAL;
	if (nbars == 0)
		return BUD_OK;
	for (i = 0; i < nbars; i++)
		if (cell_num(r, i, (long)c->value_col) > max)
			max = cell_num(r, i, (long)c->value_col);
	bud_buf_init(&tmp, 4096);
	bud_buf_addf(out, "<figure class=\"chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" "
		     "role=\"img\" aria-labelledby=\"%s-title\" aria-describedby=\"%s-desc\" viewBox=\"0 0 %d %zu\" "
		     "width=\"100%%\" focusable=\"false\">\n<title id=\"%s-title\">",
		     c->id, c->id, CHART_W, 16 + nbars * ROW_H, c->id);
	bud_buf_add_html(out, r->caption);
	bud_buf_adds(out, "</title>\n");
	desc_out(out, r, c, nbars, &tmp);
	bud_buf_adds(out, "<g font-family=\"sans-serif\" font-size=\"14\" fill=\"#1a1a1a\">\n");
	for (i = 0; i < nbars; i++)
		bar_out(out, r, i, c, max, &tmp);
	bud_buf_free(&tmp);
	return bud_buf_adds(out, "</g></svg></figure>\n");
}
