/*
 * Unit tests for app/totp.c: the RFC 6238 test vectors (SHA-1, 8 digits,
 * appendix B), enrolment confirmed by a first code, sign-in in two steps,
 * a code refused when wrong or reused within its window, recovery codes
 * used once, the fresh second factor of approvals, and the bound on
 * argon2id checks running at once (counted entries, not timing).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <cmocka.h>

#include "app/account.h"
#include "app/totp.h"
#include "app_fixture.h"
#include "bud_limits.h"
#include "store/credential.h"

static bud_app *APP(void **state)
{
	return &((struct fx *)*state)->app;
}

static void test_rfc6238_vectors(void **state)
{
	static const unsigned char key[] = "12345678901234567890";
	static const struct {
		int64_t t;
		const char *code;
	} v[] = {
		{59, "94287082"}, {1111111109, "07081804"}, {1111111111, "14050471"},
		{1234567890, "89005924"}, {2000000000, "69279037"},
		{INT64_C(20000000000), "65353130"},
	};
	char out[16];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		assert_int_equal(bud_totp_code(key, 20, v[i].t, 30, 8, out, sizeof(out)),
				 BUD_OK);
		assert_string_equal(out, v[i].code);
	}
	assert_int_equal(bud_totp_code(key, 20, 59, 30, 8, out, 8), BUD_EINVAL);
}

/* The user's secret (pending: the one waiting for confirmation). */
static void secret_of(void **state, int64_t user, int pending, unsigned char *out)
{
	struct bud_store_totp t;
	bud_err err;
	bud_conn *c = bud_db_reader(APP(state)->db, &err);

	assert_non_null(c);
	assert_int_equal(bud_store_totp_get(c, user, &t, &err), BUD_OK);
	assert_true(pending ? t.has_pending : t.enrolled);
	memcpy(out, pending ? t.pending : t.secret, BUD_TOTP_SECRET_BYTES);
}

/* The code of secret at the app's clock plus skew steps. */
static void code_at(void **state, const unsigned char *s, int skew, char *out)
{
	assert_int_equal(bud_totp_code(s, BUD_TOTP_SECRET_BYTES,
				       bud_app_now(APP(state)) + skew * BUD_TOTP_STEP_S,
				       BUD_TOTP_STEP_S, BUD_TOTP_DIGITS, out, 16), BUD_OK);
}

/* Enrol user dm; the secret into s, the recovery codes into *codes. */
static void enrol(void **state, bud_actor *a, unsigned char *s, json_t **codes)
{
	char code[16];
	json_t *st = NULL;
	bud_err err;

	fx_actor(*state, FX_DM, a);
	bud_err_clear(&err);
	assert_int_equal(bud_totp_start(APP(state), a, &err), BUD_OK);
	assert_int_equal(bud_totp_status(APP(state), a, "QR", &st, &err), BUD_OK);
	assert_false(json_is_true(json_object_get(st, "enrolled")));
	assert_non_null(strstr(json_string_value(json_object_get(
		json_object_get(st, "pending"), "svg")), "<title id=\"totp-qr-title\">QR</title>"));
	json_decref(st);
	secret_of(state, FX_DM, 1, s);
	assert_int_equal(bud_totp_confirm(APP(state), a, "000000", codes, &err),
			 BUD_EAUTH);
	assert_string_equal(err.key, "err.totp.wrong");
	code_at(state, s, 0, code);
	assert_int_equal(bud_totp_confirm(APP(state), a, code, codes, &err), BUD_OK);
	assert_int_equal(json_array_size(*codes), BUD_RECOVERY_CODES);
	secret_of(state, FX_DM, 0, s);
}

static void test_enrol_and_codes(void **state)
{
	unsigned char s[BUD_TOTP_SECRET_BYTES];
	json_t *codes = NULL;
	char code[16], wrong[16];
	bud_actor a;
	bud_err err;

	enrol(state, &a, s, &codes);
	a.session_id = 0;
	/* the confirming code was its step: reuse refused */
	code_at(state, s, 0, code);
	assert_int_equal(bud_account_fresh_second_factor(APP(state), &a, code, &err),
			 BUD_EAUTH);
	assert_string_equal(err.key, "err.totp.reused");
	assert_string_equal(err.field, "code");
	code_at(state, s, 1, code);	/* the next step, within the window */
	snprintf(wrong, sizeof(wrong), "%06d", (atoi(code) + 1) % 1000000);
	assert_int_equal(bud_account_fresh_second_factor(APP(state), &a, wrong, &err),
			 BUD_EAUTH);
	assert_string_equal(err.key, "err.totp.wrong");
	assert_int_equal(bud_account_fresh_second_factor(APP(state), &a, code, &err),
			 BUD_OK);
	assert_int_equal(bud_account_fresh_second_factor(APP(state), &a, code, &err),
			 BUD_EAUTH);
	assert_string_equal(err.key, "err.totp.reused");
	/* no code and no fresh one in the session */
	assert_int_equal(bud_account_fresh_second_factor(APP(state), &a, NULL, &err),
			 BUD_EAUTH);
	assert_string_equal(err.key, "err.totp.needed");
	/* a recovery code, once */
	assert_int_equal(bud_account_fresh_second_factor(APP(state), &a,
		json_string_value(json_array_get(codes, 0)), &err), BUD_OK);
	assert_int_equal(bud_account_fresh_second_factor(APP(state), &a,
		json_string_value(json_array_get(codes, 0)), &err), BUD_EAUTH);
	assert_string_equal(err.key, "err.totp.wrong");
	json_decref(codes);
}

static void test_login_two_steps(void **state)
{
	unsigned char s[BUD_TOTP_SECRET_BYTES];
	char token[BUD_TOKEN_TEXT], code[16];
	json_t *codes = NULL;
	bud_actor a, b;
	bud_err err;

	enrol(state, &a, s, &codes);
	json_decref(codes);
	bud_err_clear(&err);
	assert_int_equal(bud_account_login_ua(APP(state), "dm", FX_PASSWORD, "-",
					      "Firefox", &b, token, &err), BUD_OK);
	assert_int_equal(b.factor_pending, 1);
	memset(&a, 0, sizeof(a));
	assert_int_equal(bud_account_session(APP(state), token, &a, &err), BUD_EAUTH);
	code_at(state, s, 0, code);	/* used by the enrolment */
	assert_int_equal(bud_totp_login_code(APP(state), token, code, "-", &a, &err),
			 BUD_EAUTH);
	assert_string_equal(err.key, "err.totp.reused");
	code_at(state, s, -1, code);	/* earlier still: refused as well */
	assert_int_equal(bud_totp_login_code(APP(state), token, code, "-", &a, &err),
			 BUD_EAUTH);
	APP(state)->now_override += BUD_TOTP_STEP_S;
	code_at(state, s, 0, code);
	assert_int_equal(bud_totp_login_code(APP(state), token, code, "-", &a, &err),
			 BUD_OK);
	assert_int_equal(a.factor_pending, 0);
	memset(&b, 0, sizeof(b));
	assert_int_equal(bud_account_session(APP(state), token, &b, &err), BUD_OK);
	assert_int_equal(b.user_id, FX_DM);
	/* the sign-in's code is fresh for an approval for a while */
	assert_int_equal(bud_account_fresh_second_factor(APP(state), &b, NULL, &err),
			 BUD_OK);
	APP(state)->now_override += BUD_TOTP_FRESH_S;
	assert_int_equal(bud_account_fresh_second_factor(APP(state), &b, NULL, &err),
			 BUD_EAUTH);
}

static void test_not_enrolled_passes(void **state)
{
	bud_actor a;
	bud_err err;

	fx_actor(*state, FX_WORKER, &a);
	assert_int_equal(bud_account_fresh_second_factor(APP(state), &a, NULL, &err),
			 BUD_OK);
	fx_actor(*state, FX_CLIENT, &a);
	assert_int_equal(bud_totp_start(APP(state), &a, &err), BUD_EFORBIDDEN);
}

static void *hash_one(void *arg)
{
	char out[128];
	bud_err err;

	(void)arg;
	bud_account_hash_password("yksi kaksi kolme neljä", NULL, out, sizeof(out), &err);
	return NULL;
}

static void test_argon2_bound(void **state)
{
	pthread_t t[3 * BUD_ARGON2_CONCURRENT];
	size_t i;
	int peak;

	(void)state;
	bud_account_argon2_peak(1);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		assert_int_equal(pthread_create(&t[i], NULL, hash_one, NULL), 0);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		pthread_join(t[i], NULL);
	peak = bud_account_argon2_peak(0);
	assert_true(peak >= 1);
	assert_true(peak <= BUD_ARGON2_CONCURRENT);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc6238_vectors),
		T(test_enrol_and_codes),
		T(test_login_two_steps),
		T(test_not_enrolled_passes),
		cmocka_unit_test(test_argon2_bound),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
