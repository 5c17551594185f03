/*
 * Unit tests for formats/mail.c: the address check (good and bad forms),
 * RFC 2047 encoded-words for a Finnish and a Swedish subject (decoded
 * back to the same text, never cut inside a character, each word short
 * enough), a plain ASCII subject left as it is, header injection refused,
 * and the whole message: headers, CRLF, base64 body lines of 76; a
 * letter with an iCalendar invitation as multipart/mixed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "formats/mail.h"

/* base64 of the test's own, to decode what the writer wrote. */
static int b64val(char c)
{
	const char *t = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const char *p = strchr(t, c);

	return c && p ? (int)(p - t) : -1;
}

static size_t b64dec(const char *s, size_t n, unsigned char *out)
{
	size_t i, o = 0;
	unsigned v = 0;
	int bits = 0;

	for (i = 0; i < n && s[i] != '='; i++) {
		int d = b64val(s[i]);

		assert_true(d >= 0);
		v = v << 6 | (unsigned)d;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[o++] = (unsigned char)(v >> bits & 0xFF);
		}
	}
	return o;
}

/* Decode every =?UTF-8?B?...?= of h into out; checks each word holds
 * whole characters and is at most 75 characters long. */
static void decode_words(const char *h, char *out, size_t outsz)
{
	size_t o = 0;
	const char *p = h;

	while ((p = strstr(p, "=?UTF-8?B?")) != NULL) {
		const char *start = p + 10, *end = strstr(start, "?=");
		unsigned char buf[128];
		size_t n;

		assert_non_null(end);
		assert_true(end + 2 - p <= 75);
		n = b64dec(start, (size_t)(end - start), buf);
		assert_true(n > 0);
		assert_true((buf[0] & 0xC0) != 0x80);	/* starts on a character */
		assert_true(o + n < outsz);
		memcpy(out + o, buf, n);
		o += n;
		p = end + 2;
	}
	out[o] = '\0';
}

static void test_addresses(void **state)
{
	static const char *const good[] = {"info@hoiva.fi", "a.b-c+d@sub.example.org",
		"x@a-b.fi", "kutsut@keusote.fi", NULL};
	static const char *const bad[] = {"", "info", "@hoiva.fi", "info@", "info@fi",
		"in fo@hoiva.fi", "a..b@hoiva.fi", ".a@hoiva.fi", "a.@hoiva.fi",
		"a@b@hoiva.fi", "a@-hoiva.fi", "a@hoiva-.fi", "a@hoiva..fi", "a@hoiva.fi.",
		"\"a\"@hoiva.fi", "a@hoi_va.fi", "a@höiva.fi", "a\r\nBcc: x@y.fi", NULL};
	size_t i;

	(void)state;
	for (i = 0; good[i]; i++)
		assert_int_equal(bud_mail_addr_ok(good[i]), 1);
	for (i = 0; bad[i]; i++)
		assert_int_equal(bud_mail_addr_ok(bad[i]), 0);
}

static void check_round_trip(const char *subject)
{
	char back[512];
	bud_buf b;

	bud_buf_init(&b, 4096);
	assert_int_equal(bud_mail_header_text(&b, subject), BUD_OK);
	assert_null(strstr(bud_buf_str(&b), "\n="));	/* folded lines start with a space */
	decode_words(bud_buf_str(&b), back, sizeof(back));
	assert_string_equal(back, subject);
	bud_buf_free(&b);
}

static void test_encoded_words(void **state)
{
	char s[64];
	bud_buf b;

	(void)state;
	check_round_trip("Kutsu palveluntuottajaksi: Itä-Uudenmaan hyvinvointialue");
	check_round_trip("Inbjudan att bli serviceproducent: Östra Nylands välfärdsområde");
	check_round_trip("ÄÖÅäöå€");
	/* 35 ASCII bytes and then "ä" across the 36-byte cut: the first word
	 * ends before the ä. */
	memset(s, 'a', 35);
	snprintf(s + 35, sizeof(s) - 35, "\xC3\xA4x");
	bud_buf_init(&b, 4096);
	assert_int_equal(bud_mail_header_text(&b, s), BUD_OK);
	assert_memory_equal(bud_buf_str(&b),
			    "=?UTF-8?B?YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE=?=\r\n =?UTF-8?B?w6R4?=",
			    strlen(bud_buf_str(&b)));
	bud_buf_reset(&b);
	/* ASCII stays as it is. */
	assert_int_equal(bud_mail_header_text(&b, "Invitation"), BUD_OK);
	assert_string_equal(bud_buf_str(&b), "Invitation");
	bud_buf_free(&b);
}

static const struct bud_mail_msg base = {
	.from = "kutsut@keusote.fi", .from_name = "Keusote", .to = "info@hoiva.fi",
	.to_name = "Hoiva Oy", .subject = "Kutsu: Itä-Uusimaa",
	.body = "Hyvä Hoiva Oy,\n\nTervetuloa.\n", .date = 1796634282, .msgid = "budjetti.1.2",
};

static void test_message(void **state)
{
	unsigned char body[256];
	const char *t, *sep, *line;
	bud_buf b;
	bud_err err;
	size_t n;

	(void)state;
	bud_buf_init(&b, 1 << 16);
	assert_int_equal(bud_mail_format(&base, &b, &err), BUD_OK);
	t = bud_buf_str(&b);
	assert_non_null(strstr(t, "Date: Mon, 07 Dec 2026 09:04:42 +0000\r\n"));
	assert_non_null(strstr(t, "From: Keusote <kutsut@keusote.fi>\r\n"));
	assert_non_null(strstr(t, "To: Hoiva Oy <info@hoiva.fi>\r\n"));
	assert_non_null(strstr(t, "Subject: =?UTF-8?B?"));
	assert_non_null(strstr(t, "Message-ID: <budjetti.1.2@keusote.fi>\r\n"));
	assert_non_null(strstr(t, "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
			       "Content-Transfer-Encoding: base64\r\n\r\n"));
	for (line = t; *line; line = strstr(line, "\r\n") + 2)
		assert_true(strstr(line, "\r\n") - line <= 76);
	sep = strstr(t, "\r\n\r\n") + 4;
	n = b64dec(sep, strcspn(sep, "\r"), body);
	assert_int_equal(n, strlen("Hyvä Hoiva Oy,\r\n\r\nTervetuloa.\r\n"));
	assert_memory_equal(body, "Hyvä Hoiva Oy,\r\n\r\nTervetuloa.\r\n", n);
	bud_buf_free(&b);
}

/* A letter with an invitation: multipart/mixed, the text first, then
 * text/calendar with its method, attached as invite.ics, both base64. */
static void test_invitation(void **state)
{
	struct bud_mail_msg m = base;
	const char *ics = "BEGIN:VCALENDAR\r\nMETHOD:CANCEL\r\nEND:VCALENDAR\r\n";
	unsigned char out[256];
	const char *t, *part, *sep;
	bud_buf b;
	bud_err err;
	size_t n;

	(void)state;
	m.ics = ics;
	m.ics_method = "CANCEL";
	bud_buf_init(&b, 1 << 16);
	assert_int_equal(bud_mail_format(&m, &b, &err), BUD_OK);
	t = bud_buf_str(&b);
	assert_non_null(strstr(t, "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; "
			       "boundary=\"=_budjetti_ics_=\"\r\n\r\n--=_budjetti_ics_=\r\n"
			       "Content-Type: text/plain; charset=UTF-8\r\n"));
	part = strstr(t, "Content-Type: text/calendar; method=CANCEL; charset=UTF-8\r\n"
		      "Content-Disposition: attachment; filename=\"invite.ics\"\r\n"
		      "Content-Transfer-Encoding: base64\r\n\r\n");
	assert_non_null(part);
	sep = strstr(part, "\r\n\r\n") + 4;
	n = b64dec(sep, strcspn(sep, "\r"), out);
	assert_int_equal(n, strlen(ics));
	assert_memory_equal(out, ics, n);
	assert_non_null(strstr(t, "\r\n--=_budjetti_ics_=--\r\n"));
	bud_buf_free(&b);
}

static void test_injection_refused(void **state)
{
	struct bud_mail_msg m = base;
	bud_buf b;
	bud_err err;

	(void)state;
	bud_buf_init(&b, 1 << 16);
	m.subject = "Hei\r\nBcc: kaikki@example.org";
	assert_int_equal(bud_mail_format(&m, &b, &err), BUD_EINVAL);
	assert_string_equal(err.field, "subject");
	m = base;
	m.to_name = "Hoiva\nBcc: x@y.fi";
	assert_int_equal(bud_mail_format(&m, &b, &err), BUD_EINVAL);
	m = base;
	m.to = "info@hoiva.fi>\r\nBcc: <x@y.fi";
	assert_int_equal(bud_mail_format(&m, &b, &err), BUD_EINVAL);
	assert_string_equal(err.field, "to");
	bud_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_addresses),
		cmocka_unit_test(test_encoded_words),
		cmocka_unit_test(test_message),
		cmocka_unit_test(test_invitation),
		cmocka_unit_test(test_injection_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
