/*
 * formats/idtoken.h: checking an OpenID Connect ID token (a JWS in compact
 * form) against the provider's published keys (a JWKS document) and what
 * the sign-in expects of it. The signature is verified by cjose (Debian's
 * libcjose); this file decides which key and algorithm may be used, and
 * checks the claims. No network and no database: app/oidc.c fetches the
 * keys and the token, and keeps the state and nonce of the sign-in.
 *
 * What is refused (each BUD_EAUTH with its own catalog key, so a test can
 * prove each check; nothing of the token is trusted before the signature):
 *   err.oidc.malformed  not a compact JWS, a payload that is not a JSON
 *                       object, a claim of the wrong type or too long
 *   err.oidc.alg        an algorithm other than RS/PS/ES 256/384/512
 *                       ("none" and HMAC among them), or a key whose type
 *                       or own "alg" does not fit the token's
 *   err.oidc.signature  the signature does not verify with the key
 *   err.oidc.issuer     "iss" is not the configured issuer
 *   err.oidc.audience   "aud" does not name our client id (or "azp" names
 *                       another party when there are several audiences)
 *   err.oidc.expired    "exp" is past (more than skew seconds ago)
 *   err.oidc.future     "iat" or "nbf" is ahead of now by more than skew
 *   err.oidc.nonce      "nonce" is not the one this sign-in sent
 *   err.oidc.acr        the assurance level is not one of those accepted
 *   err.oidc.identity   the configured identity claim (or "sub") is missing
 * and BUD_ENOTFOUND err.oidc.kid when no key of the JWKS has the token's
 * key id: the caller may fetch the keys again once (the provider rotated
 * them) and retry.
 */
#ifndef BUD_FORMATS_IDTOKEN_H
#define BUD_FORMATS_IDTOKEN_H

#include <stddef.h>
#include <stdint.h>

#include "bud_limits.h"
#include "core/err.h"

/* What the sign-in expects of the token. */
struct bud_idtoken_expect {
	const char *issuer;		/* exactly the "iss" */
	const char *client_id;		/* one of "aud" */
	const char *nonce;		/* the sign-in's own */
	const char *acr[BUD_OIDC_ACR_MAX]; /* accepted "acr" values; all NULL: any */
	const char *claim;		/* identity claim to copy out; NULL: only sub */
	int64_t now;			/* seconds since the epoch */
	int64_t skew;			/* seconds of clock difference allowed */
};

/* What the sign-in takes from a verified token. Strings are NUL-ended. */
struct bud_idtoken {
	char sub[BUD_OIDC_CLAIM_MAX];
	char sid[BUD_OIDC_CLAIM_MAX];	/* "" when the provider sends none */
	char acr[BUD_OIDC_CLAIM_MAX];
	char ident[BUD_OIDC_CLAIM_MAX];	/* the claim expect->claim names */
	char given_name[BUD_OIDC_CLAIM_MAX];
	char family_name[BUD_OIDC_CLAIM_MAX];
	int64_t iat, exp;
};

/*
 * Verify token (len bytes, at most BUD_OIDC_TOKEN_MAX) with the keys of
 * jwks (a JWKS JSON document of jwks_len bytes) and check its claims
 * against x. On BUD_OK *out holds the claims; on any refusal *out is
 * zeroed. err names the reason (see above); the detail never carries a
 * claim's value.
 */
int bud_idtoken_verify(const char *token, size_t len, const char *jwks,
		       size_t jwks_len, const struct bud_idtoken_expect *x,
		       struct bud_idtoken *out, bud_err *err);

#endif
