/*
 * store/casework.h: SQL for the casework of a personal budget
 * (store_casework.c): service need assessments with their needs per area,
 * the offer of a personal budget with the services offered, the client's
 * answers, and support plans with the services wanted. The tables are in
 * migrations/002_cases.sql; every row that records what someone said is
 * versioned (a new row), never rewritten, so this file only inserts and
 * reads.
 *
 * Conventions (as in store/org.h): writes take the writer connection of a
 * bud_db_write unit, reads any connection; a lookup that finds nothing is
 * BUD_ENOTFOUND (err.not_found). Rows are read through callbacks: the
 * strings of a row struct point into SQLite's column memory and live only
 * until the callback returns (copy what you keep). A callback's non-zero
 * return stops the walk and is returned. Text going in is borrowed and
 * bounded by the caller (app/ checks the lengths); this layer refuses
 * values longer than BUD_TEXT_MAX bytes (err.too_long) as a last line.
 */
#ifndef BUD_STORE_CASEWORK_H
#define BUD_STORE_CASEWORK_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "bud_limits.h"
#include "store/db.h"

/* Who wrote or recorded a row: a user id with display name and role
 * (NULL strings on insert; filled on read). */
struct bud_store_author {
	int64_t id;
	const char *name;
	const char *role;
};

/* --- service need assessment --- */

struct bud_store_assessment {
	int64_t id;
	int64_t client_id;
	int version;			/* 1, 2, ... per client; set by insert */
	const char *assessed_on;	/* YYYY-MM-DD */
	const char *participants;
	const char *client_view;
	const char *worker_view;
	const char *notes;
	struct bud_store_author created_by;
	int64_t created_at;		/* Unix seconds */
};

struct bud_store_need {
	int64_t assessment_id;
	const char *area;		/* housing, daily_living, ... (CHECK in SQL) */
	const char *client_view;
	const char *worker_view;
};

typedef int (*bud_store_assessment_fn)(void *arg,
				       const struct bud_store_assessment *a);
typedef int (*bud_store_need_fn)(void *arg, const struct bud_store_need *n);

/* Insert a as the client's next version (one more than the highest, 1 for
 * the first); *id_out and *version_out (either may be NULL) get them. */
int bud_store_assessment_insert(bud_conn *w, const struct bud_store_assessment *a,
				int64_t *id_out, int *version_out, bud_err *err);
int bud_store_need_insert(bud_conn *w, const struct bud_store_need *n,
			  bud_err *err);
/* One assessment; BUD_ENOTFOUND when there is none with id. */
int bud_store_assessment_get(bud_conn *c, int64_t id,
			     bud_store_assessment_fn fn, void *arg, bud_err *err);
/* The client's versions, newest first, at most BUD_MAX_PAGE_ROWS. */
int bud_store_assessment_list(bud_conn *c, int64_t client_id,
			      bud_store_assessment_fn fn, void *arg,
			      bud_err *err);
/* The needs of an assessment in the order of the areas' CHECK list. */
int bud_store_need_list(bud_conn *c, int64_t assessment_id,
			bud_store_need_fn fn, void *arg, bud_err *err);

/* --- services named by an offer, an answer or a support plan --- */

struct bud_store_service_ref {
	int64_t id;
	const char *code;
	const char *name_fi;
	const char *name_sv;
	const char *name_en;
	const char *note;		/* support plans only; "" elsewhere */
};
typedef int (*bud_store_service_ref_fn)(void *arg,
					const struct bud_store_service_ref *s);

/* --- the offer of a personal budget and the client's answers --- */

struct bud_store_offer {
	int64_t id;
	int64_t client_id;
	const char *offered_on;		/* YYYY-MM-DD */
	const char *note;
	struct bud_store_author created_by;
	int64_t created_at;
};

struct bud_store_answer {
	int64_t id;
	int64_t offer_id;
	const char *answer;		/* all, some, refused */
	const char *usual_note;
	struct bud_store_author answered_by;
	int64_t answered_at;
};

typedef int (*bud_store_offer_fn)(void *arg, const struct bud_store_offer *o);
typedef int (*bud_store_answer_fn)(void *arg, const struct bud_store_answer *a);

int bud_store_offer_insert(bud_conn *w, const struct bud_store_offer *o,
			   int64_t *id_out, bud_err *err);
/* A duplicate service of one offer is BUD_ECONFLICT. */
int bud_store_offer_service_add(bud_conn *w, int64_t offer_id,
				int64_t service_id, bud_err *err);
/* The client's current offer: the newest (highest offered_on, then the
 * highest id). BUD_ENOTFOUND when the client has none. */
int bud_store_offer_current(bud_conn *c, int64_t client_id,
			    bud_store_offer_fn fn, void *arg, bud_err *err);
/* The services of an offer, in service id order. */
int bud_store_offer_services(bud_conn *c, int64_t offer_id,
			     bud_store_service_ref_fn fn, void *arg,
			     bud_err *err);

int bud_store_answer_insert(bud_conn *w, const struct bud_store_answer *a,
			    int64_t *id_out, bud_err *err);
int bud_store_answer_service_add(bud_conn *w, int64_t answer_id,
				 int64_t service_id, bud_err *err);
/* The answers to an offer, newest first (the first is the one in force),
 * at most BUD_MAX_PAGE_ROWS. */
int bud_store_answer_list(bud_conn *c, int64_t offer_id,
			  bud_store_answer_fn fn, void *arg, bud_err *err);
/* The services an answer 'some' lists, in service id order. */
int bud_store_answer_services(bud_conn *c, int64_t answer_id,
			      bud_store_service_ref_fn fn, void *arg,
			      bud_err *err);

/*
 * Whether service_id is accepted for a personal budget in the answer in
 * force of client_id: the newest answer (highest id) to the client's
 * newest offer (highest offered_on, then the highest id); 'all' accepts
 * every service of that offer, 'some' those listed with the answer,
 * 'refused' none; no offer or no answer to it accepts none. *accepted
 * gets 1 or 0. The one implementation of this rule: the plan use cases
 * (app/plan.c) call it too.
 */
int bud_store_offer_accepted(bud_conn *c, int64_t client_id, int64_t service_id,
			     int *accepted, bud_err *err);

/* --- support plan --- */

struct bud_store_support_plan {
	int64_t id;
	int64_t client_id;
	int version;			/* set by insert */
	const char *goals;
	const char *wishes;
	const char *helpers;		/* comma-separated: family,peer,staff,other */
	const char *helper_note;
	struct bud_store_author written_by;
	int64_t created_at;
};
typedef int (*bud_store_support_plan_fn)(void *arg,
					 const struct bud_store_support_plan *p);

/* Insert p as the client's next version (see assessments). */
int bud_store_support_plan_insert(bud_conn *w,
				  const struct bud_store_support_plan *p,
				  int64_t *id_out, int *version_out,
				  bud_err *err);
int bud_store_support_plan_service_add(bud_conn *w, int64_t plan_id,
				       int64_t service_id, const char *note,
				       bud_err *err);
int bud_store_support_plan_get(bud_conn *c, int64_t id,
			       bud_store_support_plan_fn fn, void *arg,
			       bud_err *err);
/* Newest first, at most BUD_MAX_PAGE_ROWS. */
int bud_store_support_plan_list(bud_conn *c, int64_t client_id,
				bud_store_support_plan_fn fn, void *arg,
				bud_err *err);
/* The services wanted, in service id order, with their notes. */
int bud_store_support_plan_services(bud_conn *c, int64_t plan_id,
				    bud_store_service_ref_fn fn, void *arg,
				    bud_err *err);

#endif
