/*
 * formats/xml.h: reading untrusted XML safely with libxml2, validating it
 * against the schemas compiled into the binary, and walking the tree.
 *
 * Safety (every reader goes through bud_xml_parse):
 *  - input over BUD_MAX_XML bytes is refused before parsing;
 *  - any DOCTYPE stops the parser at once: no DTD, no entity declarations,
 *    so no external entities (XXE) and no entity expansion (billion laughs);
 *  - no network (XML_PARSE_NONET), and a process-wide external entity loader
 *    that refuses every URL and file, for anything that might still ask;
 *  - nesting deeper than BUD_MAX_XML_DEPTH stops the parser;
 *  - libxml2's messages are collected, never printed.
 * The schemas (Finvoice 3.0, pain.001.001.03/.09, camt.054.001.02) are
 * embedded, have no imports, and are compiled once and shared read-only.
 */
#ifndef BUD_FORMATS_XML_H
#define BUD_FORMATS_XML_H

#include <stddef.h>

#include <libxml/tree.h>

#include "core/err.h"
#include "formats/fmt.h"

/* The embedded schemas, by file name. */
#define BUD_XSD_FINVOICE	"Finvoice3.0.xsd"
#define BUD_XSD_PAIN001_03	"pain.001.001.03.xsd"
#define BUD_XSD_PAIN001_09	"pain.001.001.09.xsd"
#define BUD_XSD_CAMT054_02	"camt.054.001.02.xsd"

/* Set up libxml2 for this process (idempotent, thread-safe). Every function
 * below calls it; call it yourself before using libxml2 directly. */
void bud_xml_init(void);

/*
 * Parse len bytes into *doc (free with xmlFreeDoc). encoding, when not NULL,
 * overrides the document's own declaration (used for a transport frame that
 * has none). On failure *doc is NULL and err says why, with the line in
 * detail: err.xml.empty, err.xml.too_big (BUD_ETOOBIG), err.xml.dtd,
 * err.xml.depth (BUD_ETOOBIG), err.xml.encoding, err.xml.syntax.
 */
int bud_xml_parse(const char *data, size_t len, const char *encoding,
		  xmlDoc **doc, bud_err *err);

/*
 * Validate doc against the embedded schema `xsd` (a BUD_XSD_* name). Every
 * violation is added to probs with its element path and line (key
 * err.xml.schema). BUD_OK when valid, BUD_EINVAL when not, BUD_EINTERNAL when
 * the schema is missing or does not compile.
 */
int bud_xml_validate(xmlDoc *doc, const char *xsd, struct bud_fmt_problems *probs,
		     bud_err *err);

/* The embedded schema text, or NULL. */
const char *bud_xml_xsd(const char *name, size_t *len);

/* ---- walking ----------------------------------------------------------------
 * Elements are matched by local name (namespaces are checked once, at the
 * root, by the reader). NULL in, NULL out.
 */
/* Nonzero when n is an element called name in namespace ns (ns NULL: none). */
int bud_xml_is(const xmlNode *n, const char *ns, const char *name);
/* The first element child called name (NULL: any element). */
xmlNode *bud_xml_first(const xmlNode *parent, const char *name);
/* The next element sibling called name (NULL: any element). */
xmlNode *bud_xml_next(const xmlNode *n, const char *name);
/* Follow a path of child names, "PmtId/EndToEndId". */
xmlNode *bud_xml_get(const xmlNode *from, const char *path);
/* Number of element children called name. */
size_t bud_xml_count(const xmlNode *parent, const char *name);
/* Text content with leading and trailing white space removed, copied into
 * pool; NULL when n is NULL (or out of memory). */
const char *bud_xml_text(struct bud_fmt_pool *pool, const xmlNode *n);
/* Same for bud_xml_get(from, path). */
const char *bud_xml_text_at(struct bud_fmt_pool *pool, const xmlNode *from,
			    const char *path);
/* An attribute's value, trimmed, in pool; NULL when absent. */
const char *bud_xml_attr(struct bud_fmt_pool *pool, const xmlNode *n, const char *name);
/* "/Finvoice/InvoiceRow[2]/RowAmount" ("" for NULL). */
void bud_xml_node_path(const xmlNode *n, char *out, size_t outsz);
/* The source line of n (0 when unknown). */
int bud_xml_line(const xmlNode *n);

/* Add a problem at element n (its path and line; n may be NULL). */
void bud_xml_problem(struct bud_fmt_problems *p, const xmlNode *n, const char *key,
		     const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* The same, unless n already has a problem (the schema's, say), so that a
 * bad value is reported once. */
void bud_xml_problem_once(struct bud_fmt_problems *p, const xmlNode *n, const char *key,
			  const char *fmt, ...) __attribute__((format(printf, 4, 5)));

#endif
