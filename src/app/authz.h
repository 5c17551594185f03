/*
 * app/authz.h: who may read or change a client's data, and on what basis
 * (the basis goes into the use log).
 *
 *   admin           no: manages accounts and settings, not client data
 *   worker          the client's responsible worker, or a worker of the
 *                   client's unit (covering for a colleague): "case"
 *   decision_maker  clients of the same organiser: "case"
 *   finance         no: settlement works on invoices and commitments, and
 *                   its own use cases ask for what they need
 *   provider_user   no (later: what the provider's commitments need)
 *   client          only themself: "own"
 *   representative  a mandate for the client valid today in Helsinki,
 *                   with scope act to change anything: "mandate:<id>"
 *   evaluator       no, ever: a pilot evaluator sees only the pilot's
 *                   aggregated figures with small groups suppressed
 *                   (app/pilot.h), as admin and decision makers may too
 *
 * A refusal is BUD_ENOTFOUND with key "err.authz.denied" whether or not the
 * client exists, so that ids cannot be probed.
 */
#ifndef BUD_APP_AUTHZ_H
#define BUD_APP_AUTHZ_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "app/app.h"

/* Size of a basis buffer ("mandate:" + an id). */
#define BUD_BASIS_MAX (BUD_USELOG_BASIS_MAX + 1)

/*
 * The two refusals of every use case, worded once: the role may not do
 * `what` (BUD_EFORBIDDEN, "err.forbidden": 403), and no such thing or no
 * access to it, which are one answer so that nothing leaks whether it
 * exists (BUD_ENOTFOUND, "err.authz.denied": 404). Both return the code.
 */
int bud_authz_forbidden(bud_err *err, const char *what);
int bud_authz_denied(bud_err *err, const char *what);

/*
 * May actor a read (want_act 0) or change (want_act 1) client_id's data?
 * Reads through connection c (the thread's reader, or the writer inside a
 * write unit). On BUD_OK basis (basissz bytes, may be NULL) gets the
 * use-log basis.
 */
int bud_authz_client(bud_app *app, bud_conn *c, const bud_actor *a,
		     int64_t client_id, int want_act, char *basis,
		     size_t basissz, bud_err *err);

/*
 * A representative's clients: those with a mandate valid today, by name, as
 * [{client_id, mandate_id, first_name, last_name, kind, act, valid_to}]
 * (*out owned by the caller). Each listed client gets a use-log row (read,
 * "client:mandates"). Other roles: BUD_EFORBIDDEN.
 */
int bud_authz_represented(bud_app *app, const bud_actor *a, json_t **out,
			  bud_err *err);

#endif
