/*
 * app/etag.c: version tags of editable records (see app/etag.h). Each
 * field goes in with its length first, so ("ab", "c") and ("a", "bc")
 * differ.
 */
#include <string.h>

#include "app/etag.h"

#define ETAG_BYTES 16

void bud_etag_init(bud_etag *t)
{
	crypto_generichash_init(&t->st, NULL, 0, ETAG_BYTES);
}

static void add(bud_etag *t, const void *p, size_t n)
{
	unsigned char len[8];
	uint64_t v = n;
	int i;

	for (i = 0; i < 8; i++, v >>= 8)
		len[i] = (unsigned char)(v & 0xff);
	crypto_generichash_update(&t->st, len, sizeof(len));
	crypto_generichash_update(&t->st, p, n);
}

void bud_etag_str(bud_etag *t, const char *s)
{
	s = s ? s : "";
	add(t, s, strlen(s));
}

void bud_etag_i64(bud_etag *t, int64_t v)
{
	unsigned char b[8];
	uint64_t u = (uint64_t)v;
	int i;

	for (i = 0; i < 8; i++, u >>= 8)
		b[i] = (unsigned char)(u & 0xff);
	add(t, b, sizeof(b));
}

void bud_etag_final(bud_etag *t, char out[BUD_ETAG_HEX])
{
	unsigned char h[ETAG_BYTES];

	crypto_generichash_final(&t->st, h, sizeof(h));
	sodium_bin2hex(out, BUD_ETAG_HEX, h, sizeof(h));
}

int bud_etag_check(const char *want, const char *have, bud_err *err)
{
	if (!want || strcmp(want, have) == 0)
		return BUD_OK;
	return bud_err_set(err, BUD_ECONFLICT, NULL, "err.stale",
			   "the record changed after the version the change is based on");
}
