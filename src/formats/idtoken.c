/*
 * formats/idtoken.c: the ID token checks of idtoken.h. Order matters: the
 * algorithm and key are chosen from our own allow-list before anything
 * else, the signature is verified before any claim is read, and only then
 * are the claims compared with what the sign-in expects. The token is small
 * (BUD_OIDC_TOKEN_MAX) and checked once per sign-in, so clarity wins over
 * speed here.
 */
#include <string.h>

#include <cjose/cjose.h>
#include <jansson.h>
#include <sodium.h>

#include "formats/idtoken.h"

/* The signature algorithms accepted, with the key type each needs. */
static const struct {
	const char *alg;
	cjose_jwk_kty_t kty;
} algs[] = {
	{"RS256", CJOSE_JWK_KTY_RSA}, {"RS384", CJOSE_JWK_KTY_RSA},
	{"RS512", CJOSE_JWK_KTY_RSA}, {"PS256", CJOSE_JWK_KTY_RSA},
	{"PS384", CJOSE_JWK_KTY_RSA}, {"PS512", CJOSE_JWK_KTY_RSA},
	{"ES256", CJOSE_JWK_KTY_EC},  {"ES384", CJOSE_JWK_KTY_EC},
	{"ES512", CJOSE_JWK_KTY_EC},
};

static int refuse(bud_err *err, const char *key, const char *detail)
{
	return bud_err_set(err, BUD_EAUTH, NULL, key, "ID token: %s", detail);
}

/* The key type alg needs; -1 when alg is not accepted. */
static int alg_kty(const char *alg)
{
	size_t i;

	for (i = 0; alg && i < sizeof(algs) / sizeof(algs[0]); i++)
		if (strcmp(alg, algs[i].alg) == 0)
			return (int)algs[i].kty;
	return -1;
}

static const char *member_str(json_t *o, const char *name)
{
	return json_string_value(json_object_get(o, name));
}

/* Does the JWK object k fit a token signed with alg by key id kid? */
static int key_fits(json_t *k, const char *alg, const char *kid)
{
	const char *kty = member_str(k, "kty"), *use = member_str(k, "use");
	const char *kalg = member_str(k, "alg"), *kkid = member_str(k, "kid");
	int want = alg_kty(alg);

	if (!kty || (use && strcmp(use, "sig") != 0))
		return 0;
	if (kalg && strcmp(kalg, alg) != 0)
		return 0;
	if (kid && (!kkid || strcmp(kid, kkid) != 0))
		return 0;
	if (want == CJOSE_JWK_KTY_RSA)
		return strcmp(kty, "RSA") == 0;
	return want == CJOSE_JWK_KTY_EC && strcmp(kty, "EC") == 0;
}

/*
 * The key of jwks for the token: the one with its kid, or, when the token
 * names none, the only key that fits. *jwk_out is retained (release it).
 */
static int find_key(const char *jwks, size_t jwks_len, const char *alg,
		    const char *kid, cjose_jwk_t **jwk_out, bud_err *err)
{
	json_t *doc, *keys, *k, *found = NULL;
	cjose_err cerr;
	size_t i, n = 0;

	*jwk_out = NULL;
	doc = json_loadb(jwks, jwks_len, JSON_REJECT_DUPLICATES, NULL);
	keys = json_object_get(doc, "keys");
	json_array_foreach(keys, i, k) {
		if (key_fits(k, alg, kid)) {
			found = k;
			n++;
		}
	}
	if (found && (kid || n == 1))
		*jwk_out = cjose_jwk_import_json((cjose_header_t *)found, &cerr);
	json_decref(doc);
	if (*jwk_out)
		return BUD_OK;
	if (found && (kid || n == 1))
		return refuse(err, "err.oidc.alg", "the key cannot be read");
	return bud_err_set(err, BUD_ENOTFOUND, NULL, "err.oidc.kid",
			   "ID token: no published key for its key id");
}

/* Import token, check the algorithm, find the key, verify the signature;
 * *claims gets the payload object. */
static int verified_claims(const char *token, size_t len, const char *jwks,
			   size_t jwks_len, json_t **claims, bud_err *err)
{
	cjose_err cerr;
	cjose_jws_t *jws;
	cjose_jwk_t *jwk = NULL;
	cjose_header_t *hdr;
	uint8_t *plain = NULL;
	size_t plain_len = 0;
	const char *alg, *kid;
	int rc;

	*claims = NULL;
	if (len == 0 || len > BUD_OIDC_TOKEN_MAX || memchr(token, '\0', len))
		return refuse(err, "err.oidc.malformed", "empty or too long");
	if (!(jws = cjose_jws_import(token, len, &cerr)))
		return refuse(err, "err.oidc.malformed", "not a compact JWS");
	hdr = cjose_jws_get_protected(jws);
	alg = hdr ? cjose_header_get(hdr, CJOSE_HDR_ALG, &cerr) : NULL;
	kid = hdr ? cjose_header_get(hdr, CJOSE_HDR_KID, &cerr) : NULL;
	if (alg_kty(alg) < 0)
		rc = refuse(err, "err.oidc.alg", "algorithm not accepted");
	else
		rc = find_key(jwks, jwks_len, alg, kid, &jwk, err);
	if (rc == BUD_OK && !cjose_jws_verify(jws, jwk, &cerr))
		rc = refuse(err, "err.oidc.signature", "signature does not verify");
	if (rc == BUD_OK && !cjose_jws_get_plaintext(jws, &plain, &plain_len, &cerr))
		rc = refuse(err, "err.oidc.malformed", "no payload");
	if (rc == BUD_OK) {
		*claims = json_loadb((const char *)plain, plain_len,
				     JSON_REJECT_DUPLICATES, NULL);
		if (!json_is_object(*claims)) {
			json_decref(*claims);
			*claims = NULL;
			rc = refuse(err, "err.oidc.malformed", "payload is not an object");
		}
	}
	if (jwk)
		cjose_jwk_release(jwk);
	cjose_jws_release(jws);
	return rc;
}

/* Copy the string claim name into dst; 0 when absent, -1 when malformed. */
static int copy_claim(json_t *claims, const char *name, char *dst, size_t cap)
{
	json_t *v = json_object_get(claims, name);
	size_t n;

	dst[0] = '\0';
	if (!v)
		return 0;
	if (!json_is_string(v) || (n = json_string_length(v)) >= cap ||
	    memchr(json_string_value(v), '\0', n))
		return -1;
	memcpy(dst, json_string_value(v), n + 1);
	return n > 0;
}

static int same(const char *a, const char *b)
{
	size_t n = strlen(a);

	return n == strlen(b) && sodium_memcmp(a, b, n) == 0;
}

static int audience_ok(json_t *claims, const char *client_id)
{
	json_t *aud = json_object_get(claims, "aud"), *v;
	const char *azp = member_str(claims, "azp");
	size_t i;
	int ours = 0;

	if (json_is_string(aud))
		ours = strcmp(json_string_value(aud), client_id) == 0;
	json_array_foreach(aud, i, v)
		ours |= json_is_string(v) && strcmp(json_string_value(v), client_id) == 0;
	if (!ours)
		return 0;
	if (json_is_array(aud) && json_array_size(aud) > 1 && !azp)
		return 0;
	return !azp || strcmp(azp, client_id) == 0;
}

/* The time claims: exp required and not past, iat required and not
 * ahead, nbf (optional) not ahead; skew seconds either way. */
static int times_ok(json_t *claims, const struct bud_idtoken_expect *x,
		    struct bud_idtoken *out, bud_err *err)
{
	json_t *exp = json_object_get(claims, "exp");
	json_t *iat = json_object_get(claims, "iat");
	json_t *nbf = json_object_get(claims, "nbf");

	if (!json_is_integer(exp) || !json_is_integer(iat) ||
	    (nbf && !json_is_integer(nbf)))
		return refuse(err, "err.oidc.malformed", "exp and iat must be integers");
	out->exp = (int64_t)json_integer_value(exp);
	out->iat = (int64_t)json_integer_value(iat);
	if (out->exp + x->skew < x->now)
		return refuse(err, "err.oidc.expired", "expired");
	if (out->iat - x->skew > x->now ||
	    (nbf && (int64_t)json_integer_value(nbf) - x->skew > x->now))
		return refuse(err, "err.oidc.future", "issued in the future");
	return BUD_OK;
}

static int acr_ok(const struct bud_idtoken_expect *x, const char *acr)
{
	int i, any = 1;

	for (i = 0; i < BUD_OIDC_ACR_MAX; i++) {
		if (!x->acr[i])
			continue;
		any = 0;
		if (strcmp(x->acr[i], acr) == 0)
			return 1;
	}
	return any;
}

/* The claims of a verified token against x, copied into out. */
static int check_claims(json_t *claims, const struct bud_idtoken_expect *x,
			struct bud_idtoken *out, bud_err *err)
{
	char nonce[BUD_OIDC_CLAIM_MAX], iss[BUD_OIDC_CLAIM_MAX];
	int rc;

	if (copy_claim(claims, "iss", iss, sizeof iss) <= 0 || strcmp(iss, x->issuer) != 0)
		return refuse(err, "err.oidc.issuer", "another issuer");
	if (!audience_ok(claims, x->client_id))
		return refuse(err, "err.oidc.audience", "not for this client");
	if ((rc = times_ok(claims, x, out, err)) != BUD_OK)
		return rc;
	if (copy_claim(claims, "nonce", nonce, sizeof nonce) <= 0 || !x->nonce ||
	    !same(nonce, x->nonce))
		return refuse(err, "err.oidc.nonce", "not this sign-in's nonce");
	if (copy_claim(claims, "acr", out->acr, sizeof out->acr) < 0 ||
	    !acr_ok(x, out->acr))
		return refuse(err, "err.oidc.acr", "assurance level not accepted");
	if (copy_claim(claims, "sub", out->sub, sizeof out->sub) <= 0 ||
	    (x->claim && copy_claim(claims, x->claim, out->ident, sizeof out->ident) <= 0))
		return refuse(err, "err.oidc.identity", "identity claim missing");
	if (copy_claim(claims, "sid", out->sid, sizeof out->sid) < 0 ||
	    copy_claim(claims, "given_name", out->given_name, sizeof out->given_name) < 0 ||
	    copy_claim(claims, "family_name", out->family_name, sizeof out->family_name) < 0)
		return refuse(err, "err.oidc.malformed", "a claim is malformed");
	return BUD_OK;
}

int bud_idtoken_verify(const char *token, size_t len, const char *jwks,
		       size_t jwks_len, const struct bud_idtoken_expect *x,
		       struct bud_idtoken *out, bud_err *err)
{
	json_t *claims;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!token || !jwks || !x || !x->issuer || !x->client_id)
		return refuse(err, "err.oidc.malformed", "nothing to check");
	rc = verified_claims(token, len, jwks, jwks_len, &claims, err);
	if (rc == BUD_OK)
		rc = check_claims(claims, x, out, err);
	json_decref(claims);
	if (rc != BUD_OK)
		memset(out, 0, sizeof(*out));
	return rc;
}
