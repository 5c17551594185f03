/*
 * store/settle.h: the read of settling a month (app/settle.c,
 * store_settle.c): which providers had commitments running in it.
 */
#ifndef BUD_STORE_SETTLE_H
#define BUD_STORE_SETTLE_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "store/db.h"

/* The providers of organiser_id with a commitment accepted (active or
 * ended) whose period meets from..to, by id, into ids[0..max-1] (*n of
 * them; more than max is BUD_ETOOBIG). */
int bud_store_settle_providers(bud_conn *c, int64_t organiser_id,
			       const char *from, const char *to, int64_t *ids,
			       size_t max, size_t *n, bud_err *err);

#endif
