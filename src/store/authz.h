/*
 * store/authz.h: the lookups app/authz.c decides on (store_authz.c): who
 * is responsible for a client, and a representative's valid mandate. Reads
 * only; any connection.
 */
#ifndef BUD_STORE_AUTHZ_H
#define BUD_STORE_AUTHZ_H

#include <stdint.h>

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
 * inclusive at both ends), preferring one with scope act. *id_out gets its
 * id and *act 1 when its scope is act. BUD_ENOTFOUND when none is valid.
 */
int bud_store_mandate_valid(bud_conn *c, int64_t user_id, int64_t client_id,
			    const char *today, int64_t *id_out, int *act,
			    bud_err *err);

#endif
