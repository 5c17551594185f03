/*
 * store/apikey.h: the api_key table (migration 015) and the reads a care
 * system's requests need (store_apikey.c): a key by its public id, a
 * provider's keys, and a page of the provider's active commitments with
 * of the client only the name. Plain rows in and out; the secret's hash,
 * the scopes and who may do what are decided in app/apikey.c.
 *
 * The schema guards: a key's identity (provider, account, public id,
 * salt, hash) never changes, a revoked key stays revoked, and no row is
 * deleted.
 */
#ifndef BUD_STORE_APIKEY_H
#define BUD_STORE_APIKEY_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "bud_limits.h"
#include "store/db.h"

#define BUD_STORE_APIKEY_PUBLIC 12	/* characters of a public id */
#define BUD_STORE_APIKEY_HASH 32	/* bytes of the salt and of the hash */

struct bud_store_apikey {
	int64_t id, provider_id, user_id;
	char public_id[BUD_STORE_APIKEY_PUBLIC + 1];
	unsigned char salt[BUD_STORE_APIKEY_HASH];
	unsigned char secret_hash[BUD_STORE_APIKEY_HASH];
	char name[BUD_APIKEY_NAME_MAX * 4 + 1];		/* UTF-8 */
	char scopes[BUD_APIKEY_SCOPES_TEXT + 1];	/* "commitments:read events:write" */
	int64_t created_by, created_at;	/* created_by 0: the command line */
	int64_t last_used_at;		/* 0: never */
	int64_t revoked_at, revoked_by;	/* 0: in use */
	char created_by_name[BUD_DISPLAY_NAME_MAX * 4 + 1];	/* lists only */
};

/* Insert k (k->id, last_used_at and revoked_* are ignored). */
int bud_store_apikey_insert(bud_conn *w, const struct bud_store_apikey *k,
			    int64_t *id_out, bud_err *err);

/* The key with public id pub; BUD_ENOTFOUND when none. */
int bud_store_apikey_by_public(bud_conn *c, const char *pub,
			       struct bud_store_apikey *out, bud_err *err);

/* The key with id; BUD_ENOTFOUND when none. */
int bud_store_apikey_get(bud_conn *c, int64_t id, struct bud_store_apikey *out,
			 bud_err *err);

/* The provider's keys, newest first, at most max into out (*n of them;
 * *more 1 when there were more). */
int bud_store_apikey_list(bud_conn *c, int64_t provider_id,
			  struct bud_store_apikey *out, size_t max, size_t *n,
			  int *more, bud_err *err);

/* How many of the provider's keys are not revoked. */
int bud_store_apikey_count_live(bud_conn *c, int64_t provider_id, int64_t *n,
				bud_err *err);

/* Revoke key id as by (0: the command line) at `at`; BUD_ECONFLICT (field "state") when it was
 * revoked already, BUD_ENOTFOUND when there is none. */
int bud_store_apikey_revoke(bud_conn *w, int64_t id, int64_t by, int64_t at,
			    bud_err *err);

/* last_used_at = at, only moving forward (a late unit never moves it
 * back). No error when the key is gone or newer already. */
int bud_store_apikey_touch(bud_conn *w, int64_t id, int64_t at, bud_err *err);

/* One active commitment of a provider as its care system sees it: of the
 * client only the name (strings live until fn returns). */
struct bud_store_care_cm {
	int64_t id, client_id;
	const char *first_name, *last_name;
	const char *service_code, *name_fi, *name_sv, *name_en;
	const char *instrument, *unit, *state;
	int64_t quantity, unit_price, monthly_amount;
	const char *valid_from, *valid_to;
};
typedef int (*bud_store_care_cm_fn)(void *arg, const struct bud_store_care_cm *m);

/* The provider's commitments in state active, by id (oldest first, so a
 * care system paging through meets each once): limit rows from offset. */
int bud_store_care_commitments(bud_conn *c, int64_t provider_id, int64_t offset,
			       int limit, bud_store_care_cm_fn fn, void *arg,
			       bud_err *err);

#endif
