/*
 * app/settings.h: what only the organiser can supply and users must see:
 * the registry office for requests for review (address, e-mail, opening
 * hours: printed in every decision's appeal instructions) and the e-mail
 * for accessibility feedback (the accessibility statement). No dummy value
 * ever reaches a page: an unset one is "", and the pages then tell the
 * reader to ask their worker. The organiser's admin sets them.
 *
 * And the dispute window (migration 014): the days a client has to
 * dispute a service event after it was recorded (app/event.h), default
 * BUD_DISPUTE_DAYS_DEFAULT, 1..BUD_DISPUTE_DAYS_MAX.
 */
#ifndef BUD_APP_SETTINGS_H
#define BUD_APP_SETTINGS_H

#include <jansson.h>

#include "app/app.h"

struct bud_settings {
	const char *registry_address;
	const char *registry_email;
	const char *registry_hours;
	const char *a11y_email;
	int dispute_days;	/* 0: leave as it is */
};

/* {registry_address, registry_email, registry_hours, a11y_email,
 * dispute_days}: public
 * texts, readable by anyone (actor may be NULL). */
int bud_settings_get(bud_app *app, const bud_actor *actor, json_t **out,
		     bud_err *err);

/* The admin sets all four (each a line of text, "" to clear) and the
 * dispute window. BUD_EINVAL naming the field for text that is too long
 * or not a plain line, or a window outside 1..BUD_DISPUTE_DAYS_MAX. */
int bud_settings_set(bud_app *app, const bud_actor *actor,
		     const struct bud_settings *s, bud_err *err);

#endif
