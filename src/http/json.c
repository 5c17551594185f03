/*
 * http/json.c: the depth pre-scan and the jansson call for JSON request
 * bodies (see json.h).
 */
#include "http/json.h"
#include "bud_limits.h"

int bud_json_depth(const char *s, size_t n, int max)
{
	int depth = 0, deepest = 0, in_str = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		char c = s[i];

		if (in_str) {
			if (c == '\\')
				i++;	/* skip the escaped character */
			else if (c == '"')
				in_str = 0;
			continue;
		}
		if (c == '"') {
			in_str = 1;
		} else if (c == '[' || c == '{') {
			if (++depth > deepest)
				deepest = depth;
			if (deepest > max)
				return deepest;
		} else if ((c == ']' || c == '}') && depth > 0) {
			depth--;
		}
	}
	return deepest;
}

int bud_json_decode(const char *s, size_t n, json_t **out, bud_err *err)
{
	json_error_t jerr;
	json_t *j;

	*out = NULL;
	if (bud_json_depth(s, n, BUD_MAX_JSON_DEPTH) > BUD_MAX_JSON_DEPTH)
		return bud_err_set(err, BUD_EINVAL, NULL, "err.http.json_depth",
				   "JSON nested deeper than %d levels", BUD_MAX_JSON_DEPTH);
	j = json_loadb(s, n, JSON_REJECT_DUPLICATES, &jerr);
	if (!j)
		return bud_err_set(err, BUD_EINVAL, NULL, "err.http.json_syntax",
				   "JSON line %d column %d: %s", jerr.line, jerr.column,
				   jerr.text);
	*out = j;
	return BUD_OK;
}
