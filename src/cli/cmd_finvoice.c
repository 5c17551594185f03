/*
 * cli/cmd_finvoice.c: `budjetti finvoice`, the Finvoice 3.0 reader of
 * formats/finvoice.h on the command line.
 *
 *   budjetti finvoice check FILE         exit 0 when the invoice has no
 *                                        problem, else 1 and one line per
 *                                        problem on stdout
 *   budjetti finvoice show FILE [--json] the invoice as JSON on stdout, with
 *                                        its problems; exit 0 when it could be
 *                                        read (problems or not), 1 when not
 *
 * Usage errors and unreadable files exit 2. Amounts in the JSON are integer
 * cents (keys ending in _cents), quantities thousandths (qty_milli), VAT
 * rates thousandths of a percent, unit prices 1/100 000 euros as well.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "cli/report.h"
#include "formats/finvoice.h"
#include "bud_limits.h"

#define FINVOICE_USAGE \
	"usage: budjetti finvoice check FILE\n" \
	"       budjetti finvoice show FILE [--json]\n"

static int usage(const char *why)
{
	if (why)
		fprintf(stderr, "budjetti finvoice: %s\n", why);
	fputs(FINVOICE_USAGE, stderr);
	return 2;
}

/* ---- JSON ------------------------------------------------------------------------ */

/* A string, or null when absent (or not UTF-8, which libxml2 never gives). */
static json_t *jdate(const char *d)
{
	return d[0] ? json_string(d) : json_null();
}

/* A number (cents, thousandths...) when its bit is set, else null. */
static json_t *jnum(unsigned has, unsigned bit, bud_cents v)
{
	return (has & bit) ? json_integer(v) : json_null();
}

static json_t *party_json(const struct bud_fv_party *p)
{
	return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
			 "id", bud_cli_jstr(p->id), "name", bud_cli_jstr(p->name), "vat_id", bud_cli_jstr(p->vat_id),
			 "ovt", bud_cli_jstr(p->ovt), "street", bud_cli_jstr(p->street),
			 "postcode", bud_cli_jstr(p->postcode), "town", bud_cli_jstr(p->town),
			 "country", bud_cli_jstr(p->country), "email", bud_cli_jstr(p->email));
}

static json_t *row_json(const struct bud_fv_row *r)
{
	json_t *j = json_pack("{s:i, s:o, s:o, s:o, s:o, s:o, s:o}",
			      "line", r->line, "position", bud_cli_jstr(r->position),
			      "article_id", bud_cli_jstr(r->article_id),
			      "article_name", bud_cli_jstr(r->article_name), "qty_text", bud_cli_jstr(r->qty_text),
			      "qty_milli", jnum(r->has, BUD_FV_QTY, r->qty_milli),
			      "unit", bud_cli_jstr(r->unit));

	json_object_set_new(j, "unit_price_cents", jnum(r->has, BUD_FV_UNIT_PRICE, r->unit_price));
	json_object_set_new(j, "unit_price_e5", jnum(r->has, BUD_FV_UNIT_PRICE, r->unit_price_e5));
	json_object_set_new(j, "vat_rate_milli", jnum(r->has, BUD_FV_VAT_RATE, r->vat_rate_milli));
	json_object_set_new(j, "vat_code", bud_cli_jstr(r->vat_code));
	json_object_set_new(j, "vat_cents", jnum(r->has, BUD_FV_VAT, r->vat));
	json_object_set_new(j, "vat_excluded_cents",
			    jnum(r->has, BUD_FV_VAT_EXCL, r->vat_excluded));
	json_object_set_new(j, "amount_cents", jnum(r->has, BUD_FV_AMOUNT, r->amount));
	json_object_set_new(j, "discount_cents", jnum(r->has, BUD_FV_DISCOUNT, r->discount));
	json_object_set_new(j, "delivery_date", jdate(r->delivery_date));
	json_object_set_new(j, "start_date", jdate(r->start_date));
	json_object_set_new(j, "end_date", jdate(r->end_date));
	json_object_set_new(j, "free_text", bud_cli_jstr(r->free_text));
	json_object_set_new(j, "sub_rows", json_integer((json_int_t)r->n_sub_rows));
	return j;
}

static json_t *totals_json(const struct bud_finvoice *v)
{
	unsigned h = v->has;

	return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
			 "rows_total_cents", jnum(h, BUD_FV_ROWS_TOTAL, v->rows_total),
			 "discounts_total_cents",
			 jnum(h, BUD_FV_DISCOUNTS_TOTAL, v->discounts_total),
			 "charges_total_cents", jnum(h, BUD_FV_CHARGES_TOTAL, v->charges_total),
			 "total_excl_cents", jnum(h, BUD_FV_TOTAL_EXCL, v->total_excl),
			 "total_vat_cents", jnum(h, BUD_FV_TOTAL_VAT, v->total_vat),
			 "total_incl_cents", jnum(h, BUD_FV_TOTAL_INCL, v->total_incl),
			 "roundoff_cents", jnum(h, BUD_FV_ROUNDOFF, v->roundoff),
			 "paid_cents", jnum(h, BUD_FV_PAID, v->paid),
			 "pay_amount_cents", jnum(h, BUD_FV_PAY_AMOUNT, v->pay_amount));
}

static json_t *payment_json(const struct bud_finvoice *v)
{
	return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
			 "name", bud_cli_jstr(v->pay_name), "iban", bud_cli_jstr(v->pay_iban),
			 "bic", bud_cli_jstr(v->pay_bic), "reference", bud_cli_jstr(v->reference),
			 "reference_scheme", bud_cli_jstr(v->reference_scheme),
			 "reference_kind", v->reference_kind >= 0 ?
				bud_cli_jstr(bud_id_kind_name(v->reference_kind)) : json_null(),
			 "reference_canonical", v->reference_canon[0] ?
				json_string(v->reference_canon) : json_null(),
			 "due_date", jdate(v->pay_date), "barcode", bud_cli_jstr(v->barcode));
}

static json_t *invoice_json(const struct bud_finvoice *v)
{
	json_t *j = json_object(), *a;
	size_t i;

	json_object_set_new(j, "number", bud_cli_jstr(v->number));
	json_object_set_new(j, "type_code", bud_cli_jstr(v->type_code));
	json_object_set_new(j, "date", jdate(v->date));
	json_object_set_new(j, "due_date", jdate(v->due_date));
	json_object_set_new(j, "currency", v->currency[0] ? json_string(v->currency) : json_null());
	json_object_set_new(j, "order_id", bud_cli_jstr(v->order_id));
	json_object_set_new(j, "buyer_reference", bud_cli_jstr(v->buyer_reference));
	json_object_set_new(j, "message_id", bud_cli_jstr(v->message_id));
	json_object_set_new(j, "frame_message_id", bud_cli_jstr(v->frame_message_id));
	json_object_set_new(j, "sender_address", bud_cli_jstr(v->sender_address));
	json_object_set_new(j, "receiver_address", bud_cli_jstr(v->receiver_address));
	json_object_set_new(j, "seller", party_json(&v->seller));
	json_object_set_new(j, "seller_iban", bud_cli_jstr(v->seller_iban));
	json_object_set_new(j, "seller_bic", bud_cli_jstr(v->seller_bic));
	json_object_set_new(j, "buyer", party_json(&v->buyer));
	json_object_set_new(j, "totals", totals_json(v));
	a = json_array();
	for (i = 0; i < v->n_vat; i++)
		json_array_append_new(a, json_pack("{s:o, s:o, s:o, s:o}",
			"rate_milli", jnum(v->vat[i].has, BUD_FV_VAT_RATE, v->vat[i].rate_milli),
			"code", bud_cli_jstr(v->vat[i].code),
			"base_cents", jnum(v->vat[i].has, BUD_FV_VAT_EXCL, v->vat[i].base),
			"amount_cents", jnum(v->vat[i].has, BUD_FV_VAT, v->vat[i].amount)));
	json_object_set_new(j, "vat", a);
	json_object_set_new(j, "free_text", bud_cli_jstr(v->free_text));
	json_object_set_new(j, "payment_terms", bud_cli_jstr(v->payment_terms));
	json_object_set_new(j, "payment", payment_json(v));
	a = json_array();
	for (i = 0; i < v->n_rows; i++)
		json_array_append_new(a, row_json(&v->rows[i]));
	json_object_set_new(j, "rows", a);
	return j;
}

/* ---- subcommands ------------------------------------------------------------------- */

/* Read FILE into an invoice (NULL when unreadable) and its problems. */
static int read_invoice(const char *path, struct bud_finvoice **inv,
			struct bud_fmt_problems *probs)
{
	char *data = NULL;
	size_t len;
	bud_err err;

	bud_err_clear(&err);
	if (bud_fmt_read_file(path, BUD_MAX_XML, &data, &len, &err) != BUD_OK) {
		fprintf(stderr, "budjetti finvoice: %s\n", err.detail);
		return 2;
	}
	bud_finvoice_read(data, len, inv, probs, &err);
	free(data);
	return 0;
}

static int check(const char *path)
{
	struct bud_fmt_problems probs;
	struct bud_finvoice *inv = NULL;
	int rc;

	bud_fmt_problems_init(&probs);
	rc = read_invoice(path, &inv, &probs);
	if (rc == 0) {
		bud_fmt_problems_print(stdout, path, &probs);
		rc = bud_fmt_problems_count(&probs) ? 1 : 0;
		if (rc == 0)
			printf("%s: ok\n", path);
	}
	bud_finvoice_free(inv);
	bud_fmt_problems_free(&probs);
	return rc;
}

static int show(const char *path)
{
	struct bud_fmt_problems probs;
	struct bud_finvoice *inv = NULL;
	int rc;

	bud_fmt_problems_init(&probs);
	rc = read_invoice(path, &inv, &probs);
	if (rc == 0)
		rc = bud_cli_print_report("finvoice", "invoice", inv ? invoice_json(inv) : NULL, &probs);
	bud_finvoice_free(inv);
	bud_fmt_problems_free(&probs);
	return rc;
}

int bud_cmd_finvoice(int argc, char **argv)
{
	if (argc >= 1 && (strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0)) {
		fputs(FINVOICE_USAGE, stdout);
		return 0;
	}
	if (argc == 2 && strcmp(argv[0], "check") == 0)
		return check(argv[1]);
	if ((argc == 2 || (argc == 3 && strcmp(argv[2], "--json") == 0)) &&
	    strcmp(argv[0], "show") == 0)
		return show(argv[1]);
	return usage(argc == 0 ? "missing arguments" : "unknown arguments");
}
