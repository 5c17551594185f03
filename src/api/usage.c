/*
 * api/usage.c: budget against use as JSON and as downloads (api/usage.h).
 * The query (from, to, by, client_id) is read the same way for the JSON
 * and the files; the report is read once per answer.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "api/common.h"
#include "api/usage.h"
#include "app/report_file.h"
#include "app/usage.h"
#include "core/i18n.h"
#include "http/download.h"

static int query(bud_req *req, struct bud_usage_query *q, bud_err *err)
{
	const char *by = NULL;
	int rc;

	memset(q, 0, sizeof(*q));
	if ((rc = bud_req_date(req, "from", 0, &q->from, err)) ||
	    (rc = bud_req_date(req, "to", 0, &q->to, err)) ||
	    (rc = bud_req_str(req, "by", 0, 16, &by, err)) ||
	    (rc = bud_req_i64(req, "client_id", 0, 1, INT64_MAX, &q->client_id, err)))
		return rc;
	/* finance sees sums only: per service unless it asks otherwise */
	q->by = req->actor.role == BUD_ROLE_FINANCE ? BUD_USAGE_SERVICE : BUD_USAGE_LINE;
	return by && *by ? bud_usage_by_parse(by, "by", &q->by, err) : BUD_OK;
}

int bud_api_usage(bud_req *req)
{
	struct bud_usage_query q;
	struct bud_usage u;
	struct bud_page pg;
	json_t *out;
	bud_err err;

	bud_err_clear(&err);
	memset(&u, 0, sizeof(u));
	if (query(req, &q, &err) || bud_req_page(req, &pg, &err) ||
	    bud_usage_read(req->app, &req->actor, &q, req->lang, &u, &err)) {
		bud_usage_release(&u);
		return bud_resp_error(req, &err);
	}
	out = bud_usage_json(&u, &pg);
	bud_usage_release(&u);
	if (!out) {
		bud_err_set(&err, BUD_ENOMEM, NULL, "err.generic", "no memory");
		return bud_resp_error(req, &err);
	}
	return bud_resp_json(req, 200, out);
}

int bud_api_usage_export(bud_req *req)
{
	static const char *const formats[] = {"csv", "xlsx", NULL};
	struct bud_usage_query q;
	struct bud_report r;
	enum bud_report_kind kind;
	const char *format = NULL;
	char name[64];
	bud_err err;
	int rc;

	bud_err_clear(&err);
	memset(&r, 0, sizeof(r));
	if ((rc = bud_req_enum(req, "format", 1, formats, &format, &err)) == BUD_OK &&
	    (rc = bud_report_kind_parse(format, "format", &kind, &err)) == BUD_OK &&
	    (rc = query(req, &q, &err)) == BUD_OK)
		rc = bud_usage_file(req->app, &req->actor, &q, req->lang, &r, name,
				    sizeof(name), &err);
	rc = rc == BUD_OK ? bud_resp_report(req, &r, kind, name) : bud_resp_error(req, &err);
	bud_report_release(&r);
	return rc;
}

int bud_api_usage_alerts(bud_req *req)
{
	json_t *out = NULL;
	bud_err err;

	bud_err_clear(&err);
	if (bud_usage_alerts(req->app, &req->actor, req->lang, &out, &err))
		return bud_resp_error(req, &err);
	return bud_resp_json(req, 200, out);
}

static json_t *settings_json(const struct bud_usage_settings *s)
{
	return json_pack("{si si si}", "usage_from_pct", s->from_pct,
			 "usage_pace_pct", s->pace_pct, "usage_warn_days", s->warn_days);
}

int bud_api_usage_settings(bud_req *req)
{
	struct bud_usage_settings s;
	bud_err err;

	bud_err_clear(&err);
	if (bud_usage_settings_get(req->app, &req->actor, &s, &err))
		return bud_resp_error(req, &err);
	return bud_resp_json(req, 200, settings_json(&s));
}

int bud_api_usage_settings_put(bud_req *req)
{
	static const char *const writable[] = {"usage_from_pct", "usage_pace_pct",
		"usage_warn_days", NULL};
	struct bud_usage_settings s;
	int64_t f, p, d;
	bud_err err;

	bud_err_clear(&err);
	if (bud_api_fields(req, writable, NULL, &err) ||
	    bud_req_i64(req, "usage_from_pct", 1, 1, 100, &f, &err) ||
	    bud_req_i64(req, "usage_pace_pct", 1, 1, 100, &p, &err) ||
	    bud_req_i64(req, "usage_warn_days", 1, 1, 365, &d, &err))
		return bud_resp_error(req, &err);
	s.from_pct = (int)f;
	s.pace_pct = (int)p;
	s.warn_days = (int)d;
	if (bud_usage_settings_set(req->app, &req->actor, &s, &err) ||
	    bud_usage_settings_get(req->app, &req->actor, &s, &err))
		return bud_resp_error(req, &err);
	return bud_resp_json(req, 200, settings_json(&s));
}
