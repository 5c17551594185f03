/*
 * formats/mail.c: RFC 5322 text of a letter and the address check (see
 * formats/mail.h). The letter is small (one page of text), so it is built
 * in one bud_buf; base64 is written here, a dozen lines, to keep formats/
 * free of libsodium.
 */
#include <assert.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "bud_limits.h"
#include "core/contact.h"
#include "formats/mail.h"

static const char b64[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Encoded-words carry at most this many bytes of text: 4 * 36 / 3 = 48
 * characters of base64 and 12 of =?UTF-8?B?...?=, so a word and the
 * longest header name before it ("Subject: ") stay under 76 columns. */
#define WORD_BYTES 36
#define BODY_LINE_BYTES 57	/* 76 base64 characters a line */

/* Append the base64 of n bytes at p (with padding). */
static void add_b64(bud_buf *out, const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i + 2 < n; i += 3) {
		unsigned v = (unsigned)p[i] << 16 | (unsigned)p[i + 1] << 8 | p[i + 2];

		bud_buf_addc(out, b64[v >> 18 & 63]);
		bud_buf_addc(out, b64[v >> 12 & 63]);
		bud_buf_addc(out, b64[v >> 6 & 63]);
		bud_buf_addc(out, b64[v & 63]);
	}
	if (n - i == 1) {
		unsigned v = (unsigned)p[i] << 16;

		bud_buf_addc(out, b64[v >> 18 & 63]);
		bud_buf_addc(out, b64[v >> 12 & 63]);
		bud_buf_adds(out, "==");
	} else if (n - i == 2) {
		unsigned v = (unsigned)p[i] << 16 | (unsigned)p[i + 1] << 8;

		bud_buf_addc(out, b64[v >> 18 & 63]);
		bud_buf_addc(out, b64[v >> 12 & 63]);
		bud_buf_addc(out, b64[v >> 6 & 63]);
		bud_buf_addc(out, '=');
	}
}

static int ascii_only(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

int bud_mail_header_text(bud_buf *out, const char *s)
{
	size_t len = strlen(s), at = 0;

	if (ascii_only(s))
		return bud_buf_adds(out, s);
	while (at < len) {
		size_t n = len - at < WORD_BYTES ? len - at : WORD_BYTES;

		/* Never cut a character: back off continuation bytes. */
		while (at + n < len && n > 1 && ((unsigned char)s[at + n] & 0xC0) == 0x80)
			n--;
		if (at > 0)
			bud_buf_adds(out, "\r\n ");
		bud_buf_adds(out, "=?UTF-8?B?");
		add_b64(out, (const unsigned char *)s + at, n);
		bud_buf_adds(out, "?=");
		at += n;
	}
	return bud_buf_failed(out) ? BUD_ETOOBIG : BUD_OK;
}

int bud_mail_addr_ok(const char *addr)
{
	return bud_contact_email_ok(addr);
}

static int no_crlf(const char *s, const char *field, bud_err *err)
{
	if (s && strpbrk(s, "\r\n"))
		return bud_err_set(err, BUD_EINVAL, field, "err.mail.header",
				   "a line break in a header");
	return BUD_OK;
}

/* "Name <addr>" or "addr" after "Label: ". */
static void add_address(bud_buf *out, const char *label, const char *name,
			const char *addr)
{
	bud_buf_adds(out, label);
	if (name && *name) {
		bud_mail_header_text(out, name);
		bud_buf_adds(out, " ");
	}
	bud_buf_addf(out, name && *name ? "<%s>\r\n" : "%s\r\n", addr);
}

/* The body as base64 lines, each LF not after a CR made CRLF first;
 * BUD_ETOOBIG for a body over BUD_MAIL_BODY_MAX. */
static int add_body(bud_buf *out, const char *body)
{
	bud_buf text;
	size_t i;

	bud_buf_init(&text, 2 * BUD_MAIL_BODY_MAX + 2);
	for (i = 0; body[i]; i++) {
		if (body[i] == '\n' && (i == 0 || body[i - 1] != '\r'))
			bud_buf_addc(&text, '\r');
		bud_buf_addc(&text, body[i]);
	}
	if (bud_buf_failed(&text)) {
		bud_buf_free(&text);
		return BUD_ETOOBIG;
	}
	for (i = 0; i < text.len; i += BODY_LINE_BYTES) {
		size_t n = text.len - i < BODY_LINE_BYTES ? text.len - i : BODY_LINE_BYTES;

		add_b64(out, (const unsigned char *)bud_buf_str(&text) + i, n);
		bud_buf_adds(out, "\r\n");
	}
	bud_buf_free(&text);
	return BUD_OK;
}

/* The text part's headers and body. */
static int add_text_part(bud_buf *out, const char *body)
{
	bud_buf_adds(out, "Content-Type: text/plain; charset=UTF-8\r\n"
		     "Content-Transfer-Encoding: base64\r\n\r\n");
	return add_body(out, body ? body : "");
}

/* multipart/mixed: the text, then the invitation (RFC 6047). The
 * boundary cannot occur in base64 text ('=' and '_' pairs are not
 * base64 lines). */
static int add_with_ics(bud_buf *out, const struct bud_mail_msg *m)
{
	static const char boundary[] = "=_budjetti_ics_=";
	const char *method = m->ics_method && strcmp(m->ics_method, "CANCEL") == 0 ?
			     "CANCEL" : "REQUEST";

	bud_buf_addf(out, "Content-Type: multipart/mixed; boundary=\"%s\"\r\n\r\n"
		     "--%s\r\n", boundary, boundary);
	if (add_text_part(out, m->body) != BUD_OK)
		return BUD_ETOOBIG;
	bud_buf_addf(out, "\r\n--%s\r\nContent-Type: text/calendar; method=%s; "
		     "charset=UTF-8\r\nContent-Disposition: attachment; "
		     "filename=\"invite.ics\"\r\nContent-Transfer-Encoding: base64\r\n\r\n",
		     boundary, method);
	if (add_body(out, m->ics) != BUD_OK)
		return BUD_ETOOBIG;
	bud_buf_addf(out, "\r\n--%s--\r\n", boundary);
	return bud_buf_failed(out) ? BUD_ETOOBIG : BUD_OK;
}

int bud_mail_format(const struct bud_mail_msg *m, bud_buf *out, bud_err *err)
{
	char date[64];
	struct tm tm;
	time_t t;
	int rc;

	assert(m && out);
	if (!bud_mail_addr_ok(m->from))
		return bud_err_set(err, BUD_EINVAL, "from", "err.mail.address", "bad sender");
	if (!bud_mail_addr_ok(m->to))
		return bud_err_set(err, BUD_EINVAL, "to", "err.mail.address", "bad recipient");
	if ((rc = no_crlf(m->subject, "subject", err)) || (rc = no_crlf(m->to_name, "to_name", err)) ||
	    (rc = no_crlf(m->from_name, "from", err)) || (rc = no_crlf(m->msgid, "msgid", err)))
		return rc;
	t = (time_t)m->date;
	gmtime_r(&t, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	bud_buf_addf(out, "Date: %s\r\n", date);
	add_address(out, "From: ", m->from_name, m->from);
	add_address(out, "To: ", m->to_name, m->to);
	bud_buf_adds(out, "Subject: ");
	bud_mail_header_text(out, m->subject ? m->subject : "");
	bud_buf_addf(out, "\r\nMessage-ID: <%s@%s>\r\n", m->msgid ? m->msgid : "0",
		     strchr(m->from, '@') + 1);
	bud_buf_adds(out, "MIME-Version: 1.0\r\n");
	if ((m->ics && m->ics[0] ? add_with_ics(out, m) :
	     add_text_part(out, m->body)) != BUD_OK || bud_buf_failed(out))
		return bud_err_set(err, BUD_ETOOBIG, NULL, "err.too_large",
				   "the letter does not fit");
	return BUD_OK;
}
