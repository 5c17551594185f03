/*
 * app/mail.h: the outbox and its sender. Every letter the service sends
 * (today: invitations, app/invitation.h; later: commitments made or
 * ended) is first an outbox row (store/outbox.h) written by
 * bud_mail_enqueue INSIDE the caller's write unit, so a letter goes iff
 * the change that causes it committed. Each letter has a dedupe key: a
 * second enqueue with the same key adds nothing, so re-running a use case
 * never sends twice.
 *
 * Sending. bud_mail_run is one pass: it takes the queued letters due at
 * `now` (at most BUD_MAIL_BATCH), writes each as RFC 5322 text
 * (formats/mail.h) and
 *   - with an SMTP relay set (conf->smtp_url): hands it to the relay with
 *     libcurl, one connection reused for the pass;
 *   - without one: writes it as DIR/<id>.eml (conf->dir, made if missing);
 * and records the outcome in a write unit of its own (bud_mail_after):
 *   delivered          -> sent
 *   refused for now    -> queued again, next try after the back-off
 *   (4xx, no answer,      (bud_mail_backoff), or failed when that was try
 *    a file error)        BUD_MAIL_ATTEMPTS_MAX
 *   refused for good   -> failed (an SMTP 5xx: the address or the letter
 *                         is wrong; trying again will not help)
 * Delivery is at least once: a letter handed to the relay just before a
 * crash, whose outcome was not yet written, is sent again after restart.
 *
 * Who runs the passes: `budjetti serve` starts a sender thread
 * (bud_mailer_start) that runs a pass when woken (bud_mailer_kick after a
 * commit that enqueued) and at least every BUD_MAIL_POLL_S seconds;
 * `budjetti mail send --db DB` runs one pass and exits. Tests call
 * bud_mail_run with the clock they want: no timing.
 */
#ifndef BUD_APP_MAIL_H
#define BUD_APP_MAIL_H

#include <stdint.h>

#include "app/app.h"
#include "bud_limits.h"
#include "store/outbox.h"

/* Where and how letters go. Filled by the command line; copied by the
 * sender. The password comes from the environment (BUD_SMTP_PASSWORD),
 * never from the command line. */
struct bud_mail_conf {
	char smtp_url[BUD_MAIL_CONF_MAX + 1];	/* smtp://host:port or smtps://..., "" = files */
	char from[BUD_MAIL_ADDR_MAX + 1];	/* envelope and From: address */
	char from_name[BUD_NAME_MAX + 1];	/* From: display name, may be "" */
	char dir[BUD_MAIL_CONF_MAX + 1];	/* .eml directory when no relay */
	char user[BUD_NAME_MAX + 1];		/* SMTP AUTH user, "" = none */
	char password[BUD_NAME_MAX + 1];
	int starttls;				/* 1: require STARTTLS on smtp:// */
	int backoff_s;				/* first retry wait; 0 = BUD_MAIL_BACKOFF_S */
};

/* The defaults: no relay, from "noreply@budjetti.invalid", dir "<dir of
 * db_path>/mail" ("" when db_path is NULL: the caller sets it), back-off
 * BUD_MAIL_BACKOFF_S. */
void bud_mail_conf_default(struct bud_mail_conf *c, const char *db_path);

/* A letter to queue. Strings are borrowed. */
struct bud_mail_new {
	int64_t organiser_id;	/* 0: none */
	const char *kind;	/* one of mail.c's mail_kinds ('invitation', 'meeting', ...) */
	const char *dedupe_key;	/* unique per letter that must go once */
	const char *to_addr;	/* checked: bud_mail_addr_ok */
	const char *to_name;
	const char *lang;	/* fi, sv, fi+sv, en */
	const char *subject;
	const char *body;
	int64_t created_by;	/* user id, 0 = system */
	const char *ics;	/* an iCalendar invitation (formats/ical.h), or NULL */
	const char *ics_method;	/* its METHOD: REQUEST or CANCEL */
};

/* Queue m on the writer connection w, inside the caller's write unit,
 * due at now. *added is 0 when a letter with its dedupe key exists. A bad
 * address is BUD_EINVAL field "email" err.mail.address; a kind not in the
 * list is BUD_EINTERNAL (a bug: nothing is queued). */
int bud_mail_enqueue(bud_conn *w, const struct bud_mail_new *m, int64_t now,
		     int *added, bud_err *err);

/* The wait before try number attempts + 1, after `attempts` failed tries
 * (>= 1): base * 2^(attempts - 1) seconds, at most BUD_MAIL_BACKOFF_MAX_S. */
int64_t bud_mail_backoff(int attempts, int base_s);

/* What one try means for a letter. */
enum bud_mail_outcome { BUD_MAIL_DELIVERED, BUD_MAIL_TEMPFAIL, BUD_MAIL_PERMFAIL };
struct bud_mail_step {
	const char *state;	/* "sent", "queued" or "failed" */
	int attempts;		/* tries made, this one included */
	int64_t next_at;	/* queued: when to try again */
};
/* The state after a try at now of a letter tried `attempts` times before. */
void bud_mail_after(int attempts, enum bud_mail_outcome o, int64_t now, int base_s,
		    struct bud_mail_step *out);

/* What a pass did. */
struct bud_mail_run_result {
	int sent, retry, failed;
};

/* One pass at now (see above). BUD_OK unless the database failed; a
 * letter's own failure is recorded with it, not returned. */
int bud_mail_run(bud_app *app, const struct bud_mail_conf *conf, int64_t now,
		 struct bud_mail_run_result *res, bud_err *err);

/* The serve sender thread. start copies conf; kick wakes it (NULL ok);
 * stop ends it after the pass in progress and frees it (NULL ok). */
typedef struct bud_mailer bud_mailer;
int bud_mailer_start(bud_app *app, const struct bud_mail_conf *conf,
		     bud_mailer **out, bud_err *err);
void bud_mailer_kick(bud_mailer *m);
/* Use conf (copied) from the next pass on: SIGHUP's reload of the mail
 * options. The pass in progress ends with the old one. NULL m ok. */
void bud_mailer_reconfigure(bud_mailer *m, const struct bud_mail_conf *conf);
void bud_mailer_stop(bud_mailer *m);

#endif
