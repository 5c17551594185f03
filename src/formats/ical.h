/*
 * formats/ical.h: iCalendar invitations (RFC 5545, with the iTIP methods
 * of RFC 5546) for meetings booked with a client: one VEVENT in a
 * VCALENDAR with METHOD:REQUEST (a new or moved meeting; each move has a
 * higher SEQUENCE and the same UID) or METHOD:CANCEL (STATUS:CANCELLED).
 * Times are written in UTC ("20270115T080000Z"), which every calendar
 * reads without a VTIMEZONE. TEXT values are escaped (backslash, ';',
 * ',' and newlines) and every content line is folded at 75 octets
 * without splitting a UTF-8 character; lines end in CRLF. The one home
 * of the format: the mail of a meeting attaches what this writes.
 */
#ifndef BUD_FORMATS_ICAL_H
#define BUD_FORMATS_ICAL_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"

struct bud_ical_person {
	const char *name;		/* may be NULL */
	const char *email;		/* required */
};

/* Strings are borrowed, UTF-8; NULL or "" leaves a property out. */
struct bud_ical_event {
	const char *uid;		/* required: stays the same across moves */
	int sequence;			/* 0 first, +1 at each move or cancel */
	int cancel;			/* 1: METHOD:CANCEL */
	int64_t start, end;		/* Unix seconds; end > start */
	int64_t stamp;			/* when this was written (DTSTAMP) */
	const char *lang;		/* "fi", "sv", "en": LANGUAGE of the texts */
	const char *summary, *description, *location, *url;
	struct bud_ical_person organizer;
	const struct bud_ical_person *attendees;
	size_t nattendees;
};

/* Append the VCALENDAR of e to out. BUD_EINVAL naming the field for a
 * missing uid or organizer, a sequence below 0 or an end not after the
 * start; BUD_ENOMEM when out is full. */
int bud_ical_write(const struct bud_ical_event *e, bud_buf *out, bud_err *err);

/* "YYYYMMDDTHHMMSSZ" of Unix seconds t (0001..9999) into out. */
int bud_ical_utc(int64_t t, char out[17]);

#endif
