/*
 * web/home.c: the dashboard of each role (GET /) and the accessibility
 * statement. A dashboard is the role's work list, each item read through
 * the same app/ use cases as its own page (so each read is in the use log):
 *
 *   worker          my clients with their stage and what waits on me
 *                   (web/guide.h), reviews due
 *   decision_maker  proposed plans waiting for a decision
 *   client          what waits for me (a task list), my decisions and my
 *                   own pages, in easy-to-read when I want it
 *   representative  the people I act for (mandates valid today)
 *   client          and the outcomes questionnaire while it is open
 *   evaluator       the way to the pilot figures
 *   others          what the role does here
 *
 * A list that cannot be read (the database failing) does not take the
 * whole page down: the dashboard shows what it could read and says so.
 */
#include <stdio.h>
#include <string.h>

#include "app/authz.h"
#include "app/client.h"
#include "app/pilot.h"
#include "app/plan.h"
#include "app/settings.h"
#include "core/i18n.h"
#include "bud_limits.h"
#include "web/commitments.h"
#include "web/usage.h"
#include "web/guide.h"
#include "web/view.h"
#include "web/web.h"

/* Set model[key] to list (stolen) and model[key_any] to whether it has
 * items (the templates' sections test it), or mark model.unavailable when
 * it could not be read. Its items' dates are made readable in req's
 * language. */
static void put_list(bud_req *req, json_t *m, const char *key, int rc, json_t *list)
{
	static const char *const dates[] = {"valid_from", "valid_to", "review_date", NULL};
	json_t *it;
	char any[64];
	size_t i, k;

	/* the dates shown as people read them (1.1.2027 in fi and sv) */
	json_array_foreach(list, i, it)
		for (k = 0; dates[k]; k++)
			if (json_is_string(json_object_get(it, dates[k])))
				json_object_set_new(it, dates[k], bud_view_date(
					bud_view_str(it, dates[k]), req->lang));
	if (rc != BUD_OK || !json_is_array(list)) {
		json_object_set_new(m, "unavailable", json_true());
		json_decref(list);
		return;
	}
	snprintf(any, sizeof any, "%s_any", key);
	json_object_set_new(m, any, json_boolean(json_array_size(list) > 0));
	json_object_set_new(m, key, list);
}

/* Each of the worker's clients with their stage and what waits on the
 * worker (web/guide.h): the same clients in the same order, one page of
 * them at a time (the dashboard's own pager, ?cursor=). */
static void worker_clients(bud_req *req, json_t *m)
{
	json_t *clients = NULL, *stages, *it, *st;
	struct bud_page pg, spg;
	char key[32];
	bud_err err;
	size_t i;
	int rc;

	bud_err_clear(&err);
	if (bud_req_page(req, &pg, &err) != BUD_OK)
		bud_page_first(&pg);
	spg = pg;
	rc = bud_client_search(req->app, &req->actor, NULL, 1, &pg, &clients, &err);
	stages = rc == BUD_OK ? bud_web_guide_stages(req, &spg) : NULL;
	json_array_foreach(clients, i, it) {
		json_object_set_new(it, "name", bud_view_person_name(it));
		snprintf(key, sizeof key, "%lld", (long long)bud_view_int(it, "id"));
		if ((st = json_object_get(stages, key)) != NULL)
			json_object_update(it, st);
	}
	json_decref(stages);
	if (rc == BUD_OK)
		bud_web_pager(m, "/", NULL, &pg, pg.at + 1, json_array_size(clients));
	put_list(req, m, "my_clients", rc, clients);
}

static void worker_lists(bud_req *req, json_t *m)
{
	json_t *reviews = NULL, *it;
	struct bud_page pg;
	bud_err err;
	size_t i;
	int rc;

	worker_clients(req, m);
	bud_page_first(&pg);
	rc = bud_plan_reviews_due(req->app, &req->actor, BUD_REVIEW_SOON_DAYS,
				  &pg, &reviews, &err);
	json_array_foreach(reviews, i, it)
		json_object_set_new(it, "name",
				    bud_view_person_name(json_object_get(it, "client")));
	put_list(req, m, "reviews", rc, reviews);
}

static void decision_maker_lists(bud_req *req, json_t *m)
{
	json_t *plans = NULL, *it;
	struct bud_page pg;
	bud_err err;
	size_t i;
	int rc;

	bud_page_first(&pg);
	rc = bud_plan_list_proposed(req->app, &req->actor, &pg, &plans, &err);
	json_array_foreach(plans, i, it) {
		json_object_set_new(it, "name",
				    bud_view_person_name(json_object_get(it, "client")));
		json_object_set_new(it, "monthly",
				    bud_view_money(bud_view_int(it, "total_monthly"), req->lang));
	}
	put_list(req, m, "proposed", rc, plans);
}

static void client_lists(bud_req *req, json_t *m)
{
	json_t *plans = NULL, *it, *o = NULL;
	bud_err err;
	size_t i;
	int rc;

	json_object_set_new(m, "client_id", json_integer(req->actor.client_id));
	rc = bud_plan_list_client(req->app, &req->actor, req->actor.client_id,
				  &plans, &err);
	json_array_foreach(plans, i, it) {
		json_object_set_new(it, "monthly",
				    bud_view_money(bud_view_int(it, "total_monthly"), req->lang));
		json_object_set_new(it, "state_text", json_string(bud_view_word(req->lang,
			"dash.plan_state.", bud_view_str(it, "state"), "")));
	}
	put_list(req, m, "decisions", rc, plans);
	json_object_set_new(m, "flags", bud_web_commitment_flags(req, req->actor.client_id));
	/* the outcomes questionnaire, while it is open (app/pilot.h) */
	if (bud_outcome_get(req->app, &req->actor, req->actor.client_id, &o, &err) == BUD_OK)
		json_object_set(m, "outcome_open", json_object_get(o, "open"));
	json_decref(o);
	json_object_set_new(m, "guide", bud_web_guide_tasks(req, req->actor.client_id));
	json_object_set_new(m, "easy_page", json_true());	/* web/guide.h */
}

static void representative_lists(bud_req *req, json_t *m)
{
	json_t *people = NULL, *it;
	bud_err err;
	size_t i;
	int rc;

	rc = bud_authz_represented(req->app, &req->actor, &people, &err);
	json_array_foreach(people, i, it) {
		json_object_set_new(it, "name", bud_view_person_name(it));
		json_object_set_new(it, "scope_text", json_string(bud_msg(req->lang,
			json_is_true(json_object_get(it, "act")) ?
			"dash.scope.act" : "dash.scope.view")));
	}
	put_list(req, m, "represented", rc, people);
}

/* The admin: what decisions and the accessibility statement still need
 * from the settings (app/settings.h), by their labels. */
static void admin_lists(bud_req *req, json_t *m)
{
	json_t *s = NULL, *labels = json_array(), *name;
	char key[64];
	bud_err err;
	size_t i;

	bud_err_clear(&err);
	if (bud_settings_get(req->app, &req->actor, &s, &err) == BUD_OK) {
		json_array_foreach(json_object_get(s, "missing"), i, name) {
			snprintf(key, sizeof key, "settings.%s", json_string_value(name));
			json_array_append_new(labels, json_string(bud_msg(req->lang, key)));
		}
	}
	json_decref(s);
	json_object_set_new(m, "has_settings_missing", json_boolean(json_array_size(labels)));
	json_object_set_new(m, "settings_missing", labels);
}

int bud_web_home(bud_req *req)
{
	const char *role = bud_role_name(req->actor.role);
	char title[48], intro[48];
	json_t *m;

	if (!role)
		return bud_resp_redirect(req, "/login");
	snprintf(title, sizeof title, "dash.%s.title", role);
	snprintf(intro, sizeof intro, "dash.%s.intro", role);
	m = json_pack("{s:s, s:s, s:s}", "role", role,
		      "intro", bud_msg(req->lang, intro),
		      "username", req->actor.username);
	json_object_set_new(m, role, json_true());	/* {{#worker}} sections */
	if (req->actor.role == BUD_ROLE_WORKER)
		worker_lists(req, m);
	else if (req->actor.role == BUD_ROLE_DECISION_MAKER)
		decision_maker_lists(req, m);
	else if (req->actor.role == BUD_ROLE_CLIENT)
		client_lists(req, m);
	else if (req->actor.role == BUD_ROLE_REPRESENTATIVE)
		representative_lists(req, m);
	else if (req->actor.role == BUD_ROLE_ADMIN)
		admin_lists(req, m);
	else if (req->actor.role == BUD_ROLE_PROVIDER_USER)
		json_object_set_new(m, "provider_id", json_integer(req->actor.provider_id));
	bud_web_usage_home(req, m);	/* alerts (worker), own lines (client) */
	return bud_web_page(req, 200, "dashboard", title, m);
}

int bud_web_accessibility(bud_req *req)
{
	json_t *s = NULL, *m = json_object();
	bud_err err;

	/* the feedback address is the organiser's setting (app/settings.h) */
	if (bud_settings_get(req->app, req->actor.user_id ? &req->actor : NULL, &s,
			     &err) == BUD_OK) {
		json_object_set(m, "a11y_email", json_object_get(s, "a11y_email"));
		json_object_set(m, "a11y_phone", json_object_get(s, "a11y_phone"));
		json_object_set(m, "a11y_supervisor_url", json_object_get(s, "a11y_supervisor_url"));
		json_object_set(m, "supervisor", json_object_get(s, strcmp(req->lang, "sv") == 0 ?
			"a11y_supervisor_sv" : "a11y_supervisor_fi"));
	}
	json_decref(s);
	return bud_web_page(req, 200, "accessibility", "a11y.title", m);
}
