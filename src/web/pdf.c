/*
 * web/pdf.c: the PDF documents of web/pdf.h, with cairo's PDF surface and
 * pango's layouts. The page is A4 with margins for a window envelope and
 * a binder; the text is DejaVu Sans (Debian's fonts-dejavu-core), which
 * covers Finnish, Swedish and the Sámi letters. A block is measured before
 * it is drawn, and a page breaks when it would not fit. Structure tags
 * (H1..H3, P, L/LI, Table/TR/TH/TD) follow the reading order.
 *
 * Workload: a decision is a few pages, made when someone asks for it;
 * nothing here is on a hot path.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include "bud_limits.h"
#include "web/pdf.h"

#define MM (72.0 / 25.4)
#define PAGE_W (210.0 * MM)
#define PAGE_H (297.0 * MM)
#define LEFT (25.0 * MM)
#define RIGHT (20.0 * MM)
#define TOP (20.0 * MM)
#define BOTTOM (20.0 * MM)
#define TEXT_W (PAGE_W - LEFT - RIGHT)
#define LABEL_W (50.0 * MM)
#define FONT "DejaVu Sans"
#define BODY 10.0
#define CELL_PAD (1.5 * MM)
#define MAX_COLS 8

struct bud_pdf {
	cairo_surface_t *surface;
	cairo_t *cr;
	bud_buf bytes;
	double y;
	int failed;
	int in_list;
	int ncols;
	unsigned right;
	double widths[MAX_COLS];
};

static cairo_status_t on_write(void *closure, const unsigned char *data,
			       unsigned int len)
{
	struct bud_pdf *p = closure;

	return bud_buf_add(&p->bytes, data, len) == BUD_OK ?
		CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

int bud_pdf_new(const char *title, const char *author, const char *lang,
		struct bud_pdf **out, bud_err *err)
{
	struct bud_pdf *p = calloc(1, sizeof(*p));

	(void)lang;	/* cairo 1.16 has no document language; the text is UTF-8 */
	*out = NULL;
	if (!p)
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.internal", "pdf");
	bud_buf_init(&p->bytes, BUD_MAX_RESPONSE);
	p->surface = cairo_pdf_surface_create_for_stream(on_write, p, PAGE_W, PAGE_H);
	p->cr = cairo_create(p->surface);
	if (cairo_status(p->cr) != CAIRO_STATUS_SUCCESS) {
		bud_pdf_finish(p, NULL, NULL);
		return bud_err_set(err, BUD_EIO, NULL, "err.internal", "cairo cannot start");
	}
	cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_AUTHOR, author);
	cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_CREATOR, "budjetti");
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	p->y = TOP;
	*out = p;
	return BUD_OK;
}

/* A layout of text in the body font at size points, bold or not, wrapped
 * at width points. */
static PangoLayout *layout(struct bud_pdf *p, const char *text, double size,
			   int bold, double width, PangoAlignment align)
{
	PangoLayout *l = pango_cairo_create_layout(p->cr);
	PangoFontDescription *fd = pango_font_description_new();

	pango_font_description_set_family(fd, FONT);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	if (bold)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, align);
	pango_layout_set_text(l, text ? text : "", -1);
	return l;
}

static double height_of(PangoLayout *l)
{
	int w, h;

	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

/* A new page unless h points fit below y (a block taller than a page
 * starts at the top and runs over). */
static void room(struct bud_pdf *p, double h)
{
	if (p->y + h > PAGE_H - BOTTOM && p->y > TOP) {
		cairo_show_page(p->cr);
		p->y = TOP;
	}
}

static void show(struct bud_pdf *p, PangoLayout *l, double x, double y)
{
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, l);
}

static void end_list(struct bud_pdf *p)
{
	if (p->in_list) {
		cairo_tag_end(p->cr, "L");
		p->in_list = 0;
		p->y += 0.4 * BODY;
	}
}

/* One block of text under tag, with space before and after. */
static void block(struct bud_pdf *p, const char *tag, const char *text,
		  double size, int bold, double before, double after)
{
	PangoLayout *l;
	double h;

	if (p->failed || !text || !text[0])
		return;
	end_list(p);
	l = layout(p, text, size, bold, TEXT_W, PANGO_ALIGN_LEFT);
	h = height_of(l);
	p->y += before;
	room(p, h);
	cairo_tag_begin(p->cr, tag, "");
	show(p, l, LEFT, p->y);
	cairo_tag_end(p->cr, tag);
	p->y += h + after;
	g_object_unref(l);
}

void bud_pdf_heading(struct bud_pdf *p, int level, const char *text)
{
	static const char *const tags[] = {"H1", "H2", "H3"};
	static const double sizes[] = {16.0, 13.0, 11.0};
	int i = level < 1 ? 0 : level > 3 ? 2 : level - 1;

	block(p, tags[i], text, sizes[i], 1, i == 0 ? 0 : 0.9 * BODY, 0.4 * BODY);
}

void bud_pdf_para(struct bud_pdf *p, const char *text)
{
	block(p, "P", text, BODY, 0, 0, 0.6 * BODY);
}

void bud_pdf_small(struct bud_pdf *p, const char *text)
{
	block(p, "P", text, 8.5, 0, 0, 0.5 * BODY);
}

struct png_reader {
	const unsigned char *data;
	size_t len, at;
};

static cairo_status_t png_read(void *closure, unsigned char *data, unsigned int len)
{
	struct png_reader *r = closure;

	if (len > r->len - r->at)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(data, r->data + r->at, len);
	r->at += len;
	return CAIRO_STATUS_SUCCESS;
}

void bud_pdf_image(struct bud_pdf *p, const void *png, size_t len, double height_mm)
{
	struct png_reader r = {png, len, 0};
	cairo_surface_t *img;
	double w, h, scale;

	if (p->failed || !png || !len)
		return;
	end_list(p);
	img = cairo_image_surface_create_from_png_stream(png_read, &r);
	if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS ||
	    cairo_image_surface_get_width(img) < 1 || cairo_image_surface_get_height(img) < 1) {
		cairo_surface_destroy(img);	/* not drawable: the document goes without */
		return;
	}
	h = height_mm * MM;
	scale = h / cairo_image_surface_get_height(img);
	w = cairo_image_surface_get_width(img) * scale;
	if (w > TEXT_W) {
		scale = TEXT_W / cairo_image_surface_get_width(img);
		w = TEXT_W;
		h = cairo_image_surface_get_height(img) * scale;
	}
	room(p, h);
	cairo_save(p->cr);
	cairo_translate(p->cr, LEFT, p->y);
	cairo_scale(p->cr, scale, scale);
	cairo_set_source_surface(p->cr, img, 0, 0);
	cairo_paint(p->cr);
	cairo_restore(p->cr);
	cairo_surface_destroy(img);
	p->y += h + 0.6 * BODY;
}

void bud_pdf_fact(struct bud_pdf *p, const char *label, const char *value)
{
	PangoLayout *k, *v;
	double h;

	if (p->failed || !value || !value[0])
		return;
	end_list(p);
	k = layout(p, label, BODY, 1, LABEL_W - 2 * MM, PANGO_ALIGN_LEFT);
	v = layout(p, value, BODY, 0, TEXT_W - LABEL_W, PANGO_ALIGN_LEFT);
	h = height_of(k) > height_of(v) ? height_of(k) : height_of(v);
	room(p, h);
	cairo_tag_begin(p->cr, "P", "");
	show(p, k, LEFT, p->y);
	show(p, v, LEFT + LABEL_W, p->y);
	cairo_tag_end(p->cr, "P");
	p->y += h + 0.25 * BODY;
	g_object_unref(k);
	g_object_unref(v);
}

void bud_pdf_item(struct bud_pdf *p, const char *text)
{
	PangoLayout *b, *l;
	double h;

	if (p->failed || !text || !text[0])
		return;
	if (!p->in_list) {
		cairo_tag_begin(p->cr, "L", "");
		p->in_list = 1;
	}
	b = layout(p, "\xe2\x80\xa2", BODY, 0, 5 * MM, PANGO_ALIGN_LEFT);
	l = layout(p, text, BODY, 0, TEXT_W - 6 * MM, PANGO_ALIGN_LEFT);
	h = height_of(l);
	room(p, h);
	cairo_tag_begin(p->cr, "LI", "");
	show(p, b, LEFT + 1 * MM, p->y);
	show(p, l, LEFT + 6 * MM, p->y);
	cairo_tag_end(p->cr, "LI");
	p->y += h + 0.2 * BODY;
	g_object_unref(b);
	g_object_unref(l);
}

void bud_pdf_table_begin(struct bud_pdf *p, const double *widths, int ncols,
			 unsigned right)
{
	int i;

	if (p->failed)
		return;
	end_list(p);
	if (ncols < 1 || ncols > MAX_COLS) {
		p->failed = 1;
		return;
	}
	for (i = 0; i < ncols; i++)
		p->widths[i] = widths[i] * TEXT_W;
	p->ncols = ncols;
	p->right = right;
	p->y += 0.3 * BODY;
	cairo_tag_begin(p->cr, "Table", "");
}

void bud_pdf_table_row(struct bud_pdf *p, const char *const *cells, int header)
{
	PangoLayout *l[MAX_COLS];
	double h = 0, x = LEFT;
	int i;

	if (p->failed || !p->ncols)
		return;
	for (i = 0; i < p->ncols; i++) {
		l[i] = layout(p, cells[i], header ? 8.5 : 9.0, header,
			      p->widths[i] - 2 * CELL_PAD,
			      (p->right >> i) & 1 ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
		if (height_of(l[i]) > h)
			h = height_of(l[i]);
	}
	room(p, h + 2 * CELL_PAD);
	cairo_tag_begin(p->cr, "TR", "");
	for (i = 0; i < p->ncols; i++) {
		cairo_tag_begin(p->cr, header ? "TH" : "TD", "");
		show(p, l[i], x + CELL_PAD, p->y + CELL_PAD);
		cairo_tag_end(p->cr, header ? "TH" : "TD");
		x += p->widths[i];
		g_object_unref(l[i]);
	}
	cairo_tag_end(p->cr, "TR");
	p->y += h + 2 * CELL_PAD;
	cairo_set_line_width(p->cr, header ? 0.8 : 0.3);
	cairo_move_to(p->cr, LEFT, p->y);
	cairo_line_to(p->cr, LEFT + TEXT_W, p->y);
	cairo_stroke(p->cr);
}

void bud_pdf_table_end(struct bud_pdf *p)
{
	if (p->failed || !p->ncols)
		return;
	cairo_tag_end(p->cr, "Table");
	p->ncols = 0;
	p->y += 0.8 * BODY;
}

int bud_pdf_finish(struct bud_pdf *p, bud_buf *out, bud_err *err)
{
	cairo_status_t st;
	int rc = BUD_OK;

	if (!p)
		return BUD_OK;
	end_list(p);
	cairo_destroy(p->cr);
	cairo_surface_finish(p->surface);
	st = cairo_surface_status(p->surface);
	cairo_surface_destroy(p->surface);
	if (p->failed || st != CAIRO_STATUS_SUCCESS || bud_buf_failed(&p->bytes))
		rc = bud_err_set(err, BUD_EIO, NULL, "err.internal",
				 "PDF: %s", cairo_status_to_string(st));
	else if (out)
		rc = bud_buf_add(out, p->bytes.data, p->bytes.len);
	bud_buf_free(&p->bytes);
	free(p);
	return rc;
}
