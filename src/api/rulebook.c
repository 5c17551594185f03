/*
 * api/rulebook.c: GET/POST /api/rulebook, GET /api/rulebook/{id} and
 * POST /api/providers/{id}/rulebook (the provider's admin accepts a
 * version). Decodes the body into app/rulebook.h calls; the parts array
 * is read from the JSON body here, every other member through the typed
 * getters of http/http.h.
 */
#include <stdint.h>
#include <string.h>

#include "api/common.h"
#include "api/rulebook.h"
#include "app/provider.h"
#include "app/rulebook.h"
#include "bud_limits.h"

static const char *const add_writable[] = {"effective_on", "general_fi",
	"general_sv", "parts", NULL};
static const char *const accept_writable[] = {"rulebook_id", NULL};

static int parts_error(bud_err *err)
{
	return bud_err_set(err, BUD_EINVAL, "parts", "err.invalid",
			   "parts is a list of {service, fi, sv}");
}

/* The parts array of the body into in. */
static int parts_in(json_t *body, struct bud_rulebook_in *in, bud_err *err)
{
	json_t *a = json_object_get(body, "parts"), *v;
	size_t i;

	if (!a)
		return BUD_OK;
	if (!json_is_array(a))
		return parts_error(err);
	if (json_array_size(a) > BUD_RULEBOOK_PARTS_MAX)
		return bud_err_set(err, BUD_EINVAL, "parts", "err.too_long", "too many");
	json_array_foreach(a, i, v) {
		struct bud_rulebook_part_in *p = &in->parts[in->nparts++];

		if (!json_is_object(v))
			return parts_error(err);
		p->service = json_string_value(json_object_get(v, "service"));
		p->text_fi = json_string_value(json_object_get(v, "fi"));
		p->text_sv = json_string_value(json_object_get(v, "sv"));
		if (!p->service)
			return parts_error(err);
	}
	return BUD_OK;
}

int bud_api_rulebook_list(bud_req *req)
{
	json_t *list = NULL;
	bud_err err;

	bud_err_clear(&err);
	if (bud_rulebook_list(req->app, &req->actor, &list, &err))
		return bud_api_error(req, &err);
	return bud_api_items(req, list);
}

int bud_api_rulebook_add(bud_req *req)
{
	struct bud_rulebook_in *in = bud_req_alloc(req, sizeof(*in));
	int64_t id = 0;
	bud_err err;

	memset(in, 0, sizeof(*in));
	bud_err_clear(&err);
	if (bud_api_fields(req, add_writable, NULL, &err) ||
	    bud_req_date(req, "effective_on", 1, &in->effective_on, &err) ||
	    bud_req_str(req, "general_fi", 1, BUD_RULEBOOK_TEXT_MAX, &in->general_fi, &err) ||
	    bud_req_str(req, "general_sv", 1, BUD_RULEBOOK_TEXT_MAX, &in->general_sv, &err) ||
	    parts_in(req->json, in, &err) ||
	    bud_rulebook_add(req->app, &req->actor, in, &id, &err))
		return bud_api_error(req, &err);
	return bud_api_created(req, bud_rulebook_get, id,
			       bud_api_path(req, "rulebook", id, ""));
}

int bud_api_rulebook_get(bud_req *req)
{
	return bud_api_id_view(req, bud_rulebook_get);
}

int bud_api_rulebook_accept(bud_req *req)
{
	int64_t id, version = 0;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) ||
	    bud_api_fields(req, accept_writable, NULL, &err) ||
	    bud_req_i64(req, "rulebook_id", 1, 1, INT64_MAX, &version, &err) ||
	    bud_rulebook_accept(req->app, &req->actor, id, version, &err))
		return bud_api_error(req, &err);
	return bud_api_created(req, bud_provider_get, id,
			       bud_api_path(req, "providers", id, ""));
}
