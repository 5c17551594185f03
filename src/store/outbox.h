/*
 * store/outbox.h: the mail outbox table (store_outbox.c, migration 010).
 * Plain rows in and out; app/mail.h decides what is sent when, and what
 * a failure means. Conventions of store/org.h: fixed text arrays (a value
 * that does not fit is refused, never cut), writes on the writer's
 * connection, reads on any.
 */
#ifndef BUD_STORE_OUTBOX_H
#define BUD_STORE_OUTBOX_H

#include <stddef.h>
#include <stdint.h>

#include "bud_limits.h"
#include "core/err.h"
#include "store/db.h"

/* One letter. subject and body are owned (malloc) by a row read with
 * bud_store_outbox_due; release with bud_store_outbox_release. */
struct bud_store_mail {
	int64_t id;
	int64_t organiser_id;		/* 0: none */
	char kind[24];			/* 'invitation', 'commitment_made', 'commitment_ended' */
	char dedupe_key[BUD_MAIL_ADDR_MAX + 64];
	char to_addr[BUD_MAIL_ADDR_MAX + 1];
	char to_name[BUD_NAME_MAX + 1];
	char lang[8];			/* fi, sv, fi+sv, en */
	char state[8];			/* queued, sent, failed */
	int attempts;
	int64_t next_at;
	char last_error[BUD_MAIL_ERROR_MAX + 1];
	int64_t created_by;		/* 0: the system */
	int64_t created_at;
	int64_t sent_at;		/* 0: not sent */
	char *subject;			/* owned when read by _due; borrowed on insert */
	char *body;
	char *ics;			/* an iCalendar invitation, "" or NULL none
					 * (owned when read by _due; borrowed on insert) */
	char ics_method[8];		/* REQUEST or CANCEL with an ics, else "" */
};

/* Free the subject and body of m (m may be NULL). */
void bud_store_outbox_release(struct bud_store_mail *m);

/* Queue m (state queued, attempts 0, next_at = m->next_at). A letter with
 * the same dedupe_key already queued or sent adds nothing: *added 0. */
int bud_store_outbox_insert(bud_conn *w, const struct bud_store_mail *m,
			    int *added, bud_err *err);

/* The queued letters due at now (next_at <= now), oldest due first, at
 * most max, into out (each to be released), *n of them. */
int bud_store_outbox_due(bud_conn *c, int64_t now, struct bud_store_mail *out,
			 size_t max, size_t *n, bud_err *err);

/* Record one try of letter id made at now: state ("queued" again with
 * next_at, "sent" or "failed"), attempts, the error text ("" on success).
 * Only a queued letter changes: BUD_ECONFLICT when it is not queued. */
int bud_store_outbox_mark(bud_conn *w, int64_t id, const char *state, int attempts,
			  int64_t next_at, const char *error, int64_t now,
			  bud_err *err);

/* A page of an organiser's letters of kind, newest first (by id):
 * rows with id < before (0: from the newest), at most max, without the
 * body (subject included), into out (each to be released). */
int bud_store_outbox_list(bud_conn *c, int64_t organiser_id, const char *kind,
			  int64_t before, struct bud_store_mail *out, size_t max,
			  size_t *n, bud_err *err);

/* Letters per state of an organiser's kind (the page's summary). */
struct bud_store_outbox_counts {
	int64_t queued, sent, failed;
};
int bud_store_outbox_count(bud_conn *c, int64_t organiser_id, const char *kind,
			   struct bud_store_outbox_counts *out, bud_err *err);

#endif
