/*
 * app/meeting.h: meetings with a client, also by video (issue 13 item 8).
 * A worker of the client (app/authz.h, act) books an assessment or a
 * review meeting at a time (Helsinki) and at a place, or as a video call
 * on the organiser's own video service (its base URL is the admin's
 * setting; each meeting gets a room of its own under it). The client and
 * each representative with a valid mandate and an e-mail address get a
 * letter in their language with an iCalendar invitation
 * (formats/ical.h: METHOD:REQUEST, one UID per meeting). Moving the
 * meeting raises its SEQUENCE and sends a new letter; cancelling sends
 * METHOD:CANCEL and keeps the row (state cancelled). Letters go through
 * the outbox in the same write unit (app/mail.h).
 *
 * Who: book, move, cancel: the client's worker. Read: whoever may read
 * the client (the client, a representative, the worker, decision makers).
 * Use log: create "meeting:ID", change "meeting:ID", read "meeting:ID",
 * read "meetings". Errors name the field: kind, date, time, minutes,
 * place, video (BUD_ECONFLICT err.meeting.no_video when the organiser has
 * no video service), state (a cancelled meeting cannot be moved).
 */
#ifndef BUD_APP_MEETING_H
#define BUD_APP_MEETING_H

#include <stdint.h>

#include <jansson.h>

#include "app/app.h"
#include "core/page.h"

/* Strings borrowed; NULL reads as "". */
struct bud_meeting_in {
	const char *kind;	/* assessment, review */
	const char *date;	/* YYYY-MM-DD, today .. a year ahead (Helsinki) */
	const char *time;	/* HH:MM, Helsinki */
	int minutes;		/* BUD_MEETING_MIN .. BUD_MEETING_MAX_MIN */
	int video;		/* 1: a video call (place may be empty) */
	const char *place;	/* required unless video */
	const char *note;
};

int bud_meeting_book(bud_app *app, const bud_actor *actor, int64_t client_id,
		     const struct bud_meeting_in *in, int64_t *id, bud_err *err);

/* A new time, place or link (video); the kind stays. */
int bud_meeting_move(bud_app *app, const bud_actor *actor, int64_t id,
		     const struct bud_meeting_in *in, bud_err *err);

int bud_meeting_cancel(bud_app *app, const bud_actor *actor, int64_t id,
		       bud_err *err);

/* {id, client_id, kind, starts_at, ends_at (Unix seconds), date, start,
 * end ("YYYY-MM-DD", "HH:MM" in Helsinki), time (= start), minutes,
 * video (bool), place, video_url, note, state, sequence, booked_by: {id,
 * name}, can: {change}}: date, time, minutes, video, place and note are
 * what a move takes, so a view sent back moves nothing. */
int bud_meeting_get(bud_app *app, const bud_actor *actor, int64_t id,
		    json_t **out, bud_err *err);

/* A page of client_id's meetings, the latest first: [view]. */
int bud_meeting_list(bud_app *app, const bud_actor *actor, int64_t client_id,
		     struct bud_page *pg, json_t **out, bud_err *err);

/* The organiser's video service base URL: {video_base_url} (admin and
 * workers read it; the admin sets it: an https:// URL or "" for none,
 * BUD_EINVAL "video_base_url" otherwise). */
int bud_meeting_video_get(bud_app *app, const bud_actor *actor, json_t **out,
			  bud_err *err);
int bud_meeting_video_set(bud_app *app, const bud_actor *actor, const char *url,
			  bud_err *err);

/* For the client's task list (app/guide.c): the next booked meeting of
 * client_id not yet over at now, *id (0 none), on connection c. */
int bud_meeting_next(bud_conn *c, int64_t client_id, int64_t now, int64_t *id,
		     bud_err *err);

#endif
