/*
 * store/client.h: clients of an organiser (store_client.c). Minimal for
 * now: insert, read by id, a worker's clients, and (re)assigning the
 * responsible worker and unit. app/ validates the henkilötunnus and checks
 * who may see what; this layer only stores rows. The hetu is stored whole
 * (two people can differ only in the century sign) and shown masked by
 * the layers above. Conventions as in store/org.h.
 */
#ifndef BUD_STORE_CLIENT_H
#define BUD_STORE_CLIENT_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "bud_limits.h"
#include "store/db.h"

#define BUD_STORE_HETU 12	/* DDMMYYCZZZQ, NUL */

struct bud_store_client {
	int64_t id;
	int64_t organiser_id;
	char hetu[BUD_STORE_HETU];		/* unique */
	char first_name[BUD_NAME_MAX + 1];
	char last_name[BUD_NAME_MAX + 1];
	char lang[4];				/* fi, sv */
	char municipality[BUD_NAME_MAX + 1];	/* "" none */
	char email[BUD_NAME_MAX + 1];		/* "" none */
	char phone[32];				/* "" none */
	char address[BUD_NAME_MAX + 1];		/* "" none */
	char communication[BUD_NOTE_MAX + 1];	/* communication needs; "" none */
	int easy_read;				/* wants plain language (selkokieli) */
	int64_t worker_id;			/* responsible worker; 0 none */
	int64_t unit_id;			/* 0 none */
	int64_t created_at;
};

/* Insert c (c->id is ignored). A duplicate hetu is BUD_ECONFLICT. */
int bud_store_client_insert(bud_conn *w, const struct bud_store_client *c,
			    int64_t *id_out, bud_err *err);

int bud_store_client_get(bud_conn *c, int64_t id, struct bud_store_client *out,
			 bud_err *err);

/* A page of worker_id's clients by last and first name (then id): rows
 * offset .. offset + max - 1 into out, *n of them. */
int bud_store_client_list_by_worker(bud_conn *c, int64_t worker_id,
				    size_t offset, struct bud_store_client *out,
				    size_t max, size_t *n, bud_err *err);

/* Make worker_id (0: none) and unit_id (0: none) responsible for client
 * id; BUD_ENOTFOUND when there is no such client. */
int bud_store_client_set_worker(bud_conn *w, int64_t id, int64_t worker_id,
				int64_t unit_id, bud_err *err);

#endif
