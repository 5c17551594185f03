/*
 * app/oidc_int.h: what app/oidc.c and app/oidc_fetch.c share (internal to
 * app/): one audience's relying party with what was learnt from its
 * provider, and the back-channel requests.
 */
#ifndef BUD_APP_OIDC_INT_H
#define BUD_APP_OIDC_INT_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "app/oidc.h"
#include "core/buf.h"

#define OIDC_URL_MAX 512

struct oidc_rp {
	int on;
	char issuer[OIDC_URL_MAX];
	char client_id[256], secret[256], claim[64];	/* secret "": private_key_jwt */
	char acr[BUD_OIDC_ACR_MAX][128];
	pthread_mutex_t mu;		/* what follows */
	int discovered;
	char authorize[OIDC_URL_MAX], token[OIDC_URL_MAX], jwks_uri[OIDC_URL_MAX];
	char *jwks;			/* the provider's keys (JWKS text) */
	size_t jwks_len;
	int64_t jwks_at;		/* when fetched */
};

struct bud_oidc {
	char redirect_uri[OIDC_URL_MAX + 32];
	struct oidc_rp rp[BUD_OIDC_AUDIENCES];
	char *keys;			/* our own key set (formats/jose.h), or NULL */
	size_t keys_len;
};

/* 1 when url is https, or http to a loopback address (tests only). */
int bud_oidc_url_ok(const char *url);

/* The discovery document of rp, fetched once (under rp->mu). */
int bud_oidc_discover(struct oidc_rp *rp, bud_err *err);

/* A copy of rp's keys into out; fetched first when there are none, or
 * again when refresh and the last fetch is BUD_OIDC_JWKS_MIN_S old. */
int bud_oidc_keys(struct oidc_rp *rp, int refresh, int64_t now, bud_buf *out,
		  bud_err *err);

/* The ID token of the token endpoint's answer to code (PKCE verifier),
 * opened if it was encrypted to us (formats/jose.h), into out: a JWS to
 * check. now dates a client assertion (private_key_jwt). */
int bud_oidc_exchange(const struct bud_oidc *o, struct oidc_rp *rp,
		      const char *code, const char *verifier, int64_t now,
		      bud_buf *out, bud_err *err);

#endif
