/*
 * cli/cmd_pain001.c: `budjetti pain001 write`, a payment run described in
 * JSON written as a pain.001 credit transfer file (formats/pain001.h).
 *
 *   budjetti pain001 write RUN.json [--version 03|09] [--out FILE] [--json]
 *
 * RUN.json (at most BUD_MAX_XML bytes):
 *   { "run_id": "RUN-2026-09-15", "created": "2026-09-14T08:00:00",
 *     "execution_date": "2026-09-15", "version": "03", "combine": false,
 *     "debtor": { "name": "...", "iban": "...", "bic": "..." },
 *     "invoices": [ { "id": "...", "number": "...", "creditor_name": "...",
 *                     "creditor_iban": "...", "creditor_bic": "...",
 *                     "reference": "RF.. or viitenumero", "message": "...",
 *                     "amount_cents": 108836 } ] }
 * An invoice's amount may instead be a string, "amount": "1088,36". Only
 * run_id, execution_date, the debtor and the invoices are required; created
 * defaults to now, version to 03 (--version overrides it).
 *
 * The XML goes to stdout or --out FILE; with --json, stdout gets the plan
 * instead (each payment's end-to-end id, amount and invoice ids; the XML
 * too when there is no --out). Problems with the run are listed on stderr
 * (exit 1); usage errors and unreadable files exit 2.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "formats/pain001.h"
#include "bud_limits.h"

#define PAIN001_USAGE \
	"usage: budjetti pain001 write RUN.json [--version 03|09] [--out FILE] [--json]\n"

struct opts {
	const char *run_file;
	const char *out_file;
	int version;		/* 0: from the run, else 03 */
	int json;
};

static int usage(const char *why)
{
	if (why)
		fprintf(stderr, "budjetti pain001: %s\n", why);
	fputs(PAIN001_USAGE, stderr);
	return 2;
}

static int parse_version(const char *s)
{
	if (strcmp(s, "03") == 0 || strcmp(s, "3") == 0 || strcmp(s, "pain.001.001.03") == 0)
		return BUD_PAIN001_03;
	if (strcmp(s, "09") == 0 || strcmp(s, "9") == 0 || strcmp(s, "pain.001.001.09") == 0)
		return BUD_PAIN001_09;
	return 0;
}

/* ---- RUN.json into a bud_pain_run --------------------------------------------------- */

/* A string member (NULL when absent or null); a problem when another type. */
static const char *member(json_t *obj, const char *key, const char *path,
			  struct bud_fmt_problems *probs)
{
	json_t *v = json_object_get(obj, key);
	char where[96];

	if (!v || json_is_null(v))
		return NULL;
	if (json_is_string(v))
		return json_string_value(v);
	snprintf(where, sizeof where, "%s%s", path, key);
	bud_fmt_problem_add(probs, where, 0, "err.pain.json", "must be a string");
	return NULL;
}

static void read_amount(json_t *o, size_t i, struct bud_pain_invoice *inv,
			struct bud_fmt_problems *probs)
{
	json_t *c = json_object_get(o, "amount_cents");
	const char *s = json_string_value(json_object_get(o, "amount"));
	char path[64];
	bud_err e;

	snprintf(path, sizeof path, "invoices[%zu].amount", i);
	if (json_is_integer(c))
		inv->amount = (bud_cents)json_integer_value(c);
	else if (s && bud_money_parse(s, "amount", &inv->amount, &e) != BUD_OK)
		bud_fmt_problem_add(probs, path, 0, e.key, "%s", e.detail);
	else if (!s)
		bud_fmt_problem_add(probs, path, 0, "err.pain.amount",
				    "amount_cents (an integer) or amount (a string) is needed");
}

static int read_invoices(json_t *root, struct bud_pain_run *run,
			 struct bud_pain_invoice **invs, struct bud_fmt_problems *probs)
{
	json_t *a = json_object_get(root, "invoices");
	size_t i, n = json_array_size(a);
	char path[48];

	if (!json_is_array(a)) {
		bud_fmt_problem_add(probs, "invoices", 0, "err.pain.json", "must be an array");
		return BUD_OK;
	}
	if (n > BUD_MAX_PAYMENTS)
		n = BUD_MAX_PAYMENTS + 1;	/* the planner refuses it */
	*invs = calloc(n ? n : 1, sizeof **invs);
	if (!*invs)
		return BUD_ENOMEM;
	for (i = 0; i < n; i++) {
		json_t *o = json_array_get(a, i);
		struct bud_pain_invoice *v = &(*invs)[i];

		snprintf(path, sizeof path, "invoices[%zu].", i);
		if (!json_is_object(o)) {
			bud_fmt_problem_add(probs, path, 0, "err.pain.json", "must be an object");
			continue;
		}
		v->id = member(o, "id", path, probs);
		v->number = member(o, "number", path, probs);
		v->creditor_name = member(o, "creditor_name", path, probs);
		v->creditor_iban = member(o, "creditor_iban", path, probs);
		v->creditor_bic = member(o, "creditor_bic", path, probs);
		v->reference = member(o, "reference", path, probs);
		v->message = member(o, "message", path, probs);
		read_amount(o, i, v, probs);
	}
	run->invoices = *invs;
	run->n_invoices = n;
	return BUD_OK;
}

static void read_run(json_t *root, struct bud_pain_run *run, int *version,
		     struct bud_fmt_problems *probs)
{
	json_t *d = json_object_get(root, "debtor"), *v = json_object_get(root, "version");

	run->run_id = member(root, "run_id", "", probs);
	run->created = member(root, "created", "", probs);
	run->execution_date = member(root, "execution_date", "", probs);
	run->combine = json_is_true(json_object_get(root, "combine"));
	run->debtor_name = member(d, "name", "debtor.", probs);
	run->debtor_iban = member(d, "iban", "debtor.", probs);
	run->debtor_bic = member(d, "bic", "debtor.", probs);
	if (json_is_integer(v) && (json_integer_value(v) == 3 || json_integer_value(v) == 9))
		*version = (int)json_integer_value(v);
	else if (json_is_string(v) && parse_version(json_string_value(v)))
		*version = parse_version(json_string_value(v));
	else if (v)
		bud_fmt_problem_add(probs, "version", 0, "err.pain.version",
				    "version must be \"03\" or \"09\"");
}

/* ---- output ------------------------------------------------------------------------- */

static json_t *plan_json(const struct bud_pain_run *run, const struct bud_pain_plan *plan,
			 const char *xml)
{
	json_t *pays = json_array(), *ids, *j;
	size_t k, i;

	for (k = 0; k < plan->n_payments; k++) {
		const struct bud_pain_payment *p = &plan->payments[k];

		ids = json_array();
		for (i = 0; i < p->n_invoices; i++) {
			const char *id = run->invoices[p->invoices[i]].id;

			json_array_append_new(ids, id ? json_string(id)
						       : json_integer((json_int_t)p->invoices[i]));
		}
		json_array_append_new(pays, json_pack("{s:s, s:I, s:s, s:s, s:o}",
			"end_to_end_id", p->end_to_end_id, "amount_cents", (json_int_t)p->amount,
			"creditor_name", p->creditor_name, "creditor_iban", p->creditor_iban,
			"invoices", ids));
	}
	j = json_pack("{s:s, s:s, s:I, s:o}", "msg_id", plan->msg_id,
		      "execution_date", plan->execution_date,
		      "total_cents", (json_int_t)plan->total, "payments", pays);
	if (xml)
		json_object_set_new(j, "xml", json_string(xml));
	return j;
}

static int emit(const struct opts *o, const struct bud_pain_run *run,
		const struct bud_pain_plan *plan, const bud_buf *xml)
{
	FILE *f;
	json_t *j;
	int bad;

	if (o->out_file) {
		f = fopen(o->out_file, "wb");
		if (!f || fwrite(xml->data, 1, xml->len, f) != xml->len) {
			if (f)
				fclose(f);
			fprintf(stderr, "budjetti pain001: cannot write %s\n", o->out_file);
			return 2;
		}
		if (fclose(f) != 0) {
			fprintf(stderr, "budjetti pain001: cannot write %s\n", o->out_file);
			return 2;
		}
	}
	if (!o->json) {
		if (!o->out_file)
			fwrite(xml->data, 1, xml->len, stdout);
		return 0;
	}
	j = plan_json(run, plan, o->out_file ? NULL : bud_buf_str(xml));
	bad = !j || json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0;
	json_decref(j);
	fputc('\n', stdout);
	return bad ? 2 : 0;
}

/* Add the planner's problems to the JSON reader's, except at a path the
 * reader already complained about (an amount it could not read is 0 to the
 * planner: one problem is enough). */
static void merge(struct bud_fmt_problems *to, const struct bud_fmt_problems *from)
{
	size_t i, j, n = to->n;

	for (i = 0; i < from->n; i++) {
		for (j = 0; j < n && strcmp(to->v[j].path, from->v[i].path) != 0; j++)
			;
		if (j == n)
			bud_fmt_problem_add(to, from->v[i].path, 0, from->v[i].key, "%s",
					    from->v[i].detail);
	}
	to->dropped += from->dropped;
}

/* ---- the subcommand ----------------------------------------------------------------- */

static int plan_and_write(const struct opts *o, json_t *root, struct bud_fmt_problems *probs)
{
	struct bud_pain_run run;
	struct bud_pain_invoice *invs = NULL;
	struct bud_pain_plan *plan = NULL;
	struct bud_fmt_problems planned;
	int version = BUD_PAIN001_03, rc = 1;
	bud_buf xml;
	bud_err e;

	memset(&run, 0, sizeof run);
	bud_fmt_problems_init(&planned);
	bud_buf_init(&xml, BUD_MAX_RESPONSE);
	read_run(root, &run, &version, probs);
	if (o->version)
		version = o->version;
	if (read_invoices(root, &run, &invs, probs) != BUD_OK) {
		fprintf(stderr, "budjetti pain001: out of memory\n");
		rc = 2;
		goto out;
	}
	if (bud_pain001_plan(&run, &plan, &planned, &e) != BUD_OK) {
		merge(probs, &planned);
		if (bud_fmt_problems_count(probs) == 0)
			bud_fmt_problem_add(probs, e.field, 0, e.key, "%s", e.detail);
		goto out;
	}
	if (bud_fmt_problems_count(probs) > 0)
		goto out;	/* the JSON had problems the plan did not see */
	if (bud_pain001_write(plan, version, &xml, &e) != BUD_OK) {
		bud_fmt_problem_add(probs, e.field, 0, e.key, "%s", e.detail);
		goto out;
	}
	rc = emit(o, &run, plan, &xml);
out:
	bud_fmt_problems_free(&planned);
	bud_buf_free(&xml);
	bud_pain001_plan_free(plan);
	free(invs);
	return rc;
}

static int write_run(const struct opts *o)
{
	struct bud_fmt_problems probs;
	json_error_t jerr;
	json_t *root = NULL;
	char *data = NULL;
	size_t len;
	bud_err e;
	int rc;

	if (bud_fmt_read_file(o->run_file, BUD_MAX_XML, &data, &len, &e) != BUD_OK) {
		fprintf(stderr, "budjetti pain001: %s\n", e.detail);
		return 2;
	}
	bud_fmt_problems_init(&probs);
	root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!json_is_object(root)) {
		fprintf(stderr, "%s:%d: not a JSON object: %s\n", o->run_file, jerr.line,
			root ? "another type" : jerr.text);
		rc = 1;
		goto out;
	}
	rc = plan_and_write(o, root, &probs);
	bud_fmt_problems_print(stderr, o->run_file, &probs);
out:
	json_decref(root);
	bud_fmt_problems_free(&probs);
	free(data);
	return rc;
}

int bud_cmd_pain001(int argc, char **argv)
{
	struct opts o = {NULL, NULL, 0, 0};
	int i;

	if (argc >= 1 && (strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0)) {
		fputs(PAIN001_USAGE, stdout);
		return 0;
	}
	if (argc < 2 || strcmp(argv[0], "write") != 0)
		return usage(argc == 0 ? "missing arguments" : "unknown arguments");
	o.run_file = argv[1];
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			o.json = 1;
		else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
			o.out_file = argv[++i];
		else if (strcmp(argv[i], "--version") == 0 && i + 1 < argc &&
			 parse_version(argv[i + 1]))
			o.version = parse_version(argv[++i]);
		else
			return usage("unknown option");
	}
	return write_run(&o);
}
