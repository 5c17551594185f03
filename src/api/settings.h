/*
 * api/settings.h: the organiser's settings through the API (app/settings.h
 * has the rules). Routes in src/cli/routes.c, described in
 * src/api/openapi/settings.json.
 */
#ifndef BUD_API_SETTINGS_H
#define BUD_API_SETTINGS_H

#include "http/http.h"

int bud_api_settings_get(bud_req *req);	/* GET /api/settings */
int bud_api_settings_put(bud_req *req);	/* PUT /api/settings */

#endif
