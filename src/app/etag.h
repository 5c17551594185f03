/*
 * app/etag.h: the version tag of an editable record (a client, a plan's
 * head): a hash of its stored fields in a fixed order, as 32 hex digits.
 * A view carries it as "etag" (the API's ETag, the web edit forms' hidden
 * version field); an update given the tag it was based on compares it
 * with the record's tag inside its write unit, so a change made by someone
 * else in between is refused (BUD_ECONFLICT "err.stale") and never
 * overwritten. A tag changes whenever a field does, even twice within a
 * second (updated_at alone would not).
 */
#ifndef BUD_APP_ETAG_H
#define BUD_APP_ETAG_H

#include <stdint.h>

#include <sodium.h>

#include "core/err.h"

/* 32 hex digits and NUL. */
#define BUD_ETAG_HEX 33

typedef struct bud_etag {
	crypto_generichash_state st;
} bud_etag;

void bud_etag_init(bud_etag *t);
/* Add a field: a string (NULL as ""), or an integer. */
void bud_etag_str(bud_etag *t, const char *s);
void bud_etag_i64(bud_etag *t, int64_t v);
/* The tag into out. */
void bud_etag_final(bud_etag *t, char out[BUD_ETAG_HEX]);

/* BUD_OK when want is NULL (no check) or equals have; else BUD_ECONFLICT
 * "err.stale" (field NULL). */
int bud_etag_check(const char *want, const char *have, bud_err *err);

#endif
