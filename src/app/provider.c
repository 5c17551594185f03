/*
 * app/provider.c: the provider register, approvals and the public list
 * (app/provider.h). Reads run on the thread's read connection
 * (bud_app_read); each change is one write unit through bud_db_write.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "app/account.h"
#include "app/authz.h"
#include "app/price.h"
#include "app/municipality.h"
#include "app/provider.h"
#include "app/read.h"
#include "app/rulebook.h"
#include "core/contact.h"
#include "core/date.h"
#include "core/ids.h"
#include "core/state.h"
#include "store/org.h"
#include "store/provider.h"
#include "store/user.h"

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

/* A municipality of field from the official list: *p becomes its
 * canonical name (app/municipality.h). */
static int canon_municipality(const char **p, const char *field, bud_err *err)
{
	return bud_municipality_check(*p, 0, p, field, err);
}

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
	if ((rc = canon_municipality(&municipality, "municipality", err)))
		return rc;
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

/* ---- the register: input ------------------------------------------------ */

const char *const bud_provider_kinds[] = {"company", "association", "foundation", NULL};
const char *const bud_provider_languages[] = {"fi", "sv", "en", "se", "ru", "et", NULL};
static const char *const register_names[] = {"", "soteri", "organiser", NULL};

static int in_list(const char *s, const char *const *list)
{
	size_t i;

	for (i = 0; s && list[i]; i++)
		if (strcmp(s, list[i]) == 0)
			return 1;
	return 0;
}

/* Copy s into dst (dstsz bytes) unless NULL; too long is field's error. */
static int put(char *dst, size_t dstsz, const char *s, const char *field,
	       bud_err *err)
{
	size_t n;

	if (!s)
		return BUD_OK;
	n = strlen(s);
	if (n >= dstsz)
		return bud_err_set(err, BUD_EINVAL, field, "err.too_long",
				   "%s too long", field);
	memcpy(dst, s, n + 1);
	return BUD_OK;
}

/* An identifier of kind into dst in its canonical form ("" stays none). */
static int put_id(char *dst, size_t dstsz, const char *s, int kind, int required,
		  bud_err *err)
{
	char canon[BUD_ID_BUF];
	int rc;

	if (!s)
		return BUD_OK;
	if (!*s && !required) {
		dst[0] = '\0';
		return BUD_OK;
	}
	if ((rc = bud_id_check(kind, s, canon, sizeof(canon), err)) != BUD_OK)
		return rc;
	return put(dst, dstsz, canon, bud_id_kind_name(kind), err);
}

/* The plain fields of in over p (NULL: as they are). */
static int provider_fields(const struct bud_provider_in *in,
			   struct bud_store_provider *p, bud_err *err)
{
	int rc;

	if (in->kind && !in_list(in->kind, bud_provider_kinds))
		return bud_err_set(err, BUD_EINVAL, "kind", "err.provider.kind", "kind");
	if (in->register_name && !in_list(in->register_name, register_names))
		return bud_err_set(err, BUD_EINVAL, "register_name",
				   "err.provider.register", "register");
	if (in->register_date && *in->register_date &&
	    (rc = bud_date_case_check(in->register_date, "register_date", err)))
		return rc;
	if ((rc = put(p->kind, sizeof(p->kind), in->kind, "kind", err)) ||
	    (rc = put(p->name, sizeof(p->name), in->name, "name", err)) ||
	    (rc = put_id(p->ytunnus, sizeof(p->ytunnus), in->ytunnus, BUD_ID_YTUNNUS, 1, err)) ||
	    (rc = put_id(p->ovt, sizeof(p->ovt), in->ovt, BUD_ID_OVT, 0, err)) ||
	    (rc = put_id(p->iban, sizeof(p->iban), in->iban, BUD_ID_IBAN, 0, err)) ||
	    (rc = put_id(p->bic, sizeof(p->bic), in->bic, BUD_ID_BIC, 0, err)) ||
	    (rc = put(p->email, sizeof(p->email), in->email, "email", err)) ||
	    (rc = put(p->phone, sizeof(p->phone), in->phone, "phone", err)) ||
	    (rc = put(p->address, sizeof(p->address), in->address, "address", err)) ||
	    (rc = put(p->website, sizeof(p->website), in->website, "website", err)) ||
	    (rc = put(p->register_name, sizeof(p->register_name), in->register_name,
		      "register_name", err)) ||
	    (rc = put(p->register_no, sizeof(p->register_no), in->register_no,
		      "register_no", err)) ||
	    (rc = put(p->register_date, sizeof(p->register_date), in->register_date,
		      "register_date", err)))
		return rc;
	if ((rc = bud_contact_email_check(in->email, "email", err)) ||
	    (rc = bud_contact_phone_check(in->phone, "phone", err)))
		return rc;
	if (!p->name[0])
		return bud_err_set(err, BUD_EINVAL, "name", "err.required", "name");
	return BUD_OK;
}

/* The languages of in as "fi,sv" into p (when given). */
static int provider_languages(const struct bud_provider_in *in,
			      struct bud_store_provider *p, bud_err *err)
{
	size_t i, at = 0;

	if (!in->set_languages)
		return BUD_OK;
	if (in->nlanguages == 0 || in->nlanguages > 5)
		return bud_err_set(err, BUD_EINVAL, "languages", "err.provider.language",
				   "one to five languages");
	for (i = 0; i < in->nlanguages; i++) {
		const char *l = in->languages[i];

		if (!in_list(l, bud_provider_languages))
			return bud_err_set(err, BUD_EINVAL, "languages",
					   "err.provider.language", "language");
		if (at + strlen(l) + 2 > sizeof(p->languages))
			return bud_err_set(err, BUD_EINVAL, "languages", "err.too_long",
					   "languages");
		at += (size_t)snprintf(p->languages + at, sizeof(p->languages) - at,
				       "%s%s", at ? "," : "", l);
	}
	return BUD_OK;
}

static int text_ok(const char *s, size_t max, const char *field, int required,
		   bud_err *err)
{
	if (required && (!s || !*s))
		return bud_err_set(err, BUD_EINVAL, field, "err.required", "%s", field);
	if (s && strlen(s) > max)
		return bud_err_set(err, BUD_EINVAL, field, "err.too_long", "%s", field);
	return BUD_OK;
}

/* Areas, locations and prices complete and within their limits; the
 * municipalities of in (the caller's copy) made canonical. */
static int provider_lists_ok(struct bud_provider_in *in, bud_err *err)
{
	size_t i;
	int rc;

	if (in->nareas > BUD_PROVIDER_AREAS_MAX)
		return bud_err_set(err, BUD_ETOOBIG, "areas", "err.too_long", "areas");
	for (i = 0; i < in->nareas; i++)
		if ((rc = canon_municipality(&in->areas[i], "areas", err)))
			return rc;
	if (in->nlocations > BUD_PROVIDER_LOCATIONS_MAX)
		return bud_err_set(err, BUD_ETOOBIG, "locations", "err.too_long", "locations");
	for (i = 0; i < in->nlocations; i++) {
		const struct bud_provider_location_in *l = &in->locations[i];

		if ((rc = text_ok(l->name, BUD_NAME_MAX, "locations", 1, err)) ||
		    (rc = text_ok(l->address, BUD_NAME_MAX, "locations", 1, err)) ||
		    (rc = canon_municipality(&in->locations[i].municipality,
					     "locations", err)) ||
		    (rc = text_ok(l->notes, BUD_NOTE_MAX, "locations", 0, err)))
			return rc;
	}
	if (in->nprices > BUD_PROVIDER_PRICES_MAX)
		return bud_err_set(err, BUD_ETOOBIG, "prices", "err.too_long", "prices");
	for (i = 0; i < in->nprices; i++) {
		const struct bud_provider_price_in *pr = &in->prices[i];

		if (!in_list(pr->unit, bud_price_units))
			return bud_err_set(err, BUD_EINVAL, "prices", "err.price.unit", "unit");
		if (pr->unit_price < 0 || pr->unit_price > BUD_UNIT_PRICE_MAX)
			return bud_err_set(err, BUD_EINVAL, "prices",
					   "err.provider.unit_price", "unit price");
		if ((rc = bud_date_case_check(pr->valid_from, "prices", err)))
			return rc;
	}
	return BUD_OK;
}

/* ---- the register: who may ---------------------------------------------- */

static int not_found(bud_err *err)
{
	return bud_err_set(err, BUD_ENOTFOUND, "provider", "err.not_found",
			   "no such provider");
}

static int keeper(const bud_actor *a)
{
	return a && (a->role == BUD_ROLE_WORKER || a->role == BUD_ROLE_ADMIN);
}

/* Read provider id into p if actor may see it: staff of its organiser,
 * or a user of that provider. Everything else is BUD_ENOTFOUND. */
static int provider_visible(bud_conn *c, const bud_actor *a, int64_t id,
			    struct bud_store_provider *p, bud_err *err)
{
	int rc;

	if (a->role == BUD_ROLE_PROVIDER_USER && a->provider_id != id)
		return not_found(err);
	if ((rc = bud_store_provider_get(c, id, p, err)) != BUD_OK)
		return rc;
	if (p->organiser_id != a->organiser_id)
		return not_found(err);
	return BUD_OK;
}

/* 1 in *own_admin when actor is the admin of provider id. */
static int own_admin(bud_conn *c, const bud_actor *a, int64_t id, int *admin,
		     bud_err *err)
{
	*admin = 0;
	if (a->role != BUD_ROLE_PROVIDER_USER || a->provider_id != id)
		return BUD_OK;
	return bud_store_user_provider_admin(c, a->user_id, admin, err);
}

/* ---- the register: writes ----------------------------------------------- */

struct provider_write {
	bud_app *app;
	const bud_actor *actor;
	const struct bud_provider_in *in;
	int64_t id;
};

/* The locations of in, replacing the provider's (set_locations) or
 * added to them. */
static int write_locations(bud_conn *w, struct provider_write *x, bud_err *err)
{
	const struct bud_provider_in *in = x->in;
	struct bud_store_provider_location *l;
	size_t i, n = 0;
	int rc = BUD_OK;

	if (!(l = calloc(BUD_PROVIDER_LOCATIONS_MAX + 1, sizeof(*l))))
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "locations");
	for (i = 0; i < in->nlocations; i++) {
		const struct bud_provider_location_in *li = &in->locations[i];

		snprintf(l[i].name, sizeof(l[i].name), "%s", li->name);
		snprintf(l[i].address, sizeof(l[i].address), "%s", li->address);
		snprintf(l[i].municipality, sizeof(l[i].municipality), "%s", li->municipality);
		snprintf(l[i].notes, sizeof(l[i].notes), "%s", li->notes ? li->notes : "");
		l[i].step_free = li->step_free;
		l[i].hearing_loop = li->hearing_loop;
		l[i].parking = li->parking;
		l[i].accessible_wc = li->accessible_wc;
	}
	if (in->set_locations)
		rc = bud_store_provider_locations_set(w, x->id, l, in->nlocations, err);
	for (i = 0; !in->set_locations && rc == BUD_OK && i < in->nlocations; i++)
		rc = bud_store_provider_location_add(w, x->id, &l[i], err);
	/* read back: more than the limit in all refuses the change */
	if (rc == BUD_OK && !in->set_locations && in->nlocations)
		rc = bud_store_provider_locations(w, x->id, l, BUD_PROVIDER_LOCATIONS_MAX,
						  &n, err);
	if (rc == BUD_ETOOBIG)
		bud_err_set(err, BUD_ETOOBIG, "locations", "err.provider.locations_full",
			    "at most %d locations", BUD_PROVIDER_LOCATIONS_MAX);
	free(l);
	return rc;
}

/* Areas, locations and prices of in for provider id. */
static int write_lists(bud_conn *w, struct provider_write *x, bud_err *err)
{
	const struct bud_provider_in *in = x->in;
	struct bud_store_provider_price pp;
	struct bud_store_service s;
	size_t i;
	int rc;

	if (in->set_areas &&
	    (rc = bud_store_provider_areas_set(w, x->id, in->areas, in->nareas, err)))
		return rc;
	if ((in->set_locations || in->nlocations) &&
	    (rc = write_locations(w, x, err)) != BUD_OK)
		return rc;
	for (i = 0; i < in->nprices; i++) {
		if ((rc = service_of(w, in->prices[i].service, &s, err)) != BUD_OK)
			return bud_err_set(err, BUD_EINVAL, "prices", "err.provider.service",
					   "no such service");
		memset(&pp, 0, sizeof(pp));
		pp.provider_id = x->id;
		pp.service_id = s.id;
		snprintf(pp.unit, sizeof(pp.unit), "%s", in->prices[i].unit);
		pp.unit_price = in->prices[i].unit_price;
		snprintf(pp.valid_from, sizeof(pp.valid_from), "%s", in->prices[i].valid_from);
		pp.created_at = bud_app_now(x->app);
		if ((rc = bud_store_provider_price_put(w, &pp, err)) != BUD_OK)
			return rc;
	}
	return BUD_OK;
}

static int ytunnus_taken(int rc, bud_err *err)
{
	if (rc == BUD_ECONFLICT)
		return bud_err_set(err, BUD_ECONFLICT, "ytunnus", "err.provider.ytunnus_taken",
				   "another provider has this Y-tunnus");
	return rc;
}

static int create_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct provider_write *x = arg;
	struct bud_store_provider p;
	int rc;

	memset(&p, 0, sizeof(p));
	p.organiser_id = x->actor->organiser_id;
	snprintf(p.kind, sizeof(p.kind), "company");
	snprintf(p.languages, sizeof(p.languages), "fi");
	if ((rc = provider_fields(x->in, &p, err)) ||
	    (rc = provider_languages(x->in, &p, err)))
		return rc;
	if (x->in->nareas)
		snprintf(p.municipality, sizeof(p.municipality), "%s", x->in->areas[0]);
	p.created_at = bud_app_now(x->app);
	rc = bud_store_provider_insert(w, &p, &x->id, err);
	if (rc != BUD_OK)
		return ytunnus_taken(rc, err);
	return write_lists(w, x, err);
}

int bud_provider_create(bud_app *app, const bud_actor *actor,
			const struct bud_provider_in *in, int64_t *id_out,
			bud_err *err)
{
	struct bud_provider_in canon = *in;
	struct provider_write x = {app, actor, &canon, 0};
	int rc;

	assert(app && in);
	if (!keeper(actor))
		return bud_authz_forbidden(err, "add providers");
	if (!in->ytunnus || !*in->ytunnus)
		return bud_err_set(err, BUD_EINVAL, "ytunnus", "err.required", "ytunnus");
	if ((rc = provider_lists_ok(&canon, err)) != BUD_OK)
		return rc;
	rc = bud_db_write(app->db, create_unit, &x, err);
	if (rc == BUD_OK && id_out)
		*id_out = x.id;
	return rc;
}

static int update_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct provider_write *x = arg;
	struct bud_store_provider p;
	int rc, admin = 0;

	if ((rc = provider_visible(w, x->actor, x->id, &p, err)) ||
	    (rc = own_admin(w, x->actor, x->id, &admin, err)))
		return rc;
	if (!keeper(x->actor) && !admin)
		return bud_authz_forbidden(err, "change this provider");
	if ((rc = provider_fields(x->in, &p, err)) ||
	    (rc = provider_languages(x->in, &p, err)))
		return rc;
	p.updated_at = bud_app_now(x->app);
	if ((rc = bud_store_provider_update(w, &p, err)) != BUD_OK)
		return ytunnus_taken(rc, err);
	return write_lists(w, x, err);
}

int bud_provider_update(bud_app *app, const bud_actor *actor, int64_t id,
			const struct bud_provider_in *in, bud_err *err)
{
	struct bud_provider_in canon = *in;
	struct provider_write x = {app, actor, &canon, id};
	int rc;

	assert(app && in);
	if (!actor || (!keeper(actor) && actor->role != BUD_ROLE_PROVIDER_USER))
		return bud_authz_forbidden(err, "change providers");
	if ((rc = provider_lists_ok(&canon, err)) != BUD_OK)
		return rc;
	return bud_db_write(app->db, update_unit, &x, err);
}

/* ---- the register: reads ------------------------------------------------ */

struct get_arg {
	const bud_actor *actor;
	int64_t id;
	json_t *out;
	char today[BUD_DATE_BUF];
};

static json_t *event_view(const struct bud_store_approval_event *e)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:I}", "state", e->state,
			 "reason", e->reason, "effective", e->effective,
			 "by", e->by_name, "at", (json_int_t)e->at);
}

/* The provider's approvals, each with its history. */
static int approvals_json(bud_conn *c, int64_t provider_id, json_t *into,
			  bud_err *err)
{
	struct bud_store_approval *a = malloc(BUD_APPROVALS_MAX * sizeof(*a));
	struct bud_store_approval_event *e = malloc(BUD_APPROVAL_EVENTS_MAX * sizeof(*e));
	size_t na = 0, ne = 0, i, k;
	int rc = BUD_ENOMEM;

	if (!a || !e) {
		bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "approvals");
		goto out;
	}
	if ((rc = bud_store_approvals(c, provider_id, a, BUD_APPROVALS_MAX, &na, err)) ||
	    (rc = bud_store_approval_events(c, provider_id, e, BUD_APPROVAL_EVENTS_MAX,
					    &ne, err)))
		goto out;
	for (i = 0; i < na; i++) {
		json_t *h = json_array();

		for (k = 0; k < ne; k++)
			if (e[k].approval_id == a[i].id)
				json_array_append_new(h, event_view(&e[k]));
		json_array_append_new(into, json_pack(
			"{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:o}",
			"id", (json_int_t)a[i].id, "provider_id", (json_int_t)provider_id,
			"service", a[i].service_code, "municipality", a[i].municipality,
			"state", a[i].state, "reason", a[i].reason,
			"effective", a[i].effective, "history", h));
	}
out:
	free(a);
	free(e);
	return rc;
}

static int areas_prices_json(bud_conn *c, int64_t id, json_t *v, bud_err *err)
{
	char (*areas)[BUD_NAME_MAX + 1] = malloc(BUD_PROVIDER_AREAS_MAX * sizeof(*areas));
	struct bud_store_provider_price *pp = malloc(BUD_PROVIDER_PRICES_MAX * sizeof(*pp));
	json_t *ja = json_array(), *jp = json_array();
	size_t n = 0, i;
	int rc = BUD_ENOMEM;

	json_object_set_new(v, "areas", ja);
	json_object_set_new(v, "prices", jp);
	if (!areas || !pp) {
		bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "areas");
		goto out;
	}
	if ((rc = bud_store_provider_areas(c, id, areas, BUD_PROVIDER_AREAS_MAX, &n, err)))
		goto out;
	for (i = 0; i < n; i++)
		json_array_append_new(ja, json_string(areas[i]));
	if ((rc = bud_store_provider_prices(c, id, pp, BUD_PROVIDER_PRICES_MAX, &n, err)))
		goto out;
	for (i = 0; i < n; i++)
		json_array_append_new(jp, json_pack("{s:I, s:s, s:s, s:I, s:s}",
			"id", (json_int_t)pp[i].id, "service", pp[i].service_code,
			"unit", pp[i].unit, "unit_price", (json_int_t)pp[i].unit_price,
			"valid_from", pp[i].valid_from));
out:
	free(areas);
	free(pp);
	return rc;
}

static json_t *provider_view(const struct bud_store_provider *p)
{
	json_t *v = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}",
		"id", (json_int_t)p->id, "kind", p->kind, "name", p->name,
		"ytunnus", p->ytunnus, "ovt", p->ovt, "iban", p->iban, "bic", p->bic,
		"email", p->email, "phone", p->phone, "address", p->address,
		"website", p->website);

	json_object_set_new(v, "languages", lang_array(p->languages));
	json_object_set_new(v, "register_name", json_string(p->register_name));
	json_object_set_new(v, "register_no", json_string(p->register_no));
	json_object_set_new(v, "register_date", json_string(p->register_date));
	json_object_set_new(v, "created_at", json_integer(p->created_at));
	json_object_set_new(v, "updated_at", p->updated_at ?
			    json_integer(p->updated_at) : json_null());
	return v;
}

static int get_unit(bud_conn *c, void *arg, bud_err *err)
{
	struct get_arg *a = arg;
	struct bud_store_provider p;
	json_t *locs = NULL, *apps = json_array(), *rb = NULL;
	int rc, admin = 0;

	if ((rc = provider_visible(c, a->actor, a->id, &p, err)) ||
	    (rc = own_admin(c, a->actor, a->id, &admin, err))) {
		json_decref(apps);
		return rc;
	}
	a->out = provider_view(&p);
	json_object_set_new(a->out, "approvals", apps);
	rc = locations_json(c, a->id, &locs, err);
	json_object_set_new(a->out, "locations", locs);
	if (rc == BUD_OK)
		rc = areas_prices_json(c, a->id, a->out, err);
	if (rc == BUD_OK)
		rc = approvals_json(c, a->id, apps, err);
	if (rc == BUD_OK && (rc = bud_rulebook_provider_json(c, p.organiser_id, a->id,
							    a->today, &rb, err)) == BUD_OK)
		json_object_set_new(a->out, "rulebook", rb);
	json_object_set_new(a->out, "can", json_pack("{s:b, s:b, s:b, s:b}",
		"edit", keeper(a->actor) || admin,
		"apply", a->actor->role == BUD_ROLE_WORKER || admin,
		"decide", a->actor->role == BUD_ROLE_WORKER,
		"accept_rulebook", admin));
	return rc;
}

int bud_provider_get(bud_app *app, const bud_actor *actor, int64_t id,
		     json_t **out, bud_err *err)
{
	struct get_arg a = {actor, id, NULL, ""};
	int rc;

	assert(app && out);
	*out = NULL;
	if (!actor || !(actor->role & (BUD_ROLE_STAFF | BUD_ROLE_PROVIDER_USER)))
		return bud_authz_forbidden(err, "read providers");
	if (bud_app_today(app, a.today, sizeof(a.today)) != BUD_OK)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal", "clock");
	rc = bud_app_read(app, actor, get_unit, &a, err);
	if (rc == BUD_OK)
		*out = a.out;
	else
		json_decref(a.out);
	return rc;
}

struct list_arg {
	const bud_actor *actor;
	struct bud_page *pg;
	struct bud_store_provider *rows;
	json_t *items;
	char today[BUD_DATE_BUF];
};

/* The register's rulebook columns of provider p onto item. */
static int list_rulebook(bud_conn *c, const struct list_arg *a,
			 const struct bud_store_provider *p, json_t *item, bud_err *err)
{
	json_t *rb = NULL;
	int rc = bud_rulebook_provider_json(c, p->organiser_id, p->id, a->today, &rb, err);

	if (rc != BUD_OK)
		return rc;
	json_object_set(item, "rulebook_accepted", json_object_get(rb, "newest_accepted"));
	json_object_set(item, "rulebook_missing", json_object_get(rb, "missing"));
	json_object_set(item, "rulebook_overdue", json_object_get(rb, "overdue"));
	json_decref(rb);
	return BUD_OK;
}

static int list_unit(bud_conn *c, void *arg, bud_err *err)
{
	struct list_arg *a = arg;
	size_t n = 0, i;
	int rc, shown;

	rc = bud_store_provider_list(c, a->actor->organiser_id, (size_t)a->pg->at,
				     a->rows, (size_t)bud_page_fetch(a->pg), &n, err);
	if (rc != BUD_OK)
		return rc;
	shown = bud_page_offset_done(a->pg, (int)n);
	a->items = json_array();
	for (i = 0; i < (size_t)shown; i++) {
		const struct bud_store_provider *p = &a->rows[i];

		json_t *item = json_pack("{s:I, s:s, s:s, s:s, s:o, s:s, s:s}",
			"id", (json_int_t)p->id, "name", p->name, "kind", p->kind,
			"ytunnus", p->ytunnus, "languages", lang_array(p->languages),
			"email", p->email, "phone", p->phone);

		json_array_append_new(a->items, item);
		if ((rc = list_rulebook(c, a, p, item, err)) != BUD_OK)
			return rc;
	}
	return BUD_OK;
}

int bud_provider_list(bud_app *app, const bud_actor *actor, struct bud_page *pg,
		      json_t **out, bud_err *err)
{
	struct list_arg a = {actor, pg, NULL, NULL, ""};
	int rc;

	assert(app && pg && out);
	*out = NULL;
	if (!actor || !(actor->role & BUD_ROLE_STAFF))
		return bud_authz_forbidden(err, "list providers");
	if (bud_app_today(app, a.today, sizeof(a.today)) != BUD_OK)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal", "clock");
	if (!(a.rows = malloc((size_t)bud_page_fetch(pg) * sizeof(*a.rows))))
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "rows");
	rc = bud_app_read(app, actor, list_unit, &a, err);
	free(a.rows);
	if (rc == BUD_OK)
		*out = a.items;
	else
		json_decref(a.items);
	return rc;
}

/* ---- approvals ---------------------------------------------------------- */

struct approval_write {
	bud_app *app;
	const bud_actor *actor;
	int64_t provider_id;
	const char *service, *municipality;
	int64_t id;
	int to;
	const char *reason;
	char effective[BUD_DATE_BUF];
};

/* Append the approval's new step a to its history. */
static int append_event(bud_conn *w, struct approval_write *x,
			const struct bud_store_approval *a, bud_err *err)
{
	struct bud_store_approval_event e;

	memset(&e, 0, sizeof(e));
	e.approval_id = a->id;
	snprintf(e.state, sizeof(e.state), "%s", a->state);
	snprintf(e.reason, sizeof(e.reason), "%s", a->reason);
	snprintf(e.effective, sizeof(e.effective), "%s", a->effective);
	e.by_user = x->actor->user_id;
	e.at = bud_app_now(x->app);
	return bud_store_approval_event_insert(w, &e, err);
}

/* The existing approval a applied again, or BUD_ECONFLICT. */
static int apply_again(bud_conn *w, struct approval_write *x,
		       struct bud_store_approval *a, bud_err *err)
{
	int rc;

	if (!bud_approval_may(bud_approval_state_parse(a->state), BUD_APPROVAL_APPLIED))
		return bud_err_set(err, BUD_ECONFLICT, "service", "err.approval.exists",
				   "an application or approval is in force");
	snprintf(a->state, sizeof(a->state), "applied");
	a->reason[0] = a->effective[0] = '\0';
	a->decided_by = 0;
	a->updated_at = bud_app_now(x->app);
	if ((rc = bud_store_approval_update(w, a, err)) != BUD_OK)
		return rc;
	x->id = a->id;
	return append_event(w, x, a, err);
}

static int apply_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct approval_write *x = arg;
	struct bud_store_provider p;
	struct bud_store_approval a;
	struct bud_store_service s;
	int rc, admin = 0;

	if ((rc = provider_visible(w, x->actor, x->provider_id, &p, err)) ||
	    (rc = own_admin(w, x->actor, x->provider_id, &admin, err)))
		return rc;
	if (x->actor->role != BUD_ROLE_WORKER && !admin)
		return bud_authz_forbidden(err, "apply for this provider");
	if ((rc = service_of(w, x->service, &s, err)) != BUD_OK)
		return rc;
	rc = bud_store_approval_find(w, p.id, s.id, x->municipality, &a, err);
	if (rc == BUD_OK)
		return apply_again(w, x, &a, err);
	if (rc != BUD_ENOTFOUND)
		return rc;
	bud_err_clear(err);
	memset(&a, 0, sizeof(a));
	a.provider_id = p.id;
	a.service_id = s.id;
	snprintf(a.municipality, sizeof(a.municipality), "%s", x->municipality);
	snprintf(a.state, sizeof(a.state), "applied");
	a.created_at = bud_app_now(x->app);
	if ((rc = bud_store_approval_insert(w, &a, &a.id, err)) != BUD_OK)
		return rc;
	x->id = a.id;
	return append_event(w, x, &a, err);
}

int bud_provider_apply(bud_app *app, const bud_actor *actor, int64_t provider_id,
		       const char *service, const char *municipality,
		       int64_t *approval_id, bud_err *err)
{
	struct approval_write x;
	int rc;

	assert(app);
	if (!actor || (actor->role != BUD_ROLE_WORKER &&
		       actor->role != BUD_ROLE_PROVIDER_USER))
		return bud_authz_forbidden(err, "apply for approvals");
	if (!service || !*service)
		return bud_err_set(err, BUD_EINVAL, "service", "err.required", "service");
	if ((rc = canon_municipality(&municipality, "municipality", err)))
		return rc;
	memset(&x, 0, sizeof(x));
	x.app = app;
	x.actor = actor;
	x.provider_id = provider_id;
	x.service = service;
	x.municipality = municipality;
	rc = bud_db_write(app->db, apply_unit, &x, err);
	if (rc == BUD_OK && approval_id)
		*approval_id = x.id;
	return rc;
}

/* ---- the public application -------------------------------------------- */

struct application_write {
	bud_app *app;
	const struct bud_provider_application *in;
	const char *hash;
	bud_actor actor;	/* the new admin, as it becomes known */
	int64_t provider_id, user_id;
};

/* The provider and its admin account of the application x (x->actor
 * gets the organiser, the provider and the user). */
static int application_accounts(bud_conn *w, struct application_write *x,
				bud_err *err)
{
	struct provider_write pw = {x->app, &x->actor, &x->in->provider, 0};
	struct bud_new_user u;
	int rc;

	if ((rc = organiser_of(w, NULL, &x->actor.organiser_id, err)) ||
	    (rc = create_unit(w, &pw, err)) != BUD_OK)
		return rc;
	x->provider_id = x->actor.provider_id = pw.id;
	memset(&u, 0, sizeof(u));
	u.username = x->in->username;
	u.display_name = x->in->display_name;
	u.role = "provider_user";
	u.lang = x->in->lang;
	u.organiser_id = x->actor.organiser_id;
	u.provider_id = pw.id;
	if ((rc = bud_account_insert_hashed(x->app, w, NULL, &u, x->hash,
					    &x->user_id, err)) != BUD_OK)
		return rc;
	x->actor.user_id = x->user_id;
	x->actor.role = BUD_ROLE_PROVIDER_USER;
	return bud_store_user_set_provider_admin(w, x->user_id, 1, err);
}

static int application_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct application_write *x = arg;
	struct approval_write a;
	size_t i;
	int rc;

	if ((rc = application_accounts(w, x, err)) != BUD_OK)
		return rc;
	for (i = 0; i < x->in->nwants; i++) {
		memset(&a, 0, sizeof(a));
		a.app = x->app;
		a.actor = &x->actor;
		a.provider_id = x->provider_id;
		a.service = x->in->wants[i].service;
		a.municipality = x->in->wants[i].municipality;
		if ((rc = apply_unit(w, &a, err)) != BUD_OK)
			return rc;
	}
	return BUD_OK;
}

/* What can be checked before the unit: the provider's lists, the wants
 * (in is the caller's copy: its municipalities made canonical). */
static int application_check(struct bud_provider_application *in,
			     bud_err *err)
{
	size_t i;
	int rc;

	if (!in->provider.ytunnus || !*in->provider.ytunnus)
		return bud_err_set(err, BUD_EINVAL, "ytunnus", "err.required", "ytunnus");
	if ((rc = provider_lists_ok(&in->provider, err)) != BUD_OK)
		return rc;
	if (in->nwants == 0 || in->nwants > BUD_APPLICATION_WANTS_MAX)
		return bud_err_set(err, BUD_EINVAL, "wants", "err.provider.wants",
				   "one to %d services and municipalities",
				   BUD_APPLICATION_WANTS_MAX);
	for (i = 0; i < in->nwants; i++) {
		if (!in->wants[i].service || !*in->wants[i].service)
			return bud_err_set(err, BUD_EINVAL, "service", "err.required",
					   "service");
		if ((rc = canon_municipality(&in->wants[i].municipality,
					     "municipality", err)))
			return rc;
	}
	return BUD_OK;
}

int bud_provider_application(bud_app *app, const struct bud_provider_application *in,
			     int64_t *provider_id, int64_t *user_id, bud_err *err)
{
	struct bud_provider_application canon = *in;
	struct application_write x;
	const char *names[3];
	char hash[BUD_STORE_HASH_TEXT];
	int rc;

	assert(app && in);
	if ((rc = application_check(&canon, err)) != BUD_OK)
		return rc;
	in = &canon;
	names[0] = in->username;
	names[1] = in->display_name;
	names[2] = NULL;
	if ((rc = bud_account_hash_password(in->password, names, hash, sizeof(hash),
					    err)) != BUD_OK)
		return rc;
	memset(&x, 0, sizeof(x));
	x.app = app;
	x.in = in;
	x.hash = hash;
	rc = bud_db_write(app->db, application_unit, &x, err);
	sodium_memzero(hash, sizeof(hash));
	if (rc == BUD_OK && provider_id)
		*provider_id = x.provider_id;
	if (rc == BUD_OK && user_id)
		*user_id = x.user_id;
	return rc;
}

static int decide_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct approval_write *x = arg;
	struct bud_store_provider p;
	struct bud_store_approval a;
	int rc;

	if ((rc = bud_store_approval_get(w, x->id, &a, err)) != BUD_OK)
		return rc;
	if ((rc = provider_visible(w, x->actor, a.provider_id, &p, err)) != BUD_OK)
		return bud_err_set(err, BUD_ENOTFOUND, "approval", "err.not_found",
				   "no such approval");
	if (!bud_approval_may(bud_approval_state_parse(a.state), x->to))
		return bud_err_set(err, BUD_ECONFLICT, "state", "err.approval.transition",
				   "%s cannot become %s", a.state,
				   bud_approval_state_name(x->to));
	snprintf(a.state, sizeof(a.state), "%s", bud_approval_state_name(x->to));
	snprintf(a.reason, sizeof(a.reason), "%s", x->reason ? x->reason : "");
	snprintf(a.effective, sizeof(a.effective), "%s", x->effective);
	a.decided_by = x->actor->user_id;
	a.updated_at = bud_app_now(x->app);
	if ((rc = bud_store_approval_update(w, &a, err)) != BUD_OK)
		return rc;
	x->provider_id = a.provider_id;
	return append_event(w, x, &a, err);
}

/* The decision's reason and date by its kind (see bud_approval_decide). */
static int decide_input(struct approval_write *x, const char *to,
			const char *effective, bud_err *err)
{
	int dated, rc;

	x->to = bud_approval_state_parse(to);
	if (x->to <= BUD_APPROVAL_APPLIED)
		return bud_err_set(err, BUD_EINVAL, "state", "err.approval.state",
				   "not a decision");
	if (x->to != BUD_APPROVAL_APPROVED &&
	    (rc = text_ok(x->reason, BUD_NOTE_MAX, "reason", 1, err)))
		return rc;
	if ((rc = text_ok(x->reason, BUD_NOTE_MAX, "reason", 0, err)))
		return rc;
	dated = x->to == BUD_APPROVAL_SUSPENDED || x->to == BUD_APPROVAL_WITHDRAWN;
	if (dated && (!effective || !*effective))
		return bud_err_set(err, BUD_EINVAL, "effective", "err.required",
				   "the date is required");
	return date_or_today(x->app, effective, "effective", x->effective,
			     sizeof(x->effective), err);
}

int bud_approval_decide(bud_app *app, const bud_actor *actor, int64_t id,
			const char *to, const char *reason, const char *effective,
			int64_t *provider_id, bud_err *err)
{
	struct approval_write x;
	int rc;

	assert(app);
	if (!actor || actor->role != BUD_ROLE_WORKER)
		return bud_authz_forbidden(err, "decide approvals");
	memset(&x, 0, sizeof(x));
	x.app = app;
	x.actor = actor;
	x.id = id;
	x.reason = reason;
	if ((rc = decide_input(&x, to, effective, err)) != BUD_OK)
		return rc;
	rc = bud_db_write(app->db, decide_unit, &x, err);
	if (rc == BUD_OK && provider_id)
		*provider_id = x.provider_id;
	return rc;
}

/* ---- the public filter -------------------------------------------------- */

struct choices_arg {
	const bud_actor *actor;
	json_t *out;
};

static int choices_unit(bud_conn *c, void *arg, bud_err *err)
{
	struct choices_arg *a = arg;
	struct bud_store_service *s = malloc(BUD_SERVICES_MAX * sizeof(*s));
	char (*m)[BUD_NAME_MAX + 1] = malloc(BUD_PUBLIC_MUNICIPALITIES_MAX * sizeof(*m));
	json_t *js = json_array(), *jm = json_array();
	size_t ns = 0, nm = 0, i;
	int64_t org;
	int rc = BUD_ENOMEM;

	a->out = json_pack("{s:o, s:o}", "services", js, "municipalities", jm);
	if (!s || !m) {
		bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "choices");
		goto out;
	}
	if ((rc = organiser_of(c, a->actor, &org, err)) ||
	    (rc = bud_store_service_list(c, s, BUD_SERVICES_MAX, &ns, err)) ||
	    (rc = bud_store_approval_municipalities(c, org, m,
			BUD_PUBLIC_MUNICIPALITIES_MAX, &nm, err)))
		goto out;
	for (i = 0; i < ns; i++)
		json_array_append_new(js, json_pack("{s:s, s:s, s:s, s:s}",
			"code", s[i].code, "name_fi", s[i].name_fi,
			"name_sv", s[i].name_sv, "name_en", s[i].name_en));
	for (i = 0; i < nm; i++)
		json_array_append_new(jm, json_string(m[i]));
out:
	free(s);
	free(m);
	return rc;
}

int bud_provider_public_choices(bud_app *app, const bud_actor *actor,
				json_t **out, bud_err *err)
{
	struct choices_arg a = {actor, NULL};
	int rc;

	assert(app && out);
	rc = bud_app_read(app, actor, choices_unit, &a, err);
	*out = NULL;
	if (rc == BUD_OK)
		*out = a.out;
	else
		json_decref(a.out);
	return rc;
}

/* ---- seeding for benchmarks --------------------------------------------- */

struct seed_arg {
	bud_app *app;
	int count;
	const char *service, *municipality;
};

/* The n-th valid Y-tunnus from 9700000 on (numbers whose check digit
 * would be 1 have none and are skipped). */
static void seed_ytunnus(int n, char out[BUD_STORE_YTUNNUS])
{
	static const int w[7] = {7, 9, 10, 5, 8, 4, 2};
	int base = 9700000, k, sum, r, d;

	for (;; base++) {
		for (k = 6, d = base, sum = 0; k >= 0; k--, d /= 10)
			sum += w[k] * (d % 10);
		r = sum % 11;
		if (r == 1)
			continue;
		if (n-- == 0)
			break;
	}
	assert(base < 10000000);
	snprintf(out, BUD_STORE_YTUNNUS, "%07u-%u", (unsigned)base % 10000000u,
		 (unsigned)(r ? 11 - r : 0) % 10u);
}

static int seed_one(bud_conn *w, struct seed_arg *x, int64_t org,
		    const struct bud_store_service *s, int i, bud_err *err)
{
	struct bud_store_provider p;
	struct bud_store_provider_location l;
	struct bud_store_provider_price pp;
	struct bud_store_approval a;
	struct approval_write ev;
	const char *areas[1] = {x->municipality};
	int rc;

	memset(&p, 0, sizeof(p));
	p.organiser_id = org;
	snprintf(p.name, sizeof(p.name), "Testipalvelu %05d Oy", i + 1);
	seed_ytunnus(i, p.ytunnus);
	snprintf(p.languages, sizeof(p.languages), i % 3 ? "fi" : "fi,sv");
	snprintf(p.status, sizeof(p.status), "approved");
	p.created_at = bud_app_now(x->app);
	if ((rc = bud_store_provider_insert(w, &p, &p.id, err)) ||
	    (rc = bud_store_provider_areas_set(w, p.id, areas, 1, err)))
		return rc;
	memset(&l, 0, sizeof(l));
	snprintf(l.name, sizeof(l.name), "Toimipiste %d", i + 1);
	snprintf(l.address, sizeof(l.address), "Testikatu %d", i % 200 + 1);
	snprintf(l.municipality, sizeof(l.municipality), "%s", x->municipality);
	l.step_free = 1;
	l.parking = i % 2;
	memset(&pp, 0, sizeof(pp));
	pp.provider_id = p.id;
	pp.service_id = s->id;
	snprintf(pp.unit, sizeof(pp.unit), "hour");
	pp.unit_price = 2500 + i % 1000;
	snprintf(pp.valid_from, sizeof(pp.valid_from), "2000-01-01");
	memset(&a, 0, sizeof(a));
	a.provider_id = p.id;
	a.service_id = s->id;
	snprintf(a.municipality, sizeof(a.municipality), "%s", x->municipality);
	a.created_at = p.created_at;
	if ((rc = bud_store_provider_locations_set(w, p.id, &l, 1, err)) ||
	    (rc = bud_store_provider_price_put(w, &pp, err)) ||
	    (rc = bud_store_approval_insert(w, &a, &a.id, err)))
		return rc;
	snprintf(a.state, sizeof(a.state), "approved");
	snprintf(a.effective, sizeof(a.effective), "2000-01-01");
	a.updated_at = p.created_at;
	memset(&ev, 0, sizeof(ev));
	ev.app = x->app;
	ev.actor = &(bud_actor){0};
	if ((rc = bud_store_approval_update(w, &a, err)))
		return rc;
	return append_event(w, &ev, &a, err);
}

static int seed_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct seed_arg *x = arg;
	struct bud_store_service s;
	int64_t org;
	int i, rc;

	if ((rc = organiser_of(w, NULL, &org, err)) ||
	    (rc = service_of(w, x->service, &s, err)))
		return rc;
	for (i = 0; i < x->count; i++)
		if ((rc = seed_one(w, x, org, &s, i, err)) != BUD_OK)
			return rc;
	return BUD_OK;
}

int bud_provider_seed(bud_app *app, int count, const char *service,
		      const char *municipality, bud_err *err)
{
	struct seed_arg x = {app, count, service, municipality};
	int rc;

	if (count < 1 || count > BUD_SEED_PROVIDERS_MAX)
		return bud_err_set(err, BUD_EINVAL, "count", "err.out_of_range",
				   "count must be 1..%d", BUD_SEED_PROVIDERS_MAX);
	if ((rc = canon_municipality(&municipality, "municipality", err)))
		return rc;
	x.municipality = municipality;
	return bud_db_write(app->db, seed_unit, &x, err);
}

/* ---- what kept answers are checked against ------------------------------ */

int bud_provider_market_version(bud_app *app, int64_t *v, bud_err *err)
{
	bud_conn *c = bud_db_reader(app->db, err);

	if (!c)
		return err && err->code != BUD_OK ? err->code : BUD_EINTERNAL;
	return bud_store_data_version(c, v, err);
}
