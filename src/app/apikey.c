/*
 * app/apikey.c: API keys of a provider's care system (see app/apikey.h
 * for the key, its hash, who may and what a key is).
 *
 * Making a key is one write unit on the writer: the admin check, the live
 * count, the key's own account (user row), the key row and a use-log row.
 * The secret is made before the unit and leaves only through the caller's
 * buffer; only its HMAC is written. Authenticating reads on the calling
 * thread's reader and never waits for the writer.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "app/apikey.h"
#include "app/authz.h"
#include "app/read.h"
#include "app/uselog.h"
#include "core/text.h"
#include "core/utf8.h"
#include "store/apikey.h"
#include "store/provider.h"
#include "store/user.h"

#define KEY_PREFIX "bud_"
#define PREFIX_LEN 4
#define PUB_LEN BUD_STORE_APIKEY_PUBLIC
#define SECRET_BYTES 32
#define SECRET_LEN 43		/* base64url of 32 bytes, no padding */
#define KEY_LEN (PREFIX_LEN + PUB_LEN + 1 + SECRET_LEN)
#define PUB_ALPHABET "abcdefghijklmnopqrstuvwxyz234567"

static const struct {
	unsigned bit;
	const char *name;
} scopes[] = {
	{BUD_SCOPE_COMMITMENTS_READ, "commitments:read"},
	{BUD_SCOPE_EVENTS_WRITE, "events:write"},
};
#define NSCOPES (sizeof(scopes) / sizeof(scopes[0]))

unsigned bud_scope_parse(const char *name)
{
	size_t i;

	for (i = 0; name && i < NSCOPES; i++)
		if (strcmp(name, scopes[i].name) == 0)
			return scopes[i].bit;
	return 0;
}

const char *bud_scope_name(unsigned scope)
{
	size_t i;

	for (i = 0; i < NSCOPES; i++)
		if (scopes[i].bit == scope)
			return scopes[i].name;
	return NULL;
}

void bud_scopes_text(unsigned bits, char *out, size_t outsz)
{
	size_t i, n = 0;
	int w;

	if (outsz)
		out[0] = '\0';
	for (i = 0; i < NSCOPES; i++) {
		if (!(bits & scopes[i].bit))
			continue;
		w = snprintf(out + n, outsz - n, "%s%s", n ? " " : "", scopes[i].name);
		if (w < 0 || (size_t)w >= outsz - n)
			return;
		n += (size_t)w;
	}
}

/* "commitments:read events:write" as stored -> bits (unknown words are
 * dropped: a scope taken away in a later version grants nothing). */
static unsigned scopes_of_text(const char *text)
{
	char word[32];
	unsigned bits = 0;
	size_t n;

	while (text && *text) {
		n = strcspn(text, " ");
		if (n && n < sizeof(word)) {
			memcpy(word, text, n);
			word[n] = '\0';
			bits |= bud_scope_parse(word);
		}
		text += n;
		text += strspn(text, " ");
	}
	return bits;
}

int bud_apikey_scope_check(const bud_actor *actor, unsigned need, bud_err *err)
{
	if (!actor || !actor->api_key_id || (actor->scopes & need) == need)
		return BUD_OK;
	return bud_err_set(err, BUD_EFORBIDDEN, "scope", "err.apikey.scope",
			   "the key lacks the scope %s", bud_scope_name(need)
			   ? bud_scope_name(need) : "needed");
}

/* HMAC-SHA-256 of the whole key under salt. */
static void key_hash(const char *key, const unsigned char salt[BUD_STORE_APIKEY_HASH],
		     unsigned char out[BUD_STORE_APIKEY_HASH])
{
	crypto_auth_hmacsha256_state st;

	crypto_auth_hmacsha256_init(&st, salt, BUD_STORE_APIKEY_HASH);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)key, strlen(key));
	crypto_auth_hmacsha256_final(&st, out);
}

/* A fresh key: public id, secret, salt and hash (k), the whole key text. */
static void key_make(struct bud_store_apikey *k, char key[KEY_LEN + 1])
{
	unsigned char raw[SECRET_BYTES];
	char secret[SECRET_LEN + 1];
	size_t i;

	for (i = 0; i < PUB_LEN; i++)
		k->public_id[i] = PUB_ALPHABET[randombytes_uniform(32)];
	k->public_id[PUB_LEN] = '\0';
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(secret, sizeof(secret), raw, sizeof(raw),
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	snprintf(key, KEY_LEN + 1, KEY_PREFIX "%s_%s", k->public_id, secret);
	randombytes_buf(k->salt, sizeof(k->salt));
	key_hash(key, k->salt, k->secret_hash);
	sodium_memzero(raw, sizeof(raw));
	sodium_memzero(secret, sizeof(secret));
}

/* The shape of a key as sent; its public id into pub. */
static int key_shape(const char *key, char pub[PUB_LEN + 1])
{
	size_t i;

	if (!key || strnlen(key, KEY_LEN + 1) != KEY_LEN ||
	    memcmp(key, KEY_PREFIX, PREFIX_LEN) != 0 || key[PREFIX_LEN + PUB_LEN] != '_')
		return 0;
	for (i = 0; i < PUB_LEN; i++)
		if (!key[PREFIX_LEN + i] || !strchr(PUB_ALPHABET, key[PREFIX_LEN + i]))
			return 0;
	for (i = PREFIX_LEN + PUB_LEN + 1; i < KEY_LEN; i++)
		if (!strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			    "0123456789-_", key[i]) || !key[i])
			return 0;
	memcpy(pub, key + PREFIX_LEN, PUB_LEN);
	pub[PUB_LEN] = '\0';
	return 1;
}

/* ---- who may ------------------------------------------------------- */

/* A provider's user signed in (not a key), or NULL: the command line.
 * Which provider, and its admin, is checked by admin_of. */
static int may_manage(const bud_actor *a)
{
	return !a || (a->role == BUD_ROLE_PROVIDER_USER && !a->api_key_id);
}

/* The actor is the admin of provider_id (on connection c); NULL, the
 * command line, may manage any provider's keys. */
static int admin_of(bud_conn *c, const bud_actor *a, int64_t provider_id,
		    bud_err *err)
{
	struct bud_store_provider p;
	int admin = 0, rc;

	if (!a) {	/* the command line: any provider there is */
		rc = bud_store_provider_get(c, provider_id, &p, err);
		return rc == BUD_ENOTFOUND ? bud_authz_denied(err, "provider") : rc;
	}
	if (a->role != BUD_ROLE_PROVIDER_USER || a->api_key_id)
		return bud_authz_forbidden(err, "manage API keys");
	if (a->provider_id != provider_id)
		return bud_authz_denied(err, "provider");
	if ((rc = bud_store_user_provider_admin(c, a->user_id, &admin, err)))
		return rc;
	return admin ? BUD_OK : bud_authz_forbidden(err, "manage API keys");
}

static int log_key(bud_app *app, bud_conn *w, const bud_actor *a,
		   const char *action, int64_t id, bud_err *err)
{
	char object[48];

	snprintf(object, sizeof(object), "api_key:%" PRId64, id);
	return bud_uselog_append_row(app, w, a, 0, action, object, "own", err);
}

/* ---- making a key -------------------------------------------------- */

struct make {
	bud_app *app;
	const bud_actor *actor;
	int64_t provider_id;
	const struct bud_apikey_new *in;
	struct bud_store_apikey k;
	int64_t id;
};

/* The key's own account: never active, no password (cannot sign in). */
static int make_account(struct make *m, bud_conn *w,
			const struct bud_store_provider *p, bud_err *err)
{
	struct bud_store_user u;

	memset(&u, 0, sizeof(u));
	snprintf(u.username, sizeof(u.username), "apikey.%s", m->k.public_id);
	snprintf(u.display_name, sizeof(u.display_name), "%s (" KEY_PREFIX "%s)",
		 m->in->name, m->k.public_id);
	snprintf(u.role, sizeof(u.role), "provider_user");
	snprintf(u.lang, sizeof(u.lang), "%.2s", p->languages[0] ? p->languages : "fi");
	snprintf(u.password_hash, sizeof(u.password_hash), "!");
	u.organiser_id = p->organiser_id;
	u.provider_id = p->id;
	u.active = 0;
	u.created_at = m->k.created_at;
	return bud_store_user_insert(w, &u, &m->k.user_id, err);
}

static int make_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct make *m = arg;
	struct bud_store_provider p;
	int64_t live = 0;
	int rc;

	if ((rc = admin_of(w, m->actor, m->provider_id, err)) ||
	    (rc = bud_store_provider_get(w, m->provider_id, &p, err)) ||
	    (rc = bud_store_apikey_count_live(w, m->provider_id, &live, err)))
		return rc;
	if (live >= BUD_APIKEYS_LIVE_MAX)
		return bud_err_set(err, BUD_ECONFLICT, "name", "err.apikey.too_many",
				   "at most %d keys in use", BUD_APIKEYS_LIVE_MAX);
	m->k.provider_id = m->provider_id;
	m->k.created_by = m->actor ? m->actor->user_id : 0;
	m->k.created_at = bud_app_now(m->app);
	bud_scopes_text(m->in->scopes, m->k.scopes, sizeof(m->k.scopes));
	snprintf(m->k.name, sizeof(m->k.name), "%s", m->in->name);
	if ((rc = make_account(m, w, &p, err)) ||
	    (rc = bud_store_apikey_insert(w, &m->k, &m->id, err)))
		return rc;
	return log_key(m->app, w, m->actor, "create", m->id, err);
}

static int check_new(const struct bud_apikey_new *in, bud_err *err)
{
	int rc;

	if (!in || !in->name || !in->name[0])
		return bud_err_set(err, BUD_EINVAL, "name", "err.required",
				   "name is required");
	if ((rc = bud_text_check(in->name, BUD_TEXT_LINE, "name", err)))
		return rc;
	if (bud_utf8_len(in->name) > BUD_APIKEY_NAME_MAX)
		return bud_err_set(err, BUD_EINVAL, "name", "err.apikey.name",
				   "name over %d characters", BUD_APIKEY_NAME_MAX);
	if (!in->scopes || (in->scopes & ~(unsigned)BUD_SCOPE_ALL))
		return bud_err_set(err, BUD_EINVAL, "scopes", "err.apikey.scopes",
				   "choose at least one known scope");
	return BUD_OK;
}

int bud_apikey_create(bud_app *app, const bud_actor *actor, int64_t provider_id,
		      const struct bud_apikey_new *in, int64_t *id_out,
		      char *key, size_t keysz, bud_err *err)
{
	struct make *m;
	char text[KEY_LEN + 1];
	int rc;

	if (!key || keysz <= KEY_LEN)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal", "key buffer");
	key[0] = '\0';
	if (!may_manage(actor))
		return bud_authz_forbidden(err, "manage API keys");
	if ((rc = check_new(in, err)))
		return rc;
	if (bud_app_crypto_init() != BUD_OK)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal", "libsodium");
	if (!(m = calloc(1, sizeof(*m))))
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "no memory");
	*m = (struct make){.app = app, .actor = actor, .provider_id = provider_id,
			   .in = in};
	key_make(&m->k, text);
	rc = bud_db_write(app->db, make_unit, m, err);
	if (rc == BUD_OK) {
		snprintf(key, keysz, "%s", text);
		if (id_out)
			*id_out = m->id;
	}
	sodium_memzero(text, sizeof(text));
	free(m);
	return rc;
}

/* ---- reading keys -------------------------------------------------- */

static json_t *time_or_null(int64_t t)
{
	return t ? json_integer(t) : json_null();
}

static json_t *key_view(const struct bud_store_apikey *k)
{
	unsigned bits = scopes_of_text(k->scopes);
	char prefix[PREFIX_LEN + PUB_LEN + 1];
	json_t *v, *sc = json_array();
	size_t i;

	for (i = 0; i < NSCOPES; i++)
		if (bits & scopes[i].bit)
			json_array_append_new(sc, json_string(scopes[i].name));
	snprintf(prefix, sizeof(prefix), KEY_PREFIX "%s", k->public_id);
	v = json_pack("{s:I, s:I, s:s, s:s, s:s, s:o, s:I, s:s, s:s}",
		      "id", (json_int_t)k->id, "provider_id", (json_int_t)k->provider_id,
		      "name", k->name, "public_id", k->public_id, "prefix", prefix,
		      "scopes", sc, "created_at", (json_int_t)k->created_at,
		      "created_by", k->created_by_name,
		      "state", k->revoked_at ? "revoked" : "active");
	if (!v)
		return NULL;
	json_object_set_new(v, "last_used_at", time_or_null(k->last_used_at));
	json_object_set_new(v, "revoked_at", time_or_null(k->revoked_at));
	return v;
}

struct read {
	bud_app *app;
	const bud_actor *actor;
	int64_t id, provider_id;
	json_t *out;
};

static int get_unit(bud_conn *c, void *arg, bud_err *err)
{
	struct read *r = arg;
	struct bud_store_apikey k;
	int rc = bud_store_apikey_get(c, r->id, &k, err);

	if (rc == BUD_ENOTFOUND)
		return bud_authz_denied(err, "API key");
	if (rc || (rc = admin_of(c, r->actor, k.provider_id, err)))
		return rc == BUD_ENOTFOUND ? bud_authz_denied(err, "API key") : rc;
	if (!(r->out = key_view(&k)))
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "no memory");
	return BUD_OK;
}

static int list_unit(bud_conn *c, void *arg, bud_err *err)
{
	struct read *r = arg;
	struct bud_store_apikey *keys;
	size_t n = 0, i;
	int more = 0, rc;

	if ((rc = admin_of(c, r->actor, r->provider_id, err)))
		return rc;
	if (!(keys = calloc(BUD_APIKEY_LIST_MAX, sizeof(*keys))))
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "no memory");
	rc = bud_store_apikey_list(c, r->provider_id, keys, BUD_APIKEY_LIST_MAX,
				   &n, &more, err);
	if (rc == BUD_OK && more)
		rc = bud_err_set(err, BUD_ETOOBIG, NULL, "err.apikey.list_long",
				 "over %d keys", BUD_APIKEY_LIST_MAX);
	r->out = json_array();
	for (i = 0; rc == BUD_OK && i < n; i++)
		json_array_append_new(r->out, key_view(&keys[i]));
	free(keys);
	return rc;
}

static int run_read(bud_app *app, bud_write_fn fn, struct read *r, json_t **out,
		    bud_err *err)
{
	int rc;

	*out = NULL;
	rc = bud_app_read(app, r->actor, fn, r, err);
	if (rc == BUD_OK)
		*out = r->out;
	else
		json_decref(r->out);
	return rc;
}

int bud_apikey_get(bud_app *app, const bud_actor *actor, int64_t id,
		   json_t **out, bud_err *err)
{
	struct read r = {.app = app, .actor = actor, .id = id};

	if (!may_manage(actor))
		return bud_authz_forbidden(err, "manage API keys");
	return run_read(app, get_unit, &r, out, err);
}

int bud_apikey_list(bud_app *app, const bud_actor *actor, int64_t provider_id,
		    json_t **out, bud_err *err)
{
	struct read r = {.app = app, .actor = actor, .provider_id = provider_id};

	if (!may_manage(actor))
		return bud_authz_forbidden(err, "manage API keys");
	return run_read(app, list_unit, &r, out, err);
}

/* ---- revoking ------------------------------------------------------ */

struct revoke {
	bud_app *app;
	const bud_actor *actor;
	int64_t id;
};

static int revoke_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct revoke *r = arg;
	struct bud_store_apikey k;
	int rc = bud_store_apikey_get(w, r->id, &k, err);

	if (rc == BUD_ENOTFOUND)
		return bud_authz_denied(err, "API key");
	if (rc || (rc = admin_of(w, r->actor, k.provider_id, err)))
		return rc == BUD_ENOTFOUND ? bud_authz_denied(err, "API key") : rc;
	if ((rc = bud_store_apikey_revoke(w, r->id, r->actor ? r->actor->user_id : 0,
					  bud_app_now(r->app), err)))
		return rc;
	return log_key(r->app, w, r->actor, "change", r->id, err);
}

int bud_apikey_revoke(bud_app *app, const bud_actor *actor, int64_t id,
		      bud_err *err)
{
	struct revoke r = {app, actor, id};

	if (!may_manage(actor))
		return bud_authz_forbidden(err, "manage API keys");
	return bud_db_write(app->db, revoke_unit, &r, err);
}

/* ---- a request with a key ------------------------------------------ */

struct touch {
	int64_t id, at;
};

static int touch_unit(bud_conn *w, void *arg, bud_err *err)
{
	const struct touch *t = arg;

	return bud_store_apikey_touch(w, t->id, t->at, err);
}

static void touch_done(void *arg, int rc, const bud_err *err)
{
	if (rc != BUD_OK)
		fprintf(stderr, "budjetti: last use of an API key not kept: %s\n",
			err ? err->detail : "");
	free(arg);
}

/* Queue the refresh of k's last use when it is BUD_APIKEY_TOUCH_S old;
 * nobody waits for it, and a failure costs only the stamp. */
static void touch_later(bud_app *app, const struct bud_store_apikey *k, int64_t now)
{
	struct touch *t;
	bud_err err;

	if (k->last_used_at && now - k->last_used_at < BUD_APIKEY_TOUCH_S)
		return;
	if (!(t = malloc(sizeof(*t))))
		return;
	*t = (struct touch){k->id, now};
	bud_err_clear(&err);
	if (bud_db_write_async(app->db, touch_unit, t, touch_done, t, &err) != BUD_OK)
		free(t);
}

static int invalid(bud_err *err)
{
	return bud_err_set(err, BUD_EAUTH, NULL, "err.apikey.invalid",
			   "no such API key, or a wrong one");
}

static void fill_key_actor(bud_actor *a, const struct bud_store_apikey *k,
			   const struct bud_store_user *u)
{
	char addr[sizeof(a->addr)];

	memcpy(addr, a->addr, sizeof(addr));
	memset(a, 0, sizeof(*a));
	memcpy(a->addr, addr, sizeof(addr));
	a->user_id = u->id;
	a->role = BUD_ROLE_PROVIDER_USER;
	a->organiser_id = u->organiser_id;
	a->provider_id = k->provider_id;
	a->api_key_id = k->id;
	a->scopes = scopes_of_text(k->scopes);
	snprintf(a->username, sizeof(a->username), "%s", u->username);
	bud_utf8_copy(a->display_name, sizeof(a->display_name), k->name,
		      BUD_APIKEY_NAME_MAX);
	snprintf(a->lang, sizeof(a->lang), "%s", u->lang);
}

int bud_apikey_actor(bud_app *app, const char *key, bud_actor *actor,
		     bud_err *err)
{
	unsigned char h[BUD_STORE_APIKEY_HASH];
	struct bud_store_apikey k;
	struct bud_store_user u;
	char pub[PUB_LEN + 1];
	bud_conn *c;
	int rc;

	if (bud_app_crypto_init() != BUD_OK)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal", "libsodium");
	if (!key_shape(key, pub))
		return invalid(err);
	if (!(c = bud_db_reader(app->db, err)))
		return err ? err->code : BUD_EIO;
	rc = bud_store_apikey_by_public(c, pub, &k, err);
	if (rc == BUD_ENOTFOUND)
		return invalid(err);
	if (rc)
		return rc;
	key_hash(key, k.salt, h);
	if (sodium_memcmp(h, k.secret_hash, sizeof(h)) != 0)
		return invalid(err);
	if (k.revoked_at)
		return bud_err_set(err, BUD_EAUTH, NULL, "err.apikey.revoked",
				   "the API key was revoked");
	if ((rc = bud_store_user_get(c, k.user_id, &u, err)))
		return rc;
	fill_key_actor(actor, &k, &u);
	touch_later(app, &k, bud_app_now(app));
	return BUD_OK;
}
