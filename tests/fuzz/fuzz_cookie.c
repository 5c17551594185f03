/*
 * Fuzz http/cookie.c: any bytes as a Cookie header. Parsed names must be
 * non-empty tokens and values cookie-octets only, so no control byte,
 * quote, comma or semicolon ever reaches a handler (abort() otherwise).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/cookie.h"
#include "bud_limits.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *hdr = malloc(size + 1);
	struct bud_kv *kv;
	bud_arena a;
	bud_err err;
	size_t n, i;
	const char *p;

	if (!hdr)
		return 0;
	memcpy(hdr, data, size);
	hdr[size] = '\0';
	bud_arena_init(&a);
	if (bud_cookie_parse(&a, hdr, &kv, &n, &err) == BUD_OK) {
		for (i = 0; i < n; i++) {
			if (!kv[i].key[0] || !bud_cookie_value_ok(kv[i].value))
				abort();
			for (p = kv[i].key; *p; p++)
				if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f ||
				    strchr("()<>@,;:\\\"/[]?={}", *p))
					abort();
			if (bud_cookie_find(kv, n, kv[i].key) == NULL)
				abort();
		}
	} else if (err.code != BUD_ETOOBIG || strlen(hdr) <= BUD_MAX_COOKIE) {
		abort();
	}
	bud_arena_free(&a);
	free(hdr);
	return 0;
}
