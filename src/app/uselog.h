/*
 * app/uselog.h: the use log (käyttöloki) and disclosure log (luovutusloki)
 * of the client data act 703/2023. Every use case that reads or changes a
 * client's data calls bud_uselog_write in the same write unit as the change
 * (or in its own unit for reads). Rows are append-only and hash-chained
 * (each row's hash covers its fields and the previous row's hash), so a
 * changed or removed row shows in bud_uselog_verify.
 */
#ifndef BUD_APP_USELOG_H
#define BUD_APP_USELOG_H

#include <stdint.h>

#include "app/app.h"
#include "core/page.h"

struct bud_uselog_entry {
	int64_t client_id;	/* whose data; 0 = none */
	int64_t acting_for;	/* a representative acting for this client; 0 = none */
	const char *action;	/* read, create, change, print, export, disclose, login, logout, login_failed */
	const char *object;	/* "client", "plan:12", ... (no names, no identity codes) */
	const char *basis;	/* "case", "own", "mandate:3", "special:CODE" */
	const char *recipient;	/* disclosures only, else NULL */
	const char *legal_basis;/* disclosures only, else NULL */
};

/* Append one row as actor (NULL: the system; user_id 0: nobody signed in,
 * role "none"), inside the writer's unit w. For a representative with
 * e->acting_for 0, acting_for is taken to be e->client_id. BUD_EINVAL
 * for an unknown action or an empty object or basis. */
int bud_uselog_append(bud_app *app, bud_conn *w, const bud_actor *actor,
		      const struct bud_uselog_entry *e, bud_err *err);

/* bud_uselog_append of the usual row (no acting_for given, no
 * disclosure): client_id, action, object and basis. */
int bud_uselog_append_row(bud_app *app, bud_conn *w, const bud_actor *actor,
			  int64_t client_id, const char *action,
			  const char *object, const char *basis, bud_err *err);

/* Append one row in a write unit of its own (for reads). */
int bud_uselog_write(bud_app *app, const bud_actor *actor,
		     const struct bud_uselog_entry *e, bud_err *err);

/* Walk the whole chain; BUD_OK when intact, BUD_EINTERNAL naming the first
 * broken row id in err->detail. The chain covers every field of a row, its
 * id and the previous row's hash, so a changed, inserted or removed row
 * shows, except the removal of the newest rows (nothing follows them).
 * broken_id (may be NULL) gets that id, 0 when intact. */
int bud_uselog_verify_ex(bud_app *app, int64_t *broken_id, bud_err *err);
int bud_uselog_verify(bud_app *app, bud_err *err);

/* One row of a client's "who has seen my data" list. The strings live
 * until the callback returns. */
struct bud_uselog_item {
	int64_t id;
	int64_t at;		/* Unix seconds */
	int64_t acting_for;	/* a representative acted for this client */
	const char *user_name;	/* display name; NULL for the system */
	const char *role;	/* "worker", ...; "system", "none" */
	const char *action;	/* read, change, ... */
	const char *object;	/* "client", "plan:12", ... */
};
typedef int (*bud_uselog_item_fn)(void *arg, const struct bud_uselog_item *it);

/* A period of the use log: from_at <= at < to_at (Unix seconds; 0 open). */
struct bud_uselog_period {
	int64_t from_at, to_at;
};

/* The period from the first moment of day `from` to the end of day `to`
 * in Helsinki ("YYYY-MM-DD"; NULL or "": open). BUD_EINVAL naming "from"
 * or "to" for a malformed date, or "to" when it is before from. */
int bud_uselog_period_days(const char *from, const char *to,
			   struct bud_uselog_period *p, bud_err *err);

/*
 * One page (core/page.h; pg->at is the row id below which it starts) of
 * the use-log rows about client_id in period p (NULL: all), newest
 * first, each passed to fn (a non-zero return stops the walk and is
 * returned). The actor must be allowed to see the client
 * (bud_authz_client, read); a refusal is BUD_ENOTFOUND "err.authz.denied".
 * Anyone but the client themself gets a use-log row of their own for
 * this read.
 */
int bud_uselog_list_for_client(bud_app *app, const bud_actor *actor,
			       int64_t client_id,
			       const struct bud_uselog_period *p,
			       struct bud_page *pg, bud_uselog_item_fn fn,
			       void *arg, bud_err *err);

#endif
