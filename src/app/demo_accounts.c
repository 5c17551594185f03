/*
 * app/demo_accounts.c: the demo's accounts as people manage them
 * (app/demo.h, bud_demo_accounts): every staff account gets an e-mail
 * address, where the admin's "send a new password link" on /users/{id}
 * goes (`budjetti serve` without a relay writes it into the mail
 * directory). No letter is queued by the demo itself: the tests count
 * the letters they cause.
 */
#include <stdio.h>
#include <string.h>

#include "app/demo.h"
#include "store/credential.h"

struct mail_arg {
	const struct bud_demo_result *r;
};

/* "firstname.lastname@ita-uusimaa.example" for each staff account. */
static int emails_unit(bud_conn *w, void *arg, bud_err *err)
{
	const struct bud_demo_result *r = ((struct mail_arg *)arg)->r;
	struct bud_store_user_row u;
	size_t i;
	int rc = BUD_OK;

	for (i = 0; i < BUD_DEMO_ACCOUNTS && rc == BUD_OK; i++) {
		if (!(bud_role_parse(r->accounts[i].role) &
		      (BUD_ROLE_STAFF | BUD_ROLE_EVALUATOR)))
			continue;
		rc = bud_store_user_row_get(w, r->accounts[i].user_id, &u, err);
		if (rc != BUD_OK)
			break;
		snprintf(u.email, sizeof(u.email), "%s@ita-uusimaa.example", u.username);
		rc = bud_store_user_update(w, &u, err);
	}
	return rc;
}

int bud_demo_accounts(bud_app *app, const struct bud_demo_result *r, bud_err *err)
{
	struct mail_arg a = {r};

	return bud_db_write(app->db, emails_unit, &a, err);
}
