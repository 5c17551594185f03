/*
 * store/oidc.h: the tables of sign-in through OpenID Connect
 * (store_oidc.c, migration 018): sign-ins under way (oidc_flow), the
 * identity codes of accounts that are not a client's own (user_identity)
 * and the provider's session id of our sessions (oidc_session). app/oidc.c
 * makes the values and decides; here are only the rows.
 */
#ifndef BUD_STORE_OIDC_H
#define BUD_STORE_OIDC_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "store/db.h"

#define BUD_STORE_OIDC_SECRET 64	/* base64url of 32 random bytes and NUL */

struct bud_store_oidc_flow {
	char audience[16];			/* "citizen" or "staff" */
	char nonce[BUD_STORE_OIDC_SECRET];
	char verifier[BUD_STORE_OIDC_SECRET];
	char lang[4];
	int64_t created_at;
};

/* Record a sign-in started, under the hash of its state. */
int bud_store_oidc_flow_insert(bud_conn *w, const unsigned char *state_hash,
			       size_t hashlen, const struct bud_store_oidc_flow *f,
			       bud_err *err);

/* Take (read and delete) the sign-in of state_hash; BUD_ENOTFOUND when
 * there is none (never started, or already taken). */
int bud_store_oidc_flow_take(bud_conn *w, const unsigned char *state_hash,
			     size_t hashlen, struct bud_store_oidc_flow *out,
			     bud_err *err);

/* Delete sign-ins started before `before` (abandoned ones). */
int bud_store_oidc_flow_prune(bud_conn *w, int64_t before, bud_err *err);

/* Up to max ids of active users with identity (kind, value), lowest first,
 * into ids; *n of them. */
int bud_store_identity_users(bud_conn *c, const char *kind, const char *value,
			     int64_t *ids, size_t max, size_t *n, bud_err *err);

/* Tie (kind, value) to user_id (nothing when it is already tied). */
int bud_store_identity_add(bud_conn *w, int64_t user_id, const char *kind,
			   const char *value, int64_t now, bud_err *err);

/* Up to max ids of clients (of any organiser) with this identity code,
 * lowest first; *n of them. */
int bud_store_clients_by_hetu(bud_conn *c, const char *hetu, int64_t *ids,
			      size_t max, size_t *n, bud_err *err);

/* Remember the provider's sid and sub of our session session_id. */
int bud_store_oidc_session_add(bud_conn *w, int64_t session_id,
			       const char *audience, const char *sid,
			       const char *sub, bud_err *err);

/* End every session that began with audience's provider session sid (or,
 * when sid is "", with subject sub); *ended gets how many. */
int bud_store_oidc_session_end(bud_conn *w, const char *audience,
			       const char *sid, const char *sub, int *ended,
			       bud_err *err);

#endif
