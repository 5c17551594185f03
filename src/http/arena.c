/*
 * http/arena.c: a bump allocator over a list of malloc'd blocks. Small
 * requests share 4 KiB blocks; a request larger than a quarter block gets a
 * block of its own, so waste stays bounded.
 */
#include <stdalign.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/arena.h"

#define BLOCK_SIZE 4096

struct bud_arena_block {
	struct bud_arena_block *next;
	size_t used, cap;
	alignas(max_align_t) unsigned char data[];
};

static void *xmalloc(size_t n)
{
	void *p = malloc(n);

	if (!p) {
		fputs("budjetti: out of memory\n", stderr);
		abort();
	}
	return p;
}

static struct bud_arena_block *new_block(bud_arena *a, size_t cap)
{
	struct bud_arena_block *b = xmalloc(sizeof *b + cap);

	b->used = 0;
	b->cap = cap;
	b->next = a->head;
	a->head = b;
	return b;
}

void bud_arena_init(bud_arena *a)
{
	a->head = NULL;
	a->total = 0;
}

void *bud_arena_alloc(bud_arena *a, size_t n)
{
	const size_t align = alignof(max_align_t);
	struct bud_arena_block *b = a->head;
	size_t need, off;
	void *p;

	if (n == 0)
		n = 1;
	if (n > SIZE_MAX / 2) {
		fputs("budjetti: arena request too large\n", stderr);
		abort();
	}
	need = (n + align - 1) & ~(align - 1);
	if (need > BLOCK_SIZE / 4) {
		/* Own block, linked behind the current one so it keeps filling. */
		struct bud_arena_block *big = xmalloc(sizeof *big + need);

		big->used = big->cap = need;
		if (b) {
			big->next = b->next;
			b->next = big;
		} else {
			big->next = NULL;
			a->head = big;
		}
		p = big->data;
	} else {
		if (!b || b->cap - b->used < need)
			b = new_block(a, BLOCK_SIZE);
		off = b->used;
		b->used += need;
		p = b->data + off;
	}
	a->total += need;
	memset(p, 0, n);
	return p;
}

char *bud_arena_strndup(bud_arena *a, const char *s, size_t n)
{
	char *p = bud_arena_alloc(a, n + 1);

	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void bud_arena_free(bud_arena *a)
{
	struct bud_arena_block *b, *next;

	if (!a)
		return;
	for (b = a->head; b; b = next) {
		next = b->next;
		free(b);
	}
	a->head = NULL;
	a->total = 0;
}
