/*
 * app/meeting_int.h: what app/meeting.c and app/meeting_letter.c share.
 */
#ifndef BUD_APP_MEETING_INT_H
#define BUD_APP_MEETING_INT_H

#include <stddef.h>

#include "app/meeting.h"
#include "store/meeting.h"

/* The meeting's time in Helsinki as people read it, in lang. */
void bud_meeting_when(const struct bud_store_meeting *m, const char *lang,
		      char *out, size_t outsz);

/* The kind of meeting in lang ("Palvelutarpeen arviointi"). */
const char *bud_meeting_kind_text(const char *lang, const char *kind);

/* Queue the letters of meeting m (a request, or cancel 1: a cancel) in
 * the write unit on w. */
int bud_meeting_letters(bud_app *app, bud_conn *w, const bud_actor *actor,
			const struct bud_store_meeting *m, int cancel, bud_err *err);

#endif
