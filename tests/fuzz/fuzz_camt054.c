/* Fuzz formats/camt054.c: any bytes (seeded with the banks' samples) go
 * through the safe parse, schema validation, reading and the sum checks.
 * No crash, no leak, bounded output, and every transaction found by its
 * end-to-end id is one that was read. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "formats/camt054.h"
#include "bud_limits.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bud_fmt_problems probs;
	struct bud_camt054 *doc = NULL;
	size_t i, j, k, n = 0;
	bud_err err;
	int rc;

	bud_fmt_problems_init(&probs);
	rc = bud_camt054_read((const char *)data, size, &doc, &probs, &err);
	if (rc == BUD_OK && (!doc || bud_fmt_problems_count(&probs) != 0))
		abort();
	if (rc != BUD_OK && bud_fmt_problems_count(&probs) == 0)
		abort();
	if (probs.n > BUD_MAX_PROBLEMS)
		abort();
	for (i = 0; doc && i < doc->n_ntfs; i++)
		for (j = 0; j < doc->ntfs[i].n_entries; j++) {
			const struct bud_camt_entry *e = &doc->ntfs[i].entries[j];

			for (k = 0; k < e->n_txs; k++, n++) {
				const struct bud_camt_tx *t = &e->txs[k];

				if (t->end_to_end_id && !bud_camt054_find(doc, t->end_to_end_id, NULL))
					abort();
				if (t->has_amount && (t->amount < 0 || t->amount > BUD_MONEY_MAX))
					abort();
			}
		}
	if (doc && n != doc->n_txs)
		abort();
	bud_camt054_free(doc);
	bud_fmt_problems_free(&probs);
	return 0;
}
