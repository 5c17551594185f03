/*
 * Fuzz http/json.c: any bytes as a JSON request body. The depth scan must
 * never count past its cap, a decoded value must be an array or object no
 * deeper than BUD_MAX_JSON_DEPTH that dumps and reloads, and a refusal
 * must be BUD_EINVAL with one of the two keys (abort() otherwise).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/json.h"
#include "bud_limits.h"

/* The nesting depth of a decoded value, recursively (bounded by the check). */
static int real_depth(json_t *j)
{
	int d = 0, k;
	size_t i;
	const char *key;
	json_t *v;

	if (json_is_array(j)) {
		json_array_foreach(j, i, v)
			if ((k = real_depth(v)) > d)
				d = k;
		return d + 1;
	}
	if (json_is_object(j)) {
		json_object_foreach(j, key, v)
			if ((k = real_depth(v)) > d)
				d = k;
		return d + 1;
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	json_t *j, *back;
	bud_err err;
	char *text;
	int depth = bud_json_depth(s, size, BUD_MAX_JSON_DEPTH);

	if (depth < 0 || depth > BUD_MAX_JSON_DEPTH + 1)
		abort();
	if (bud_json_decode(s, size, &j, &err) != BUD_OK) {
		if (err.code != BUD_EINVAL || j ||
		    (strcmp(err.key, "err.http.json_depth") != 0 &&
		     strcmp(err.key, "err.http.json_syntax") != 0))
			abort();
		return 0;
	}
	if (!json_is_array(j) && !json_is_object(j))
		abort();
	if (real_depth(j) > BUD_MAX_JSON_DEPTH || real_depth(j) > depth)
		abort();
	text = json_dumps(j, JSON_COMPACT);
	if (!text)
		abort();
	back = json_loads(text, 0, NULL);
	if (!back || !json_equal(j, back))
		abort();
	json_decref(back);
	free(text);
	json_decref(j);
	return 0;
}
