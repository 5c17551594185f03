/*
 * store/probe.h: what operations asks of the database (store_probe.c):
 * the readiness probe of GET /readyz and the gauges of GET /metrics. No
 * personal data: counts and sizes only.
 */
#ifndef BUD_STORE_PROBE_H
#define BUD_STORE_PROBE_H

#include <stdint.h>

#include "core/err.h"
#include "store/db.h"

/* One read on c (the highest applied migration): BUD_OK and *schema when
 * the database answers, else the error. */
int bud_store_ping(bud_conn *c, int *schema, bud_err *err);

struct bud_store_gauges {
	int64_t db_bytes, wal_bytes;	/* the files on disk (0 when absent) */
	int64_t sessions;		/* sessions not expired at now */
	int64_t outbox_queued;		/* letters waiting to be sent */
	int64_t outbox_failed;		/* letters given up on */
	int64_t outbox_oldest_s;	/* age of the oldest queued letter (0: none) */
};

/* The gauges at time now (Unix seconds), read on c. */
int bud_store_gauges(bud_conn *c, int64_t now, struct bud_store_gauges *out,
		     bud_err *err);

#endif
