/*
 * http/json.c: the depth pre-scan and the jansson call for JSON request
 * bodies, and the compact writer of answers (see json.h).
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

static int write_value(bud_buf *out, const json_t *v, int depth);

static int write_object(bud_buf *out, const json_t *v, int depth)
{
	const char *k;
	json_t *m;
	int first = 1, rc = BUD_OK;

	bud_buf_addc(out, '{');
	json_object_foreach((json_t *)v, k, m) {
		if (!first)
			bud_buf_addc(out, ',');
		first = 0;
		bud_buf_add_json_str(out, k);
		bud_buf_addc(out, ':');
		if ((rc = write_value(out, m, depth + 1)) != BUD_OK)
			return rc;
	}
	return bud_buf_addc(out, '}');
}

static int write_array(bud_buf *out, const json_t *v, int depth)
{
	size_t i, n = json_array_size(v);
	int rc;

	bud_buf_addc(out, '[');
	for (i = 0; i < n; i++) {
		if (i)
			bud_buf_addc(out, ',');
		if ((rc = write_value(out, json_array_get(v, i), depth + 1)) != BUD_OK)
			return rc;
	}
	return bud_buf_addc(out, ']');
}

static int write_value(bud_buf *out, const json_t *v, int depth)
{
	if (depth > BUD_MAX_JSON_DEPTH)
		return BUD_EINVAL;
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return write_object(out, v, depth);
	case JSON_ARRAY:
		return write_array(out, v, depth);
	case JSON_STRING:
		return bud_buf_add_json_str(out, json_string_value(v));
	case JSON_INTEGER:
		return bud_buf_add_i64(out, (int64_t)json_integer_value(v));
	case JSON_REAL:
		return bud_buf_addf(out, "%.*g", BUD_JSON_REAL_DIGITS, json_real_value(v));
	case JSON_TRUE:
		return bud_buf_adds(out, "true");
	case JSON_FALSE:
		return bud_buf_adds(out, "false");
	default:
		return bud_buf_adds(out, "null");
	}
}

int bud_json_write(bud_buf *out, const json_t *v)
{
	int rc = v ? write_value(out, v, 0) : bud_buf_adds(out, "null");

	if (rc == BUD_OK && bud_buf_failed(out))
		rc = BUD_ETOOBIG;
	return rc;
}
