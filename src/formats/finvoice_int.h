/*
 * formats/finvoice_int.h: what finvoice.c (reading) and finvoice_check.c
 * (the checks on top of the schema) share. Not for use outside formats/.
 */
#ifndef BUD_FORMATS_FINVOICE_INT_H
#define BUD_FORMATS_FINVOICE_INT_H

#include <libxml/tree.h>

#include "formats/finvoice.h"

struct bud_fv_reader {
	struct bud_finvoice *inv;	/* being filled; lives in pool */
	struct bud_fmt_pool *pool;
	struct bud_fmt_problems *probs;
	const xmlNode **row_nodes;	/* inv->rows[i] came from row_nodes[i] (malloc'd) */
	int nomem;
};

/* Run the identifier, date and sum checks on what was read from root. */
void bud_fv_check(struct bud_fv_reader *r, const xmlNode *root);

#endif
