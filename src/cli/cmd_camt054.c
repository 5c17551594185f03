/*
 * cli/cmd_camt054.c: `budjetti camt054`, the bank notification reader of
 * formats/camt054.h on the command line.
 *
 *   budjetti camt054 check FILE          exit 0 without problems, else 1
 *                                        and one line per problem
 *   budjetti camt054 show FILE [--json]  every notification, entry and
 *                                        transaction as JSON, with problems;
 *                                        exit 0 when read, 1 when not
 *
 * Usage errors and unreadable files exit 2. Amounts are integer cents.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "cli/report.h"
#include "formats/camt054.h"
#include "bud_limits.h"

#define CAMT054_USAGE \
	"usage: budjetti camt054 check FILE\n" \
	"       budjetti camt054 show FILE [--json]\n"

static int usage(const char *why)
{
	if (why)
		fprintf(stderr, "budjetti camt054: %s\n", why);
	fputs(CAMT054_USAGE, stderr);
	return 2;
}

/* ---- JSON ------------------------------------------------------------------------ */

static json_t *jdate(const char *d)
{
	return d[0] ? json_string(d) : json_null();
}

static json_t *ref_json(const struct bud_camt_ref *r)
{
	return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
			 "ref", bud_cli_jstr(r->ref), "type", bud_cli_jstr(r->type), "issuer", bud_cli_jstr(r->issuer),
			 "kind", r->kind >= 0 ? bud_cli_jstr(bud_id_kind_name(r->kind)) : json_null(),
			 "canonical", r->kind >= 0 ? json_string(r->canon) : json_null(),
			 "doc_number", bud_cli_jstr(r->doc_number),
			 "amount_cents", r->has_amount ? json_integer(r->amount) : json_null());
}

static json_t *tx_json(const struct bud_camt_tx *t)
{
	json_t *j = json_object(), *a = json_array();
	size_t i;

	json_object_set_new(j, "line", json_integer(t->line));
	json_object_set_new(j, "end_to_end_id", bud_cli_jstr(t->end_to_end_id));
	json_object_set_new(j, "instr_id", bud_cli_jstr(t->instr_id));
	json_object_set_new(j, "tx_id", bud_cli_jstr(t->tx_id));
	json_object_set_new(j, "acct_svcr_ref", bud_cli_jstr(t->acct_svcr_ref));
	json_object_set_new(j, "msg_id", bud_cli_jstr(t->msg_id));
	json_object_set_new(j, "pmt_inf_id", bud_cli_jstr(t->pmt_inf_id));
	json_object_set_new(j, "amount_cents",
			    t->has_amount ? json_integer(t->amount) : json_null());
	json_object_set_new(j, "currency", t->currency[0] ? json_string(t->currency) : json_null());
	json_object_set_new(j, "credit", json_boolean(t->credit));
	json_object_set_new(j, "status", json_string(bud_camt_status_name(t->status)));
	json_object_set_new(j, "return_code", bud_cli_jstr(t->return_code));
	json_object_set_new(j, "return_info", bud_cli_jstr(t->return_info));
	json_object_set_new(j, "debtor_name", bud_cli_jstr(t->debtor_name));
	json_object_set_new(j, "debtor_iban", bud_cli_jstr(t->debtor_iban));
	json_object_set_new(j, "creditor_name", bud_cli_jstr(t->creditor_name));
	json_object_set_new(j, "creditor_account", bud_cli_jstr(t->creditor_account));
	json_object_set_new(j, "unstructured", bud_cli_jstr(t->unstructured));
	for (i = 0; i < t->n_refs; i++)
		json_array_append_new(a, ref_json(&t->refs[i]));
	json_object_set_new(j, "references", a);
	return j;
}

static json_t *entry_json(const struct bud_camt_entry *e)
{
	json_t *j = json_object(), *a = json_array();
	size_t i;

	json_object_set_new(j, "line", json_integer(e->line));
	json_object_set_new(j, "amount_cents", json_integer(e->amount));
	json_object_set_new(j, "currency", json_string(e->currency));
	json_object_set_new(j, "credit", json_boolean(e->credit));
	json_object_set_new(j, "reversal", json_boolean(e->reversal));
	json_object_set_new(j, "status", json_string(bud_camt_status_name(e->status)));
	json_object_set_new(j, "booking_date", jdate(e->booking_date));
	json_object_set_new(j, "value_date", jdate(e->value_date));
	json_object_set_new(j, "entry_ref", bud_cli_jstr(e->entry_ref));
	json_object_set_new(j, "acct_svcr_ref", bud_cli_jstr(e->acct_svcr_ref));
	json_object_set_new(j, "bank_code", json_pack("{s:o, s:o, s:o, s:o}",
			    "domain", bud_cli_jstr(e->domain), "family", bud_cli_jstr(e->family),
			    "subfamily", bud_cli_jstr(e->subfamily), "proprietary", bud_cli_jstr(e->proprietary)));
	for (i = 0; i < e->n_txs; i++)
		json_array_append_new(a, tx_json(&e->txs[i]));
	json_object_set_new(j, "transactions", a);
	return j;
}

static json_t *doc_json(const struct bud_camt054 *d)
{
	json_t *ntfs = json_array();
	size_t i, k;

	for (i = 0; i < d->n_ntfs; i++) {
		const struct bud_camt_ntfctn *f = &d->ntfs[i];
		json_t *entries = json_array();

		for (k = 0; k < f->n_entries; k++)
			json_array_append_new(entries, entry_json(&f->entries[k]));
		json_array_append_new(ntfs, json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
			"id", bud_cli_jstr(f->id), "created", bud_cli_jstr(f->created), "account", bud_cli_jstr(f->account),
			"account_currency", bud_cli_jstr(f->account_currency),
			"owner_name", bud_cli_jstr(f->owner_name), "bic", bud_cli_jstr(f->bic),
			"entries", entries));
	}
	return json_pack("{s:o, s:o, s:I, s:o}", "msg_id", bud_cli_jstr(d->msg_id),
			 "created", bud_cli_jstr(d->created), "transactions", (json_int_t)d->n_txs,
			 "notifications", ntfs);
}

/* ---- subcommands ------------------------------------------------------------------- */

static int read_doc(const char *path, struct bud_camt054 **doc, struct bud_fmt_problems *probs)
{
	char *data = NULL;
	size_t len;
	bud_err err;

	bud_err_clear(&err);
	if (bud_fmt_read_file(path, BUD_MAX_XML, &data, &len, &err) != BUD_OK) {
		fprintf(stderr, "budjetti camt054: %s\n", err.detail);
		return 2;
	}
	bud_camt054_read(data, len, doc, probs, &err);
	free(data);
	return 0;
}

static int check(const char *path)
{
	struct bud_fmt_problems probs;
	struct bud_camt054 *doc = NULL;
	int rc;

	bud_fmt_problems_init(&probs);
	rc = read_doc(path, &doc, &probs);
	if (rc == 0) {
		bud_fmt_problems_print(stdout, path, &probs);
		rc = bud_fmt_problems_count(&probs) ? 1 : 0;
		if (rc == 0)
			printf("%s: ok, %zu transactions\n", path, doc->n_txs);
	}
	bud_camt054_free(doc);
	bud_fmt_problems_free(&probs);
	return rc;
}

static int show(const char *path)
{
	struct bud_fmt_problems probs;
	struct bud_camt054 *doc = NULL;
	int rc;

	bud_fmt_problems_init(&probs);
	rc = read_doc(path, &doc, &probs);
	if (rc == 0)
		rc = bud_cli_print_report("camt054", "notification", doc ? doc_json(doc) : NULL, &probs);
	bud_camt054_free(doc);
	bud_fmt_problems_free(&probs);
	return rc;
}

int bud_cmd_camt054(int argc, char **argv)
{
	if (argc >= 1 && (strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0)) {
		fputs(CAMT054_USAGE, stdout);
		return 0;
	}
	if (argc == 2 && strcmp(argv[0], "check") == 0)
		return check(argv[1]);
	if ((argc == 2 || (argc == 3 && strcmp(argv[2], "--json") == 0)) &&
	    strcmp(argv[0], "show") == 0)
		return show(argv[1]);
	return usage(argc == 0 ? "missing arguments" : "unknown arguments");
}
