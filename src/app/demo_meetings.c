/*
 * app/demo_meetings.c: the demo's meetings (app/demo.h bud_demo_meetings):
 * the organiser's video service, an e-mail address for the representative
 * (so that meeting letters reach her), and with the case histories a
 * review meeting by video booked for Matti Korhonen two weeks ahead, by
 * his worker through the same use case as the page.
 */
#include <stdio.h>
#include <string.h>

#include "app/demo.h"
#include "app/meeting.h"
#include "core/date.h"
#include "store/meeting.h"
#include "store/credential.h"

#define DEMO_VIDEO "https://video.ita-uusimaa.example/"

static int setup_unit(bud_conn *w, void *arg, bud_err *err)
{
	const struct bud_demo_result *r = arg;
	struct bud_store_user_row u;
	size_t i;
	int rc;

	if ((rc = bud_store_video_set(w, r->organiser_id, DEMO_VIDEO, 0, 0, err)))
		return rc;
	for (i = 0; i < BUD_DEMO_ACCOUNTS; i++) {
		if (strcmp(r->accounts[i].role, "representative") != 0)
			continue;
		if ((rc = bud_store_user_row_get(w, r->accounts[i].user_id, &u, err)))
			return rc;
		snprintf(u.email, sizeof(u.email), "%s@example.fi", u.username);
		return bud_store_user_update(w, &u, err);
	}
	return BUD_OK;
}

/* Matti's worker books his review meeting, by video, in 14 days at 10. */
static int book(bud_app *app, const struct bud_demo_result *r, bud_err *err)
{
	char today[BUD_DATE_BUF], day[BUD_DATE_BUF];
	struct bud_meeting_in in = {.kind = "review", .date = day, .time = "10:00",
		.minutes = 60, .video = 1,
		.note = "Käymme yhdessä läpi, miten palvelut ovat sujuneet."};
	bud_actor a;
	int y, m, d;
	size_t i;

	memset(&a, 0, sizeof a);
	for (i = 0; i < BUD_DEMO_ACCOUNTS; i++)
		if (strcmp(r->accounts[i].role, "worker") == 0)
			break;
	if (i == BUD_DEMO_ACCOUNTS ||
	    bud_app_today(app, today, sizeof today) != BUD_OK ||
	    bud_date_parse(today, &y, &m, &d, err) != BUD_OK ||
	    bud_date_from_days(bud_date_days(y, m, d) + 14, &y, &m, &d) != BUD_OK ||
	    bud_date_format(y, m, d, day) != BUD_OK)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.generic", "demo date");
	a.user_id = r->accounts[i].user_id;
	a.role = BUD_ROLE_WORKER;
	a.organiser_id = r->organiser_id;
	a.unit_id = r->unit_ids[0];
	snprintf(a.username, sizeof a.username, "%s", r->accounts[i].username);
	snprintf(a.lang, sizeof a.lang, "fi");
	return bud_meeting_book(app, &a, r->client_ids[0], &in, NULL, err);
}

int bud_demo_meetings(bud_app *app, const struct bud_demo_result *r, int cases,
		      bud_err *err)
{
	int rc = bud_db_write(app->db, setup_unit, (void *)r, err);

	if (rc == BUD_OK && cases)
		rc = book(app, r, err);
	return rc;
}
