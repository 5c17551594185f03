/*
 * store/scale.h: the writes of the generated county of `budjetti demo
 * --scale` (app/demo_scale.c, store_scale.c) that no use case has in one
 * statement: a service event inserted in the state it reached, with the
 * client's answer, so ten million of them are one INSERT each. Everything
 * else the generator writes goes through the ordinary store functions.
 */
#ifndef BUD_STORE_SCALE_H
#define BUD_STORE_SCALE_H

#include <stdint.h>

#include "core/err.h"
#include "store/db.h"
#include "store/event.h"

/*
 * Insert e (id ignored) with its state, answered_by (0: no user, an
 * answer taken on paper), answered_at (0: none) and reason; *id_out the
 * new id (may be NULL). A second row of the same (commitment, date,
 * external id) is BUD_ECONFLICT.
 */
int bud_store_scale_event_insert(bud_conn *w, const struct bud_store_event *e,
				 int64_t *id_out, bud_err *err);

#endif
