/*
 * Unit tests for app/pilot.c: the pilot figures against totals this test
 * computes itself from the rows it plants (a table of people below: what
 * each was offered and answered, their decision, providers, invoices,
 * disputes and questionnaire answers), the suppression of small groups
 * with their complementary cells, who may read the figures, and the
 * client's outcomes questionnaire (open, answered, answered again,
 * closed, refused to staff).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <jansson.h>

#include "app/pilot.h"
#include "core/report.h"
#include "app_fixture.h"

#define DAY 86400
#define T_ASSESSED INT64_C(1737367200)	/* 2025-01-20 10:00 UTC */
#define EVALUATOR 20

/* The people of the planted pilot (organiser 1). */
static const struct person {
	int id;
	const char *muni;
	const char *answer;	/* to the latest offer in the period; NULL: none */
	int plan;		/* a decision with personal assistance */
	int day;		/* and day activities */
	int provider;		/* for personal assistance: 1 or 2, 0 none */
	int switched;		/* switched to it in March */
	int days;		/* from the assessment to the decision */
	int out[3];		/* questionnaire: life, help, choice; 0 none */
	const char *dispute;	/* an event disputed, its state; NULL none */
} people[] = {
	{101, "Porvoo", "all", 1, 1, 1, 1, 10, {3, 3, 3}, "disputed"},
	{102, "Porvoo", "all", 1, 1, 1, 1, 12, {3, 3, 3}, "upheld"},
	{103, "Porvoo", "all", 1, 1, 1, 1, 14, {3, 3, 3}, "dismissed"},
	{104, "Porvoo", "all", 1, 1, 1, 1, 20, {3, 3, 3}, "disputed"},
	{105, "Porvoo", "all", 1, 0, 1, 1, 21, {3, 3, 2}, NULL},
	{106, "Porvoo", "all", 1, 0, 1, 1, 30, {3, 3, 2}, NULL},
	{107, "Porvoo", "all", 1, 0, 2, 0, 31, {2, 3, 2}, NULL},
	{108, "Porvoo", "some", 1, 0, 2, 0, 40, {2, 3, 2}, NULL},
	{109, "Porvoo", "some", 1, 0, 2, 0, 41, {2, 3, 2}, NULL},
	{110, "Porvoo", "some", 1, 0, 2, 0, 50, {1, 3, 2}, NULL},
	{111, "Porvoo", "some", 1, 0, 2, 0, 90, {1, 3, 3}, NULL},
	{112, "Porvoo", "refused", 0, 0, 0, 0, 0, {0, 0, 0}, NULL},
	{113, "Porvoo", "refused", 0, 0, 0, 0, 0, {0, 0, 0}, NULL},
	{114, "Porvoo", "refused", 0, 0, 0, 0, 0, {0, 0, 0}, NULL},
	{115, "Porvoo", "refused", 0, 0, 0, 0, 0, {0, 0, 0}, NULL},
	{116, "Porvoo", "refused", 0, 0, 0, 0, 0, {0, 0, 0}, NULL},
	{117, "Porvoo", "refused", 0, 0, 0, 0, 0, {0, 0, 0}, NULL},
	{118, "Porvoo", NULL, 0, 0, 0, 0, 0, {0, 0, 0}, NULL},	/* offered in 2024 */
	{201, "Loviisa", "all", 0, 0, 0, 0, 0, {0, 0, 0}, NULL},
	{202, "Loviisa", "all", 0, 0, 0, 0, 0, {0, 0, 0}, NULL},
	{203, "Loviisa", "all", 0, 0, 0, 0, 0, {0, 0, 0}, NULL},
};
#define NPEOPLE (sizeof(people) / sizeof(people[0]))

/* What an invoice row charges: 10 hours at 30,00 (the list: 28,50) and 2
 * days at 90,00 (the list: 85,00). */
#define PA_QTY 1000
#define PA_PRICE 3000
#define PA_LIST 2850
#define DA_QTY 200
#define DA_PRICE 9000
#define DA_LIST 8500

struct sql {
	char s[256 * 1024];
	size_t n;
};

static void add(struct sql *q, const char *fmt, ...)
{
	va_list ap;
	int w;

	va_start(ap, fmt);
	w = vsnprintf(q->s + q->n, sizeof(q->s) - q->n, fmt, ap);
	va_end(ap);
	assert_true(w > 0 && (size_t)w < sizeof(q->s) - q->n);
	q->n += (size_t)w;
}

/* A decision with its lines (added while a draft), then approved. */
static void plant_plan(struct sql *q, const struct person *p)
{
	add(q, "INSERT INTO plan (id, client_id, organiser_id, state, valid_from, valid_to,"
	    " review_date, lang, decision_no, version, drafted_by, approved_by, approved_at,"
	    " created_at, updated_at) VALUES (%d, %d, 1, 'draft', '2025-02-01', '2025-12-31',"
	    " '2025-12-01', 'fi', 'D-%d', 1, 2, 4, %lld, 0, 0);", p->id, p->id, p->id,
	    (long long)(T_ASSESSED + (int64_t)p->days * DAY));
	add(q, "INSERT INTO plan_line (id, plan_id, position, service_id, price_id, unit,"
	    " unit_price, instrument, quantity, monthly_amount, period_amount) VALUES"
	    " (%d1, %d, 1, 1, 1, 'hour', %d, 'commitment', %d, 1, 1);", p->id, p->id,
	    PA_LIST, PA_QTY);
	if (p->day)
		add(q, "INSERT INTO plan_line (id, plan_id, position, service_id, price_id,"
		    " unit, unit_price, instrument, quantity, monthly_amount, period_amount)"
		    " VALUES (%d2, %d, 2, 2, 2, 'day', %d, 'voucher', %d, 1, 1);", p->id,
		    p->id, DA_LIST, DA_QTY);
	add(q, "UPDATE plan SET state = 'approved' WHERE id = %d;", p->id);
	add(q, "INSERT INTO assessment (client_id, version, assessed_on, created_by,"
	    " created_at) VALUES (%d, 1, '2025-01-20', 2, 0);", p->id);
}

/* A commitment of line `line` (1 or 2) with provider prov, its approved
 * invoice row of June (through a spend in the ledger) and maybe an event. */
static void plant_commitment(struct sql *q, const struct person *p, int line, int prov)
{
	int qty = line == 1 ? PA_QTY : DA_QTY, price = line == 1 ? PA_PRICE : DA_PRICE;
	int amount = qty * price / 100;

	add(q, "INSERT INTO commitment (id, client_id, plan_id, plan_line_id, provider_id,"
	    " approval_id, instrument, unit, quantity, unit_price, monthly_amount, reserved,"
	    " valid_from, valid_to, state, replaces_id, created_by, created_at, updated_at)"
	    " VALUES (%d%d, %d, %d, %d%d, %d, %d, 'commitment', 'hour', %d, %d, 1, 100000,"
	    " '%s', '2025-12-31', 'active', NULL, 2, 0, 0);", p->id, line, p->id, p->id,
	    p->id, line, prov, line == 1 ? prov : 3, qty, price,
	    p->switched && line == 1 ? "2025-03-01" : "2025-02-01");
	add(q, "INSERT INTO ledger (id, client_id, plan_id, plan_line_id, kind, amount,"
	    " on_date, created_at, commitment_id) VALUES (%d%d, %d, %d, %d%d, 'spend', %d,"
	    " '2025-06-30', 0, %d%d);", p->id, line, p->id, p->id, p->id, line, amount,
	    p->id, line);
	add(q, "INSERT INTO invoice_row (invoice_id, position, commitment_id, client_id,"
	    " plan_line_id, period_from, period_to, quantity, unit_price, amount, state,"
	    " ledger_id) VALUES (%d, %d%d, %d%d, %d, %d%d, '2025-06-01', '2025-06-30', %d,"
	    " %d, %d, 'approved', %d%d);", prov, p->id, line, p->id, line, p->id, p->id,
	    line, qty, price, amount, p->id, line);
}

/* The one before a switch, ended in February. */
static void plant_switch(struct sql *q, const struct person *p)
{
	add(q, "INSERT INTO commitment (id, client_id, plan_id, plan_line_id, provider_id,"
	    " approval_id, instrument, unit, quantity, unit_price, monthly_amount, reserved,"
	    " valid_from, valid_to, state, created_by, created_at, updated_at) VALUES"
	    " (%d5, %d, %d, %d1, 2, 2, 'commitment', 'hour', 100, 2850, 1, 1, '2025-02-01',"
	    " '2025-02-28', 'ended', 2, 0, 0);", p->id, p->id, p->id, p->id);
	add(q, "UPDATE commitment SET replaces_id = %d5 WHERE id = %d1;", p->id, p->id);
}

static void plant_person(struct sql *q, const struct person *p)
{
	add(q, "INSERT INTO client (id, organiser_id, hetu, first_name, last_name,"
	    " municipality, created_at) VALUES (%d, 1, 'H%d', 'E', 'S', '%s', 0);",
	    p->id, p->id, p->muni);
	/* an earlier offer of the period refused, and the latest one answered */
	add(q, "INSERT INTO offer (id, client_id, offered_on, created_by, created_at)"
	    " VALUES (%d1, %d, '%s', 2, 0), (%d2, %d, '%s', 2, 0);", p->id, p->id,
	    p->answer ? "2025-01-10" : "2024-11-01", p->id, p->id,
	    p->answer ? "2025-01-15" : "2024-12-01");
	add(q, "INSERT INTO offer_answer (offer_id, answer, answered_by, answered_at)"
	    " VALUES (%d1, 'refused', 2, 0), (%d2, '%s', 2, 0);", p->id, p->id,
	    p->answer ? p->answer : "all");
	if (!p->plan)
		return;
	plant_plan(q, p);
	plant_commitment(q, p, 1, p->provider);
	if (p->switched)
		plant_switch(q, p);
	if (p->day)
		plant_commitment(q, p, 2, 1);
	if (p->out[0])
		add(q, "INSERT INTO outcome_answer (plan_id, client_id, q_life, q_help,"
		    " q_choice, comment, lang, answered_by, answered_on, answered_at) VALUES"
		    " (%d, %d, %d, %d, %d, 'oma teksti', 'fi', 2, '2025-05-02', 0);", p->id,
		    p->id, p->out[0], p->out[1], p->out[2]);
	if (p->dispute)
		add(q, "INSERT INTO service_event (commitment_id, client_id, provider_id,"
		    " plan_line_id, on_date, quantity, unit_price, amount, external_id, state,"
		    " recorded_at) VALUES (%d1, %d, %d, %d1, '2025-03-10', 100, 3000, 3000,"
		    " 'e%d', '%s', 0);", p->id, p->id, p->provider, p->id, p->id, p->dispute);
}

static int setup(void **state)
{
	struct sql *q = calloc(1, sizeof(*q));
	struct fx *f;
	size_t i;

	if (!q || fx_setup(state) != 0)
		return -1;
	f = *state;
	add(q, "INSERT INTO provider (id, organiser_id, name, ytunnus, created_at) VALUES"
	    " (2, 1, 'Toinen Oy', '2222222-2', 0);"
	    "INSERT INTO approval (id, provider_id, service_id, municipality, state, created_at)"
	    " VALUES (1, 1, 1, 'Porvoo', 'approved', 0), (2, 2, 1, 'Porvoo', 'approved', 0),"
	    " (3, 1, 2, 'Porvoo', 'approved', 0);"
	    "INSERT INTO invoice (id, organiser_id, provider_id, source, number, period_from,"
	    " period_to, invoice_date, due_date, reference, buyer_ovt, iban, state, claimed,"
	    " approved, created_by, created_at) VALUES (1, 1, 1, 'monthly', '1', '2025-06-01',"
	    " '2025-06-30', '2025-07-01', '2025-07-15', '10003', '0037', 'FI', 'approved',"
	    " 0, 0, 5, 0), (2, 1, 2, 'monthly', '2', '2025-06-01', '2025-06-30', '2025-07-01',"
	    " '2025-07-15', '10016', '0037', 'FI', 'approved', 0, 0, 5, 0);"
	    "INSERT INTO user (id, username, display_name, role, lang, password_hash,"
	    " organiser_id, active, created_at) VALUES (20, 'eva', 'Eva Arvioija',"
	    " 'evaluator', 'fi', 'x', 1, 1, 0);");
	for (i = 0; i < NPEOPLE; i++)
		plant_person(q, &people[i]);
	i = (size_t)fx_raw_exec(f, q->s);
	free(q);
	return i == 0 ? 0 : -1;
}

static void evaluator(bud_actor *a)
{
	memset(a, 0, sizeof(*a));
	a->user_id = EVALUATOR;
	a->role = BUD_ROLE_EVALUATOR;
	a->organiser_id = 1;
	snprintf(a->lang, sizeof(a->lang), "fi");
}

static json_t *figures(struct fx *f, const char *muni)
{
	struct bud_pilot_query q = {"2025-01-01", "2025-06-30", muni};
	bud_actor a;
	json_t *out = NULL;
	bud_err err;

	evaluator(&a);
	assert_int_equal(bud_pilot_figures(&f->app, &a, &q, &out, &err), BUD_OK);
	return out;
}

/* The cell at a path of members: its value, -1 when suppressed. */
static int64_t val(json_t *o, const char *k1, const char *k2)
{
	json_t *c = json_object_get(k2 ? json_object_get(o, k1) : o, k2 ? k2 : k1);

	assert_non_null(c);
	if (json_is_true(json_object_get(c, "suppressed"))) {
		assert_true(json_is_null(json_object_get(c, "value")));
		return -1;
	}
	return json_integer_value(json_object_get(c, "value"));
}

static int in_area(const struct person *p, const char *muni)
{
	return !muni || !muni[0] || strcmp(p->muni, muni) == 0;
}

/* How many people of the area answered the latest offer with `answer`. */
static int64_t count_answer(const char *muni, const char *answer)
{
	int64_t n = 0;
	size_t i;

	for (i = 0; i < NPEOPLE; i++)
		n += in_area(&people[i], muni) && people[i].answer &&
		     strcmp(people[i].answer, answer) == 0;
	return n;
}

static void test_offers_with_complementary_suppression(void **state)
{
	struct fx *f = *state;
	int64_t all = count_answer("Porvoo", "all"), some = count_answer("Porvoo", "some");
	int64_t refused = count_answer("Porvoo", "refused");
	json_t *o = figures(f, "Porvoo");

	/* the planted shape: some is a group of 4, refused the smallest other */
	assert_int_equal(some, 4);
	assert_true(refused >= 5 && refused < all);
	assert_int_equal(val(o, "offers", "offered"), all + some + refused);
	assert_int_equal(val(o, "offers", "all"), all);
	assert_int_equal(val(o, "offers", "some"), -1);		/* 4: suppressed */
	assert_int_equal(val(o, "offers", "refused"), -1);	/* its complement */
	assert_int_equal(val(o, "offers", "unanswered"), 0);
	assert_int_equal(json_integer_value(json_object_get(o, "min_group")), 5);
	json_decref(o);

	/* Loviisa alone is three people: everything hidden, the total too */
	o = figures(f, "Loviisa");
	assert_int_equal(count_answer("Loviisa", "all"), 3);
	assert_int_equal(val(o, "offers", "offered"), -1);
	assert_int_equal(val(o, "offers", "all"), -1);
	json_decref(o);

	/* the whole organiser */
	o = figures(f, "");
	assert_int_equal(val(o, "offers", "all"), count_answer("", "all"));
	assert_int_equal(val(o, "offers", "offered"), count_answer("", "all") +
			 some + refused);
	assert_int_equal(val(o, "offers", "some"), -1);
	json_decref(o);
}

/* The services row of code ("" for all). */
static json_t *service(json_t *o, const char *code)
{
	json_t *it;
	size_t i;

	json_array_foreach(json_object_get(o, "services"), i, it)
		if (strcmp(json_string_value(json_object_get(it, "service")), code) == 0)
			return it;
	fail_msg("no row %s", code);
	return NULL;
}

static void test_services_providers_and_cost(void **state)
{
	struct fx *f = *state;
	int64_t plans = 0, day = 0, switched = 0, paid = 0, usual = 0;
	int prov[3] = {0, 0, 0};
	json_t *o = figures(f, "Porvoo"), *all, *pa, *da;
	size_t i;

	for (i = 0; i < NPEOPLE; i++) {
		const struct person *p = &people[i];

		if (!p->plan)
			continue;
		plans++;
		day += p->day;
		switched += p->switched;
		prov[p->provider] = 1;
		paid += (int64_t)PA_QTY * PA_PRICE / 100 + (p->day ? DA_QTY * DA_PRICE / 100 : 0);
		usual += (int64_t)PA_QTY * PA_LIST / 100 + (p->day ? DA_QTY * DA_LIST / 100 : 0);
	}
	all = service(o, "");
	pa = service(o, "personal_assistance");
	da = service(o, "day_activities");
	assert_int_equal(val(all, "chosen", NULL), plans);
	assert_int_equal(day, 4);
	assert_int_equal(val(da, "chosen", NULL), -1);	/* 4 */
	/* and personal assistance with it (the all-services figure minus it
	 * would come close to telling the 4) */
	assert_int_equal(val(pa, "chosen", NULL), -1);
	assert_int_equal(val(all, "with_provider", NULL), plans);
	assert_int_equal(val(all, "providers", NULL), prov[1] + prov[2]);
	assert_int_equal(val(pa, "switched", NULL), switched);
	assert_int_equal(val(pa, "switches", NULL), switched);
	/* day activities' 4 with a provider hides personal assistance's too */
	assert_int_equal(val(da, "with_provider", NULL), -1);
	assert_int_equal(val(pa, "with_provider", NULL), -1);
	assert_int_equal(val(pa, "providers", NULL), -1);
	assert_int_equal(val(all, "paid_clients", NULL), plans);
	assert_int_equal(val(all, "paid_per_client", NULL), (paid + plans / 2) / plans);
	assert_int_equal(val(all, "usual_per_client", NULL), (usual + plans / 2) / plans);
	assert_int_equal(val(all, "difference_per_client", NULL),
			 (paid + plans / 2) / plans - (usual + plans / 2) / plans);
	/* money adds up over services: day activities' 4 is hidden, and
	 * personal assistance with it, or the total would tell it */
	assert_int_equal(val(da, "paid_per_client", NULL), -1);
	assert_int_equal(val(pa, "paid_per_client", NULL), -1);
	assert_int_equal(val(service(o, "transport"), "paid_clients", NULL), 0);
	json_decref(o);
}

static int64_t count_dispute(const char *state)
{
	int64_t n = 0;
	size_t i;

	for (i = 0; i < NPEOPLE; i++)
		n += people[i].dispute && strcmp(people[i].dispute, state) == 0;
	return n;
}

static int cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

static void test_timing_disputes_outcomes(void **state)
{
	struct fx *f = *state;
	int days[NPEOPLE], n = 0, disputes = 0, yes[3] = {0}, partly[3] = {0}, no[3] = {0};
	int answered = 0, q;
	json_t *o = figures(f, "Porvoo"), *it;
	size_t i;
	bud_actor admin;
	bud_err err;

	for (i = 0; i < NPEOPLE; i++) {
		const struct person *p = &people[i];

		if (p->plan)
			days[n++] = p->days;
		disputes += p->dispute != NULL;
		answered += p->out[0] != 0;
		for (q = 0; q < 3; q++) {
			yes[q] += p->out[q] == 3;
			partly[q] += p->out[q] == 2;
			no[q] += p->out[q] == 1;
		}
	}
	qsort(days, (size_t)n, sizeof(int), cmp_int);
	assert_int_equal(val(o, "timing", "decisions"), n);
	assert_int_equal(n % 2, 1);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(
		json_object_get(o, "timing"), "median_days"), "value")), days[n / 2]);
	assert_int_equal(val(o, "timing", "min_days"), days[0]);
	assert_int_equal(val(o, "timing", "max_days"), days[n - 1]);
	assert_int_equal(disputes, 4);
	assert_int_equal(val(o, "disputes", "clients"), -1);
	assert_int_equal(val(o, "disputes", "events"), -1);
	json_array_foreach(json_object_get(o, "outcomes"), i, it) {
		assert_int_equal(val(it, "answered", NULL), answered);
		if (i == 0) {	/* life: partly 3 and no 2 hidden, and yes with them */
			assert_true(partly[0] < 5 && no[0] < 5 && yes[0] >= 5);
			assert_int_equal(val(it, "yes", NULL), -1);
			assert_int_equal(val(it, "partly", NULL), -1);
			assert_int_equal(val(it, "no", NULL), -1);
		} else {
			assert_int_equal(val(it, "yes", NULL), yes[i]);
			assert_int_equal(val(it, "partly", NULL), partly[i]);
			assert_int_equal(val(it, "no", NULL), no[i]);
		}
	}
	json_decref(o);

	/* the admin lowers the minimum to 3: the four disputes show */
	fx_actor(f, FX_ADMIN, &admin);
	assert_int_equal(bud_pilot_set_min_group(&f->app, &admin, 2, &err), BUD_EINVAL);
	assert_string_equal(err.field, "min_group");
	assert_int_equal(bud_pilot_set_min_group(&f->app, &admin, 3, &err), BUD_OK);
	o = figures(f, "Porvoo");
	assert_int_equal(val(o, "disputes", "clients"), disputes);
	assert_int_equal(val(o, "disputes", "events"), disputes);
	assert_int_equal(val(o, "disputes", "open"), count_dispute("disputed"));
	assert_int_equal(val(o, "disputes", "upheld"), count_dispute("upheld"));
	assert_int_equal(val(o, "disputes", "dismissed"), count_dispute("dismissed"));
	json_decref(o);
}

/* The download's table says the same as the figures: the count of those
 * who took all, and the hidden ones empty with "hidden" in words. */
static void test_download_table(void **state)
{
	struct fx *f = *state;
	json_t *o = figures(f, "Porvoo");
	const struct bud_report_cell *c;
	struct bud_report r;
	size_t i, seen = 0;

	assert_int_equal(bud_pilot_table(o, "en", &r), BUD_OK);
	assert_int_equal(r.ncols, 5);
	for (i = 0; i < r.nrows; i++) {
		const char *figure = bud_report_cell(&r, i, 1)->text;

		c = bud_report_cell(&r, i, 2);
		if (strcmp(figure, "Took it for all services") == 0) {
			assert_false(c->empty);
			assert_int_equal(c->num, count_answer("Porvoo", "all"));
			seen++;
		}
		if (strcmp(figure, "Took it for some services") == 0 ||
		    strcmp(figure, "Refused") == 0) {
			assert_true(c->empty);
			assert_string_equal(bud_report_cell(&r, i, 4)->text, "hidden");
			seen++;
		}
		if (strcmp(figure, "All services: Cost per client") == 0) {
			assert_true(bud_report_cell(&r, i, 2)->empty);
			assert_int_equal(bud_report_cell(&r, i, 3)->num,
					 val(service(o, ""), "paid_per_client", NULL));
			seen++;
		}
	}
	assert_int_equal(seen, 4);
	bud_report_release(&r);
	json_decref(o);
}

static void test_who_may_read(void **state)
{
	struct fx *f = *state;
	static const int64_t no[] = {FX_WORKER, FX_FINANCE, FX_PROVIDER, FX_CLIENT, FX_REP};
	static const int64_t yes[] = {FX_ADMIN, FX_DM};
	struct bud_pilot_query q = {"2025-01-01", "2025-06-30", ""};
	struct bud_pilot_query bad = {"2025-07-01", "2025-06-30", ""};
	json_t *out = NULL;
	bud_actor a;
	bud_err err;
	size_t i;

	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
		fx_actor(f, no[i], &a);
		assert_int_equal(bud_pilot_figures(&f->app, &a, &q, &out, &err), BUD_EFORBIDDEN);
		assert_null(out);
	}
	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		fx_actor(f, yes[i], &a);
		assert_int_equal(bud_pilot_figures(&f->app, &a, &q, &out, &err), BUD_OK);
		json_decref(out);
	}
	evaluator(&a);
	assert_int_equal(bud_pilot_figures(&f->app, &a, &bad, &out, &err), BUD_EINVAL);
	assert_string_equal(err.field, "to");
	bad.from = "2025-02-30";
	assert_int_equal(bud_pilot_figures(&f->app, &a, &bad, &out, &err), BUD_EINVAL);
	assert_string_equal(err.field, "from");
	/* the evaluator's reading is one use-log row naming no client */
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM uselog WHERE role = 'evaluator'"
				    " AND object = 'pilot:figures' AND client_id IS NULL"), 0);
	assert_int_equal(bud_pilot_figures(&f->app, &a, &q, &out, &err), BUD_OK);
	json_decref(out);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM uselog WHERE role = 'evaluator'"
				    " AND object = 'pilot:figures'"), 1);
	/* and no client's own data */
	assert_int_equal(bud_outcome_get(&f->app, &a, 101, &out, &err), BUD_EFORBIDDEN);
}

/* Client 1 (the fixture's client account) with a decision approved
 * days_ago days before the fixture's clock. */
static void decide_for_client_1(struct fx *f, int days_ago)
{
	char sql[1024];

	snprintf(sql, sizeof(sql), "INSERT INTO plan (id, client_id, organiser_id, state,"
		 " valid_from, valid_to, review_date, lang, decision_no, version, drafted_by,"
		 " approved_by, approved_at, created_at, updated_at) VALUES (900, 1, 1,"
		 " 'approved', '2025-01-01', '2025-12-31', '2025-12-01', 'fi', 'D-900', 1, 2,"
		 " 4, %lld, 0, 0);", (long long)(FX_T0 - (int64_t)days_ago * DAY));
	assert_int_equal(fx_raw_exec(f, sql), 0);
}

static void test_questionnaire(void **state)
{
	struct fx *f = *state;
	struct bud_outcome_in in = {3, 2, 1, "Hyvä näin.\nKiitos.", "fi"};
	json_t *out = NULL;
	bud_actor a;
	bud_err err;

	fx_actor(f, FX_CLIENT, &a);
	assert_int_equal(bud_outcome_get(&f->app, &a, 1, &out, &err), BUD_OK);
	assert_false(json_is_true(json_object_get(out, "open")));
	json_decref(out);
	assert_int_equal(bud_outcome_answer(&f->app, &a, 1, &in, &out, &err), BUD_ECONFLICT);
	assert_string_equal(err.key, "err.outcome.closed");

	decide_for_client_1(f, 10);
	assert_int_equal(bud_outcome_get(&f->app, &a, 1, &out, &err), BUD_OK);
	assert_true(json_is_true(json_object_get(out, "open")));
	assert_true(json_is_null(json_object_get(out, "answer")));
	json_decref(out);
	in.q_help = 4;
	assert_int_equal(bud_outcome_answer(&f->app, &a, 1, &in, &out, &err), BUD_EINVAL);
	assert_string_equal(err.field, "q_help");
	in.q_help = 2;
	assert_int_equal(bud_outcome_answer(&f->app, &a, 1, &in, &out, &err), BUD_OK);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(out, "answer"),
							    "q_life")), 3);
	json_decref(out);
	/* answering again replaces: still one answer, the new words */
	in.q_life = 1;
	in.comment = "";
	assert_int_equal(bud_outcome_answer(&f->app, &a, 1, &in, &out, &err), BUD_OK);
	json_decref(out);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM outcome_answer WHERE client_id = 1"), 1);
	assert_int_equal(fx_raw_int(f, "SELECT q_life FROM outcome_answer WHERE plan_id = 900"), 1);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM uselog WHERE client_id = 1 AND"
				    " object = 'outcome:900'"), 2);
	/* another client's, a worker, a representative without a mandate */
	assert_int_equal(bud_outcome_answer(&f->app, &a, 2, &in, &out, &err), BUD_ENOTFOUND);
	fx_actor(f, FX_WORKER, &a);
	assert_int_equal(bud_outcome_answer(&f->app, &a, 1, &in, &out, &err), BUD_EFORBIDDEN);
	fx_actor(f, FX_REP, &a);
	assert_int_equal(bud_outcome_get(&f->app, &a, 1, &out, &err), BUD_ENOTFOUND);
}

static void test_questionnaire_closes(void **state)
{
	struct fx *f = *state;
	struct bud_outcome_in in = {3, 3, 3, NULL, "sv"};
	json_t *out = NULL;
	bud_actor a;
	bud_err err;

	decide_for_client_1(f, BUD_OUTCOME_OPEN_DAYS + 1);
	fx_actor(f, FX_CLIENT, &a);
	assert_int_equal(bud_outcome_answer(&f->app, &a, 1, &in, &out, &err), BUD_ECONFLICT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_offers_with_complementary_suppression,
						setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_services_providers_and_cost, setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(test_timing_disputes_outcomes, setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(test_who_may_read, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_download_table, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_questionnaire, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_questionnaire_closes, fx_setup,
						fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
