/*
 * formats/jose.h: what the relying party does with its OWN keys (cjose):
 * a key set made once by the organiser (`budjetti oidc keygen`), holding
 * an RSA key for signing ("use": "sig") and one for encryption ("use":
 * "enc"), each with a key id. With it the service
 *   - authenticates to the token endpoint by a signed client assertion
 *     (private_key_jwt, RFC 7523), as Suomi.fi e-Identification requires,
 *     instead of a shared secret;
 *   - opens ID tokens the provider encrypted to it (a JWE, RSA-OAEP with
 *     AES-GCM or AES-CBC-HMAC; never RSA1_5) before checking them
 *     (formats/idtoken.h);
 *   - publishes the public halves (GET /oidc/jwks.json) for the provider.
 * A key set is a JWKS document of private keys; it never leaves the
 * server's configuration.
 */
#ifndef BUD_FORMATS_JOSE_H
#define BUD_FORMATS_JOSE_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"

/* A new key set (two fresh RSA keys of bits bits, 2048..4096) as JSON
 * into out. */
int bud_jose_keygen(int bits, bud_buf *out, bud_err *err);

/* Check a key set (text of len bytes): a JWKS with a private RSA key of
 * use "sig" and one of use "enc", each with a kid. BUD_EINVAL
 * err.oidc.keys naming what is wrong. */
int bud_jose_keys_check(const char *keys, size_t len, bud_err *err);

/* The public halves of the key set, as a JWKS document into out. */
int bud_jose_public(const char *keys, size_t len, bud_buf *out, bud_err *err);

/*
 * A client assertion for private_key_jwt: a JWT signed RS256 with the
 * set's "sig" key, iss = sub = client_id, aud = the token endpoint, a
 * random jti, iat = now, exp = now + 60. The compact JWS into out.
 */
int bud_jose_client_assertion(const char *keys, size_t len, const char *client_id,
			      const char *audience, int64_t now, bud_buf *out,
			      bud_err *err);

/*
 * token (len bytes) when it is a JWE (five parts): decrypted with the
 * set's "enc" key, the nested JWS into out; a JWS (three parts) is copied
 * as it is. An algorithm other than RSA-OAEP, or content encryption
 * other than A128/192/256GCM or A128CBC-HS256..A256CBC-HS512, is BUD_EAUTH
 * err.oidc.alg; what does not decrypt is err.oidc.malformed.
 */
int bud_jose_open(const char *keys, size_t keys_len, const char *token,
		  size_t len, bud_buf *out, bud_err *err);

#endif
