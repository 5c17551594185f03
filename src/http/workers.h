/*
 * http/workers.h: a small pool of threads for the requests that write.
 * A write waits for its group commit, and a login for argon2id; neither
 * may hold one of libmicrohttpd's server threads. server.c suspends the
 * connection, hands the request here, and a worker answers it and resumes
 * the connection; the server threads go on with other connections.
 */
#ifndef BUD_HTTP_WORKERS_H
#define BUD_HTTP_WORKERS_H

#include "core/err.h"

typedef struct bud_workers bud_workers;
typedef void (*bud_job_fn)(void *arg);

/* Start n threads (every signal blocked in them). */
int bud_workers_start(int n, bud_workers **out, bud_err *err);

/* Queue fn(arg) for the next free worker: BUD_OK, or BUD_EBUSY once the
 * pool is stopping (then fn is not run). */
int bud_workers_submit(bud_workers *w, bud_job_fn fn, void *arg);

/* Run what is queued, then end and join the threads and free w. NULL ok. */
void bud_workers_stop(bud_workers *w);

#endif
