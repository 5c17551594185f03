/*
 * web/settings.h: the organiser's settings page (admin): the registry
 * office for requests for review, the accessibility feedback address, and
 * the charging window of invoices for ended commitments (app/invoice.h).
 */
#ifndef BUD_WEB_SETTINGS_H
#define BUD_WEB_SETTINGS_H

#include "http/http.h"

int bud_web_settings(bud_req *req);		/* GET /settings */
int bud_web_settings_save(bud_req *req);	/* POST /settings */
int bud_web_settings_charging(bud_req *req);	/* POST /settings/charging */

#endif
