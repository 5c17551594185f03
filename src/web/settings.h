/*
 * web/settings.h: the organiser's settings page (admin): the details every
 * decision and the accessibility statement print (app/settings.h), the
 * logo, the dispute window, and the charging window of invoices for ended
 * commitments (app/invoice.h); and the logo itself, for every page.
 */
#ifndef BUD_WEB_SETTINGS_H
#define BUD_WEB_SETTINGS_H

#include "http/http.h"

int bud_web_settings(bud_req *req);		/* GET /settings */
int bud_web_settings_save(bud_req *req);	/* POST /settings */
int bud_web_settings_charging(bud_req *req);	/* POST /settings/charging */
int bud_web_settings_logo(bud_req *req);	/* POST /settings/logo (multipart) */
int bud_web_organiser_logo(bud_req *req);	/* GET /organiser/logo.png, public */

#endif
