/*
 * app/users.h: accounts people manage (issue 12, item 4).
 *  - the administrator's staff users: list, create (no password: a
 *    one-time set-password link goes by mail), change name, role, unit,
 *    e-mail and language, disable (their sessions end at once; they cannot
 *    sign in) and enable again, and send a new set-password link;
 *  - one-time links (store/credential.h): BUD_TOKEN_BYTES random bytes,
 *    kept only as a hash, used once, expiring after BUD_LINK_STAFF_S (a
 *    set-password link) or BUD_LINK_CLIENT_S (a client's activation
 *    link); a new link ends the user's earlier ones. The link's page and
 *    its use are in app/account.h (bud_account_link_info/_redeem);
 *  - every user's own sessions: list, end one, end all others;
 *  - the sweep of expired sessions, on the writer in bounded batches,
 *    run by a thread of `budjetti serve` every BUD_SESSION_SWEEP_S.
 * The letters are in the user's language (fi, sv, en) and name the link
 * as app->public_url + "/password/" + token.
 */
#ifndef BUD_APP_USERS_H
#define BUD_APP_USERS_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "app/app.h"
#include "core/page.h"
#include "store/db.h"

/* A staff user as the administrator types it. Strings borrowed. */
struct bud_staff_in {
	const char *username;		/* create only: 3..64 of a-z 0-9 . _ - */
	const char *display_name;
	const char *role;		/* admin, worker, decision_maker, finance */
	const char *lang;		/* fi, sv, en */
	const char *email;		/* where the set-password link goes */
	int64_t unit_id;		/* 0: none */
};

/* Admin: the organiser's staff users in id order, one page: {items: [user],
 * units: [{id, name}]} where user is {id, username, display_name, role,
 * lang, email, unit_id, active, totp, created_at}. */
int bud_users_list(bud_app *app, const bud_actor *actor, struct bud_page *pg,
		   json_t **out, bud_err *err);

/* Admin: one staff user of the organiser (user as above, and units). */
int bud_users_get(bud_app *app, const bud_actor *actor, int64_t id,
		  json_t **out, bud_err *err);

/* Admin: create a staff user of the actor's organiser without a password
 * and mail them a set-password link (e-mail required: field "email"). */
int bud_users_create(bud_app *app, const bud_actor *actor,
		     const struct bud_staff_in *in, int64_t *id_out, bud_err *err);

/* Admin: change display_name, role, unit_id, email and lang of user id
 * (in->username is ignored). An admin cannot take away their own admin
 * role (field "role"). */
int bud_users_update(bud_app *app, const bud_actor *actor, int64_t id,
		     const struct bud_staff_in *in, bud_err *err);

/* Admin: disable (active 0: every session of the user ends in the same
 * unit, open links are used up) or enable (1) user id; not oneself. */
int bud_users_set_active(bud_app *app, const bud_actor *actor, int64_t id,
			 int active, bud_err *err);

/* Admin: mail user id a new set-password link (their earlier links end).
 * BUD_EINVAL field "email" err.users.no_email without an address. */
int bud_users_send_link(bud_app *app, const bud_actor *actor, int64_t id,
			bud_err *err);

/*
 * Inside the caller's write unit w: a new one-time link for user_id
 * (purpose "set_password" or "activate"), ending the user's earlier ones.
 * url (urlsz >= BUD_MAIL_CONF_MAX + BUD_TOKEN_TEXT + 16) gets the whole
 * link. When to_addr is a usable address, a letter in lang (fi, sv, en)
 * to to_name goes into the outbox in the same unit; *mailed says so.
 */
int bud_users_link_issue(bud_app *app, bud_conn *w, const bud_actor *actor,
			 int64_t user_id, const char *purpose,
			 const char *to_addr, const char *to_name,
			 const char *lang, char *url, size_t urlsz, int *mailed,
			 bud_err *err);

/* The actor's own sessions, newest first: {items: [{id, created_at,
 * last_seen_at, user_agent, current (bool)}]}. */
int bud_me_sessions(bud_app *app, const bud_actor *actor, json_t **out,
		    bud_err *err);

/* End one of the actor's own sessions (BUD_ENOTFOUND when it is not
 * theirs), or (id 0) every one but the current. */
int bud_me_session_end(bud_app *app, const bud_actor *actor, int64_t id,
		       bud_err *err);

/* Delete expired sessions (idle, too old, or a sign-in left waiting for
 * its code) in write units of at most BUD_SESSION_SWEEP_BATCH until none
 * is left; *removed (may be NULL) gets how many. */
int bud_sessions_sweep(bud_app *app, int *removed, bud_err *err);

/* The serve thread that sweeps every BUD_SESSION_SWEEP_S. */
typedef struct bud_sweeper bud_sweeper;
int bud_sweeper_start(bud_app *app, bud_sweeper **out, bud_err *err);
void bud_sweeper_stop(bud_sweeper *s);	/* NULL ok */

#endif
