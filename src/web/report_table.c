/*
 * web/report_table.c: the HTML table of a report (web/report_table.h).
 */
#include "core/err.h"
#include "web/report_table.h"

static void cell_out(bud_buf *out, const struct bud_report *r, size_t row, size_t col,
		     bud_buf *tmp)
{
	int num = bud_report_type_numeric(r->cols[col].type);
	int rowhead = col == 0 && r->cols[0].type == BUD_RT_TEXT;

	bud_buf_reset(tmp);
	bud_report_format(r, row, col, BUD_REPORT_SHOW, tmp);
	bud_buf_adds(out, rowhead ? "<th scope=\"row\">" : num ? "<td class=\"num\">" : "<td>");
	bud_buf_add_html(out, bud_buf_str(tmp));
	bud_buf_adds(out, rowhead ? "</th>" : "</td>");
}

int bud_web_report_table(bud_buf *out, const struct bud_report *r, const char *id)
{
	bud_buf tmp;
	size_t i, c;

	if (bud_report_status(r) != BUD_OK)
		return BUD_EINVAL;
	bud_buf_init(&tmp, 4096);
	bud_buf_adds(out, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" "
		     "aria-labelledby=\"");
	bud_buf_add_html(out, id);
	bud_buf_adds(out, "-caption\"><table class=\"report\" id=\"");
	bud_buf_add_html(out, id);
	bud_buf_adds(out, "\"><caption id=\"");
	bud_buf_add_html(out, id);
	bud_buf_adds(out, "-caption\">");
	bud_buf_add_html(out, r->caption);
	bud_buf_adds(out, "</caption>\n<thead><tr>");
	for (c = 0; c < r->ncols; c++) {
		bud_buf_adds(out, bud_report_type_numeric(r->cols[c].type) ?
			     "<th scope=\"col\" class=\"num\">" : "<th scope=\"col\">");
		bud_buf_add_html(out, r->cols[c].heading);
		bud_buf_adds(out, "</th>");
	}
	bud_buf_adds(out, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < r->nrows; i++) {
		bud_buf_adds(out, "<tr>");
		for (c = 0; c < r->ncols; c++)
			cell_out(out, r, i, c, &tmp);
		bud_buf_adds(out, "</tr>\n");
	}
	bud_buf_free(&tmp);
	return bud_buf_adds(out, "</tbody></table></div>\n");
}
