/*
 * Fuzz http/form.c: any bytes as a query string / urlencoded body and as a
 * request path. Whatever decodes must keep the promises of form.h (abort()
 * otherwise): at most BUD_MAX_FIELDS pairs, non-empty names within
 * BUD_MAX_FIELD_NAME, values within BUD_MAX_FIELD_VALUE, all valid UTF-8
 * without NUL; a decoded path starts with '/' and is valid UTF-8.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/form.h"
#include "bud_limits.h"

static void check_str(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n > max || !bud_utf8_valid(s, n))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bud_kv *kv;
	bud_arena a;
	bud_err err;
	size_t n, i;
	char *path;

	bud_arena_init(&a);
	if (bud_form_decode(&a, (const char *)data, size, &kv, &n, &err) == BUD_OK) {
		if (n > BUD_MAX_FIELDS || (n && !kv))
			abort();
		for (i = 0; i < n; i++) {
			if (!kv[i].key[0])
				abort();
			check_str(kv[i].key, BUD_MAX_FIELD_NAME);
			check_str(kv[i].value, BUD_MAX_FIELD_VALUE);
		}
	} else if (err.code != BUD_EINVAL && err.code != BUD_ETOOBIG) {
		abort();
	}
	if (bud_path_decode(&a, (const char *)data, size, &path, &err) == BUD_OK) {
		if (path[0] != '/' || strlen(path) > size)
			abort();
		check_str(path, size);
	}
	bud_arena_free(&a);
	return 0;
}
