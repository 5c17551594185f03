/*
 * app/settings.c: the organiser's settings (see settings.h).
 */
#include <stdio.h>
#include <string.h>

#include "app/authz.h"
#include "app/read.h"
#include "app/settings.h"
#include "core/text.h"
#include "store/event.h"
#include "store/org.h"

struct settings_row {
	struct bud_store_organiser o;
	int dispute_days;
};

static int read_unit(bud_conn *c, void *arg, bud_err *err)
{
	struct settings_row *r = arg;
	int rc = bud_store_organiser_only(c, &r->o, err);

	if (rc != BUD_OK)
		return rc;
	return bud_store_event_dispute_days(c, r->o.id, &r->dispute_days, err);
}

int bud_settings_get(bud_app *app, const bud_actor *actor, json_t **out,
		     bud_err *err)
{
	struct settings_row r;
	int rc;

	*out = NULL;
	if ((rc = bud_app_read(app, actor, read_unit, &r, err)) != BUD_OK)
		return rc;
	*out = json_pack("{s:s, s:s, s:s, s:s, s:i}", "registry_address",
			 r.o.registry_address, "registry_email", r.o.registry_email,
			 "registry_hours", r.o.registry_hours, "a11y_email",
			 r.o.a11y_email, "dispute_days", r.dispute_days);
	return *out ? BUD_OK : bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "settings");
}

/* s (may be NULL: "") checked as one line of at most BUD_NAME_MAX bytes
 * and copied into dst. */
static int take(const char *s, const char *field, char *dst, size_t dstsz,
		bud_err *err)
{
	int rc;

	s = s ? s : "";
	if (strlen(s) >= dstsz)
		return bud_err_set(err, BUD_EINVAL, field, "err.too_long", "%s", field);
	if ((rc = bud_text_check(s, BUD_TEXT_LINE, field, err)) != BUD_OK)
		return rc;
	snprintf(dst, dstsz, "%s", s);
	return BUD_OK;
}

static int set_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct settings_row *want = arg;
	struct bud_store_organiser o;
	int rc;

	if ((rc = bud_store_organiser_only(w, &o, err)) != BUD_OK)
		return rc;
	want->o.id = o.id;
	if ((rc = bud_store_organiser_set_contact(w, &want->o, err)) != BUD_OK ||
	    want->dispute_days == 0)
		return rc;
	return bud_store_event_set_dispute_days(w, o.id, want->dispute_days, err);
}

int bud_settings_set(bud_app *app, const bud_actor *actor,
		     const struct bud_settings *s, bud_err *err)
{
	struct settings_row r;
	struct bud_store_organiser *o = &r.o;
	int rc;

	if (!actor || actor->role != BUD_ROLE_ADMIN)
		return bud_authz_forbidden(err, "change the organiser's settings");
	memset(&r, 0, sizeof(r));
	if (s->dispute_days < 0 || s->dispute_days > BUD_DISPUTE_DAYS_MAX)
		return bud_err_set(err, BUD_EINVAL, "dispute_days", "err.event.days",
				   "1..%d days", BUD_DISPUTE_DAYS_MAX);
	r.dispute_days = s->dispute_days;
	if ((rc = take(s->registry_address, "registry_address", o->registry_address,
		       sizeof(o->registry_address), err)) ||
	    (rc = take(s->registry_email, "registry_email", o->registry_email,
		       sizeof(o->registry_email), err)) ||
	    (rc = take(s->registry_hours, "registry_hours", o->registry_hours,
		       sizeof(o->registry_hours), err)) ||
	    (rc = take(s->a11y_email, "a11y_email", o->a11y_email,
		       sizeof(o->a11y_email), err)))
		return rc;
	return bud_db_write(app->db, set_unit, &r, err);
}
