/*
 * app/users.c: staff users managed by the administrator, one-time links
 * and their letters, a user's own sessions and the session sweep (see
 * app/users.h).
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "app/account.h"
#include "app/authz.h"
#include "app/mail.h"
#include "app/read.h"
#include "app/users.h"
#include "app/uselog.h"
#include "bud_limits.h"
#include "core/buf.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/utf8.h"
#include "formats/mail.h"
#include "store/credential.h"
#include "store/org.h"
#include "store/session.h"
#include "store/user.h"

/* The accounts the admin manages: staff, and the pilot's evaluators. */
#define STAFF_ROLES (BUD_ROLE_ADMIN | BUD_ROLE_WORKER | BUD_ROLE_DECISION_MAKER | \
		     BUD_ROLE_FINANCE | BUD_ROLE_EVALUATOR)

static int need_admin(const bud_actor *actor, bud_err *err)
{
	if (!actor || actor->role != BUD_ROLE_ADMIN)
		return bud_authz_forbidden(err, "users");
	return BUD_OK;
}

/* ---- the letter ---------------------------------------------------------- */

/* Subject and body of the letter for purpose in lang with url. */
static void compose(const char *purpose, const char *lang, const char *name,
		    const char *organiser, const char *url, bud_buf *subject,
		    bud_buf *body)
{
	char key[64];

	snprintf(key, sizeof(key), "letter.%s.subject", purpose);
	bud_buf_adds(subject, bud_msg(lang, key));
	bud_buf_addf(body, "%s %s,\n\n", bud_msg(lang, "letter.hello"), name);
	snprintf(key, sizeof(key), "letter.%s.body", purpose);
	bud_buf_addf(body, "%s\n\n%s\n\n", bud_msg(lang, key), url);
	snprintf(key, sizeof(key), "letter.%s.expiry", purpose);
	bud_buf_addf(body, "%s\n\n%s\n\n%s\n%s\n", bud_msg(lang, key),
		     bud_msg(lang, "letter.not_you"), bud_msg(lang, "letter.regards"),
		     organiser);
}

/* The organiser's name in lang ("" when unknown). */
static void organiser_name(bud_conn *w, int64_t id, const char *lang, char *out,
			   size_t outsz)
{
	struct bud_store_organiser o;
	bud_err e2;

	out[0] = '\0';
	if ((id ? bud_store_organiser_get(w, id, &o, &e2)
		: bud_store_organiser_only(w, &o, &e2)) != BUD_OK)
		return;
	snprintf(out, outsz, "%s", strcmp(lang, "sv") == 0 && o.name_sv[0] ? o.name_sv :
		 strcmp(lang, "en") == 0 && o.name_en[0] ? o.name_en : o.name_fi);
}

struct letter_in {
	const bud_actor *actor;
	int64_t link_id;
	const char *purpose, *to_addr, *to_name, *lang, *url;
};

static int enqueue(bud_app *app, bud_conn *w, const struct letter_in *l,
		   bud_err *err)
{
	char org[BUD_NAME_MAX + 1], key[64];
	bud_buf subject, body;
	struct bud_mail_new m;
	int added, rc;

	organiser_name(w, l->actor ? l->actor->organiser_id : 0, l->lang, org,
		       sizeof(org));
	snprintf(key, sizeof(key), "link:%" PRId64, l->link_id);
	bud_buf_init(&subject, BUD_MAIL_SUBJECT_MAX);
	bud_buf_init(&body, BUD_MAIL_BODY_MAX);
	compose(l->purpose, l->lang, l->to_name, org, l->url, &subject, &body);
	memset(&m, 0, sizeof(m));
	m.organiser_id = l->actor ? l->actor->organiser_id : 0;
	m.kind = l->purpose;
	m.dedupe_key = key;
	m.to_addr = l->to_addr;
	m.to_name = l->to_name;
	m.lang = l->lang;
	m.subject = bud_buf_str(&subject);
	m.body = bud_buf_str(&body);
	m.created_by = l->actor ? l->actor->user_id : 0;
	rc = bud_buf_failed(&subject) || bud_buf_failed(&body) ?
		bud_err_set(err, BUD_ETOOBIG, NULL, "err.generic", "letter too long") :
		bud_mail_enqueue(w, &m, bud_app_now(app), &added, err);
	bud_buf_free(&subject);
	bud_buf_free(&body);
	return rc;
}

int bud_users_link_issue(bud_app *app, bud_conn *w, const bud_actor *actor,
			 int64_t user_id, const char *purpose,
			 const char *to_addr, const char *to_name,
			 const char *lang, char *url, size_t urlsz, int *mailed,
			 bud_err *err)
{
	unsigned char h[BUD_TOKEN_HASH];
	char token[BUD_TOKEN_TEXT], key[48];
	struct bud_store_link l;
	struct letter_in in;
	int64_t now = bud_app_now(app);
	int rc;

	*mailed = 0;
	if (bud_account_token_new(token, sizeof(token), h) != BUD_OK)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.generic", "no token");
	memset(&l, 0, sizeof(l));
	l.user_id = user_id;
	snprintf(l.purpose, sizeof(l.purpose), "%s", purpose);
	l.created_by = actor ? actor->user_id : 0;
	l.created_at = now;
	l.expires_at = now + (strcmp(purpose, "activate") == 0 ? BUD_LINK_CLIENT_S
							     : BUD_LINK_STAFF_S);
	rc = bud_store_link_close_user(w, user_id, now, err);
	if (rc == BUD_OK)
		rc = bud_store_link_insert(w, h, sizeof(h), &l, &l.id, err);
	snprintf(url, urlsz, "%s/password/%s", app->public_url[0] ? app->public_url :
		 "http://localhost", token);
	sodium_memzero(token, sizeof(token));
	if (rc == BUD_OK && to_addr && bud_mail_addr_ok(to_addr)) {
		in = (struct letter_in){actor, l.id, purpose, to_addr, to_name,
			bud_lang_valid(lang) ? lang : "fi", url};
		rc = enqueue(app, w, &in, err);
		*mailed = rc == BUD_OK;
	}
	snprintf(key, sizeof(key), "user:%" PRId64 ":link", user_id);
	if (rc == BUD_OK)
		rc = bud_uselog_append_row(app, w, actor, 0, "create", key,
			!actor ? "system" : actor->role == BUD_ROLE_ADMIN ? "admin" : "case",
			err);
	return rc;
}

/* ---- reading users ------------------------------------------------------- */

static json_t *user_json(const struct bud_store_user_row *r)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:o, s:b, s:b, s:I}",
		"id", (json_int_t)r->id, "username", r->username,
		"display_name", r->display_name, "role", r->role, "lang", r->lang,
		"email", r->email, "unit_id", r->unit_id ? json_integer(r->unit_id) :
		json_null(), "active", r->active, "totp", r->totp,
		"created_at", (json_int_t)r->created_at);
}

/* The organiser's units as [{id, name}] in lang. */
static json_t *units_json(bud_conn *c, int64_t org, const char *lang, bud_err *err)
{
	struct bud_store_unit *u = calloc(BUD_PAGE_DEFAULT, sizeof(*u));
	json_t *a = json_array();
	size_t i, n = 0;

	if (u && bud_store_unit_list(c, org, u, BUD_PAGE_DEFAULT, &n, err) == BUD_OK)
		for (i = 0; i < n; i++)
			json_array_append_new(a, json_pack("{s:I, s:s}", "id",
				(json_int_t)u[i].id, "name",
				strcmp(lang, "sv") == 0 ? u[i].name_sv :
				strcmp(lang, "en") == 0 ? u[i].name_en : u[i].name_fi));
	free(u);
	return a;
}

struct list_ctx {
	const bud_actor *actor;
	struct bud_page *pg;
	int64_t id;		/* get: this user */
	json_t *out;
};

static int list_fn(bud_conn *c, void *arg, bud_err *err)
{
	struct list_ctx *x = arg;
	size_t i, n = 0, fetch = (size_t)bud_page_fetch(x->pg);
	struct bud_store_user_row *rows = calloc(fetch, sizeof(*rows));
	json_t *items = json_array();
	int rc;

	if (!rows)
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "no memory");
	rc = bud_store_staff_list(c, x->actor->organiser_id, x->pg->at, rows, fetch,
				  &n, err);
	x->pg->next = 0;
	if (rc == BUD_OK && n == fetch) {
		n--;
		x->pg->next = rows[n - 1].id;
	}
	for (i = 0; rc == BUD_OK && i < n; i++)
		json_array_append_new(items, user_json(&rows[i]));
	free(rows);
	x->out = json_pack("{s:o, s:o}", "items", items, "units",
			   units_json(c, x->actor->organiser_id, x->actor->lang, err));
	return rc;
}

int bud_users_list(bud_app *app, const bud_actor *actor, struct bud_page *pg,
		   json_t **out, bud_err *err)
{
	struct list_ctx x = {actor, pg, 0, NULL};
	int rc;

	*out = NULL;
	if ((rc = need_admin(actor, err)) != BUD_OK)
		return rc;
	rc = bud_app_read(app, actor, list_fn, &x, err);
	if (rc != BUD_OK) {
		json_decref(x.out);
		return rc;
	}
	*out = x.out;
	return BUD_OK;
}

/* The staff user id of the actor's organiser into r, else BUD_ENOTFOUND. */
static int staff_of(bud_conn *c, const bud_actor *actor, int64_t id,
		    struct bud_store_user_row *r, bud_err *err)
{
	int rc = bud_store_user_row_get(c, id, r, err);

	if (rc == BUD_OK && (!(bud_role_parse(r->role) & STAFF_ROLES) ||
			     (r->organiser_id && r->organiser_id != actor->organiser_id)))
		rc = BUD_ENOTFOUND;
	if (rc == BUD_ENOTFOUND)
		return bud_authz_denied(err, "user");
	return rc;
}

static int get_fn(bud_conn *c, void *arg, bud_err *err)
{
	struct list_ctx *x = arg;
	struct bud_store_user_row r;
	int rc = staff_of(c, x->actor, x->id, &r, err);

	if (rc == BUD_OK)
		x->out = json_pack("{s:o, s:o}", "user", user_json(&r), "units",
				   units_json(c, x->actor->organiser_id, x->actor->lang,
					      err));
	return rc;
}

int bud_users_get(bud_app *app, const bud_actor *actor, int64_t id,
		  json_t **out, bud_err *err)
{
	struct list_ctx x = {actor, NULL, id, NULL};
	int rc;

	*out = NULL;
	if ((rc = need_admin(actor, err)) != BUD_OK)
		return rc;
	rc = bud_app_read(app, actor, get_fn, &x, err);
	if (rc != BUD_OK) {
		json_decref(x.out);
		return rc;
	}
	*out = x.out;
	return BUD_OK;
}

/* ---- changing users ------------------------------------------------------ */

/* The fields of in that every change checks (the unit is checked in the
 * unit, against the organiser). */
static int check_staff(const struct bud_staff_in *in, bud_err *err)
{
	size_t n = in->display_name ? bud_utf8_len(in->display_name) : 0;
	int rc;

	if (n < 1 || n > BUD_DISPLAY_NAME_MAX)
		return bud_err_set(err, BUD_EINVAL, "display_name",
				   "err.user.display_name", "display name length");
	if ((rc = bud_text_check(in->display_name, BUD_TEXT_LINE, "display_name",
				 err)) != BUD_OK)
		return rc;
	if (!(bud_role_parse(in->role) & STAFF_ROLES))
		return bud_err_set(err, BUD_EINVAL, "role", "err.user.role",
				   "a staff role is required");
	if (!bud_lang_valid(in->lang))
		return bud_err_set(err, BUD_EINVAL, "lang", "err.user.lang",
				   "language must be fi, sv or en");
	if (in->email && in->email[0] && !bud_mail_addr_ok(in->email))
		return bud_err_set(err, BUD_EINVAL, "email", "err.mail.address",
				   "not an e-mail address");
	if (in->unit_id < 0)
		return bud_err_set(err, BUD_EINVAL, "unit_id", "err.user.unit_unknown",
				   "no such unit");
	return BUD_OK;
}

/* The unit, when given, must be the actor's organiser's. */
static int unit_ok(bud_conn *w, const bud_actor *actor, int64_t unit_id,
		   bud_err *err)
{
	struct bud_store_unit u;
	int rc;

	if (!unit_id)
		return BUD_OK;
	rc = bud_store_unit_get(w, unit_id, &u, err);
	if (rc == BUD_ENOTFOUND || (rc == BUD_OK && actor->organiser_id &&
				    u.organiser_id != actor->organiser_id))
		return bud_err_set(err, BUD_EINVAL, "unit_id", "err.user.unit_unknown",
				   "no such unit");
	return rc;
}

/* r (its id kept) takes the fields of in. */
static void fill_row(struct bud_store_user_row *r, const struct bud_staff_in *in)
{
	snprintf(r->display_name, sizeof(r->display_name), "%s", in->display_name);
	snprintf(r->role, sizeof(r->role), "%s", in->role);
	snprintf(r->lang, sizeof(r->lang), "%s", in->lang);
	snprintf(r->email, sizeof(r->email), "%s", in->email ? in->email : "");
	r->unit_id = in->unit_id;
}

struct change {
	bud_app *app;
	const bud_actor *actor;
	const struct bud_staff_in *in;
	int64_t id;
	int active;
	char hash[BUD_STORE_HASH_TEXT];	/* create: of a password nobody knows */
};

/* Mail user r a set-password link, in the unit. */
static int mail_link(struct change *x, bud_conn *w,
		     const struct bud_store_user_row *r, bud_err *err)
{
	char url[BUD_MAIL_CONF_MAX + BUD_TOKEN_TEXT + 16];
	int mailed = 0;

	if (!bud_mail_addr_ok(r->email))
		return bud_err_set(err, BUD_EINVAL, "email", "err.users.no_email",
				   "the user has no e-mail address");
	return bud_users_link_issue(x->app, w, x->actor, r->id, "set_password",
				    r->email, r->display_name, r->lang, url,
				    sizeof(url), &mailed, err);
}

static int create_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct change *x = arg;
	struct bud_store_user_row r;
	struct bud_new_user u = {
		.username = x->in->username, .display_name = x->in->display_name,
		.role = x->in->role, .lang = x->in->lang,
		.organiser_id = x->actor->organiser_id, .unit_id = x->in->unit_id,
	};
	int rc = unit_ok(w, x->actor, x->in->unit_id, err);

	if (rc == BUD_OK)
		rc = bud_account_insert_hashed(x->app, w, x->actor, &u, x->hash,
					       &x->id, err);
	if (rc != BUD_OK)
		return rc;
	memset(&r, 0, sizeof(r));
	r.id = x->id;
	fill_row(&r, x->in);
	rc = bud_store_user_update(w, &r, err);
	return rc == BUD_OK ? mail_link(x, w, &r, err) : rc;
}

int bud_users_create(bud_app *app, const bud_actor *actor,
		     const struct bud_staff_in *in, int64_t *id_out, bud_err *err)
{
	struct change x = {app, actor, in, 0, 1, ""};
	int rc;

	if ((rc = need_admin(actor, err)) != BUD_OK || (rc = check_staff(in, err)))
		return rc;
	if (!in->email || !in->email[0])
		return bud_err_set(err, BUD_EINVAL, "email", "err.required",
				   "the set-password link goes by e-mail");
	rc = bud_account_unusable_hash(x.hash, sizeof(x.hash), err);
	if (rc == BUD_OK)
		rc = bud_db_write(app->db, create_unit, &x, err);
	if (rc == BUD_OK) {
		bud_mailer_kick(app->mailer);
		if (id_out)
			*id_out = x.id;
	}
	return rc;
}

static int update_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct change *x = arg;
	struct bud_store_user_row r;
	char object[40];
	int rc = staff_of(w, x->actor, x->id, &r, err);

	if (rc == BUD_OK)
		rc = unit_ok(w, x->actor, x->in->unit_id, err);
	if (rc != BUD_OK)
		return rc;
	fill_row(&r, x->in);
	if ((rc = bud_store_user_update(w, &r, err)) != BUD_OK)
		return rc;
	snprintf(object, sizeof(object), "user:%" PRId64, x->id);
	return bud_uselog_append_row(x->app, w, x->actor, 0, "change", object,
				     "admin", err);
}

int bud_users_update(bud_app *app, const bud_actor *actor, int64_t id,
		     const struct bud_staff_in *in, bud_err *err)
{
	struct change x = {app, actor, in, id, 1, ""};
	int rc;

	if ((rc = need_admin(actor, err)) != BUD_OK || (rc = check_staff(in, err)))
		return rc;
	if (id == actor->user_id && bud_role_parse(in->role) != BUD_ROLE_ADMIN)
		return bud_err_set(err, BUD_EINVAL, "role", "err.users.own_admin",
				   "an administrator keeps their own role");
	return bud_db_write(app->db, update_unit, &x, err);
}

static int active_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct change *x = arg;
	struct bud_store_user_row r;
	char object[40];
	int rc = staff_of(w, x->actor, x->id, &r, err);

	if (rc == BUD_OK)
		rc = bud_store_user_set_active(w, x->id, x->active, err);
	if (rc == BUD_OK && !x->active)
		rc = bud_store_session_delete_user(w, x->id, 0, err);
	if (rc == BUD_OK && !x->active)
		rc = bud_store_link_close_user(w, x->id, bud_app_now(x->app), err);
	if (rc != BUD_OK)
		return rc;
	snprintf(object, sizeof(object), "user:%" PRId64 ":%s", x->id,
		 x->active ? "enable" : "disable");
	return bud_uselog_append_row(x->app, w, x->actor, 0, "change", object,
				     "admin", err);
}

int bud_users_set_active(bud_app *app, const bud_actor *actor, int64_t id,
			 int active, bud_err *err)
{
	struct change x = {app, actor, NULL, id, active ? 1 : 0, ""};
	int rc;

	if ((rc = need_admin(actor, err)) != BUD_OK)
		return rc;
	if (id == actor->user_id)
		return bud_err_set(err, BUD_ECONFLICT, NULL, "err.users.own_active",
				   "an administrator does not disable themself");
	return bud_db_write(app->db, active_unit, &x, err);
}

static int link_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct change *x = arg;
	struct bud_store_user_row r;
	int rc = staff_of(w, x->actor, x->id, &r, err);

	if (rc == BUD_OK && !r.active)
		rc = bud_err_set(err, BUD_ECONFLICT, NULL, "err.users.disabled",
				 "the user is disabled");
	return rc == BUD_OK ? mail_link(x, w, &r, err) : rc;
}

int bud_users_send_link(bud_app *app, const bud_actor *actor, int64_t id,
			bud_err *err)
{
	struct change x = {app, actor, NULL, id, 1, ""};
	int rc;

	if ((rc = need_admin(actor, err)) != BUD_OK)
		return rc;
	rc = bud_db_write(app->db, link_unit, &x, err);
	if (rc == BUD_OK)
		bud_mailer_kick(app->mailer);
	return rc;
}

/* ---- one's own sessions -------------------------------------------------- */

static int signed_in(const bud_actor *actor, bud_err *err)
{
	if (!actor || !actor->user_id || actor->factor_pending)
		return bud_err_set(err, BUD_EAUTH, NULL, "err.unauthorized",
				   "not signed in");
	return BUD_OK;
}

struct me_ctx {
	const bud_actor *actor;
	json_t *out;
};

static int sessions_fn(bud_conn *c, void *arg, bud_err *err)
{
	struct me_ctx *x = arg;
	struct bud_store_session_row rows[BUD_SESSIONS_LISTED];
	json_t *items = json_array();
	size_t i, n = 0;
	int rc = bud_store_session_list(c, x->actor->user_id, rows, BUD_SESSIONS_LISTED,
					&n, err);

	for (i = 0; rc == BUD_OK && i < n; i++)
		json_array_append_new(items, json_pack("{s:I, s:I, s:I, s:s, s:b}",
			"id", (json_int_t)rows[i].id,
			"created_at", (json_int_t)rows[i].created_at,
			"last_seen_at", (json_int_t)rows[i].last_seen,
			"user_agent", rows[i].user_agent,
			"current", rows[i].id == x->actor->session_id));
	x->out = json_pack("{s:o}", "items", items);
	return rc;
}

int bud_me_sessions(bud_app *app, const bud_actor *actor, json_t **out,
		    bud_err *err)
{
	struct me_ctx x = {actor, NULL};
	int rc;

	*out = NULL;
	if ((rc = signed_in(actor, err)) != BUD_OK)
		return rc;
	rc = bud_app_read(app, actor, sessions_fn, &x, err);
	if (rc != BUD_OK) {
		json_decref(x.out);
		return rc;
	}
	*out = x.out;
	return BUD_OK;
}

struct end_arg {
	bud_app *app;
	const bud_actor *actor;
	int64_t id;
};

static int end_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct end_arg *a = arg;
	int done = 1, rc;

	if (a->id)
		rc = bud_store_session_delete_own(w, a->actor->user_id, a->id, &done, err);
	else
		rc = bud_store_session_delete_user(w, a->actor->user_id,
						   a->actor->session_id, err);
	if (rc == BUD_OK && !done)
		return bud_authz_denied(err, "session");
	if (rc != BUD_OK)
		return rc;
	return bud_uselog_append_row(a->app, w, a->actor, 0, "logout",
				     a->id ? "session:one" : "session:others", "own", err);
}

int bud_me_session_end(bud_app *app, const bud_actor *actor, int64_t id,
		       bud_err *err)
{
	struct end_arg a = {app, actor, id};
	int rc;

	if ((rc = signed_in(actor, err)) != BUD_OK)
		return rc;
	if (id < 0)
		return bud_authz_denied(err, "session");
	return bud_db_write(app->db, end_unit, &a, err);
}

/* ---- the sweep ----------------------------------------------------------- */

struct sweep_arg {
	int64_t now;
	int removed;
};

static int sweep_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct sweep_arg *a = arg;

	return bud_store_session_sweep(w, a->now - BUD_SESSION_IDLE_S,
				       a->now - BUD_SESSION_ABS_S,
				       a->now - BUD_TOTP_PENDING_S,
				       BUD_SESSION_SWEEP_BATCH, &a->removed, err);
}

int bud_sessions_sweep(bud_app *app, int *removed, bud_err *err)
{
	struct sweep_arg a;
	int rc, total = 0;

	do {
		a.now = bud_app_now(app);
		a.removed = 0;
		rc = bud_db_write(app->db, sweep_unit, &a, err);
		total += a.removed;
	} while (rc == BUD_OK && a.removed == BUD_SESSION_SWEEP_BATCH);
	if (removed)
		*removed = total;
	return rc;
}

struct bud_sweeper {
	bud_app *app;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int stop;
};

static void *sweeper_main(void *arg)
{
	struct bud_sweeper *s = arg;
	struct timespec until;
	bud_err err;

	pthread_mutex_lock(&s->mu);
	while (!s->stop) {
		pthread_mutex_unlock(&s->mu);
		bud_sessions_sweep(s->app, NULL, &err);
		pthread_mutex_lock(&s->mu);
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += BUD_SESSION_SWEEP_S;
		while (!s->stop &&
		       pthread_cond_timedwait(&s->cv, &s->mu, &until) == 0)
			;
	}
	pthread_mutex_unlock(&s->mu);
	return NULL;
}

int bud_sweeper_start(bud_app *app, bud_sweeper **out, bud_err *err)
{
	bud_sweeper *s = calloc(1, sizeof(*s));

	*out = NULL;
	if (!s)
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "sweeper");
	s->app = app;
	pthread_mutex_init(&s->mu, NULL);
	pthread_cond_init(&s->cv, NULL);
	if (bud_app_thread_start(&s->thread, sweeper_main, s) != 0) {
		pthread_mutex_destroy(&s->mu);
		pthread_cond_destroy(&s->cv);
		free(s);
		return bud_err_set(err, BUD_EIO, NULL, "err.generic",
				   "no thread for the session sweep");
	}
	*out = s;
	return BUD_OK;
}

void bud_sweeper_stop(bud_sweeper *s)
{
	if (!s)
		return;
	pthread_mutex_lock(&s->mu);
	s->stop = 1;
	pthread_cond_signal(&s->cv);
	pthread_mutex_unlock(&s->mu);
	pthread_join(s->thread, NULL);
	pthread_mutex_destroy(&s->mu);
	pthread_cond_destroy(&s->cv);
	free(s);
}
