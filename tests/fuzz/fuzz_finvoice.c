/* Fuzz formats/finvoice.c: any bytes (seeded with the public samples) go
 * through frame splitting, the safe parse, schema validation, reading and
 * every check. Whatever comes in: no crash, no leak, bounded output, and
 * the reader's contract holds (an invoice, or a reason in err). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "formats/finvoice.h"
#include "bud_limits.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bud_fmt_problems probs;
	struct bud_finvoice *inv = NULL;
	bud_err err;
	size_t i;
	int rc;

	bud_fmt_problems_init(&probs);
	rc = bud_finvoice_read((const char *)data, size, &inv, &probs, &err);
	if (rc == BUD_OK && (!inv || bud_fmt_problems_count(&probs) != 0))
		abort();
	if (rc != BUD_OK && (bud_fmt_problems_count(&probs) == 0 || !err.key || !err.key[0]))
		abort();
	if (probs.n > BUD_MAX_PROBLEMS)
		abort();
	if (inv) {
		if (inv->n_rows > BUD_MAX_INVOICE_ROWS)
			abort();
		for (i = 0; i < inv->n_rows; i++)
			if ((inv->rows[i].has & BUD_FV_AMOUNT) &&
			    (inv->rows[i].amount > BUD_MONEY_MAX || inv->rows[i].amount < -BUD_MONEY_MAX))
				abort();
		if (inv->reference_kind >= 0 && strlen(inv->reference_canon) == 0)
			abort();
	}
	bud_finvoice_free(inv);
	bud_fmt_problems_free(&probs);
	return 0;
}
