/*
 * app/invitation.h: inviting providers in bulk (issue 10, item 4). An
 * organiser's admin or worker sends a CSV of provider names and e-mail
 * addresses; each good row becomes one letter in the outbox (app/mail.h)
 * made from the invitation template in Finnish, Swedish or both
 * (app/letters/invitation.LANG.txt) with the provider's name, the
 * organiser's name and the sender's name.
 *
 * CSV: two columns, name and email, ';' or ',' (formats/csv.h: BOM,
 * quotes, CRLF); more columns are ignored; wholly blank rows are
 * skipped. A first row whose second field is "email", "e-mail",
 * "sähköposti" or "e-post" (any case) is a header and skipped.
 *
 * Bad rows do not stop the others: a row without a name (field "name",
 * err.invite.name), with a malformed address (field "email",
 * err.invite.email) or with an address already on an earlier row
 * (err.invite.duplicate) is reported with its line; the good rows are all
 * queued in ONE write unit. A file that is not CSV at all (a stray
 * quote, not UTF-8, empty, too large) is refused whole, as in the price
 * import (err.csv.*, with its line).
 *
 * Nothing twice: the letter's dedupe key is "invitation:<organiser
 * id>:<address in lower case>". An organiser invites an address once:
 * running the same CSV again, or a later CSV that repeats an address,
 * queues nothing for it (counted as "already"). The address alone is the
 * right key, not the file or a round: the Keusote pilot's complaint was
 * providers getting the same letter from two lists. (A deliberate
 * reminder would be a kind of its own with its own key.)
 *
 * Access: admin and worker of an organiser (actor NULL: the installation's
 * organiser, for tests and the command line). Others: BUD_EFORBIDDEN.
 * Invitations are not client data: no use-log rows.
 */
#ifndef BUD_APP_INVITATION_H
#define BUD_APP_INVITATION_H

#include <stddef.h>

#include <jansson.h>

#include "app/app.h"
#include "core/page.h"

/* The letter's languages: "fi", "sv", or "both" (one letter, Finnish
 * first, then Swedish), NULL-terminated. */
extern const char *const bud_invite_langs[];

struct bud_invite_problem {
	size_t line;		/* the file's line */
	char field[8];		/* "name" or "email" */
	const char *key;	/* err.invite.* (a catalog key) */
};

struct bud_invite_result {
	size_t queued;		/* letters queued now */
	size_t already;		/* good rows whose address was invited before */
	size_t bad;		/* rows refused */
	size_t nproblems;	/* of them listed in problems (the first ones) */
	struct bud_invite_problem problems[BUD_INVITE_PROBLEMS_MAX];
	size_t line, column;	/* a refusal of the whole file: where */
};

/*
 * Invite from len bytes of CSV in lang (one of bud_invite_langs). BUD_OK
 * with res filled (also when every row was bad); a refusal of the whole
 * file is BUD_EINVAL/BUD_ETOOBIG field "csv" (res->line says where), a
 * bad lang BUD_EINVAL field "lang". Wakes the serve sender after commit.
 */
int bud_invite_csv(bud_app *app, const bud_actor *actor, const char *data,
		   size_t len, const char *lang, struct bud_invite_result *res,
		   bud_err *err);

/*
 * One page of the organiser's invitations, newest first: {"items":
 * [{id, name, email, lang, state (queued|sent|failed), attempts,
 * last_error, created_at, sent_at (null until sent)}], "counts": {queued,
 * sent, failed}}. pg->at is the id below which the page starts (0: the
 * newest); pg->next is set for the next page.
 */
int bud_invite_list(bud_app *app, const bud_actor *actor, struct bud_page *pg,
		    json_t **out, bud_err *err);

#endif
