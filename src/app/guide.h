/*
 * app/guide.h: what to do next (issue 13 item 2). Every home page tells
 * its user what waits for them:
 *
 *   the client (and a representative for them)  a short task list: an
 *       offer to answer, a decision not yet opened, a service without a
 *       provider (a plan in force with a line nobody delivers), service
 *       events to confirm (recorded and still in their dispute window)
 *   the worker  each of their own clients (the responsible worker) with
 *       the stage of the case and what waits on the worker: an assessment
 *       to make, an offer to make, an answer received (a plan to draft), a
 *       plan returned by the decision maker, a review due, a dispute
 *
 * Stages, in the order of the process (docs/domain.md):
 *   intake     no assessment yet
 *   assessed   assessed, no offer
 *   offered    an offer without an answer
 *   refused    the client refused the personal budget
 *   answered   accepted (all or some), no plan yet
 *   drafting   a draft plan (none proposed or approved)
 *   proposed   a plan waits for the decision maker
 *   decided    an approved plan in force
 *
 * Tasks are {kind, href, count?, id?}; href is the page where it is done.
 * Use log: the client's list is read of "client:tasks"; the worker's
 * list is one row without a client ("clients:stages"), as every list of
 * several clients is.
 */
#ifndef BUD_APP_GUIDE_H
#define BUD_APP_GUIDE_H

#include <stdint.h>

#include <jansson.h>

#include "app/app.h"
#include "core/page.h"

/* The client's tasks: {client_id, tasks: [{kind, href, count}], any}.
 * kinds: meeting (the next one booked, app/meeting.h), offer, decision,
 * choose, events.
 * Who: whoever may read the client (app/authz.h). */
int bud_guide_client_tasks(bud_app *app, const bud_actor *actor,
			   int64_t client_id, json_t **out, bud_err *err);

/* A worker's page of their own clients by name: [{client_id, first_name,
 * last_name, stage, waits: [{kind, href}]}]; waits kinds: assess, offer,
 * answer_received, plan_returned, review_due (with review_date), disputes
 * (with count). Other roles: BUD_EFORBIDDEN. */
int bud_guide_worker_stages(bud_app *app, const bud_actor *actor,
			    struct bud_page *pg, json_t **out, bud_err *err);

/* The client's own easy-to-read preference (the worker records it at
 * intake, app/client.h): *on 1 or 0. For a client reading their own
 * pages; other roles get 0 and no row. Use log: read, "client:easy_read"
 * (one row with the page's other reads of the client). */
int bud_guide_easy_read(bud_app *app, const bud_actor *actor, int *on,
			bud_err *err);

#endif
