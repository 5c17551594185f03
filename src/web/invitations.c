/*
 * web/invitations.c: the invitations page (see web/invitations.h),
 * rendered from templates/invitations.html. A send with no bad rows goes
 * back to /invitations with what happened in the query (queued=N&
 * already=M); a send with bad rows shows the page at once with each bad
 * row's line and reason and the text kept in the text area, so the rows
 * can be fixed and sent again (the good ones were queued, and a re-send
 * does not queue them twice). The list pages by id, newest first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/invitation.h"
#include "bud_limits.h"
#include "core/i18n.h"
#include "web/form.h"
#include "web/invitations.h"
#include "web/view.h"
#include "web/web.h"

static const struct bud_form_field send_fields[] = {
	{"csv", "csv", "invite.field.csv", NULL},
	{"lang", "lang-group", "invite.field.lang", "lang-fi"},
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_def send_form = {"invite-form", send_fields};

struct page_state {
	const char *csv, *lang;
	struct bud_form form;
	json_t *notice;		/* {queued, already, bad, problems?} or NULL, owned */
};

/* The rows of the table from the app's items. */
static json_t *table_rows(bud_req *req, json_t *items)
{
	json_t *rows = json_array(), *it;
	size_t i;

	json_array_foreach(items, i, it) {
		json_int_t sent = bud_view_int(it, "sent_at");
		/* The outbox says fi+sv for a letter in both languages. */
		const char *lang = strcmp(bud_view_str(it, "lang"), "fi+sv") == 0 ? "both" :
				   bud_view_str(it, "lang");

		json_array_append_new(rows, json_pack("{s:s, s:s, s:s, s:s, s:s, s:I, s:o}",
			"name", bud_view_str(it, "name"), "email", bud_view_str(it, "email"),
			"lang", bud_view_word(req->lang, "invite.lang.", lang, ""),
			"state", bud_view_str(it, "state"),
			"state_text", bud_view_word(req->lang, "invite.state.",
						    bud_view_str(it, "state"), ""),
			"attempts", bud_view_int(it, "attempts"),
			"sent", sent ? bud_view_unix_date(sent, req->lang) : json_string("")));
	}
	return rows;
}

/* The language radios with the chosen one checked (fi by default). */
static json_t *lang_options(bud_req *req, const char *chosen)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; bud_invite_langs[i]; i++)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:b}",
			"value", bud_invite_langs[i],
			"label", bud_view_word(req->lang, "invite.lang.", bud_invite_langs[i], ""),
			"checked", strcmp(chosen ? chosen : "fi", bud_invite_langs[i]) == 0));
	return arr;
}

static int render(bud_req *req, int status, struct page_state *ps, struct bud_page *pg)
{
	json_t *list = NULL, *m, *items;
	bud_err err;

	bud_err_clear(&err);
	if (bud_invite_list(req->app, &req->actor, pg, &list, &err) != BUD_OK) {
		bud_form_release(&ps->form);
		json_decref(ps->notice);
		return bud_resp_error(req, &err);
	}
	items = json_object_get(list, "items");
	m = json_pack("{s:o, s:b, s:O, s:o, s:s}", "rows", table_rows(req, items),
		      "none", json_array_size(items) == 0, "counts",
		      json_object_get(list, "counts"), "letter_langs", lang_options(req, ps->lang),
		      "csv", ps->csv ? ps->csv : "");
	bud_web_pager(m, "/invitations", NULL, pg, 0, json_array_size(items));
	json_decref(list);
	bud_form_model(&ps->form, m);
	if (ps->notice)
		json_object_set_new(m, "notice", ps->notice);
	return bud_web_page(req, status, "invitations", "invite.title", m);
}

int bud_web_invitations(bud_req *req)
{
	struct page_state ps;
	struct bud_page pg;
	int64_t queued = -1, already = -1;
	bud_err err;

	memset(&ps, 0, sizeof(ps));
	bud_form_init(&ps.form, &send_form, req->lang);
	bud_err_clear(&err);
	if (bud_req_page(req, &pg, &err) != BUD_OK) {
		bud_form_release(&ps.form);
		return bud_resp_error(req, &err);
	}
	bud_req_i64(req, "queued", 0, 0, BUD_CSV_MAX_ROWS, &queued, &err);
	bud_req_i64(req, "already", 0, 0, BUD_CSV_MAX_ROWS, &already, &err);
	if (queued >= 0 && already >= 0)
		ps.notice = json_pack("{s:I, s:I, s:I}", "queued", (json_int_t)queued,
				      "already", (json_int_t)already, "bad", (json_int_t)0);
	return render(req, 200, &ps, &pg);
}

/* The notice of a send with bad rows: counts and each row's reason. */
static json_t *result_notice(bud_req *req, const struct bud_invite_result *res)
{
	json_t *probs = json_array();
	size_t i;

	for (i = 0; i < res->nproblems; i++)
		json_array_append_new(probs, json_pack("{s:I, s:s, s:s}",
			"line", (json_int_t)res->problems[i].line,
			"field", bud_msg(req->lang, strcmp(res->problems[i].field, "name") == 0 ?
					 "invite.col.name" : "invite.col.email"),
			"message", bud_msg(req->lang, res->problems[i].key)));
	return json_pack("{s:I, s:I, s:I, s:o, s:b, s:b}", "queued", (json_int_t)res->queued,
			 "already", (json_int_t)res->already, "bad", (json_int_t)res->bad,
			 "problems", probs, "has_problems", res->nproblems > 0,
			 "more", res->bad > res->nproblems);
}

/* A refusal of the whole text, with its line, next to the text area. */
static void file_refused(bud_req *req, struct page_state *ps, const bud_err *err,
			 const struct bud_invite_result *res)
{
	char msg[512];

	if (res->line)
		snprintf(msg, sizeof(msg), "%s %zu: %s", bud_msg(req->lang, "price.csv.line"),
			 res->line, bud_msg(req->lang, err->key));
	else
		snprintf(msg, sizeof(msg), "%s", bud_msg(req->lang, err->key));
	bud_form_add_text(&ps->form, "csv", msg);
}

int bud_web_invitations_create(bud_req *req)
{
	struct bud_invite_result *res = calloc(1, sizeof(*res));
	struct page_state ps;
	struct bud_page pg;
	char where[80];
	bud_err err;
	int status = 422;

	memset(&ps, 0, sizeof(ps));
	bud_form_init(&ps.form, &send_form, req->lang);
	bud_page_first(&pg);
	bud_err_clear(&err);
	bud_form_check(&ps.form, bud_req_str(req, "csv", 1, 0, &ps.csv, &err), &err);
	bud_form_check(&ps.form, bud_req_enum(req, "lang", 1, bud_invite_langs, &ps.lang, &err), &err);
	if (!res || (!bud_form_count(&ps.form) &&
		     bud_invite_csv(req->app, &req->actor, ps.csv, strlen(ps.csv), ps.lang,
				    res, &err) != BUD_OK && strcmp(err.field, "csv") != 0)) {
		if (!res)
			bud_err_set(&err, BUD_ENOMEM, NULL, "err.generic", "out of memory");
		bud_form_release(&ps.form);
		free(res);
		return bud_resp_error(req, &err);
	}
	if (!bud_form_count(&ps.form) && err.code == BUD_OK && res->bad == 0) {
		bud_form_release(&ps.form);
		snprintf(where, sizeof(where), "/invitations?queued=%zu&already=%zu",
			 res->queued, res->already);
		free(res);
		return bud_resp_redirect(req, where);
	}
	if (!bud_form_count(&ps.form) && err.code == BUD_OK) {
		ps.notice = result_notice(req, res);
		status = 200;
	} else if (!bud_form_count(&ps.form)) {
		file_refused(req, &ps, &err, res);
		status = bud_view_form_status(err.code);
	}
	free(res);
	return render(req, status, &ps, &pg);
}
