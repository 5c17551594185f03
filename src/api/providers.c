/*
 * api/providers.c: GET /api/public/providers (no sign-in), the register
 * (GET/POST /api/providers, GET/PATCH /api/providers/{id}), applications
 * (POST /api/providers/{id}/approvals) and decisions (POST
 * /api/approvals/{id}/decision) and the public application (POST
 * /api/applications, no sign-in). Decodes the input into app/provider.h
 * calls and answers with their views. The arrays of a provider
 * (languages, areas, locations, prices) are read from the JSON body here;
 * every other member through the typed getters of http/http.h.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/common.h"
#include "api/providers.h"
#include "app/provider.h"
#include "bud_limits.h"
#include "core/date.h"

static const char *const provider_writable[] = {"kind", "name", "ytunnus", "ovt",
	"iban", "bic", "email", "phone", "address", "website", "languages",
	"register_name", "register_no", "register_date", "areas", "locations",
	"prices", NULL};
static const char *const apply_writable[] = {"service", "municipality", NULL};
static const char *const application_writable[] = {"kind", "name", "ytunnus",
	"ovt", "iban", "bic", "email", "phone", "address", "website", "languages",
	"register_name", "register_no", "register_date", "areas", "wants",
	"username", "display_name", "password", "lang", NULL};
static const char *const decide_writable[] = {"state", "reason", "effective", NULL};

/*
 * The public list is read far more often than it changes, by anyone, so
 * each server thread keeps its last BUD_PUBLIC_KEPT answers (the bytes
 * sent) with the question (service, municipality, day, page) and the
 * database version of the thread's read connection
 * (bud_provider_market_version). A kept answer is sent again only while
 * that version is unchanged: any commit since, by this process or another,
 * makes the list be read again. The version is taken before the list is
 * read, so an answer is never kept under a newer version than its data.
 * Thread-local: no thread sees another's, no lock.
 */
struct kept_answer {
	const void *db;
	int64_t version;
	char key[2 * BUD_NAME_MAX + 64];
	char *body;
	size_t len;
};
static _Thread_local struct kept_answer kept[BUD_PUBLIC_KEPT];
static _Thread_local unsigned kept_next;

/* A thread that ends frees what it kept (a key whose destructor runs in
 * the ending thread, where its kept answers are still its own). */
static pthread_key_t kept_key;
static pthread_once_t kept_once = PTHREAD_ONCE_INIT;
static int kept_key_ok;

static void kept_free(void *unused)
{
	size_t i;

	(void)unused;
	for (i = 0; i < BUD_PUBLIC_KEPT; i++) {
		free(kept[i].body);
		kept[i].body = NULL;
	}
}

static void kept_key_init(void)
{
	kept_key_ok = pthread_key_create(&kept_key, kept_free) == 0;
}

static struct kept_answer *kept_find(const void *db, int64_t version, const char *key)
{
	size_t i;

	for (i = 0; i < BUD_PUBLIC_KEPT; i++)
		if (kept[i].body && kept[i].db == db && kept[i].version == version &&
		    strcmp(kept[i].key, key) == 0)
			return &kept[i];
	return NULL;
}

/* Keep the answer in req->out (a 200 of JSON) under key and version. */
static void kept_put(bud_req *req, int64_t version, const char *key)
{
	struct kept_answer *k = &kept[kept_next++ % BUD_PUBLIC_KEPT];
	char *copy;

	pthread_once(&kept_once, kept_key_init);
	if (!kept_key_ok || pthread_setspecific(kept_key, kept) != 0)
		return;		/* without the destructor, keep nothing */
	if (req->status != 200 || req->out.len > BUD_PUBLIC_KEPT_MAX ||
	    strlen(key) >= sizeof(k->key) || !(copy = malloc(req->out.len + 1)))
		return;
	memcpy(copy, req->out.data, req->out.len);
	free(k->body);
	k->body = copy;
	k->len = req->out.len;
	k->db = req->app->db;
	k->version = version;
	snprintf(k->key, sizeof(k->key), "%s", key);
}

int bud_api_public_providers(bud_req *req)
{
	const char *service = NULL, *municipality = NULL, *date = NULL;
	struct kept_answer *k;
	struct bud_page pg;
	json_t *out = NULL;
	char day[BUD_DATE_BUF], key[2 * BUD_NAME_MAX + 64];
	int64_t version = 0;
	int keep;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_str(req, "service", 1, BUD_CODE_MAX, &service, &err) ||
	    bud_req_str(req, "municipality", 1, BUD_NAME_MAX, &municipality, &err) ||
	    bud_req_date(req, "date", 0, &date, &err) ||
	    bud_req_page(req, &pg, &err))
		return bud_resp_error(req, &err);
	keep = !req->actor.user_id && (date || bud_app_today(req->app, day, sizeof(day)) == BUD_OK) &&
	       bud_provider_market_version(req->app, &version, &err) == BUD_OK;
	if (keep) {
		snprintf(key, sizeof(key), "%s\x1f%s\x1f%s\x1f%d\x1f%lld", service, municipality,
			 date ? date : day, pg.limit, (long long)pg.at);
		if ((k = kept_find(req->app->db, version, key)))
			return bud_resp_text(req, 200, "application/json", k->body, k->len);
	}
	if (bud_provider_list_approved(req->app, req->actor.user_id ? &req->actor : NULL,
				       service, municipality, date, &pg, &out, &err))
		return bud_resp_error(req, &err);
	bud_api_page(req, out, &pg);
	if (keep)
		kept_put(req, version, key);
	return BUD_OK;
}

int bud_api_providers(bud_req *req)
{
	struct bud_page pg;
	json_t *out = NULL;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_page(req, &pg, &err) ||
	    bud_provider_list(req->app, &req->actor, &pg, &out, &err))
		return bud_resp_error(req, &err);
	return bud_api_page(req, out, &pg);
}

static int type_error(const char *field, bud_err *err)
{
	return bud_err_set(err, BUD_EINVAL, field, "err.http.json_field_type",
			   "%s has the wrong type", field);
}

/* Member name of the body as an array of at most max strings. */
static int str_array(json_t *body, const char *name, const char **out,
		     size_t max, size_t *n, int *set, bud_err *err)
{
	json_t *a = json_object_get(body, name), *v;
	size_t i;

	*set = a != NULL;
	*n = 0;
	if (!a)
		return BUD_OK;
	if (!json_is_array(a))
		return type_error(name, err);
	if (json_array_size(a) > max)
		return bud_err_set(err, BUD_EINVAL, name, "err.too_long", "too many");
	json_array_foreach(a, i, v) {
		if (!json_is_string(v))
			return type_error(name, err);
		out[(*n)++] = json_string_value(v);
	}
	return BUD_OK;
}

static const char *member_str(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static int location_in(json_t *o, struct bud_provider_location_in *l, bud_err *err)
{
	static const char *const flags[] = {"step_free", "hearing_loop", "parking",
					    "accessible_wc"};
	int *dst[] = {&l->step_free, &l->hearing_loop, &l->parking, &l->accessible_wc};
	size_t k;

	if (!json_is_object(o))
		return type_error("locations", err);
	l->name = member_str(o, "name");
	l->address = member_str(o, "address");
	l->municipality = member_str(o, "municipality");
	l->notes = member_str(o, "notes");
	for (k = 0; k < 4; k++) {
		json_t *b = json_object_get(o, flags[k]);

		if (b && !json_is_boolean(b))
			return type_error("locations", err);
		*dst[k] = json_is_true(b);
	}
	return BUD_OK;
}

static int price_in(json_t *o, struct bud_provider_price_in *p, bud_err *err)
{
	json_t *c = json_object_get(o, "unit_price");

	if (!json_is_object(o) || !json_is_integer(c))
		return type_error("prices", err);
	p->service = member_str(o, "service");
	p->unit = member_str(o, "unit");
	p->unit_price = json_integer_value(c);
	p->valid_from = member_str(o, "valid_from");
	if (!p->service || !p->unit || !p->valid_from)
		return bud_err_set(err, BUD_EINVAL, "prices", "err.required", "price");
	return BUD_OK;
}

/* The arrays of a provider body into in. */
static int provider_arrays(json_t *body, struct bud_provider_in *in, bud_err *err)
{
	json_t *a, *v;
	size_t i;
	int rc;

	if ((rc = str_array(body, "languages", in->languages, 8, &in->nlanguages,
			    &in->set_languages, err)) ||
	    (rc = str_array(body, "areas", in->areas, BUD_PROVIDER_AREAS_MAX,
			    &in->nareas, &in->set_areas, err)))
		return rc;
	if ((a = json_object_get(body, "locations"))) {
		if (!json_is_array(a) || json_array_size(a) > BUD_PROVIDER_LOCATIONS_MAX)
			return type_error("locations", err);
		in->set_locations = 1;
		json_array_foreach(a, i, v)
			if ((rc = location_in(v, &in->locations[in->nlocations++], err)))
				return rc;
	}
	if ((a = json_object_get(body, "prices"))) {
		if (!json_is_array(a) || json_array_size(a) > BUD_PROVIDER_PRICES_MAX)
			return type_error("prices", err);
		json_array_foreach(a, i, v)
			if ((rc = price_in(v, &in->prices[in->nprices++], err)))
				return rc;
	}
	return BUD_OK;
}

/* Every member of a provider body into in; required: a new one. */
static int provider_in(bud_req *req, int required, struct bud_provider_in *in,
		       bud_err *err)
{
	static const char *const text[] = {"email", "phone", "address", "website",
					   "register_no", "ovt", "iban", "bic"};
	const char **dst[] = {&in->email, &in->phone, &in->address, &in->website,
			      &in->register_no, &in->ovt, &in->iban, &in->bic};
	size_t k;
	int rc;

	if ((rc = bud_req_enum(req, "kind", 0, bud_provider_kinds, &in->kind, err)) ||
	    (rc = bud_req_str(req, "name", required, BUD_NAME_MAX, &in->name, err)) ||
	    (rc = bud_req_str(req, "ytunnus", required, BUD_MAX_ID_LEN, &in->ytunnus, err)) ||
	    (rc = bud_req_str(req, "register_name", 0, 16, &in->register_name, err)) ||
	    (rc = bud_req_date(req, "register_date", 0, &in->register_date, err)))
		return rc;
	for (k = 0; k < sizeof(text) / sizeof(text[0]); k++) {
		json_t *v = json_object_get(req->json, text[k]);

		if (v && !json_is_string(v))
			return type_error(text[k], err);
		*dst[k] = json_string_value(v);
	}
	return provider_arrays(req->json, in, err);
}

int bud_api_provider_create(bud_req *req)
{
	struct bud_provider_in *in = bud_req_alloc(req, sizeof(*in));
	int64_t id = 0;
	bud_err err;

	memset(in, 0, sizeof(*in));
	bud_err_clear(&err);
	if (bud_api_fields(req, provider_writable, NULL, &err) ||
	    provider_in(req, 1, in, &err) ||
	    bud_provider_create(req->app, &req->actor, in, &id, &err))
		return bud_resp_error(req, &err);
	return bud_api_created(req, bud_provider_get, id,
			       bud_api_path(req, "providers", id, ""));
}

int bud_api_provider_get(bud_req *req)
{
	return bud_api_id_view(req, bud_provider_get);
}

int bud_api_provider_update(bud_req *req)
{
	struct bud_provider_in *in = bud_req_alloc(req, sizeof(*in));
	const char *based_on = NULL;
	json_t *cur = NULL;
	int64_t id;
	bud_err err;

	memset(in, 0, sizeof(*in));
	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) ||
	    bud_api_patch_begin(req, bud_provider_get, id, provider_writable, &cur,
				&based_on, &err))
		return bud_api_error(req, &err);
	json_decref(cur);
	if (provider_in(req, 0, in, &err) ||
	    bud_provider_update(req->app, &req->actor, id, in, &err))
		return bud_api_error(req, &err);
	return bud_api_view(req, bud_provider_get, id, 200);
}

int bud_api_provider_apply(bud_req *req)
{
	const char *service = NULL, *municipality = NULL;
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) ||
	    bud_api_fields(req, apply_writable, NULL, &err) ||
	    bud_req_str(req, "service", 1, BUD_CODE_MAX, &service, &err) ||
	    bud_req_str(req, "municipality", 1, BUD_NAME_MAX, &municipality, &err) ||
	    bud_provider_apply(req->app, &req->actor, id, service, municipality,
			       NULL, &err))
		return bud_resp_error(req, &err);
	return bud_api_created(req, bud_provider_get, id,
			       bud_api_path(req, "providers", id, ""));
}

int bud_api_approval_decide(bud_req *req)
{
	static const char *const states[] = {"approved", "rejected", "suspended",
					     "withdrawn", NULL};
	const char *state = NULL, *reason = NULL, *effective = NULL;
	int64_t id, provider_id = 0;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) ||
	    bud_api_fields(req, decide_writable, NULL, &err) ||
	    bud_req_enum(req, "state", 1, states, &state, &err) ||
	    bud_req_str(req, "reason", 0, BUD_NOTE_MAX, &reason, &err) ||
	    bud_req_date(req, "effective", 0, &effective, &err) ||
	    bud_approval_decide(req->app, &req->actor, id, state, reason, effective,
				&provider_id, &err))
		return bud_resp_error(req, &err);
	return bud_api_view(req, bud_provider_get, provider_id, 200);
}

/* The wants of an application body: [{service, municipality}, ...]. */
static int wants_in(json_t *body, struct bud_provider_application *in, bud_err *err)
{
	json_t *a = json_object_get(body, "wants"), *v;
	size_t i;

	if (!a)
		return BUD_OK;
	if (!json_is_array(a))
		return type_error("wants", err);
	if (json_array_size(a) > BUD_APPLICATION_WANTS_MAX)
		return bud_err_set(err, BUD_EINVAL, "wants", "err.provider.wants",
				   "too many");
	json_array_foreach(a, i, v) {
		if (!json_is_object(v))
			return type_error("wants", err);
		in->wants[i].service = member_str(v, "service");
		in->wants[i].municipality = member_str(v, "municipality");
	}
	in->nwants = json_array_size(a);
	return BUD_OK;
}

int bud_api_application_create(bud_req *req)
{
	static const char *const langs[] = {"fi", "sv", "en", NULL};
	struct bud_provider_application *in = bud_req_alloc(req, sizeof(*in));
	int64_t provider_id = 0, user_id = 0;
	bud_err err;

	memset(in, 0, sizeof(*in));
	bud_err_clear(&err);
	if (bud_api_fields(req, application_writable, NULL, &err) ||
	    provider_in(req, 1, &in->provider, &err) ||
	    wants_in(req->json, in, &err) ||
	    bud_req_str(req, "username", 1, BUD_USERNAME_MAX, &in->username, &err) ||
	    bud_req_str(req, "display_name", 1, BUD_DISPLAY_NAME_MAX * 4,
			&in->display_name, &err) ||
	    bud_req_str(req, "password", 1, BUD_PASSWORD_MAX * 4, &in->password, &err) ||
	    bud_req_enum(req, "lang", 0, langs, &in->lang, &err) ||
	    bud_provider_application(req->app, in, &provider_id, &user_id, &err))
		return bud_resp_error(req, &err);
	bud_resp_header(req, "Location", bud_api_path(req, "providers", provider_id, ""));
	return bud_api_json(req, 201, json_pack("{sI sI ss ss}", "provider_id",
						(json_int_t)provider_id, "user_id",
						(json_int_t)user_id, "username", in->username,
						"state", "applied"));
}
