/*
 * store/pilot.h: the rows behind the pilot figures (app/pilot.h) and the
 * client's outcomes questionnaire (migration 021). Every figure is one
 * set-based query over the organiser's clients, optionally of one
 * municipality, for a period of days; nothing here suppresses or names
 * anyone: app/pilot.c applies core/suppress.h to what these count.
 */
#ifndef BUD_STORE_PILOT_H
#define BUD_STORE_PILOT_H

#include <stddef.h>
#include <stdint.h>

#include "bud_limits.h"
#include "store/db.h"

/* Whose figures: the organiser's clients (of municipality, "" = all) and
 * the period from..to (YYYY-MM-DD, inclusive; from_at..to_at the same
 * days in Unix seconds, to_at exclusive, for times kept as such). */
struct bud_store_pilot_scope {
	int64_t organiser_id;
	const char *municipality;
	const char *from, *to;
	int64_t from_at, to_at;
};

/* Clients offered a personal budget in the period (their latest offer
 * there) by their latest answer to it. */
struct bud_store_pilot_offers {
	int64_t all, some, refused, unanswered;
};

/* One service (service_id 0: all services together, each client once). */
struct bud_store_pilot_service {
	int64_t service_id;
	char code[BUD_CODE_MAX + 1];
	char name[3][BUD_NAME_MAX + 1];	/* fi, sv, en */
	int64_t chosen;		/* clients with it in a decision valid in the period */
	int64_t with_provider;	/* clients with a provider chosen (not declined) */
	int64_t providers;	/* different providers chosen */
	int64_t switched;	/* clients who switched provider in the period */
	int64_t switches;	/* switches in the period */
	int64_t paid_clients;	/* clients with approved invoice rows in the period */
	int64_t paid;		/* cents approved for them */
	int64_t usual;		/* cents: the same quantities at the price list's price */
};

/* Days from the latest assessment to each decision approved in the
 * period; median2 is twice the median (whole days, so it stays exact). */
struct bud_store_pilot_timing {
	int64_t decisions, clients, min_days, max_days, median2;
};

/* Service events of the period disputed by the client. */
struct bud_store_pilot_disputes {
	int64_t clients, events, open, upheld, dismissed;
};

/* The latest outcomes answer of each client answered in the period:
 * counts[question][answer - 1], questions life, help, choice. */
struct bud_store_pilot_outcomes {
	int64_t clients;
	int64_t counts[3][3];
};

int bud_store_pilot_offers(bud_conn *c, const struct bud_store_pilot_scope *s,
			   struct bud_store_pilot_offers *out, bud_err *err);

/* rows[0] all services, then one row per service of the catalogue in its
 * order; *n rows (at most max, else BUD_ETOOBIG). */
int bud_store_pilot_services(bud_conn *c, const struct bud_store_pilot_scope *s,
			     struct bud_store_pilot_service *rows, size_t max,
			     size_t *n, bud_err *err);

int bud_store_pilot_timing(bud_conn *c, const struct bud_store_pilot_scope *s,
			   struct bud_store_pilot_timing *out, bud_err *err);

int bud_store_pilot_disputes(bud_conn *c, const struct bud_store_pilot_scope *s,
			     struct bud_store_pilot_disputes *out, bud_err *err);

int bud_store_pilot_outcomes(bud_conn *c, const struct bud_store_pilot_scope *s,
			     struct bud_store_pilot_outcomes *out, bud_err *err);

/* The municipalities of the organiser's clients, in order, each into
 * names[i] (BUD_NAME_MAX + 1 bytes); at most max, *n of them. */
int bud_store_pilot_areas(bud_conn *c, int64_t organiser_id,
			  char (*names)[BUD_NAME_MAX + 1], size_t max, size_t *n,
			  bud_err *err);

/* The organiser's smallest group shown (organiser.pilot_min_group). */
int bud_store_pilot_min_group(bud_conn *c, int64_t organiser_id, int64_t *k,
			      bud_err *err);
int bud_store_pilot_set_min_group(bud_conn *w, int64_t organiser_id, int64_t k,
				  bud_err *err);

/* ---- the outcomes questionnaire ------------------------------------- */

/* The decision a client's questionnaire is about: the client's newest
 * approved plan (state approved), approved at or after since. */
struct bud_store_outcome_plan {
	int64_t plan_id;
	int64_t version;
	int64_t approved_at;
	char lang[4];
};
/* BUD_ENOTFOUND when the client has none (the questionnaire is closed). */
int bud_store_outcome_open_plan(bud_conn *c, int64_t client_id, int64_t since,
				struct bud_store_outcome_plan *out, bud_err *err);

struct bud_store_outcome {
	int64_t id, plan_id, client_id;
	int q_life, q_help, q_choice;	/* 1 no, 2 partly, 3 yes */
	char comment[BUD_OUTCOME_COMMENT_MAX + 1];
	char lang[4];
	int64_t answered_by;
	char answered_on[11];
	int64_t answered_at;
};
/* The answer about plan_id, or BUD_ENOTFOUND. */
int bud_store_outcome_get(bud_conn *c, int64_t plan_id, struct bud_store_outcome *out,
			  bud_err *err);
/* Insert the answer about o->plan_id, or replace the one there is (one
 * answer per decision); o->id gets the row's id. */
int bud_store_outcome_put(bud_conn *w, struct bud_store_outcome *o, bud_err *err);

#endif
