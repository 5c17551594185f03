/* Fuzz formats/csv.c: any bytes go through the reader with ';', ',' and
 * detection. No crash, no leak, the bounds hold, an error names a line
 * and a column and leaves no rows, and what was read, written back by
 * bud_csv_write_row, reads back to the same rows. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bud_limits.h"
#include "formats/csv.h"

static void same_rows(const struct bud_csv *a, const struct bud_csv *b)
{
	size_t i, j;

	if (a->nrows != b->nrows)
		abort();
	for (i = 0; i < a->nrows; i++) {
		if (a->rows[i].nfields != b->rows[i].nfields)
			abort();
		for (j = 0; j < a->rows[i].nfields; j++)
			if (strcmp(a->rows[i].fields[j], b->rows[i].fields[j]) != 0)
				abort();
	}
}

static void check(const struct bud_csv *c, size_t size)
{
	size_t i, j, line = 0;

	if (c->nrows < 1 || c->nrows > (size_t)BUD_CSV_MAX_ROWS + 1)
		abort();
	for (i = 0; i < c->nrows; i++) {
		const struct bud_csv_row *r = &c->rows[i];

		if (r->nfields < 1 || r->nfields > BUD_CSV_MAX_FIELDS)
			abort();
		if (r->line <= line || r->line > size + 1)
			abort();
		line = r->line;
		for (j = 0; j < r->nfields; j++)
			if (strlen(r->fields[j]) > size)
				abort();
	}
}

static void round_trip(const struct bud_csv *c)
{
	struct bud_csv again;
	bud_buf b;
	bud_err err;
	size_t i;

	bud_buf_init(&b, (size_t)BUD_MAX_BODY * 4);
	/* The reader skips one BOM: a first field that starts with one keeps it. */
	bud_buf_adds(&b, BUD_CSV_BOM);
	for (i = 0; i < c->nrows; i++)
		if (bud_csv_write_row(&b, (const char *const *)c->rows[i].fields,
				      c->rows[i].nfields, c->delim) != BUD_OK)
			abort();
	if (b.len <= BUD_MAX_BODY) {
		if (bud_csv_parse(b.data, b.len, c->delim, &again, &err) != BUD_OK)
			abort();
		same_rows(c, &again);
		bud_csv_free(&again);
	}
	bud_buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char delims[] = {0, ';', ','};
	struct bud_csv c;
	bud_err err;
	size_t k;
	int rc;

	for (k = 0; k < sizeof(delims); k++) {
		bud_err_clear(&err);
		rc = bud_csv_parse((const char *)data, size, delims[k], &c, &err);
		if (rc == BUD_OK) {
			if (c.delim != ';' && c.delim != ',')
				abort();
			check(&c, size);
			round_trip(&c);
		} else {
			if (c.nrows != 0 || c.err_line == 0 || c.err_column == 0 ||
			    strcmp(err.field, "csv") != 0 || !err.key ||
			    strncmp(err.key, "err.csv.", 8) != 0)
				abort();
		}
		bud_csv_free(&c);
	}
	return 0;
}
