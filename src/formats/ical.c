/*
 * formats/ical.c: the iCalendar writer (formats/ical.h). Each property is
 * built as one logical line in a small buffer, then folded into out.
 */
#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "formats/ical.h"

#define ICAL_FOLD 75		/* octets of a content line before folding (RFC 5545 3.1) */
#define ICAL_LINE_MAX 16384	/* one logical line: a long description at most */

int bud_ical_utc(int64_t t, char out[17])
{
	int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	int64_t secs = t - days * 86400;
	char tmp[64];	/* room for what the compiler cannot bound */
	int y, m, d;

	if (bud_date_from_days(days, &y, &m, &d) != BUD_OK || y < 1 || y > 9999)
		return BUD_EINVAL;
	if (snprintf(tmp, sizeof tmp, "%04d%02d%02dT%02d%02d%02dZ", y, m, d,
		     (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60)) != 16)
		return BUD_EINVAL;
	memcpy(out, tmp, 17);
	return BUD_OK;
}

/* A TEXT value escaped (RFC 5545 3.3.11); CR dropped, LF as "\n". */
static void add_text(bud_buf *b, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '\\' || *s == ';' || *s == ',') {
			bud_buf_addc(b, '\\');
			bud_buf_addc(b, *s);
		} else if (*s == '\n') {
			bud_buf_adds(b, "\\n");
		} else if (*s != '\r') {
			bud_buf_addc(b, *s);
		}
	}
}

/* A parameter value: quoted, without the characters a quoted value may
 * not hold (RFC 5545 3.1: no DQUOTE or controls). */
static void add_param(bud_buf *b, const char *s)
{
	bud_buf_addc(b, '"');
	for (; s && *s; s++)
		if (*s != '"' && (unsigned char)*s >= 0x20 && *s != 0x7f)
			bud_buf_addc(b, *s);
	bud_buf_addc(b, '"');
}

/* Fold the logical line of b into out: at most ICAL_FOLD octets a line,
 * never inside a UTF-8 sequence, continuation lines start with a space. */
static void fold(const bud_buf *b, bud_buf *out)
{
	const unsigned char *s = (const unsigned char *)bud_buf_str(b);
	size_t n = b->len, i = 0, col = 0;

	while (i < n) {
		size_t len = 1;

		if (s[i] >= 0xc0)	/* the whole character, however long */
			while (i + len < n && (s[i + len] & 0xc0) == 0x80)
				len++;
		if (col + len > ICAL_FOLD) {
			bud_buf_adds(out, "\r\n ");
			col = 1;
		}
		bud_buf_add(out, s + i, len);
		col += len;
		i += len;
	}
	bud_buf_adds(out, "\r\n");
}

/* One property NAME[;params]:text, TEXT-escaped when text is 1. */
static void prop(bud_buf *out, const char *name, const char *lang, const char *value,
		 int text)
{
	bud_buf line;

	if (!value || !value[0])
		return;
	bud_buf_init(&line, ICAL_LINE_MAX);
	bud_buf_adds(&line, name);
	if (lang && lang[0]) {
		bud_buf_adds(&line, ";LANGUAGE=");
		bud_buf_adds(&line, lang);
	}
	bud_buf_addc(&line, ':');
	if (text)
		add_text(&line, value);
	else
		bud_buf_adds(&line, value);
	if (!bud_buf_failed(&line))
		fold(&line, out);
	bud_buf_free(&line);
}

/* ORGANIZER or ATTENDEE with its common name. */
static void person(bud_buf *out, const char *name, const struct bud_ical_person *p,
		   int attendee)
{
	bud_buf line;

	bud_buf_init(&line, ICAL_LINE_MAX);
	bud_buf_adds(&line, name);
	if (p->name && p->name[0]) {
		bud_buf_adds(&line, ";CN=");
		add_param(&line, p->name);
	}
	if (attendee)
		bud_buf_adds(&line, ";ROLE=REQ-PARTICIPANT;RSVP=FALSE");
	bud_buf_adds(&line, ":mailto:");
	bud_buf_adds(&line, p->email);
	if (!bud_buf_failed(&line))
		fold(&line, out);
	bud_buf_free(&line);
}

static int check(const struct bud_ical_event *e, bud_err *err)
{
	if (!e->uid || !e->uid[0])
		return bud_err_set(err, BUD_EINVAL, "uid", "err.required", "no uid");
	if (!e->organizer.email || !e->organizer.email[0])
		return bud_err_set(err, BUD_EINVAL, "organizer", "err.required", "no organizer");
	if (e->sequence < 0)
		return bud_err_set(err, BUD_EINVAL, "sequence", "err.invalid_choice", "sequence < 0");
	if (e->end <= e->start)
		return bud_err_set(err, BUD_EINVAL, "end", "err.invalid_date", "end not after start");
	return BUD_OK;
}

int bud_ical_write(const struct bud_ical_event *e, bud_buf *out, bud_err *err)
{
	char start[17], end[17], stamp[17], seq[24];
	size_t i;
	int rc;

	if ((rc = check(e, err)) != BUD_OK)
		return rc;
	if (bud_ical_utc(e->start, start) || bud_ical_utc(e->end, end) ||
	    bud_ical_utc(e->stamp, stamp))
		return bud_err_set(err, BUD_EINVAL, "start", "err.invalid_date", "time out of range");
	snprintf(seq, sizeof seq, "%d", e->sequence);
	bud_buf_adds(out, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
		     "PRODID:-//budjetti//meetings//EN\r\nCALSCALE:GREGORIAN\r\n");
	bud_buf_adds(out, e->cancel ? "METHOD:CANCEL\r\n" : "METHOD:REQUEST\r\n");
	bud_buf_adds(out, "BEGIN:VEVENT\r\n");
	prop(out, "UID", NULL, e->uid, 0);
	prop(out, "SEQUENCE", NULL, seq, 0);
	prop(out, "DTSTAMP", NULL, stamp, 0);
	prop(out, "DTSTART", NULL, start, 0);
	prop(out, "DTEND", NULL, end, 0);
	prop(out, "SUMMARY", e->lang, e->summary, 1);
	prop(out, "DESCRIPTION", e->lang, e->description, 1);
	prop(out, "LOCATION", e->lang, e->location, 1);
	prop(out, "URL", NULL, e->url, 0);
	person(out, "ORGANIZER", &e->organizer, 0);
	for (i = 0; i < e->nattendees; i++)
		if (e->attendees[i].email && e->attendees[i].email[0])
			person(out, "ATTENDEE", &e->attendees[i], 1);
	bud_buf_adds(out, e->cancel ? "STATUS:CANCELLED\r\n" : "STATUS:CONFIRMED\r\n");
	bud_buf_adds(out, "END:VEVENT\r\nEND:VCALENDAR\r\n");
	if (bud_buf_failed(out))
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "invitation too long");
	return BUD_OK;
}
