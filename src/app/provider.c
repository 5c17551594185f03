/*
 * app/provider.c: the provider register, approvals and the public list
 * (app/provider.h). Reads run on the thread's read connection
 * (bud_app_read); each change is one write unit through bud_db_write.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "app/provider.h"
#include "app/read.h"
#include "core/date.h"
#include "store/org.h"
#include "store/provider.h"

/* ---- common ------------------------------------------------------------- */

/* The organiser the actor works for; the installation's for the public. */
static int organiser_of(bud_conn *c, const bud_actor *a, int64_t *org, bud_err *err)
{
	struct bud_store_organiser o;
	int rc;

	if (a && a->organiser_id > 0) {
		*org = a->organiser_id;
		return BUD_OK;
	}
	rc = bud_store_organiser_only(c, &o, err);
	if (rc == BUD_OK)
		*org = o.id;
	return rc;
}

static int all_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

/* The service named by code or id digits, or BUD_EINVAL "service". */
static int service_of(bud_conn *c, const char *service,
		      struct bud_store_service *out, bud_err *err)
{
	int rc;

	if (!service || !*service || strlen(service) > BUD_CODE_MAX)
		rc = BUD_ENOTFOUND;
	else if (all_digits(service) && strlen(service) < 19)
		rc = bud_store_service_get(c, strtoll(service, NULL, 10), out, err);
	else
		rc = bud_store_service_by_code(c, service, out, err);
	if (rc == BUD_ENOTFOUND)
		return bud_err_set(err, BUD_EINVAL, "service", "err.provider.service",
				   "no such service");
	return rc;
}

/* date as given (checked as a case date) or today's, into out (11 bytes). */
static int date_or_today(bud_app *app, const char *date, const char *field,
			 char *out, size_t outsz, bud_err *err)
{
	int rc;

	if (!date || !*date)
		return bud_app_today(app, out, outsz);
	if ((rc = bud_date_case_check(date, field, err)) != BUD_OK)
		return rc;
	if (strlen(date) >= outsz)
		return bud_err_set(err, BUD_EINVAL, field, "err.date.syntax", "bad date");
	memcpy(out, date, strlen(date) + 1);
	return BUD_OK;
}

/* "fi,sv" -> ["fi", "sv"] */
static json_t *lang_array(const char *langs)
{
	json_t *a = json_array();
	char one[4];
	size_t i = 0, k = 0;

	for (;; i++) {
		if (langs[i] == ',' || langs[i] == '\0') {
			one[k] = '\0';
			if (k)
				json_array_append_new(a, json_string(one));
			k = 0;
			if (!langs[i])
				break;
		} else if (k < sizeof(one) - 1) {
			one[k++] = langs[i];
		}
	}
	return a;
}

static json_t *location_view(const struct bud_store_provider_location *l)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:b, s:b, s:b, s:b, s:s}",
		"id", (json_int_t)l->id, "name", l->name, "address", l->address,
		"municipality", l->municipality, "step_free", l->step_free,
		"hearing_loop", l->hearing_loop, "parking", l->parking,
		"accessible_wc", l->accessible_wc, "notes", l->notes);
}

/* The locations of provider_id as a JSON array into *out. */
static int locations_json(bud_conn *c, int64_t provider_id, json_t **out,
			  bud_err *err)
{
	struct bud_store_provider_location *l;
	size_t n = 0, i;
	int rc;

	l = malloc(BUD_PROVIDER_LOCATIONS_MAX * sizeof(*l));
	if (!l)
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "locations");
	rc = bud_store_provider_locations(c, provider_id, l,
					  BUD_PROVIDER_LOCATIONS_MAX, &n, err);
	*out = json_array();
	for (i = 0; rc == BUD_OK && i < n; i++)
		json_array_append_new(*out, location_view(&l[i]));
	free(l);
	return rc;
}

/* ---- the public list ---------------------------------------------------- */

struct approved_arg {
	bud_app *app;
	const bud_actor *actor;
	const char *service;
	const char *municipality;
	char date[BUD_DATE_BUF];
	struct bud_page *pg;
	struct bud_store_provider_approved *rows;
	json_t *items;
};

static json_t *approved_view(const struct bud_store_provider_approved *r)
{
	json_t *price = json_null();

	if (r->has_price)
		price = json_pack("{s:s, s:I, s:s}", "unit", r->unit,
				  "unit_price", (json_int_t)r->unit_price,
				  "valid_from", r->price_from);
	return json_pack("{s:I, s:s, s:s, s:o, s:s, s:s, s:s, s:I, s:s, s:o}",
		"id", (json_int_t)r->provider_id, "name", r->name, "kind", r->kind,
		"languages", lang_array(r->languages), "email", r->email,
		"phone", r->phone, "website", r->website,
		"approval_id", (json_int_t)r->approval_id,
		"approved_from", r->approved_from, "price", price);
}

static int approved_unit(bud_conn *c, void *arg, bud_err *err)
{
	struct approved_arg *a = arg;
	struct bud_store_service s;
	int64_t org;
	size_t n = 0, i;
	int rc, shown;

	if ((rc = organiser_of(c, a->actor, &org, err)) != BUD_OK ||
	    (rc = service_of(c, a->service, &s, err)) != BUD_OK)
		return rc;
	rc = bud_store_provider_approved(c, org, s.id, a->municipality, a->date,
					 (size_t)a->pg->at, a->rows,
					 (size_t)bud_page_fetch(a->pg), &n, err);
	if (rc != BUD_OK)
		return rc;
	shown = bud_page_offset_done(a->pg, (int)n);
	a->items = json_array();
	for (i = 0; i < (size_t)shown; i++) {
		json_t *item = approved_view(&a->rows[i]), *locs = NULL;

		json_array_append_new(a->items, item);
		if ((rc = locations_json(c, a->rows[i].provider_id, &locs, err)) != BUD_OK) {
			json_decref(locs);
			return rc;
		}
		json_object_set_new(item, "locations", locs);
	}
	return BUD_OK;
}

int bud_provider_list_approved(bud_app *app, const bud_actor *actor,
			       const char *service, const char *municipality,
			       const char *date, struct bud_page *pg,
			       json_t **out, bud_err *err)
{
	struct approved_arg a;
	int rc;

	assert(app && pg && out);
	*out = NULL;
	if (!municipality || !*municipality)
		return bud_err_set(err, BUD_EINVAL, "municipality", "err.required",
				   "municipality is required");
	if (strlen(municipality) > BUD_NAME_MAX)
		return bud_err_set(err, BUD_EINVAL, "municipality", "err.too_long",
				   "municipality too long");
	if (!service || !*service)
		return bud_err_set(err, BUD_EINVAL, "service", "err.required",
				   "service is required");
	memset(&a, 0, sizeof(a));
	a.app = app;
	a.actor = actor;
	a.service = service;
	a.municipality = municipality;
	a.pg = pg;
	if ((rc = date_or_today(app, date, "date", a.date, sizeof(a.date), err)) != BUD_OK)
		return rc;
	a.rows = malloc((size_t)bud_page_fetch(pg) * sizeof(*a.rows));
	if (!a.rows)
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "rows");
	rc = bud_app_read(app, actor, approved_unit, &a, err);
	free(a.rows);
	if (rc == BUD_OK)
		*out = a.items;
	else
		json_decref(a.items);
	return rc;
}
