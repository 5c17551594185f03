/*
 * app/casework.h: steps 2-4 of a case (docs/domain.md): the service
 * need assessment (palvelutarpeen arviointi), the offer of a personal
 * budget with the client's answer, and the support plan (tukisuunnitelma).
 * One function per use case; each checks the role, then the client
 * (app/authz.h), applies the rules below, runs one write unit and writes
 * its use-log row in that same unit. Reads also run as one write unit:
 * the rows are read and the use-log row written together, so what was
 * shown is always logged and a refusal writes nothing.
 *
 * Who may do what:
 *   assessment     create: a worker of the client (authz act); read: the
 *                  client's worker, decision makers of the organiser, the
 *                  client and a representative (both views: it is theirs)
 *   offer          create: a worker; answer: the worker, the client, or a
 *                  representative whose mandate has scope act; read: as
 *                  assessments
 *   support plan   create: the worker, the client, or a representative
 *                  with scope act; read: as assessments
 * A wrong role is BUD_EFORBIDDEN ("err.forbidden"); a client out of the
 * actor's reach, or an id that does not exist, is BUD_ENOTFOUND
 * "err.authz.denied" so that ids cannot be probed, and writes nothing.
 *
 * Versions: a new assessment or support plan is a new row with the next
 * version number (1, 2, ...); nothing is rewritten. A new offer replaces
 * the current one (its answers stay in its own history). An answer can be
 * given again any time: the newest answer is the one in force; the same
 * answer again (the same services and note) adds no row to the history.
 *
 * The answer in force (the rule the plans use, store/casework.h and
 * store/plan.h): the newest answer (highest id) to the client's newest
 * offer (highest offered_on, then the highest id). 'all' accepts every
 * service of that offer, 'some' the services listed with the answer (a
 * non-empty subset of the offered), 'refused' none (the services are
 * arranged the usual way and usual_note says how); no offer or no answer
 * yet accepts none.
 *
 * Use log: read, create and change rows with objects "assessment:ID",
 * "assessments" (a list), "offer:ID" ("offer" when there is none yet; an
 * answer is a change of "offer:ID"), "support_plan:ID", "support_plans".
 *
 * Validation: dates "YYYY-MM-DD", not after today (Helsinki); texts
 * without control characters (tab and newlines allowed; UTF-8 is checked
 * where the request is decoded, in http/), at most
 * BUD_TEXT_MAX bytes (views, notes, goals, wishes) or BUD_NOTE_MAX bytes
 * (participants, offer note, usual_note, helper_note, a service's note).
 * Errors name the field as the JSON API does: "assessed_on", "services",
 * "usual_note", ...; the views of an area as "need_<area>_client" and
 * "need_<area>_worker" (the form's names; the API maps them back to
 * "needs.<area>.client_view").
 *
 * Views: reads return a new jansson object (the caller owns it). Services
 * are arrays of codes; their names come from the catalogue (app/price.h
 * bud_price_services). Authors are
 * {id, name, role}; timestamps Unix seconds. client is {id, first_name,
 * last_name, lang, easy_read}.
 */
#ifndef BUD_APP_CASEWORK_H
#define BUD_APP_CASEWORK_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "app/app.h"

/* The areas of life of an assessment, in display order. */
#define BUD_NEED_AREAS 8
extern const char *const bud_need_areas[BUD_NEED_AREAS];

/* The helpers a support plan can name, in display order. */
#define BUD_SUPPORT_HELPERS 4
extern const char *const bud_support_helpers[BUD_SUPPORT_HELPERS];

/* Index of area in bud_need_areas, or -1. */
int bud_need_area_index(const char *area);

/* --- service need assessment --- */

/* One area's two views; NULL reads as "". An area whose views are both
 * empty is not stored. */
struct bud_need_in {
	const char *client_view;
	const char *worker_view;
};

/* Strings are borrowed; NULL reads as "". */
struct bud_assessment_in {
	const char *assessed_on;	/* required, not after today */
	const char *participants;	/* required: who took part */
	const char *client_view;	/* the client's own view, overall */
	const char *worker_view;	/* the worker's view, overall */
	const char *notes;
	struct bud_need_in needs[BUD_NEED_AREAS];	/* by bud_need_areas index */
};

/* A worker records a new version; *id (may be NULL) gets its id. */
int bud_assessment_create(bud_app *app, const bud_actor *actor,
			  int64_t client_id, const struct bud_assessment_in *in,
			  int64_t *id, bud_err *err);

/* The client's versions, newest first: {client, items: [{id, version,
 * assessed_on, participants, created_by, created_at}], can: {create}}.
 * Use log: read, "assessments". */
int bud_assessment_list(bud_app *app, const bud_actor *actor, int64_t client_id,
			json_t **out, bud_err *err);

/* One version: {id, client_id, client, version, assessed_on, participants,
 * client_view, worker_view, notes, needs: {AREA: {client_view,
 * worker_view}} (stored areas only), created_by, created_at}. Use log:
 * read, "assessment:ID". */
int bud_assessment_get(bud_app *app, const bud_actor *actor, int64_t id,
		       json_t **out, bud_err *err);

/* --- the offer and the answer --- */

struct bud_offer_in {
	const char *offered_on;			/* required, not after today */
	const char *const *services;		/* codes, at least one */
	size_t nservices;			/* <= BUD_CASE_SERVICES_MAX */
	const char *note;
};

/* A worker offers a personal budget for the services listed (duplicates
 * count once; an unknown code is BUD_EINVAL "services"). Use log: create,
 * "offer:ID". */
int bud_offer_create(bud_app *app, const bud_actor *actor, int64_t client_id,
		     const struct bud_offer_in *in, int64_t *id, bud_err *err);

struct bud_answer_in {
	const char *answer;			/* all, some, refused */
	const char *const *services;		/* 'some': accepted codes */
	size_t nservices;
	const char *usual_note;			/* required when refused */
};

/* Record an answer to the client's current offer (none yet: BUD_ECONFLICT
 * "offer"). 'some' needs at least one service and only offered ones
 * ("services"); with 'all' and 'refused' the services are ignored. Use
 * log: change, "offer:ID". */
int bud_offer_answer(bud_app *app, const bud_actor *actor, int64_t client_id,
		     const struct bud_answer_in *in, int64_t *answer_id,
		     bud_err *err);

/* {client, offer: null | {id, offered_on, note, services, created_by,
 * created_at}, answer: null | {id, answer, services, usual_note,
 * answered_by, answered_at} (the answer in force), history: [answers,
 * newest first], accepted: [codes in force; [] when refused or none],
 * can: {offer, answer}}. Use log: read, "offer:ID" (or "offer"). */
int bud_offer_get(bud_app *app, const bud_actor *actor, int64_t client_id,
		  json_t **out, bud_err *err);

/*
 * For other use cases (plans): *accepted = 1 when service_code is accepted
 * in client_id's answer in force (the rule above), else 0. No role check
 * and no use-log row: the caller has done both. c is the caller's
 * connection (a reader, or the writer inside a unit). An unknown code is
 * BUD_EINVAL "service".
 */
int bud_offer_service_accepted(bud_conn *c, int64_t client_id,
			       const char *service_code, int *accepted,
			       bud_err *err);

/* --- support plan --- */

struct bud_support_service_in {
	const char *code;
	const char *note;		/* may be NULL */
};

struct bud_support_plan_in {
	const char *goals;			/* required */
	const char *wishes;
	const struct bud_support_service_in *services;	/* the services wanted */
	size_t nservices;
	const char *const *helpers;		/* of bud_support_helpers */
	size_t nhelpers;
	const char *helper_note;
};

/* A new version, written by the worker, the client or a representative
 * (act). Use log: create, "support_plan:ID". */
int bud_support_plan_create(bud_app *app, const bud_actor *actor,
			    int64_t client_id,
			    const struct bud_support_plan_in *in, int64_t *id,
			    bud_err *err);

/* {client, items: [{id, version, written_by, created_at}], can: {write}},
 * newest first. Use log: read, "support_plans". */
int bud_support_plan_list(bud_app *app, const bud_actor *actor,
			  int64_t client_id, json_t **out, bud_err *err);

/* {id, client_id, client, version, goals, wishes, services: [codes],
 * service_notes: {code: note} (non-empty notes), helpers: [..],
 * helper_note, written_by, created_at}. Use log: read, "support_plan:ID". */
int bud_support_plan_get(bud_app *app, const bud_actor *actor, int64_t id,
			 json_t **out, bud_err *err);

#endif
