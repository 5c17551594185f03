/*
 * web/tmpl.c: the template renderer (see tmpl.h for the syntax). Templates
 * are parsed while rendering: they are small and few, and a page renders
 * in microseconds. Recursion depth (sections in sections, partials) is
 * bounded by BUD_TMPL_MAX_DEPTH so a template cannot loop.
 */
#include <stdio.h>
#include <string.h>

#include "bud_limits.h"
#include "core/embed.h"
#include "core/i18n.h"
#include "web/tmpl.h"

extern const struct bud_embed bud_template_files[];

struct tmpl_ctx {
	json_t *stack[BUD_TMPL_MAX_DEPTH + 1];
	int top;		/* index of the innermost context */
	int depth;		/* nesting of sections and partials */
	const char *lang;
	bud_buf *out;
	bud_err *err;
};

static int render(struct tmpl_ctx *c, const char *s, size_t len);

static json_t *lookup_in(json_t *obj, const char *name)
{
	char part[BUD_TMPL_MAX_NAME];
	const char *dot;

	while (obj && *name) {
		size_t n;

		dot = strchr(name, '.');
		n = dot ? (size_t)(dot - name) : strlen(name);
		if (n == 0 || n >= sizeof part || !json_is_object(obj))
			return NULL;
		memcpy(part, name, n);
		part[n] = '\0';
		obj = json_object_get(obj, part);
		name += n + (dot ? 1 : 0);
	}
	return obj;
}

static json_t *lookup(struct tmpl_ctx *c, const char *name)
{
	char first[BUD_TMPL_MAX_NAME];
	const char *dot = strchr(name, '.');
	size_t n = dot ? (size_t)(dot - name) : strlen(name);
	int i;

	if (strcmp(name, ".") == 0)
		return c->stack[c->top];
	if (n == 0 || n >= sizeof first)
		return NULL;
	memcpy(first, name, n);
	first[n] = '\0';
	for (i = c->top; i >= 0; i--) {
		json_t *v = json_is_object(c->stack[i]) ?
			json_object_get(c->stack[i], first) : NULL;

		if (v)
			return dot ? lookup_in(v, dot + 1) : v;
	}
	return NULL;
}

static int truthy(json_t *v)
{
	if (!v || json_is_null(v) || json_is_false(v))
		return 0;
	if (json_is_string(v))
		return json_string_length(v) > 0;
	if (json_is_array(v))
		return json_array_size(v) > 0;
	if (json_is_integer(v))
		return json_integer_value(v) != 0;
	return 1;
}

static void emit_value(struct tmpl_ctx *c, json_t *v, int raw)
{
	if (json_is_string(v)) {
		if (raw)
			bud_buf_adds(c->out, json_string_value(v));
		else
			bud_buf_add_html(c->out, json_string_value(v));
	} else if (json_is_integer(v)) {
		bud_buf_add_i64(c->out, (int64_t)json_integer_value(v));
	} else if (json_is_true(v)) {
		bud_buf_adds(c->out, "true");
	} else if (json_is_false(v)) {
		bud_buf_adds(c->out, "false");
	}
}

/* Find the {{/name}} that closes a section opened just before s. */
static const char *find_close(const char *s, const char *end, const char *name,
			      const char **after)
{
	size_t nl = strlen(name);
	int level = 1;

	while (s < end) {
		const char *t = memmem(s, (size_t)(end - s), "{{", 2);
		const char *e;

		if (!t)
			return NULL;
		e = memmem(t, (size_t)(end - t), "}}", 2);
		if (!e)
			return NULL;
		if ((t[2] == '#' || t[2] == '^') && (size_t)(e - t - 3) == nl &&
		    memcmp(t + 3, name, nl) == 0)
			level++;
		if (t[2] == '/' && (size_t)(e - t - 3) == nl &&
		    memcmp(t + 3, name, nl) == 0 && --level == 0) {
			*after = e + 2;
			return t;
		}
		s = e + 2;
	}
	return NULL;
}

static int section(struct tmpl_ctx *c, int inverted, const char *name,
		   const char *body, size_t blen)
{
	json_t *v = lookup(c, name);
	size_t i;
	int rc = BUD_OK;

	if (inverted)
		return truthy(v) ? BUD_OK : render(c, body, blen);
	if (!truthy(v))
		return BUD_OK;
	if (c->top >= BUD_TMPL_MAX_DEPTH)
		return bud_err_set(c->err, BUD_EINVAL, NULL, "err.internal",
				   "template sections nested too deep");
	if (json_is_array(v)) {
		for (i = 0; i < json_array_size(v) && rc == BUD_OK; i++) {
			c->stack[++c->top] = json_array_get(v, i);
			rc = render(c, body, blen);
			c->top--;
		}
		return rc;
	}
	c->stack[++c->top] = v;
	rc = render(c, body, blen);
	c->top--;
	return rc;
}

static int partial(struct tmpl_ctx *c, const char *name)
{
	const struct bud_embed *t;
	char file[BUD_TMPL_MAX_NAME + 8];

	snprintf(file, sizeof file, "%s.html", name);
	t = bud_embed_find(bud_template_files, file);
	if (!t)
		return bud_err_set(c->err, BUD_ENOTFOUND, NULL, "err.internal",
				   "no template %s", name);
	return render(c, t->data, t->len);
}

/* Handle one tag {{...}} whose inside is [a, b); *next is set past it. */
static int tag(struct tmpl_ctx *c, const char *a, const char *b,
	       const char *end, const char **next)
{
	char name[BUD_TMPL_MAX_NAME];
	char kind = *a;
	size_t n;

	if (kind == '#' || kind == '^' || kind == '/' || kind == '@' ||
	    kind == '>' || kind == '!' || kind == '{')
		a++;
	if (kind == '{' && *next < end && **next == '}')
		(*next)++;	/* the third closing brace */
	while (a < b && *a == ' ')
		a++;
	while (b > a && b[-1] == ' ')
		b--;
	n = (size_t)(b - a);
	if (kind == '!')
		return BUD_OK;
	if (n == 0 || n >= sizeof name)
		return bud_err_set(c->err, BUD_EINVAL, NULL, "err.internal",
				   "bad template tag");
	memcpy(name, a, n);
	name[n] = '\0';
	switch (kind) {
	case '@':
		bud_buf_add_html(c->out, bud_msg(c->lang, name));
		return BUD_OK;
	case '>':
		return partial(c, name);
	case '/':
		return bud_err_set(c->err, BUD_EINVAL, NULL, "err.internal",
				   "unopened section %s", name);
	case '#':
	case '^': {
		const char *after, *close = find_close(*next, end, name, &after);

		if (!close)
			return bud_err_set(c->err, BUD_EINVAL, NULL, "err.internal",
					   "unclosed section %s", name);
		{
			int rc = section(c, kind == '^', name, *next,
					 (size_t)(close - *next));
			*next = after;
			return rc;
		}
	}
	default:
		emit_value(c, lookup(c, name), kind == '{');
		return BUD_OK;
	}
}

static int render(struct tmpl_ctx *c, const char *s, size_t len)
{
	const char *end = s + len;
	int rc = BUD_OK;

	if (++c->depth > BUD_TMPL_MAX_DEPTH) {
		c->depth--;
		return bud_err_set(c->err, BUD_EINVAL, NULL, "err.internal",
				   "templates nested too deep");
	}
	while (s < end && rc == BUD_OK) {
		const char *open = memmem(s, (size_t)(end - s), "{{", 2);
		const char *close, *next;

		if (!open) {
			bud_buf_add(c->out, s, (size_t)(end - s));
			break;
		}
		bud_buf_add(c->out, s, (size_t)(open - s));
		close = memmem(open + 2, (size_t)(end - open - 2), "}}", 2);
		if (!close) {
			rc = bud_err_set(c->err, BUD_EINVAL, NULL, "err.internal",
					 "unclosed template tag");
			break;
		}
		next = close + 2;
		rc = tag(c, open + 2, close, end, &next);
		s = next;
	}
	c->depth--;
	if (rc == BUD_OK && bud_buf_failed(c->out))
		rc = bud_err_set(c->err, BUD_ETOOBIG, NULL, "err.too_large",
				 "page too large");
	return rc;
}

int bud_tmpl_render_text(const char *text, json_t *model, const char *lang,
			 bud_buf *out, bud_err *err)
{
	struct tmpl_ctx c = {.top = 0, .lang = lang, .out = out, .err = err};

	c.stack[0] = model;
	return render(&c, text, strlen(text));
}

int bud_tmpl_render(const char *name, json_t *model, const char *lang,
		    bud_buf *out, bud_err *err)
{
	struct tmpl_ctx c = {.top = 0, .lang = lang, .out = out, .err = err};

	c.stack[0] = model;
	return partial(&c, name);
}
