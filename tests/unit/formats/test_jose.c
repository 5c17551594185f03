/*
 * Unit tests for formats/jose.c, the service's own keys: a key set made,
 * checked and published without its private parts; a client assertion
 * that verifies with the published signing key and carries the claims
 * private_key_jwt needs; an ID token encrypted to the published key opened,
 * one with RSA1_5 or to another key refused, a plain JWS passed through.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <cjose/cjose.h>
#include <jansson.h>

#include "formats/jose.h"

static bud_buf keys, pub;

static int setup(void **state)
{
	bud_err err;

	(void)state;
	bud_buf_init(&keys, 65536);
	bud_buf_init(&pub, 65536);
	return bud_jose_keygen(2048, &keys, &err) == BUD_OK &&
	       bud_jose_public(keys.data, keys.len, &pub, &err) == BUD_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	bud_buf_free(&keys);
	bud_buf_free(&pub);
	return 0;
}

/* The published key of use ("sig"/"enc") as a cjose key. */
static cjose_jwk_t *published(const char *use)
{
	json_t *doc = json_loads(pub.data, 0, NULL), *k;
	cjose_jwk_t *jwk = NULL;
	cjose_err cerr;
	size_t i;

	json_array_foreach(json_object_get(doc, "keys"), i, k)
		if (strcmp(json_string_value(json_object_get(k, "use")), use) == 0)
			jwk = cjose_jwk_import_json((cjose_header_t *)k, &cerr);
	json_decref(doc);
	return jwk;
}

static void test_keys(void **state)
{
	bud_err err;

	(void)state;
	assert_int_equal(bud_jose_keys_check(keys.data, keys.len, &err), BUD_OK);
	assert_null(strstr(pub.data, "\"d\""));		/* no private part published */
	assert_non_null(strstr(pub.data, "\"kid\""));
	assert_int_equal(bud_jose_keys_check(pub.data, pub.len, &err), BUD_EINVAL);
	assert_string_equal(err.key, "err.oidc.keys");
	assert_int_equal(bud_jose_keys_check("{\"keys\":[]}", 11, &err), BUD_EINVAL);
}

static void test_client_assertion(void **state)
{
	cjose_jwk_t *sig = published("sig");
	cjose_err cerr;
	cjose_jws_t *jws;
	uint8_t *plain;
	size_t n;
	bud_buf a;
	bud_err err;
	json_t *c;

	(void)state;
	bud_buf_init(&a, 16384);
	assert_int_equal(bud_jose_client_assertion(keys.data, keys.len, "rp-1",
			"https://op.test/token", 1800000000, &a, &err), BUD_OK);
	jws = cjose_jws_import(a.data, a.len, &cerr);
	assert_non_null(jws);
	assert_true(cjose_jws_verify(jws, sig, &cerr));
	assert_true(cjose_jws_get_plaintext(jws, &plain, &n, &cerr));
	c = json_loadb((const char *)plain, n, 0, NULL);
	assert_string_equal(json_string_value(json_object_get(c, "iss")), "rp-1");
	assert_string_equal(json_string_value(json_object_get(c, "sub")), "rp-1");
	assert_string_equal(json_string_value(json_object_get(c, "aud")), "https://op.test/token");
	assert_int_equal(json_integer_value(json_object_get(c, "exp")), 1800000060);
	assert_int_equal(strlen(json_string_value(json_object_get(c, "jti"))), 32);
	json_decref(c);
	cjose_jws_release(jws);
	cjose_jwk_release(sig);
	bud_buf_free(&a);
}

/* inner encrypted to key with alg/enc, as a compact JWE (malloc'd). */
static char *encrypt(cjose_jwk_t *key, const char *alg, const char *enc, const char *inner)
{
	cjose_err cerr;
	cjose_header_t *h = cjose_header_new(&cerr);
	cjose_jwe_t *jwe;
	char *out = NULL, *ser = NULL;

	cjose_header_set(h, CJOSE_HDR_ALG, alg, &cerr);
	cjose_header_set(h, CJOSE_HDR_ENC, enc, &cerr);
	jwe = cjose_jwe_encrypt(key, h, (const uint8_t *)inner, strlen(inner), &cerr);
	if (jwe && (ser = cjose_jwe_export(jwe, &cerr)))
		out = strdup(ser);
	cjose_get_dealloc()(ser);
	cjose_jwe_release(jwe);
	cjose_header_release(h);
	return out;
}

static void test_open(void **state)
{
	static const char inner[] = "aGVhZA.Ym9keQ.c2ln";	/* any compact JWS */
	cjose_jwk_t *enc = published("enc"), *other;
	static const uint8_t e[] = {1, 0, 1};
	cjose_err cerr;
	char *tok;
	bud_buf out;
	bud_err err;

	(void)state;
	bud_buf_init(&out, 16384);
	tok = encrypt(enc, "RSA-OAEP", "A256GCM", inner);
	assert_non_null(tok);
	assert_int_equal(bud_jose_open(keys.data, keys.len, tok, strlen(tok), &out, &err), BUD_OK);
	assert_string_equal(out.data, inner);
	free(tok);
	bud_buf_reset(&out);
	tok = encrypt(enc, "RSA1_5", "A128CBC-HS256", inner);
	assert_int_equal(bud_jose_open(keys.data, keys.len, tok, strlen(tok), &out, &err), BUD_EAUTH);
	assert_string_equal(err.key, "err.oidc.alg");
	free(tok);
	other = cjose_jwk_create_RSA_random(2048, e, sizeof e, &cerr);
	tok = encrypt(other, "RSA-OAEP", "A256GCM", inner);
	assert_int_equal(bud_jose_open(keys.data, keys.len, tok, strlen(tok), &out, &err), BUD_EAUTH);
	assert_string_equal(err.key, "err.oidc.malformed");
	free(tok);
	/* a signed token passes as it is; three dots is neither */
	bud_buf_reset(&out);
	assert_int_equal(bud_jose_open(keys.data, keys.len, inner, strlen(inner), &out, &err), BUD_OK);
	assert_string_equal(out.data, inner);
	assert_int_equal(bud_jose_open(keys.data, keys.len, "a.b.c.d", 7, &out, &err), BUD_EAUTH);
	cjose_jwk_release(other);
	cjose_jwk_release(enc);
	bud_buf_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_client_assertion),
		cmocka_unit_test(test_open),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
