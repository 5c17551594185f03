/*
 * app/read.h: the read path. A read use case runs on the calling thread's
 * own read connection, inside one read transaction (bud_app_read), so
 * reads never queue behind the writer. The use-log rows it appends there
 * (bud_uselog_append on a reader) are not written at once: they collect
 * in a struct bud_readlog, one row per client, action and representative
 * (a screen that calls several use cases about one client logs once: the
 * first object named stays, except that "client:name" (a heading) gives
 * way to the next; lists of several clients are client 0, so a
 * dashboard of lists is one row too; a disclosure is one row per client
 * and recipient).
 *
 * Where the rows go:
 *  - an actor with a readlog (a request: http/ hangs one on the actor)
 *    keeps them until the answer is ready; the server then appends them
 *    through the writer (bud_readlog_flush_async) and sends the answer
 *    only after their group is on disk: what was shown is logged;
 *  - otherwise (CLI, tests) bud_app_read writes them in a unit of their
 *    own before it returns.
 */
#ifndef BUD_APP_READ_H
#define BUD_APP_READ_H

#include <stddef.h>
#include <stdint.h>

#include "app/app.h"
#include "app/uselog.h"

struct bud_readlog_row {
	int64_t client_id;
	int64_t acting_for;
	char action[16];
	char object[BUD_USELOG_OBJECT_MAX + 1];
	char basis[BUD_USELOG_BASIS_MAX + 1];
	char recipient[BUD_USELOG_BASIS_MAX + 1];	/* disclosures: "provider:ID" */
	char legal_basis[BUD_USELOG_STR_MAX + 1];	/* disclosures only */
};

/* An access decision already taken in this answer (app/authz.c). */
struct bud_readlog_authz {
	int64_t client_id;
	int want_act;
	char basis[BUD_USELOG_BASIS_MAX + 1];
};

struct bud_readlog {
	size_t n;
	struct bud_readlog_row rows[BUD_READLOG_ROWS];
	size_t nauthz;
	struct bud_readlog_authz authz[BUD_READLOG_AUTHZ];
};

/*
 * Run fn(c, arg, err) on this thread's reader c in one read transaction.
 * fn may call bud_uselog_append* with c. Rows of a failed fn are dropped
 * (nothing was shown). Returns fn's result, or the log write's error.
 */
int bud_app_read(bud_app *app, const bud_actor *actor, bud_write_fn fn,
		 void *arg, bud_err *err);

/*
 * A screen: fn(arg, err) runs inside one read transaction on this thread's
 * reader, and every read use case it calls (bud_app_read) joins it: one
 * snapshot, one BEGIN, and the access decision about a client taken once
 * (bud_readlog_authz). The server runs every GET handler as a screen.
 * Writes inside a screen go to the writer as usual.
 */
typedef int (*bud_screen_fn)(void *arg, bud_err *err);
int bud_app_screen(bud_app *app, const bud_actor *actor, bud_screen_fn fn,
		   void *arg, bud_err *err);

/* The basis of a read access to client_id already granted in this answer
 * (want_act 1: for acting), or NULL. Only reads use it: a write unit
 * always decides on the writer's connection. */
const char *bud_readlog_authz(const struct bud_readlog *log, int64_t client_id,
			      int want_act);
void bud_readlog_authz_keep(struct bud_readlog *log, int64_t client_id,
			    int want_act, const char *basis);

/* Add entry e to log (coalescing as above). BUD_ETOOBIG when full. */
int bud_readlog_add(struct bud_readlog *log, const struct bud_uselog_entry *e,
		    bud_err *err);

/* Append the rows of log as actor on the writer's connection w, inside
 * a write unit the caller runs (the unit of a deferred API write). */
int bud_readlog_write(bud_app *app, bud_conn *w, const bud_actor *actor,
		      const struct bud_readlog *log, bud_err *err);

/* Append the rows of log as actor in one write unit and wait. */
int bud_readlog_flush(bud_app *app, const bud_actor *actor,
		      const struct bud_readlog *log, bud_err *err);

/*
 * Queue the rows of log as actor for the writer and return; done(arg,
 * rc, err) runs on the writer thread once they are on disk (or failed).
 * actor and log must live until then. An error here means done never
 * runs.
 */
int bud_readlog_flush_async(bud_app *app, const bud_actor *actor,
			    const struct bud_readlog *log,
			    bud_write_done_fn done, void *arg, bud_err *err);

#endif
