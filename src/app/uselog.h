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

struct bud_uselog_entry {
	int64_t client_id;	/* whose data; 0 = none */
	int64_t acting_for;	/* a representative acting for this client; 0 = none */
	const char *action;	/* read, create, change, print, export, disclose, login, logout, login_failed */
	const char *object;	/* "client", "plan:12", ... (no names, no identity codes) */
	const char *basis;	/* "case", "own", "mandate:3", "special:CODE" */
	const char *recipient;	/* disclosures only, else NULL */
	const char *legal_basis;/* disclosures only, else NULL */
};

/* Append one row as actor (NULL: the system), inside the writer's unit w. */
int bud_uselog_append(bud_app *app, bud_conn *w, const bud_actor *actor,
		      const struct bud_uselog_entry *e, bud_err *err);

/* Append one row in a write unit of its own (for reads). */
int bud_uselog_write(bud_app *app, const bud_actor *actor,
		     const struct bud_uselog_entry *e, bud_err *err);

/* Walk the whole chain; BUD_OK when intact, BUD_EINTERNAL naming the first
 * broken row id in err->detail. */
int bud_uselog_verify(bud_app *app, bud_err *err);

#endif
