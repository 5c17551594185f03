/*
 * formats/mail.h: an e-mail message as RFC 5322 text, and the check of an
 * address. No I/O: app/mail.c hands the text to the SMTP relay or writes
 * it as an .eml file.
 *
 * The message is UTF-8 throughout and safe for any relay (7-bit lines):
 *   Date, From, To, Subject, Message-ID, MIME-Version: 1.0,
 *   Content-Type: text/plain; charset=UTF-8,
 *   Content-Transfer-Encoding: base64
 * A subject (or display name) with bytes beyond ASCII becomes RFC 2047
 * encoded-words, =?UTF-8?B?...?=, each at most 75 characters and cut only
 * between characters, folded onto continuation lines. The body is base64
 * in lines of 76. Lines end with CRLF.
 *
 * A letter with an invitation (ics) is multipart/mixed: the text, then
 * the invitation as text/calendar; method=...; charset=UTF-8 (base64,
 * also attached as invite.ics), so that mail programs offer to add it to
 * the calendar (RFC 6047).
 *
 * Header injection: a CR or LF in an address, name or subject is refused
 * (BUD_EINVAL), never passed on.
 */
#ifndef BUD_FORMATS_MAIL_H
#define BUD_FORMATS_MAIL_H

#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"

/* Whether addr is an e-mail address: bud_contact_email_ok (core/contact.h). */
int bud_mail_addr_ok(const char *addr);

struct bud_mail_msg {
	const char *from;	/* address */
	const char *from_name;	/* display name, may be NULL or "" */
	const char *to;		/* address */
	const char *to_name;	/* may be NULL or "" */
	const char *subject;	/* UTF-8 */
	const char *body;	/* UTF-8 text, lines ended by LF or CRLF */
	int64_t date;		/* Unix seconds, written in UTC */
	const char *msgid;	/* the part before '@' of the Message-ID */
	const char *ics;	/* NULL or "": none; else an iCalendar invitation */
	const char *ics_method;	/* its METHOD (REQUEST, CANCEL) */
};

/* Append the message to out. BUD_EINVAL (field from, to, subject or
 * to_name) for a bad address or a header with CR or LF; BUD_ETOOBIG when
 * out is full. */
int bud_mail_format(const struct bud_mail_msg *m, bud_buf *out, bud_err *err);

/* Append s to out as RFC 2047 encoded-words when it holds a byte beyond
 * ASCII (else as it is); each word after the first on a folded line that
 * begins with one space. For the header writer and its tests. */
int bud_mail_header_text(bud_buf *out, const char *s);

#endif
