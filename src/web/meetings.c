/*
 * web/meetings.c: meetings with a client (web/meetings.h). One page per
 * client lists the meetings, the latest first, paged; the worker books a
 * meeting on it, and moves one in the same form (?move=ID fills it) or
 * cancels it with a button. A failed POST shows the page again with its
 * errors (web/form.h) and the typed values; a success is 303 back with a
 * notice of what was done. The client and a representative read the same
 * page, with the link to join a video call.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "app/client.h"
#include "app/meeting.h"
#include "core/i18n.h"
#include "bud_limits.h"
#include "web/form.h"
#include "web/meetings.h"
#include "web/guide.h"
#include "web/view.h"

static const struct bud_form_field meeting_fields[] = {
	{"kind", "meeting-kind", "meetweb.kind", NULL},
	{"date", "meeting-date", "meetweb.date", NULL},
	{"time", "meeting-time", "meetweb.time", NULL},
	{"minutes", "meeting-minutes", "meetweb.minutes", NULL},
	{"video", "meeting-how", "meetweb.how", "meeting-at-place"},
	{"place", "meeting-place", "meetweb.place", NULL},
	{"note", "meeting-note", "meetweb.note", NULL},
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_def meeting_form = {"meeting-form", meeting_fields};

static const char *const notices[] = {"booked", "moved", "cancelled", NULL};

/* A meeting view as the page shows it. */
static json_t *row(bud_req *req, json_t *v)
{
	const char *state = bud_view_str(v, "state");
	json_t *date = bud_view_date(bud_view_str(v, "date"), req->lang);
	char when[96], key[48];

	snprintf(when, sizeof when, "%s %s %s–%s", json_string_value(date),
		 bud_msg(req->lang, "meeting.at"), bud_view_str(v, "start"), bud_view_str(v, "end"));
	json_decref(date);
	snprintf(key, sizeof key, "meeting.kind.%s", bud_view_str(v, "kind"));
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:b}",
		"id", bud_view_int(v, "id"), "when", when, "what", bud_msg(req->lang, key),
		"place", bud_view_str(v, "place"), "video_url", bud_view_str(v, "video_url"),
		"note", bud_view_str(v, "note"),
		"state_text", bud_view_word(req->lang, "meetweb.state.", state, ""),
		"booked", strcmp(state, "booked") == 0,
		"can_change", json_is_true(json_object_get(json_object_get(v, "can"), "change")));
}

/* The typed values of the form: from the POST, from meeting `move`, or
 * the defaults. */
static json_t *form_values(bud_req *req, json_t *move)
{
	const char *kind = bud_view_form_value(req, "kind");
	const char *video = bud_view_form_value(req, "video");

	if (req->method == BUD_GET && move)
		return json_pack("{s:s, s:o, s:s, s:s, s:b, s:b, s:s, s:s, s:I}",
			"kind", bud_view_str(move, "kind"),
			"date", bud_form_date(bud_view_str(move, "date"), req->lang),
			"time", bud_view_str(move, "start"), "minutes", "",
			"video", bud_view_str(move, "video_url")[0] != 0,
			"review", strcmp(bud_view_str(move, "kind"), "review") == 0,
			"place", bud_view_str(move, "place"), "note", bud_view_str(move, "note"),
			"id", bud_view_int(move, "id"));
	return json_pack("{s:s, s:s, s:s, s:s, s:b, s:b, s:s, s:s}",
		"kind", kind, "date", bud_view_form_value(req, "date"),
		"time", bud_view_form_value(req, "time"),
		"minutes", bud_view_form_value(req, "minutes"),
		"video", strcmp(video, "1") == 0, "review", strcmp(kind, "review") == 0,
		"place", bud_view_form_value(req, "place"), "note", bud_view_form_value(req, "note"));
}

/* The parts of the page only the worker sees: the form, filled for a
 * move of move_id (0: a new booking), and whether video calls can be
 * booked. */
static void worker_part(bud_req *req, int64_t cid, int64_t move_id, json_t *m)
{
	json_t *move = NULL, *video = NULL;
	char action[64];
	bud_err err;

	bud_err_clear(&err);
	if (move_id && bud_meeting_get(req->app, &req->actor, move_id, &move, &err) == BUD_OK &&
	    bud_view_int(move, "client_id") == cid && strcmp(bud_view_str(move, "state"), "booked") == 0)
		snprintf(action, sizeof action, "/meetings/%" PRId64 "/move", move_id);
	else {
		json_decref(move);
		move = NULL;
		snprintf(action, sizeof action, "/clients/%" PRId64 "/meetings", cid);
	}
	json_object_set_new(m, "mf", form_values(req, move));
	json_object_set_new(m, "moving", json_boolean(move != NULL));
	json_object_set_new(m, "action", json_string(action));
	if (bud_meeting_video_get(req->app, &req->actor, &video, &err) == BUD_OK &&
	    bud_view_str(video, "video_base_url")[0])
		json_object_set_new(m, "video_service", json_true());
	json_decref(video);
	json_decref(move);
}

static int page(bud_req *req, int64_t cid, int status, int64_t move_id, struct bud_form *fe)
{
	json_t *list = NULL, *rows = json_array(), *m, *it, *c = NULL;
	const char *done = bud_req_query(req, "done");
	struct bud_page pg;
	char path[64];
	bud_err err;
	size_t i;

	bud_err_clear(&err);
	if (bud_req_page(req, &pg, &err) != BUD_OK)
		bud_page_first(&pg);
	if (bud_meeting_list(req->app, &req->actor, cid, &pg, &list, &err) != BUD_OK) {
		json_decref(rows);
		if (fe)
			bud_form_release(fe);
		return bud_resp_error(req, &err);
	}
	json_array_foreach(list, i, it)
		json_array_append_new(rows, row(req, it));
	m = json_pack("{s:I, s:b, s:b}", "client_id", (json_int_t)cid,
		      "any", json_array_size(rows) > 0,
		      "worker", req->actor.role == BUD_ROLE_WORKER);
	json_object_set_new(m, "meetings", rows);
	if (bud_client_name(req->app, &req->actor, cid, &c, &err) == BUD_OK)
		json_object_set_new(m, "client_name", bud_view_person_name(c));
	json_decref(c);
	snprintf(path, sizeof path, "/clients/%" PRId64 "/meetings", cid);
	bud_web_pager(m, path, NULL, &pg, pg.at + 1, json_array_size(list));
	json_decref(list);
	for (i = 0; done && notices[i]; i++)
		if (strcmp(done, notices[i]) == 0)
			json_object_set_new(m, "notice", json_string(bud_view_word(req->lang,
				"meetweb.done.", done, "")));
	if (req->actor.role == BUD_ROLE_WORKER)
		worker_part(req, cid, move_id, m);
	if (fe)
		bud_form_model(fe, m);
	bud_web_easy_page(req, m);	/* web/guide.h */
	return bud_web_page(req, status, "meet_list", "meetweb.title", m);
}

int bud_web_meetings(bud_req *req)
{
	int64_t cid, move = 0;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &cid, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	bud_req_i64(req, "move", 0, 1, INT64_MAX, &move, &err);
	return page(req, cid, 200, move, NULL);
}

/* The form into in; each field's error into fe. */
static void decode(bud_req *req, struct bud_meeting_in *in, struct bud_form *fe)
{
	static const char *const kinds[] = {"assessment", "review", NULL};
	int64_t minutes = 60;
	bud_err err;

	*in = (struct bud_meeting_in){0};
	bud_err_clear(&err);
	bud_form_check(fe, bud_req_enum(req, "kind", 0, kinds, &in->kind, &err), &err);
	bud_form_check(fe, bud_req_date(req, "date", 1, &in->date, &err), &err);
	bud_form_check(fe, bud_req_str(req, "time", 1, 5, &in->time, &err), &err);
	bud_form_check(fe, bud_req_i64(req, "minutes", 0, BUD_MEETING_MIN, BUD_MEETING_MAX_MIN,
				       &minutes, &err), &err);
	bud_form_check(fe, bud_req_str(req, "place", 0, BUD_NOTE_MAX, &in->place, &err), &err);
	bud_form_check(fe, bud_req_str(req, "note", 0, BUD_NOTE_MAX, &in->note, &err), &err);
	in->video = strcmp(bud_view_form_value(req, "video"), "1") == 0;
	in->minutes = (int)minutes;
}

/* After a POST: 303 back with done, or the page again with the errors. */
static int after(bud_req *req, int64_t cid, int64_t move_id, int rc, const bud_err *err,
		 struct bud_form *fe, const char *done)
{
	char loc[96];

	if (rc == BUD_OK && bud_form_count(fe) == 0) {
		bud_form_release(fe);
		snprintf(loc, sizeof loc, "/clients/%" PRId64 "/meetings?done=%s", cid, done);
		return bud_resp_redirect(req, loc);
	}
	if (rc != BUD_OK) {
		if (bud_view_page_error(err->code)) {
			bud_form_release(fe);
			return bud_resp_error(req, err);
		}
		bud_form_add(fe, err, NULL);
	}
	return page(req, cid, rc != BUD_OK ? bud_view_form_status(err->code) : 422, move_id, fe);
}

int bud_web_meeting_book(bud_req *req)
{
	struct bud_meeting_in in;
	struct bud_form fe;
	int64_t cid;
	bud_err err;
	int rc = BUD_OK;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &cid, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	bud_form_init(&fe, &meeting_form, req->lang);
	decode(req, &in, &fe);
	if (!in.kind) {
		bud_err_set(&err, BUD_EINVAL, "kind", "err.required", "kind");
		bud_form_add(&fe, &err, NULL);
	}
	if (bud_form_count(&fe) == 0)
		rc = bud_meeting_book(req->app, &req->actor, cid, &in, NULL, &err);
	return after(req, cid, 0, rc, &err, &fe, "booked");
}

/* The client of meeting id (for the way back), or the error page. */
static int client_of(bud_req *req, int64_t id, int64_t *cid, bud_err *err)
{
	json_t *v = NULL;
	int rc = bud_meeting_get(req->app, &req->actor, id, &v, err);

	if (rc == BUD_OK)
		*cid = bud_view_int(v, "client_id");
	json_decref(v);
	return rc;
}

int bud_web_meeting_move(bud_req *req)
{
	struct bud_meeting_in in;
	struct bud_form fe;
	int64_t id, cid = 0;
	bud_err err;
	int rc = BUD_OK;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) || client_of(req, id, &cid, &err))
		return bud_resp_error(req, &err);
	bud_form_init(&fe, &meeting_form, req->lang);
	decode(req, &in, &fe);
	if (bud_form_count(&fe) == 0)
		rc = bud_meeting_move(req->app, &req->actor, id, &in, &err);
	return after(req, cid, id, rc, &err, &fe, "moved");
}

int bud_web_meeting_cancel(bud_req *req)
{
	struct bud_form fe;
	int64_t id, cid = 0;
	bud_err err;
	int rc;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) || client_of(req, id, &cid, &err))
		return bud_resp_error(req, &err);
	bud_form_init(&fe, &meeting_form, req->lang);
	rc = bud_meeting_cancel(req->app, &req->actor, id, &err);
	return after(req, cid, 0, rc, &err, &fe, "cancelled");
}

/* ---- the admin's video service ---- */

static const struct bud_form_field video_fields[] = {
	{"video_base_url", "video-url", "meetweb.video.url", NULL},
	{NULL, NULL, NULL, NULL},
};
static const struct bud_form_def video_form = {"video-form", video_fields};

static int video_page(bud_req *req, int status, const char *typed, int saved,
		      struct bud_form *fe)
{
	json_t *v = NULL, *m;
	bud_err err;

	bud_err_clear(&err);
	if (bud_meeting_video_get(req->app, &req->actor, &v, &err) != BUD_OK) {
		if (fe)
			bud_form_release(fe);
		return bud_resp_error(req, &err);
	}
	m = json_pack("{s:s, s:b}", "url", typed ? typed : bud_view_str(v, "video_base_url"),
		      "saved", saved);
	json_decref(v);
	if (fe)
		bud_form_model(fe, m);
	return bud_web_page(req, status, "meet_video", "meetweb.video.title", m);
}

int bud_web_video(bud_req *req)
{
	const char *saved = bud_req_query(req, "saved");

	return video_page(req, 200, NULL, saved && strcmp(saved, "1") == 0, NULL);
}

int bud_web_video_save(bud_req *req)
{
	struct bud_form fe;
	const char *url = "";
	bud_err err;

	bud_err_clear(&err);
	bud_form_init(&fe, &video_form, req->lang);
	if (!bud_form_check(&fe, bud_req_str(req, "video_base_url", 0, BUD_URL_MAX, &url, &err),
			    &err) &&
	    bud_meeting_video_set(req->app, &req->actor, url, &err) == BUD_OK) {
		bud_form_release(&fe);
		return bud_resp_redirect(req, "/settings/video?saved=1");
	}
	if (bud_form_count(&fe) == 0) {
		if (bud_view_page_error(err.code)) {
			bud_form_release(&fe);
			return bud_resp_error(req, &err);
		}
		bud_form_add(&fe, &err, NULL);
	}
	return video_page(req, 422, url, 0, &fe);
}
