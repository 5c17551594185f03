/*
 * core/embed.c: looking up files compiled into the binary.
 */
#include <string.h>

#include "core/embed.h"

const struct bud_embed *bud_embed_find(const struct bud_embed *t, const char *name)
{
	for (; t && t->name; t++)
		if (strcmp(t->name, name) == 0)
			return t;
	return NULL;
}
