/*
 * app/ledger.h: the budget ledger of one plan line, entry by entry, each
 * traceable to where it comes from (issue 11 item 7): a grant or revoke
 * to its decision, a reserve or release to its commitment, a spend to its
 * commitment, invoice row and invoice, and that invoice's payment (run and
 * state). The sums per line are app/plan.h bud_plan_ledger.
 */
#ifndef BUD_APP_LEDGER_H
#define BUD_APP_LEDGER_H

#include <stdint.h>

#include <jansson.h>

#include "app/app.h"
#include "core/page.h"

/*
 * A page (oldest first) of line_id's entries: [{id, kind, amount, on_date,
 * created_at, decision {plan_id, decision_no}, commitment_id (null),
 * invoice_row_id (null), invoice_id (null), payment {run_id, state}
 * (null)}]. Who may read the client's plans (bud_authz_client, read);
 * else BUD_ENOTFOUND. Use log: read, "ledger:plan_line:ID".
 */
int bud_ledger_line(bud_app *app, const bud_actor *actor, int64_t line_id,
		    struct bud_page *pg, json_t **out, bud_err *err);

#endif
