/*
 * web/usage.h: the budget-against-use pages (app/usage.h has the rules):
 * the report with its filter (period, grouping), an SVG chart and the same
 * figures as a table, CSV and XLSX downloads; the alerts section of a
 * worker's home and the client's own lines in plain words (their own
 * template, usage_home.html, included by the dashboard); the alert
 * thresholds on the admin's settings page (usage_settings.html).
 */
#ifndef BUD_WEB_USAGE_H
#define BUD_WEB_USAGE_H

#include <jansson.h>

#include "http/http.h"

int bud_web_usage(bud_req *req);		/* GET /reports/usage */
int bud_web_usage_export(bud_req *req);		/* GET /reports/usage/export */
int bud_web_usage_settings_save(bud_req *req);	/* POST /settings/usage */

/* Put the home page's usage section into the dashboard model m: a
 * worker's alerts, or a client's own lines (other roles: nothing). A
 * failed read marks m.unavailable, as the other lists of the home do. */
void bud_web_usage_home(bud_req *req, json_t *m);

/* Put the thresholds into the settings page's model m (usage_settings). */
void bud_web_usage_settings_model(bud_req *req, json_t *m);

#endif
