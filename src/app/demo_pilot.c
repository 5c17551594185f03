/*
 * app/demo_pilot.c: the demo's outcomes questionnaire answers
 * (app/demo.h, bud_demo_pilot), through the use case as the people who
 * give them: Matti Korhonen answers about his own decision, and Liisa
 * Virtanen (a mandate to act) answers for Aleksi Virtanen. The demo
 * county is small, so on /pilot these show as hidden groups, which is
 * what the suppression is for; the evaluator (eeva.arvioija) sees them.
 */
#include <stdio.h>
#include <string.h>

#include "app/demo.h"
#include "app/pilot.h"

enum { ACC_CLIENT = 5, ACC_REP = 6 };

static void actor(const struct bud_demo_result *r, int i, int role, int64_t client_id,
		  bud_actor *a)
{
	memset(a, 0, sizeof(*a));
	a->user_id = r->accounts[i].user_id;
	a->role = role;
	a->organiser_id = r->organiser_id;
	a->client_id = client_id;
	snprintf(a->username, sizeof(a->username), "%s", r->accounts[i].username);
	snprintf(a->lang, sizeof(a->lang), "fi");
}

int bud_demo_pilot(bud_app *app, const struct bud_demo_result *r, bud_err *err)
{
	struct bud_outcome_in matti = {3, 2, 3, "Avustaja on hyvä. Haluaisin enemmän tunteja"
				       " iltaisin.", "fi"};
	struct bud_outcome_in aleksi = {3, 3, 2, "", "fi"};
	json_t *out = NULL;
	bud_actor a;
	int rc;

	actor(r, ACC_CLIENT, BUD_ROLE_CLIENT, r->client_ids[0], &a);
	rc = bud_outcome_answer(app, &a, r->client_ids[0], &matti, &out, err);
	json_decref(out);
	out = NULL;
	if (rc != BUD_OK)
		return rc;
	actor(r, ACC_REP, BUD_ROLE_REPRESENTATIVE, 0, &a);
	rc = bud_outcome_answer(app, &a, r->mandate_client_id, &aleksi, &out, err);
	json_decref(out);
	return rc;
}
