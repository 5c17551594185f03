/*
 * app/app.h: the application context and the actor. Every use case in
 * app/ takes the context (which database, which settings) and the actor
 * (who is asking, in which role, for whom) and does its own authorisation,
 * rules, one write unit and use-log entry.
 *
 * Ownership: bud_app is created by `budjetti serve` (or a test) and
 * outlives every request; bud_actor is a plain value filled from the
 * session for each request.
 */
#ifndef BUD_APP_APP_H
#define BUD_APP_APP_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "bud_limits.h"
#include "store/db.h"

/* Roles, as bits so a route can allow several. */
enum bud_role {
	BUD_ROLE_ADMIN = 1 << 0,
	BUD_ROLE_WORKER = 1 << 1,
	BUD_ROLE_DECISION_MAKER = 1 << 2,
	BUD_ROLE_FINANCE = 1 << 3,
	BUD_ROLE_PROVIDER_USER = 1 << 4,
	BUD_ROLE_CLIENT = 1 << 5,
	BUD_ROLE_REPRESENTATIVE = 1 << 6,
	BUD_ROLE_EVALUATOR = 1 << 7,	/* the pilot's evaluators: figures only */
};
#define BUD_ROLE_STAFF (BUD_ROLE_ADMIN | BUD_ROLE_WORKER | BUD_ROLE_DECISION_MAKER | BUD_ROLE_FINANCE)
#define BUD_ROLE_ANY 0xff

/* "worker" -> BUD_ROLE_WORKER, or 0. */
int bud_role_parse(const char *name);
/* BUD_ROLE_WORKER -> "worker"; NULL for anything else. */
const char *bud_role_name(int role);

struct bud_proxy_set;	/* http/proxy.c */

typedef struct bud_app {
	bud_db *db;
	int secure_cookies;	/* behind TLS: __Host- prefix and Secure */
	int stats_min_group;	/* small-group suppression for statistics */
	int64_t now_override;	/* tests: a fixed clock (Unix seconds), 0 = real */
	/* Reverse proxies whose X-Forwarded-For / Forwarded is believed
	 * (http/proxy.h, `serve --trusted-proxy`): an immutable set behind an
	 * atomic pointer, replaced whole by SIGHUP's reload; NULL: none.
	 * Freed by bud_proxy_release. */
	_Atomic(struct bud_proxy_set *) proxies;
	struct bud_mailer *mailer;	/* app/mail.h: the serve sender, woken
					 * after a commit that queued mail;
					 * NULL outside serve */
	char public_url[BUD_MAIL_CONF_MAX + 1];	/* how users reach the service
						 * ("https://budjetti.example.fi",
						 * no slash at the end): the
						 * links in letters; "" = the
						 * serve address */
	struct bud_oidc *oidc;		/* app/oidc.h: sign-in through OpenID
					 * Connect; NULL when not configured */
	int password_off;		/* roles (enum bud_role bits) that may
					 * not sign in with a password */
	char instance[BUD_INSTANCE_HEX + 1];	/* this server run, random hex
						 * (bud_app_instance_init);
						 * claims of Idempotency-Keys
						 * record it (app/idem.h) */
} bud_app;

struct bud_readlog;	/* app/read.h */

/* Who is asking. user_id 0 is "nobody signed in". log, when set, keeps
 * the use-log rows of this request's reads (app/read.h). */
typedef struct bud_actor {
	int64_t user_id;
	int role;		/* one enum bud_role bit */
	int64_t organiser_id;
	int64_t unit_id;	/* staff */
	int64_t provider_id;	/* provider_user */
	int64_t client_id;	/* client: self */
	int64_t session_id;
	int64_t api_key_id;	/* a care system's key (app/apikey.h); 0: a session */
	unsigned scopes;	/* the key's enum bud_scope bits; 0 for a session */
	char username[BUD_USERNAME_MAX + 1];
	char display_name[128];
	char lang[4];		/* "fi", "sv", "en" */
	char csrf[72];		/* this session's CSRF token */
	char addr[64];		/* remote address, for throttling (not logged with names) */
	int factor_pending;	/* 1: signed in by password, the TOTP code still
				 * awaited (app/totp.h); nothing else is allowed */
	struct bud_readlog *log;
} bud_actor;

/*
 * Start a background thread (the mail sender, the session sweeper) that
 * never takes a signal: SIGTERM and SIGINT must reach the thread that
 * waits for them (http/server.c), whichever thread is running when they
 * come. pthread_create's result: 0 on success.
 */
int bud_app_thread_start(pthread_t *t, void *(*fn)(void *), void *arg);

/* Give app a new random instance id (once, when the server starts, before
 * any request). BUD_OK, or BUD_EINTERNAL when libsodium does not start. */
int bud_app_instance_init(bud_app *app);

/* The current time in Unix seconds (app->now_override when set). */
int64_t bud_app_now(const bud_app *app);

/* BUD_OK with *schema the database schema version while the database
 * takes writes; BUD_EIO once it has failed (fail-stop) or when there is
 * none. For the health check. */
int bud_app_health(const bud_app *app, int *schema);

/* Initialise libsodium once per process (thread-safe); BUD_OK, or
 * BUD_EINTERNAL when it cannot be. Every app function that uses it calls
 * this first. */
int bud_app_crypto_init(void);

/*
 * A quantity as the API takes it: j a JSON number of units with at most
 * two decimals (4, 2.5), into *out in hundredths. Missing or null is
 * err.required, anything but a number err.qty.number, more decimals
 * err.qty.*, beyond BUD_QTY_UNITS_MAX units err.plausible.quantity: each
 * BUD_EINVAL naming field. (api/ bud_api_quantity and a care system's
 * rows, app/care_events.c, read quantities this one way.)
 */
struct json_t;
int bud_app_json_quantity(const struct json_t *j, const char *field,
			  int64_t *out, bud_err *err);

/* Today's date in Europe/Helsinki by bud_app_now, "YYYY-MM-DD" into out
 * (at least 11 bytes). */
int bud_app_today(const bud_app *app, char *out, size_t outsz);

#endif
