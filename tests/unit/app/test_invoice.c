/*
 * tests/unit/app/test_invoice.c: providers' invoices (app/invoice.h): a
 * Finvoice taken with each row checked and coded, finance approval that
 * spends from the commitment's reservation and never beyond it, a month
 * of a standing monthly commitment, the approval checked again on the
 * day of approval, the charging window, duplicates, another provider's
 * commitment, every refusal of a whole invoice writing nothing, and
 * `budjetti check` clean after each step and finding a rogue spend.
 *
 * Setup: client 1 lives in Kerava; provider 1 (Apu Oy, 1111112-8) is
 * approved for day activities (8 days a month at 85,00 €) and supported
 * housing (a month at 1 450,00 €) in Kerava; provider 2 (2222223-7) has
 * a user of its own. The plan runs 2025-07-01 .. 2025-12-31.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "app/check.h"
#include "app/commitment.h"
#include "app/event.h"
#include "app/invoice.h"
#include "app/payrun.h"
#include "app/plan.h"
#include "app_fixture.h"
#include "store/invoice.h"

static const char world_sql[] =
	"INSERT INTO offer (id, client_id, offered_on, created_by, created_at) VALUES"
	" (1, 1, '2025-06-01', 2, 0);"
	"INSERT INTO offer_service (offer_id, service_id) VALUES (1, 2), (1, 4);"
	"INSERT INTO offer_answer (id, offer_id, answer, answered_by, answered_at)"
	" VALUES (1, 1, 'all', 2, 0);"
	"UPDATE client SET municipality = 'Kerava' WHERE id = 1;"
	"UPDATE provider SET ytunnus = '1111112-8', iban = 'FI2112345600000785',"
	" bic = 'NDEAFIHH' WHERE id = 1;"
	"INSERT INTO provider (id, organiser_id, name, ytunnus, iban, created_at) VALUES"
	" (2, 1, 'Bensku ry', '2222223-7', 'FI2112345600000785', 0);"
	"INSERT INTO user (id, username, display_name, role, password_hash,"
	" organiser_id, provider_id, created_at) VALUES"
	" (20, 'provider2', 'Pirjo Toinen', 'provider_user', 'x', 1, 2, 0);"
	"INSERT INTO approval (id, provider_id, service_id, municipality, state,"
	" effective, created_at) VALUES (1, 1, 2, 'Kerava', 'approved', '2025-01-01', 0),"
	" (2, 1, 4, 'Kerava', 'approved', '2025-01-01', 0);";

/* 2025-08-05 12:00 UTC: a day in the month after July. */
#define T_AUG INT64_C(1754395200)

static int setup(void **state)
{
	if (fx_setup(state) != 0)
		return -1;
	return fx_raw_exec(*state, world_sql);
}

static int64_t q(void **state, const char *sql)
{
	return fx_raw_int(*state, sql);
}

struct counts {
	int64_t inv, rows, ledger, uselog, spent;
};

static void counts(void **state, struct counts *c)
{
	c->inv = q(state, "SELECT count(*) FROM invoice");
	c->rows = q(state, "SELECT count(*) FROM invoice_row");
	c->ledger = q(state, "SELECT count(*) FROM ledger");
	c->uselog = q(state, "SELECT count(*) FROM uselog");
	c->spent = q(state, "SELECT coalesce(sum(spent), 0) FROM commitment");
}

static void same_counts(void **state, const struct counts *b)
{
	struct counts n;

	counts(state, &n);
	assert_int_equal(n.inv, b->inv);
	assert_int_equal(n.rows, b->rows);
	assert_int_equal(n.ledger, b->ledger);
	assert_int_equal(n.uselog, b->uselog);
	assert_int_equal(n.spent, b->spent);
}

static void count_problem(void *arg, const char *line)
{
	(void)line;
	(*(int *)arg)++;
}

static int check_problems(void **state)
{
	struct fx *f = *state;
	struct bud_check_result res;
	bud_err e;
	int n = 0;

	assert_int_equal(bud_check_run(&f->app, count_problem, &n, &res, &e), BUD_OK);
	return n;
}

/* An approved plan of client 1 with day activities (8 days a month) and
 * supported housing (a month); the commitments of provider 1 accepted. */
static void commitments(void **state, int64_t *day_cm, int64_t *house_cm)
{
	struct fx *f = *state;
	struct bud_plan_fields pf = {.label = "A", .valid_from = "2025-07-01",
		.valid_to = "2025-12-31", .review_date = "2025-11-01",
		.reasoning = "Tarve arvioitu."};
	struct bud_plan_line_in day = {.service = "day_activities", .quantity = 800};
	struct bud_plan_line_in house = {.service = "supported_housing", .quantity = 100};
	int64_t plan = 0, l1 = 0, l2 = 0;
	bud_actor w, dm, cl, prov;
	bud_err e;

	fx_actor(f, FX_WORKER, &w);
	fx_actor(f, FX_DM, &dm);
	fx_actor(f, FX_CLIENT, &cl);
	fx_actor(f, FX_PROVIDER, &prov);
	assert_int_equal(bud_plan_create(&f->app, &w, 1, &pf, 0, &plan, &e), BUD_OK);
	assert_int_equal(bud_plan_line_add(&f->app, &w, plan, &day, &l1, &e), BUD_OK);
	assert_int_equal(bud_plan_line_add(&f->app, &w, plan, &house, &l2, &e), BUD_OK);
	assert_int_equal(bud_plan_propose(&f->app, &w, plan, &e), BUD_OK);
	assert_int_equal(bud_plan_approve(&f->app, &dm, plan, FX_PASSWORD, &e), BUD_OK);
	assert_int_equal(bud_commitment_choose(&f->app, &cl, l1, 1, NULL, day_cm, &e), BUD_OK);
	assert_int_equal(bud_commitment_choose(&f->app, &cl, l2, 1, NULL, house_cm, &e),
			 BUD_OK);
	assert_int_equal(bud_commitment_accept(&f->app, &prov, *day_cm, &e), BUD_OK);
	assert_int_equal(bud_commitment_accept(&f->app, &prov, *house_cm, &e), BUD_OK);
}

/* One Finvoice row: commitment number, day, quantity (whole units) and
 * unit price in cents. */
struct fvrow {
	const char *article;
	const char *day;		/* CCYYMMDD */
	int qty;
	int64_t price;
};

static void money(int64_t c, char *out, size_t n)
{
	snprintf(out, n, "%lld,%02lld", (long long)(c / 100), (long long)(c % 100));
}

/* A Finvoice 3.0 of seller ytunnus numbered number with rows. */
static size_t finvoice(char *out, size_t cap, const char *ytunnus, const char *number,
		       const struct fvrow *rows, size_t n)
{
	char a[32], p[32];
	int64_t total = 0;
	size_t len, i;

	for (i = 0; i < n; i++)
		total += rows[i].qty * rows[i].price;
	money(total, a, sizeof(a));
	len = (size_t)snprintf(out, cap,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Finvoice Version=\"3.0\">"
		"<SellerPartyDetails><SellerPartyIdentifier>%s</SellerPartyIdentifier>"
		"<SellerOrganisationName>Apu Oy</SellerOrganisationName>"
		"<SellerPostalAddressDetails><SellerStreetName>Katu 1</SellerStreetName>"
		"<SellerTownName>Kerava</SellerTownName><SellerPostCodeIdentifier>04200"
		"</SellerPostCodeIdentifier><CountryCode>FI</CountryCode>"
		"</SellerPostalAddressDetails></SellerPartyDetails>"
		"<BuyerPartyDetails><BuyerPartyIdentifier>1234567-1</BuyerPartyIdentifier>"
		"<BuyerOrganisationName>Ita</BuyerOrganisationName>"
		"<BuyerPostalAddressDetails><BuyerStreetName>Katu 2</BuyerStreetName>"
		"<BuyerTownName>Tuusula</BuyerTownName><BuyerPostCodeIdentifier>04300"
		"</BuyerPostCodeIdentifier><CountryCode>FI</CountryCode>"
		"</BuyerPostalAddressDetails></BuyerPartyDetails>"
		"<InvoiceDetails><InvoiceTypeCode>INV01</InvoiceTypeCode>"
		"<InvoiceTypeText>LASKU</InvoiceTypeText><OriginCode>Original</OriginCode>"
		"<InvoiceNumber>%s</InvoiceNumber>"
		"<InvoiceDate Format=\"CCYYMMDD\">20250801</InvoiceDate>"
		"<InvoiceTotalVatExcludedAmount AmountCurrencyIdentifier=\"EUR\">%s"
		"</InvoiceTotalVatExcludedAmount><InvoiceTotalVatAmount "
		"AmountCurrencyIdentifier=\"EUR\">0,00</InvoiceTotalVatAmount>"
		"<InvoiceTotalVatIncludedAmount AmountCurrencyIdentifier=\"EUR\">%s"
		"</InvoiceTotalVatIncludedAmount><PaymentTermsDetails><InvoiceDueDate "
		"Format=\"CCYYMMDD\">20250815</InvoiceDueDate></PaymentTermsDetails>"
		"</InvoiceDetails>", ytunnus, number, a, a);
	for (i = 0; i < n && len < cap; i++) {
		money(rows[i].price, p, sizeof(p));
		money(rows[i].qty * rows[i].price, a, sizeof(a));
		len += (size_t)snprintf(out + len, cap - len,
			"<InvoiceRow><ArticleIdentifier>%s</ArticleIdentifier>"
			"<ArticleName>Palvelu</ArticleName><InvoicedQuantity "
			"QuantityUnitCode=\"pv\">%d</InvoicedQuantity><UnitPriceAmount "
			"AmountCurrencyIdentifier=\"EUR\">%s</UnitPriceAmount>"
			"<RowDeliveryDate Format=\"CCYYMMDD\">%s</RowDeliveryDate>"
			"<RowVatRatePercent>0</RowVatRatePercent><RowVatAmount "
			"AmountCurrencyIdentifier=\"EUR\">0,00</RowVatAmount>"
			"<RowVatExcludedAmount AmountCurrencyIdentifier=\"EUR\">%s"
			"</RowVatExcludedAmount><RowAmount AmountCurrencyIdentifier=\"EUR\">%s"
			"</RowAmount></InvoiceRow>", rows[i].article, rows[i].qty, p,
			rows[i].day, a, a);
	}
	money(total, a, sizeof(a));
	len += (size_t)snprintf(out + len, cap - len,
		"<EpiDetails><EpiIdentificationDetails><EpiDate Format=\"CCYYMMDD\">"
		"20250801</EpiDate><EpiReference>0</EpiReference>"
		"</EpiIdentificationDetails><EpiPartyDetails><EpiBfiPartyDetails>"
		"<EpiBfiIdentifier IdentificationSchemeName=\"BIC\">NDEAFIHH"
		"</EpiBfiIdentifier></EpiBfiPartyDetails><EpiBeneficiaryPartyDetails>"
		"<EpiNameAddressDetails>Apu Oy</EpiNameAddressDetails><EpiAccountID "
		"IdentificationSchemeName=\"IBAN\">FI2112345600000785</EpiAccountID>"
		"</EpiBeneficiaryPartyDetails></EpiPartyDetails>"
		"<EpiPaymentInstructionDetails><EpiRemittanceInfoIdentifier "
		"IdentificationSchemeName=\"SPY\">10016</EpiRemittanceInfoIdentifier>"
		"<EpiInstructedAmount AmountCurrencyIdentifier=\"EUR\">%s"
		"</EpiInstructedAmount><EpiCharge ChargeOption=\"SLEV\">SLEV</EpiCharge>"
		"<EpiDateOptionDate Format=\"CCYYMMDD\">20250815</EpiDateOptionDate>"
		"</EpiPaymentInstructionDetails></EpiDetails></Finvoice>\n", a);
	assert_true(len < cap);
	return len;
}

static int send(void **state, int64_t uid, int64_t provider, const char *ytunnus,
		const char *number, const struct fvrow *rows, size_t n, int64_t *id,
		bud_err *e)
{
	struct fx *f = *state;
	static char doc[16384];
	json_t *probs = NULL;
	size_t len = finvoice(doc, sizeof(doc), ytunnus, number, rows, n);
	bud_actor a;
	int rc;

	fx_actor(f, uid, &a);
	if (uid == 20) {	/* provider 2's user, not one of the fixture's */
		a.user_id = 20;
		a.role = BUD_ROLE_PROVIDER_USER;
		a.organiser_id = 1;
		a.provider_id = 2;
	}
	bud_err_clear(e);
	rc = bud_invoice_finvoice(&f->app, &a, provider, doc, len, id, &probs, e);
	json_decref(probs);
	return rc;
}

static int approve(void **state, int64_t id, const char *password, bud_err *e)
{
	struct fx *f = *state;
	bud_actor a;

	fx_actor(f, FX_FINANCE, &a);
	bud_err_clear(e);
	return bud_invoice_approve(&f->app, &a, id, password, e);
}

static const char *row_code(void **state, int64_t inv, int pos)
{
	static char code[64];
	struct fx *f = *state;
	json_t *v = NULL, *r;
	bud_actor a;
	bud_err e;

	fx_actor(f, FX_FINANCE, &a);
	assert_int_equal(bud_invoice_get(&f->app, &a, inv, &v, &e), BUD_OK);
	r = json_array_get(json_object_get(v, "rows"), (size_t)pos - 1);
	assert_non_null(r);
	snprintf(code, sizeof(code), "%s", json_string_value(json_object_get(r, "code")));
	json_decref(v);
	return code;
}

/* A Finvoice: one good row, one at the wrong price, one naming nothing;
 * approval spends only the good one, from the reservation. */
static void test_finvoice_rows_and_approval(void **state)
{
	struct fx *f = *state;
	int64_t day = 0, house = 0, inv = 0;
	char art[24];
	struct counts before;
	bud_err e;

	commitments(state, &day, &house);
	f->app.now_override = T_AUG;
	snprintf(art, sizeof(art), "%lld", (long long)day);
	struct fvrow rows[] = {{art, "20250715", 2, 8500}, {art, "20250716", 1, 9000},
			       {"999", "20250717", 1, 8500}};
	assert_int_equal(send(state, FX_PROVIDER, 1, "1111112-8", "1001", rows, 3,
			      &inv, &e), BUD_OK);
	assert_string_equal(row_code(state, inv, 1), "");
	assert_string_equal(row_code(state, inv, 2), "price");
	assert_string_equal(row_code(state, inv, 3), "no_commitment");
	assert_int_equal(q(state, "SELECT claimed FROM invoice"), 17000 + 9000 + 8500);
	assert_int_equal(q(state, "SELECT count(*) FROM invoice WHERE reference GLOB '10*'"
			   " AND buyer_ovt = '003712345671'"), 1);

	counts(state, &before);
	assert_int_equal(approve(state, inv, "wrong-password-123", &e), BUD_EAUTH);
	assert_string_equal(e.field, "password");
	before.uselog++;	/* the failed re-authentication is logged, nothing else */
	same_counts(state, &before);
	assert_int_equal(approve(state, inv, FX_PASSWORD, &e), BUD_OK);
	assert_int_equal(q(state, "SELECT coalesce(sum(amount), 0) FROM ledger"
			   " WHERE kind = 'spend'"), 17000);
	assert_int_equal(q(state, "SELECT spent FROM commitment WHERE unit = 'day'"), 17000);
	assert_int_equal(q(state, "SELECT approved FROM invoice"), 17000);
	assert_int_equal(q(state, "SELECT count(*) FROM invoice_row r JOIN ledger g"
			   " ON g.id = r.ledger_id WHERE r.state = 'approved'"), 1);
	assert_int_equal(check_problems(state), 0);

	counts(state, &before);
	assert_int_equal(approve(state, inv, FX_PASSWORD, &e), BUD_ECONFLICT);
	assert_string_equal(e.field, "state");
	same_counts(state, &before);
}

/* Whole-invoice refusals write nothing: bad XML, another seller, a used
 * number, the role. */
static void test_refusals_write_nothing(void **state)
{
	struct fx *f = *state;
	int64_t day = 0, house = 0, inv = 0;
	struct fvrow rows[] = {{"1", "20250715", 1, 8500}};
	struct counts before;
	json_t *probs = NULL;
	bud_actor a;
	bud_err e;

	commitments(state, &day, &house);
	f->app.now_override = T_AUG;
	assert_int_equal(send(state, FX_PROVIDER, 1, "1111112-8", "A1", rows, 1, &inv, &e),
			 BUD_OK);
	counts(state, &before);
	assert_int_equal(send(state, FX_PROVIDER, 1, "1111112-8", "A1", rows, 1, &inv, &e),
			 BUD_ECONFLICT);
	assert_string_equal(e.field, "number");
	assert_int_equal(send(state, FX_PROVIDER, 1, "2222223-7", "A2", rows, 1, &inv, &e),
			 BUD_ECONFLICT);
	assert_string_equal(e.field, "seller");
	assert_int_equal(send(state, FX_PROVIDER, 2, "2222223-7", "A3", rows, 1, &inv, &e),
			 BUD_ENOTFOUND);
	assert_int_equal(send(state, FX_WORKER, 1, "1111112-8", "A4", rows, 1, &inv, &e),
			 BUD_EFORBIDDEN);
	fx_actor(f, FX_PROVIDER, &a);
	assert_int_equal(bud_invoice_finvoice(&f->app, &a, 1, "<Finvoice>", 10, &inv,
					      &probs, &e), BUD_EINVAL);
	json_decref(probs);
	same_counts(state, &before);
}

/* Duplicates, more than is left, another provider's commitment, outside
 * the period. */
static void test_row_codes(void **state)
{
	struct fx *f = *state;
	int64_t day = 0, house = 0, inv = 0, inv2 = 0;
	char art[24];
	bud_err e;

	commitments(state, &day, &house);
	f->app.now_override = T_AUG;
	snprintf(art, sizeof(art), "%lld", (long long)day);
	struct fvrow one[] = {{art, "20250715", 2, 8500}};
	struct fvrow more[] = {{art, "20250715", 2, 8500}, {art, "20250801", 60, 8500},
			       {art, "20250620", 1, 8500}};
	assert_int_equal(send(state, FX_PROVIDER, 1, "1111112-8", "B1", one, 1, &inv, &e),
			 BUD_OK);
	assert_int_equal(send(state, FX_PROVIDER, 1, "1111112-8", "B2", more, 3, &inv2, &e),
			 BUD_OK);
	assert_string_equal(row_code(state, inv2, 1), "duplicate");
	assert_string_equal(row_code(state, inv2, 2), "beyond_left");
	assert_string_equal(row_code(state, inv2, 3), "period");
	assert_int_equal(send(state, 20, 2, "2222223-7", "C1", one, 1, &inv, &e), BUD_OK);
	assert_string_equal(row_code(state, inv, 1), "other_provider");
	assert_int_equal(q(state, "SELECT count(*) FROM invoice_row WHERE"
			   " code = 'other_provider' AND commitment_id IS NULL"
			   " AND client_id IS NULL"), 1);
	assert_int_equal(check_problems(state), 0);
}

/* Approval spends an invoice's passing rows together: rows of one
 * commitment count against what is left in order (the first passes, the
 * second no longer fits once another invoice spent), each approved row
 * has its own ledger row, and one use-log row per approved row. */
static void test_approval_rows_together(void **state)
{
	struct fx *f = *state;
	int64_t day = 0, house = 0, x = 0, y = 0, uselog;
	char art[24];
	bud_err e;

	commitments(state, &day, &house);
	f->app.now_override = T_AUG;
	snprintf(art, sizeof(art), "%lld", (long long)day);
	struct fvrow two[] = {{art, "20250701", 21, 8500}, {art, "20250702", 21, 8500}};
	struct fvrow one[] = {{art, "20250703", 8, 8500}};
	assert_int_equal(send(state, FX_PROVIDER, 1, "1111112-8", "X1", two, 2, &x, &e),
			 BUD_OK);
	assert_string_equal(row_code(state, x, 1), "");
	assert_string_equal(row_code(state, x, 2), "");	/* 42 of 48 days */
	assert_int_equal(send(state, FX_PROVIDER, 1, "1111112-8", "Y1", one, 1, &y, &e),
			 BUD_OK);
	assert_int_equal(approve(state, y, FX_PASSWORD, &e), BUD_OK);
	uselog = q(state, "SELECT count(*) FROM uselog WHERE action = 'change'");
	assert_int_equal(approve(state, x, FX_PASSWORD, &e), BUD_OK);
	assert_string_equal(row_code(state, x, 1), "");
	assert_string_equal(row_code(state, x, 2), "beyond_left");	/* 21 + 21 > 40 */
	assert_int_equal(q(state, "SELECT spent FROM commitment WHERE unit = 'day'"),
			 29 * 8500);
	assert_int_equal(q(state, "SELECT approved FROM invoice WHERE number = 'X1'"),
			 21 * 8500);
	assert_int_equal(q(state, "SELECT count(*) FROM invoice_row r JOIN ledger g"
			   " ON g.id = r.ledger_id AND g.invoice_row_id = r.id"
			   " AND g.amount = r.amount AND g.kind = 'spend'"
			   " AND g.commitment_id = r.commitment_id"
			   " WHERE r.state = 'approved'"), 2);
	assert_int_equal(q(state, "SELECT count(*) FROM ledger WHERE kind = 'spend'"), 2);
	assert_int_equal(q(state, "SELECT count(*) FROM uselog WHERE action = 'change'"),
			 uselog + 1);
	assert_int_equal(check_problems(state), 0);
}

/* A housing month without events; a second time is refused; the
 * approval withdrawn before approval refuses the row then. */
static void test_monthly_and_approval_day(void **state)
{
	struct fx *f = *state;
	int64_t day = 0, house = 0, inv = 0, inv2 = 0;
	struct counts before;
	bud_actor a;
	bud_err e;

	commitments(state, &day, &house);
	f->app.now_override = T_AUG;
	fx_actor(f, FX_PROVIDER, &a);
	assert_int_equal(bud_invoice_monthly(&f->app, &a, 1, "2025-07", &inv, &e), BUD_OK);
	assert_int_equal(q(state, "SELECT count(*) FROM invoice_row WHERE state = 'pending'"
			   " AND amount = 145000 AND period_from = '2025-07-01'"
			   " AND period_to = '2025-07-31'"), 1);
	counts(state, &before);
	assert_int_equal(bud_invoice_monthly(&f->app, &a, 1, "2025-07", &inv2, &e),
			 BUD_ECONFLICT);
	assert_string_equal(e.field, "number");
	assert_int_equal(bud_invoice_monthly(&f->app, &a, 1, "2025-13", &inv2, &e),
			 BUD_EINVAL);
	assert_int_equal(bud_invoice_monthly(&f->app, &a, 1, "2026-07", &inv2, &e),
			 BUD_ECONFLICT);
	assert_string_equal(e.field, "month");
	same_counts(state, &before);
	assert_int_equal(bud_invoice_monthly(&f->app, &a, 1, "2025-08", &inv2, &e), BUD_OK);

	assert_int_equal(approve(state, inv, FX_PASSWORD, &e), BUD_OK);
	assert_int_equal(q(state, "SELECT spent FROM commitment WHERE unit = 'month'"), 145000);
	assert_int_equal(fx_raw_exec(f, "UPDATE approval SET state = 'withdrawn' WHERE id = 2"), 0);
	assert_int_equal(approve(state, inv2, FX_PASSWORD, &e), BUD_OK);
	assert_int_equal(q(state, "SELECT count(*) FROM invoice WHERE state = 'refused'"), 1);
	assert_int_equal(q(state, "SELECT count(*) FROM invoice_row WHERE"
			   " code = 'not_approved'"), 1);
	assert_int_equal(q(state, "SELECT spent FROM commitment WHERE unit = 'month'"), 145000);
	assert_int_equal(check_problems(state), 0);
}

/* Past the charging window an ended commitment is not invoiced; the
 * window is the organiser's setting. */
static void test_charge_window(void **state)
{
	struct fx *f = *state;
	int64_t day = 0, house = 0, inv = 0;
	char art[24];
	bud_actor admin;
	bud_err e;

	commitments(state, &day, &house);
	snprintf(art, sizeof(art), "%lld", (long long)day);
	struct fvrow one[] = {{art, "20251215", 1, 8500}};
	f->app.now_override = T_AUG + INT64_C(86400) * 200;	/* 2026-02-21 */
	assert_int_equal(send(state, FX_PROVIDER, 1, "1111112-8", "D1", one, 1, &inv, &e),
			 BUD_OK);
	assert_string_equal(row_code(state, inv, 1), "");
	fx_actor(f, FX_ADMIN, &admin);
	assert_int_equal(bud_invoice_charge_days_set(&f->app, &admin, 30, &e), BUD_OK);
	assert_int_equal(bud_invoice_charge_days_set(&f->app, &admin, 9999, &e), BUD_EINVAL);
	struct fvrow two[] = {{art, "20251216", 1, 8500}};
	assert_int_equal(send(state, FX_PROVIDER, 1, "1111112-8", "D2", two, 1, &inv, &e),
			 BUD_OK);
	assert_string_equal(row_code(state, inv, 1), "charge_window");
}

/* Days as Unix noon UTC: 2025-07-20, 07-25, 08-10. */
#define T_JUL20 INT64_C(1753012800)
#define T_JUL25 INT64_C(1753444800)
#define T_AUG10 INT64_C(1754827200)

static int64_t record(void **state, int64_t cm, const char *day, const char *ext)
{
	struct fx *f = *state;
	struct bud_event_input in = {.commitment_id = cm, .quantity = 100,
				     .external_id = ext};
	int64_t id = 0;
	bud_actor prov;
	bud_err e;

	fx_actor(f, FX_PROVIDER, &prov);
	snprintf(in.on_date, sizeof(in.on_date), "%s", day);
	assert_int_equal(bud_event_record(&f->app, &prov, &in, &id, &e), BUD_OK);
	return id;
}

struct links {
	struct bud_store_link l[2];
	size_t n;
	int rc;		/* what the store said; the unit itself goes on */
};

static int link_unit(bud_conn *w, void *arg, bud_err *err)
{
	struct links *k = arg;

	k->rc = bud_store_invoice_link_events(w, k->l, k->n, err);
	bud_err_clear(err);
	return BUD_OK;
}

/* An invoice's links are one statement: an event linked already refuses
 * them all, even in a unit that goes on and commits (written one by one,
 * the free event's link would have stayed). */
static void links_all_or_none(void **state, int64_t row, int64_t linked, int64_t free_ev)
{
	struct fx *f = *state;
	struct links k = {{{row, free_ev}, {row, linked}}, 2, 0};
	bud_err e;

	assert_int_equal(bud_db_write(f->app.db, link_unit, &k, &e), BUD_OK);
	assert_int_equal(k.rc, BUD_ECONFLICT);
	assert_int_equal(q(state, "SELECT count(*) FROM invoice_row_event"), 2);
	k.n = 1;
	assert_int_equal(bud_db_write(f->app.db, link_unit, &k, &e), BUD_OK);
	assert_int_equal(k.rc, BUD_OK);
	assert_int_equal(q(state, "SELECT count(*) FROM invoice_row_event"), 3);
	assert_int_equal(fx_raw_exec(f, "DELETE FROM invoice_row_event WHERE event_id = "
		"(SELECT max(event_id) FROM invoice_row_event)"), 0);
}

/* A period of events: confirmed ones invoiced, a disputed one and one
 * still in its window held; each event invoiced once; an upheld dispute
 * never invoiced; the window passed, the held one follows. */
static void test_events_invoice(void **state)
{
	struct fx *f = *state;
	int64_t day = 0, house = 0, ev[4], inv = 0, inv2 = 0;
	struct counts before;
	bud_actor cl, w, prov;
	bud_err e;

	commitments(state, &day, &house);
	fx_actor(f, FX_CLIENT, &cl);
	fx_actor(f, FX_WORKER, &w);
	fx_actor(f, FX_PROVIDER, &prov);
	f->app.now_override = T_JUL20;
	ev[0] = record(state, day, "2025-07-01", "a");
	ev[1] = record(state, day, "2025-07-02", "b");
	ev[2] = record(state, day, "2025-07-03", "c");
	ev[3] = record(state, day, "2025-07-04", "d");
	assert_int_equal(bud_event_confirm(&f->app, &cl, ev[0], &e), BUD_OK);
	assert_int_equal(bud_event_confirm(&f->app, &cl, ev[1], &e), BUD_OK);
	assert_int_equal(bud_event_dispute(&f->app, &cl, ev[2], "Ei käynyt.", &e), BUD_OK);

	f->app.now_override = T_JUL25;
	assert_int_equal(bud_invoice_events(&f->app, &prov, 1, "2025-07-01", "2025-07-31",
					    &inv, &e), BUD_OK);
	assert_int_equal(q(state, "SELECT count(*) FROM invoice_row WHERE events = 2"
			   " AND amount = 17000 AND state = 'pending' AND period_from ="
			   " '2025-07-01' AND period_to = '2025-07-02'"), 1);
	assert_int_equal(q(state, "SELECT count(*) FROM invoice_row_event WHERE active = 1"), 2);
	links_all_or_none(state, q(state, "SELECT id FROM invoice_row WHERE events = 2"),
			  ev[0], ev[3]);
	counts(state, &before);
	assert_int_equal(bud_invoice_events(&f->app, &prov, 1, "2025-07-01", "2025-07-31",
					    &inv2, &e), BUD_ECONFLICT);
	assert_string_equal(e.key, "err.invoice.no_events");
	same_counts(state, &before);

	assert_int_equal(bud_event_resolve(&f->app, &w, ev[2], 1, "Asiakas oli oikeassa.", &e),
			 BUD_OK);
	f->app.now_override = T_AUG10;
	assert_int_equal(bud_invoice_events(&f->app, &prov, 1, "2025-07-01", "2025-07-31",
					    &inv2, &e), BUD_OK);
	assert_int_equal(q(state, "SELECT count(*) FROM invoice_row WHERE events = 1"
			   " AND amount = 8500 AND period_from = '2025-07-04'"), 1);
	assert_int_equal(q(state, "SELECT count(*) FROM invoice_row_event l JOIN"
			   " service_event e ON e.id = l.event_id WHERE e.state = 'upheld'"), 0);
	assert_int_equal(approve(state, inv, FX_PASSWORD, &e), BUD_OK);
	assert_int_equal(approve(state, inv2, FX_PASSWORD, &e), BUD_OK);
	assert_int_equal(q(state, "SELECT spent FROM commitment WHERE unit = 'day'"), 25500);
	assert_int_equal(check_problems(state), 0);
}

/* A second finance user (id 21) for the four eyes of a payment run. */
static void finance2(void **state, bud_actor *a)
{
	struct fx *f = *state;

	assert_int_equal(fx_raw_exec(f, "INSERT OR IGNORE INTO user (id, username,"
		" display_name, role, password_hash, organiser_id, created_at)"
		" SELECT 21, 'finance2', 'Toinen Talous', 'finance', password_hash, 1, 0"
		" FROM user WHERE id = 5;"
		"UPDATE organiser SET iban = 'FI9617453000123457', bic = 'NDEAFIMM' WHERE id = 1;"), 0);
	fx_actor(f, FX_FINANCE, a);
	a->user_id = 21;
}

/* Four eyes; the provider's approval checked again on the execution day;
 * an invoice paid once; the pain.001 written with the reference. */
static void test_payment_run(void **state)
{
	struct fx *f = *state;
	int64_t day = 0, house = 0, inv = 0, inv2 = 0, run = 0, run2 = 0;
	struct counts before;
	bud_actor fin, fin2, prov;
	bud_buf b;
	bud_err e;

	commitments(state, &day, &house);
	finance2(state, &fin2);
	fx_actor(f, FX_FINANCE, &fin);
	fx_actor(f, FX_PROVIDER, &prov);
	f->app.now_override = T_AUG;
	assert_int_equal(bud_invoice_monthly(&f->app, &prov, 1, "2025-07", &inv, &e), BUD_OK);
	assert_int_equal(approve(state, inv, FX_PASSWORD, &e), BUD_OK);
	assert_int_equal(bud_payrun_create(&f->app, &fin, NULL, &run, &e), BUD_OK);
	counts(state, &before);
	assert_int_equal(bud_payrun_approve(&f->app, &fin, run, FX_PASSWORD, NULL, &e), BUD_ECONFLICT);
	assert_string_equal(e.field, "approved_by");
	assert_int_equal(bud_payrun_create(&f->app, &fin, NULL, &run2, &e), BUD_ECONFLICT);
	assert_string_equal(e.key, "err.payrun.nothing");
	same_counts(state, &before);
	assert_int_equal(q(state, "SELECT count(*) FROM payment_run"), 1);

	if (bud_payrun_approve(&f->app, &fin2, run, FX_PASSWORD, NULL, &e) != BUD_OK)
		fail_msg("%s %s %s", e.field, e.key, e.detail);
	assert_int_equal(q(state, "SELECT count(*) FROM invoice WHERE state = 'paid'"), 1);
	bud_buf_init(&b, BUD_MAX_RESPONSE);
	assert_int_equal(bud_payrun_file(&f->app, &fin, run, 3, &b, &e), BUD_OK);
	assert_non_null(strstr(bud_buf_str(&b), "pain.001.001.03"));
	assert_non_null(strstr(bud_buf_str(&b), "<Ref>10016</Ref>"));
	bud_buf_free(&b);
	/* never paid twice: the schema refuses a second open payment */
	assert_int_not_equal(fx_raw_exec(f, "INSERT INTO payment (run_id, invoice_id,"
		" provider_id, amount) VALUES (1, 1, 1, 1)"), 0);

	/* the next month: the approval withdrawn before the execution day */
	assert_int_equal(bud_invoice_monthly(&f->app, &prov, 1, "2025-08", &inv2, &e), BUD_OK);
	assert_int_equal(approve(state, inv2, FX_PASSWORD, &e), BUD_OK);
	assert_int_equal(bud_payrun_create(&f->app, &fin, "2025-08-20", &run2, &e), BUD_OK);
	assert_int_equal(fx_raw_exec(f, "UPDATE approval SET state = 'withdrawn',"
				     " effective = '2025-08-15' WHERE id = 2"), 0);
	assert_int_equal(bud_payrun_approve(&f->app, &fin2, run2, FX_PASSWORD, NULL, &e),
			 BUD_ECONFLICT);
	assert_string_equal(e.key, "err.payrun.empty");
	assert_int_equal(q(state, "SELECT count(*) FROM invoice WHERE state = 'approved'"), 1);
	assert_int_equal(check_problems(state), 0);
}

/* `budjetti check` names a spend no invoice row and no commitment made. */
static void test_check_rogue_spend(void **state)
{
	struct fx *f = *state;
	int64_t day = 0, house = 0;

	commitments(state, &day, &house);
	assert_int_equal(check_problems(state), 0);
	assert_int_equal(fx_raw_exec(f, "INSERT INTO ledger (client_id, plan_id,"
		" plan_line_id, kind, amount, on_date, created_at) SELECT client_id,"
		" plan_id, plan_line_id, 'spend', 100, '2025-07-01', 0 FROM commitment"
		" WHERE unit = 'day'"), 0);
	assert_int_equal(check_problems(state), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_finvoice_rows_and_approval, setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(test_refusals_write_nothing, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_row_codes, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_approval_rows_together, setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(test_monthly_and_approval_day, setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(test_charge_window, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_check_rogue_spend, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_events_invoice, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_payment_run, setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
