/*
 * app/totp.c: TOTP enrolment, codes, recovery codes and the fresh second
 * factor (see app/totp.h). liboath computes and compares the codes;
 * libqrencode draws the enrolment QR code, written here as SVG.
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <liboath/oath.h>
#include <qrencode.h>
#include <sodium.h>

#include "app/account.h"
#include "app/totp.h"
#include "app/uselog.h"
#include "bud_limits.h"
#include "core/buf.h"
#include "store/credential.h"
#include "store/session.h"
#include "store/user.h"

#define ISSUER "budjetti"
#define CODE_MAX 32		/* a typed code with spaces or a hyphen */
#define RC_HASH 32

static pthread_once_t oath_once = PTHREAD_ONCE_INIT;
static int oath_ok;

static void oath_start(void)
{
	oath_ok = oath_init() == OATH_OK;
}

static int ready(bud_err *err)
{
	pthread_once(&oath_once, oath_start);
	if (!oath_ok || bud_app_crypto_init() != BUD_OK)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.generic",
				   "liboath or libsodium did not initialise");
	return BUD_OK;
}

int bud_totp_code(const unsigned char *secret, size_t len, int64_t t, int step,
		  int digits, char *out, size_t outsz)
{
	if (ready(NULL) != BUD_OK || !secret || step < 1 || digits < 6 ||
	    digits > 8 || outsz <= (size_t)digits || t < 0)
		return BUD_EINVAL;
	if (oath_totp_generate((const char *)secret, len, (time_t)t, (unsigned)step,
			       0, (unsigned)digits, out) != OATH_OK)
		return BUD_EINVAL;
	return BUD_OK;
}

int64_t bud_totp_match(const unsigned char *secret, size_t len, int64_t now,
		       const char *code)
{
	uint64_t counter = 0;
	size_t i;
	int pos = 0;

	if (ready(NULL) != BUD_OK || !code || strlen(code) != BUD_TOTP_DIGITS)
		return -1;
	for (i = 0; code[i]; i++)
		if (code[i] < '0' || code[i] > '9')
			return -1;
	if (oath_totp_validate3((const char *)secret, len, (time_t)now,
				BUD_TOTP_STEP_S, 0, BUD_TOTP_WINDOW, &pos, &counter,
				code) < 0)
		return -1;
	return (int64_t)counter;
}

void bud_totp_secret_text(const unsigned char *secret, char *out, size_t outsz)
{
	char *b32 = NULL;
	size_t n = 0, i, k = 0;

	out[0] = '\0';
	if (ready(NULL) != BUD_OK ||
	    oath_base32_encode((const char *)secret, BUD_TOTP_SECRET_BYTES, &b32,
			       &n) != OATH_OK)
		return;
	for (i = 0; i < n && b32[i] != '=' && k + 2 < outsz; i++) {
		if (i && i % 4 == 0)
			out[k++] = ' ';
		out[k++] = b32[i];
	}
	out[k] = '\0';
	free(b32);
}

/* ---- the QR code --------------------------------------------------------- */

/* The otpauth:// URI of secret for username (RFC 6238 parameters). */
static void otpauth_uri(bud_buf *b, const unsigned char *secret,
			const char *username)
{
	char text[64], *p, *q;

	bud_totp_secret_text(secret, text, sizeof(text));
	for (p = q = text; *p; p++)	/* no spaces in the URI */
		if (*p != ' ')
			*q++ = *p;
	*q = '\0';
	bud_buf_adds(b, "otpauth://totp/" ISSUER ":");
	bud_buf_add_url(b, username);
	bud_buf_addf(b, "?secret=%s&issuer=" ISSUER "&algorithm=SHA1&digits=%d"
		       "&period=%d", text, BUD_TOTP_DIGITS, BUD_TOTP_STEP_S);
}

/* uri as a QR code in SVG: one path of dark modules, a quiet zone of 4,
 * role img with the title as its name. */
static int qr_svg(bud_buf *b, const char *uri, const char *title)
{
	QRcode *qr = QRcode_encodeString(uri, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	int x, y, w;

	if (!qr)
		return BUD_ENOMEM;
	w = qr->width + 8;
	bud_buf_addf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" "
		       "viewBox=\"0 0 %d %d\" width=\"240\" height=\"240\" "
		       "role=\"img\" aria-labelledby=\"totp-qr-title\" "
		       "shape-rendering=\"crispEdges\"><title id=\"totp-qr-title\">",
		       w, w);
	bud_buf_add_html(b, title);
	bud_buf_addf(b, "</title><rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>"
		       "<path fill=\"#000\" d=\"", w, w);
	for (y = 0; y < qr->width; y++)
		for (x = 0; x < qr->width; x++)
			if (qr->data[y * qr->width + x] & 1)
				bud_buf_addf(b, "M%d %dh1v1h-1z", x + 4, y + 4);
	bud_buf_adds(b, "\"/></svg>");
	QRcode_free(qr);
	return bud_buf_failed(b) ? BUD_ENOMEM : BUD_OK;
}

static json_t *pending_json(const unsigned char *secret, const char *username,
			    const char *title)
{
	char text[64];
	bud_buf uri, svg;
	json_t *j = NULL;

	bud_totp_secret_text(secret, text, sizeof(text));
	bud_buf_init(&uri, 1024);
	bud_buf_init(&svg, 256 * 1024);
	otpauth_uri(&uri, secret, username);
	if (!bud_buf_failed(&uri) && qr_svg(&svg, bud_buf_str(&uri), title) == BUD_OK)
		j = json_pack("{s:s, s:s, s:s}", "secret", text, "uri",
			      bud_buf_str(&uri), "svg", bud_buf_str(&svg));
	bud_buf_free(&uri);
	bud_buf_free(&svg);
	return j;
}

/* ---- checking a code ----------------------------------------------------- */

/* code without spaces and hyphens, lower case, into out; 0 when it is
 * empty or too long. */
static int normalise(const char *code, char *out, size_t outsz)
{
	size_t k = 0;

	for (; code && *code; code++) {
		if (*code == ' ' || *code == '-')
			continue;
		if (k + 1 >= outsz)
			return 0;
		out[k++] = (char)(*code >= 'A' && *code <= 'Z' ? *code - 'A' + 'a' : *code);
	}
	out[k] = '\0';
	return k > 0;
}

/* The hash of a recovery code (normalised) of user_id. */
static void recovery_hash(int64_t user_id, const char *code, unsigned char out[RC_HASH])
{
	crypto_generichash_state st;
	char salt[32];

	snprintf(salt, sizeof(salt), "%" PRId64 ":", user_id);
	crypto_generichash_init(&st, NULL, 0, RC_HASH);
	crypto_generichash_update(&st, (const unsigned char *)salt, strlen(salt));
	crypto_generichash_update(&st, (const unsigned char *)code, strlen(code));
	crypto_generichash_final(&st, out, RC_HASH);
}

enum check_mode { CHECK_USE, CHECK_CONFIRM };

struct check_arg {
	bud_app *app;
	const bud_actor *actor;		/* user_id, username, addr, session_id */
	enum check_mode mode;
	int64_t now, wait_s;
	char code[CODE_MAX];
	const char *refused;		/* err key when the code was refused */
	char (*codes)[BUD_RECOVERY_LEN + 2];	/* CHECK_CONFIRM: the new codes */
};

/* Accept a TOTP code of secret in the unit, or say why not. */
static int take_step(bud_conn *w, struct check_arg *a,
		     const struct bud_store_totp *t, bud_err *err)
{
	const unsigned char *secret = a->mode == CHECK_CONFIRM ? t->pending : t->secret;
	int64_t step = bud_totp_match(secret, BUD_TOTP_SECRET_BYTES, a->now, a->code);
	int done = 0, rc;

	if (step < 0) {
		a->refused = "err.totp.wrong";
		return BUD_OK;
	}
	if (a->mode == CHECK_CONFIRM)
		return bud_store_totp_confirm(w, a->actor->user_id, step, err);
	rc = bud_store_totp_use_step(w, a->actor->user_id, step, &done, err);
	if (rc == BUD_OK && !done)
		a->refused = "err.totp.reused";
	return rc;
}

/* New recovery codes for the user, kept hashed, given back in a->codes. */
static int new_recovery(bud_conn *w, struct check_arg *a, bud_err *err)
{
	unsigned char h[RC_HASH];
	char raw[BUD_RECOVERY_LEN + 1];
	int i, rc = BUD_OK;

	for (i = 0; i < BUD_RECOVERY_CODES && rc == BUD_OK; i++) {
		bud_account_random_code(raw, sizeof(raw), BUD_RECOVERY_LEN);
		recovery_hash(a->actor->user_id, raw, h);
		rc = bud_store_recovery_insert(w, a->actor->user_id, h, sizeof(h), err);
		snprintf(a->codes[i], sizeof(a->codes[i]), "%.*s-%s",
			 BUD_RECOVERY_LEN / 2, raw, raw + BUD_RECOVERY_LEN / 2);
	}
	sodium_memzero(raw, sizeof(raw));
	return rc;
}

/* Record a refused code like a failed sign-in. */
static int record_refusal(bud_conn *w, struct check_arg *a, bud_err *err)
{
	int rc = bud_store_login_attempt_add(w, a->actor->username, a->actor->addr,
					     a->now, 0, err);

	if (rc != BUD_OK)
		return rc;
	return bud_uselog_append_row(a->app, w, a->actor, 0, "login_failed",
				     "session:code", "own", err);
}

static int check_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct check_arg *a = arg;
	struct bud_store_totp t;
	unsigned char h[RC_HASH];
	int rc, done = 0;

	a->refused = NULL;
	rc = bud_account_throttle(w, a->actor->username, a->actor->addr, a->now,
				  &a->wait_s, err);
	if (rc == BUD_OK)
		rc = bud_store_totp_get(w, a->actor->user_id, &t, err);
	if (rc != BUD_OK)
		return rc;
	if (a->mode == CHECK_CONFIRM && !t.has_pending)
		rc = bud_err_set(err, BUD_ECONFLICT, "code", "err.totp.no_pending",
				 "no enrolment waits for its code");
	else if (a->mode == CHECK_USE && !t.enrolled)
		a->refused = "err.totp.wrong";
	else if (strlen(a->code) == BUD_TOTP_DIGITS || a->mode == CHECK_CONFIRM)
		rc = take_step(w, a, &t, err);
	else {
		recovery_hash(a->actor->user_id, a->code, h);
		rc = bud_store_recovery_use(w, a->actor->user_id, h, sizeof(h), a->now,
					    &done, err);
		if (rc == BUD_OK && !done)
			a->refused = "err.totp.wrong";
	}
	sodium_memzero(&t, sizeof(t));
	if (rc != BUD_OK)
		return rc;
	if (a->refused)
		return record_refusal(w, a, err);
	if (a->mode == CHECK_CONFIRM && (rc = new_recovery(w, a, err)) != BUD_OK)
		return rc;
	if (a->actor->session_id)
		rc = bud_store_session_factor(w, a->actor->session_id, a->now, err);
	if (rc == BUD_OK)
		rc = bud_uselog_append_row(a->app, w, a->actor, 0,
			a->mode == CHECK_CONFIRM ? "change" : "login",
			a->mode == CHECK_CONFIRM ? "user:totp" : "session:code",
			"own", err);
	return rc;
}

/* Run the check of code for actor; BUD_EAUTH field "code" when refused. */
static int check_code(bud_app *app, const bud_actor *actor, enum check_mode mode,
		      const char *code, struct check_arg *a, bud_err *err)
{
	bud_actor who = *actor;
	int rc;

	if ((rc = ready(err)) != BUD_OK)
		return rc;
	if (!code || !code[0])
		return bud_err_set(err, BUD_EINVAL, "code", "err.required",
				   "the code is required");
	if (!who.addr[0])
		snprintf(who.addr, sizeof(who.addr), "-");
	a->app = app;
	a->actor = &who;
	a->mode = mode;
	a->now = bud_app_now(app);
	if (!normalise(code, a->code, sizeof(a->code)))
		return bud_err_set(err, BUD_EAUTH, "code", "err.totp.wrong",
				   "not a code");
	rc = bud_db_write(app->db, check_unit, a, err);
	sodium_memzero(a->code, sizeof(a->code));
	if (rc == BUD_OK && a->refused)
		rc = bud_err_set(err, BUD_EAUTH, "code", a->refused, "code refused");
	return rc;
}

/* ---- enrolment ----------------------------------------------------------- */

static int need_user(const bud_actor *actor, bud_err *err)
{
	if (!actor || !actor->user_id || actor->factor_pending)
		return bud_err_set(err, BUD_EAUTH, NULL, "err.unauthorized",
				   "not signed in");
	return BUD_OK;
}

int bud_totp_status(bud_app *app, const bud_actor *actor, const char *title,
		    json_t **out, bud_err *err)
{
	struct bud_store_totp t;
	json_t *pending = NULL;
	bud_conn *c;
	int rc, left = 0;

	*out = NULL;
	if ((rc = need_user(actor, err)) != BUD_OK || (rc = ready(err)) != BUD_OK)
		return rc;
	if (!(c = bud_db_reader(app->db, err)))
		return err ? err->code : BUD_EIO;
	rc = bud_store_totp_get(c, actor->user_id, &t, err);
	if (rc == BUD_OK)
		rc = bud_store_recovery_left(c, actor->user_id, &left, err);
	if (rc == BUD_OK && !t.enrolled && t.has_pending &&
	    !(pending = pending_json(t.pending, actor->username, title ? title : "")))
		rc = bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "qr code");
	if (rc == BUD_OK)
		*out = json_pack("{s:b, s:i, s:o, s:b, s:b}", "enrolled", t.enrolled,
				 "recovery_left", left, "pending",
				 pending ? pending : json_null(), "may_enrol",
				 (actor->role & BUD_ROLE_STAFF) != 0, "required",
				 BUD_TOTP_REQUIRED);
	sodium_memzero(&t, sizeof(t));
	return rc;
}

struct start_arg {
	bud_app *app;
	const bud_actor *actor;
	unsigned char secret[BUD_TOTP_SECRET_BYTES];
};

static int start_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct start_arg *a = arg;
	struct bud_store_totp t;
	int rc = bud_store_totp_get(w, a->actor->user_id, &t, err);

	if (rc == BUD_OK && t.enrolled)
		rc = bud_err_set(err, BUD_ECONFLICT, NULL, "err.totp.enrolled",
				 "enrolled already");
	sodium_memzero(&t, sizeof(t));
	if (rc == BUD_OK)
		rc = bud_store_totp_set_pending(w, a->actor->user_id, a->secret, err);
	return rc;
}

int bud_totp_start(bud_app *app, const bud_actor *actor, bud_err *err)
{
	struct start_arg a;
	int rc;

	if ((rc = need_user(actor, err)) != BUD_OK || (rc = ready(err)) != BUD_OK)
		return rc;
	if (!(actor->role & BUD_ROLE_STAFF))
		return bud_err_set(err, BUD_EFORBIDDEN, NULL, "err.forbidden",
				   "a second factor is for staff");
	a.app = app;
	a.actor = actor;
	randombytes_buf(a.secret, sizeof(a.secret));
	rc = bud_db_write(app->db, start_unit, &a, err);
	sodium_memzero(a.secret, sizeof(a.secret));
	return rc;
}

int bud_totp_confirm(bud_app *app, const bud_actor *actor, const char *code,
		     json_t **codes, bud_err *err)
{
	char list[BUD_RECOVERY_CODES][BUD_RECOVERY_LEN + 2];
	struct check_arg a;
	int rc, i;

	*codes = NULL;
	if ((rc = need_user(actor, err)) != BUD_OK)
		return rc;
	memset(&a, 0, sizeof(a));
	a.codes = list;
	rc = check_code(app, actor, CHECK_CONFIRM, code, &a, err);
	if (rc == BUD_OK) {
		*codes = json_array();
		for (i = 0; i < BUD_RECOVERY_CODES; i++)
			json_array_append_new(*codes, json_string(list[i]));
	}
	sodium_memzero(list, sizeof(list));
	return rc;
}

struct clear_arg {
	bud_app *app;
	const bud_actor *actor;
};

static int clear_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct clear_arg *a = arg;
	int rc = bud_store_totp_clear(w, a->actor->user_id, err);

	if (rc == BUD_OK)
		rc = bud_uselog_append_row(a->app, w, a->actor, 0, "change",
					   "user:totp", "own", err);
	return rc;
}

int bud_totp_disable(bud_app *app, const bud_actor *actor, const char *password,
		     const char *code, bud_err *err)
{
	struct clear_arg c = {app, actor};
	struct check_arg a;
	int rc;

	if ((rc = need_user(actor, err)) != BUD_OK)
		return rc;
	if (!password || !password[0])
		return bud_err_set(err, BUD_EINVAL, "password", "err.required",
				   "the password is required");
	if ((rc = bud_account_check_password(app, actor, password, err)) != BUD_OK)
		return rc;
	memset(&a, 0, sizeof(a));
	if ((rc = check_code(app, actor, CHECK_USE, code, &a, err)) != BUD_OK)
		return rc;
	return bud_db_write(app->db, clear_unit, &c, err);
}

/* ---- signing in and approving ------------------------------------------ */

int bud_totp_login_code(bud_app *app, const char *token, const char *code,
			const char *addr, bud_actor *actor, bud_err *err)
{
	struct check_arg a;
	bud_actor who;
	int rc;

	memset(&who, 0, sizeof(who));
	snprintf(who.addr, sizeof(who.addr), "%s", addr && addr[0] ? addr : "-");
	if ((rc = bud_account_session_pending(app, token, &who, err)) != BUD_OK)
		return rc;
	memset(&a, 0, sizeof(a));
	rc = check_code(app, &who, CHECK_USE, code, &a, err);
	if (rc != BUD_OK)
		return rc;
	who.factor_pending = 0;
	*actor = who;
	return BUD_OK;
}

/* When the session last had a second factor (0: never or unknown). */
static int64_t factor_at(bud_conn *c, int64_t session_id)
{
	struct bud_store_session_row s;
	int64_t owner;
	bud_err e2;

	if (!session_id ||
	    bud_store_session_row_get(c, session_id, &s, &owner, &e2) != BUD_OK)
		return 0;
	return s.factor_at;
}

int bud_account_fresh_second_factor(bud_app *app, const bud_actor *actor,
				    const char *code, bud_err *err)
{
	struct bud_store_totp t;
	struct check_arg a;
	bud_conn *c;
	int rc, on;

	if ((rc = need_user(actor, err)) != BUD_OK)
		return rc;
	if (!(c = bud_db_reader(app->db, err)))
		return err ? err->code : BUD_EIO;
	if ((rc = bud_store_totp_get(c, actor->user_id, &t, err)) != BUD_OK)
		return rc;
	on = t.enrolled;
	sodium_memzero(&t, sizeof(t));
	if (!on)
		return BUD_TOTP_REQUIRED && (actor->role & BUD_ROLE_STAFF) ?
			bud_err_set(err, BUD_EFORBIDDEN, "code", "err.totp.enrol_required",
				    "enrol a second factor first") : BUD_OK;
	if (code && code[0]) {
		memset(&a, 0, sizeof(a));
		return check_code(app, actor, CHECK_USE, code, &a, err);
	}
	if (bud_app_now(app) - factor_at(c, actor->session_id) < BUD_TOTP_FRESH_S)
		return BUD_OK;
	return bud_err_set(err, BUD_EAUTH, "code", "err.totp.needed",
			   "a code from the authenticator app is required");
}
