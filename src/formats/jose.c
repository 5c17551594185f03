/*
 * formats/jose.c: the relying party's own keys (formats/jose.h), with
 * cjose for every cryptographic step (key generation, signing,
 * decryption); here only which key and algorithm, and the JSON around
 * them. Used once per sign-in and once at key generation.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjose/cjose.h>
#include <jansson.h>
#include <sodium.h>

#include "formats/jose.h"

static int keys_bad(bud_err *err, const char *why)
{
	return bud_err_set(err, BUD_EINVAL, "keys", "err.oidc.keys", "key set: %s", why);
}

/* The key object of use ("sig" or "enc") in the parsed set; borrowed. */
static json_t *key_of(json_t *set, const char *use)
{
	json_t *k;
	size_t i;

	json_array_foreach(json_object_get(set, "keys"), i, k) {
		const char *u = json_string_value(json_object_get(k, "use"));

		if (u && strcmp(u, use) == 0)
			return k;
	}
	return NULL;
}

/* The cjose key of use in the key set text; NULL with err set. */
static cjose_jwk_t *load_key(const char *keys, size_t len, const char *use,
			     char *kid, size_t kidsz, bud_err *err)
{
	json_t *set = json_loadb(keys, len, JSON_REJECT_DUPLICATES, NULL);
	json_t *k = set ? key_of(set, use) : NULL;
	const char *id = json_string_value(json_object_get(k, "kid"));
	cjose_jwk_t *jwk = NULL;
	cjose_err cerr;

	if (k && id && (!kid || strlen(id) < kidsz) && json_object_get(k, "d"))
		jwk = cjose_jwk_import_json((cjose_header_t *)k, &cerr);
	if (jwk && cjose_jwk_get_kty(jwk, &cerr) != CJOSE_JWK_KTY_RSA) {
		cjose_jwk_release(jwk);
		jwk = NULL;
	}
	if (jwk && kid)
		memcpy(kid, id, strlen(id) + 1);
	json_decref(set);
	if (!jwk)
		keys_bad(err, strcmp(use, "sig") == 0 ? "no private RSA key of use sig with a kid" :
			 "no private RSA key of use enc with a kid");
	return jwk;
}

int bud_jose_keys_check(const char *keys, size_t len, bud_err *err)
{
	cjose_jwk_t *s = load_key(keys, len, "sig", NULL, 0, err), *e;

	if (!s)
		return BUD_EINVAL;
	cjose_jwk_release(s);
	if (!(e = load_key(keys, len, "enc", NULL, 0, err)))
		return BUD_EINVAL;
	cjose_jwk_release(e);
	return BUD_OK;
}

/* jwk as a JSON object (private or public half) with use, alg and kid. */
static json_t *key_json(const cjose_jwk_t *jwk, int priv, const char *use,
			const char *alg, const char *kid)
{
	cjose_err cerr;
	char *text = cjose_jwk_to_json(jwk, priv, &cerr);
	json_t *o = text ? json_loads(text, 0, NULL) : NULL;

	if (text)
		cjose_get_dealloc()(text);
	if (o) {
		json_object_set_new(o, "use", json_string(use));
		json_object_set_new(o, "alg", json_string(alg));
		json_object_set_new(o, "kid", json_string(kid));
	}
	return o;
}

/* Append the JSON of doc (taken) to out. */
static int dump_into(json_t *doc, bud_buf *out, bud_err *err)
{
	char *text = doc ? json_dumps(doc, JSON_INDENT(2)) : NULL;
	int rc;

	json_decref(doc);
	if (!text)
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.internal", "key set");
	rc = bud_buf_adds(out, text);
	free(text);
	return rc;
}

int bud_jose_keygen(int bits, bud_buf *out, bud_err *err)
{
	static const uint8_t e[] = {1, 0, 1};
	static const char *const uses[2] = {"sig", "enc"}, *const algs[2] = {"RS256", "RSA-OAEP"};
	json_t *keys = json_array();
	unsigned char raw[6];
	char kid[40], hex[13];
	cjose_err cerr;
	int i;

	if (bits < 2048 || bits > 4096)
		return bud_err_set(err, BUD_EINVAL, "bits", "err.oidc.keys", "2048..4096 bits");
	for (i = 0; i < 2; i++) {
		cjose_jwk_t *k = cjose_jwk_create_RSA_random((size_t)bits, e, sizeof e, &cerr);

		if (!k) {
			json_decref(keys);
			return bud_err_set(err, BUD_EIO, NULL, "err.internal", "RSA key generation");
		}
		randombytes_buf(raw, sizeof raw);
		sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
		snprintf(kid, sizeof kid, "budjetti-%s-%s", uses[i], hex);
		json_array_append_new(keys, key_json(k, 1, uses[i], algs[i], kid));
		cjose_jwk_release(k);
	}
	return dump_into(json_pack("{s:o}", "keys", keys), out, err);
}

int bud_jose_public(const char *keys, size_t len, bud_buf *out, bud_err *err)
{
	static const char *const uses[2] = {"sig", "enc"}, *const algs[2] = {"RS256", "RSA-OAEP"};
	json_t *pub = json_array();
	char kid[128];
	int i;

	for (i = 0; i < 2; i++) {
		cjose_jwk_t *k = load_key(keys, len, uses[i], kid, sizeof kid, err);

		if (!k) {
			json_decref(pub);
			return BUD_EINVAL;
		}
		json_array_append_new(pub, key_json(k, 0, uses[i], algs[i], kid));
		cjose_jwk_release(k);
	}
	return dump_into(json_pack("{s:o}", "keys", pub), out, err);
}

/* A random jti: 16 bytes as hex into out (33 bytes). */
static void random_jti(char out[33])
{
	unsigned char raw[16];

	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(out, 33, raw, sizeof raw);
}

int bud_jose_client_assertion(const char *keys, size_t len, const char *client_id,
			      const char *audience, int64_t now, bud_buf *out,
			      bud_err *err)
{
	char kid[128], jti[33], *payload;
	cjose_jwk_t *k = load_key(keys, len, "sig", kid, sizeof kid, err);
	json_t *claims;
	cjose_header_t *h;
	cjose_jws_t *jws = NULL;
	const char *ser = NULL;
	cjose_err cerr;
	int rc;

	if (!k)
		return BUD_EINVAL;
	random_jti(jti);
	claims = json_pack("{s:s, s:s, s:s, s:s, s:I, s:I}", "iss", client_id,
			   "sub", client_id, "aud", audience, "jti", jti,
			   "iat", (json_int_t)now, "exp", (json_int_t)now + 60);
	payload = claims ? json_dumps(claims, JSON_COMPACT) : NULL;
	json_decref(claims);
	h = cjose_header_new(&cerr);
	if (payload && h && cjose_header_set(h, CJOSE_HDR_ALG, CJOSE_HDR_ALG_RS256, &cerr) &&
	    cjose_header_set(h, CJOSE_HDR_KID, kid, &cerr) &&
	    cjose_header_set(h, "typ", "JWT", &cerr))
		jws = cjose_jws_sign(k, h, (const uint8_t *)payload, strlen(payload), &cerr);
	if (jws && cjose_jws_export(jws, &ser, &cerr))
		rc = bud_buf_adds(out, ser);
	else
		rc = bud_err_set(err, BUD_EIO, NULL, "err.internal", "client assertion");
	cjose_jws_release(jws);
	cjose_header_release(h);
	cjose_jwk_release(k);
	free(payload);
	return rc;
}

static int enc_ok(const char *enc)
{
	static const char *const ok[] = {"A128GCM", "A192GCM", "A256GCM", "A128CBC-HS256",
					 "A192CBC-HS384", "A256CBC-HS512"};
	size_t i;

	for (i = 0; enc && i < sizeof ok / sizeof ok[0]; i++)
		if (strcmp(enc, ok[i]) == 0)
			return 1;
	return 0;
}

/* Decrypt the JWE token with the set's "enc" key into out. */
static int decrypt(const char *keys, size_t keys_len, const char *token, size_t len,
		   bud_buf *out, bud_err *err)
{
	cjose_err cerr;
	cjose_jwe_t *jwe = cjose_jwe_import(token, len, &cerr);
	cjose_header_t *h = jwe ? cjose_jwe_get_protected(jwe) : NULL;
	const char *alg = h ? cjose_header_get(h, CJOSE_HDR_ALG, &cerr) : NULL;
	const char *enc = h ? cjose_header_get(h, CJOSE_HDR_ENC, &cerr) : NULL;
	cjose_jwk_t *k = NULL;
	uint8_t *plain = NULL;
	size_t n = 0;
	int rc = BUD_OK;

	if (!jwe)
		return bud_err_set(err, BUD_EAUTH, NULL, "err.oidc.malformed", "not a JWE");
	if (!alg || strcmp(alg, "RSA-OAEP") != 0 || !enc_ok(enc))
		rc = bud_err_set(err, BUD_EAUTH, NULL, "err.oidc.alg",
				 "ID token: encryption not accepted");
	if (rc == BUD_OK && !(k = load_key(keys, keys_len, "enc", NULL, 0, err)))
		rc = BUD_EINVAL;
	if (rc == BUD_OK && !(plain = cjose_jwe_decrypt(jwe, k, &n, &cerr)))
		rc = bud_err_set(err, BUD_EAUTH, NULL, "err.oidc.malformed",
				 "ID token: does not decrypt");
	if (rc == BUD_OK)
		rc = bud_buf_add(out, plain, n);
	if (plain) {
		sodium_memzero(plain, n);
		cjose_get_dealloc()(plain);
	}
	if (k)
		cjose_jwk_release(k);
	cjose_jwe_release(jwe);
	return rc;
}

int bud_jose_open(const char *keys, size_t keys_len, const char *token,
		  size_t len, bud_buf *out, bud_err *err)
{
	size_t i, dots = 0;

	for (i = 0; i < len; i++)
		dots += token[i] == '.';
	if (dots == 2)
		return bud_buf_add(out, token, len);
	if (dots != 4 || !keys)
		return bud_err_set(err, BUD_EAUTH, NULL, "err.oidc.malformed",
				   "ID token: neither a JWS nor a JWE we can open");
	return decrypt(keys, keys_len, token, len, out, err);
}
