/*
 * store/rulebook.h: SQL of the rulebook (migration 011): versions with an
 * effective date, their service parts, and the providers' acceptances.
 * Versions and acceptances are only ever inserted, never changed. The
 * texts can be long, so reads hand each row to a callback with borrowed
 * strings (valid during the call) instead of copying into fixed buffers.
 */
#ifndef BUD_STORE_RULEBOOK_H
#define BUD_STORE_RULEBOOK_H

#include <stdint.h>

#include "bud_limits.h"
#include "store/db.h"

struct bud_store_rulebook {
	int64_t id, organiser_id;
	const char *effective_on;	/* YYYY-MM-DD */
	const char *general_fi, *general_sv;
	int64_t created_by, created_at;
};

struct bud_store_rulebook_part {
	int64_t service_id;
	const char *service_code, *text_fi, *text_sv;
};

/* One acceptance, with the version's date and the accepting user's name. */
struct bud_store_rulebook_acc {
	int64_t rulebook_id;
	char effective_on[11];
	int64_t accepted_by;
	char accepted_by_name[BUD_NAME_MAX + 1];
	int64_t accepted_at;
};

/* Insert a version; a second version of the organiser on the same date is
 * BUD_ECONFLICT. Texts longer than BUD_RULEBOOK_TEXT_MAX are BUD_EINVAL. */
int bud_store_rulebook_insert(bud_conn *w, const struct bud_store_rulebook *r,
			      int64_t *id_out, bud_err *err);
int bud_store_rulebook_part_insert(bud_conn *w, int64_t rulebook_id,
				   const struct bud_store_rulebook_part *p, bud_err *err);

typedef int (*bud_store_rulebook_fn)(void *arg, const struct bud_store_rulebook *r);
typedef int (*bud_store_rulebook_part_fn)(void *arg,
					  const struct bud_store_rulebook_part *p);

/* The organiser's versions (id 0), or only version id of the organiser,
 * newest effective date first, at most BUD_RULEBOOK_VERSIONS_MAX; fn's
 * non-zero return stops and is returned. */
int bud_store_rulebook_each(bud_conn *c, int64_t organiser_id, int64_t id,
			    bud_store_rulebook_fn fn, void *arg, bud_err *err);
/* The service parts of a version by service code. */
int bud_store_rulebook_parts(bud_conn *c, int64_t rulebook_id,
			     bud_store_rulebook_part_fn fn, void *arg, bud_err *err);

/* The organiser's version id and its date (out, 11 bytes): the one in
 * force on day (latest effective_on <= day), or with day NULL the newest
 * of all. *id 0 and out "" when there is none. */
int bud_store_rulebook_pick(bud_conn *c, int64_t organiser_id, const char *day,
			    int64_t *id, char *out, bud_err *err);

/* Record provider's acceptance of rulebook_id; a second one of the same
 * version is BUD_ECONFLICT. */
int bud_store_rulebook_accept(bud_conn *w, int64_t rulebook_id, int64_t provider_id,
			      int64_t by, int64_t at, bud_err *err);
/* provider's acceptances, the newest version first, at most max. */
int bud_store_rulebook_accepted(bud_conn *c, int64_t provider_id,
				struct bud_store_rulebook_acc *out, size_t max,
				size_t *n, bud_err *err);

#endif
