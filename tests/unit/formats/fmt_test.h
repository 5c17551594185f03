/*
 * tests/unit/formats/fmt_test.h: helpers the formats tests share: loading a
 * file from tests/data (BUD_TESTDATA), replacing text in a loaded sample to
 * make a bad variant, and finding a problem in a list. Header-only, static.
 */
#ifndef BUD_TESTS_FMT_TEST_H
#define BUD_TESTS_FMT_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "formats/fmt.h"
#include "bud_limits.h"

/* tests/data/REL, whole, NUL-terminated; the test fails if it is missing.
 * (noinline: gcc 12 mistakes the out-parameter for a dangling pointer.) */
__attribute__((noinline, unused)) static char *load(const char *rel, size_t *len)
{
	const char *dir = getenv("BUD_TESTDATA");
	char path[1024];
	char *data = NULL;
	size_t n = 0;
	bud_err e;

	assert_non_null(dir);
	snprintf(path, sizeof path, "%s/%s", dir, rel);
	if (bud_fmt_read_file(path, BUD_MAX_XML, &data, &n, &e) != BUD_OK)
		fail_msg("cannot read %s: %s", path, e.detail);
	if (len)
		*len = n;
	return data;
}

/* A copy of s with the only occurrence of from replaced by to (fails the
 * test when from is not there exactly once). free() it. */
static inline char *replace1(const char *s, const char *from, const char *to)
{
	const char *p = strstr(s, from);
	size_t fl = strlen(from), tl = strlen(to), n = strlen(s);
	char *r;

	if (!p)
		fail_msg("'%s' not in the sample", from);
	if (strstr(p + 1, from))
		fail_msg("'%s' more than once in the sample", from);
	r = malloc(n - fl + tl + 1);
	assert_non_null(r);
	memcpy(r, s, (size_t)(p - s));
	memcpy(r + (p - s), to, tl);
	memcpy(r + (p - s) + tl, p + fl, n - (size_t)(p - s) - fl + 1);
	return r;
}

/* The same, freeing s. */
static inline char *replace1f(char *s, const char *from, const char *to)
{
	char *r = replace1(s, from, to);

	free(s);
	return r;
}

/* The first problem with key at path (path NULL: any), or NULL. */
static inline const struct bud_fmt_problem *find_problem(const struct bud_fmt_problems *p,
						  const char *key, const char *path)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (strcmp(p->v[i].key, key) == 0 && (!path || strcmp(p->v[i].path, path) == 0))
			return &p->v[i];
	return NULL;
}

/* How many problems have this path. */
static inline size_t count_at(const struct bud_fmt_problems *p, const char *path)
{
	size_t i, k = 0;

	for (i = 0; i < p->n; i++)
		k += strcmp(p->v[i].path, path) == 0;
	return k;
}

/* Print the problems (shown when a test fails). */
static inline void dump_problems(const struct bud_fmt_problems *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		print_message("  %s:%d %s %s\n", p->v[i].path, p->v[i].line, p->v[i].key,
			      p->v[i].detail);
}

#define assert_problem(p, key, path) do { \
	if (!find_problem((p), (key), (path))) { \
		dump_problems(p); \
		fail_msg("no problem %s at %s", (key), (path) ? (path) : "*"); \
	} } while (0)

#endif
