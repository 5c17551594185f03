/*
 * store/authz.h: the lookups app/authz.c decides on (store_authz.c): who
 * is responsible for a client, and a representative's valid mandate. Reads
 * only; any connection.
 */
#ifndef BUD_STORE_AUTHZ_H
#define BUD_STORE_AUTHZ_H

#include <stddef.h>
#include <stdint.h>

#include "bud_limits.h"
#include "core/err.h"
#include "store/db.h"

/* What decides access to a client's data (0 for NULL columns). */
struct bud_store_client_access {
	int64_t organiser_id;
	int64_t worker_id;	/* the responsible worker (a user id) */
	int64_t unit_id;	/* the worker's unit */
};

/* BUD_ENOTFOUND when there is no such client. */
int bud_store_client_access(bud_conn *c, int64_t client_id,
			    struct bud_store_client_access *out, bud_err *err);

/*
 * A mandate of user_id for client_id valid on day `today` (YYYY-MM-DD,
 * inclusive at both ends) and not ended by a worker (ended_at), preferring
 * one with scope act. *id_out gets its
 * id and *act 1 when its scope is act. BUD_ENOTFOUND when none is valid.
 */
int bud_store_mandate_valid(bud_conn *c, int64_t user_id, int64_t client_id,
			    const char *today, int64_t *id_out, int *act,
			    bud_err *err);

/* A client a representative acts for, through a mandate valid today. */
struct bud_store_represented {
	int64_t mandate_id;
	int64_t client_id;
	int act;				/* scope act (else view) */
	char kind[16];				/* guardian, trustee, authorised */
	char valid_to[11];			/* "" open-ended */
	char first_name[BUD_NAME_MAX + 1];
	char last_name[BUD_NAME_MAX + 1];
};

/* user_id's mandates valid on today, by the client's name: out[0..max-1],
 * *n of them (more are left out). */
int bud_store_mandates_of_user(bud_conn *c, int64_t user_id, const char *today,
			       struct bud_store_represented *out, size_t max,
			       size_t *n, bud_err *err);

#endif
