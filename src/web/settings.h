/*
 * web/settings.h: the organiser's settings page (admin): the registry
 * office for requests for review and the accessibility feedback address.
 */
#ifndef BUD_WEB_SETTINGS_H
#define BUD_WEB_SETTINGS_H

#include "http/http.h"

int bud_web_settings(bud_req *req);		/* GET /settings */
int bud_web_settings_save(bud_req *req);	/* POST /settings */

#endif
