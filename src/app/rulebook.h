/*
 * app/rulebook.h: the organiser's rulebook for providers (sääntökirja,
 * issue 10 item 3). A version is text in force from its effective date:
 * a general part and a part per service, each in Finnish and Swedish.
 * Versions are never edited: a change is a new version.
 *
 * Rules.
 *   - The organiser's worker or admin adds a version. Its date is today
 *     or later (a rulebook is not changed after the fact) and no other
 *     version of the organiser has that date.
 *   - The version in force on a day is the one with the latest date not
 *     after it. A version whose date has come but that a later one
 *     replaced is superseded: it can no longer be accepted.
 *   - Only the provider's own admin (user.provider_admin) accepts, the
 *     version in force or an upcoming one, once. Every acceptance is a
 *     row (who, when, which version): the history.
 *   - The register flags a provider that has not accepted the newest
 *     version ("missing"), and "overdue" once that version's date came.
 *
 * Errors: BUD_EFORBIDDEN err.forbidden (role), BUD_ENOTFOUND
 * (another organiser's version or provider), BUD_EINVAL naming the field
 * (effective_on, general_fi, general_sv, parts, rulebook_id),
 * BUD_ECONFLICT err.rulebook.date_taken (effective_on),
 * err.rulebook.superseded and err.rulebook.accepted (rulebook_id).
 *
 * Views (json, the caller owns them):
 *   version: {id, effective_on, status: in_force | upcoming | superseded,
 *             general: {fi, sv}, parts: [{service, fi, sv}]}
 *   a provider's rulebook (bud_rulebook_provider_json):
 *            {accepted: [{rulebook_id, effective_on, accepted_by,
 *             accepted_by_name, accepted_at (a time)}], newest: date | null,
 *             newest_accepted: date | null, missing, overdue,
 *             to_accept: [version ids it may accept and has not]}
 */
#ifndef BUD_APP_RULEBOOK_H
#define BUD_APP_RULEBOOK_H

#include <jansson.h>

#include "app/app.h"
#include "bud_limits.h"

struct bud_rulebook_part_in {
	const char *service;	/* a service code */
	const char *text_fi, *text_sv;
};

/* A new version; strings borrowed. */
struct bud_rulebook_in {
	const char *effective_on;	/* YYYY-MM-DD, today or later */
	const char *general_fi, *general_sv;
	struct bud_rulebook_part_in parts[BUD_RULEBOOK_PARTS_MAX];
	size_t nparts;
};

int bud_rulebook_add(bud_app *app, const bud_actor *actor,
		     const struct bud_rulebook_in *in, int64_t *id_out, bud_err *err);
/* One version (staff and provider users of its organiser). */
int bud_rulebook_get(bud_app *app, const bud_actor *actor, int64_t id,
		     json_t **out, bud_err *err);
/* Every version of the actor's organiser, newest first. */
int bud_rulebook_list(bud_app *app, const bud_actor *actor, json_t **out,
		      bud_err *err);
/* provider_id's admin accepts version rulebook_id. */
int bud_rulebook_accept(bud_app *app, const bud_actor *actor, int64_t provider_id,
			int64_t rulebook_id, bud_err *err);

/* The provider's rulebook view (above) on connection c, today being
 * today; for app/provider.c's views, inside their read. */
int bud_rulebook_provider_json(bud_conn *c, int64_t organiser_id, int64_t provider_id,
			       const char *today, json_t **out, bud_err *err);

#endif
