/*
 * core/embed.h: files compiled into the binary by tools/embed.c (migrations,
 * templates, catalogs, styles). Each table ends with an entry whose name is
 * NULL. The data is read-only and lives as long as the program.
 */
#ifndef BUD_CORE_EMBED_H
#define BUD_CORE_EMBED_H

#include <stddef.h>

struct bud_embed {
	const char *name;	/* base name of the source file */
	const char *data;	/* contents, NUL-terminated */
	size_t len;		/* length without the NUL */
};

/* The entry called `name`, or NULL. */
const struct bud_embed *bud_embed_find(const struct bud_embed *table,
				       const char *name);

#endif
