/*
 * app/guide.c: what to do next (app/guide.h): the client's task list and
 * the stages of a worker's clients, read in one read transaction each
 * from store/guide.h and turned into tasks with the page to do them on.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/authz.h"
#include "app/guide.h"
#include "app/meeting.h"
#include "app/read.h"
#include "app/uselog.h"
#include "bud_limits.h"
#include "core/date.h"
#include "store/client.h"
#include "store/event.h"
#include "store/guide.h"

struct guide_unit {
	bud_app *app;
	const bud_actor *actor;
	int64_t client_id;
	struct bud_page *pg;
	json_t *out;
};

/* Today (Helsinki, by the app's clock) as a day number. */
static int today_days(const bud_app *app, int64_t *days)
{
	char t[BUD_DATE_BUF];
	int y, m, d;

	if (bud_app_today(app, t, sizeof t) != BUD_OK ||
	    bud_date_parse(t, &y, &m, &d, NULL) != BUD_OK)
		return BUD_EINTERNAL;
	*days = bud_date_days(y, m, d);
	return BUD_OK;
}

/* "YYYY-MM-DD" of today plus days. */
static int day_text(const bud_app *app, int64_t days, char out[BUD_DATE_BUF])
{
	int64_t today;
	int y, m, d;

	if (today_days(app, &today) != BUD_OK ||
	    bud_date_from_days(today + days, &y, &m, &d) != BUD_OK)
		return BUD_EINTERNAL;
	return bud_date_format(y, m, d, out);
}

/* Unix seconds of the Helsinki midnight days before today. */
static int64_t midnight_before(const bud_app *app, int days)
{
	int64_t today;
	int y, m, d;

	if (today_days(app, &today) != BUD_OK ||
	    bud_date_from_days(today - days, &y, &m, &d) != BUD_OK)
		return 0;
	return bud_time_helsinki_midnight(y, m, d);
}

static void add_task(json_t *tasks, const char *kind, const char *href, int64_t count)
{
	json_array_append_new(tasks, json_pack("{s:s, s:s, s:I}", "kind", kind,
					       "href", href, "count", (json_int_t)count));
}

static void client_tasks(json_t *tasks, int64_t cid, const struct bud_store_guide_client *g,
			 int64_t meeting)
{
	char href[64];

	if (meeting) {
		snprintf(href, sizeof href, "/clients/%" PRId64 "/meetings", cid);
		add_task(tasks, "meeting", href, 1);
	}

	if (g->offer_id) {
		snprintf(href, sizeof href, "/clients/%" PRId64 "/offer", cid);
		add_task(tasks, "offer", href, 1);
	}
	if (g->unread_plan_id) {
		snprintf(href, sizeof href, "/plans/%" PRId64 "/decision", g->unread_plan_id);
		add_task(tasks, "decision", href, g->unread_plans);
	}
	if (g->choose_plan_id) {
		snprintf(href, sizeof href, "/plans/%" PRId64, g->choose_plan_id);
		add_task(tasks, "choose", href, g->lines_to_choose);
	}
	if (g->events_to_confirm) {
		snprintf(href, sizeof href, "/clients/%" PRId64 "/events", cid);
		add_task(tasks, "events", href, g->events_to_confirm);
	}
}

static int client_unit(bud_conn *c, void *arg, bud_err *err)
{
	struct guide_unit *u = arg;
	struct bud_store_guide_client g;
	char basis[BUD_BASIS_MAX], today[BUD_DATE_BUF];
	int days = BUD_DISPUTE_DAYS_DEFAULT, rc;
	int64_t meeting = 0;
	json_t *tasks;

	if ((rc = bud_authz_client(u->app, c, u->actor, u->client_id, 0, basis,
				   sizeof basis, err)))
		return rc;
	if (bud_store_event_client_days(c, u->client_id, &days, err) != BUD_OK)
		days = BUD_DISPUTE_DAYS_DEFAULT;	/* no organiser row: the default */
	if (day_text(u->app, 0, today) != BUD_OK)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.generic", "today");
	rc = bud_store_guide_client(c, u->client_id, u->actor->user_id, today,
				    midnight_before(u->app, days), &g, err);
	if (rc == BUD_OK)
		rc = bud_meeting_next(c, u->client_id, bud_app_now(u->app), &meeting, err);
	if (rc != BUD_OK)
		return rc;
	tasks = json_array();
	client_tasks(tasks, u->client_id, &g, meeting);
	u->out = json_pack("{s:I, s:b, s:o}", "client_id", (json_int_t)u->client_id,
			   "any", json_array_size(tasks) > 0, "tasks", tasks);
	return bud_uselog_append_row(u->app, c, u->actor, u->client_id, "read",
				     "client:tasks", basis, err);
}

int bud_guide_client_tasks(bud_app *app, const bud_actor *actor,
			   int64_t client_id, json_t **out, bud_err *err)
{
	struct guide_unit u = {.app = app, .actor = actor, .client_id = client_id};
	int rc;

	*out = NULL;
	if (!actor || !(actor->role & (BUD_ROLE_WORKER | BUD_ROLE_DECISION_MAKER |
				       BUD_ROLE_CLIENT | BUD_ROLE_REPRESENTATIVE)))
		return bud_authz_forbidden(err, "read tasks");
	rc = bud_app_read(app, actor, client_unit, &u, err);
	if (rc == BUD_OK)
		*out = u.out;
	else
		json_decref(u.out);
	return rc;
}

/* ---- the worker's clients ---- */

static const char *stage_of(const struct bud_store_guide_stage *s)
{
	if (s->approved)
		return "decided";
	if (s->proposed)
		return "proposed";
	if (s->drafts)
		return "drafting";
	if (strcmp(s->answer, "refused") == 0)
		return "refused";
	if (s->answer[0])
		return "answered";
	if (s->offers)
		return "offered";
	return s->assessments ? "assessed" : "intake";
}

static void add_wait(json_t *waits, const char *kind, const char *fmt, int64_t id)
{
	char href[64];

	snprintf(href, sizeof href, fmt, id);
	json_array_append_new(waits, json_pack("{s:s, s:s}", "kind", kind, "href", href));
}

static json_t *waits_of(const struct bud_store_guide_stage *s)
{
	json_t *w = json_array();

	if (!s->assessments)
		add_wait(w, "assess", "/clients/%" PRId64 "/assessments/new", s->client_id);
	else if (!s->offers)
		add_wait(w, "offer", "/clients/%" PRId64 "/offer", s->client_id);
	if (s->answer_new)
		add_wait(w, "answer_received", "/clients/%" PRId64 "/plans", s->client_id);
	if (s->returned)
		add_wait(w, "plan_returned", "/clients/%" PRId64 "/plans", s->client_id);
	if (s->review_plan_id) {
		add_wait(w, "review_due", "/plans/%" PRId64, s->review_plan_id);
		json_object_set_new(json_array_get(w, json_array_size(w) - 1),
				    "review_date", json_string(s->review_date));
	}
	if (s->events_disputed) {
		add_wait(w, "disputes", "/clients/%" PRId64 "/events", s->client_id);
		json_object_set_new(json_array_get(w, json_array_size(w) - 1),
				    "count", json_integer(s->events_disputed));
	}
	return w;
}

static int stage_item(void *arg, const struct bud_store_guide_stage *s)
{
	struct guide_unit *u = arg;

	json_array_append_new(u->out, json_pack("{s:I, s:s, s:s, s:s, s:o}",
		"client_id", (json_int_t)s->client_id, "first_name", s->first_name,
		"last_name", s->last_name, "stage", stage_of(s), "waits", waits_of(s)));
	return 0;
}

static int stages_unit(bud_conn *c, void *arg, bud_err *err)
{
	struct guide_unit *u = arg;
	char review_by[BUD_DATE_BUF];
	size_t n = 0;
	int rc;

	if (day_text(u->app, BUD_REVIEW_SOON_DAYS, review_by) != BUD_OK)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.generic", "today");
	u->out = json_array();
	rc = bud_store_guide_stages(c, u->actor->user_id, review_by, (size_t)u->pg->at,
				    (size_t)bud_page_fetch(u->pg), stage_item, u, &n, err);
	if (rc != BUD_OK)
		return rc;
	if ((int)bud_page_offset_done(u->pg, (int)n) < (int)n)	/* the extra row */
		json_array_remove(u->out, json_array_size(u->out) - 1);
	return bud_uselog_append_row(u->app, c, u->actor, 0, "read",
				     "clients:stages", "case", err);
}

int bud_guide_worker_stages(bud_app *app, const bud_actor *actor,
			    struct bud_page *pg, json_t **out, bud_err *err)
{
	struct guide_unit u = {.app = app, .actor = actor, .pg = pg};
	int rc;

	*out = NULL;
	if (!actor || actor->role != BUD_ROLE_WORKER)
		return bud_authz_forbidden(err, "list my clients' stages");
	rc = bud_app_read(app, actor, stages_unit, &u, err);
	if (rc == BUD_OK)
		*out = u.out;
	else
		json_decref(u.out);
	return rc;
}

/* ---- the easy-to-read preference ---- */

struct easy_unit {
	bud_app *app;
	const bud_actor *actor;
	int on;
};

static int easy_unit(bud_conn *c, void *arg, bud_err *err)
{
	struct easy_unit *u = arg;
	struct bud_store_client row;
	int rc;

	if ((rc = bud_store_client_get(c, u->actor->client_id, &row, err)) != BUD_OK)
		return rc;
	u->on = row.easy_read == 1;
	return bud_uselog_append_row(u->app, c, u->actor, u->actor->client_id, "read",
				     "client:easy_read", "own", err);
}

int bud_guide_easy_read(bud_app *app, const bud_actor *actor, int *on,
			bud_err *err)
{
	struct easy_unit u = {.app = app, .actor = actor};
	int rc;

	*on = 0;
	if (!actor || actor->role != BUD_ROLE_CLIENT || !actor->client_id)
		return BUD_OK;
	rc = bud_app_read(app, actor, easy_unit, &u, err);
	if (rc == BUD_OK)
		*on = u.on;
	return rc;
}
