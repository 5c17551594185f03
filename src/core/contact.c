/*
 * core/contact.c: e-mail addresses and phone numbers (see contact.h).
 */
#include <string.h>

#include "bud_limits.h"
#include "core/contact.h"

static int local_char_ok(unsigned char c)
{
	return c > 32 && c < 127 && !strchr("\"(),:;<>@[\\]", c);
}

/* The domain: labels of [A-Za-z0-9-], no '-' at either end, >= 2 labels. */
static int domain_ok(const char *d)
{
	size_t label = 0, labels = 1;
	char prev = '.';

	if (!*d)
		return 0;
	for (; *d; prev = *d, d++) {
		unsigned char c = (unsigned char)*d;

		if (c == '.') {
			if (label == 0 || prev == '-')
				return 0;
			label = 0;
			labels++;
			continue;
		}
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-'))
			return 0;
		if (c == '-' && label == 0)
			return 0;
		if (++label > 63)
			return 0;
	}
	return label > 0 && prev != '-' && labels >= 2;
}

int bud_contact_email_ok(const char *addr)
{
	const char *at, *p;

	if (!addr || strlen(addr) > BUD_MAIL_ADDR_MAX)
		return 0;
	at = strchr(addr, '@');
	if (!at || at == addr || at - addr > 64 || strchr(at + 1, '@'))
		return 0;
	if (addr[0] == '.' || at[-1] == '.')
		return 0;
	for (p = addr; p < at; p++)
		if (!local_char_ok((unsigned char)*p) || (p[0] == '.' && p[1] == '.'))
			return 0;
	return domain_ok(at + 1);
}

int bud_contact_phone_ok(const char *s)
{
	int digits = 0;
	const char *p;

	if (!s || strlen(s) > BUD_PHONE_MAX)
		return 0;
	for (p = s; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (*p == '+' && p != s)
			return 0;
		else if (*p != '+' && !strchr(" -()", *p))
			return 0;
	}
	return digits >= 5 && digits <= 15;
}

int bud_contact_email_check(const char *s, const char *field, bud_err *err)
{
	if (!s || !*s || bud_contact_email_ok(s))
		return BUD_OK;
	return bud_err_set(err, BUD_EINVAL, field, "err.contact.email",
			   "%s: not an e-mail address", field);
}

int bud_contact_phone_check(const char *s, const char *field, bud_err *err)
{
	if (!s || !*s || bud_contact_phone_ok(s))
		return BUD_OK;
	return bud_err_set(err, BUD_EINVAL, field, "err.contact.phone",
			   "%s: not a phone number", field);
}
