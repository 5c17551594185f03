/*
 * api/casework.c: JSON handlers for assessments, the offer and its
 * answers, and support plans (see api/casework.h). Shape checks only:
 * strings, dates, arrays of codes and the needs object are decoded here
 * with the field named on error (a member that is not a field of the
 * route too); the rules live in app/casework.c. A creation answers 201
 * with Location.
 */
#include <stdio.h>
#include <string.h>

#include "api/casework.h"
#include "api/common.h"
#include "app/casework.h"
#include "bud_limits.h"

/* The writable fields of each write route (bud_api_fields). */
static const char *const assessment_writable[] = {"assessed_on",
	"participants", "client_view", "worker_view", "notes", "needs", NULL};
static const char *const offer_writable[] = {"offered_on", "services", "note",
	NULL};
static const char *const answer_writable[] = {"answer", "services",
	"usual_note", NULL};
static const char *const support_writable[] = {"goals", "wishes", "services",
	"service_notes", "helpers", "helper_note", NULL};

/* A wrong JSON type of member name. */
static int type_error(bud_err *err, const char *name)
{
	return bud_err_set(err, BUD_EINVAL, name, "err.http.json_field_type",
			   "%s has the wrong type", name);
}

/* Member name of the JSON body, NULL when absent or null. */
static json_t *member(bud_req *req, const char *name)
{
	json_t *j = json_is_object(req->json) ? json_object_get(req->json, name) : NULL;

	return json_is_null(j) ? NULL : j;
}

/*
 * Member name as an array of strings into *out (request memory), *n of
 * them; absent gives none. At most BUD_CASE_SERVICES_MAX.
 */
static int str_array(bud_req *req, const char *name, const char ***out,
		     size_t *n, bud_err *err)
{
	json_t *arr = member(req, name), *v;
	const char **list;
	size_t i;

	*out = NULL;
	*n = 0;
	if (!arr)
		return BUD_OK;
	if (!json_is_array(arr))
		return type_error(err, name);
	if (json_array_size(arr) > BUD_CASE_SERVICES_MAX)
		return bud_err_set(err, BUD_EINVAL, name, "err.out_of_range",
				   "%s has too many items", name);
	list = bud_req_alloc(req, (json_array_size(arr) + 1) * sizeof(*list));
	json_array_foreach(arr, i, v) {
		if (!json_is_string(v))
			return type_error(err, name);
		list[i] = json_string_value(v);
	}
	*out = list;
	*n = json_array_size(arr);
	return BUD_OK;
}

/* An app error's field as the JSON names it: need_housing_client ->
 * needs.housing.client_view. */
static int api_error(bud_req *req, bud_err *err)
{
	char area[32], who[8];
	const char *f = err->field;
	size_t len = strlen(f);

	if (strncmp(f, "need_", 5) == 0 && len > 12 && len - 5 < sizeof(area)) {
		const char *us = strrchr(f, '_');

		snprintf(area, sizeof(area), "%.*s", (int)(us - f - 5), f + 5);
		snprintf(who, sizeof(who), "%s", us + 1);
		snprintf(err->field, sizeof(err->field), "needs.%s.%s", area,
			 strcmp(who, "client") == 0 ? "client_view" : "worker_view");
	}
	return bud_resp_error(req, err);
}

/* One area's object {client_view, worker_view} into *n. */
static int need_decode(const char *area, json_t *v, struct bud_need_in *n,
		       bud_err *err)
{
	static const char *const keys[] = {"client_view", "worker_view"};
	char field[64];
	int i;

	snprintf(field, sizeof(field), "needs.%s", area);
	if (!json_is_object(v))
		return type_error(err, field);
	for (i = 0; i < 2; i++) {
		json_t *s = json_object_get(v, keys[i]);

		snprintf(field, sizeof(field), "needs.%s.%s", area, keys[i]);
		if (s && !json_is_null(s) && !json_is_string(s))
			return type_error(err, field);
		if (json_is_string(s)) {
			if (i == 0)
				n->client_view = json_string_value(s);
			else
				n->worker_view = json_string_value(s);
		}
	}
	return BUD_OK;
}

static int needs_decode(bud_req *req, struct bud_assessment_in *in, bud_err *err)
{
	json_t *needs = member(req, "needs"), *v;
	const char *area;
	int i, rc;

	if (!needs)
		return BUD_OK;
	if (!json_is_object(needs))
		return type_error(err, "needs");
	json_object_foreach(needs, area, v) {
		i = bud_need_area_index(area);
		if (i < 0)
			return bud_err_set(err, BUD_EINVAL, "needs",
					   "err.casework.area_unknown",
					   "unknown area of life");
		if ((rc = need_decode(area, v, &in->needs[i], err)) != BUD_OK)
			return rc;
	}
	return BUD_OK;
}

static int assessment_decode(bud_req *req, struct bud_assessment_in *in,
			     bud_err *err)
{
	int rc;

	memset(in, 0, sizeof(*in));
	if ((rc = bud_req_date(req, "assessed_on", 1, &in->assessed_on, err)) ||
	    (rc = bud_req_str(req, "participants", 1, BUD_NOTE_MAX,
			      &in->participants, err)) ||
	    (rc = bud_req_str(req, "client_view", 0, BUD_TEXT_MAX,
			      &in->client_view, err)) ||
	    (rc = bud_req_str(req, "worker_view", 0, BUD_TEXT_MAX,
			      &in->worker_view, err)) ||
	    (rc = bud_req_str(req, "notes", 0, BUD_TEXT_MAX, &in->notes, err)))
		return rc;
	return needs_decode(req, in, err);
}

int bud_api_assessment_list(bud_req *req)
{
	return bud_api_id_view(req, bud_assessment_list);
}

int bud_api_assessment_create(bud_req *req)
{
	struct bud_assessment_in in;
	int64_t cid, id = 0;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &cid, &err) ||
	    bud_api_fields(req, assessment_writable, NULL, &err) ||
	    assessment_decode(req, &in, &err) ||
	    bud_assessment_create(req->app, &req->actor, cid, &in, &id, &err))
		return api_error(req, &err);
	return bud_api_created(req, bud_assessment_get, id,
			       bud_api_path(req, "assessments", id, ""));
}

int bud_api_assessment_get(bud_req *req)
{
	return bud_api_id_view(req, bud_assessment_get);
}

int bud_api_offer_get(bud_req *req)
{
	return bud_api_id_view(req, bud_offer_get);
}

int bud_api_offer_create(bud_req *req)
{
	struct bud_offer_in in;
	const char **services;
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	memset(&in, 0, sizeof(in));
	if (bud_req_id(req, "id", &id, &err) ||
	    bud_api_fields(req, offer_writable, NULL, &err) ||
	    bud_req_date(req, "offered_on", 1, &in.offered_on, &err) ||
	    str_array(req, "services", &services, &in.nservices, &err) ||
	    bud_req_str(req, "note", 0, BUD_NOTE_MAX, &in.note, &err))
		return bud_resp_error(req, &err);
	in.services = services;
	if (bud_offer_create(req->app, &req->actor, id, &in, NULL, &err))
		return bud_resp_error(req, &err);
	return bud_api_created(req, bud_offer_get, id,
			       bud_api_path(req, "clients", id, "/offer"));
}

int bud_api_offer_answer(bud_req *req)
{
	static const char *const answers[] = {"all", "some", "refused", NULL};
	struct bud_answer_in in;
	const char **services;
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	memset(&in, 0, sizeof(in));
	if (bud_req_id(req, "id", &id, &err) ||
	    bud_api_fields(req, answer_writable, NULL, &err) ||
	    bud_req_enum(req, "answer", 1, answers, &in.answer, &err) ||
	    str_array(req, "services", &services, &in.nservices, &err) ||
	    bud_req_str(req, "usual_note", 0, BUD_NOTE_MAX, &in.usual_note, &err))
		return bud_resp_error(req, &err);
	in.services = services;
	if (bud_offer_answer(req->app, &req->actor, id, &in, NULL, &err))
		return bud_resp_error(req, &err);
	return bud_api_view(req, bud_offer_get, id, 200);
}

/* services and service_notes into in->services (request memory). */
static int support_services_decode(bud_req *req, struct bud_support_plan_in *in,
				   bud_err *err)
{
	struct bud_support_service_in *list;
	json_t *notes = member(req, "service_notes"), *v;
	const char **codes, *code;
	size_t i, n;
	int rc;

	if ((rc = str_array(req, "services", &codes, &n, err)) != BUD_OK)
		return rc;
	if (notes && !json_is_object(notes))
		return type_error(err, "service_notes");
	list = bud_req_alloc(req, (n + 1) * sizeof(*list));
	for (i = 0; i < n; i++) {
		list[i].code = codes[i];
		v = notes ? json_object_get(notes, codes[i]) : NULL;
		if (v && !json_is_string(v) && !json_is_null(v))
			return type_error(err, "service_notes");
		list[i].note = json_is_string(v) ? json_string_value(v) : NULL;
	}
	json_object_foreach(notes, code, v) {
		for (i = 0; i < n && strcmp(codes[i], code) != 0; i++)
			;
		if (i == n)
			return bud_err_set(err, BUD_EINVAL, "service_notes",
					   "err.casework.note_without_service",
					   "a note for a service not listed");
	}
	in->services = list;
	in->nservices = n;
	return BUD_OK;
}

int bud_api_support_plan_create(bud_req *req)
{
	struct bud_support_plan_in in;
	const char **helpers;
	int64_t cid, id = 0;
	bud_err err;

	bud_err_clear(&err);
	memset(&in, 0, sizeof(in));
	if (bud_req_id(req, "id", &cid, &err) ||
	    bud_api_fields(req, support_writable, NULL, &err) ||
	    bud_req_str(req, "goals", 1, BUD_TEXT_MAX, &in.goals, &err) ||
	    bud_req_str(req, "wishes", 0, BUD_TEXT_MAX, &in.wishes, &err) ||
	    support_services_decode(req, &in, &err) ||
	    str_array(req, "helpers", &helpers, &in.nhelpers, &err) ||
	    bud_req_str(req, "helper_note", 0, BUD_NOTE_MAX, &in.helper_note, &err))
		return bud_resp_error(req, &err);
	in.helpers = helpers;
	if (bud_support_plan_create(req->app, &req->actor, cid, &in, &id, &err))
		return bud_resp_error(req, &err);
	return bud_api_created(req, bud_support_plan_get, id,
			       bud_api_path(req, "support-plans", id, ""));
}

int bud_api_support_plan_list(bud_req *req)
{
	return bud_api_id_view(req, bud_support_plan_list);
}

int bud_api_support_plan_get(bud_req *req)
{
	return bud_api_id_view(req, bud_support_plan_get);
}
