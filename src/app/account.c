/*
 * app/account.c: user accounts, passwords, login throttling and sessions
 * (see app/account.h).
 *
 * Passwords are hashed with argon2id (crypto_pwhash_str, interactive
 * limits), which costs tens of milliseconds and 64 MiB: hashing and
 * verifying always happen on the caller's thread, before bud_db_write, so
 * the writer thread never waits for them.
 *
 * Login throttling never sleeps. Failed attempts are counted over the last
 * BUD_LOGIN_WINDOW_S per username (typed, whether or not it exists) and
 * per address. Once the username's count reaches BUD_LOGIN_SLOW_AFTER, or
 * the address's BUD_LOGIN_ADDR_SLOW_AFTER (far more: an office or a proxy
 * puts many users behind one address, and a few typing errors must not
 * slow down everyone else's sign-in; behind a reverse proxy the address is
 * the one it forwards, http/proxy.h), an attempt
 * is allowed only after a delay since that key's last failure:
 * BUD_LOGIN_DELAY_MS_MIN, doubling with each further failure, at most
 * BUD_LOGIN_DELAY_MS_MAX (1, 2, 4, 5, 5, ... s), rounded up to whole
 * seconds. A username with BUD_LOGIN_FAIL_MAX failures in the window is
 * locked until the oldest of them leaves the window. A refused attempt is
 * BUD_EBUSY ("err.login.throttled" or "err.login.locked"), checks no
 * password and writes nothing; bud_account_retry_after says how long to
 * wait. The check runs twice: on the reader before the costly password
 * check, and again inside the write unit that records the attempt, so
 * parallel guesses are serialised by the writer and none slips past the
 * limits. Successful logins do not reset the counts.
 *
 * Sessions: the browser gets BUD_TOKEN_BYTES random bytes as base64url;
 * the database keeps only their BLAKE2b-256 hash. last_seen is refreshed
 * at most every BUD_SESSION_TOUCH_S seconds (not a write per request), so
 * an idle session may end up to that much before BUD_SESSION_IDLE_S after
 * its last request.
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "app/account.h"
#include "app/authz.h"
#include "app/uselog.h"
#include "core/date.h"
#include "core/utf8.h"
#include "core/embed.h"
#include "bud_limits.h"
#include "store/credential.h"
#include "store/session.h"
#include "store/user.h"

/* Base64url text of a token or CSRF value, with its NUL. */
#define TOKEN_B64 sodium_base64_ENCODED_LEN(BUD_TOKEN_BYTES, \
		sodium_base64_VARIANT_URLSAFE_NO_PADDING)
#define TOKEN_HASH 32

_Static_assert(TOKEN_B64 <= BUD_TOKEN_TEXT, "token text too long");
_Static_assert(TOKEN_B64 <= sizeof(((bud_actor *)0)->csrf), "csrf too long");
_Static_assert(crypto_pwhash_STRBYTES <= BUD_STORE_HASH_TEXT, "hash text");

/* A counting semaphore around argon2id: at most BUD_ARGON2_CONCURRENT
 * hashes or checks run at once (each takes 64 MiB); the others wait. */
static pthread_mutex_t pw_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t pw_cv = PTHREAD_COND_INITIALIZER;
static int pw_running, pw_peak;

static void pw_enter(void)
{
	pthread_mutex_lock(&pw_mu);
	while (pw_running >= BUD_ARGON2_CONCURRENT)
		pthread_cond_wait(&pw_cv, &pw_mu);
	pw_running++;
	if (pw_running > pw_peak)
		pw_peak = pw_running;
	pthread_mutex_unlock(&pw_mu);
}

static void pw_leave(void)
{
	pthread_mutex_lock(&pw_mu);
	pw_running--;
	pthread_cond_signal(&pw_cv);
	pthread_mutex_unlock(&pw_mu);
}

int bud_account_argon2_peak(int reset)
{
	int peak;

	pthread_mutex_lock(&pw_mu);
	peak = pw_peak;
	if (reset)
		pw_peak = 0;
	pthread_mutex_unlock(&pw_mu);
	return peak;
}

/* Verified against when the user does not exist, so that an unknown
 * username takes as long as a wrong password. */
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static char dummy_hash[crypto_pwhash_STRBYTES];

static void dummy_init(void)
{
	unsigned char pw[16];

	randombytes_buf(pw, sizeof(pw));
	pw_enter();
	if (crypto_pwhash_str(dummy_hash, (const char *)pw, sizeof(pw),
			      crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		dummy_hash[0] = '\0';
	pw_leave();
	sodium_memzero(pw, sizeof(pw));
}

static int crypto_ready(bud_err *err)
{
	if (bud_app_crypto_init() != BUD_OK)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.generic",
				   "libsodium did not initialise");
	return BUD_OK;
}

/*
 * Code points in s, or -1 when s is not UTF-8 (overlong forms, surrogates
 * and values past U+10FFFF are refused) or holds a C0 control or DEL.
 */
static long utf8_chars(const char *s)
{
	size_t len = strlen(s), i = 0, k;
	uint32_t cp;
	long n = 0;

	while (i < len) {
		k = bud_utf8_decode(s + i, len - i, &cp);
		if (k == 0 || cp < 0x20 || cp == 0x7f)
			return -1;
		i += k;
		n++;
	}
	return n;
}

/* ---- password rules ------------------------------------------------------ */

extern const struct bud_embed bud_app_data[];	/* tools/embed: common_passwords.txt */

#define PW_TEXT (BUD_PASSWORD_MAX * 4 + 1)

/* An ASCII letter or digit, or a byte of a non-ASCII character: a word's. */
static int word_byte(unsigned char c)
{
	return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* A digit, space or ASCII mark: what people put around a word. */
static int edge_byte(unsigned char c)
{
	return c < 0x80 && !((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* s lower-cased (ASCII letters) into out (outsz > strlen(s)). */
static void lower_copy(char *out, size_t outsz, const char *s)
{
	size_t i;

	for (i = 0; s[i] && i + 1 < outsz; i++)
		out[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i]);
	out[i] = '\0';
}

/* The part of s (n bytes) without the digits, spaces and marks at its ends. */
static const char *core_of(const char *s, size_t n, size_t *len)
{
	while (n && edge_byte((unsigned char)*s))
		s++, n--;
	while (n && edge_byte((unsigned char)s[n - 1]))
		n--;
	*len = n;
	return s;
}

/* 1 when w (n bytes, lower case) is a line of common_passwords.txt. */
static int listed(const char *w, size_t n)
{
	const struct bud_embed *e = bud_embed_find(bud_app_data, "common_passwords.txt");
	const char *p = e ? e->data : "", *nl;

	for (; *p; p = nl + 1) {
		nl = strchr(p, '\n');
		if (!nl)
			nl = p + strlen(p);
		if ((size_t)(nl - p) == n && memcmp(p, w, n) == 0)
			return 1;
		if (!*nl)
			break;
	}
	return 0;
}

/* Few different characters, or mostly runs ("123456789012", "abcdefghijkl"). */
static int predictable(const char *s)
{
	unsigned char seen[32] = {0};
	size_t i, n = strlen(s), distinct = 0, steps = 0;
	int d;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (!(seen[c / 8] & (1u << (c % 8))))
			distinct++;
		seen[c / 8] |= (unsigned char)(1u << (c % 8));
		if (i == 0)
			continue;
		d = (int)c - (unsigned char)s[i - 1];
		if (c >= '0' && c <= '9' && s[i - 1] >= '0' && s[i - 1] <= '9' &&
		    (d == 9 || d == -9))
			d = 1;	/* 9 -> 0 and 0 -> 9 continue a run */
		if (d >= -1 && d <= 1)
			steps++;
	}
	return distinct < BUD_PASSWORD_DISTINCT || (n > 1 && steps * 5 >= (n - 1) * 4);
}

/* A common password, or one with digits and marks around it. */
static int common(const char *lower)
{
	size_t n;
	const char *core = core_of(lower, strlen(lower), &n);

	return listed(lower, strlen(lower)) || (n && listed(core, n)) ||
	       predictable(lower);
}

/* Remove every occurrence of w (n bytes) from s. */
static int remove_word(char *s, const char *w, size_t n)
{
	char *at;
	int removed = 0;

	while ((at = strstr(s, w)) != NULL && n) {
		memmove(at, at + n, strlen(at + n) + 1);
		removed = 1;
	}
	return removed;
}

/* Built from the user's own names: fewer than BUD_PASSWORD_OWN_REST
 * characters are left once the names' words (3 or more characters) and
 * the digits and marks around what remains are taken out. */
static int own_names(const char *lower, const char *const *names)
{
	char rest[PW_TEXT], name[PW_TEXT], w[PW_TEXT];
	const char *p;
	size_t i, n;
	int removed = 0;

	snprintf(rest, sizeof(rest), "%s", lower);
	for (i = 0; names && names[i]; i++) {
		lower_copy(name, sizeof(name), names[i]);
		for (p = name; *p; p += n) {
			for (n = 0; p[n] && word_byte((unsigned char)p[n]); n++)
				;
			if (n >= 3) {
				memcpy(w, p, n);
				w[n] = '\0';
				removed |= remove_word(rest, w, n);
			}
			if (!p[n])
				break;
			n++;
		}
	}
	core_of(rest, strlen(rest), &n);
	return removed && n < BUD_PASSWORD_OWN_REST;
}

/* Only spaces (and tabs): a sign-in form takes it for an empty field. */
static int blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t')
			return 0;
	return 1;
}

/* Length and characters: the first rules of bud_account_password_check. */
static int password_shape(const char *password, bud_err *err)
{
	long n;

	if (!password || !password[0])
		return bud_err_set(err, BUD_EINVAL, "password", "err.required",
				   "password missing");
	if (strlen(password) > (size_t)BUD_PASSWORD_MAX * 4)
		return bud_err_set(err, BUD_EINVAL, "password",
				   "err.user.password_long",
				   "password over %d characters", BUD_PASSWORD_MAX);
	n = utf8_chars(password);
	if (n < 0)
		return bud_err_set(err, BUD_EINVAL, "password",
				   "err.user.password_invalid",
				   "password is not UTF-8 text without control characters");
	if (blank(password))
		return bud_err_set(err, BUD_EINVAL, "password",
				   "err.user.password_blank", "password of spaces only");
	if (n < BUD_PASSWORD_MIN)
		return bud_err_set(err, BUD_EINVAL, "password",
				   "err.user.password_short",
				   "password under %d characters", BUD_PASSWORD_MIN);
	if (n > BUD_PASSWORD_MAX)
		return bud_err_set(err, BUD_EINVAL, "password",
				   "err.user.password_long",
				   "password over %d characters", BUD_PASSWORD_MAX);
	return BUD_OK;
}

int bud_account_password_check(const char *password, const char *const *names,
			       bud_err *err)
{
	char lower[PW_TEXT];
	int rc = password_shape(password, err);

	if (rc != BUD_OK)
		return rc;
	lower_copy(lower, sizeof(lower), password);
	if (common(lower))
		rc = bud_err_set(err, BUD_EINVAL, "password", "err.user.password_common",
				 "a common or predictable password");
	else if (own_names(lower, names))
		rc = bud_err_set(err, BUD_EINVAL, "password",
				 "err.user.password_personal",
				 "a password made of the user's own names");
	sodium_memzero(lower, sizeof(lower));
	return rc;
}

int bud_account_hash_password(const char *password, const char *const *names,
			      char *out, size_t outsz, bud_err *err)
{
	int rc = bud_account_password_check(password, names, err);

	if (rc != BUD_OK)
		return rc;
	if (outsz < crypto_pwhash_STRBYTES)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.generic",
				   "hash buffer too small");
	rc = crypto_ready(err);
	if (rc != BUD_OK)
		return rc;
	pw_enter();
	rc = crypto_pwhash_str(out, password, strlen(password),
			       crypto_pwhash_OPSLIMIT_INTERACTIVE,
			       crypto_pwhash_MEMLIMIT_INTERACTIVE);
	pw_leave();
	if (rc != 0)
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic",
				   "password hashing ran out of memory");
	return BUD_OK;
}

/* 1 when password matches hash (or the dummy when hash is NULL: then 0). */
static int password_matches(const char *hash, const char *password)
{
	const char *h = hash;
	size_t n = password ? strlen(password) : 0;
	int ok;

	pthread_once(&dummy_once, dummy_init);
	if (!h || !h[0])
		h = dummy_hash;
	if (n > (size_t)BUD_PASSWORD_MAX * 4)
		n = (size_t)BUD_PASSWORD_MAX * 4;	/* still costs the same */
	pw_enter();
	ok = h[0] && crypto_pwhash_str_verify(h, password ? password : "", n) == 0;
	pw_leave();
	return ok && hash && hash[0] && password &&
	       strlen(password) <= (size_t)BUD_PASSWORD_MAX * 4;
}

int bud_account_random_password(char *out, size_t outsz, size_t len)
{
	/* No look-alikes (0/O, 1/l/I), so it can be read aloud or copied. */
	static const char alphabet[] =
		"abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	size_t i;

	if (len == 0 || len >= outsz || bud_app_crypto_init() != BUD_OK)
		return BUD_EINVAL;
	for (i = 0; i < len; i++)
		out[i] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
	out[len] = '\0';
	return BUD_OK;
}

int bud_account_unusable_hash(char *out, size_t outsz, bud_err *err)
{
	char pw[BUD_GEN_PASSWORD_LEN + 1];
	int rc;

	if (bud_account_random_password(pw, sizeof(pw), BUD_GEN_PASSWORD_LEN) != BUD_OK)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.generic",
				   "no random password");
	rc = bud_account_hash_password(pw, NULL, out, outsz, err);
	sodium_memzero(pw, sizeof(pw));
	return rc;
}

int bud_account_random_code(char *out, size_t outsz, size_t len)
{
	/* Lower case only and no look-alikes: typed from paper, any case. */
	static const char alphabet[] = "abcdefghijkmnpqrstuvwxyz23456789";
	size_t i;

	if (len == 0 || len >= outsz || bud_app_crypto_init() != BUD_OK)
		return BUD_EINVAL;
	for (i = 0; i < len; i++)
		out[i] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
	out[len] = '\0';
	return BUD_OK;
}

/* ---- creating users ---------------------------------------------------- */

static int username_valid(const char *s)
{
	size_t i, n = s ? strlen(s) : 0;

	if (n < 3 || n > BUD_USERNAME_MAX)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
		      s[i] == '.' || s[i] == '_' || s[i] == '-'))
			return 0;
	return 1;
}

static int lang_valid(const char *s)
{
	return s && (strcmp(s, "fi") == 0 || strcmp(s, "sv") == 0 ||
		     strcmp(s, "en") == 0);
}

/* The ties each role needs (provider, client, unit). */
static int check_ties(int role, const struct bud_new_user *u, bud_err *err)
{
	if (u->organiser_id < 0 || u->unit_id < 0 || u->provider_id < 0 ||
	    u->client_id < 0)
		return bud_err_set(err, BUD_EINVAL, "organiser_id", "err.generic",
				   "negative id");
	if (role == BUD_ROLE_PROVIDER_USER && !u->provider_id)
		return bud_err_set(err, BUD_EINVAL, "provider_id",
				   "err.user.provider_required",
				   "a provider user needs a provider");
	if (role != BUD_ROLE_PROVIDER_USER && u->provider_id)
		return bud_err_set(err, BUD_EINVAL, "provider_id",
				   "err.user.provider_not_allowed",
				   "only a provider user has a provider");
	if (role == BUD_ROLE_CLIENT && !u->client_id)
		return bud_err_set(err, BUD_EINVAL, "client_id",
				   "err.user.client_required",
				   "a client account needs a client");
	if (role != BUD_ROLE_CLIENT && u->client_id)
		return bud_err_set(err, BUD_EINVAL, "client_id",
				   "err.user.client_not_allowed",
				   "only a client account has a client "
				   "(representatives get mandates)");
	if (!(role & BUD_ROLE_STAFF) && u->unit_id)
		return bud_err_set(err, BUD_EINVAL, "unit_id",
				   "err.user.unit_not_allowed",
				   "only staff belong to a unit");
	return BUD_OK;
}

/* Validate u into row (everything but the password hash). */
static int validate_user(const struct bud_new_user *u, struct bud_store_user *row,
			 bud_err *err)
{
	long n;
	int role;

	if (!username_valid(u->username))
		return bud_err_set(err, BUD_EINVAL, "username", "err.user.username",
				   "username must be 3..%d of a-z 0-9 . _ -",
				   BUD_USERNAME_MAX);
	n = u->display_name ? utf8_chars(u->display_name) : -1;
	if (n < 1 || n > BUD_DISPLAY_NAME_MAX)
		return bud_err_set(err, BUD_EINVAL, "display_name",
				   "err.user.display_name",
				   "display name must be 1..%d characters",
				   BUD_DISPLAY_NAME_MAX);
	role = bud_role_parse(u->role);
	if (!role)
		return bud_err_set(err, BUD_EINVAL, "role", "err.user.role",
				   "unknown role");
	if (u->lang && u->lang[0] && !lang_valid(u->lang))
		return bud_err_set(err, BUD_EINVAL, "lang", "err.user.lang",
				   "language must be fi, sv or en");
	if (check_ties(role, u, err) != BUD_OK)
		return err ? err->code : BUD_EINVAL;
	memset(row, 0, sizeof(*row));
	snprintf(row->username, sizeof(row->username), "%s", u->username);
	snprintf(row->display_name, sizeof(row->display_name), "%s",
		 u->display_name);
	snprintf(row->role, sizeof(row->role), "%s", bud_role_name(role));
	snprintf(row->lang, sizeof(row->lang), "%s",
		 u->lang && u->lang[0] ? u->lang : "fi");
	row->organiser_id = u->organiser_id;
	row->unit_id = u->unit_id;
	row->provider_id = u->provider_id;
	row->client_id = u->client_id;
	row->active = 1;
	return BUD_OK;
}

/* BUD_EINVAL naming field when id is given but table has no such row. */
static int check_ref(bud_conn *w, const char *table, int64_t id,
		     const char *field, const char *key, bud_err *err)
{
	int found, rc;

	if (!id)
		return BUD_OK;
	rc = bud_store_ref_exists(w, table, id, &found, err);
	if (rc == BUD_OK && !found)
		rc = bud_err_set(err, BUD_EINVAL, field, key, "no such %s", table);
	return rc;
}

struct create_arg {
	bud_app *app;
	const bud_actor *actor;
	struct bud_store_user *row;
	int64_t id;
};

/* Insert the validated row (with its hash) and its use-log row through w,
 * inside the caller's write unit; *id gets the new user's id. */
static int insert_user(bud_app *app, bud_conn *w, const bud_actor *actor,
		       const struct bud_store_user *row, int64_t *id, bud_err *err)
{
	struct bud_store_user old;
	struct bud_uselog_entry e;
	char object[40];
	int rc;

	rc = bud_store_user_by_name(w, row->username, &old, err);
	sodium_memzero(old.password_hash, sizeof(old.password_hash));
	if (rc == BUD_OK)
		return bud_err_set(err, BUD_ECONFLICT, "username",
				   "err.user.username_taken", "username taken");
	if (rc != BUD_ENOTFOUND)
		return rc;
	bud_err_clear(err);
	if ((rc = check_ref(w, "organiser", row->organiser_id, "organiser_id",
			    "err.user.organiser_unknown", err)) ||
	    (rc = check_ref(w, "unit", row->unit_id, "unit_id",
			    "err.user.unit_unknown", err)) ||
	    (rc = check_ref(w, "provider", row->provider_id, "provider_id",
			    "err.user.provider_unknown", err)) ||
	    (rc = check_ref(w, "client", row->client_id, "client_id",
			    "err.user.client_unknown", err)))
		return rc;
	rc = bud_store_user_insert(w, row, id, err);
	if (rc != BUD_OK)
		return rc;
	snprintf(object, sizeof(object), "user:%" PRId64, *id);
	memset(&e, 0, sizeof(e));
	e.client_id = row->client_id;
	e.action = "create";
	e.object = object;
	e.basis = actor ? "admin" : "system";
	return bud_uselog_append(app, w, actor, &e, err);
}

static int create_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct create_arg *a = arg;

	return insert_user(a->app, w, a->actor, a->row, &a->id, err);
}

/* Who may create u, and u itself (everything but the password) into row. */
static int create_check(const bud_actor *actor, const struct bud_new_user *u,
			struct bud_store_user *row, bud_err *err)
{
	if (actor && actor->role != BUD_ROLE_ADMIN)
		return bud_err_set(err, BUD_EFORBIDDEN, NULL, "err.forbidden",
				   "only an administrator creates users");
	if (!u)
		return bud_err_set(err, BUD_EINVAL, NULL, "err.generic", "no user");
	return validate_user(u, row, err);
}

int bud_account_create(bud_app *app, const bud_actor *actor,
		       const struct bud_new_user *u, int64_t *id_out, bud_err *err)
{
	struct bud_store_user row;
	struct create_arg a;
	const char *names[3];
	int rc;

	memset(&row, 0, sizeof(row));
	rc = create_check(actor, u, &row, err);
	names[0] = u ? u->username : NULL;
	names[1] = u ? u->display_name : NULL;
	names[2] = NULL;
	if (rc == BUD_OK)
		rc = bud_account_hash_password(u->password, names, row.password_hash,
					       sizeof(row.password_hash), err);
	if (rc != BUD_OK)
		goto out;
	row.created_at = bud_app_now(app);
	a.app = app;
	a.actor = actor;
	a.row = &row;
	a.id = 0;
	rc = bud_db_write(app->db, create_unit, &a, err);
	if (rc == BUD_OK && id_out)
		*id_out = a.id;
out:
	sodium_memzero(row.password_hash, sizeof(row.password_hash));
	return rc;
}

int bud_account_insert_hashed(bud_app *app, bud_conn *w, const bud_actor *actor,
			      const struct bud_new_user *u, const char *hash,
			      int64_t *id_out, bud_err *err)
{
	struct bud_store_user row;
	int64_t id = 0;
	size_t n = hash ? strnlen(hash, sizeof(row.password_hash)) : 0;
	int rc;

	memset(&row, 0, sizeof(row));
	rc = create_check(actor, u, &row, err);
	if (rc != BUD_OK)
		return rc;
	if (n == 0 || n >= sizeof(row.password_hash) ||
	    strncmp(hash, "$argon2id$", 10) != 0)
		return bud_err_set(err, BUD_EINVAL, "password", "err.generic",
				   "not an argon2id password hash");
	memcpy(row.password_hash, hash, n + 1);
	row.created_at = bud_app_now(app);
	rc = insert_user(app, w, actor, &row, &id, err);
	sodium_memzero(row.password_hash, sizeof(row.password_hash));
	if (rc == BUD_OK && id_out)
		*id_out = id;
	return rc;
}

/* ---- mandates ---------------------------------------------------------- */

struct mandate_arg {
	bud_app *app;
	const bud_actor *actor;
	struct bud_store_mandate m;
	int64_t id;
};

static int mandate_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct mandate_arg *a = arg;
	struct bud_store_user u;
	struct bud_uselog_entry e;
	char basis[BUD_BASIS_MAX] = "system", object[40];
	int rc, found;

	rc = bud_store_user_get(w, a->m.user_id, &u, err);
	if (rc == BUD_ENOTFOUND || (rc == BUD_OK && strcmp(u.role, "representative")))
		return bud_err_set(err, BUD_EINVAL, "user_id", "err.mandate.user",
				   "the user is not a representative");
	if (rc != BUD_OK)
		return rc;
	rc = bud_store_ref_exists(w, "client", a->m.client_id, &found, err);
	if (rc == BUD_OK && !found)
		rc = bud_err_set(err, BUD_EINVAL, "client_id",
				 "err.user.client_unknown", "no such client");
	if (rc == BUD_OK && a->actor && a->actor->role == BUD_ROLE_ADMIN)
		snprintf(basis, sizeof(basis), "admin");
	else if (rc == BUD_OK && a->actor)
		rc = bud_authz_client(a->app, w, a->actor, a->m.client_id, 1,
				      basis, sizeof(basis), err);
	if (rc == BUD_OK)
		rc = bud_store_mandate_insert(w, &a->m, &a->id, err);
	if (rc != BUD_OK)
		return rc;
	snprintf(object, sizeof(object), "mandate:%" PRId64, a->id);
	memset(&e, 0, sizeof(e));
	e.client_id = a->m.client_id;
	e.action = "create";
	e.object = object;
	e.basis = basis;
	return bud_uselog_append(a->app, w, a->actor, &e, err);
}

/* A date field: "YYYY-MM-DD" of a plausible year (core/date.h), the
 * error naming field. */
static int check_date(const char *s, const char *field, bud_err *err)
{
	return bud_date_case_check(s, field, err);
}

/* Check who records the mandate and its fields, and fill *a. */
static int mandate_prepare(bud_app *app, const bud_actor *actor,
			   int64_t user_id, int64_t client_id, const char *kind,
			   const char *scope, const char *valid_from,
			   const char *valid_to, struct mandate_arg *a,
			   bud_err *err)
{
	int rc;

	if (actor && actor->role != BUD_ROLE_ADMIN && actor->role != BUD_ROLE_WORKER)
		return bud_err_set(err, BUD_EFORBIDDEN, NULL, "err.forbidden",
				   "only an administrator or a worker records mandates");
	if (!kind || (strcmp(kind, "guardian") && strcmp(kind, "trustee") &&
		      strcmp(kind, "authorised")))
		return bud_err_set(err, BUD_EINVAL, "kind", "err.mandate.kind",
				   "kind must be guardian, trustee or authorised");
	if (!scope || (strcmp(scope, "view") && strcmp(scope, "act")))
		return bud_err_set(err, BUD_EINVAL, "scope", "err.mandate.scope",
				   "scope must be view or act");
	if (valid_to && !valid_to[0])
		valid_to = NULL;
	if ((rc = check_date(valid_from, "valid_from", err)) != BUD_OK ||
	    (valid_to && (rc = check_date(valid_to, "valid_to", err)) != BUD_OK))
		return rc;
	if (valid_to && strcmp(valid_to, valid_from) < 0)
		return bud_err_set(err, BUD_EINVAL, "valid_to", "err.mandate.dates",
				   "the mandate ends before it starts");
	memset(a, 0, sizeof(*a));
	a->app = app;
	a->actor = actor;
	a->m = (struct bud_store_mandate){user_id, client_id, kind, scope,
		valid_from, valid_to, actor ? actor->user_id : 0, bud_app_now(app)};
	return BUD_OK;
}

int bud_account_add_mandate(bud_app *app, const bud_actor *actor,
			    int64_t user_id, int64_t client_id, const char *kind,
			    const char *scope, const char *valid_from,
			    const char *valid_to, int64_t *id_out, bud_err *err)
{
	struct mandate_arg a;
	int rc;

	rc = mandate_prepare(app, actor, user_id, client_id, kind, scope,
			     valid_from, valid_to, &a, err);
	if (rc == BUD_OK)
		rc = bud_db_write(app->db, mandate_unit, &a, err);
	if (rc == BUD_OK && id_out)
		*id_out = a.id;
	return rc;
}

int bud_account_insert_mandate(bud_app *app, bud_conn *w,
			       const bud_actor *actor, int64_t user_id,
			       int64_t client_id, const char *kind,
			       const char *scope, const char *valid_from,
			       const char *valid_to, int64_t *id_out,
			       bud_err *err)
{
	struct mandate_arg a;
	int rc;

	rc = mandate_prepare(app, actor, user_id, client_id, kind, scope,
			     valid_from, valid_to, &a, err);
	if (rc == BUD_OK)
		rc = mandate_unit(w, &a, err);
	if (rc == BUD_OK && id_out)
		*id_out = a.id;
	return rc;
}

/* ---- throttling -------------------------------------------------------- */

/* Seconds still to wait after a key's failures (0: may go ahead), slowed
 * down from slow_after failures on. The clock counts whole seconds, and
 * the last failure may have come at the end of its second: the delay
 * ends one second later than it says, or an attempt a moment after a
 * failure could find the next second begun and go ahead. */
static int64_t delay_left(const struct bud_store_login_stats *s,
			  int64_t slow_after, int64_t now)
{
	int64_t ms, secs, left;
	int64_t extra = s->failures - slow_after;

	if (s->failures < slow_after)
		return 0;
	ms = BUD_LOGIN_DELAY_MS_MIN;
	while (extra-- > 0 && ms < BUD_LOGIN_DELAY_MS_MAX)
		ms *= 2;
	if (ms > BUD_LOGIN_DELAY_MS_MAX)
		ms = BUD_LOGIN_DELAY_MS_MAX;
	secs = (ms + 999) / 1000;
	left = s->last_at + secs + 1 - now;
	return left > 0 ? left : 0;
}

/* BUD_OK when an attempt for username from addr may go ahead at now, else
 * BUD_EBUSY with *wait_s the seconds to wait. Reads through c. */
int bud_account_throttle(bud_conn *c, const char *username, const char *addr,
			 int64_t now, int64_t *wait_s, bud_err *err)
{
	struct bud_store_login_stats su, sa;
	int64_t since = now - BUD_LOGIN_WINDOW_S + 1, wa;
	int rc;

	*wait_s = 0;
	rc = bud_store_login_failures_user(c, username, since, &su, err);
	if (rc == BUD_OK)
		rc = bud_store_login_failures_addr(c, addr, since, &sa, err);
	if (rc != BUD_OK)
		return rc;
	if (su.failures >= BUD_LOGIN_FAIL_MAX) {
		*wait_s = su.first_at + BUD_LOGIN_WINDOW_S - now;
		if (*wait_s < 1)
			*wait_s = 1;
		return bud_err_set(err, BUD_EBUSY, NULL, "err.login.locked",
				   "too many failed logins: retry after %" PRId64 " s",
				   *wait_s);
	}
	*wait_s = delay_left(&su, BUD_LOGIN_SLOW_AFTER, now);
	wa = delay_left(&sa, BUD_LOGIN_ADDR_SLOW_AFTER, now);
	if (wa > *wait_s)
		*wait_s = wa;
	if (*wait_s > 0)
		return bud_err_set(err, BUD_EBUSY, NULL, "err.login.throttled",
				   "login slowed down: retry after %" PRId64 " s",
				   *wait_s);
	return BUD_OK;
}

/* An address to count by: "-" when unknown, cut to the actor's field. */
static void addr_key(char *out, size_t outsz, const char *addr)
{
	snprintf(out, outsz, "%s", addr && addr[0] ? addr : "-");
}

int64_t bud_account_retry_after(bud_app *app, const char *username,
				const char *addr)
{
	char akey[sizeof(((bud_actor *)0)->addr)];
	int64_t wait_s = 0;
	bud_err err;
	bud_conn *c;

	if (!username || strlen(username) > BUD_USERNAME_MAX)
		return 0;
	addr_key(akey, sizeof(akey), addr);
	c = bud_db_reader(app->db, &err);
	if (!c)
		return 0;
	bud_account_throttle(c, username, akey, bud_app_now(app), &wait_s, &err);
	return wait_s;
}

/* ---- sessions ---------------------------------------------------------- */

static void token_hash(const char *token, unsigned char out[TOKEN_HASH])
{
	crypto_generichash(out, TOKEN_HASH, (const unsigned char *)token,
			   strlen(token), NULL, 0);
}

/* A fresh random token as base64url (out: TOKEN_B64 bytes). */
static void random_token(char *out)
{
	unsigned char raw[BUD_TOKEN_BYTES];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, TOKEN_B64, raw, sizeof(raw),
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
}

/* 1 when s has the exact shape of a token (so garbage is not hashed). */
static int token_shape(const char *s)
{
	size_t i;

	if (!s)
		return 0;
	for (i = 0; i < TOKEN_B64 - 1; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '-' || s[i] == '_'))
			return 0;
	return s[i] == '\0';
}

int bud_account_token_new(char *token, size_t tokensz,
			  unsigned char hash[BUD_TOKEN_HASH])
{
	if (tokensz < TOKEN_B64 || bud_app_crypto_init() != BUD_OK)
		return BUD_EINVAL;
	random_token(token);
	token_hash(token, hash);
	return BUD_OK;
}

int bud_account_token_hash(const char *token, unsigned char hash[BUD_TOKEN_HASH])
{
	if (bud_app_crypto_init() != BUD_OK || !token_shape(token))
		return BUD_EINVAL;
	token_hash(token, hash);
	return BUD_OK;
}

/* Fill *a for user u in session sid; addr is kept from the caller. */
static void fill_actor(bud_actor *a, const struct bud_store_user *u,
		       int64_t sid, const char *csrf, const char *addr)
{
	char keep[sizeof(a->addr)];

	snprintf(keep, sizeof(keep), "%s", addr ? addr : "");
	memset(a, 0, sizeof(*a));
	a->user_id = u->id;
	a->role = bud_role_parse(u->role);
	a->organiser_id = u->organiser_id;
	a->unit_id = u->unit_id;
	a->provider_id = u->provider_id;
	a->client_id = u->client_id;
	a->session_id = sid;
	snprintf(a->username, sizeof(a->username), "%s", u->username);
	bud_utf8_copy(a->display_name, sizeof(a->display_name), u->display_name,
		      SIZE_MAX);
	snprintf(a->lang, sizeof(a->lang), "%s", u->lang);
	snprintf(a->csrf, sizeof(a->csrf), "%s", csrf ? csrf : "");
	snprintf(a->addr, sizeof(a->addr), "%s", keep);
}

struct login_arg {
	bud_app *app;
	const char *username, *addr;
	int64_t now;
	int ok;
	const struct bud_store_user *u;	/* NULL: no such user */
	unsigned char hash[TOKEN_HASH];
	char csrf[TOKEN_B64];
	int64_t session_id;
	int64_t wait_s;
	const char *ua;		/* the browser's User-Agent, NULL: none */
	int pending;		/* enrolled in TOTP: the code comes next */
};

static int new_session(bud_conn *w, struct login_arg *a, bud_err *err)
{
	int rc;

	rc = bud_store_session_prune(w, a->u->id, a->now - BUD_SESSION_IDLE_S,
				     a->now - BUD_SESSION_ABS_S, err);
	if (rc == BUD_OK)
		rc = bud_store_session_insert(w, a->hash, sizeof(a->hash), a->u->id,
					      a->csrf, a->now, &a->session_id, err);
	if (rc == BUD_OK && a->ua && a->ua[0])
		rc = bud_store_session_set_agent(w, a->session_id, a->ua, err);
	if (rc == BUD_OK && a->pending)
		rc = bud_store_session_set_pending(w, a->session_id, err);
	if (rc == BUD_OK)
		rc = bud_store_session_trim(w, a->u->id, BUD_SESSIONS_PER_USER, err);
	return rc;
}

static int login_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct login_arg *a = arg;
	struct bud_uselog_entry e;
	bud_actor who;
	int rc;

	rc = bud_account_throttle(w, a->username, a->addr, a->now, &a->wait_s, err);
	if (rc == BUD_OK)
		rc = bud_store_login_attempt_add(w, a->username, a->addr, a->now,
						 a->ok, err);
	if (rc == BUD_OK)
		rc = bud_store_login_attempt_prune(w, a->now - BUD_LOGIN_KEEP_S, err);
	if (rc == BUD_OK && a->ok)
		rc = new_session(w, a, err);
	if (rc != BUD_OK)
		return rc;
	memset(&who, 0, sizeof(who));
	if (a->u)
		fill_actor(&who, a->u, a->session_id, NULL, NULL);
	memset(&e, 0, sizeof(e));
	e.action = a->ok ? "login" : "login_failed";
	e.object = "session";
	e.basis = "own";
	return bud_uselog_append(a->app, w, &who, &e, err);
}

/* The User-Agent as kept with a session: cut at a character boundary. */
static void agent_copy(char *out, size_t outsz, const char *ua)
{
	bud_utf8_copy(out, outsz, ua ? ua : "", SIZE_MAX);
}

/* 1 when user u is enrolled in TOTP (read through c). */
static int enrolled(bud_conn *c, const struct bud_store_user *u)
{
	struct bud_store_totp t;
	bud_err e2;
	int on;

	if (bud_store_totp_get(c, u->id, &t, &e2) != BUD_OK)
		return 0;
	on = t.enrolled;
	sodium_memzero(&t, sizeof(t));
	return on;
}

int bud_account_login(bud_app *app, const char *username, const char *password,
		      const char *addr, bud_actor *actor, char *token, bud_err *err)
{
	return bud_account_login_ua(app, username, password, addr, NULL, actor,
				    token, err);
}

int bud_account_login_ua(bud_app *app, const char *username,
			 const char *password, const char *addr, const char *ua,
			 bud_actor *actor, char *token, bud_err *err)
{
	char agent[BUD_USER_AGENT_MAX + 1];
	struct bud_store_user u;
	struct login_arg a;
	char akey[sizeof(actor->addr)], tok[TOKEN_B64];
	bud_conn *c;
	int rc, found, off;

	if ((rc = crypto_ready(err)) != BUD_OK)
		return rc;
	if (!username || !username[0] || strlen(username) > BUD_USERNAME_MAX ||
	    !password)
		return bud_err_set(err, BUD_EAUTH, NULL, "err.login.failed",
				   "wrong username or password");
	addr_key(akey, sizeof(akey), addr);
	memset(&a, 0, sizeof(a));
	a.app = app;
	a.username = username;
	a.addr = akey;
	a.now = bud_app_now(app);
	if (!(c = bud_db_reader(app->db, err)))
		return err ? err->code : BUD_EIO;
	if ((rc = bud_account_throttle(c, username, akey, a.now, &a.wait_s, err)) != BUD_OK)
		return rc;
	rc = bud_store_user_by_name(c, username, &u, err);
	if (rc != BUD_OK && rc != BUD_ENOTFOUND)
		return rc;
	found = rc == BUD_OK;
	a.ok = password_matches(found ? u.password_hash : NULL, password) &&
	       found && u.active;
	/* an audience that signs in only through OpenID Connect (app/oidc.h) */
	off = a.ok && (app->password_off & bud_role_parse(u.role));
	a.ok = a.ok && !off;
	a.u = found ? &u : NULL;
	agent_copy(agent, sizeof(agent), ua);
	a.ua = agent;
	a.pending = a.ok && enrolled(c, &u);
	if (a.ok) {
		random_token(tok);
		token_hash(tok, a.hash);
		random_token(a.csrf);
	}
	/* the attempt counts from when it was decided, after argon2id: a slow
	 * hash must not eat the delay that the next attempt has to wait */
	a.now = bud_app_now(app);
	rc = bud_db_write(app->db, login_unit, &a, err);
	if (rc == BUD_OK && off)
		rc = bud_err_set(err, BUD_EAUTH, NULL, "err.login.password_off",
				 "password sign-in is off for this role");
	if (rc == BUD_OK && !a.ok)
		rc = bud_err_set(err, BUD_EAUTH, NULL, "err.login.failed",
				 "wrong username or password");
	if (rc == BUD_OK) {
		fill_actor(actor, &u, a.session_id, a.csrf, akey);
		actor->factor_pending = a.pending;
		snprintf(token, BUD_TOKEN_TEXT, "%s", tok);
	}
	sodium_memzero(tok, sizeof(tok));
	sodium_memzero(u.password_hash, sizeof(u.password_hash));
	return rc;
}

/*
 * A session for u, whose identity was proven elsewhere (OpenID Connect),
 * inside the caller's unit w; see app/account.h.
 */
int bud_account_session_insert(bud_app *app, bud_conn *w,
			       const struct bud_store_user *u, const char *addr,
			       bud_actor *actor, char *token, bud_err *err)
{
	struct login_arg a;
	char tok[TOKEN_B64];
	int rc;

	if (!u->active)
		return bud_err_set(err, BUD_EAUTH, NULL, "err.login.failed",
				   "inactive account");
	memset(&a, 0, sizeof(a));
	a.app = app;
	a.u = u;
	a.now = bud_app_now(app);
	random_token(tok);
	token_hash(tok, a.hash);
	random_token(a.csrf);
	rc = new_session(w, &a, err);
	if (rc == BUD_OK) {
		fill_actor(actor, u, a.session_id, a.csrf, addr);
		snprintf(token, BUD_TOKEN_TEXT, "%s", tok);
	}
	sodium_memzero(tok, sizeof(tok));
	return rc;
}

struct sess_arg {
	int64_t id, now;
	int drop;	/* 1: delete the session, 0: refresh last_seen */
};

static int session_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct sess_arg *a = arg;

	if (a->drop)
		return bud_store_session_delete(w, a->id, err);
	return bud_store_session_touch(w, a->id, a->now, err);
}

/* Delete session id and answer BUD_EAUTH with key. */
static int session_end(bud_app *app, int64_t id, const char *key, bud_err *err)
{
	struct sess_arg a = {id, 0, 1};
	bud_err e2;

	bud_db_write(app->db, session_unit, &a, &e2);
	return bud_err_set(err, BUD_EAUTH, NULL, key, "session ended");
}

/* bud_account_session for a signed-in session (want_pending 0) or a
 * sign-in waiting for its code (1). */
static int session_lookup(bud_app *app, const char *token, bud_actor *actor,
			  int want_pending, bud_err *err)
{
	unsigned char h[TOKEN_HASH];
	struct bud_store_session s;
	struct bud_store_user u;
	struct sess_arg touch;
	int64_t now = bud_app_now(app);
	bud_conn *c;
	int rc;

	if (crypto_ready(err) != BUD_OK || !token_shape(token))
		return bud_err_set(err, BUD_EAUTH, NULL, "err.session.invalid",
				   "no valid session token");
	token_hash(token, h);
	if (!(c = bud_db_reader(app->db, err)))
		return err ? err->code : BUD_EIO;
	rc = bud_store_session_get(c, h, sizeof(h), &s, err);
	if (rc == BUD_ENOTFOUND)
		return bud_err_set(err, BUD_EAUTH, NULL, "err.session.invalid",
				   "no such session");
	if (rc != BUD_OK)
		return rc;
	if (now - s.last_seen >= BUD_SESSION_IDLE_S ||
	    now - s.created_at >= BUD_SESSION_ABS_S ||
	    (s.pending && now - s.created_at >= BUD_TOTP_PENDING_S))
		return session_end(app, s.id, "err.session.expired", err);
	if (s.pending != want_pending)
		return bud_err_set(err, BUD_EAUTH, NULL, "err.session.invalid",
				   s.pending ? "the sign-in waits for its code"
					     : "signed in already");
	rc = bud_store_user_get(c, s.user_id, &u, err);
	if (rc == BUD_ENOTFOUND || (rc == BUD_OK && !u.active))
		return session_end(app, s.id, "err.session.invalid", err);
	if (rc != BUD_OK)
		return rc;
	if (now - s.last_seen >= BUD_SESSION_TOUCH_S) {
		touch = (struct sess_arg){s.id, now, 0};
		rc = bud_db_write(app->db, session_unit, &touch, err);
		if (rc != BUD_OK)
			return rc;
	}
	fill_actor(actor, &u, s.id, s.csrf, actor->addr);
	actor->factor_pending = s.pending;
	sodium_memzero(u.password_hash, sizeof(u.password_hash));
	return BUD_OK;
}

int bud_account_session(bud_app *app, const char *token, bud_actor *actor,
			bud_err *err)
{
	return session_lookup(app, token, actor, 0, err);
}

int bud_account_session_pending(bud_app *app, const char *token,
				bud_actor *actor, bud_err *err)
{
	return session_lookup(app, token, actor, 1, err);
}

int bud_account_csrf_ok(const bud_actor *actor, const char *token)
{
	size_t n;

	if (!actor || !token || !actor->csrf[0])
		return 0;
	n = strlen(actor->csrf);
	if (strnlen(token, n + 1) != n)
		return 0;
	return sodium_memcmp(actor->csrf, token, n) == 0;
}

struct logout_arg {
	bud_app *app;
	const bud_actor *actor;
	int all;		/* every session of the user */
};

/* End this session, or (all) every session of the user. */
static int logout_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct logout_arg *a = arg;
	struct bud_uselog_entry e;
	int rc;

	rc = a->all ? bud_store_session_delete_user(w, a->actor->user_id, 0, err)
		    : bud_store_session_delete(w, a->actor->session_id, err);
	if (rc != BUD_OK)
		return rc;
	memset(&e, 0, sizeof(e));
	e.action = "logout";
	e.object = a->all ? "session:all" : "session";
	e.basis = "own";
	return bud_uselog_append(a->app, w, a->actor, &e, err);
}

static int logout(bud_app *app, const bud_actor *actor, int all, bud_err *err)
{
	struct logout_arg a = {app, actor, all};

	if (!actor || !actor->user_id || !actor->session_id)
		return bud_err_set(err, BUD_EAUTH, NULL, "err.unauthorized",
				   "not signed in");
	return bud_db_write(app->db, logout_unit, &a, err);
}

int bud_account_logout(bud_app *app, const bud_actor *actor, bud_err *err)
{
	return logout(app, actor, 0, err);
}

int bud_account_logout_all(bud_app *app, const bud_actor *actor, bud_err *err)
{
	return logout(app, actor, 1, err);
}

struct password_arg {
	bud_app *app;
	const bud_actor *actor;
	int64_t user_id;
	char hash[BUD_STORE_HASH_TEXT];
	int64_t link_id;	/* set through a one-time link: it is used up */
	int64_t now;
};

/* Use up link a->link_id and every other open link of the user. */
static int use_link(bud_conn *w, struct password_arg *a, bud_err *err)
{
	int done = 0, rc = bud_store_link_use(w, a->link_id, a->now, &done, err);

	if (rc == BUD_OK && !done)
		rc = bud_err_set(err, BUD_ECONFLICT, "token", "err.link.used",
				 "the link was used already");
	if (rc == BUD_OK)
		rc = bud_store_link_close_user(w, a->user_id, a->now, err);
	return rc;
}

/* The new hash, and every session of the user ends but the actor's own
 * (someone who may have learnt the old password is signed out). */
static int password_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct password_arg *a = arg;
	int64_t keep = a->actor && a->actor->user_id == a->user_id ?
		a->actor->session_id : 0;
	struct bud_uselog_entry e;
	char object[40];
	int rc;

	rc = a->link_id ? use_link(w, a, err) : BUD_OK;
	if (rc == BUD_OK)
		rc = bud_store_user_set_password(w, a->user_id, a->hash, err);
	if (rc == BUD_OK)
		rc = bud_store_session_delete_user(w, a->user_id, keep, err);
	if (rc != BUD_OK)
		return rc;
	snprintf(object, sizeof(object), "user:%" PRId64 ":password", a->user_id);
	memset(&e, 0, sizeof(e));
	e.action = "change";
	e.object = object;
	e.basis = a->link_id ? "link" : !a->actor ? "system" :
		a->actor->user_id == a->user_id ? "own" : "admin";
	return bud_uselog_append(a->app, w, a->actor, &e, err);
}

static int set_password(bud_app *app, const bud_actor *actor,
			const char *username, const char *password,
			int64_t link_id, bud_err *err);

int bud_account_set_password(bud_app *app, const bud_actor *actor,
			     const char *username, const char *password,
			     bud_err *err)
{

	if (actor && actor->role != BUD_ROLE_ADMIN)
		return bud_err_set(err, BUD_EFORBIDDEN, NULL, "err.forbidden",
				   "only an administrator sets passwords");
	return set_password(app, actor, username, password, 0, err);
}

int bud_account_change_password(bud_app *app, const bud_actor *actor,
				const char *old_password, const char *password,
				bud_err *err)
{
	int rc;

	if (!actor || !actor->user_id || actor->factor_pending)
		return bud_err_set(err, BUD_EAUTH, NULL, "err.unauthorized",
				   "not signed in");
	if (!old_password || !old_password[0])
		return bud_err_set(err, BUD_EINVAL, "old_password", "err.required",
				   "the current password is required");
	rc = bud_account_check_password(app, actor, old_password, err);
	if (rc == BUD_EAUTH && err)
		snprintf(err->field, sizeof(err->field), "old_password");
	if (rc != BUD_OK)
		return rc;
	return set_password(app, actor, actor->username, password, 0, err);
}

/* bud_account_set_password once the actor may (an administrator, the
 * user themself after their old password, the CLI, a one-time link). */
static int set_password(bud_app *app, const bud_actor *actor,
			const char *username, const char *password,
			int64_t link_id, bud_err *err)
{
	struct password_arg *a;
	struct bud_store_user u;
	const char *names[3];
	bud_conn *c;
	int rc;

	if (!username || !username[0] || strlen(username) > BUD_USERNAME_MAX)
		return bud_err_set(err, BUD_EINVAL, "username", "err.user.username",
				   "no such username");
	if (!(c = bud_db_reader(app->db, err)))
		return err ? err->code : BUD_EIO;
	rc = bud_store_user_by_name(c, username, &u, err);
	sodium_memzero(u.password_hash, sizeof(u.password_hash));
	if (rc == BUD_ENOTFOUND)
		return bud_err_set(err, BUD_ENOTFOUND, "username", "err.not_found",
				   "no such username");
	if (rc != BUD_OK)
		return rc;
	if (!(a = calloc(1, sizeof(*a))))
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "password");
	*a = (struct password_arg){app, actor, u.id, "", link_id, bud_app_now(app)};
	names[0] = u.username;
	names[1] = u.display_name;
	names[2] = NULL;
	rc = bud_account_hash_password(password, names, a->hash, sizeof(a->hash), err);
	if (rc == BUD_OK)
		rc = bud_db_write(app->db, password_unit, a, err);
	sodium_memzero(a->hash, sizeof(a->hash));
	free(a);
	return rc;
}

struct lang_arg {
	int64_t user_id;
	const char *lang;
};

static int lang_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct lang_arg *a = arg;

	return bud_store_user_set_lang(w, a->user_id, a->lang, err);
}

int bud_account_set_lang(bud_app *app, const bud_actor *actor, const char *lang,
			 bud_err *err)
{
	struct lang_arg a;

	if (!lang_valid(lang))
		return bud_err_set(err, BUD_EINVAL, "lang", "err.user.lang",
				   "language must be fi, sv or en");
	if (!actor || !actor->user_id)
		return bud_err_set(err, BUD_EAUTH, NULL, "err.unauthorized",
				   "not signed in");
	a.user_id = actor->user_id;
	a.lang = lang;
	return bud_db_write(app->db, lang_unit, &a, err);
}

struct recheck_arg {
	bud_app *app;
	const bud_actor *actor;
	int64_t now, wait_s;
};

/* Record a failed password re-check like a failed login. */
static int recheck_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct recheck_arg *a = arg;
	struct bud_uselog_entry e;
	int rc;

	rc = bud_account_throttle(w, a->actor->username, a->actor->addr, a->now, &a->wait_s,
		      err);
	if (rc == BUD_OK)
		rc = bud_store_login_attempt_add(w, a->actor->username,
						 a->actor->addr, a->now, 0, err);
	if (rc != BUD_OK)
		return rc;
	memset(&e, 0, sizeof(e));
	e.action = "login_failed";
	e.object = "session";
	e.basis = "own";
	return bud_uselog_append(a->app, w, a->actor, &e, err);
}

int bud_account_check_password(bud_app *app, const bud_actor *actor,
			       const char *password, bud_err *err)
{
	struct recheck_arg a = {app, actor, bud_app_now(app), 0};
	struct bud_store_user u;
	bud_actor who;
	bud_conn *c;
	int rc, ok;

	if ((rc = crypto_ready(err)) != BUD_OK)
		return rc;
	if (!actor || !actor->user_id)
		return bud_err_set(err, BUD_EAUTH, NULL, "err.unauthorized",
				   "not signed in");
	who = *actor;
	addr_key(who.addr, sizeof(who.addr), actor->addr);
	a.actor = &who;
	if (!(c = bud_db_reader(app->db, err)))
		return err ? err->code : BUD_EIO;
	if ((rc = bud_account_throttle(c, who.username, who.addr, a.now, &a.wait_s, err)))
		return rc;
	rc = bud_store_user_get(c, actor->user_id, &u, err);
	if (rc != BUD_OK)
		return rc == BUD_ENOTFOUND ? bud_err_set(err, BUD_EAUTH, NULL,
			"err.unauthorized", "no such user") : rc;
	ok = password_matches(u.password_hash, password) && u.active;
	sodium_memzero(u.password_hash, sizeof(u.password_hash));
	if (ok)
		return BUD_OK;
	rc = bud_db_write(app->db, recheck_unit, &a, err);
	if (rc != BUD_OK)
		return rc;
	return bud_err_set(err, BUD_EAUTH, "password", "err.login.failed",
			   "wrong password");
}

/* The link of token, if it may still be used: BUD_ENOTFOUND field
 * "token" err.link.invalid (unknown, or its user disabled),
 * BUD_ECONFLICT err.link.used / err.link.expired. *u gets its user. */
static int live_link(bud_app *app, const char *token, struct bud_store_link *l,
		     struct bud_store_user *u, bud_err *err)
{
	unsigned char h[BUD_TOKEN_HASH];
	bud_conn *c;
	int rc;

	if (bud_account_token_hash(token, h) != BUD_OK)
		return bud_err_set(err, BUD_ENOTFOUND, "token", "err.link.invalid",
				   "not a link");
	if (!(c = bud_db_reader(app->db, err)))
		return err ? err->code : BUD_EIO;
	rc = bud_store_link_get(c, h, sizeof(h), l, err);
	if (rc == BUD_OK)
		rc = bud_store_user_get(c, l->user_id, u, err);
	sodium_memzero(u->password_hash, sizeof(u->password_hash));
	if (rc == BUD_ENOTFOUND || (rc == BUD_OK && !u->active))
		return bud_err_set(err, BUD_ENOTFOUND, "token", "err.link.invalid",
				   "no such link");
	if (rc == BUD_OK && l->used_at)
		rc = bud_err_set(err, BUD_ECONFLICT, "token", "err.link.used",
				 "the link was used already");
	else if (rc == BUD_OK && bud_app_now(app) >= l->expires_at)
		rc = bud_err_set(err, BUD_ECONFLICT, "token", "err.link.expired",
				 "the link has expired");
	return rc;
}

int bud_account_link_info(bud_app *app, const char *token, char *username,
			  size_t usz, char *lang, size_t lsz, char *purpose,
			  size_t psz, bud_err *err)
{
	struct bud_store_link l;
	struct bud_store_user u;
	int rc = live_link(app, token, &l, &u, err);

	if (rc == BUD_OK) {
		snprintf(username, usz, "%s", u.username);
		snprintf(lang, lsz, "%s", u.lang);
		snprintf(purpose, psz, "%s", l.purpose);
	}
	return rc;
}

int bud_account_link_redeem(bud_app *app, const char *token,
			    const char *password, const char *password2,
			    bud_err *err)
{
	struct bud_store_link l;
	struct bud_store_user u;
	int rc = live_link(app, token, &l, &u, err);

	if (rc != BUD_OK)
		return rc;
	if (password && password[0] && (!password2 || strcmp(password, password2) != 0))
		return bud_err_set(err, BUD_EINVAL, "password2",
				   "err.user.password_mismatch",
				   "the passwords differ");
	return set_password(app, NULL, u.username, password, l.id, err);
}
