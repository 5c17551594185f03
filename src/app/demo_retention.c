/*
 * app/demo_retention.c: a client of the demo whose retention period has
 * passed (app/retention.h), so that the admin's page /retention shows
 * someone to list: Eino Lindqvist of Porvoo, recorded by the worker in
 * March 2014 with one service need assessment and nothing since. The
 * clock of the use cases is set back for those two steps (as a test
 * moves it) and then given back, so the rows carry 2014's dates.
 */
#include <stdio.h>
#include <string.h>

#include "app/casework.h"
#include "app/client.h"
#include "app/demo.h"

enum { ACC_WORKER = 1 };

#define EINO_DAY "2014-03-10"
#define EINO_AT 1394445600	/* 2014-03-10 12:00 in Helsinki */

static int eino(bud_app *app, const bud_actor *w, bud_err *err)
{
	struct bud_client_fields f;
	struct bud_assessment_in in;
	int64_t id = 0;
	int rc;

	memset(&f, 0, sizeof(f));
	f.hetu = "150341-957J";		/* a temporary code (individual number 957) */
	f.first_name = "Eino";
	f.last_name = "Lindqvist";
	f.lang = "sv";
	f.municipality = "Porvoo";
	f.address = "Strandvägen 4, 06100 Borgå";
	f.worker_id = w->user_id;
	if ((rc = bud_client_create(app, w, &f, &id, err)))
		return rc;
	memset(&in, 0, sizeof(in));
	in.assessed_on = EINO_DAY;
	in.participants = "Eino Lindqvist, hans dotter";
	in.client_view = "Klarar mig hemma med hjälp av dottern.";
	in.worker_view = "Inget behov av personlig budget just nu.";
	return bud_assessment_create(app, w, id, &in, NULL, err);
}

int bud_demo_retention(bud_app *app, const struct bud_demo_result *r, bud_err *err)
{
	int64_t clock = app->now_override;
	bud_actor w;
	int rc;

	memset(&w, 0, sizeof(w));
	w.user_id = r->accounts[ACC_WORKER].user_id;
	w.role = BUD_ROLE_WORKER;
	w.organiser_id = r->organiser_id;
	w.unit_id = r->unit_ids[0];
	snprintf(w.username, sizeof(w.username), "%s", r->accounts[ACC_WORKER].username);
	snprintf(w.lang, sizeof(w.lang), "fi");
	app->now_override = EINO_AT;
	rc = eino(app, &w, err);
	app->now_override = clock;
	return rc;
}
