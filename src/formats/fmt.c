/*
 * formats/fmt.c: the shared pieces of the formats layer (see fmt.h): the
 * arena that owns a parsed document's strings, the problem list, exact
 * decimals, dates and bounded file reading.
 */
#include <assert.h>
#include <errno.h>
#include <inttypes.h>
#include <stdalign.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/fmt.h"
#include "bud_limits.h"

/* ---- pool ---------------------------------------------------------------- */

#define POOL_CHUNK (16 * 1024)
#define POOL_ALIGN (alignof(max_align_t))

struct pool_chunk {
	struct pool_chunk *next;
	size_t used, size;
	alignas(max_align_t) unsigned char mem[];
};

struct bud_fmt_pool {
	struct pool_chunk *head;
};

struct bud_fmt_pool *bud_fmt_pool_new(void)
{
	return calloc(1, sizeof(struct bud_fmt_pool));
}

void bud_fmt_pool_free(struct bud_fmt_pool *p)
{
	struct pool_chunk *c, *next;

	if (!p)
		return;
	for (c = p->head; c; c = next) {
		next = c->next;
		free(c);
	}
	free(p);
}

void *bud_fmt_pool_alloc(struct bud_fmt_pool *p, size_t n)
{
	struct pool_chunk *c = p->head;
	size_t need = (n + POOL_ALIGN - 1) & ~(POOL_ALIGN - 1);
	size_t size;
	void *r;

	if (n == 0)
		need = POOL_ALIGN;
	if (need < n)
		return NULL;	/* wrapped */
	if (!c || c->size - c->used < need) {
		size = need > POOL_CHUNK ? need : POOL_CHUNK;
		if (size > SIZE_MAX - sizeof *c)
			return NULL;
		c = malloc(sizeof *c + size);
		if (!c)
			return NULL;
		c->size = size;
		c->used = 0;
		/* A big block gets its own chunk behind the current one, so
		 * the current chunk's free space is not wasted. */
		if (p->head && need > POOL_CHUNK) {
			c->next = p->head->next;
			p->head->next = c;
		} else {
			c->next = p->head;
			p->head = c;
		}
	}
	r = c->mem + c->used;
	c->used += need;
	memset(r, 0, n);
	return r;
}

char *bud_fmt_pool_strndup(struct bud_fmt_pool *p, const char *s, size_t n)
{
	char *r;

	if (!s)
		return NULL;
	r = bud_fmt_pool_alloc(p, n + 1);
	if (!r)
		return NULL;
	memcpy(r, s, n);
	r[n] = '\0';
	return r;
}

char *bud_fmt_pool_strdup(struct bud_fmt_pool *p, const char *s)
{
	return s ? bud_fmt_pool_strndup(p, s, strlen(s)) : NULL;
}

/* ---- problems ------------------------------------------------------------ */

void bud_fmt_problems_init(struct bud_fmt_problems *p)
{
	memset(p, 0, sizeof *p);
}

void bud_fmt_problems_free(struct bud_fmt_problems *p)
{
	if (!p)
		return;
	free(p->v);
	memset(p, 0, sizeof *p);
}

void bud_fmt_problem_add(struct bud_fmt_problems *p, const char *path, int line,
			 const char *key, const char *fmt, ...)
{
	struct bud_fmt_problem *pr;
	va_list ap;

	if (p->n >= BUD_MAX_PROBLEMS) {
		p->dropped++;
		return;
	}
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 16;
		struct bud_fmt_problem *v = realloc(p->v, cap * sizeof *v);

		if (!v) {
			p->nomem = 1;
			p->dropped++;
			return;
		}
		p->v = v;
		p->cap = cap;
	}
	pr = &p->v[p->n++];
	snprintf(pr->path, sizeof pr->path, "%s", path ? path : "");
	pr->line = line;
	pr->key = key ? key : "err.generic";
	va_start(ap, fmt);
	vsnprintf(pr->detail, sizeof pr->detail, fmt, ap);
	va_end(ap);
}

size_t bud_fmt_problems_count(const struct bud_fmt_problems *p)
{
	return p->n + p->dropped;
}

int bud_fmt_problems_to_err(const struct bud_fmt_problems *p, bud_err *err)
{
	const struct bud_fmt_problem *f;
	const char *field;
	size_t total = bud_fmt_problems_count(p);

	if (total == 0)
		return BUD_OK;
	if (p->n == 0)
		return bud_err_set(err, p->nomem ? BUD_ENOMEM : BUD_EINVAL, NULL,
				   "err.xml.problems", "%zu problems", total);
	f = &p->v[0];
	/* The field is the element (or JSON member) itself; the detail says
	 * where it is. */
	field = strrchr(f->path, '/');
	field = field ? field + 1 : f->path;
	if (total == 1)
		return bud_err_set(err, BUD_EINVAL, field, f->key, "%s%s%s", f->path,
				   f->path[0] ? ": " : "", f->detail);
	return bud_err_set(err, BUD_EINVAL, field, f->key, "%s%s%s (and %zu more problems)",
			   f->path, f->path[0] ? ": " : "", f->detail, total - 1);
}

void bud_fmt_problems_sort(struct bud_fmt_problems *p)
{
	size_t i, j;

	/* Insertion sort: stable, in place, and the list is short (capped at
	 * BUD_MAX_PROBLEMS) and mostly in order already. */
	for (i = 1; i < p->n; i++) {
		struct bud_fmt_problem t = p->v[i];

		for (j = i; j > 0 && p->v[j - 1].line > t.line; j--)
			p->v[j] = p->v[j - 1];
		p->v[j] = t;
	}
}

void bud_fmt_problems_print(FILE *f, const char *name, const struct bud_fmt_problems *p)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		const struct bud_fmt_problem *pr = &p->v[i];

		if (pr->line > 0)
			fprintf(f, "%s:%d: ", name, pr->line);
		else
			fprintf(f, "%s: ", name);
		if (pr->path[0])
			fprintf(f, "%s: ", pr->path);
		fprintf(f, "%s [%s]\n", pr->detail, pr->key);
	}
	if (p->dropped)
		fprintf(f, "%s: %zu more problems not listed\n", name, p->dropped);
}

/* ---- decimals ------------------------------------------------------------ */

static const int64_t pow10_tab[] = {1, 10, 100, 1000, 10000, 100000, 1000000};

int bud_fmt_decimal(const char *s, char mark, int scale, int allow_negative,
		    const char *field, int64_t *out, bud_err *err)
{
	const char *p = s;
	int neg = 0, idigits = 0, fdigits = 0;
	int64_t ip = 0, frac = 0;

	assert(scale >= 0 && scale <= 6);
	if (!s || !*s)
		return bud_err_set(err, BUD_EINVAL, field, "err.fmt.decimal", "empty number");
	if (*p == '-') {
		if (!allow_negative)
			return bud_err_set(err, BUD_EINVAL, field, "err.fmt.negative",
					   "negative amount not allowed: '%.40s'", s);
		neg = 1;
		p++;
	}
	for (; *p >= '0' && *p <= '9'; p++) {
		if (++idigits > 18)
			return bud_err_set(err, BUD_EOVERFLOW, field, "err.fmt.overflow",
					   "number too large: '%.40s'", s);
		ip = ip * 10 + (*p - '0');	/* < 10^18: no overflow */
	}
	if (idigits == 0)
		goto syntax;
	if (*p == mark) {
		for (p++; *p >= '0' && *p <= '9'; p++) {
			if (++fdigits <= scale)
				frac = frac * 10 + (*p - '0');
			else if (*p != '0')
				return bud_err_set(err, BUD_EINVAL, field, "err.fmt.precision",
						   "more than %d decimals: '%.40s'", scale, s);
		}
		if (fdigits == 0)
			goto syntax;
	}
	if (*p)
		goto syntax;
	if (fdigits < scale)
		frac *= pow10_tab[scale - fdigits];
	if (ip > (INT64_MAX - frac) / pow10_tab[scale])
		return bud_err_set(err, BUD_EOVERFLOW, field, "err.fmt.overflow",
				   "number too large: '%.40s'", s);
	ip = ip * pow10_tab[scale] + frac;
	*out = neg ? -ip : ip;
	return BUD_OK;
syntax:
	return bud_err_set(err, BUD_EINVAL, field, "err.fmt.decimal",
			   "not a number with decimal mark '%c': '%.40s'", mark, s);
}

int bud_fmt_decimal_format(int64_t v, int scale, char *out, size_t outsz)
{
	uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	uint64_t m = (uint64_t)pow10_tab[scale];
	int n;

	assert(scale >= 0 && scale <= 6);
	if (scale == 0)
		n = snprintf(out, outsz, "%s%" PRIu64, v < 0 ? "-" : "", a);
	else
		n = snprintf(out, outsz, "%s%" PRIu64 ".%0*" PRIu64, v < 0 ? "-" : "",
			     a / m, scale, a % m);
	return (n < 0 || (size_t)n >= outsz) ? BUD_ETOOBIG : BUD_OK;
}

/* ---- dates --------------------------------------------------------------- */

static int days_in_month(int y, int m)
{
	static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : d[m - 1];
}

static int digits(const char *s, int n, int *out)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

static int date_make(int y, int m, int d, char out[BUD_FMT_DATE])
{
	if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return BUD_EINVAL;
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
	return BUD_OK;
}

int bud_fmt_date8(const char *s, char out[BUD_FMT_DATE])
{
	int y, m, d;

	if (!s || strlen(s) != 8 || digits(s, 4, &y) || digits(s + 4, 2, &m) ||
	    digits(s + 6, 2, &d))
		return BUD_EINVAL;
	return date_make(y, m, d, out);
}

int bud_fmt_date_iso(const char *s, int allow_time, char out[BUD_FMT_DATE])
{
	int y, m, d;
	size_t n = s ? strlen(s) : 0;

	if (n < 10 || digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &m) ||
	    s[7] != '-' || digits(s + 8, 2, &d))
		return BUD_EINVAL;
	if (n > 10 && (!allow_time || s[10] != 'T'))
		return BUD_EINVAL;
	return date_make(y, m, d, out);
}

/* ---- files --------------------------------------------------------------- */

int bud_fmt_read_file(const char *path, size_t max, char **data, size_t *len,
		      bud_err *err)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, got;
	int rc = BUD_OK;

	*data = NULL;
	*len = 0;
	if (!f)
		return bud_err_set(err, BUD_EIO, "file", "err.io", "cannot open %s: %s",
				   path, strerror(errno));
	buf = malloc(max + 2);
	if (!buf) {
		rc = bud_err_set(err, BUD_ENOMEM, "file", "err.internal", "out of memory");
		goto out;
	}
	/* Read one byte more than allowed, to tell "exactly max" from "more". */
	while ((got = fread(buf + n, 1, max + 1 - n, f)) > 0) {
		n += got;
		if (n > max)
			break;
	}
	if (ferror(f)) {
		rc = bud_err_set(err, BUD_EIO, "file", "err.io", "cannot read %s", path);
		goto out;
	}
	if (n > max) {
		rc = bud_err_set(err, BUD_ETOOBIG, "file", "err.xml.too_big",
				 "%s is larger than %zu bytes", path, max);
		goto out;
	}
	buf[n] = '\0';
	*data = buf;
	*len = n;
	buf = NULL;
out:
	free(buf);
	fclose(f);
	return rc;
}
