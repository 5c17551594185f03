/*
 * app/retention.h: retention and destruction of client data (issue 14,
 * item 6; docs/domain.md "Retention and destruction").
 *
 * Disability-service documents are kept for the organiser's retention
 * period (retention_years, default and floor BUD_RETENTION_YEARS_MIN = the
 * law's 10) after the client's last case closed: the latest day anything
 * of the case happened or was in force (migration 024, view
 * client_closed); a plan being drafted or proposed, a commitment offered,
 * a disputed event or an invoice row waiting keeps the case open. A
 * client is due from the day after closed_on + retention_years.
 *
 * Nothing is destroyed without an approved list:
 *   1. the report lists the clients due (bud_retention_due);
 *   2. an admin makes a destruction list of them (bud_retention_list_create:
 *      at most BUD_RETENTION_LIST_MAX, one list open at a time);
 *   3. an admin approves it with the password again (recorded: who, when;
 *      the clients are the list's);
 *   4. destruction (bud_retention_list_destroy) takes the list's clients
 *      one write unit each: a client whose case was opened again or
 *      closed later than when it was listed is dropped, else its personal
 *      data is removed (store/retention.h says what), the list row keeps
 *      what was removed (counts only) and the use log gets a row
 *      ("change", "client:destroyed", basis "destruction_list:ID"). Then
 *      the WAL is truncated so no old page keeps the data.
 *
 * The ledger (grants, reservations, spending), plan lines' amounts,
 * commitments, invoices and payments stay as they were, tied to the
 * pseudonymised client id, so `budjetti check` still holds; the use log
 * holds no personal data (ids, actions, object kinds), so its rows and
 * chain stay untouched.
 *
 * Only the admin (of the organiser); actor NULL is the command line
 * (`budjetti retention`), which acts as the system and needs no
 * password. Everyone else: BUD_EFORBIDDEN.
 */
#ifndef BUD_APP_RETENTION_H
#define BUD_APP_RETENTION_H

#include <jansson.h>

#include "app/app.h"
#include "core/page.h"

/* {retention_years, retention_years_min, retention_years_max, open_list}
 * (open_list: the id of the list not yet done, or null). */
int bud_retention_settings(bud_app *app, const bud_actor *actor, json_t **out,
			   bud_err *err);

/* Set the period: BUD_EINVAL naming "retention_years" outside
 * BUD_RETENTION_YEARS_MIN..MAX. */
int bud_retention_years_set(bud_app *app, const bud_actor *actor, int years,
			    bud_err *err);

/* One page of the clients due today: [{client_id, closed_on, due_on,
 * municipality, unit_id}], oldest closing first. No name, no identity
 * code: the admin sees no client data. */
int bud_retention_due(bud_app *app, const bud_actor *actor, struct bud_page *pg,
		      json_t **out, bud_err *err);

/* A new list of the clients due today: *id. BUD_ECONFLICT
 * "err.retention.open" while another list is not done,
 * "err.retention.empty" when nobody is due. */
int bud_retention_list_create(bud_app *app, const bud_actor *actor, int64_t *id,
			      bud_err *err);

/* {id, as_of, retention_years, state, created_at, created_by, approved_at,
 * approved_by, done_at, clients, destroyed, dropped, items: [{client_id,
 * closed_on, municipality, unit_id, state, done_at, removed}]}. */
int bud_retention_list_get(bud_app *app, const bud_actor *actor, int64_t id,
			   json_t **out, bud_err *err);

/* One page of the lists, newest first (the members above but items). */
int bud_retention_lists(bud_app *app, const bud_actor *actor, struct bud_page *pg,
			json_t **out, bud_err *err);

/* Approve list id (proposed): the admin's password again (BUD_EAUTH
 * naming "password" when wrong) and a fresh second factor (code) when
 * enrolled. A listed client no longer due is dropped first. BUD_ECONFLICT
 * "err.retention.state" when the list is not proposed. */
int bud_retention_list_approve(bud_app *app, const bud_actor *actor, int64_t id,
			       const char *password, const char *code, bud_err *err);

/* Carry out approved list id: *destroyed and *dropped (may be NULL), and
 * then truncate the WAL (store/db.h bud_db_checkpoint). BUD_ECONFLICT
 * "err.retention.state" while it is proposed. A list done already runs
 * only the checkpoint again (for when it was busy the first time). */
int bud_retention_list_destroy(bud_app *app, const bud_actor *actor, int64_t id,
			       int64_t *destroyed, int64_t *dropped, bud_err *err);

#endif
