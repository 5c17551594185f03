/*
 * api/meetings.c: meetings with a client, also by video, and what waits
 * for a client or a worker (api/meetings.h).
 * Decodes the JSON into app/meeting.h's struct; the rules are the app's.
 */
#include <string.h>

#include "api/common.h"
#include "api/meetings.h"
#include "app/authz.h"
#include "app/guide.h"
#include "app/meeting.h"
#include "bud_limits.h"

static const char *const meeting_writable[] = {"kind", "date", "time", "minutes",
	"video", "place", "note", NULL};
static const char *const kinds[] = {"assessment", "review", NULL};

/* The body as a meeting; kind_required 0 for a move (the kind stays),
 * cur the meeting's wire view then (its read-only members may come back
 * unchanged). */
static int decode(bud_req *req, struct bud_meeting_in *in, int kind_required,
		  const json_t *cur, bud_err *err)
{
	int64_t minutes = 60;

	*in = (struct bud_meeting_in){0};
	if (bud_api_fields(req, meeting_writable, cur, err) ||
	    bud_req_enum(req, "kind", kind_required, kinds, &in->kind, err) ||
	    bud_req_str(req, "date", 1, 10, &in->date, err) ||
	    bud_req_str(req, "time", 1, 5, &in->time, err) ||
	    bud_req_i64(req, "minutes", 0, BUD_MEETING_MIN, BUD_MEETING_MAX_MIN, &minutes, err) ||
	    bud_req_bool(req, "video", &in->video, err) ||
	    bud_req_str(req, "place", 0, BUD_NOTE_MAX, &in->place, err) ||
	    bud_req_str(req, "note", 0, BUD_NOTE_MAX, &in->note, err))
		return BUD_EINVAL;
	in->minutes = (int)minutes;
	in->video = in->video == 1;
	return BUD_OK;
}

int bud_api_meeting_list(bud_req *req)
{
	struct bud_page pg;
	json_t *arr = NULL;
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) || bud_req_page(req, &pg, &err) ||
	    bud_meeting_list(req->app, &req->actor, id, &pg, &arr, &err))
		return bud_resp_error(req, &err);
	return bud_api_page(req, arr, &pg);
}

int bud_api_meeting_book(bud_req *req)
{
	struct bud_meeting_in in;
	int64_t cid, id = 0;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &cid, &err) || decode(req, &in, 1, NULL, &err) ||
	    bud_meeting_book(req->app, &req->actor, cid, &in, &id, &err))
		return bud_resp_error(req, &err);
	return bud_api_created(req, bud_meeting_get, id,
			       bud_api_path(req, "meetings", id, ""));
}

int bud_api_meeting_get(bud_req *req)
{
	return bud_api_id_view(req, bud_meeting_get);
}

int bud_api_meeting_move(bud_req *req)
{
	struct bud_meeting_in in;
	json_t *cur = NULL;
	int64_t id;
	bud_err err;
	int rc;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err))
		return bud_resp_error(req, &err);
	if (bud_meeting_get(req->app, &req->actor, id, &cur, &err)) {
		bud_err unknown;	/* an unknown member is named first, as everywhere */

		bud_err_clear(&unknown);
		if (bud_api_fields(req, meeting_writable, NULL, &unknown) &&
		    strcmp(unknown.key, "err.http.unknown_field") == 0)
			return bud_resp_error(req, &unknown);
		return bud_resp_error(req, &err);
	}
	bud_api_wire(cur);
	rc = decode(req, &in, 0, cur, &err) ||
	     bud_meeting_move(req->app, &req->actor, id, &in, &err);
	json_decref(cur);	/* in's strings are the request's, not cur's */
	if (rc)
		return bud_resp_error(req, &err);
	return bud_api_view(req, bud_meeting_get, id, 200);
}

int bud_api_meeting_cancel(bud_req *req)
{
	static const char *const none[] = {NULL};
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) || bud_api_fields(req, none, NULL, &err) ||
	    bud_meeting_cancel(req->app, &req->actor, id, &err))
		return bud_resp_error(req, &err);
	return bud_api_view(req, bud_meeting_get, id, 200);
}

static int read_video(bud_app *app, const bud_actor *actor, int64_t id, json_t **out,
		      bud_err *err)
{
	(void)id;
	*out = NULL;
	if (!actor || actor->role != BUD_ROLE_ADMIN)
		return bud_authz_forbidden(err, "read the video service");
	return bud_meeting_video_get(app, actor, out, err);
}

int bud_api_video_get(bud_req *req)
{
	return bud_api_view(req, read_video, 0, 200);
}

int bud_api_video_put(bud_req *req)
{
	static const char *const writable[] = {"video_base_url", NULL};
	const char *url = NULL;
	bud_err err;

	bud_err_clear(&err);
	if (bud_api_fields(req, writable, NULL, &err) ||
	    bud_req_str(req, "video_base_url", 0, BUD_URL_MAX, &url, &err) ||
	    (url && bud_meeting_video_set(req->app, &req->actor, url, &err)))
		return bud_resp_error(req, &err);
	return bud_api_view(req, read_video, 0, 200);
}

/* ---- what to do next (app/guide.h): the same lists the home pages show ---- */

int bud_api_client_tasks(bud_req *req)
{
	return bud_api_id_view(req, bud_guide_client_tasks);
}

int bud_api_worker_stages(bud_req *req)
{
	struct bud_page pg;
	json_t *arr = NULL;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_page(req, &pg, &err) ||
	    bud_guide_worker_stages(req->app, &req->actor, &pg, &arr, &err))
		return bud_resp_error(req, &err);
	return bud_api_page(req, arr, &pg);
}
