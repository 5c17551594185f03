/*
 * api/invitations.c: GET /api/invitations (a page of the organiser's
 * invitations and their mail state, with the counts per state) and POST
 * /api/invitations ({csv, lang}: one letter per good row; the bad rows
 * come back each with its line, field and message in the request's
 * language). A file that is not CSV at all is refused whole as in the
 * price import: field "csv", the place in the message.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/common.h"
#include "api/invitations.h"
#include "app/invitation.h"
#include "core/i18n.h"

static const char *const create_writable[] = {"csv", "lang", NULL};

int bud_api_invitations(bud_req *req)
{
	struct bud_page pg;
	json_t *out = NULL;
	char next[24];
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_page(req, &pg, &err) != BUD_OK ||
	    bud_invite_list(req->app, &req->actor, &pg, &out, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	snprintf(next, sizeof(next), "%lld", (long long)pg.next);
	json_object_set_new(out, "next_cursor", pg.next ? json_string(next) : json_null());
	return bud_api_json(req, 200, out);
}

/* The bad rows: [{line, field, message}]. */
static json_t *problems(const struct bud_invite_result *res, const char *lang)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; i < res->nproblems; i++)
		json_array_append_new(arr, json_pack("{s:I, s:s, s:s}",
			"line", (json_int_t)res->problems[i].line,
			"field", res->problems[i].field,
			"message", bud_msg(lang, res->problems[i].key)));
	return arr;
}

/* A refusal of the whole file, its place in the message. */
static int file_refused(bud_req *req, const bud_err *err,
			const struct bud_invite_result *res)
{
	char msg[512];

	if (res->line)
		snprintf(msg, sizeof(msg), "%s %zu: %s", bud_msg(req->lang, "price.csv.line"),
			 res->line, bud_msg(req->lang, err->key));
	else
		snprintf(msg, sizeof(msg), "%s", bud_msg(req->lang, err->key));
	return bud_resp_json(req, bud_rc_http_status(err->code),
		json_pack("{s:{s:s, s:s, s:s, s:s}}", "error",
			  "code", bud_rc_name(err->code), "field", "csv",
			  "message", msg, "detail", err->detail));
}

int bud_api_invitations_create(bud_req *req)
{
	struct bud_invite_result *res;
	const char *csv = NULL, *lang = NULL;
	bud_err err;
	int rc;

	bud_err_clear(&err);
	if (bud_api_fields(req, create_writable, NULL, &err) != BUD_OK ||
	    bud_req_str(req, "csv", 1, 0, &csv, &err) != BUD_OK ||
	    bud_req_enum(req, "lang", 1, bud_invite_langs, &lang, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	if (!(res = calloc(1, sizeof(*res)))) {
		bud_err_set(&err, BUD_ENOMEM, NULL, "err.generic", "out of memory");
		return bud_resp_error(req, &err);
	}
	rc = bud_invite_csv(req->app, &req->actor, csv, strlen(csv), lang, res, &err);
	if (rc == BUD_OK)
		rc = bud_resp_json(req, 200, json_pack("{s:I, s:I, s:I, s:o}",
			"queued", (json_int_t)res->queued, "already", (json_int_t)res->already,
			"bad", (json_int_t)res->bad, "problems", problems(res, req->lang)));
	else if (strcmp(err.field, "csv") == 0)
		rc = file_refused(req, &err, res);
	else
		rc = bud_resp_error(req, &err);
	free(res);
	return rc;
}
