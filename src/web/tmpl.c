/*
 * web/tmpl.c: the template renderer (see tmpl.h for the syntax). A
 * template is compiled once into a flat list of operations (text, value,
 * catalog text, partial, section with the index of its end), so a page
 * render only walks the list: no searching the text for tags. The
 * compiled templates of the binary are made on first use (pthread_once)
 * and live as long as the program; partials are resolved then too.
 * Recursion depth (sections in sections, partials) is bounded by
 * BUD_TMPL_MAX_DEPTH so a template cannot loop.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
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
	int lang_i;		/* bud_lang_index(lang) */
	bud_buf *out;
	bud_err *err;
};


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

/* ---- compiling ---- */

enum op_kind { OP_TEXT, OP_VAR, OP_RAW, OP_MSG, OP_PARTIAL, OP_SECTION, OP_INVERTED };

struct op {
	enum op_kind kind;
	const char *text;	/* OP_TEXT: into the template's text */
	size_t len;
	char *msg[BUD_LANGS];	/* OP_MSG: the text in each language, escaped */
	char name[BUD_TMPL_MAX_NAME];
	size_t end;		/* sections: the op after the body */
};

struct tmpl {
	struct op *ops;
	size_t n, cap;
};

struct compiler {
	struct tmpl *t;
	const char *s, *end;	/* what is left of the text */
	bud_err *err;
};

static struct op *op_add(struct compiler *k, enum op_kind kind)
{
	struct tmpl *t = k->t;
	struct op *o;

	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 32;
		struct op *ops = realloc(t->ops, cap * sizeof(*ops));

		if (!ops)
			return NULL;
		t->ops = ops;
		t->cap = cap;
	}
	o = &t->ops[t->n++];
	memset(o, 0, sizeof(*o));
	o->kind = kind;
	return o;
}

static int bad(struct compiler *k, const char *what, const char *name)
{
	return bud_err_set(k->err, BUD_EINVAL, NULL, "err.internal", "%s %s", what,
			   name ? name : "");
}

/* The tag inside [a, b) as kind and trimmed name. */
static int tag_name(struct compiler *k, const char *a, const char *b, char *kind,
		    char name[BUD_TMPL_MAX_NAME])
{
	size_t n;

	*kind = *a;
	if (*a == '#' || *a == '^' || *a == '/' || *a == '@' || *a == '>' ||
	    *a == '!' || *a == '{')
		a++;
	while (a < b && *a == ' ')
		a++;
	while (b > a && b[-1] == ' ')
		b--;
	n = (size_t)(b - a);
	if (*kind == '!')
		return BUD_OK;
	if (n == 0 || n >= BUD_TMPL_MAX_NAME)
		return bad(k, "bad template tag", NULL);
	memcpy(name, a, n);
	name[n] = '\0';
	return BUD_OK;
}

static int compile_until(struct compiler *k, const char *closing, int depth);

/* A catalog text, once per language, escaped for HTML when compiled: a
 * page only copies it. */
static int msg_escape(struct compiler *k, struct op *o)
{
	bud_buf b;
	size_t n;
	int i;

	for (i = 0; i < BUD_LANGS; i++) {
		bud_buf_init(&b, BUD_MAX_FIELD_VALUE);
		bud_buf_add_html(&b, bud_msg(bud_lang_code(i), o->name));
		if (bud_buf_failed(&b) || !(o->msg[i] = bud_buf_steal(&b, &n))) {
			bud_buf_free(&b);
			return bud_err_set(k->err, BUD_ENOMEM, NULL, "err.internal",
					   "template text %s", o->name);
		}
	}
	return BUD_OK;
}

/* One tag {{...}} at k->s (past the opening braces up to close). */
static int compile_tag(struct compiler *k, const char *close, const char *closing,
		       int depth, int *ended)
{
	char kind, name[BUD_TMPL_MAX_NAME] = "";
	struct op *o;
	size_t at;
	int rc;

	if ((rc = tag_name(k, k->s, close, &kind, name)) != BUD_OK)
		return rc;
	k->s = close + 2;
	if (kind == '{' && k->s < k->end && *k->s == '}')
		k->s++;	/* the third closing brace */
	if (kind == '!')
		return BUD_OK;
	if (kind == '/') {
		if (!closing || strcmp(closing, name) != 0)
			return bad(k, "unopened section", name);
		*ended = 1;
		return BUD_OK;
	}
	o = op_add(k, kind == '#' ? OP_SECTION : kind == '^' ? OP_INVERTED :
		   kind == '@' ? OP_MSG : kind == '>' ? OP_PARTIAL :
		   kind == '{' ? OP_RAW : OP_VAR);
	if (!o)
		return bud_err_set(k->err, BUD_ENOMEM, NULL, "err.internal", "template");
	memcpy(o->name, name, sizeof(o->name));
	if (kind == '@')
		return msg_escape(k, o);
	if (kind != '#' && kind != '^')
		return BUD_OK;
	at = k->t->n - 1;
	if (depth >= BUD_TMPL_MAX_DEPTH)
		return bad(k, "template sections nested too deep", name);
	if ((rc = compile_until(k, name, depth + 1)) != BUD_OK)
		return rc;
	k->t->ops[at].end = k->t->n;
	return BUD_OK;
}

/* Compile from k->s until {{/closing}} (NULL: the end of the text). */
static int compile_until(struct compiler *k, const char *closing, int depth)
{
	int ended = 0, rc;

	while (k->s < k->end && !ended) {
		const char *open = memmem(k->s, (size_t)(k->end - k->s), "{{", 2);
		const char *close;
		struct op *o;

		if (open != k->s) {
			if (!(o = op_add(k, OP_TEXT)))
				return bud_err_set(k->err, BUD_ENOMEM, NULL, "err.internal", "template");
			o->text = k->s;
			o->len = open ? (size_t)(open - k->s) : (size_t)(k->end - k->s);
			if (!open) {
				k->s = k->end;
				break;
			}
		}
		close = memmem(open + 2, (size_t)(k->end - open - 2), "}}", 2);
		if (!close)
			return bad(k, "unclosed template tag", NULL);
		k->s = open + 2;
		if ((rc = compile_tag(k, close, closing, depth, &ended)) != BUD_OK)
			return rc;
	}
	if (closing && !ended)
		return bad(k, "unclosed section", closing);
	return BUD_OK;
}

static void tmpl_free(struct tmpl *t)
{
	size_t i;
	int l;

	if (t) {
		for (i = 0; i < t->n; i++)
			for (l = 0; l < BUD_LANGS; l++)
				free(t->ops[i].msg[l]);
		free(t->ops);
		t->ops = NULL;
		t->n = t->cap = 0;
	}
}

static int tmpl_compile(const char *text, size_t len, struct tmpl *t, bud_err *err)
{
	struct compiler k = {t, text, text + len, err};
	int rc;

	memset(t, 0, sizeof(*t));
	rc = compile_until(&k, NULL, 0);
	if (rc != BUD_OK)
		tmpl_free(t);
	return rc;
}

/* ---- the binary's templates, compiled once ---- */

static struct tmpl *compiled;		/* parallel to bud_template_files */
static size_t ncompiled;
static int compiled_rc = BUD_OK;
static bud_err compiled_err;
static pthread_once_t compiled_once = PTHREAD_ONCE_INIT;

static void compile_all(void)
{
	size_t i, n = 0;

	while (bud_template_files[n].name)
		n++;
	compiled = calloc(n ? n : 1, sizeof(*compiled));
	if (!compiled) {
		compiled_rc = bud_err_set(&compiled_err, BUD_ENOMEM, NULL,
					  "err.internal", "templates");
		return;
	}
	for (i = 0; i < n && compiled_rc == BUD_OK; i++)
		compiled_rc = tmpl_compile(bud_template_files[i].data,
					   bud_template_files[i].len, &compiled[i],
					   &compiled_err);
	ncompiled = n;
}

/* The compiled template called name ("login"), or NULL with err set. */
static const struct tmpl *find_tmpl(const char *name, bud_err *err)
{
	char file[BUD_TMPL_MAX_NAME + 8];
	size_t i;

	pthread_once(&compiled_once, compile_all);
	if (compiled_rc != BUD_OK) {
		if (err)
			*err = compiled_err;
		return NULL;
	}
	snprintf(file, sizeof file, "%s.html", name);
	for (i = 0; i < ncompiled; i++)
		if (strcmp(bud_template_files[i].name, file) == 0)
			return &compiled[i];
	bud_err_set(err, BUD_ENOTFOUND, NULL, "err.internal", "no template %s", name);
	return NULL;
}

/* ---- rendering ---- */

static int run(struct tmpl_ctx *c, const struct tmpl *t, size_t from, size_t to);

static int run_section(struct tmpl_ctx *c, const struct tmpl *t, size_t i)
{
	const struct op *o = &t->ops[i];
	json_t *v = lookup(c, o->name);
	size_t k;
	int rc = BUD_OK;

	if (o->kind == OP_INVERTED)
		return truthy(v) ? BUD_OK : run(c, t, i + 1, o->end);
	if (!truthy(v))
		return BUD_OK;
	if (c->top >= BUD_TMPL_MAX_DEPTH)
		return bud_err_set(c->err, BUD_EINVAL, NULL, "err.internal",
				   "template sections nested too deep");
	if (!json_is_array(v)) {
		c->stack[++c->top] = v;
		rc = run(c, t, i + 1, o->end);
		c->top--;
		return rc;
	}
	for (k = 0; k < json_array_size(v) && rc == BUD_OK; k++) {
		c->stack[++c->top] = json_array_get(v, k);
		rc = run(c, t, i + 1, o->end);
		c->top--;
	}
	return rc;
}

static int run_partial(struct tmpl_ctx *c, const char *name)
{
	const struct tmpl *p = find_tmpl(name, c->err);

	if (!p)
		return c->err && c->err->code != BUD_OK ? c->err->code : BUD_ENOTFOUND;
	return run(c, p, 0, p->n);
}

/* Run the ops [from, to) of t. */
static int run(struct tmpl_ctx *c, const struct tmpl *t, size_t from, size_t to)
{
	int rc = BUD_OK;
	size_t i;

	if (++c->depth > BUD_TMPL_MAX_DEPTH) {
		c->depth--;
		return bud_err_set(c->err, BUD_EINVAL, NULL, "err.internal",
				   "templates nested too deep");
	}
	for (i = from; i < to && rc == BUD_OK; i++) {
		const struct op *o = &t->ops[i];

		switch (o->kind) {
		case OP_TEXT:
			bud_buf_add(c->out, o->text, o->len);
			break;
		case OP_VAR:
		case OP_RAW:
			emit_value(c, lookup(c, o->name), o->kind == OP_RAW);
			break;
		case OP_MSG:
			bud_buf_adds(c->out, o->msg[c->lang_i]);
			break;
		case OP_PARTIAL:
			rc = run_partial(c, o->name);
			break;
		case OP_SECTION:
		case OP_INVERTED:
			rc = run_section(c, t, i);
			i = o->end - 1;
			break;
		}
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
	struct tmpl_ctx c = {.top = 0, .lang = lang, .lang_i = bud_lang_index(lang),
			      .out = out, .err = err};
	struct tmpl t;
	int rc;

	c.stack[0] = model;
	if ((rc = tmpl_compile(text, strlen(text), &t, err)) != BUD_OK)
		return rc;
	rc = run(&c, &t, 0, t.n);
	tmpl_free(&t);
	return rc;
}

int bud_tmpl_render(const char *name, json_t *model, const char *lang,
		    bud_buf *out, bud_err *err)
{
	struct tmpl_ctx c = {.top = 0, .lang = lang, .lang_i = bud_lang_index(lang),
			      .out = out, .err = err};

	c.stack[0] = model;
	return run_partial(&c, name);
}
