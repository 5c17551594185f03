/*
 * Unit tests for formats/idtoken.c. Keys are made here with cjose (an RSA
 * and an EC key, each with a key id), tokens are signed here, and each
 * test changes ONE thing of an otherwise good token, so that each check of
 * idtoken.c has a test that passes only while the check is there: a bad
 * signature, another issuer, another audience, expired, issued in the
 * future, another nonce (a replay), a lower assurance level, an unknown
 * key id, "none" and HMAC algorithms, a missing identity claim.
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

#include "formats/idtoken.h"

#define NOW 1800000000
#define ISS "https://tunnistus.example.test"
#define CLIENT "budjetti-test"
#define LOA3 "http://ftn.ficora.fi/2017/loa3"
#define LOA2 "http://ftn.ficora.fi/2017/loa2"

static cjose_jwk_t *rsa, *ec;
static char *jwks;	/* both public keys */

static int setup(void **state)
{
	static const uint8_t e[] = {1, 0, 1};
	cjose_err cerr;
	char *a, *b;
	size_t n;

	(void)state;
	rsa = cjose_jwk_create_RSA_random(2048, e, sizeof e, &cerr);
	ec = cjose_jwk_create_EC_random(CJOSE_JWK_EC_P_256, &cerr);
	if (!rsa || !ec || !cjose_jwk_set_kid(rsa, "rsa-1", 5, &cerr) ||
	    !cjose_jwk_set_kid(ec, "ec-1", 4, &cerr))
		return -1;
	a = cjose_jwk_to_json(rsa, false, &cerr);
	b = cjose_jwk_to_json(ec, false, &cerr);
	n = strlen(a) + strlen(b) + 32;
	jwks = malloc(n);
	snprintf(jwks, n, "{\"keys\":[%s,%s]}", a, b);
	free(a);
	free(b);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	cjose_jwk_release(rsa);
	cjose_jwk_release(ec);
	free(jwks);
	return 0;
}

/* The claims of a good token; tests change one. */
static json_t *good_claims(void)
{
	return json_pack("{s:s, s:s, s:s, s:I, s:I, s:s, s:s, s:s, s:s, s:s}",
			 "iss", ISS, "aud", CLIENT, "sub", "subject-1",
			 "iat", (json_int_t)NOW - 10, "exp", (json_int_t)NOW + 300,
			 "nonce", "n-123", "acr", LOA3,
			 "nationalIdentificationNumber", "010101-123N",
			 "given_name", "Matti", "sid", "sid-9");
}

/* Sign claims (consumed) with key under alg and kid (NULL: none). */
static char *sign(cjose_jwk_t *key, const char *alg, const char *kid, json_t *claims)
{
	cjose_err cerr;
	cjose_header_t *h = cjose_header_new(&cerr);
	char *payload = json_dumps(claims, JSON_COMPACT);
	const char *ser = NULL;
	cjose_jws_t *jws;
	char *out;

	cjose_header_set(h, CJOSE_HDR_ALG, alg, &cerr);
	if (kid)
		cjose_header_set(h, CJOSE_HDR_KID, kid, &cerr);
	jws = cjose_jws_sign(key, h, (const uint8_t *)payload, strlen(payload), &cerr);
	assert_non_null(jws);
	assert_true(cjose_jws_export(jws, &ser, &cerr));
	out = strdup(ser);
	cjose_jws_release(jws);
	cjose_header_release(h);
	free(payload);
	json_decref(claims);
	return out;
}

static void expect_init(struct bud_idtoken_expect *x)
{
	memset(x, 0, sizeof(*x));
	x->issuer = ISS;
	x->client_id = CLIENT;
	x->nonce = "n-123";
	x->acr[0] = LOA3;
	x->claim = "nationalIdentificationNumber";
	x->now = NOW;
	x->skew = 60;
}

/* Verify tok (freed) and return the rc; *key gets the catalog key. */
static int check(char *tok, const struct bud_idtoken_expect *x, struct bud_idtoken *t,
		 const char **key)
{
	bud_err err;
	int rc;

	bud_err_clear(&err);
	rc = bud_idtoken_verify(tok, strlen(tok), jwks, strlen(jwks), x, t, &err);
	*key = err.key;
	free(tok);
	return rc;
}

static void test_good_rsa_and_ec(void **state)
{
	struct bud_idtoken_expect x;
	struct bud_idtoken t;
	const char *key;

	(void)state;
	expect_init(&x);
	assert_int_equal(check(sign(rsa, "RS256", "rsa-1", good_claims()), &x, &t, &key), BUD_OK);
	assert_string_equal(t.ident, "010101-123N");
	assert_string_equal(t.sub, "subject-1");
	assert_string_equal(t.sid, "sid-9");
	assert_string_equal(t.acr, LOA3);
	assert_string_equal(t.given_name, "Matti");
	assert_int_equal(check(sign(ec, "ES256", "ec-1", good_claims()), &x, &t, &key), BUD_OK);
	/* no kid in the token: the one key that fits the algorithm */
	assert_int_equal(check(sign(ec, "ES256", NULL, good_claims()), &x, &t, &key), BUD_OK);
}

/* claims with member name set to the string s (or the integer i). */
static json_t *with(const char *name, const char *s, json_int_t i)
{
	json_t *c = good_claims();

	json_object_set_new(c, name, s ? json_string(s) : json_integer(i));
	return c;
}

static void refused(char *tok, const struct bud_idtoken_expect *x, int code,
		    const char *want)
{
	struct bud_idtoken t;
	const char *key;

	assert_int_equal(check(tok, x, &t, &key), code);
	assert_string_equal(key, want);
	assert_string_equal(t.ident, "");	/* nothing leaks out */
}

static void test_claims_refused(void **state)
{
	struct bud_idtoken_expect x;

	(void)state;
	expect_init(&x);
	refused(sign(rsa, "RS256", "rsa-1", with("iss", "https://evil.test", 0)), &x,
		BUD_EAUTH, "err.oidc.issuer");
	refused(sign(rsa, "RS256", "rsa-1", with("aud", "another-client", 0)), &x,
		BUD_EAUTH, "err.oidc.audience");
	refused(sign(rsa, "RS256", "rsa-1", with("exp", NULL, NOW - 61)), &x,
		BUD_EAUTH, "err.oidc.expired");
	refused(sign(rsa, "RS256", "rsa-1", with("iat", NULL, NOW + 61)), &x,
		BUD_EAUTH, "err.oidc.future");
	refused(sign(rsa, "RS256", "rsa-1", with("nonce", "n-old-replayed", 0)), &x,
		BUD_EAUTH, "err.oidc.nonce");
	refused(sign(rsa, "RS256", "rsa-1", with("acr", LOA2, 0)), &x,
		BUD_EAUTH, "err.oidc.acr");
	{
		json_t *c = good_claims();

		json_object_del(c, "nationalIdentificationNumber");
		refused(sign(rsa, "RS256", "rsa-1", c), &x, BUD_EAUTH, "err.oidc.identity");
	}
	/* within the skew both ways is fine */
	{
		struct bud_idtoken t;
		const char *key;

		assert_int_equal(check(sign(rsa, "RS256", "rsa-1", with("exp", NULL, NOW - 30)),
				       &x, &t, &key), BUD_OK);
	}
}

static void test_audience_list(void **state)
{
	struct bud_idtoken_expect x;
	struct bud_idtoken t;
	const char *key;
	json_t *c;

	(void)state;
	expect_init(&x);
	c = good_claims();
	json_object_set_new(c, "aud", json_pack("[s, s]", "other", CLIENT));
	refused(sign(rsa, "RS256", "rsa-1", c), &x, BUD_EAUTH, "err.oidc.audience");
	c = good_claims();
	json_object_set_new(c, "aud", json_pack("[s, s]", "other", CLIENT));
	json_object_set_new(c, "azp", json_string(CLIENT));
	assert_int_equal(check(sign(rsa, "RS256", "rsa-1", c), &x, &t, &key), BUD_OK);
}

static void test_signature_and_keys(void **state)
{
	struct bud_idtoken_expect x;
	char *tok;
	size_t n;

	(void)state;
	expect_init(&x);
	tok = sign(rsa, "RS256", "rsa-1", good_claims());
	n = strlen(tok);
	tok[n - 5] = tok[n - 5] == 'A' ? 'B' : 'A';	/* one bit of the signature */
	refused(tok, &x, BUD_EAUTH, "err.oidc.signature");
	/* signed by the EC key but claiming the RSA key's id */
	refused(sign(ec, "ES256", "rsa-1", good_claims()), &x, BUD_ENOTFOUND, "err.oidc.kid");
	refused(sign(rsa, "RS256", "rotated-2", good_claims()), &x, BUD_ENOTFOUND,
		"err.oidc.kid");
}

static void test_algorithms_refused(void **state)
{
	struct bud_idtoken_expect x;
	cjose_err cerr;
	char *hdr = NULL, *body = NULL, *payload, tok[4096];
	size_t hn, bn;
	cjose_jwk_t *oct;
	json_t *c = good_claims();

	(void)state;
	expect_init(&x);
	/* "none": a header, the claims and no signature at all */
	payload = json_dumps(c, JSON_COMPACT);
	json_decref(c);
	assert_true(cjose_base64url_encode((const uint8_t *)"{\"alg\":\"none\",\"kid\":\"rsa-1\"}",
					   29, &hdr, &hn, &cerr));
	assert_true(cjose_base64url_encode((const uint8_t *)payload, strlen(payload),
					   &body, &bn, &cerr));
	snprintf(tok, sizeof tok, "%s.%s.", hdr, body);
	refused(strdup(tok), &x, BUD_EAUTH, "err.oidc.malformed");
	/* cjose itself will not read a "none" token, signed or not */
	snprintf(tok, sizeof tok, "%s.%s.AAAA", hdr, body);
	refused(strdup(tok), &x, BUD_EAUTH, "err.oidc.malformed");
	free(hdr);
	free(body);
	free(payload);
	/* HMAC with a secret: never, whatever the key (our allow-list: cjose
	 * reads such a token) */
	oct = cjose_jwk_create_oct_random(32, &cerr);
	refused(sign(oct, "HS256", "rsa-1", good_claims()), &x, BUD_EAUTH, "err.oidc.alg");
	cjose_jwk_release(oct);
	refused(strdup("not.a.token"), &x, BUD_EAUTH, "err.oidc.malformed");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_rsa_and_ec),
		cmocka_unit_test(test_claims_refused),
		cmocka_unit_test(test_audience_list),
		cmocka_unit_test(test_signature_and_keys),
		cmocka_unit_test(test_algorithms_refused),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
