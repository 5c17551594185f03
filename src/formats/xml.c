/*
 * formats/xml.c: the one place untrusted XML is parsed (see xml.h for the
 * safety rules), schema validation against the embedded XSDs, and small
 * tree-walking helpers.
 *
 * How the limits are enforced: the parser context's SAX2 handlers are
 * wrapped. internalSubset (called for every DOCTYPE, before any of its
 * declarations is read) stops the parser; startElementNs counts depth and
 * stops it past BUD_MAX_XML_DEPTH. A stopped parse may still hand back a
 * partial tree; it is always thrown away.
 *
 * libxml2's error reporting is redirected, for the duration of each call, to
 * a per-call collector through the thread-local structured error handler, so
 * nothing is printed and concurrent calls in other threads are unaffected.
 */
#include <assert.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <libxml/SAX2.h>
#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

#include "core/embed.h"
#include "core/text.h"
#include "formats/xml.h"
#include "bud_limits.h"

/* Generated from src/formats/xsd/ by tools/embed (see meson.build). */
extern const struct bud_embed bud_formats_xsd[];

/* ---- process set-up -------------------------------------------------------- */

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

/* Every external resource is refused: no file, no URL, ever. */
static xmlParserInputPtr refuse_loader(const char *url, const char *id,
				       xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

static void xml_init_once(void)
{
	xmlInitParser();
	xmlSetExternalEntityLoader(refuse_loader);
}

void bud_xml_init(void)
{
	pthread_once(&xml_once, xml_init_once);
}

/* ---- error collection ------------------------------------------------------ */

struct collector {
	int have;		/* first error recorded */
	int code, domain, line;
	char msg[200];
	struct bud_fmt_problems *probs;	/* when set, every error goes here */
	const char *key;
};

struct saved_handlers {
	xmlStructuredErrorFunc serror;
	void *sctx;
	xmlGenericErrorFunc gerror;
	void *gctx;
};

static void trim_msg(char *s)
{
	size_t n = strlen(s);

	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == ' ' || s[n - 1] == '\r'))
		s[--n] = '\0';
}

static void collect(void *ctx, xmlErrorPtr e)
{
	struct collector *c = ctx;
	char msg[200];
	char path[160] = "";

	if (!c || !e || e->level == XML_ERR_WARNING || e->level == XML_ERR_NONE)
		return;
	snprintf(msg, sizeof msg, "%s", e->message ? e->message : "error");
	trim_msg(msg);
	if (!c->have) {
		c->have = 1;
		c->code = e->code;
		c->domain = e->domain;
		c->line = e->line;
		snprintf(c->msg, sizeof c->msg, "%s", msg);
	}
	if (c->probs) {
		if (e->node)
			bud_xml_node_path(e->node, path, sizeof path);
		bud_fmt_problem_add(c->probs, path, e->line, c->key, "%s", msg);
	}
}

static void generic_silent(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static void errors_begin(struct collector *c, struct saved_handlers *s)
{
	s->serror = xmlStructuredError;
	s->sctx = xmlStructuredErrorContext;
	s->gerror = xmlGenericError;
	s->gctx = xmlGenericErrorContext;
	xmlSetStructuredErrorFunc(c, collect);
	xmlSetGenericErrorFunc(NULL, generic_silent);
}

static void errors_end(const struct saved_handlers *s)
{
	xmlSetStructuredErrorFunc(s->sctx, s->serror);
	xmlSetGenericErrorFunc(s->gctx, s->gerror);
}

/* ---- parsing ----------------------------------------------------------------- */

struct parse_state {
	int depth;
	int too_deep;
	int dtd;
};

static void on_internal_subset(void *ctx, const xmlChar *name,
			       const xmlChar *ext_id, const xmlChar *sys_id)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct parse_state *st = ctxt->_private;

	(void)name;
	(void)ext_id;
	(void)sys_id;
	st->dtd = 1;
	xmlStopParser(ctxt);
}

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
		     const xmlChar *uri, int nb_ns, const xmlChar **ns,
		     int nb_attrs, int nb_defaulted, const xmlChar **attrs)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct parse_state *st = ctxt->_private;

	if (++st->depth > BUD_MAX_XML_DEPTH) {
		st->too_deep = 1;
		xmlStopParser(ctxt);
		return;
	}
	xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_ns, ns, nb_attrs,
			      nb_defaulted, attrs);
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
		   const xmlChar *uri)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct parse_state *st = ctxt->_private;

	st->depth--;
	xmlSAX2EndElementNs(ctx, localname, prefix, uri);
}

static int is_encoding_error(const struct collector *c)
{
	return c->domain == XML_FROM_I18N || c->code == XML_ERR_UNKNOWN_ENCODING ||
	       c->code == XML_ERR_UNSUPPORTED_ENCODING || c->code == XML_ERR_INVALID_ENCODING ||
	       c->code == XML_ERR_ENCODING_NAME ||
	       /* bytes that are not what the declaration says: libxml2 has
	        * no code of its own for it, only this message */
	       (c->code == XML_ERR_INVALID_CHAR && strstr(c->msg, "not proper UTF-8"));
}

/* Why a parse failed, from what the handlers and the collector saw. */
static int parse_error(const struct parse_state *st, const struct collector *c,
		       bud_err *err)
{
	if (st->dtd)
		return bud_err_set(err, BUD_EINVAL, NULL, "err.xml.dtd",
				   "a DOCTYPE is not allowed (no DTDs or entities)");
	if (st->too_deep)
		return bud_err_set(err, BUD_ETOOBIG, NULL, "err.xml.depth",
				   "elements nested deeper than %d", BUD_MAX_XML_DEPTH);
	if (c->have && is_encoding_error(c))
		return bud_err_set(err, BUD_EINVAL, NULL, "err.xml.encoding",
				   "line %d: %s", c->line, c->msg);
	if (c->have)
		return bud_err_set(err, BUD_EINVAL, NULL, "err.xml.syntax",
				   "line %d: %s", c->line, c->msg);
	return bud_err_set(err, BUD_EINVAL, NULL, "err.xml.syntax", "not well-formed XML");
}

int bud_xml_parse(const char *data, size_t len, const char *encoding,
		  xmlDoc **doc, bud_err *err)
{
	const int opts = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES;
	struct parse_state st = {0, 0, 0};
	struct collector c;
	struct saved_handlers saved;
	xmlParserCtxtPtr ctxt;
	xmlDoc *d;
	int rc = BUD_OK;

	*doc = NULL;
	bud_xml_init();
	if (len == 0 || !data)
		return bud_err_set(err, BUD_EINVAL, NULL, "err.xml.empty", "empty document");
	if (len > BUD_MAX_XML)
		return bud_err_set(err, BUD_ETOOBIG, NULL, "err.xml.too_big",
				   "document of %zu bytes is over the limit of %d", len,
				   BUD_MAX_XML);
	memset(&c, 0, sizeof c);
	ctxt = xmlNewParserCtxt();
	if (!ctxt)
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.internal", "out of memory");
	ctxt->_private = &st;
	ctxt->sax->internalSubset = on_internal_subset;
	ctxt->sax->externalSubset = on_internal_subset;
	ctxt->sax->startElementNs = on_start;
	ctxt->sax->endElementNs = on_end;
	errors_begin(&c, &saved);
	d = xmlCtxtReadMemory(ctxt, data, (int)len, NULL, encoding, opts);
	errors_end(&saved);
	if (!d || st.dtd || st.too_deep || !ctxt->wellFormed || c.have) {
		rc = parse_error(&st, &c, err);
		xmlFreeDoc(d);
		d = NULL;
	} else if (!xmlDocGetRootElement(d)) {
		rc = bud_err_set(err, BUD_EINVAL, NULL, "err.xml.empty", "no root element");
		xmlFreeDoc(d);
		d = NULL;
	}
	xmlFreeParserCtxt(ctxt);
	*doc = d;
	return rc;
}

/* ---- schemas ------------------------------------------------------------------- */

#define N_SCHEMAS 4

static pthread_mutex_t schema_lock = PTHREAD_MUTEX_INITIALIZER;
static struct {
	const char *name;
	xmlSchemaPtr schema;	/* compiled on first use, never freed */
	int failed;
} schemas[N_SCHEMAS] = {
	{BUD_XSD_FINVOICE, NULL, 0},
	{BUD_XSD_PAIN001_03, NULL, 0},
	{BUD_XSD_PAIN001_09, NULL, 0},
	{BUD_XSD_CAMT054_02, NULL, 0},
};

const char *bud_xml_xsd(const char *name, size_t *len)
{
	const struct bud_embed *e = bud_embed_find(bud_formats_xsd, name);

	if (!e)
		return NULL;
	if (len)
		*len = e->len;
	return e->data;
}

static xmlSchemaPtr schema_compile(const char *name)
{
	struct collector c;
	struct saved_handlers saved;
	xmlSchemaParserCtxtPtr pc;
	xmlSchemaPtr s = NULL;
	size_t len;
	const char *text = bud_xml_xsd(name, &len);

	if (!text)
		return NULL;
	memset(&c, 0, sizeof c);
	errors_begin(&c, &saved);
	pc = xmlSchemaNewMemParserCtxt(text, (int)len);
	if (pc) {
		xmlSchemaSetParserStructuredErrors(pc, collect, &c);
		s = xmlSchemaParse(pc);
		xmlSchemaFreeParserCtxt(pc);
	}
	errors_end(&saved);
	return s;
}

/* The compiled schema called name, or NULL. Thread-safe. */
static xmlSchemaPtr schema_get(const char *name)
{
	xmlSchemaPtr s = NULL;
	int i;

	pthread_mutex_lock(&schema_lock);
	for (i = 0; i < N_SCHEMAS; i++) {
		if (strcmp(schemas[i].name, name) != 0)
			continue;
		if (!schemas[i].schema && !schemas[i].failed) {
			schemas[i].schema = schema_compile(name);
			schemas[i].failed = schemas[i].schema == NULL;
		}
		s = schemas[i].schema;
		break;
	}
	pthread_mutex_unlock(&schema_lock);
	return s;
}

int bud_xml_validate(xmlDoc *doc, const char *xsd, struct bud_fmt_problems *probs,
		     bud_err *err)
{
	struct collector c;
	struct saved_handlers saved;
	xmlSchemaValidCtxtPtr vc;
	xmlSchemaPtr s;
	size_t before = bud_fmt_problems_count(probs);
	int r;

	bud_xml_init();
	s = schema_get(xsd);
	if (!s)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal",
				   "schema %s missing or invalid", xsd);
	vc = xmlSchemaNewValidCtxt(s);
	if (!vc)
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.internal", "out of memory");
	memset(&c, 0, sizeof c);
	c.probs = probs;
	c.key = "err.xml.schema";
	errors_begin(&c, &saved);
	xmlSchemaSetValidStructuredErrors(vc, collect, &c);
	r = xmlSchemaValidateDoc(vc, doc);
	errors_end(&saved);
	xmlSchemaFreeValidCtxt(vc);
	if (r == 0 && bud_fmt_problems_count(probs) == before)
		return BUD_OK;
	if (bud_fmt_problems_count(probs) == before)
		bud_fmt_problem_add(probs, "", 0, "err.xml.schema",
				    "not valid against %s", xsd);
	return bud_err_set(err, BUD_EINVAL, NULL, "err.xml.schema",
			   "not valid against %s", xsd);
}

/* ---- walking --------------------------------------------------------------------- */

int bud_xml_is(const xmlNode *n, const char *ns, const char *name)
{
	if (!n || n->type != XML_ELEMENT_NODE)
		return 0;
	if (name && strcmp((const char *)n->name, name) != 0)
		return 0;
	if (!ns)
		return n->ns == NULL || n->ns->href == NULL;
	return n->ns && n->ns->href && strcmp((const char *)n->ns->href, ns) == 0;
}

static int elem_named(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	       (!name || strcmp((const char *)n->name, name) == 0);
}

xmlNode *bud_xml_first(const xmlNode *parent, const char *name)
{
	xmlNode *n;

	if (!parent)
		return NULL;
	for (n = parent->children; n; n = n->next)
		if (elem_named(n, name))
			return n;
	return NULL;
}

xmlNode *bud_xml_next(const xmlNode *node, const char *name)
{
	xmlNode *n;

	if (!node)
		return NULL;
	for (n = node->next; n; n = n->next)
		if (elem_named(n, name))
			return n;
	return NULL;
}

xmlNode *bud_xml_get(const xmlNode *from, const char *path)
{
	char part[64];
	const char *p = path, *slash;
	const xmlNode *n = from;
	size_t len;

	while (n && *p) {
		slash = strchr(p, '/');
		len = slash ? (size_t)(slash - p) : strlen(p);
		assert(len < sizeof part);
		memcpy(part, p, len);
		part[len] = '\0';
		n = bud_xml_first(n, part);
		p += len + (slash ? 1 : 0);
	}
	return (xmlNode *)n;
}

size_t bud_xml_count(const xmlNode *parent, const char *name)
{
	size_t k = 0;
	xmlNode *n;

	for (n = bud_xml_first(parent, name); n; n = bud_xml_next(n, name))
		k++;
	return k;
}

static const char *trim_to_pool(struct bud_fmt_pool *pool, const char *s)
{
	size_t n;

	s = bud_text_trim(s, &n);
	return bud_fmt_pool_strndup(pool, s, n);
}

const char *bud_xml_text(struct bud_fmt_pool *pool, const xmlNode *n)
{
	xmlChar *t;
	const char *r;

	if (!n)
		return NULL;
	t = xmlNodeGetContent(n);
	if (!t)
		return bud_fmt_pool_strdup(pool, "");
	r = trim_to_pool(pool, (const char *)t);
	xmlFree(t);
	return r;
}

const char *bud_xml_text_at(struct bud_fmt_pool *pool, const xmlNode *from,
			    const char *path)
{
	return bud_xml_text(pool, bud_xml_get(from, path));
}

const char *bud_xml_attr(struct bud_fmt_pool *pool, const xmlNode *n, const char *name)
{
	xmlChar *v;
	const char *r;

	if (!n || n->type != XML_ELEMENT_NODE)
		return NULL;
	v = xmlGetNoNsProp(n, (const xmlChar *)name);
	if (!v)
		return NULL;
	r = trim_to_pool(pool, (const char *)v);
	xmlFree(v);
	return r;
}

/* "Name" or "Name[i]" (1-based) when n has same-named element siblings. */
static int path_step(const xmlNode *n, char *out, size_t outsz)
{
	const xmlNode *s;
	int idx = 1, many = 0;

	if (n->type == XML_ATTRIBUTE_NODE)
		return snprintf(out, outsz, "/@%s", (const char *)n->name);
	for (s = n->prev; s; s = s->prev)
		if (s->type == XML_ELEMENT_NODE && xmlStrEqual(s->name, n->name))
			idx++, many = 1;
	for (s = n->next; s && !many; s = s->next)
		if (s->type == XML_ELEMENT_NODE && xmlStrEqual(s->name, n->name))
			many = 1;
	if (many)
		return snprintf(out, outsz, "/%s[%d]", (const char *)n->name, idx);
	return snprintf(out, outsz, "/%s", (const char *)n->name);
}

void bud_xml_node_path(const xmlNode *n, char *out, size_t outsz)
{
	const xmlNode *chain[BUD_MAX_XML_DEPTH + 2];
	size_t k = 0, used = 0;
	int w;

	if (outsz == 0)
		return;
	out[0] = '\0';
	for (; n && k < sizeof chain / sizeof chain[0]; n = n->parent)
		if (n->type == XML_ELEMENT_NODE || n->type == XML_ATTRIBUTE_NODE)
			chain[k++] = n;
	while (k > 0 && used < outsz) {
		w = path_step(chain[--k], out + used, outsz - used);
		if (w < 0)
			break;
		used += (size_t)w;
	}
	if (used >= outsz)
		out[outsz - 1] = '\0';
}

int bud_xml_line(const xmlNode *n)
{
	long l;

	if (!n)
		return 0;
	l = xmlGetLineNo(n);
	return l > 0 && l < 0x7fffffff ? (int)l : 0;
}

static void vproblem(struct bud_fmt_problems *p, const xmlNode *n, const char *key,
		     int once, const char *fmt, va_list ap)
{
	char path[160], detail[256];
	size_t i;

	bud_xml_node_path(n, path, sizeof path);
	if (once)
		for (i = 0; i < p->n; i++)
			if (strcmp(p->v[i].path, path) == 0)
				return;
	vsnprintf(detail, sizeof detail, fmt, ap);
	bud_fmt_problem_add(p, path, bud_xml_line(n), key, "%s", detail);
}

void bud_xml_problem(struct bud_fmt_problems *p, const xmlNode *n, const char *key,
		     const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vproblem(p, n, key, 0, fmt, ap);
	va_end(ap);
}

void bud_xml_problem_once(struct bud_fmt_problems *p, const xmlNode *n, const char *key,
			  const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vproblem(p, n, key, 1, fmt, ap);
	va_end(ap);
}
