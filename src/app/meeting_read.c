/*
 * app/meeting_read.c: reading meetings and the organiser's video service
 * (app/meeting.h), on the thread's read connection (app/read.h).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/authz.h"
#include "app/meeting_int.h"
#include "app/read.h"
#include "app/uselog.h"
#include "bud_limits.h"
#include "core/date.h"

struct rd {
	bud_app *app;
	const bud_actor *actor;
	int64_t id, client_id;
	struct bud_page *pg;
	const char *url;
	json_t *out;
};

/* "YYYY-MM-DD" and "HH:MM" of t in Helsinki. */
static void local(int64_t t, char date[BUD_DATE_BUF], char hm[6])
{
	struct bud_tm tm;

	date[0] = hm[0] = '\0';
	if (bud_time_helsinki(t, &tm) != BUD_OK ||
	    bud_date_format(tm.year, tm.month, tm.day, date) != BUD_OK)
		return;
	snprintf(hm, 6, "%02u:%02u", (unsigned)tm.hour % 24u, (unsigned)tm.min % 60u);
}

static json_t *view(const bud_actor *actor, const struct bud_store_meeting *m)
{
	char date[BUD_DATE_BUF], start[6], end[6], d2[BUD_DATE_BUF];

	local(m->starts_at, date, start);
	local(m->ends_at, d2, end);
	json_t *v = json_pack("{s:I, s:I, s:s, s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, "
			      "s:i, s:{s:I, s:s}, s:{s:b}}",
		"id", (json_int_t)m->id, "client_id", (json_int_t)m->client_id,
		"kind", m->kind, "starts_at", (json_int_t)m->starts_at,
		"ends_at", (json_int_t)m->ends_at, "date", date, "start", start, "end", end,
		"place", m->place, "video_url", m->video_url, "note", m->note,
		"state", m->state, "sequence", m->sequence,
		"booked_by", "id", (json_int_t)m->booked_by, "name", m->booked_by_name,
		"can", "change", actor->role == BUD_ROLE_WORKER &&
		strcmp(m->state, "booked") == 0);

	/* the members a move takes, so that what is read can be sent back */
	json_object_set_new(v, "time", json_string(start));
	json_object_set_new(v, "minutes", json_integer((m->ends_at - m->starts_at) / 60));
	json_object_set_new(v, "video", json_boolean(m->video_url[0] != '\0'));
	return v;
}

static int get_unit(bud_conn *c, void *arg, bud_err *err)
{
	struct rd *r = arg;
	struct bud_store_meeting m;
	char basis[BUD_BASIS_MAX], object[48];
	int rc = bud_store_meeting_get(c, r->id, &m, err);

	if (rc == BUD_ENOTFOUND)
		return bud_authz_denied(err, "meeting");
	if (rc || (rc = bud_authz_client(r->app, c, r->actor, m.client_id, 0, basis,
					 sizeof basis, err)))
		return rc;
	r->out = view(r->actor, &m);
	snprintf(object, sizeof object, "meeting:%" PRId64, m.id);
	return bud_uselog_append_row(r->app, c, r->actor, m.client_id, "read", object,
				     basis, err);
}

static int done(int rc, struct rd *r, json_t **out)
{
	if (rc == BUD_OK)
		*out = r->out;
	else
		json_decref(r->out);
	return rc;
}

#define READERS (BUD_ROLE_WORKER | BUD_ROLE_DECISION_MAKER | BUD_ROLE_CLIENT | \
		 BUD_ROLE_REPRESENTATIVE)

int bud_meeting_get(bud_app *app, const bud_actor *actor, int64_t id,
		    json_t **out, bud_err *err)
{
	struct rd r = {.app = app, .actor = actor, .id = id};

	*out = NULL;
	if (!actor || !(actor->role & READERS))
		return bud_authz_forbidden(err, "read meetings");
	return done(bud_app_read(app, actor, get_unit, &r, err), &r, out);
}

static int list_unit(bud_conn *c, void *arg, bud_err *err)
{
	struct rd *r = arg;
	struct bud_store_meeting *rows;
	char basis[BUD_BASIS_MAX];
	size_t n = 0, i, max = (size_t)bud_page_fetch(r->pg);
	int rc;

	if ((rc = bud_authz_client(r->app, c, r->actor, r->client_id, 0, basis,
				   sizeof basis, err)))
		return rc;
	if (!(rows = malloc(max * sizeof *rows)))
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "rows");
	rc = bud_store_meeting_list(c, r->client_id, (size_t)r->pg->at, rows, max, &n, err);
	if (rc == BUD_OK) {
		n = (size_t)bud_page_offset_done(r->pg, (int)n);
		r->out = json_array();
		for (i = 0; i < n; i++)
			json_array_append_new(r->out, view(r->actor, &rows[i]));
	}
	free(rows);
	if (rc != BUD_OK)
		return rc;
	return bud_uselog_append_row(r->app, c, r->actor, r->client_id, "read",
				     "meetings", basis, err);
}

int bud_meeting_list(bud_app *app, const bud_actor *actor, int64_t client_id,
		     struct bud_page *pg, json_t **out, bud_err *err)
{
	struct rd r = {.app = app, .actor = actor, .client_id = client_id, .pg = pg};

	*out = NULL;
	if (!actor || !(actor->role & READERS))
		return bud_authz_forbidden(err, "read meetings");
	return done(bud_app_read(app, actor, list_unit, &r, err), &r, out);
}

int bud_meeting_next(bud_conn *c, int64_t client_id, int64_t now, int64_t *id,
		     bud_err *err)
{
	return bud_store_meeting_next(c, client_id, now, id, err);
}

/* ---- the organiser's video service ---- */

static int video_get_unit(bud_conn *c, void *arg, bud_err *err)
{
	struct rd *r = arg;
	char url[BUD_URL_MAX + 1];
	int rc = bud_store_video_get(c, r->actor->organiser_id, url, sizeof url, err);

	if (rc == BUD_OK)
		r->out = json_pack("{s:s}", "video_base_url", url);
	return rc;
}

int bud_meeting_video_get(bud_app *app, const bud_actor *actor, json_t **out,
			  bud_err *err)
{
	struct rd r = {.app = app, .actor = actor};

	*out = NULL;
	if (!actor || !(actor->role & (BUD_ROLE_ADMIN | BUD_ROLE_WORKER)))
		return bud_authz_forbidden(err, "read the video service");
	return done(bud_app_read(app, actor, video_get_unit, &r, err), &r, out);
}

static int video_set_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct rd *r = arg;

	return bud_store_video_set(w, r->actor->organiser_id, r->url, r->actor->user_id,
				   bud_app_now(r->app), err);
}

int bud_meeting_video_set(bud_app *app, const bud_actor *actor, const char *url,
			  bud_err *err)
{
	struct rd r = {.app = app, .actor = actor, .url = url ? url : ""};
	size_t i, n = strlen(r.url);

	if (!actor || actor->role != BUD_ROLE_ADMIN)
		return bud_authz_forbidden(err, "set the video service");
	if (n > BUD_URL_MAX)
		return bud_err_set(err, BUD_EINVAL, "video_base_url", "err.too_long", "url");
	for (i = 0; i < n; i++)
		if ((unsigned char)r.url[i] <= 0x20 || r.url[i] == 0x7f || r.url[i] == '"' ||
		    r.url[i] == '<' || r.url[i] == '>')
			return bud_err_set(err, BUD_EINVAL, "video_base_url",
					   "err.meeting.url", "not a URL");
	if (n && (strncmp(r.url, "https://", 8) != 0 || n < 12))
		return bud_err_set(err, BUD_EINVAL, "video_base_url", "err.meeting.url",
				   "https:// URL");
	return bud_db_write(app->db, video_set_unit, &r, err);
}
