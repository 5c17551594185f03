/*
 * web/guide.c: the task list of a client's home, the stages of a worker's
 * clients, and the easy-to-read mode of the client's pages (web/guide.h).
 * The rules are app/guide.h's; this file gives them texts in the page
 * language and links.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "app/guide.h"
#include "core/i18n.h"
#include "bud_limits.h"
#include "web/guide.h"
#include "web/view.h"

json_t *bud_web_guide_tasks(bud_req *req, int64_t client_id)
{
	json_t *v = NULL, *items = json_array(), *t;
	char id[48];
	bud_err err;
	size_t i;

	bud_err_clear(&err);
	if (bud_guide_client_tasks(req->app, &req->actor, client_id, &v, &err) != BUD_OK)
		return json_pack("{s:b, s:b, s:o}", "any", 0, "unavailable", 1, "items", items);
	json_array_foreach(json_object_get(v, "tasks"), i, t) {
		const char *kind = bud_view_str(t, "kind");
		json_int_t n = bud_view_int(t, "count");

		snprintf(id, sizeof id, "task-%s", kind);
		json_array_append_new(items, json_pack("{s:s, s:s, s:s, s:I, s:b}",
			"id", id, "text", bud_view_word(req->lang, "guide.task.", kind, ""),
			"href", bud_view_str(t, "href"), "count", n, "many", n > 1));
	}
	json_decref(v);
	return json_pack("{s:b, s:o}", "any", json_array_size(items) > 0, "items", items);
}

/* One wait of a worker, in words, with its date or count. */
static json_t *wait_item(bud_req *req, json_t *w, int64_t client_id)
{
	const char *kind = bud_view_str(w, "kind");
	char text[256], id[64];
	const char *word = bud_view_word(req->lang, "guide.wait.", kind, "");

	if (json_object_get(w, "review_date")) {
		json_t *d = bud_view_date(bud_view_str(w, "review_date"), req->lang);

		snprintf(text, sizeof text, "%s %s", word, json_string_value(d));
		json_decref(d);
	} else if (json_object_get(w, "count")) {
		snprintf(text, sizeof text, "%s: %" JSON_INTEGER_FORMAT, word,
			 bud_view_int(w, "count"));
	} else {
		snprintf(text, sizeof text, "%s", word);
	}
	snprintf(id, sizeof id, "wait-%" PRId64 "-%s", client_id, kind);
	return json_pack("{s:s, s:s, s:s}", "text", text, "href", bud_view_str(w, "href"),
			 "id", id);
}

json_t *bud_web_guide_stages(bud_req *req, struct bud_page *pg)
{
	json_t *v = NULL, *out, *it, *w, *waits;
	char key[32];
	bud_err err;
	size_t i, j;

	bud_err_clear(&err);
	if (bud_guide_worker_stages(req->app, &req->actor, pg, &v, &err) != BUD_OK)
		return NULL;
	out = json_object();
	json_array_foreach(v, i, it) {
		int64_t cid = bud_view_int(it, "client_id");

		waits = json_array();
		json_array_foreach(json_object_get(it, "waits"), j, w)
			json_array_append_new(waits, wait_item(req, w, cid));
		snprintf(key, sizeof key, "%" PRId64, cid);
		json_object_set_new(out, key, json_pack("{s:s, s:b, s:o}",
			"stage_text", bud_view_word(req->lang, "guide.stage.",
						    bud_view_str(it, "stage"), ""),
			"waits_any", json_array_size(waits) > 0, "waits", waits));
	}
	json_decref(v);
	return out;
}

/* The reader's own choice from the cookie: 1 easy, 0 full, -1 none. */
static int read_cookie(bud_req *req)
{
	const char *c = bud_req_cookie(req, "read");

	if (c && strcmp(c, "easy") == 0)
		return 1;
	if (c && strcmp(c, "full") == 0)
		return 0;
	return -1;
}

void bud_web_easy_page(bud_req *req, json_t *m)
{
	if (req->actor.role & (BUD_ROLE_CLIENT | BUD_ROLE_REPRESENTATIVE))
		json_object_set_new(m, "easy_page", json_true());
}

int bud_web_easy_model(bud_req *req, json_t *m)
{
	const char *full = bud_req_query(req, "full");
	int mode = read_cookie(req), easy;
	bud_err err;

	if (mode < 0) {
		bud_err_clear(&err);
		if (bud_guide_easy_read(req->app, &req->actor, &mode, &err) != BUD_OK)
			mode = 0;
	}
	easy = mode == 1 && !(full && strcmp(full, "1") == 0);
	json_object_set_new(m, "easy", json_boolean(easy));
	json_object_set_new(m, "easy_mode", json_boolean(mode == 1));
	json_object_set_new(m, "easy_full", json_boolean(mode == 1 && !easy));
	return easy;
}

int bud_web_read_mode(bud_req *req)
{
	static const char *const modes[] = {"easy", "full", NULL};
	const char *mode = NULL, *back = NULL;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_enum(req, "mode", 1, modes, &mode, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	bud_req_str(req, "back", 0, BUD_LANG_BACK_MAX, &back, &err);
	bud_resp_cookie(req, "read", mode, BUD_LANG_COOKIE_S);
	return bud_resp_redirect(req, bud_web_safe_next(back));
}
