/*
 * http/json.c: the depth pre-scan and the jansson call for JSON request
 * bodies (see json.h).
 */
#include <stdio.h>

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

/*
 * The raw text of the last object key that starts before byte pos of
 * s[0..n) (a string followed by ':' outside strings) into out (cut to
 * outsz - 1 bytes), "" when there is none: the member a syntax error is in.
 */
static void key_before(const char *s, size_t n, size_t pos, char *out,
		       size_t outsz)
{
	size_t i, str = 0, str_end = 0, key = 0, key_end = 0;
	int in_str = 0, after_str = 0, found = 0;

	for (i = 0; i < n && i < pos; i++) {
		char c = s[i];

		if (in_str) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_str = 0, str_end = i, after_str = 1;
			continue;
		}
		if (c == '"') {
			in_str = 1;
			str = i + 1;
		} else if (c == ':' && after_str) {
			key = str, key_end = str_end, found = 1;
			after_str = 0;
		} else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
			after_str = 0;
		}
	}
	out[0] = '\0';
	if (found)
		snprintf(out, outsz, "%.*s", (int)(key_end - key), s + key);
}

int bud_json_decode(const char *s, size_t n, json_t **out, bud_err *err)
{
	char key[64];
	json_error_t jerr;
	json_t *j;

	*out = NULL;
	if (bud_json_depth(s, n, BUD_MAX_JSON_DEPTH) > BUD_MAX_JSON_DEPTH)
		return bud_err_set(err, BUD_EINVAL, NULL, "err.http.json_depth",
				   "JSON nested deeper than %d levels", BUD_MAX_JSON_DEPTH);
	j = json_loadb(s, n, JSON_REJECT_DUPLICATES, &jerr);
	if (!j) {
		key_before(s, n, jerr.position > 0 ? (size_t)jerr.position : 0,
			   key, sizeof(key));
		return bud_err_set(err, BUD_EINVAL, key[0] ? key : NULL,
				   "err.http.json_syntax",
				   "JSON line %d column %d (byte %d)%s%.64s%s: %s",
				   jerr.line, jerr.column, jerr.position,
				   key[0] ? " in member \"" : "", key,
				   key[0] ? "\"" : "", jerr.text);
	}
	*out = j;
	return BUD_OK;
}
