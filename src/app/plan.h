/*
 * app/plan.h: service plans and decisions (palvelusuunnitelma, päätös),
 * the budget calculation behind them and the grants they make in the
 * budget ledger. One function per use case; each checks the role and the
 * client (app/authz.h), applies the rules (core/budget.h, core/state.h),
 * runs one write unit and writes its use-log rows in that same unit.
 *
 * States (core/state.h):
 *   draft -> proposed -> approved -> superseded | ended
 *   draft -> discarded;  proposed -> draft (returned by a decision maker)
 * A worker may keep several drafts of one client (variants to compare);
 * proposing one needs no other proposal of the client pending. Only a
 * decision maker of the client's organiser approves, never the user who
 * drafted the plan, and only after giving their password again.
 *
 * Money: a line is service x quantity a month (hundredths of the unit) x
 * the unit price valid on the plan's first day (store/org.h
 * bud_store_price_current), copied into the line so a new price version
 * never alters it. monthly_amount = bud_money_line(quantity, unit_price);
 * period_amount is that pro rata over valid_from..valid_to: per calendar
 * month round_half_away(monthly * days covered / days in the month), summed.
 * A line's service must be one the client accepted a personal budget for
 * (the newest offer answer: all offered services, or those listed).
 *
 * Ledger: approval grants each line's period_amount (on valid_from).
 * Approving a plan whose period overlaps the client's approved plan
 * supersedes that one from the new plan's first day: its effective_to
 * becomes the day before, and what its lines granted after that day is
 * revoked. Ending a plan on a day does the same. So for every line the
 * net grant (grants - revokes) equals its amount over the period it was in
 * force, and for an approved plan the grants equal the sum of its lines.
 *
 * Views: reads return a new jansson object (the caller owns it) with the
 * members listed at each function; money members are integer cents,
 * quantities integer hundredths, dates "YYYY-MM-DD", names of services in
 * fi, sv and en. Refusals of the client check are BUD_ENOTFOUND
 * "err.authz.denied" (ids cannot be probed); a wrong role is
 * BUD_EFORBIDDEN; a change in the wrong state is BUD_ECONFLICT naming the
 * state in err->field ("state").
 */
#ifndef BUD_APP_PLAN_H
#define BUD_APP_PLAN_H

#include <stdint.h>

#include <jansson.h>

#include "app/app.h"
#include "core/buf.h"
#include "core/page.h"

/* The fields of a plan a worker edits while it is a draft. Strings are
 * borrowed; NULL reads as "". Dates "YYYY-MM-DD". */
struct bud_plan_fields {
	const char *label;		/* the variant's name, may be "" */
	const char *valid_from;		/* required */
	const char *valid_to;		/* required, >= valid_from, period <= BUD_PLAN_MAX_MONTHS */
	const char *review_date;	/* required, within valid_from .. valid_to */
	int64_t client_fee;		/* cents a month, >= 0 */
	const char *fee_note;
	const char *reasoning;		/* the grounds of the decision */
	const char *if_etag;		/* update: the view's "etag" the change is
					   based on (NULL: no check); another is
					   BUD_ECONFLICT "err.stale" (app/etag.h) */
};

/* One line to add. */
struct bud_plan_line_in {
	const char *service;		/* service code, "personal_assistance" */
	int64_t quantity;		/* hundredths of the unit a month, > 0 */
	const char *content;		/* what the service is for, may be "" */
};

/* A worker (the client's, authz "act") starts a draft. copy_from (0: none)
 * is another plan of the same client whose lines are copied (prices looked
 * up again for the new first day): a new version or a variant. */
int bud_plan_create(bud_app *app, const bud_actor *actor, int64_t client_id,
		    const struct bud_plan_fields *f, int64_t copy_from,
		    int64_t *plan_id, bud_err *err);

/* Change a draft's fields; the lines' prices and amounts are computed
 * again for the new period. A change that leaves every field as it is
 * writes nothing (updated_at and the etag stay, no new prices). */
int bud_plan_update(bud_app *app, const bud_actor *actor, int64_t plan_id,
		    const struct bud_plan_fields *f, bud_err *err);

/* Add a line to a draft (one line per service: BUD_ECONFLICT "service"). */
int bud_plan_line_add(bud_app *app, const bud_actor *actor, int64_t plan_id,
		      const struct bud_plan_line_in *in, int64_t *line_id,
		      bud_err *err);

int bud_plan_line_remove(bud_app *app, const bud_actor *actor, int64_t plan_id,
			 int64_t line_id, bud_err *err);

/* Worker: draft -> proposed (needs at least one line, and every line's
 * service still accepted in the offer answer in force, else
 * BUD_ECONFLICT "service" err.plan.service_not_accepted). */
int bud_plan_propose(bud_app *app, const bud_actor *actor, int64_t plan_id,
		     bud_err *err);

/* Decision maker: proposed -> draft, with a note saying why (required). */
int bud_plan_return(bud_app *app, const bud_actor *actor, int64_t plan_id,
		    const char *note, bud_err *err);

/* Decision maker, not the drafter, with their password (missing: BUD_EINVAL
 * "password"; wrong: BUD_EAUTH "password" err.plan.password_wrong, which
 * names the password only: the user is signed in already): proposed -> approved; fixes the decision's
 * language (the client's), number and version; grants the lines;
 * supersedes the overlapping approved plan. Refused, BUD_ECONFLICT
 * err.settings.decision_missing naming the setting, while the organiser
 * has not set what the decision prints in its language
 * (bud_settings_decision_ready, app/settings.h). */
int bud_plan_approve(bud_app *app, const bud_actor *actor, int64_t plan_id,
		     const char *password, bud_err *err);

/*
 * bud_plan_approve with a fresh second factor (app/totp.h
 * bud_account_fresh_second_factor): code is the authenticator's code or
 * a recovery code, NULL or "" when the user has none or gave one within
 * BUD_TOTP_FRESH_S. Refused: BUD_EAUTH field "code" (err.totp.*).
 * bud_plan_approve is this without a code.
 */
int bud_plan_approve_2fa(bud_app *app, const bud_actor *actor, int64_t plan_id,
			 const char *password, const char *code, bud_err *err);

/* bud_plan_end with a fresh second factor, as bud_plan_approve_2fa. */
int bud_plan_end_2fa(bud_app *app, const bud_actor *actor, int64_t plan_id,
		     const char *last_day, const char *password, const char *code,
		     bud_err *err);

/* Decision maker, with their password as for approval (it revokes
 * budget): approved -> ended, last_day in valid_from - 1 .. valid_to;
 * revokes what falls after it. */
int bud_plan_end(bud_app *app, const bud_actor *actor, int64_t plan_id,
		 const char *last_day, const char *password, bud_err *err);

/* Worker: draft -> discarded. */
int bud_plan_discard(bud_app *app, const bud_actor *actor, int64_t plan_id,
		     bud_err *err);

/*
 * One plan (use log: read, "plan:ID"). Members: id, client_id, client
 * {id, first_name, last_name, lang}, state, label, valid_from, valid_to,
 * review_date, client_fee, fee_note, reasoning, lang (null until
 * approved), decision_no, version, supersedes_id, effective_to,
 * returned_note, drafted_by {id, name}, approved_by {id, name} or null,
 * proposed_at, approved_at (Unix seconds or null), etag (the version tag
 * of the plan's own fields, app/etag.h), lines [{id, position,
 * service {id, code, name_fi, name_sv, name_en}, price_id, unit,
 * unit_price, instrument, quantity, content, monthly_amount,
 * period_amount, granted}], total_monthly, total_period, granted (net
 * ledger grants of the plan), can {edit, propose, approve, return, end,
 * discard} (booleans: what this actor may do now).
 * Readers: the client's worker, decision makers, the client and a
 * representative (only plans that have been approved, superseded or ended).
 */
int bud_plan_get(bud_app *app, const bud_actor *actor, int64_t plan_id,
		 json_t **out, bud_err *err);

/* The decision document: bud_plan_get's members plus organiser {name_fi,
 * name_sv, name_en, and the settings of bud_settings_put}, client {.. hetu (whole), address, municipality,
 * easy_read (bool: the client wants easy-to-read)},
 * approved_date. Only for approved, superseded and ended plans (else
 * BUD_ECONFLICT "state"). Use log: read, "decision:ID" (viewing it is a
 * read; printing is done in the browser). */
int bud_plan_decision(bud_app *app, const bud_actor *actor, int64_t plan_id,
		      json_t **out, bud_err *err);

/* A client's plans, newest first, as summaries: [{id, state, label,
 * valid_from, valid_to, review_date, decision_no, version, total_monthly,
 * total_period}]. Client and representative see only decided ones. Use
 * log: read, "plans". */
int bud_plan_list_client(bud_app *app, const bud_actor *actor,
			 int64_t client_id, json_t **out, bud_err *err);

/* Decision maker: one page (core/page.h) of the organiser's proposed
 * plans, oldest first: [{id, client {id, first_name, last_name},
 * drafted_by {id, name}, proposed_at, valid_from, valid_to,
 * total_monthly, total_period}]. Use log: one row for the list, read
 * "plan:proposed". */
int bud_plan_list_proposed(bud_app *app, const bud_actor *actor,
			   struct bud_page *pg, json_t **out, bud_err *err);

/* Worker: approved plans of the worker's own clients whose review_date is
 * on or before today + within_days, soonest first: [{plan_id, client {id,
 * first_name, last_name}, review_date, overdue (bool), valid_to}].
 * within_days 0..3660 (else BUD_EINVAL "within_days"); one page
 * (core/page.h); the use log gets one row for the list, read
 * "plan:reviews". The list functions' views are jansson arrays. */
int bud_plan_reviews_due(bud_app *app, const bud_actor *actor, int within_days,
			 struct bud_page *pg,
			 json_t **out, bud_err *err);

/* The client's budget per line of their approved plans: [{plan_id,
 * plan_line_id, service {code, name_fi, name_sv, name_en}, granted,
 * revoked, reserved, released, spent, available, held, left}] and
 * totals; use log: read, "ledger". The view is an object {client_id,
 * items: [those], totals: {the same sums}}; granted and revoked are the
 * gross sums of their rows. A spend consumes its commitment's reservation
 * (migration 016), so available (not yet committed) = granted - revoked -
 * (reserved - released), held (committed, not yet invoiced) = reserved -
 * released - spent, and left (not yet used) = granted - revoked - spent. */
int bud_plan_ledger(bud_app *app, const bud_actor *actor, int64_t client_id,
		    json_t **out, bud_err *err);
/* The same view written to out as compact JSON text, members in the same
 * order (the bytes bud_json_write makes of bud_plan_ledger's model),
 * without building the model: the API's answer. */
int bud_plan_ledger_text(bud_app *app, const bud_actor *actor, int64_t client_id,
			 bud_buf *out, bud_err *err);

#endif
