/*
 * core/contact.h: the one check of the ways people are reached, as people
 * type them: e-mail addresses and phone numbers. Used by every use case
 * that takes one (clients, providers, the organiser's settings, mail);
 * formats/mail.c's bud_mail_addr_ok is this address check.
 */
#ifndef BUD_CORE_CONTACT_H
#define BUD_CORE_CONTACT_H

#include "core/err.h"

/*
 * A plausible Internet address local@domain: at most BUD_MAIL_ADDR_MAX
 * bytes, one '@', a local part of 1..64 printable ASCII characters other
 * than space, quotes, brackets, commas, ';', ':' and '\', without a
 * leading, trailing or doubled dot; a domain of dot-separated labels of
 * letters, digits and '-' (not at a label's ends), at least two labels.
 * 1 when it is, else 0 (also for NULL).
 */
int bud_contact_email_ok(const char *addr);

/*
 * A phone number as written in Finland or abroad: digits, spaces, '-',
 * '(' and ')', at most one '+' and only first; 5..15 digits (E.164 has
 * at most 15), at most BUD_PHONE_MAX bytes. "09 123 4567", "+358 40 123
 * 4567", "(09) 1234 567". 1 when it is, else 0 (also for NULL).
 */
int bud_contact_phone_ok(const char *s);

/* The checks above as a refusal naming field: "" passes (an optional
 * value left empty); else BUD_EINVAL with err.contact.email or
 * err.contact.phone (messages that show what a good one looks like). */
int bud_contact_email_check(const char *s, const char *field, bud_err *err);
int bud_contact_phone_check(const char *s, const char *field, bud_err *err);

#endif
