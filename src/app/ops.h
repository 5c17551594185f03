/*
 * app/ops.h: what operations asks of a running service (ops.c): is it
 * ready (GET /readyz), and the gauges of GET /metrics. Counts and sizes
 * only: no personal data, no use-log row (nothing of a client is read).
 */
#ifndef BUD_APP_OPS_H
#define BUD_APP_OPS_H

#include "app/app.h"
#include "store/probe.h"

/*
 * BUD_OK with *schema when the writer has not failed (bud_db_failed) and
 * a read on this thread's read connection succeeds; BUD_EIO when the
 * writer has failed, else the read's error.
 */
int bud_app_ready(bud_app *app, int *schema, bud_err *err);

/* The gauges of store/probe.h, read on this thread's read connection at
 * bud_app_now. */
int bud_app_gauges(bud_app *app, struct bud_store_gauges *out, bud_err *err);

#endif
