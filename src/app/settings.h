/*
 * app/settings.h: what only the organiser can supply and users must see.
 * No dummy value ever reaches a page or a document: an unset one is "",
 * the pages then tell the reader to ask their worker, and a decision
 * cannot be approved while a setting it prints is unset (bud_settings_
 * decision_ready, called by the approval). The organiser's admin sets
 * them, and the admin's settings page and home list what is missing.
 *
 *  - the registry office (kirjaamo) where a request for review is sent:
 *    address and opening hours in Finnish and Swedish, e-mail, phone;
 *  - the appeal authority: the administrative court that hears an appeal
 *    against the decision on the request, its name and address in fi, sv;
 *  - the accessibility statement's feedback channel (e-mail, phone) and
 *    its supervisory authority (name in fi and sv, web address);
 *  - the organiser's logo: a PNG of at most BUD_LOGO_BYTES_MAX bytes and
 *    BUD_LOGO_SIDE_MAX pixels a side, on the pages and in the decision PDF;
 *  - the dispute window (migration 014): the days a client has to dispute
 *    a service event after it was recorded (app/event.h), default
 *    BUD_DISPUTE_DAYS_DEFAULT, 1..BUD_DISPUTE_DAYS_MAX.
 *
 * The texts are declared once, in bud_settings_defs: the API, the page
 * and the checks all walk that list.
 */
#ifndef BUD_APP_SETTINGS_H
#define BUD_APP_SETTINGS_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "app/app.h"
#include "core/buf.h"

/* How a text setting is checked. */
enum bud_setting_kind {
	BUD_SETTING_LINE = 0,	/* one line of text (core/text.h) */
	BUD_SETTING_EMAIL,	/* core/contact.h */
	BUD_SETTING_PHONE,	/* core/contact.h */
	BUD_SETTING_URL		/* an https:// address */
};

/* What a setting is needed for (bits of bud_setting_def.needed). */
#define BUD_SETTING_FOR_FI	1u	/* a decision in Finnish (or English) */
#define BUD_SETTING_FOR_SV	2u	/* a decision in Swedish */
#define BUD_SETTING_FOR_A11Y	4u	/* the accessibility statement */

struct bud_setting_def {
	const char *name;	/* API member, form field, column */
	enum bud_setting_kind kind;
	unsigned needed;	/* BUD_SETTING_FOR_* */
	const char *group;	/* "registry", "appeal", "a11y": the page's fieldsets */
};

#define BUD_SETTINGS_N 15
/* The text settings, in the order of the settings page. */
extern const struct bud_setting_def bud_settings_defs[BUD_SETTINGS_N];

struct bud_settings {
	const char *text[BUD_SETTINGS_N];	/* by index of bud_settings_defs;
						 * NULL keeps the value, "" clears */
	int dispute_days;			/* 0: leave as it is */
};

/* {NAME: text for every bud_settings_defs entry, dispute_days,
 * logo_version (0: no logo), missing: [names of the needed settings that
 * are unset, in the defs' order], organiser_name: {fi, sv, en}}: public
 * texts, readable by anyone (actor may be NULL). */
int bud_settings_get(bud_app *app, const bud_actor *actor, json_t **out,
		     bud_err *err);

/* What every page's frame shows of the organiser, without the rest of
 * the settings: its name in lang ("fi", "sv", "en"; "" when unset) into
 * name (namesz bytes) and its logo's version (0: no logo). Public, like
 * bud_settings_get (actor may be NULL). */
int bud_settings_brand(bud_app *app, const bud_actor *actor, const char *lang,
		       char *name, size_t namesz, int64_t *logo_version,
		       bud_err *err);

/* The admin sets them. BUD_EINVAL naming the field for text that is too
 * long or not a plain line, an e-mail address or phone number that
 * core/contact.h refuses, a web address that is not https://, or a window
 * outside 1..BUD_DISPUTE_DAYS_MAX. */
int bud_settings_set(bud_app *app, const bud_actor *actor,
		     const struct bud_settings *s, bud_err *err);

/* The admin replaces the logo by the len bytes of png, or removes it (png
 * NULL). BUD_EINVAL "logo" (err.settings.logo) for what is not a PNG
 * image within the limits. */
int bud_settings_set_logo(bud_app *app, const bud_actor *actor,
			  const void *png, size_t len, bud_err *err);

/* The logo's bytes appended to out (anyone may read it: it is on public
 * pages); BUD_ENOTFOUND when there is none. */
int bud_settings_logo(bud_app *app, const bud_actor *actor, bud_buf *out,
		      bud_err *err);

/* Whether png (len bytes) is a PNG within the limits: the signature, an
 * IHDR of sides 1..BUD_LOGO_SIDE_MAX (into *w, *h), an IEND at the end.
 * BUD_OK or BUD_EINVAL "logo". */
int bud_settings_png_check(const void *png, size_t len, uint32_t *w, uint32_t *h,
			   bud_err *err);

struct bud_store_organiser;
/* Whether the organiser o has what a decision in lang (fi, sv, en as fi)
 * prints: BUD_OK, else BUD_ECONFLICT (err.settings.decision_missing)
 * naming the first missing setting as its field. For app/plan.c. */
int bud_settings_decision_ready(const struct bud_store_organiser *o,
				const char *lang, bud_err *err);

/* Put o's text settings (by name) and logo_version into obj. */
void bud_settings_put(const struct bud_store_organiser *o, json_t *obj);

#endif
