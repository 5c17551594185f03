/*
 * store/retention.h: SQL of retention and destruction (migration 024):
 * the organiser's retention period, the clients whose time has passed
 * (the view client_closed), destruction lists and their clients, and the
 * destruction of one client's personal data. The rules (who may, when a
 * client drops out of a list) are app/retention.h's.
 */
#ifndef BUD_STORE_RETENTION_H
#define BUD_STORE_RETENTION_H

#include <stdint.h>

#include "store/db.h"

/* A client whose time has passed, or a client of a list. */
struct bud_store_due {
	int64_t client_id;
	char closed_on[11];		/* the day its last case closed */
	char municipality[128];
	int64_t unit_id;
	/* of a list's client only */
	char state[12];			/* listed, destroyed, dropped */
	int64_t done_at;
	char removed[256];		/* what destruction removed (counts) */
};
typedef int (*bud_store_due_fn)(void *arg, const struct bud_store_due *d);

struct bud_store_dlist {
	int64_t id, organiser_id;
	char as_of[11];
	int retention_years;
	char state[12];			/* proposed, approved, done */
	int64_t created_by, created_at, approved_by, approved_at, done_at;
	char created_by_name[128], approved_by_name[128];
	int64_t clients, destroyed, dropped;	/* counts of its clients */
};
typedef int (*bud_store_dlist_fn)(void *arg, const struct bud_store_dlist *l);

/* The organiser's retention period in years. */
int bud_store_retention_years(bud_conn *c, int64_t organiser_id, int *years,
			      bud_err *err);
int bud_store_retention_years_set(bud_conn *w, int64_t organiser_id, int years,
				  bud_err *err);

/* The organiser's clients not destroyed whose last case closed before
 * `today` minus `years` years, oldest first, from offset, at most limit
 * rows, each to fn (a non-zero return stops and is returned). */
int bud_store_retention_due(bud_conn *c, int64_t organiser_id, const char *today,
			    int years, int64_t offset, int limit,
			    bud_store_due_fn fn, void *arg, bud_err *err);

/* The day client_id's last case closed ("9999-12-31": open); "" when the
 * client is destroyed or there is no such client. */
int bud_store_retention_closed_on(bud_conn *c, int64_t client_id, char out[11],
				  bud_err *err);

/* A new list (proposed) of the clients bud_store_retention_due gives for
 * today and years, at most max; *id and *count. */
int bud_store_dlist_insert(bud_conn *w, int64_t organiser_id, const char *today,
			   int years, int64_t created_by, int64_t now, int max,
			   int64_t *id, int64_t *count, bud_err *err);

/* List id (BUD_ENOTFOUND "list" when it is not the organiser's). */
int bud_store_dlist_get(bud_conn *c, int64_t organiser_id, int64_t id,
			struct bud_store_dlist *out, bud_err *err);

/* The organiser's lists, newest first, offset and limit as above. */
int bud_store_dlists(bud_conn *c, int64_t organiser_id, int64_t offset, int limit,
		     bud_store_dlist_fn fn, void *arg, bud_err *err);

/* The id of the organiser's list not yet done, 0 when none. */
int bud_store_dlist_open(bud_conn *c, int64_t organiser_id, int64_t *id,
			 bud_err *err);

/* The clients of list id in order of closing, state given (NULL: all). */
int bud_store_dlist_items(bud_conn *c, int64_t list_id, const char *state,
			  bud_store_due_fn fn, void *arg, bud_err *err);

/* proposed -> approved by user `by` (0: the command line); BUD_ECONFLICT
 * when it is not proposed. */
int bud_store_dlist_approve(bud_conn *w, int64_t id, int64_t by, int64_t now,
			    bud_err *err);
/* approved -> done. */
int bud_store_dlist_done(bud_conn *w, int64_t id, int64_t now, bud_err *err);

/* A listed client destroyed or dropped (state), removed: the counts. */
int bud_store_ditem_set(bud_conn *w, int64_t list_id, int64_t client_id,
			const char *state, int64_t by, int64_t now,
			const char *removed, bud_err *err);

/*
 * Remove client_id's personal data (migration 024 and docs/domain.md):
 * identity code, names, contact details and search key of the record
 * (pseudonymised, destroyed_at = now); the free texts of its assessments,
 * offers, support plans, plans and lines, commitments, service events and
 * invoice rows; its mandates; the accounts of the client and of the
 * representatives left with no mandate, emptied (no name, username,
 * e-mail, password, second factor, sessions, links, identity codes),
 * never deleted (the use log names them by id); the letters about it in
 * the outbox; the kept answers of Idempotency-Keys that hold its
 * identity code or name. Amounts, dates, states and ids stay. The counts
 * of what was removed go into removed (removedsz bytes). In the caller's
 * write unit.
 */
int bud_store_client_destroy(bud_conn *w, int64_t client_id, int64_t now,
			     char *removed, size_t removedsz, bud_err *err);

#endif
