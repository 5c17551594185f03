/*
 * web/home.c: the dashboard of each role (GET /) and the accessibility
 * statement. The dashboards are the landing pages later issues fill with
 * work lists; each says what the role does here and whom to contact.
 */
#include <stdio.h>

#include "core/i18n.h"
#include "web/web.h"

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
	return bud_web_page(req, 200, "dashboard", title, m);
}

int bud_web_accessibility(bud_req *req)
{
	return bud_web_page(req, 200, "accessibility", "a11y.title", json_object());
}
