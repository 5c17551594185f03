/*
 * web/providers.h: the pages of the provider register (app/provider.h has
 * the rules): the public list of approved providers (no sign-in), the
 * register for the organiser's staff, a provider's page with its
 * approvals, history and decision forms, and the provider's own page for
 * its users. Routes in src/cli/routes.c.
 */
#ifndef BUD_WEB_PROVIDERS_H
#define BUD_WEB_PROVIDERS_H

#include <stdint.h>

#include "http/http.h"

int bud_web_public_providers(bud_req *req);	/* GET /providers[?service=&municipality=] */
int bud_web_provider_register(bud_req *req);	/* GET /providers/register */
int bud_web_provider_new(bud_req *req);		/* GET /providers/new */
int bud_web_apply_form(bud_req *req);		/* GET /apply (no sign-in) */
int bud_web_apply(bud_req *req);		/* POST /apply (no sign-in) */
int bud_web_provider_create(bud_req *req);	/* POST /providers */
int bud_web_provider_show(bud_req *req);	/* GET /providers/{id} */
int bud_web_provider_edit(bud_req *req);	/* GET /providers/{id}/edit */
int bud_web_provider_update(bud_req *req);	/* POST /providers/{id} */
int bud_web_provider_location_add(bud_req *req);	/* POST /providers/{id}/locations */
int bud_web_provider_price_add(bud_req *req);	/* POST /providers/{id}/prices */
int bud_web_provider_apply(bud_req *req);	/* POST /providers/{id}/approvals */
int bud_web_provider_decide(bud_req *req);	/* POST /providers/{id}/decision */
int bud_web_provider_rulebook_accept(bud_req *req);	/* POST /providers/{id}/rulebook */

struct bud_form;
/* Render provider id's page with status and the errors of f (may be
 * NULL; released here): for the forms on that page kept elsewhere
 * (web/documents.c). */
int bud_web_provider_page(bud_req *req, int64_t id, int status, struct bud_form *f);

#endif
