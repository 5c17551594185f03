/*
 * Unit tests for formats/ical.c: a request and a cancel with UID,
 * SEQUENCE and UTC times, TEXT escaping, folding at 75 octets that never
 * splits a UTF-8 character and unfolds back to the original, CRLF line
 * ends, and the refusals.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "formats/ical.h"

/* 2027-01-15 08:00:00 UTC (10:00 in Helsinki) */
#define T0 1800000000

static const struct bud_ical_person attendee[] = {
	{"Henrik Sundström", "henrik@example.fi"},
	{"Liisa \"Äiti\" Virtanen", "liisa@example.fi"},
};

static struct bud_ical_event event(void)
{
	return (struct bud_ical_event){
		.uid = "meeting-7@budjetti.example", .sequence = 0, .start = T0,
		.end = T0 + 3600, .stamp = T0 - 86400, .lang = "sv",
		.summary = "Bedömning av servicebehovet",
		.description = "Vi går igenom; vad du behöver, och hur.\nVälkommen!",
		.location = "Runebergsgatan 20, Borgå",
		.organizer = {"Maria Nieminen", "maria@example.fi"},
		.attendees = attendee, .nattendees = 2};
}

static char *write(const struct bud_ical_event *e)
{
	bud_buf b;
	bud_err err;

	bud_buf_init(&b, 65536);
	bud_err_clear(&err);
	assert_int_equal(bud_ical_write(e, &b, &err), BUD_OK);
	return bud_buf_steal(&b, NULL);
}

/* The text with folds undone (CRLF + space removed). */
static char *unfold(const char *s)
{
	char *o = malloc(strlen(s) + 1), *p = o;

	assert_non_null(o);
	while (*s) {
		if (s[0] == '\r' && s[1] == '\n' && s[2] == ' ') {
			s += 3;
			continue;
		}
		*p++ = *s++;
	}
	*p = '\0';
	return o;
}

static void test_request(void **state)
{
	struct bud_ical_event e = event();
	char *s = write(&e), *u = unfold(s);

	(void)state;
	assert_non_null(strstr(s, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
	assert_non_null(strstr(s, "METHOD:REQUEST\r\n"));
	assert_non_null(strstr(s, "UID:meeting-7@budjetti.example\r\n"));
	assert_non_null(strstr(s, "SEQUENCE:0\r\n"));
	assert_non_null(strstr(s, "DTSTART:20270115T080000Z\r\n"));
	assert_non_null(strstr(s, "DTEND:20270115T090000Z\r\n"));
	assert_non_null(strstr(s, "DTSTAMP:20270114T080000Z\r\n"));
	assert_non_null(strstr(u, "SUMMARY;LANGUAGE=sv:Bedömning av servicebehovet\r\n"));
	assert_non_null(strstr(u, "DESCRIPTION;LANGUAGE=sv:Vi går igenom\\; vad du behöver\\, "
				  "och hur.\\nVälkommen!\r\n"));
	assert_non_null(strstr(u, "LOCATION;LANGUAGE=sv:Runebergsgatan 20\\, Borgå\r\n"));
	assert_non_null(strstr(u, "ORGANIZER;CN=\"Maria Nieminen\":mailto:maria@example.fi\r\n"));
	assert_non_null(strstr(u, "ATTENDEE;CN=\"Liisa Äiti Virtanen\";ROLE=REQ-PARTICIPANT;"
				  "RSVP=FALSE:mailto:liisa@example.fi\r\n"));
	assert_non_null(strstr(s, "STATUS:CONFIRMED\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"));
	assert_null(strstr(s, "METHOD:CANCEL"));
	free(s);
	free(u);
}

static void test_cancel_moves_sequence(void **state)
{
	struct bud_ical_event e = event();
	char *s;

	(void)state;
	e.cancel = 1;
	e.sequence = 2;
	s = write(&e);
	assert_non_null(strstr(s, "METHOD:CANCEL\r\n"));
	assert_non_null(strstr(s, "SEQUENCE:2\r\n"));
	assert_non_null(strstr(s, "UID:meeting-7@budjetti.example\r\n"));
	assert_non_null(strstr(s, "STATUS:CANCELLED\r\n"));
	free(s);
}

/* Every physical line at most 75 octets, ends in CRLF, and no line starts
 * with a UTF-8 continuation byte (a character cut in two). */
static void test_folding(void **state)
{
	struct bud_ical_event e = event();
	char desc[600], *s, *u, *line, *next;
	size_t i;

	(void)state;
	for (i = 0; i + 2 < sizeof desc; i += 2)
		memcpy(desc + i, "ä", 2);	/* two octets each: folds fall mid-character */
	desc[i] = '\0';
	e.description = desc;
	s = write(&e);
	for (line = s; *line; line = next + 2) {
		next = strstr(line, "\r\n");
		assert_non_null(next);
		assert_true((size_t)(next - line) <= 75);
		if (line[0] == ' ')
			assert_true(((unsigned char)line[1] & 0xc0) != 0x80);
		for (char *c = line; c < next; c++)
			assert_true(*c != '\n' && *c != '\r');
	}
	u = unfold(s);
	assert_non_null(strstr(u, desc));
	free(s);
	free(u);
}

static void test_refusals(void **state)
{
	struct bud_ical_event e = event();
	bud_buf b;
	bud_err err;
	char t[17];

	(void)state;
	bud_buf_init(&b, 65536);
	e.uid = "";
	assert_int_equal(bud_ical_write(&e, &b, &err), BUD_EINVAL);
	assert_string_equal(err.field, "uid");
	e = event();
	e.end = e.start;
	assert_int_equal(bud_ical_write(&e, &b, &err), BUD_EINVAL);
	assert_string_equal(err.field, "end");
	e = event();
	e.organizer.email = NULL;
	assert_int_equal(bud_ical_write(&e, &b, &err), BUD_EINVAL);
	assert_string_equal(err.field, "organizer");
	assert_int_equal(b.len, 0);
	bud_buf_free(&b);
	bud_buf_init(&b, 64);		/* too small: refused, not cut */
	e = event();
	assert_int_equal(bud_ical_write(&e, &b, &err), BUD_ENOMEM);
	bud_buf_free(&b);
	assert_int_equal(bud_ical_utc(0, t), BUD_OK);
	assert_string_equal(t, "19700101T000000Z");
	assert_int_equal(bud_ical_utc(-1, t), BUD_OK);
	assert_string_equal(t, "19691231T235959Z");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_request),
		cmocka_unit_test(test_cancel_moves_sequence),
		cmocka_unit_test(test_folding),
		cmocka_unit_test(test_refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
