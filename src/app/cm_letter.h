/*
 * app/cm_letter.h: the letter to a provider when one of its commitments
 * is made or ends (issue 10, item 8). Called by app/commitment.c inside
 * the commitment's own write unit, so the letter goes iff the change
 * committed (app/mail.h). The letter is in the provider's first service
 * language that is fi or sv (Finnish when neither), to the provider's
 * e-mail; it says only what the commitment needs: the client's name, the
 * service, quantity, period and the commitment's number, never the
 * identity code; commitment.c logs the letter as a disclosure to the
 * provider (uselog). The dedupe key is "commitment:<id>:<event>", so one
 * event of one commitment is one letter however often it is retried.
 */
#ifndef BUD_APP_CM_LETTER_H
#define BUD_APP_CM_LETTER_H

#include "app/app.h"
#include "store/commitment.h"

enum bud_cm_event { BUD_CM_MADE, BUD_CM_ENDED };

/* Queue the letter about m (as written, with its id) for event ev on the
 * writer w. A provider without a usable e-mail address gets no letter
 * (*queued 0); queued may be NULL. by is the acting user (0: system). */
int bud_cm_letter(bud_app *app, bud_conn *w, const struct bud_store_commitment *m,
		  enum bud_cm_event ev, int64_t by, int *queued, bud_err *err);

#endif
