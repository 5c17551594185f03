/*
 * api/prices.c: GET /api/services, GET/POST /api/prices,
 * POST /api/prices/import and GET /api/prices/export. Decodes the input
 * into app/price.h calls and answers with their views.
 *
 * An import refusal keeps the documented error shape {"error": {code,
 * field, message, detail}}: field is "csv", message is the reason in the
 * request's language after the place ("Rivi 3, sarake unit_price: ...",
 * bud_price_import_message) and detail the same in English for logs and
 * scripts ("line 3, column 3 (unit_price): ...").
 */
#include <stdio.h>
#include <string.h>

#include "api/common.h"
#include "api/prices.h"
#include "app/price.h"
#include "bud_limits.h"
#include "core/date.h"

/* The writable fields of each write route (bud_api_fields). */
static const char *const price_writable[] = {"service", "unit", "unit_price",
	"instrument", "valid_from", "valid_to", NULL};
static const char *const import_writable[] = {"csv", NULL};

int bud_api_services(bud_req *req)
{
	json_t *out = NULL;
	bud_err err;

	bud_err_clear(&err);
	if (bud_price_services(req->app, &req->actor, &out, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	return bud_api_whole_list(req, out);
}

int bud_api_prices(bud_req *req)
{
	const char *date = NULL;
	json_t *out = NULL;
	int all = 0;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_date(req, "date", 0, &date, &err) != BUD_OK ||
	    bud_req_bool(req, "all", &all, &err) != BUD_OK ||
	    bud_price_list(req->app, &req->actor, date, all, &out, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	return bud_api_whole_list(req, out);
}

int bud_api_price_create(bud_req *req)
{
	struct bud_price_in in;
	json_t *out = NULL;
	char where[48];
	bud_err err;

	memset(&in, 0, sizeof(in));
	bud_err_clear(&err);
	if (bud_api_fields(req, price_writable, NULL, &err) ||
	    bud_req_str(req, "service", 1, BUD_CODE_MAX, &in.service, &err) ||
	    bud_req_enum(req, "unit", 1, bud_price_units, &in.unit, &err) ||
	    bud_req_money(req, "unit_price", 1, &in.unit_price, &err) ||
	    bud_req_enum(req, "instrument", 1, bud_price_instruments, &in.instrument,
			 &err) ||
	    bud_req_date(req, "valid_from", 1, &in.valid_from, &err) ||
	    bud_req_date(req, "valid_to", 0, &in.valid_to, &err) ||
	    bud_price_add(req->app, &req->actor, &in, &out, &err))
		return bud_resp_error(req, &err);
	snprintf(where, sizeof(where), "/api/prices?date=%s", in.valid_from);
	bud_resp_header(req, "Location", where);
	return bud_api_json(req, 201, out);
}

int bud_api_price_import(bud_req *req)
{
	struct bud_price_import_result res;
	const char *csv = NULL;
	char msg[512];
	bud_err err;

	bud_err_clear(&err);
	if (bud_api_fields(req, import_writable, NULL, &err) != BUD_OK ||
	    bud_req_str(req, "csv", 1, 0, &csv, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	if (bud_price_import_csv(req->app, &req->actor, csv, strlen(csv), &res,
				 &err) == BUD_OK)
		return bud_resp_json(req, 200, json_pack("{s:I, s:I}",
					"added", (json_int_t)res.added,
					"skipped", (json_int_t)res.skipped));
	if (strcmp(err.field, "csv") != 0)
		return bud_resp_error(req, &err);
	bud_price_import_message(&err, &res, req->lang, msg, sizeof(msg));
	return bud_resp_json(req, bud_rc_http_status(err.code),
		json_pack("{s:{s:s, s:s, s:s, s:s}}", "error",
			  "code", bud_rc_name(err.code), "field", "csv",
			  "message", msg, "detail", err.detail));
}

int bud_api_price_export(bud_req *req)
{
	const char *date = NULL;
	char day[BUD_DATE_BUF], name[96];
	bud_buf b;
	bud_err err;
	int rc;

	bud_err_clear(&err);
	if (bud_req_date(req, "date", 0, &date, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	if (!date && bud_app_today(req->app, day, sizeof(day)) == BUD_OK)
		date = day;
	bud_buf_init(&b, BUD_MAX_RESPONSE);
	rc = bud_price_export_csv(req->app, &req->actor, date, &b, &err);
	if (rc == BUD_OK) {
		snprintf(name, sizeof(name), "attachment; filename=\"prices-%s.csv\"",
			 date ? date : "today");
		bud_resp_header(req, "Content-Disposition", name);
		rc = bud_resp_text(req, 200, "text/csv; charset=utf-8",
				   bud_buf_str(&b), b.len);
	} else {
		bud_resp_error(req, &err);
	}
	bud_buf_free(&b);
	return rc;
}
