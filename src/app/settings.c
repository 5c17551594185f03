/*
 * app/settings.c: the organiser's settings (see settings.h).
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "app/authz.h"
#include "app/read.h"
#include "app/settings.h"
#include "core/contact.h"
#include "core/text.h"
#include "store/event.h"
#include "store/org.h"

#define FI BUD_SETTING_FOR_FI
#define SV BUD_SETTING_FOR_SV
#define A11Y BUD_SETTING_FOR_A11Y

const struct bud_setting_def bud_settings_defs[BUD_SETTINGS_N] = {
	{"registry_address", BUD_SETTING_LINE, FI, "registry"},
	{"registry_address_sv", BUD_SETTING_LINE, SV, "registry"},
	{"registry_email", BUD_SETTING_EMAIL, FI | SV, "registry"},
	{"registry_phone", BUD_SETTING_PHONE, FI | SV, "registry"},
	{"registry_hours", BUD_SETTING_LINE, FI, "registry"},
	{"registry_hours_sv", BUD_SETTING_LINE, SV, "registry"},
	{"appeal_name_fi", BUD_SETTING_LINE, FI, "appeal"},
	{"appeal_name_sv", BUD_SETTING_LINE, SV, "appeal"},
	{"appeal_address_fi", BUD_SETTING_LINE, FI, "appeal"},
	{"appeal_address_sv", BUD_SETTING_LINE, SV, "appeal"},
	{"a11y_email", BUD_SETTING_EMAIL, A11Y, "a11y"},
	{"a11y_phone", BUD_SETTING_PHONE, A11Y, "a11y"},
	{"a11y_supervisor_fi", BUD_SETTING_LINE, A11Y, "a11y"},
	{"a11y_supervisor_sv", BUD_SETTING_LINE, A11Y, "a11y"},
	{"a11y_supervisor_url", BUD_SETTING_URL, A11Y, "a11y"},
};

/* Where each of bud_settings_defs lives in the organiser's row. */
#define AT(m) offsetof(struct bud_store_organiser, m)
static const size_t text_at[BUD_SETTINGS_N] = {
	AT(registry_address), AT(registry_address_sv), AT(registry_email),
	AT(registry_phone), AT(registry_hours), AT(registry_hours_sv),
	AT(appeal_name_fi), AT(appeal_name_sv), AT(appeal_address_fi),
	AT(appeal_address_sv), AT(a11y_email), AT(a11y_phone),
	AT(a11y_supervisor_fi), AT(a11y_supervisor_sv), AT(a11y_supervisor_url),
};
/* Every text is BUD_NAME_MAX + 1 bytes in the row (store/org.h). */
#define TEXT_SIZE (BUD_NAME_MAX + 1)

static char *text_of(struct bud_store_organiser *o, size_t i)
{
	return (char *)o + text_at[i];
}

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
	json_t *missing;
	size_t i;
	int rc;

	*out = NULL;
	if ((rc = bud_app_read(app, actor, read_unit, &r, err)) != BUD_OK)
		return rc;
	*out = json_pack("{s:i, s:I, s:[], s:{s:s, s:s, s:s}}", "dispute_days",
			 r.dispute_days, "logo_version", (json_int_t)r.o.logo_version,
			 "missing", "organiser_name", "fi", r.o.name_fi, "sv", r.o.name_sv,
			 "en", r.o.name_en);
	if (!*out)
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "settings");
	missing = json_object_get(*out, "missing");
	for (i = 0; i < BUD_SETTINGS_N; i++) {
		const char *v = text_of(&r.o, i);

		json_object_set_new(*out, bud_settings_defs[i].name, json_string(v));
		if (bud_settings_defs[i].needed && !v[0])
			json_array_append_new(missing, json_string(bud_settings_defs[i].name));
	}
	return BUD_OK;
}

static int brand_unit(bud_conn *c, void *arg, bud_err *err)
{
	return bud_store_organiser_brand(c, arg, err);
}

int bud_settings_brand(bud_app *app, const bud_actor *actor, const char *lang,
		       char *name, size_t namesz, int64_t *logo_version,
		       bud_err *err)
{
	struct bud_store_brand b;
	const char *n;
	int rc;

	name[0] = '\0';
	*logo_version = 0;
	if ((rc = bud_app_read(app, actor, brand_unit, &b, err)) != BUD_OK)
		return rc;
	n = strcmp(lang, "sv") == 0 ? b.name_sv : strcmp(lang, "en") == 0 ?
		b.name_en : b.name_fi;
	if (snprintf(name, namesz, "%s", n) >= (int)namesz)
		name[0] = '\0';
	*logo_version = b.logo_version;
	return BUD_OK;
}

/* s (NULL: "") checked as setting i and copied into dst (TEXT_SIZE). */
static int take(const char *s, size_t i, char *dst, bud_err *err)
{
	const char *field = bud_settings_defs[i].name;
	int rc;

	s = s ? s : "";
	if (strlen(s) >= TEXT_SIZE)
		return bud_err_set(err, BUD_EINVAL, field, "err.too_long", "%s", field);
	if ((rc = bud_text_check(s, BUD_TEXT_LINE, field, err)) != BUD_OK)
		return rc;
	if (bud_settings_defs[i].kind == BUD_SETTING_EMAIL)
		rc = bud_contact_email_check(s, field, err);
	else if (bud_settings_defs[i].kind == BUD_SETTING_PHONE)
		rc = bud_contact_phone_check(s, field, err);
	else if (bud_settings_defs[i].kind == BUD_SETTING_URL && s[0] &&
		 (strncmp(s, "https://", 8) != 0 || !s[8] || strchr(s, ' ')))
		rc = bud_err_set(err, BUD_EINVAL, field, "err.settings.url",
				 "%s: not an https:// address", field);
	if (rc != BUD_OK)
		return rc;
	memcpy(dst, s, strlen(s) + 1);
	return BUD_OK;
}

struct set_arg {
	struct bud_store_organiser want;
	const struct bud_settings *s;	/* its NULL texts keep their value */
	int dispute_days;		/* 0: keep */
};

static int set_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct set_arg *x = arg;
	struct bud_store_organiser o;
	size_t i;
	int rc;

	if ((rc = bud_store_organiser_only(w, &o, err)) != BUD_OK)
		return rc;
	x->want.id = o.id;
	for (i = 0; i < BUD_SETTINGS_N; i++)
		if (!x->s->text[i])
			memcpy(text_of(&x->want, i), text_of(&o, i), TEXT_SIZE);
	if ((rc = bud_store_organiser_set_contact(w, &x->want, err)) != BUD_OK ||
	    x->dispute_days == 0)
		return rc;
	return bud_store_event_set_dispute_days(w, o.id, x->dispute_days, err);
}

int bud_settings_set(bud_app *app, const bud_actor *actor,
		     const struct bud_settings *s, bud_err *err)
{
	struct set_arg x;
	size_t i;
	int rc;

	if (!actor || actor->role != BUD_ROLE_ADMIN)
		return bud_authz_forbidden(err, "change the organiser's settings");
	memset(&x, 0, sizeof(x));
	x.s = s;
	if (s->dispute_days < 0 || s->dispute_days > BUD_DISPUTE_DAYS_MAX)
		return bud_err_set(err, BUD_EINVAL, "dispute_days", "err.event.days",
				   "1..%d days", BUD_DISPUTE_DAYS_MAX);
	x.dispute_days = s->dispute_days;
	for (i = 0; i < BUD_SETTINGS_N; i++)
		if ((rc = take(s->text[i], i, text_of(&x.want, i), err)) != BUD_OK)
			return rc;
	return bud_db_write(app->db, set_unit, &x, err);
}

/* ---- the logo ---- */

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

int bud_settings_png_check(const void *png, size_t len, uint32_t *w, uint32_t *h,
			   bud_err *err)
{
	static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
	static const unsigned char iend[12] = {0, 0, 0, 0, 'I', 'E', 'N', 'D',
					       0xae, 0x42, 0x60, 0x82};
	const unsigned char *p = png;

	*w = *h = 0;
	if (!p || len > BUD_LOGO_BYTES_MAX || len < 8 + 25 + 12 ||
	    memcmp(p, sig, 8) != 0 || be32(p + 8) != 13 || memcmp(p + 12, "IHDR", 4) != 0 ||
	    memcmp(p + len - 12, iend, 12) != 0)
		return bud_err_set(err, BUD_EINVAL, "logo", "err.settings.logo",
				   "not a PNG within the limits");
	*w = be32(p + 16);
	*h = be32(p + 20);
	if (*w < 1 || *h < 1 || *w > BUD_LOGO_SIDE_MAX || *h > BUD_LOGO_SIDE_MAX)
		return bud_err_set(err, BUD_EINVAL, "logo", "err.settings.logo",
				   "logo of %ux%u pixels", (unsigned)*w, (unsigned)*h);
	return BUD_OK;
}

struct logo_arg {
	const void *png;
	size_t len;
	bud_buf *out;
};

static int logo_set_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct logo_arg *x = arg;
	struct bud_store_organiser o;
	int rc = bud_store_organiser_only(w, &o, err);

	return rc ? rc : bud_store_organiser_set_logo(w, o.id, x->png, x->len, err);
}

int bud_settings_set_logo(bud_app *app, const bud_actor *actor,
			  const void *png, size_t len, bud_err *err)
{
	struct logo_arg x = {png, len, NULL};
	uint32_t w, h;
	int rc;

	if (!actor || actor->role != BUD_ROLE_ADMIN)
		return bud_authz_forbidden(err, "change the organiser's logo");
	if (png && (rc = bud_settings_png_check(png, len, &w, &h, err)) != BUD_OK)
		return rc;
	return bud_db_write(app->db, logo_set_unit, &x, err);
}

static int logo_read_unit(bud_conn *c, void *arg, bud_err *err)
{
	struct logo_arg *x = arg;
	struct bud_store_organiser o;
	int rc = bud_store_organiser_only(c, &o, err);

	return rc ? rc : bud_store_organiser_logo(c, o.id, x->out, err);
}

int bud_settings_logo(bud_app *app, const bud_actor *actor, bud_buf *out,
		      bud_err *err)
{
	struct logo_arg x = {NULL, 0, out};

	return bud_app_read(app, actor, logo_read_unit, &x, err);
}

void bud_settings_put(const struct bud_store_organiser *o, json_t *obj)
{
	size_t i;

	for (i = 0; i < BUD_SETTINGS_N; i++)
		json_object_set_new(obj, bud_settings_defs[i].name,
				    json_string((const char *)o + text_at[i]));
	json_object_set_new(obj, "logo_version", json_integer(o->logo_version));
}

int bud_settings_decision_ready(const struct bud_store_organiser *o,
				const char *lang, bud_err *err)
{
	unsigned need = lang && strcmp(lang, "sv") == 0 ? SV : FI;
	size_t i;

	for (i = 0; i < BUD_SETTINGS_N; i++)
		if ((bud_settings_defs[i].needed & need) &&
		    !((const char *)o + text_at[i])[0])
			return bud_err_set(err, BUD_ECONFLICT, bud_settings_defs[i].name,
					   "err.settings.decision_missing",
					   "the organiser's %s is not set",
					   bud_settings_defs[i].name);
	return BUD_OK;
}
