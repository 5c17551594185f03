/*
 * web/form.h: the one way every page shows what was wrong with a form.
 *
 * A form declares its fields once (struct bud_form_def): the name each is
 * posted under, the id of the element its error belongs to (the input; for
 * a group of radios or checkboxes, its fieldset), the catalog key of its
 * label, and, when the summary should link elsewhere than that element,
 * the anchor (the first radio of a group). A handler collects every error
 * of a submit into a bud_form: it decodes each field on its own and hands
 * each result to bud_form_check, so all of them are shown at once (a use
 * case that stops at its first error adds that one). bud_form_model then
 * puts into the page model:
 *
 *   form_errors  {items: [{href, label, message}]}: the error summary, the
 *                partial form_errors.html, placed right after the page's
 *                h1. It has tabindex="-1" and autofocus, so the browser
 *                moves focus to it when the page loads, without script;
 *                each item names its field ("Label: message") and links to
 *                it. bud_web_page also starts the page title with "Virhe:"
 *                ("Fel:", "Error:") when there are errors.
 *   invalid      {ELEMENT_ID: {id, message}}: one message per field (the
 *                first), id being ELEMENT_ID + "-error". The template puts
 *                {{#invalid.ELEMENT_ID}}{{>field_error}}{{/invalid.ELEMENT_ID}}
 *                next to the field and, on it, aria-invalid="true" and
 *                aria-describedby naming ELEMENT_ID-error (after its hint).
 *                For a group the message goes inside the fieldset, after
 *                the legend, aria-describedby on the fieldset (which has
 *                the ELEMENT_ID and tabindex="-1", so a link to it lands
 *                there), and aria-invalid on each of its inputs.
 *
 * An error about no declared field (a state conflict, say) is listed in
 * the summary without a label and links to the form (def->id).
 *
 * Ownership: a bud_form owns its json until bud_form_model moves it into
 * the model or bud_form_release drops it; the def and lang are borrowed
 * and must outlive it.
 */
#ifndef BUD_WEB_FORM_H
#define BUD_WEB_FORM_H

#include <stddef.h>

#include <jansson.h>

#include "core/err.h"

/* One field of a form. */
struct bud_form_field {
	const char *name;	/* as posted, and as bud_err.field names it */
	const char *id;		/* the element its error belongs to */
	const char *label;	/* catalog key of its label or legend */
	const char *anchor;	/* where the summary links; NULL: id */
};

/* A form: its element id and its fields (ended by a {NULL} entry). */
struct bud_form_def {
	const char *id;
	const struct bud_form_field *fields;
};

/* The errors of one submit; read it only through the functions below. */
struct bud_form {
	const struct bud_form_def *def;
	const char *lang;
	json_t *items;		/* the summary's [{href, label, message}] */
	json_t *invalid;	/* {element id: {id, message}} */
};

/* Start collecting the errors of a submit of def, messages in lang. */
void bud_form_init(struct bud_form *f, const struct bud_form_def *def,
		   const char *lang);

/* The declared field called name, or NULL. */
const struct bud_form_field *bud_form_field(const struct bud_form_def *def,
					    const char *name);

/* Add err (its message in f's language) to the field err->field names;
 * when that is no declared field, to fallback (NULL: none); when neither
 * is, to the form. */
void bud_form_add(struct bud_form *f, const bud_err *err, const char *fallback);

/* Add a message already in f's language to field (NULL: the form). */
void bud_form_add_text(struct bud_form *f, const char *field,
		       const char *message);

/* The result rc of decoding one field: nonzero (and err added) when it
 * failed, 0 when rc is BUD_OK. */
int bud_form_check(struct bud_form *f, int rc, const bud_err *err);

/* How many errors there are. */
size_t bud_form_count(const struct bud_form *f);

/* Move the errors into model m as form_errors and invalid (nothing when
 * there are none); f is left empty, to be released. */
void bud_form_model(struct bud_form *f, json_t *m);

/* Drop what f still holds. Accepts a released or moved-from f. */
void bud_form_release(struct bud_form *f);

/* Whether model m carries form errors (for the page title). */
int bud_form_failed(json_t *m);

/*
 * A date a form's field holds before anything is typed in it (a stored
 * date being edited, a default such as today, a filter the page applied):
 * iso ("YYYY-MM-DD") in the form the field's hint asks for in lang, the
 * form its dates are shown in on the pages (bud_date_show: 7.12.2026 in fi
 * and sv, ISO in en); bud_req_date reads either form back. Not a date: as
 * it is (so a typed value that failed shows again as typed); NULL: "".
 */
json_t *bud_form_date(const char *iso, const char *lang);

/*
 * After a save: the page says what was saved. bud_form_done answers 303 to
 * where (a local path, may have a query and a #fragment) with notice=what
 * added to its query; the page
 * there, whatever it is, shows the catalog text "notice.WHAT" at the top of
 * its main content as a status message (bud_form_notice, called by
 * bud_web_page for every page). what is a word of [a-z_]; an unknown
 * word shows nothing.
 */
struct bud_req;
int bud_form_done(struct bud_req *req, const char *where, const char *what);

/* The text of the notice the query of req names, or NULL. */
const char *bud_form_notice(struct bud_req *req);

#endif
