/*
 * app/commitment.h: the client's choice of provider per plan line and the
 * commitment it makes (maksusitoumus, palveluseteli or ostopalvelu, the
 * line's instrument), steps 7 and 8 of the process.
 *
 * Rules:
 *  - Only lines of an APPROVED plan (in force) are chosen for, by the
 *    client, a representative whose mandate lets them act, or a worker of
 *    the client (bud_authz_client, act). A provider user chooses nothing.
 *  - The provider must have an approval for the line's service in the
 *    client's municipality that is "approved" and effective on the first
 *    day (valid_from): else BUD_ECONFLICT "provider_id"
 *    err.commitment.not_approved (also when the approval was suspended or
 *    withdrawn: it has ended).
 *  - A line has at most one offered or active commitment: a second choice
 *    is BUD_ECONFLICT "plan_line" err.commitment.exists (switch instead).
 *  - The commitment is the line's quantity a month at the line's unit
 *    price from valid_from (within the plan's period) to the plan's last
 *    day; what that is worth (core/budget.h, pro rata) is RESERVED in the
 *    ledger in the same write unit, and in that unit the line's
 *    reserved - released must stay <= granted - revoked, else
 *    BUD_ECONFLICT "valid_from" err.commitment.beyond_left.
 *  - The provider (a provider user of it) accepts an offered commitment
 *    (active) or declines it with a reason (declined; its reservation is
 *    released). A second acceptance is BUD_ECONFLICT "state".
 *  - A switch ends the holding commitment from a date (its last day is the
 *    day before), RELEASES what it reserved for the days from that date,
 *    and makes the new one, reserved for the same days, in one unit.
 *  - Voucher lines: the client's own share is the provider's price minus
 *    the voucher value (the line's unit price) per unit when above zero,
 *    and that times the quantity a month (bud_money_line) per month.
 *
 * Views are jansson objects owned by the caller; money integer cents,
 * quantities hundredths, timestamps Unix seconds. A provider user reads
 * only its own provider's commitments; of the client it sees name,
 * service, quantity, period and contact, never the identity code; each
 * such read writes a disclosure row (action "disclose", recipient
 * "provider:ID", the legal basis below). Any commitment out of reach is
 * BUD_ENOTFOUND "err.authz.denied".
 */
#ifndef BUD_APP_COMMITMENT_H
#define BUD_APP_COMMITMENT_H

#include <stdint.h>

#include <jansson.h>

#include "app/app.h"
#include "core/page.h"

/* The legal basis written in a disclosure row to a provider. */
#define BUD_CM_BASIS_VOUCHER "voucher act 569/2009 6 §"
#define BUD_CM_BASIS_ORDER "client data act 703/2023: the service the organiser ordered"

/*
 * The choice screen of one line: {line {id, plan_id, client_id, service
 * {code, name_fi, name_sv, name_en}, instrument, unit, quantity,
 * unit_price, monthly_amount, plan_valid_from, plan_valid_to, available},
 * current (the holding commitment's view or null), items [{provider_id,
 * name, languages, email, phone, address, website, price (null: none),
 * own_share_unit, own_share_month, locations [{name, address,
 * municipality, step_free, hearing_loop, parking, accessible_wc}]}]},
 * providers approved on `date` (NULL: today). Use log: read,
 * "plan_line:ID".
 */
int bud_commitment_choices(bud_app *app, const bud_actor *actor,
			   int64_t line_id, const char *date, json_t **out,
			   bud_err *err);

/* Choose provider_id for line_id from valid_from (NULL: the later of today
 * and the plan's first day). */
int bud_commitment_choose(bud_app *app, const bud_actor *actor,
			  int64_t line_id, int64_t provider_id,
			  const char *valid_from, int64_t *id_out, bud_err *err);

int bud_commitment_accept(bud_app *app, const bud_actor *actor, int64_t id,
			  bud_err *err);
/* reason required (BUD_EINVAL "reason"), at most BUD_NOTE_MAX bytes. */
int bud_commitment_decline(bud_app *app, const bud_actor *actor, int64_t id,
			   const char *reason, bud_err *err);
/* End commitment id from `from` and choose provider_id from then on. */
int bud_commitment_switch(bud_app *app, const bud_actor *actor, int64_t id,
			  int64_t provider_id, const char *from,
			  int64_t *new_id, bud_err *err);

/*
 * What switching commitment id from `from` would do, without doing it
 * (the confirm step shows it): {id, from, last_day (the old commitment's
 * last day, the day before from), released (cents of its reservation
 * released), reserved_left (what it holds now)}. The checks of the
 * switch: who may, the state (BUD_ECONFLICT "state"), the date within the
 * commitment's period (BUD_EINVAL "from" err.commitment.switch_date).
 * Use log: read, "commitment:ID".
 */
int bud_commitment_switch_preview(bud_app *app, const bud_actor *actor, int64_t id,
				  const char *from, json_t **out, bud_err *err);

/*
 * One commitment: {id, state, instrument, unit, quantity, unit_price,
 * provider_price, own_share_unit, own_share_month, monthly_amount,
 * reserved, released, valid_from, valid_to, reason, replaces_id, plan_id,
 * plan_line_id, provider {id, name}, service {code, name_fi, name_sv,
 * name_en}, client {first_name, last_name, email, phone, address},
 * created_at, updated_at, approval_ended, can {accept, decline, switch}}.
 * approval_ended: for an offered or active commitment whose approval has
 * been suspended or withdrawn, {state, reason, effective} of that
 * decision (the worker and the client see why and from when; no new
 * commitment can be made under it); else null.
 */
int bud_commitment_get(bud_app *app, const bud_actor *actor, int64_t id,
		       json_t **out, bud_err *err);

/*
 * The client's offered or active commitments whose approval has been
 * suspended or withdrawn, oldest first: [{id, state, valid_from,
 * valid_to, provider {id, name}, service {code, name_fi, name_sv,
 * name_en}, approval {state, reason, effective}}]. Who may read the
 * client (bud_authz_client): the worker, the decision maker, the client,
 * a representative. Use log: read, "client:commitments".
 */
int bud_commitment_flags(bud_app *app, const bud_actor *actor, int64_t client_id,
			 json_t **out, bud_err *err);

/* A provider user: one page (offset positions, newest first) of its
 * provider's commitments, each the view above without `can`. At most
 * BUD_PROVIDER_PAGE_MAX rows a page (each client is a disclosure row). */
int bud_commitment_list_provider(bud_app *app, const bud_actor *actor,
				 int64_t provider_id, struct bud_page *pg,
				 json_t **out, bud_err *err);

/*
 * Inside the write unit w of a plan cut short (superseded or ended, app/
 * plan.c): the holding commitment of line line_id, if any, ends after
 * `last` (the plan's last day in force) and releases what it reserved
 * for the days after; so the line's reservations never exceed what is
 * left of its grant. A use-log row (change, commitment:ID) as actor.
 */
int bud_commitment_cut_line(bud_app *app, bud_conn *w, const bud_actor *actor,
			    int64_t line_id, const char *last, bud_err *err);

#endif
