/*
 * store/meeting.h: meetings with a client (migration 023) and the
 * organiser's video service (store_meeting.c). Plain rows in and out; the
 * rules are app/meeting.c's. Conventions of store/plan.h: fixed text
 * arrays (a value that does not fit is refused, never cut), writes on the
 * writer's connection, reads on any.
 */
#ifndef BUD_STORE_MEETING_H
#define BUD_STORE_MEETING_H

#include <stddef.h>
#include <stdint.h>

#include "bud_limits.h"
#include "core/err.h"
#include "store/db.h"

struct bud_store_meeting {
	int64_t id, client_id, organiser_id;
	char kind[16];				/* assessment, review */
	int64_t starts_at, ends_at;		/* Unix seconds */
	char place[BUD_NOTE_MAX + 1];
	char video_url[BUD_URL_MAX + 1];
	char note[BUD_NOTE_MAX + 1];
	char state[16];				/* booked, cancelled */
	int sequence;
	char uid[96];
	int64_t booked_by;
	char booked_by_name[128];		/* read only */
	int64_t created_at, updated_at;
};

/* Insert m (state booked, sequence 0); *id gets its id. */
int bud_store_meeting_insert(bud_conn *w, const struct bud_store_meeting *m,
			     int64_t *id, bud_err *err);

/* Write m's time, place, link, note, state and sequence (by m->id). */
int bud_store_meeting_update(bud_conn *w, const struct bud_store_meeting *m,
			     bud_err *err);

/* Meeting id into out, or BUD_ENOTFOUND. */
int bud_store_meeting_get(bud_conn *c, int64_t id, struct bud_store_meeting *out,
			  bud_err *err);

/* A page of client_id's meetings, the latest start first: max rows from
 * offset into out, *n of them. */
int bud_store_meeting_list(bud_conn *c, int64_t client_id, size_t offset,
			   struct bud_store_meeting *out, size_t max, size_t *n,
			   bud_err *err);

/* The client's next booked meeting starting at or after now: *id (0 none). */
int bud_store_meeting_next(bud_conn *c, int64_t client_id, int64_t now,
			   int64_t *id, bud_err *err);

/* Who gets a meeting's letters besides the client: the representatives
 * with a mandate for client_id valid on today that has not ended, who
 * have an e-mail address. fn per person; its non-zero return stops. */
typedef int (*bud_store_meeting_rep_fn)(void *arg, const char *name,
					const char *email, const char *lang);
int bud_store_meeting_reps(bud_conn *c, int64_t client_id, const char *today,
			   bud_store_meeting_rep_fn fn, void *arg, bud_err *err);

/* The organiser's video service base URL into url ("" none). */
int bud_store_video_get(bud_conn *c, int64_t organiser_id, char *url, size_t urlsz,
			bud_err *err);
int bud_store_video_set(bud_conn *w, int64_t organiser_id, const char *url,
			int64_t by, int64_t now, bud_err *err);

#endif
