/*
 * app/careapi.h: what a provider's care system reads and sends with its
 * API key (app/apikey.h): the provider's active commitments, as the care
 * system needs them to plan and report its work. Sending service events
 * in bulk builds on app/event.h (another slice) and lives in its own file.
 *
 * Rules:
 *  - Only the provider's own data: the actor's provider (a key's, or a
 *    provider user's); a key needs the scope commitments:read.
 *  - Of the client only the name: never the identity code, the contact
 *    details or anything of the plan beyond the commitment.
 *  - Each client shown is a disclosure row (action "disclose", recipient
 *    "provider:ID", the legal basis of the commitment's instrument), as
 *    when the provider's user reads the commitment on a page; so a page
 *    is at most BUD_CARE_PAGE_MAX commitments.
 */
#ifndef BUD_APP_CAREAPI_H
#define BUD_APP_CAREAPI_H

#include <jansson.h>

#include "app/app.h"
#include "core/page.h"

/*
 * One page (offset positions, oldest first by id, so that paging through
 * meets each once) of the actor's provider's active commitments: an array
 * of {id, client {first_name, last_name}, service {code, name_fi,
 * name_sv, name_en}, instrument, unit, quantity (hundredths a month),
 * unit_price (cents), monthly_amount (cents), valid_from, valid_to,
 * state}. pg->limit is cut to BUD_CARE_PAGE_MAX. Another role:
 * BUD_EFORBIDDEN; a key without the scope: BUD_EFORBIDDEN "scope".
 */
int bud_care_commitments(bud_app *app, const bud_actor *actor,
			 struct bud_page *pg, json_t **out, bud_err *err);

#endif
