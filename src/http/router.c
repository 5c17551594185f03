/*
 * http/router.c: route matching by segments. Tables are small (tens to a
 * few hundred routes), so a linear scan comparing segment by segment is
 * fast enough and keeps the order of the table meaningful; a route whose
 * literal start differs from the path is passed over at its first
 * differing character.
 */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "http/router.h"

static const struct {
	int bit;
	const char *name;
} methods[] = {
	{BUD_GET, "GET"}, {BUD_HEAD, "HEAD"}, {BUD_POST, "POST"},
	{BUD_PUT, "PUT"}, {BUD_PATCH, "PATCH"}, {BUD_DELETE, "DELETE"},
};

int bud_method_parse(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof methods / sizeof methods[0]; i++)
		if (strcmp(methods[i].name, name) == 0)
			return methods[i].bit;
	return 0;
}

const char *bud_method_name(int method)
{
	size_t i;

	for (i = 0; i < sizeof methods / sizeof methods[0]; i++)
		if (methods[i].bit == method)
			return methods[i].name;
	return "?";
}

/* The length of the segment starting at s (up to '/' or the end). */
static size_t seg_len(const char *s)
{
	const char *slash = strchr(s, '/');

	return slash ? (size_t)(slash - s) : strlen(s);
}

/* Whether path begins with the literal start of pat (up to its first
 * parameter): a match needs it, and most routes of a table already
 * differ there, so they are passed over without splitting segments. */
static int prefix_ok(const char *pat, const char *path)
{
	for (; *pat && *pat != '{'; pat++, path++)
		if (*pat != *path)
			return 0;
	return 1;
}

/*
 * Does path match pattern? Both start with '/'. Captured parameters go to
 * params (names point into the pattern's braces, copied to the arena).
 */
static int match(const char *pat, const char *path, bud_arena *a,
		 struct bud_kv *params, size_t *np)
{
	*np = 0;
	if (!prefix_ok(pat, path))
		return 0;
	for (;;) {
		size_t pl, sl;

		if (*pat != '/' || *path != '/')
			return *pat == *path;	/* both at the end */
		pat++;
		path++;
		pl = seg_len(pat);
		sl = seg_len(path);
		if (pl >= 2 && pat[0] == '{' && pat[pl - 1] == '}') {
			if (sl == 0 || *np >= BUD_ROUTE_MAX_PARAMS)
				return 0;
			if (a) {
				params[*np].key = bud_arena_strndup(a, pat + 1, pl - 2);
				params[*np].value = bud_arena_strndup(a, path, sl);
			}
			(*np)++;
		} else if (pl != sl || memcmp(pat, path, pl) != 0) {
			return 0;
		}
		pat += pl;
		path += sl;
		if (!*pat || !*path)
			return *pat == *path;
	}
}

const struct bud_route *bud_router_match(const struct bud_route *routes,
					 int method, const char *path,
					 bud_arena *a, struct bud_kv *params,
					 size_t *nparams, int *allow)
{
	const struct bud_route *r;
	struct bud_kv scratch[BUD_ROUTE_MAX_PARAMS];
	size_t n;

	*allow = 0;
	*nparams = 0;
	for (r = routes; r->pattern; r++) {
		int m = r->method;

		if (!match(r->pattern, path, NULL, scratch, &n))
			continue;
		if (m == method || (method == BUD_HEAD && m == BUD_GET)) {
			match(r->pattern, path, a, params, nparams);
			return r;
		}
		*allow |= m == BUD_GET ? (BUD_GET | BUD_HEAD) : m;
	}
	return NULL;
}

unsigned bud_router_path_flags(const struct bud_route *routes, const char *path)
{
	struct bud_kv scratch[BUD_ROUTE_MAX_PARAMS];
	const struct bud_route *r;
	unsigned flags = 0;
	size_t n;

	for (r = routes; r->pattern; r++)
		if (match(r->pattern, path, NULL, scratch, &n))
			flags |= r->flags;
	return flags;
}

void bud_router_allow_str(int allow, char *out, size_t outsz)
{
	size_t i, len = 0;

	assert(outsz > 0);
	out[0] = '\0';
	for (i = 0; i < sizeof methods / sizeof methods[0]; i++) {
		int w;

		if (!(allow & methods[i].bit))
			continue;
		w = snprintf(out + len, outsz - len, "%s%s", len ? ", " : "",
			     methods[i].name);
		if (w < 0 || (size_t)w >= outsz - len) {
			out[len] = '\0';	/* only whole names */
			return;
		}
		len += (size_t)w;
	}
}
