/*
 * api/payruns.c: the payment-run routes of the JSON API (see
 * api/payruns.h). The pain.001 file is answered as application/xml; a
 * camt.054 is sent as the raw body (application/xml, an upload route),
 * and one that does not read answers 422 with each problem listed.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "api/common.h"
#include "api/payruns.h"
#include "app/payrun.h"
#include "bud_limits.h"
#include "core/i18n.h"

static const char *const create_writable[] = {"execution_date", NULL};
static const char *const approve_writable[] = {"password", "code", NULL};

int bud_api_payruns(bud_req *req)
{
	struct bud_page pg;
	json_t *out = NULL;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_page(req, &pg, &err) ||
	    bud_payrun_list(req->app, &req->actor, &pg, &out, &err))
		return bud_resp_error(req, &err);
	bud_api_wire(out);
	return bud_api_page(req, out, &pg);
}

int bud_api_payrun_create(bud_req *req)
{
	const char *day = NULL;
	int64_t id = 0;
	bud_err err;

	bud_err_clear(&err);
	if (bud_api_fields(req, create_writable, NULL, &err) ||
	    bud_req_date(req, "execution_date", 0, &day, &err) ||
	    bud_payrun_create(req->app, &req->actor, day, &id, &err))
		return bud_resp_error(req, &err);
	return bud_api_created(req, bud_payrun_get, id,
			       bud_api_path(req, "payment-runs", id, ""));
}

int bud_api_payrun_get(bud_req *req)
{
	return bud_api_id_view(req, bud_payrun_get);
}

int bud_api_payrun_approve(bud_req *req)
{
	const char *password = NULL, *code = NULL;
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) ||
	    bud_api_fields(req, approve_writable, NULL, &err) ||
	    bud_api_reauth_body(req, &password, &code, &err) ||
	    bud_payrun_approve(req->app, &req->actor, id, password, code, &err))
		return bud_api_reauth_error(req, &err);
	return bud_api_view(req, bud_payrun_get, id, 200);
}

int bud_api_payrun_pain001(bud_req *req)
{
	int64_t id, version = 3;
	char name[96];
	bud_buf b;
	bud_err err;
	int rc;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) ||
	    bud_req_i64(req, "version", 0, 3, 9, &version, &err))
		return bud_resp_error(req, &err);
	bud_buf_init(&b, BUD_MAX_RESPONSE);
	rc = bud_payrun_file(req->app, &req->actor, id, (int)version, &b, &err);
	if (rc == BUD_OK) {
		snprintf(name, sizeof(name), "attachment; filename=\"pain001-%" PRId64
			 "-%02" PRId64 ".xml\"", id, version);
		bud_resp_header(req, "Content-Disposition", name);
		rc = bud_resp_text(req, 200, "application/xml", bud_buf_str(&b),
				   strlen(bud_buf_str(&b)));
	} else {
		rc = bud_resp_error(req, &err);
	}
	bud_buf_free(&b);
	return rc;
}

int bud_api_payrun_camt054(bud_req *req)
{
	json_t *report = NULL, *problems = NULL, *p;
	int64_t id;
	bud_err err;
	size_t i;
	int rc;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err))
		return bud_resp_error(req, &err);
	rc = bud_payrun_camt054(req->app, &req->actor, id, req->body, req->body_len,
				&report, &problems, &err);
	if (rc == BUD_OK) {
		json_decref(problems);
		return bud_api_json(req, 200, report);
	}
	if (rc != BUD_EINVAL || !problems || json_array_size(problems) == 0) {
		json_decref(problems);
		return bud_resp_error(req, &err);
	}
	json_array_foreach(problems, i, p)
		json_object_set_new(p, "message", json_string(bud_msg(req->lang,
			json_string_value(json_object_get(p, "key")))));
	return bud_resp_json(req, 422, json_pack("{s:{s:s, s:s, s:s, s:s, s:o}}",
		"error", "code", "invalid", "field", "camt054", "message",
		bud_msg(req->lang, err.key ? err.key : "err.payrun.camt"),
		"detail", err.detail, "problems", problems));
}

int bud_api_remittance(bud_req *req)
{
	struct bud_page pg;
	json_t *out = NULL;
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) || bud_req_page(req, &pg, &err) ||
	    bud_payrun_remittance(req->app, &req->actor, id, &pg, &out, &err))
		return bud_resp_error(req, &err);
	return bud_api_page(req, out, &pg);
}

int bud_api_remittance_csv(bud_req *req)
{
	char name[96];
	int64_t id;
	bud_buf b;
	bud_err err;
	int rc;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err))
		return bud_resp_error(req, &err);
	bud_buf_init(&b, BUD_MAX_RESPONSE);
	rc = bud_payrun_remittance_csv(req->app, &req->actor, id, &b, &err);
	if (rc == BUD_OK) {
		snprintf(name, sizeof(name), "attachment; filename=\"remittance-%" PRId64
			 ".csv\"", id);
		bud_resp_header(req, "Content-Disposition", name);
		rc = bud_resp_text(req, 200, "text/csv; charset=utf-8", bud_buf_str(&b),
				   strlen(bud_buf_str(&b)));
	} else {
		rc = bud_resp_error(req, &err);
	}
	bud_buf_free(&b);
	return rc;
}
