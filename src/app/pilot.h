/*
 * app/pilot.h: what the pilot must show (issue 14, items 2 and 3).
 *
 * The pilot figures, for a period of days and an area (one municipality
 * of the organiser's clients, or all of them):
 *   offers     clients offered a personal budget in the period, by their
 *              answer: all, some, refused, not answered yet;
 *   services   per service (and all together): clients with it in a
 *              decision in force in the period; clients with a provider
 *              chosen and how many providers; clients who switched
 *              provider and the switches; what was paid per client
 *              (approved invoice rows charging from a day of the period)
 *              against the usual arrangement, the same quantities at the
 *              price list's price of that day (the organiser's own
 *              production price);
 *   timing     days from the latest assessment to each decision approved
 *              in the period: median and range;
 *   disputes   service events of the period the client disputed: open,
 *              upheld, dismissed;
 *   outcomes   the clients' own answers (the latest of each client in the
 *              period) per question: yes, partly, no.
 * Groups under the organiser's minimum (pilot_min_group, 5 unless its
 * admin set another, BUD_PILOT_MIN_GROUP_MIN..MAX) are suppressed by
 * core/suppress.h, complementary cells included (docs/pilot.md). Every
 * figure is a cell {value, suppressed}: a suppressed one has value null.
 *
 * Who: the evaluator (the pilot's evaluators), the admin and decision
 * makers, each for their own organiser; others BUD_EFORBIDDEN. The figures
 * name nobody; reading them is one use-log row (no client, object
 * "pilot:figures", basis "statistics").
 *
 * The outcomes questionnaire: after each decision (the first, and each
 * review's new one) the client, or a representative who may act, answers
 * three questions in easy-to-read words (does the budget help you live the
 * way you want; do you get the help you need; could you choose who helps
 * you) on the scale 1 no, 2 partly, 3 yes, and may add words of their own,
 * which are never part of the figures. It is open for
 * BUD_OUTCOME_OPEN_DAYS days from the approval of the client's newest
 * decision in force; answering again in that time replaces the answer.
 * Staff see only the figures, not the answers.
 */
#ifndef BUD_APP_PILOT_H
#define BUD_APP_PILOT_H

#include <stdint.h>

#include <jansson.h>

#include "app/app.h"

struct bud_pilot_query {
	const char *from, *to;		/* YYYY-MM-DD; NULL or "": this year so far */
	const char *municipality;	/* NULL or "": the whole organiser */
};

/*
 * The figures as {from, to, municipality, min_group, offers {offered, all,
 * some, refused, unanswered}, services [{service (code, "" for all),
 * name {fi, sv, en} ("" for all),
 * chosen, with_provider, providers, switched, switches, paid_clients,
 * paid_per_client, usual_per_client, difference_per_client}], timing
 * {decisions, median_days, min_days, max_days}, disputes {clients,
 * events, open, upheld, dismissed}, outcomes [{question (life, help,
 * choice), answered, yes, partly, no}]}, each figure a cell {value,
 * suppressed}; money in cents. A malformed date is BUD_EINVAL naming
 * "from" or "to"; to before from, or a period over BUD_PILOT_PERIOD_DAYS,
 * names "to".
 */
int bud_pilot_figures(bud_app *app, const bud_actor *actor,
		      const struct bud_pilot_query *q, json_t **out, bud_err *err);

/*
 * The figures f (a bud_pilot_figures view, borrowed) as one report table
 * (core/report.h) in lang for the downloads: a row per figure with its
 * section, its name, the count (clients or events), the euros per client
 * for money, and "hidden" in words where it is suppressed (both numbers
 * then empty). The median is rounded half up to whole days. r is
 * initialised here; release it with bud_report_release.
 */
struct bud_report;
int bud_pilot_table(json_t *f, const char *lang, struct bud_report *r);

/* {min_group, areas [municipality...]}: what the figures page offers. */
int bud_pilot_options(bud_app *app, const bud_actor *actor, json_t **out,
		      bud_err *err);

/* The admin sets the minimum group (BUD_EINVAL "min_group" outside
 * BUD_PILOT_MIN_GROUP_MIN..MAX). */
int bud_pilot_set_min_group(bud_app *app, const bud_actor *actor, int64_t k,
			    bud_err *err);

/* The answer sent (strings borrowed). */
struct bud_outcome_in {
	int q_life, q_help, q_choice;	/* 1..3 each, 0 = not given */
	const char *comment;		/* NULL or "": none */
	const char *lang;		/* the questionnaire's language: fi or sv */
};

/*
 * The client's questionnaire: {client_id, open, plan_id, version,
 * closes_on, answer (null or {q_life, q_help, q_choice, comment, lang,
 * answered_on})}; plan_id 0 and open false when there is no decision to
 * answer about. The client themself or a representative (bud_authz_client
 * read); a use-log row "outcome".
 */
int bud_outcome_get(bud_app *app, const bud_actor *actor, int64_t client_id,
		    json_t **out, bud_err *err);

/*
 * Answer it (the client, or a representative with scope act): as
 * bud_outcome_get after the answer. A missing or out-of-range answer is
 * BUD_EINVAL naming q_life, q_help or q_choice ("err.outcome.answer"), a
 * comment too long or not text "comment"; no open questionnaire is
 * BUD_ECONFLICT "err.outcome.closed". Staff may not answer for the client
 * (BUD_EFORBIDDEN).
 */
int bud_outcome_answer(bud_app *app, const bud_actor *actor, int64_t client_id,
		       const struct bud_outcome_in *in, json_t **out, bud_err *err);

#endif
