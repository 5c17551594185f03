/*
 * web/tmpl.h: the page templates (src/web/templates/NAME.html, compiled
 * into the binary) and a small Mustache-like renderer over a jansson model:
 *
 *   {{name}}          the value, HTML-escaped (strings, integers, true/false)
 *   {{{name}}}        the value unescaped (only for HTML the server built)
 *   {{@key}}          the catalog text of key in the page language, escaped
 *   {{#name}}…{{/name}}  for each element of an array, or once for a true
 *                     value or an object (pushed as the context)
 *   {{^name}}…{{/name}}  once when name is missing, false, null, "" or []
 *   {{>name}}         another template, same context
 *   {{! comment }}
 * Names are looked up from the innermost context outwards; `a.b` walks
 * objects; `.` is the current element. Output is bounded by out's maximum.
 * Escaping is the default: only the triple form is raw.
 */
#ifndef BUD_WEB_TMPL_H
#define BUD_WEB_TMPL_H

#include <jansson.h>

#include "core/buf.h"
#include "core/err.h"

/* Render template `name` ("login" for templates/login.html) with model
 * (borrowed) into out. BUD_ENOTFOUND for an unknown template, BUD_EINVAL for
 * a malformed one (unclosed tag or section), BUD_ETOOBIG past out's bound. */
int bud_tmpl_render(const char *name, json_t *model, const char *lang,
		    bud_buf *out, bud_err *err);

/* The same over a template given as text (tests). */
int bud_tmpl_render_text(const char *text, json_t *model, const char *lang,
			 bud_buf *out, bud_err *err);

#endif
