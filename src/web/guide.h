/*
 * web/guide.h: what to do next and easy-to-read pages (issue 13 items 2
 * and 4), as page models for the home pages and the client's pages.
 *
 * Easy-to-read (selkokieli, lättläst): a page that has an easy-to-read
 * version sets "easy_page" in its model; bud_web_page then sets "easy"
 * (its templates show the easy text in {{#easy}} and the full one in
 * {{^easy}}) and shows the reading-mode bar above the content: in easy
 * mode a link to the full text of the same page (?full=1, one click), and
 * a form to turn the mode on or off (POST /read-mode, no JavaScript). The
 * mode is the reader's choice (cookie "read": easy or full) or, without
 * one, the client's own preference (app/guide.h bud_guide_easy_read).
 */
#ifndef BUD_WEB_GUIDE_H
#define BUD_WEB_GUIDE_H

#include <stdint.h>

#include <jansson.h>

#include "core/page.h"
#include "web/web.h"

/* The client's task list for the home page: {any, items: [{id, text,
 * href, count, many}]}; never NULL (an unreadable list is empty, with
 * "unavailable"). */
json_t *bud_web_guide_tasks(bud_req *req, int64_t client_id);

/* The worker's clients' stages on page pg: an object keyed by the client
 * id (decimal) of {stage_text, waits: [{text, href, id}], waits_any}, or
 * NULL when it could not be read. */
json_t *bud_web_guide_stages(bud_req *req, struct bud_page *pg);

/* Mark model m as a page with an easy-to-read version when the reader is
 * the client or a representative (the client's own pages). */
void bud_web_easy_page(bud_req *req, json_t *m);

/* 1 when model m (a page with "easy_page") is shown in easy-to-read;
 * sets the bar's members of m. Called by bud_web_page. */
int bud_web_easy_model(bud_req *req, json_t *m);

/* POST /read-mode: mode=easy|full, back=the page to return to. */
int bud_web_read_mode(bud_req *req);

#endif
