/*
 * web/rulebook.h: the rulebook's pages (app/rulebook.h has the rules):
 * the organiser's page of versions with the form to add one, and the
 * rulebook part of a provider's page (its history and, for its admin, the
 * acceptance form; the form's handler is in web/providers.c, which renders
 * that page). Routes in src/cli/routes.c.
 */
#ifndef BUD_WEB_RULEBOOK_H
#define BUD_WEB_RULEBOOK_H

#include <jansson.h>

#include "http/http.h"

int bud_web_rulebook(bud_req *req);		/* GET /rulebook */
int bud_web_rulebook_add(bud_req *req);		/* POST /rulebook */

/* The page model of the rulebook member of provider view pv (borrowed):
 * {has_history, history: [{date, at, by}], provider_id, open: {id, date, general, parts: [{service,
 * text}]} (the newest version it may accept and has not; absent: none),
 * accept: whether to show the form}. Texts are in the page's language
 * (Swedish on a Swedish page, else Finnish). New reference. */
json_t *bud_web_rulebook_of_provider(bud_req *req, json_t *pv);

#endif
