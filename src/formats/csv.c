/*
 * formats/csv.c: the RFC 4180 reader and writer declared in formats/csv.h.
 *
 * The reader makes one pass over the bytes. Unescaped field texts are
 * copied into one block allocated up front: a field's text is never longer
 * than the bytes it came from, and there are at most len + 1 fields, so
 * 2 * len + 2 bytes always suffice and no pointer into the block moves.
 * The field pointer array and the row array grow by doubling, bounded by
 * BUD_CSV_MAX_FIELDS and BUD_CSV_MAX_ROWS.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bud_limits.h"
#include "core/utf8.h"
#include "formats/csv.h"

struct csv_parser {
	const unsigned char *p, *end;
	char delim;
	size_t line;		/* current physical line, 1-based */
	size_t col;		/* current field of the record, 1-based */
	struct bud_csv *out;
	size_t tlen;		/* bytes used in out->text */
	size_t nfields, capfields;
	size_t caprows;
};

static int csv_fail(struct csv_parser *ps, size_t line, int code, const char *key,
		    const char *what, bud_err *err)
{
	ps->out->err_line = line;
	ps->out->err_column = ps->col ? ps->col : 1;
	return bud_err_set(err, code, "csv", key, "line %zu, column %zu: %s", line,
			   ps->out->err_column, what);
}

/* The delimiter of the first line: ';' wins over ',', default ';'. */
static char detect_delim(const unsigned char *p, const unsigned char *end)
{
	int quoted = 0, comma = 0;

	for (; p < end; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted && (*p == '\r' || *p == '\n'))
			break;
		else if (!quoted && *p == ';')
			return ';';
		else if (!quoted && *p == ',')
			comma = 1;
	}
	return comma ? ',' : ';';
}

/* Record the field that starts at out->text + start (its NUL appended). */
static int push_field(struct csv_parser *ps, size_t start, bud_err *err)
{
	struct bud_csv *c = ps->out;

	if (memchr(c->text + start, '\0', ps->tlen - start) ||
	    !bud_utf8_valid(c->text + start, ps->tlen - start))
		return csv_fail(ps, ps->line, BUD_EINVAL, "err.csv.encoding",
				"not UTF-8 text", err);
	c->text[ps->tlen++] = '\0';
	if (ps->nfields == ps->capfields) {
		size_t cap = ps->capfields ? ps->capfields * 2 : 64;
		char **f = realloc(c->all_fields, cap * sizeof(*f));

		if (!f)
			return bud_err_set(err, BUD_ENOMEM, "csv", "err.generic",
					   "out of memory");
		c->all_fields = f;
		ps->capfields = cap;
	}
	/* Store offsets now; they become pointers once the array stops moving. */
	c->all_fields[ps->nfields++] = (char *)(uintptr_t)start;
	return BUD_OK;
}

/* A quoted field: ps->p is just after the opening quote. */
static int quoted_field(struct csv_parser *ps, bud_err *err)
{
	size_t first_line = ps->line;
	char *t = ps->out->text;

	for (;;) {
		unsigned char c;

		if (ps->p == ps->end)
			return csv_fail(ps, first_line, BUD_EINVAL, "err.csv.unterminated",
					"a quoted field does not end", err);
		c = *ps->p++;
		if (c == '"') {
			if (ps->p < ps->end && *ps->p == '"') {
				t[ps->tlen++] = '"';
				ps->p++;
				continue;
			}
			break;
		}
		if (c == '\n' || (c == '\r' && (ps->p == ps->end || *ps->p != '\n')))
			ps->line++;
		t[ps->tlen++] = (char)c;
	}
	if (ps->p < ps->end && *ps->p != (unsigned char)ps->delim &&
	    *ps->p != '\r' && *ps->p != '\n')
		return csv_fail(ps, ps->line, BUD_EINVAL, "err.csv.quote",
				"text after a closing quote", err);
	return BUD_OK;
}

static int plain_field(struct csv_parser *ps, bud_err *err)
{
	char *t = ps->out->text;

	while (ps->p < ps->end && *ps->p != (unsigned char)ps->delim &&
	       *ps->p != '\r' && *ps->p != '\n') {
		if (*ps->p == '"')
			return csv_fail(ps, ps->line, BUD_EINVAL, "err.csv.quote",
					"a quote inside an unquoted field", err);
		t[ps->tlen++] = (char)*ps->p++;
	}
	return BUD_OK;
}

static int push_row(struct csv_parser *ps, size_t line, size_t first, bud_err *err)
{
	struct bud_csv *c = ps->out;

	if (c->nrows == (size_t)BUD_CSV_MAX_ROWS + 1)
		return csv_fail(ps, line, BUD_ETOOBIG, "err.csv.too_many_rows",
				"too many rows", err);
	if (c->nrows == ps->caprows) {
		size_t cap = ps->caprows ? ps->caprows * 2 : 16;
		struct bud_csv_row *r = realloc(c->rows, cap * sizeof(*r));

		if (!r)
			return bud_err_set(err, BUD_ENOMEM, "csv", "err.generic",
					   "out of memory");
		c->rows = r;
		ps->caprows = cap;
	}
	c->rows[c->nrows].line = line;
	c->rows[c->nrows].nfields = ps->nfields - first;
	c->rows[c->nrows].fields = (char **)(uintptr_t)first;	/* index for now */
	c->nrows++;
	return BUD_OK;
}

/* One record from ps->p, its line end included. */
static int record(struct csv_parser *ps, bud_err *err)
{
	size_t line = ps->line, first = ps->nfields;
	int rc;

	ps->col = 0;
	for (;;) {
		size_t start = ps->tlen;

		if (++ps->col > BUD_CSV_MAX_FIELDS)
			return csv_fail(ps, ps->line, BUD_ETOOBIG, "err.csv.too_many_fields",
					"too many fields", err);
		if (ps->p < ps->end && *ps->p == '"') {
			ps->p++;
			rc = quoted_field(ps, err);
		} else {
			rc = plain_field(ps, err);
		}
		if (rc == BUD_OK)
			rc = push_field(ps, start, err);
		if (rc != BUD_OK)
			return rc;
		if (ps->p < ps->end && *ps->p == (unsigned char)ps->delim) {
			ps->p++;
			continue;
		}
		break;
	}
	if (ps->p < ps->end) {
		if (*ps->p == '\r')
			ps->p++;
		if (ps->p < ps->end && *ps->p == '\n')
			ps->p++;
		ps->line++;
	}
	return push_row(ps, line, first, err);
}

/* Turn the stored offsets into pointers once nothing moves any more. */
static void fix_pointers(struct bud_csv *c, size_t nfields)
{
	size_t i;

	for (i = 0; i < c->nrows; i++)
		c->rows[i].fields = c->all_fields + (size_t)(uintptr_t)c->rows[i].fields;
	for (i = 0; i < nfields; i++)
		c->all_fields[i] = c->text + (size_t)(uintptr_t)c->all_fields[i];
}

int bud_csv_parse(const char *data, size_t len, char delim, struct bud_csv *out,
		  bud_err *err)
{
	struct csv_parser ps;
	int rc = BUD_OK;

	assert(out);
	memset(out, 0, sizeof(*out));
	memset(&ps, 0, sizeof(ps));
	ps.out = out;
	ps.line = 1;
	if (len > BUD_MAX_BODY)
		return csv_fail(&ps, 1, BUD_ETOOBIG, "err.csv.too_large",
				"the file is too large", err);
	if (!data)
		len = 0;
	ps.p = (const unsigned char *)data;
	ps.end = ps.p + len;
	if (len >= 3 && memcmp(data, BUD_CSV_BOM, 3) == 0)
		ps.p += 3;
	if (ps.p == ps.end)
		return csv_fail(&ps, 1, BUD_EINVAL, "err.csv.empty", "no rows", err);
	if (delim != ';' && delim != ',')
		delim = detect_delim(ps.p, ps.end);
	ps.delim = out->delim = delim;
	out->text = malloc(2 * len + 2);
	if (!out->text)
		return bud_err_set(err, BUD_ENOMEM, "csv", "err.generic", "out of memory");
	while (rc == BUD_OK && ps.p < ps.end)
		rc = record(&ps, err);
	if (rc != BUD_OK) {
		/* Rows keep indices, not pointers: drop them before anyone looks. */
		out->nrows = 0;
		return rc;
	}
	assert(ps.tlen <= 2 * len + 2);
	fix_pointers(out, ps.nfields);
	return BUD_OK;
}

void bud_csv_free(struct bud_csv *csv)
{
	if (!csv)
		return;
	free(csv->text);
	free(csv->all_fields);
	free(csv->rows);
	csv->text = NULL;
	csv->all_fields = NULL;
	csv->rows = NULL;
	csv->nrows = 0;
}

int bud_csv_write_row(bud_buf *b, const char *const *fields, size_t n, char delim)
{
	char specials[5] = {'"', '\r', '\n', 0, 0};
	size_t i;
	int rc = BUD_OK;

	assert(delim == ';' || delim == ',');
	specials[3] = delim;
	for (i = 0; i < n && rc == BUD_OK; i++) {
		const char *f = fields[i] ? fields[i] : "";
		const char *q;

		if (i > 0)
			rc = bud_buf_addc(b, delim);
		if (rc != BUD_OK)
			break;
		if (!strpbrk(f, specials)) {
			rc = bud_buf_adds(b, f);
			continue;
		}
		rc = bud_buf_addc(b, '"');
		for (q = f; *q && rc == BUD_OK; q++)
			rc = *q == '"' ? bud_buf_add(b, "\"\"", 2) : bud_buf_addc(b, *q);
		if (rc == BUD_OK)
			rc = bud_buf_addc(b, '"');
	}
	if (rc == BUD_OK)
		rc = bud_buf_add(b, "\r\n", 2);
	return rc;
}
