/*
 * core/buf.c: the bounded buffer. Growth doubles the capacity up to `max`;
 * once an append fails the buffer stays failed until reset, so builders can
 * append freely and check once at the end.
 */
#include <assert.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/utf8.h"

void bud_buf_init(bud_buf *b, size_t max)
{
	assert(max > 0);
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->max = max;
	b->failed = 0;
}

void bud_buf_free(bud_buf *b)
{
	if (!b)
		return;
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
	b->failed = 0;
}

void bud_buf_reset(bud_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
	b->failed = 0;
}

static int buf_grow(bud_buf *b, size_t need)
{
	size_t cap;
	char *p;

	if (need > b->max) {
		b->failed = 1;
		return BUD_ETOOBIG;
	}
	if (need + 1 <= b->cap)
		return BUD_OK;
	cap = b->cap ? b->cap : 64;
	while (cap < need + 1)
		cap *= 2;
	if (cap > b->max + 1)
		cap = b->max + 1;
	p = realloc(b->data, cap);
	if (!p) {
		b->failed = 1;
		return BUD_ENOMEM;
	}
	b->data = p;
	b->cap = cap;
	return BUD_OK;
}

int bud_buf_add(bud_buf *b, const void *p, size_t n)
{
	int rc;

	if (b->failed)
		return BUD_ETOOBIG;
	if (n > b->max - b->len) {
		b->failed = 1;
		return BUD_ETOOBIG;
	}
	rc = buf_grow(b, b->len + n);
	if (rc != BUD_OK)
		return rc;
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return BUD_OK;
}

int bud_buf_adds(bud_buf *b, const char *s)
{
	return s ? bud_buf_add(b, s, strlen(s)) : (b->failed ? BUD_ETOOBIG : BUD_OK);
}

int bud_buf_addc(bud_buf *b, char c)
{
	return bud_buf_add(b, &c, 1);
}

int bud_buf_vaddf(bud_buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	int n, rc;

	if (b->failed)
		return BUD_ETOOBIG;
	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0) {
		b->failed = 1;
		return BUD_EINVAL;
	}
	if ((size_t)n > b->max - b->len) {
		b->failed = 1;
		return BUD_ETOOBIG;
	}
	rc = buf_grow(b, b->len + (size_t)n);
	if (rc != BUD_OK)
		return rc;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return BUD_OK;
}

int bud_buf_addf(bud_buf *b, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = bud_buf_vaddf(b, fmt, ap);
	va_end(ap);
	return rc;
}

int bud_buf_add_i64(bud_buf *b, int64_t v)
{
	char d[24];
	size_t i = sizeof(d);
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;

	do {	/* digits from the right: no printf on every number of a page */
		d[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		d[--i] = '-';
	return bud_buf_add(b, d + i, sizeof(d) - i);
}

int bud_buf_add_html(bud_buf *b, const char *s)
{
	const char *run = s;

	if (!s)
		return b->failed ? BUD_ETOOBIG : BUD_OK;
	for (; *s; s++) {
		const char *rep;

		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		bud_buf_add(b, run, (size_t)(s - run));
		bud_buf_adds(b, rep);
		run = s + 1;
	}
	return bud_buf_add(b, run, (size_t)(s - run));
}

int bud_buf_add_json_str(bud_buf *b, const char *str)
{
	const unsigned char *s = (const unsigned char *)(str ? str : "");
	const unsigned char *end = s + strlen((const char *)s);
	uint32_t cp;

	bud_buf_addc(b, '"');
	while (*s) {
		const unsigned char *run = s;
		size_t n;

		while (*s >= 0x20 && *s < 0x80 && *s != '"' && *s != '\\' && *s != '<')
			s++;	/* plain ASCII goes out as one piece */
		if (s != run)
			bud_buf_add(b, run, (size_t)(s - run));
		if (!*s)
			break;
		n = bud_utf8_decode((const char *)s, (size_t)(end - s), &cp);

		if (n == 0) {
			bud_buf_adds(b, "\\ufffd");
			s++;
			continue;
		}
		if (n > 1) {
			bud_buf_add(b, s, n);
			s += n;
			continue;
		}
		switch (*s) {
		case '"': bud_buf_adds(b, "\\\""); break;
		case '\\': bud_buf_adds(b, "\\\\"); break;
		case '\n': bud_buf_adds(b, "\\n"); break;
		case '\r': bud_buf_adds(b, "\\r"); break;
		case '\t': bud_buf_adds(b, "\\t"); break;
		case '<': bud_buf_adds(b, "\\u003c"); break;	/* safe inside <script> */
		default:
			if (*s < 0x20)
				bud_buf_addf(b, "\\u%04x", *s);
			else
				bud_buf_addc(b, (char)*s);
		}
		s++;
	}
	return bud_buf_addc(b, '"');
}

int bud_buf_add_url(bud_buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
		    c == '~') {
			bud_buf_addc(b, (char)c);
		} else {
			char e[3] = {'%', hex[c >> 4], hex[c & 15]};
			bud_buf_add(b, e, 3);
		}
	}
	return b->failed ? BUD_ETOOBIG : BUD_OK;
}

const char *bud_buf_str(const bud_buf *b)
{
	return b->data ? b->data : "";
}

int bud_buf_failed(const bud_buf *b)
{
	return b->failed;
}

char *bud_buf_steal(bud_buf *b, size_t *len)
{
	char *p = b->data;

	if (!p) {
		p = calloc(1, 1);
		if (len)
			*len = 0;
	} else if (len) {
		*len = b->len;
	}
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}
