/*
 * app/apikey.h: API keys of a provider's care system (issue 11, item 3).
 * Larger providers run their own care software; it reads the provider's
 * active commitments and sends service events with a key instead of a
 * person's session.
 *
 * The key. "bud_" + a public id of 12 characters [a-z2-7] + "_" + the
 * secret, 32 random bytes (libsodium) as 43 characters of base64url: 60
 * characters in all, recognisable in a leaked file by its prefix. The
 * public id finds the row without scanning; the secret is shown once, at
 * creation, and kept only as HMAC-SHA-256 of the whole key under the
 * key's own random 32-byte salt. A 256-bit secret cannot be guessed, so a
 * slow password hash (argon2id) would add nothing but a millisecond to
 * every request; the salt keeps equal hashes from ever meaning equal
 * keys. The hash is compared in constant time (sodium_memcmp).
 *
 * Who. Only the provider's own admin (a provider_user with
 * provider_admin) makes, lists and revokes its keys, on the provider's
 * page or through the API; anyone else is BUD_EFORBIDDEN, another
 * provider's key or provider BUD_ENOTFOUND "err.authz.denied". actor
 * NULL is the command line (`budjetti apikey`), which may manage any
 * provider's keys; its rows name no user.
 *
 * What a key is. Each key is an account of its own: a user row of role
 * provider_user of the provider, never active and without a password (it
 * cannot sign in), whose display name is the key's name and public id.
 * So every use-log and disclosure row a key causes, every idempotency key
 * and every row it writes names the key. Its language is the provider's
 * first language (answers use Accept-Language when the request has one).
 *
 * Scopes. A key is limited to what it was made for: commitments:read
 * (GET /api/provider/commitments), events:write (POST
 * /api/provider/events). A route says which scope it needs (http.h
 * BUD_R_KEY_FOR); the use cases check again.
 *
 * Last use. Refreshed at most every BUD_APIKEY_TOUCH_S seconds per key,
 * by a unit queued to the writer without waiting (bud_db_write_async):
 * no request waits for it and a busy key costs one small write a minute,
 * not one a request.
 *
 * Revoked keys stay listed (who revoked, when); a revoked key is refused
 * from the next request on (its actor is looked up on every request).
 */
#ifndef BUD_APP_APIKEY_H
#define BUD_APP_APIKEY_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "app/app.h"

enum bud_scope {
	BUD_SCOPE_COMMITMENTS_READ = 1 << 0,	/* "commitments:read" */
	BUD_SCOPE_EVENTS_WRITE = 1 << 1,	/* "events:write" */
};
#define BUD_SCOPE_ALL (BUD_SCOPE_COMMITMENTS_READ | BUD_SCOPE_EVENTS_WRITE)

/* "events:write" -> BUD_SCOPE_EVENTS_WRITE; 0 for anything else. */
unsigned bud_scope_parse(const char *name);
/* BUD_SCOPE_EVENTS_WRITE -> "events:write"; NULL for anything else. */
const char *bud_scope_name(unsigned scope);
/* The scopes as their names separated by single spaces, in a fixed
 * order, into out (outsz > BUD_APIKEY_SCOPES_TEXT). */
void bud_scopes_text(unsigned scopes, char *out, size_t outsz);

/* What a new key is: a name (1..BUD_APIKEY_NAME_MAX characters of text)
 * and its scopes (at least one). */
struct bud_apikey_new {
	const char *name;
	unsigned scopes;
};

/*
 * The provider's admin makes a key for provider_id. key (keysz >
 * BUD_APIKEY_TEXT) gets the whole key, the only time it exists outside
 * the caller; *id_out its id. BUD_EINVAL "name" (err.required,
 * err.apikey.name) or "scopes" (err.apikey.scopes); BUD_ECONFLICT
 * "name" err.apikey.too_many beyond BUD_APIKEYS_LIVE_MAX keys not
 * revoked. One write unit: the account, the key, a use-log row (create,
 * "api_key:ID").
 */
int bud_apikey_create(bud_app *app, const bud_actor *actor, int64_t provider_id,
		      const struct bud_apikey_new *in, int64_t *id_out,
		      char *key, size_t keysz, bud_err *err);

/*
 * One key: {id, provider_id, name, public_id, prefix ("bud_" + public
 * id, how the key begins), scopes [names], created_at, created_by
 * (display name), last_used_at (null: never), revoked_at (null: in use),
 * state ("active" or "revoked")}. Never the secret nor its hash.
 */
int bud_apikey_get(bud_app *app, const bud_actor *actor, int64_t id,
		   json_t **out, bud_err *err);

/* The provider's keys, newest first, as an array of the views above (at
 * most BUD_APIKEY_LIST_MAX; BUD_ETOOBIG past that, which the live limit
 * keeps far away). */
int bud_apikey_list(bud_app *app, const bud_actor *actor, int64_t provider_id,
		    json_t **out, bud_err *err);

/* Revoke key id (its provider's admin): BUD_ECONFLICT "state"
 * err.apikey.revoked when it was already. Use log: change, "api_key:ID". */
int bud_apikey_revoke(bud_app *app, const bud_actor *actor, int64_t id,
		      bud_err *err);

/*
 * The actor of a key as sent in "Authorization: Bearer KEY": its account,
 * role provider_user, its provider, api_key_id and scopes; actor->addr is
 * kept as the caller set it. A key of a wrong shape, an unknown public id
 * or a wrong secret is BUD_EAUTH "err.apikey.invalid"; a revoked key
 * BUD_EAUTH "err.apikey.revoked". Reads on this thread's reader; queues
 * the last-use refresh (see above).
 */
int bud_apikey_actor(bud_app *app, const char *key, bud_actor *actor,
		     bud_err *err);

/* For the use cases a key may call: BUD_OK for a session actor or a key
 * with every bit of `need`; else BUD_EFORBIDDEN field "scope"
 * err.apikey.scope. */
int bud_apikey_scope_check(const bud_actor *actor, unsigned need, bud_err *err);

#endif
