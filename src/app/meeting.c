/*
 * app/meeting.c: booking, moving and cancelling meetings, reading them,
 * and the organiser's video service (app/meeting.h). Each change is one
 * write unit: the client checked, the row written, the letters queued
 * and the use-log row appended together.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "app/authz.h"
#include "app/meeting_int.h"
#include "app/read.h"
#include "app/uselog.h"
#include "bud_limits.h"
#include "core/date.h"
#include "core/i18n.h"
#include "core/text.h"

const char *bud_meeting_kind_text(const char *lang, const char *kind)
{
	return bud_msg(lang, strcmp(kind, "review") == 0 ? "meeting.kind.review" :
		       "meeting.kind.assessment");
}

/* Helsinki y-m-d hh:mm as Unix seconds (the offset of that moment). */
static int64_t helsinki_utc(int y, int m, int d, int hh, int mm)
{
	int64_t t = bud_time_helsinki_midnight(y, m, d) + hh * 3600 + mm * 60;
	struct bud_tm tm;

	/* midnight's offset may differ from the meeting's on a switch day */
	if (bud_time_helsinki(t, &tm) == BUD_OK)
		t -= (int64_t)((tm.hour - hh) * 3600 + (tm.min - mm) * 60);
	return t;
}

static int parse_time(const char *s, int *hh, int *mm)
{
	if (!s || strlen(s) != 5 || s[2] != ':' ||
	    sscanf(s, "%2d:%2d", hh, mm) != 2 || *hh < 0 || *hh > 23 || *mm < 0 || *mm > 59)
		return BUD_EINVAL;
	return BUD_OK;
}

/* in's time as [*start, *end), checked against today (Helsinki). */
static int when_of(bud_app *app, const struct bud_meeting_in *in, int64_t *start,
		   int64_t *end, bud_err *err)
{
	char today[BUD_DATE_BUF];
	int y, m, d, hh, mm, ty, tm, td;
	int64_t day;

	if (!in->date || bud_date_parse(in->date, &y, &m, &d, NULL) != BUD_OK)
		return bud_err_set(err, BUD_EINVAL, "date", "err.invalid_date", "date");
	if (bud_app_today(app, today, sizeof today) != BUD_OK ||
	    bud_date_parse(today, &ty, &tm, &td, NULL) != BUD_OK)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.generic", "clock");
	day = bud_date_days(y, m, d) - bud_date_days(ty, tm, td);
	if (day < 0 || day > BUD_MEETING_AHEAD_DAYS)
		return bud_err_set(err, BUD_EINVAL, "date", "err.meeting.date",
				   "today .. a year ahead");
	if (parse_time(in->time, &hh, &mm) != BUD_OK)
		return bud_err_set(err, BUD_EINVAL, "time", "err.meeting.time", "HH:MM");
	if (in->minutes < BUD_MEETING_MIN || in->minutes > BUD_MEETING_MAX_MIN)
		return bud_err_set(err, BUD_EINVAL, "minutes", "err.meeting.minutes",
				   "15..480 minutes");
	*start = helsinki_utc(y, m, d, hh, mm);
	*end = *start + in->minutes * 60;
	if (*start < bud_app_now(app))
		return bud_err_set(err, BUD_EINVAL, "time", "err.meeting.past", "in the past");
	return BUD_OK;
}

/* A plain text of at most max bytes without control characters (tabs and
 * newlines allowed when multi). */
static int text_ok(const char *s, size_t max, int multi, const char *field, bud_err *err)
{
	size_t n = s ? strlen(s) : 0, i;

	if (n > max)
		return bud_err_set(err, BUD_EINVAL, field, "err.too_long", "too long");
	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] < 0x20 && !(multi && (s[i] == '\n' || s[i] == '\t' ||
							      s[i] == '\r'))) || s[i] == 0x7f)
			return bud_err_set(err, BUD_EINVAL, field, "err.meeting.text",
					   "control character");
	return BUD_OK;
}

/* The checks of in, and *m's time and place set from it (the link is
 * made in the unit, from the organiser's video service). */
static int meeting_in(bud_app *app, const struct bud_meeting_in *in,
		      struct bud_store_meeting *m, bud_err *err)
{
	int rc;

	if (!in->kind || (strcmp(in->kind, "assessment") && strcmp(in->kind, "review")))
		return bud_err_set(err, BUD_EINVAL, "kind", "err.invalid_choice", "kind");
	if ((rc = when_of(app, in, &m->starts_at, &m->ends_at, err)) ||
	    (rc = text_ok(in->place, BUD_NOTE_MAX, 0, "place", err)) ||
	    (rc = text_ok(in->note, BUD_NOTE_MAX, 1, "note", err)))
		return rc;
	if (!in->video && (!in->place || !in->place[0]))
		return bud_err_set(err, BUD_EINVAL, "place", "err.meeting.place",
				   "a place or a video call");
	snprintf(m->place, sizeof m->place, "%s", in->place ? in->place : "");
	snprintf(m->note, sizeof m->note, "%s", in->note ? in->note : "");
	return BUD_OK;
}

/* A video room of its own under the organiser's service, or the error
 * that the organiser has none. */
static int video_link(bud_conn *w, int64_t organiser_id, char *url, size_t urlsz,
		      bud_err *err)
{
	char base[BUD_URL_MAX + 1], room[25];
	unsigned char raw[12];
	int rc;

	if ((rc = bud_store_video_get(w, organiser_id, base, sizeof base, err)))
		return rc;
	if (!base[0])
		return bud_err_set(err, BUD_ECONFLICT, "video", "err.meeting.no_video",
				   "the organiser has no video service");
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(room, sizeof room, raw, sizeof raw);
	if (snprintf(url, urlsz, "%s%sbudjetti-%s", base,
		     base[strlen(base) - 1] == '/' ? "" : "/", room) >= (int)urlsz)
		return bud_err_set(err, BUD_EINVAL, "video", "err.too_long", "link");
	return BUD_OK;
}

struct unit {
	bud_app *app;
	const bud_actor *actor;
	int64_t client_id, id;
	const struct bud_meeting_in *in;
	struct bud_store_meeting m;
	char basis[BUD_BASIS_MAX];
	struct bud_page *pg;
	json_t *out;
};

static int log_change(struct unit *u, bud_conn *w, const char *action, bud_err *err)
{
	char object[48];

	snprintf(object, sizeof object, "meeting:%" PRId64, u->m.id);
	return bud_uselog_append_row(u->app, w, u->actor, u->m.client_id, action,
				     object, u->basis, err);
}

static int book_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct unit *u = arg;
	unsigned char raw[16];
	char hex[33];
	int rc;

	if ((rc = bud_authz_client(u->app, w, u->actor, u->client_id, 1, u->basis,
				   sizeof u->basis, err)))
		return rc;
	u->m.client_id = u->client_id;
	u->m.organiser_id = u->actor->organiser_id;
	snprintf(u->m.kind, sizeof u->m.kind, "%s", u->in->kind);
	if (u->in->video &&
	    (rc = video_link(w, u->m.organiser_id, u->m.video_url, sizeof u->m.video_url, err)))
		return rc;
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
	snprintf(u->m.uid, sizeof u->m.uid, "meeting-%s@budjetti", hex);
	snprintf(u->m.state, sizeof u->m.state, "booked");
	u->m.booked_by = u->actor->user_id;
	u->m.created_at = u->m.updated_at = bud_app_now(u->app);
	if ((rc = bud_store_meeting_insert(w, &u->m, &u->m.id, err)) ||
	    (rc = bud_meeting_letters(u->app, w, u->actor, &u->m, 0, err)))
		return rc;
	u->id = u->m.id;
	return log_change(u, w, "create", err);
}

int bud_meeting_book(bud_app *app, const bud_actor *actor, int64_t client_id,
		     const struct bud_meeting_in *in, int64_t *id, bud_err *err)
{
	struct unit u = {.app = app, .actor = actor, .client_id = client_id, .in = in};
	int rc;

	if (!actor || actor->role != BUD_ROLE_WORKER)
		return bud_authz_forbidden(err, "book a meeting");
	if ((rc = meeting_in(app, in, &u.m, err)))
		return rc;
	rc = bud_db_write(app->db, book_unit, &u, err);
	if (rc == BUD_OK && id)
		*id = u.id;
	return rc;
}

/* Load meeting u->id and check its client (want_act for changes). */
static int load(struct unit *u, bud_conn *c, int want_act, bud_err *err)
{
	int rc = bud_store_meeting_get(c, u->id, &u->m, err);

	if (rc == BUD_ENOTFOUND)
		return bud_authz_denied(err, "meeting");
	if (rc != BUD_OK)
		return rc;
	rc = bud_authz_client(u->app, c, u->actor, u->m.client_id, want_act, u->basis,
			      sizeof u->basis, err);
	if (rc == BUD_OK && want_act && strcmp(u->m.state, "booked") != 0)
		return bud_err_set(err, BUD_ECONFLICT, "state", "err.meeting.cancelled",
				   "the meeting is cancelled");
	return rc;
}

static int move_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct unit *u = arg;
	struct bud_store_meeting next;
	int rc;

	struct bud_meeting_in in;

	if ((rc = load(u, w, 1, err)))
		return rc;
	in = *u->in;
	in.kind = u->m.kind;	/* the kind stays */
	next = u->m;
	if ((rc = meeting_in(u->app, &in, &next, err)))
		return rc;
	next.video_url[0] = '\0';
	if (in.video && u->m.video_url[0])	/* the same room */
		snprintf(next.video_url, sizeof next.video_url, "%s", u->m.video_url);
	else if (in.video &&
		 (rc = video_link(w, u->m.organiser_id, next.video_url, sizeof next.video_url, err)))
		return rc;
	next.sequence = u->m.sequence + 1;
	next.updated_at = bud_app_now(u->app);
	u->m = next;
	if ((rc = bud_store_meeting_update(w, &u->m, err)) ||
	    (rc = bud_meeting_letters(u->app, w, u->actor, &u->m, 0, err)))
		return rc;
	return log_change(u, w, "change", err);
}

int bud_meeting_move(bud_app *app, const bud_actor *actor, int64_t id,
		     const struct bud_meeting_in *in, bud_err *err)
{
	struct unit u = {.app = app, .actor = actor, .id = id, .in = in};

	if (!actor || actor->role != BUD_ROLE_WORKER)
		return bud_authz_forbidden(err, "move a meeting");
	return bud_db_write(app->db, move_unit, &u, err);
}

static int cancel_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct unit *u = arg;
	int rc;

	if ((rc = load(u, w, 1, err)))
		return rc;
	snprintf(u->m.state, sizeof u->m.state, "cancelled");
	u->m.sequence++;
	u->m.updated_at = bud_app_now(u->app);
	if ((rc = bud_store_meeting_update(w, &u->m, err)) ||
	    (rc = bud_meeting_letters(u->app, w, u->actor, &u->m, 1, err)))
		return rc;
	return log_change(u, w, "change", err);
}

int bud_meeting_cancel(bud_app *app, const bud_actor *actor, int64_t id,
		       bud_err *err)
{
	struct unit u = {.app = app, .actor = actor, .id = id};

	if (!actor || actor->role != BUD_ROLE_WORKER)
		return bud_authz_forbidden(err, "cancel a meeting");
	return bud_db_write(app->db, cancel_unit, &u, err);
}
