/*
 * app/provider.h: the provider register and the approval of providers per
 * service and municipality (issue 10), and the public list of approved
 * providers the voucher act requires. The rules live in app/provider.c,
 * the rows in store/provider.h, the approval's states in core/state.h.
 *
 * Who. The organiser's workers and admins keep the register and decide
 * approvals. A provider user (role provider_user) reads its OWN provider
 * only; with user.provider_admin = 1 it is the provider's admin (the
 * signatory) and may apply for approvals and edit its own register entry.
 * Another provider is BUD_ENOTFOUND to a provider user (it must not learn
 * what exists); a wrong role is BUD_EFORBIDDEN "err.forbidden".
 *
 * Not client data: provider rows are about organisations, so reading
 * them writes no use-log row. The public list shows only the provider's
 * own business contact details, never a person's name or identity code.
 *
 * Views (jansson, the caller owns them):
 *   approved item: {id, name, kind, languages [..], email, phone, website,
 *     approval_id, approved_from, price {unit, unit_price (cents),
 *     valid_from} or null, locations [location view]}
 *   location: {id, name, address, municipality, step_free, hearing_loop,
 *     parking, accessible_wc, notes}
 */
#ifndef BUD_APP_PROVIDER_H
#define BUD_APP_PROVIDER_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "app/app.h"
#include "core/page.h"

/*
 * The providers approved for a service in a municipality on a date, with
 * their own price for that service on the date, languages and locations,
 * by name: one page (pg->at an offset) as a JSON array of approved items
 * into *out. Anyone may read it (actor NULL: the public, without signing
 * in, on the installation's organiser); a signed-in actor reads its own
 * organiser's. service: a service code ("personal_assistance") or its id
 * in digits; unknown is BUD_EINVAL "service" err.provider.service.
 * municipality: required, at most BUD_NAME_MAX bytes (BUD_EINVAL
 * "municipality"). date: YYYY-MM-DD, NULL or "" = today in Helsinki
 * (a bad one BUD_EINVAL "date"). No use-log row.
 */
int bud_provider_list_approved(bud_app *app, const bud_actor *actor,
			       const char *service, const char *municipality,
			       const char *date, struct bud_page *pg,
			       json_t **out, bud_err *err);

#endif
