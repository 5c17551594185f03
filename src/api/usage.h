/*
 * api/usage.h: the JSON face of budget against use (app/usage.h has the
 * rules): the report for a period and grouping, its CSV and XLSX
 * downloads, and the organiser's alert thresholds. Routes in
 * src/cli/routes.c (block "api: usage"), described in
 * src/api/openapi/usage.json.
 */
#ifndef BUD_API_USAGE_H
#define BUD_API_USAGE_H

#include "http/http.h"

int bud_api_usage(bud_req *req);		/* GET /api/reports/usage */
int bud_api_usage_export(bud_req *req);		/* GET /api/reports/usage/export */
int bud_api_usage_alerts(bud_req *req);		/* GET /api/reports/usage/alerts */
int bud_api_usage_settings(bud_req *req);	/* GET /api/settings/usage */
int bud_api_usage_settings_put(bud_req *req);	/* PUT /api/settings/usage */

#endif
