/*
 * http/arena.h: request-lifetime memory. A request allocates from its own
 * arena (decoded fields, parameters, handler scratch) and the whole arena
 * is freed once when the response has been sent, so nothing reachable
 * from a bud_req is freed piecemeal.
 *
 * An arena is used by one thread at a time (its request's). Allocation
 * aborts the process on out-of-memory, like bud_req_alloc promises.
 */
#ifndef BUD_HTTP_ARENA_H
#define BUD_HTTP_ARENA_H

#include <stddef.h>

struct bud_arena_block;

typedef struct bud_arena {
	struct bud_arena_block *head;	/* newest block first */
	size_t total;			/* bytes handed out, for tests */
} bud_arena;

void bud_arena_init(bud_arena *a);
/* n bytes, zeroed, aligned for any type; never NULL. */
void *bud_arena_alloc(bud_arena *a, size_t n);
/* A NUL-terminated copy of the first n bytes of s (s may hold NULs). */
char *bud_arena_strndup(bud_arena *a, const char *s, size_t n);
/* Free every block; the arena is empty and usable again. a may be NULL. */
void bud_arena_free(bud_arena *a);

#endif
