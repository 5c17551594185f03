/*
 * tests/unit/core/test_contact.c: e-mail addresses and phone numbers as
 * people type them (core/contact.h), both ways: what passes and what not.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "bud_limits.h"
#include "core/contact.h"

static void test_email(void **state)
{
	static const char *const good[] = {"a@b.fi", "etu.suku@hyvinvointialue.fi",
		"kirjaamo+oikaisu@ita-uusimaa.example", "x_1@a-b.c.fi"};
	static const char *const bad[] = {"", "a", "a@", "@b.fi", "a@b", "a b@c.fi",
		"a@@b.fi", "a@b..fi", ".a@b.fi", "a.@b.fi", "a..b@c.fi", "a@-b.fi",
		"a@b-.fi", "ä@b.fi", "a@b.fi,c@d.fi", "<a@b.fi>"};
	bud_err e;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof good / sizeof good[0]; i++)
		assert_true(bud_contact_email_ok(good[i]));
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_false(bud_contact_email_ok(bad[i]));
	assert_false(bud_contact_email_ok(NULL));
	assert_int_equal(bud_contact_email_check("", "email", &e), BUD_OK);
	assert_int_equal(bud_contact_email_check("a@b", "registry_email", &e), BUD_EINVAL);
	assert_string_equal(e.field, "registry_email");
	assert_string_equal(e.key, "err.contact.email");
}

static void test_phone(void **state)
{
	static const char *const good[] = {"09 123 4567", "+358 40 123 4567",
		"(09) 1234 567", "040-1234567", "0295016000", "12345"};
	static const char *const bad[] = {"", "1234", "09 1", "040 123 4567 x", "358+40 1",
		"++358 40 123 4567", "+358 40 123 4567 123 456", "puh. 040 123 4567",
		"040/1234567", "1234567890123456"};
	bud_err e;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof good / sizeof good[0]; i++)
		assert_true(bud_contact_phone_ok(good[i]));
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_false(bud_contact_phone_ok(bad[i]));
	assert_int_equal(bud_contact_phone_check(NULL, "phone", &e), BUD_OK);
	assert_int_equal(bud_contact_phone_check("12", "a11y_phone", &e), BUD_EINVAL);
	assert_string_equal(e.field, "a11y_phone");
	assert_string_equal(e.key, "err.contact.phone");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_email),
		cmocka_unit_test(test_phone),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
