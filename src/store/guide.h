/*
 * store/guide.h: the reads behind "what to do next" (app/guide.h): for a
 * client, what waits for them (an offer to answer, a decision not yet
 * opened, a line without a provider, an event to confirm); for a worker,
 * each of their clients with the facts their stage is made of. Plain
 * counts and ids; app/guide.c turns them into stages and tasks.
 */
#ifndef BUD_STORE_GUIDE_H
#define BUD_STORE_GUIDE_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "store/db.h"

/* What waits for one client; the ids are the first of each kind, 0 none. */
struct bud_store_guide_client {
	int64_t offer_id;		/* the newest offer, unanswered; 0 otherwise */
	int64_t unread_plan_id;		/* an approved plan reader_id never opened */
	int64_t unread_plans;
	int64_t choose_plan_id;		/* a plan in force with a line without provider */
	int64_t lines_to_choose;
	int64_t events_to_confirm;	/* recorded, not yet confirmed or disputed */
	int64_t assessments;		/* how many versions */
	int64_t support_plans;
};

/* The counts for client_id seen by the user reader_id (whose use-log rows
 * say which decisions they have opened); today is "YYYY-MM-DD"; events
 * count when recorded at or after events_since (Unix seconds: the start
 * of their dispute window). */
int bud_store_guide_client(bud_conn *c, int64_t client_id, int64_t reader_id,
			   const char *today, int64_t events_since,
			   struct bud_store_guide_client *out, bud_err *err);

/* One of a worker's clients with the facts of their stage. */
struct bud_store_guide_stage {
	int64_t client_id;
	const char *first_name, *last_name;	/* live until fn returns */
	int64_t assessments, offers, support_plans;
	const char *answer;		/* the answer in force: all, some, refused, "" */
	int64_t answer_new;		/* 1: answered and no plan drafted since */
	int64_t drafts, returned, proposed, approved;
	int64_t review_plan_id;		/* an approved plan whose review is due by */
	const char *review_date;	/* its review date, "" none */
	int64_t events_disputed;
};
typedef int (*bud_store_guide_stage_fn)(void *arg, const struct bud_store_guide_stage *s);

/* The clients whose responsible worker is worker_id, by name, max rows
 * from offset; a review is due when on or before review_by. fn's
 * non-zero return stops the walk and is returned. *n gets the rows. */
int bud_store_guide_stages(bud_conn *c, int64_t worker_id, const char *review_by,
			   size_t offset, size_t max, bud_store_guide_stage_fn fn,
			   void *arg, size_t *n, bud_err *err);

#endif
