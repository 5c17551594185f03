/*
 * app/demo_scale.c: `budjetti demo --scale N` (app/demo.h,
 * bud_demo_scale): a county of N generated clients on top of the demo,
 * for benchmarks and for trying the service at the size of a real
 * wellbeing services county.
 *
 * What it writes, all decided by a PRNG seeded with N (the same N gives
 * the same county; the dates follow the month it is run in):
 *   providers    max(10, N / 100) companies, associations and foundations,
 *                each with two or three services (not the monthly
 *                housing) approved in its home municipality and up to two
 *                more; every service is approved somewhere in every
 *                municipality a client lives in;
 *   clients      Finnish- and Swedish-speaking names, temporary identity
 *                codes (individual numbers 900..999 that the demo's own
 *                people do not use), municipalities weighted by size, the
 *                first unit; a use-log row of the creation each;
 *   plans        one approved plan each, from the first of the month a
 *                year back for two years, with one to three lines (the
 *                price list's prices, monthly quantities that vary), the
 *                grants in the ledger;
 *   commitments  one active commitment per line to an approved provider
 *                of the client's municipality, reserved for the whole
 *                period;
 *   events       for every commitment two to seven events a month over
 *                the twelve months before this one (never more than the
 *                month's quantity): about 70 % confirmed by the client,
 *                one in 500 disputed, the rest recorded (confirmed by the
 *                dispute window), with the usage kept per month.
 * No invoice is made: settling a month is `budjetti settle`'s work.
 *
 * The clients are written SCALE_BATCH at a time, each batch one write
 * unit through the store functions (their prepared statements are
 * reused), so a failure leaves whole batches and the file should be
 * thrown away. `budjetti check` passes on the result.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/demo.h"
#include "app/uselog.h"
#include "core/budget.h"
#include "core/date.h"
#include "core/money.h"
#include "store/client.h"
#include "store/commitment.h"
#include "store/event.h"
#include "store/org.h"
#include "store/plan.h"
#include "store/provider.h"
#include "store/scale.h"

#define SCALE_BATCH 500		/* clients a write unit: ~50 000 events */
#define SCALE_MONTHS 12		/* months of events, before this one */
#define NMUNI 7
#define NSVC 9
#define MAX_LINES 3

enum { ACC_WORKER = 1, ACC_DM = 2 };

static const struct {
	const char *fi, *sv;
	int weight, postcode;
} munis[NMUNI] = {
	{"Porvoo", "Borgå", 50, 6100}, {"Sipoo", "Sibbo", 22, 4130},
	{"Loviisa", "Lovisa", 15, 7900}, {"Askola", "Askola", 5, 7500},
	{"Lapinjärvi", "Lappträsk", 3, 7800}, {"Myrskylä", "Mörskom", 2, 7600},
	{"Pukkila", "Pukkila", 3, 7560},
};

/* The services a generated line may have, how common, and one event's
 * quantity (hundredths; hours vary 2..4). */
static const struct {
	const char *code;
	int weight, qty;
} svcs[NSVC] = {
	{"personal_assistance", 30, 200}, {"transport", 25, 100},
	{"home_care", 15, 200}, {"day_activities", 12, 100},
	{"extra_hours", 4, 200}, {"service_housing", 4, 100},
	{"carer_leave", 4, 100}, {"enhanced_service_housing", 3, 100},
	{"temporary_housing", 3, 100},
};

static const char *const first_fi[] = {"Aino", "Eero", "Helmi", "Juha",
	"Kaarina", "Lauri", "Minna", "Niko", "Oona", "Pekka", "Riikka",
	"Sami", "Tuula", "Ville", "Anneli", "Jari", "Leena", "Markku",
	"Sirpa", "Timo", "Elina", "Heikki", "Kirsi", "Olli"};
static const char *const last_fi[] = {"Korhonen", "Virtanen", "Mäkinen",
	"Nieminen", "Mäkelä", "Hämäläinen", "Laine", "Heikkinen", "Koskinen",
	"Järvinen", "Lehtonen", "Lehtinen", "Saarinen", "Salminen", "Heinonen",
	"Niemi", "Heikkilä", "Kinnunen", "Salonen", "Turunen", "Salo",
	"Laitinen", "Tuominen", "Rantanen"};
static const char *const first_sv[] = {"Anders", "Britt", "Elin", "Henrik",
	"Ingrid", "Johan", "Karin", "Lars", "Maja", "Nils", "Stina", "Tomas"};
static const char *const last_sv[] = {"Lindholm", "Sundström", "Grönqvist",
	"Holmberg", "Lindqvist", "Eklund", "Nyberg", "Backman", "Sjöberg",
	"Westerlund", "Åström", "Lindroos"};
static const char *const prov_name[] = {"Apu", "Hoiva", "Tuki", "Arki",
	"Kumppani", "Lähi", "Koti", "Taito", "Valo", "Askel", "Kaari", "Silta"};
static const char *const prov_tail[] = {"palvelut Oy", "hoiva Oy", "ry",
	"säätiö sr", "avustajat Oy", "kuljetus Oy"};

#define N_OF(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* The individual numbers of the demo's own people, never generated. */
static const int demo_individual[] = {901, 913, 922, 926, 957, 991};

struct sprov {
	int64_t id;
	int svc[3], nsvc;
	int areas;		/* bit m: approved in munis[m] */
};

struct sline {
	int svc;
	int64_t quantity, qty;	/* a month; one event */
	int64_t monthly, line_id, cm_id;
	int prov;
};

struct scale {
	bud_app *app;
	const struct bud_demo_result *r;
	uint64_t rng;
	int64_t n, done, events, now, worker, dm;
	int nprov;
	struct sprov *prov;
	int64_t *appr;		/* [prov][muni][svc]: the approval, 0 none */
	int *cand, cand_at[NSVC * NMUNI + 1];	/* providers per (svc, muni) */
	int64_t svc_id[NSVC], price_id[NSVC], unit_price[NSVC];
	char unit[NSVC][8], instrument[NSVC][16];
	char from[BUD_DATE_BUF], to[BUD_DATE_BUF], review[BUD_DATE_BUF];
	char effective[BUD_DATE_BUF];
	int y0, m0;		/* the first month of events */
	bud_demo_progress_fn progress;
	void *progress_arg;
	int64_t first, count;	/* the batch being written */
	struct bud_store_plan plan;	/* large: kept here, not on the stack */
	struct bud_store_event ev;
};

/* splitmix64: small, fast, and the same everywhere. */
static uint64_t rnd(struct scale *s)
{
	uint64_t z = (s->rng += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static int below(struct scale *s, int n)
{
	return (int)(rnd(s) % (uint64_t)n);
}

static int weighted_muni(struct scale *s)
{
	int i, v = below(s, 100);

	for (i = 0; i < NMUNI - 1; i++) {
		if (v < munis[i].weight)
			return i;
		v -= munis[i].weight;
	}
	return NMUNI - 1;
}

static int weighted_svc(struct scale *s)
{
	int i, v = below(s, 100);

	for (i = 0; i < NSVC - 1; i++) {
		if (v < svcs[i].weight)
			return i;
		v -= svcs[i].weight;
	}
	return NSVC - 1;
}

/* ---- the n-th identifiers ---------------------------------------------- */

/* The n-th Y-tunnus from 9600000 on (a range the demo and `providers
 * seed` do not use; numbers whose check digit would be 1 are skipped). */
static void nth_ytunnus(int n, char *out, size_t outsz)
{
	static const int w[7] = {7, 9, 10, 5, 8, 4, 2};
	int base = 9600000, k, sum, r, d;

	for (;; base++) {
		for (k = 6, d = base, sum = 0; k >= 0; k--, d /= 10)
			sum += w[k] * (d % 10);
		r = sum % 11;
		if (r != 1 && n-- == 0)
			break;
	}
	snprintf(out, outsz, "%07u-%u", (unsigned)base % 10000000u,
		 (unsigned)(r ? 11 - r : 0) % 10u);
}

/* A Finnish IBAN for account number n at an OP bank (BBAN 5xxxxx, a
 * Luhn digit last; the IBAN's mod-97 check digits before it). */
static void nth_iban(int n, char *out, size_t outsz)
{
	char bban[15], digits[32];
	int i, sum = 0, rem = 0;

	snprintf(bban, sizeof(bban), "572900%07d", n % 10000000);
	for (i = 12; i >= 0; i--) {
		int v = (bban[i] - '0') * ((12 - i) % 2 ? 1 : 2);

		sum += v > 9 ? v - 9 : v;
	}
	bban[13] = (char)('0' + (10 - sum % 10) % 10);
	bban[14] = '\0';
	snprintf(digits, sizeof(digits), "%s151800", bban);	/* F=15 I=18 */
	for (i = 0; digits[i]; i++)
		rem = (rem * 10 + digits[i] - '0') % 97;
	snprintf(out, outsz, "FI%02d%s", 98 - rem, bban);
}

/* Client i's temporary identity code: birthdays from 1940 on, 94
 * individual numbers a day. */
static void nth_hetu(int64_t i, char *out, size_t outsz)
{
	static const char check[] = "0123456789ABCDEFHJKLMNPRSTUVWXY";
	int ind = 900 + (int)(i % 94), y, m, d, k;
	int64_t day = bud_date_days(1940, 1, 1) + (i / 94) * 11 % 24000;

	for (k = 0; k < N_OF(demo_individual); k++)
		if (ind >= demo_individual[k])
			ind++;
	bud_date_from_days(day, &y, &m, &d);
	snprintf(out, outsz, "%02u%02u%02u%c%03u%c", (unsigned)d % 100u,
		 (unsigned)m % 100u, (unsigned)y % 100u, y >= 2000 ? 'A' : '-',
		 (unsigned)ind % 1000u, check[((int64_t)d * 10000000 +
		 m * 100000 + (y % 100) * 1000 + ind) % 31]);
}

/* ---- setting up --------------------------------------------------------- */

/* The plans' period (the first of the month a year back, two years), the
 * first month of events and the approvals' start (a month earlier). */
static int scale_dates(struct scale *s, bud_err *err)
{
	char today[BUD_DATE_BUF];
	int y, m, d, ty, tm, td, ry, rm, rd, ey, em, ed;

	if (bud_app_today(s->app, today, sizeof(today)) != BUD_OK ||
	    bud_date_parse(today, &y, &m, &d, err) != BUD_OK ||
	    bud_date_add_months(y, m, 1, -SCALE_MONTHS, &s->y0, &s->m0, &d) ||
	    bud_date_add_months(s->y0, s->m0, 1, 24, &ty, &tm, &td) ||
	    bud_date_from_days(bud_date_days(ty, tm, td) - 1, &ty, &tm, &td) ||
	    bud_date_add_months(s->y0, s->m0, 1, 12, &ry, &rm, &rd) ||
	    bud_date_add_months(s->y0, s->m0, 1, -1, &ey, &em, &ed) ||
	    bud_date_format(s->y0, s->m0, 1, s->from) ||
	    bud_date_format(ty, tm, td, s->to) ||
	    bud_date_format(ry, rm, rd, s->review) ||
	    bud_date_format(ey, em, ed, s->effective))
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal",
				   "the scale demo's dates are out of range");
	return BUD_OK;
}

/* The services' ids and the price list's price of each. */
static int read_prices(bud_conn *w, void *arg, bud_err *err)
{
	struct scale *s = arg;
	struct bud_store_service sv;
	struct bud_store_price p[64];
	size_t n = 0, i;
	int k, rc;

	if ((rc = bud_store_price_list(w, s->r->organiser_id, p, 64, &n, err)))
		return rc;
	for (k = 0; k < NSVC; k++) {
		if ((rc = bud_store_service_by_code(w, svcs[k].code, &sv, err)))
			return rc;
		s->svc_id[k] = sv.id;
		for (i = 0; i < n && p[i].service_id != sv.id; i++)
			;
		if (i == n)
			return bud_err_set(err, BUD_EINTERNAL, "price", "err.internal",
					   "no price for %s", svcs[k].code);
		s->price_id[k] = p[i].id;
		s->unit_price[k] = p[i].unit_price;
		snprintf(s->unit[k], sizeof(s->unit[k]), "%s", p[i].unit);
		snprintf(s->instrument[k], sizeof(s->instrument[k]), "%s",
			 p[i].instrument);
	}
	return BUD_OK;
}

/* Which providers there are, what each offers and where: two or three
 * services, the home municipality and up to two more; then every
 * (service, municipality) left without one goes to the first provider
 * of that service. */
static void plan_providers(struct scale *s)
{
	int p, k, m;

	for (p = 0; p < s->nprov; p++) {
		struct sprov *v = &s->prov[p];

		v->svc[0] = p % NSVC;
		v->nsvc = 1;
		for (k = 1 + below(s, 2); k > 0; k--) {
			int c = weighted_svc(s), j;

			for (j = 0; j < v->nsvc && v->svc[j] != c; j++)
				;
			if (j == v->nsvc)
				v->svc[v->nsvc++] = c;
		}
		v->areas = 1 << weighted_muni(s);
		for (k = below(s, 3); k > 0; k--)
			v->areas |= 1 << below(s, NMUNI);
	}
	for (k = 0; k < NSVC; k++)
		for (m = 0; m < NMUNI; m++) {
			int first = -1, found = 0, j;

			for (p = 0; p < s->nprov && !found; p++)
				for (j = 0; j < s->prov[p].nsvc; j++)
					if (s->prov[p].svc[j] == k) {
						if (first < 0)
							first = p;
						found |= s->prov[p].areas >> m & 1;
					}
			if (!found && first >= 0)
				s->prov[first].areas |= 1 << m;
		}
}

/* The providers per (service, municipality), as offsets into s->cand. */
static int index_providers(struct scale *s)
{
	int p, j, m, at = 0, c;

	s->cand = malloc(sizeof(int) * (size_t)s->nprov * 3 * NMUNI);
	if (!s->cand)
		return BUD_ENOMEM;
	for (c = 0; c < NSVC * NMUNI; c++) {
		s->cand_at[c] = at;
		for (p = 0; p < s->nprov; p++)
			for (j = 0; j < s->prov[p].nsvc; j++) {
				m = c % NMUNI;
				if (s->prov[p].svc[j] == c / NMUNI &&
				    (s->prov[p].areas >> m & 1))
					s->cand[at++] = p;
			}
	}
	s->cand_at[NSVC * NMUNI] = at;
	return BUD_OK;
}

/* ---- providers ----------------------------------------------------------- */

/* Provider p's approval for service k in municipality m, with its
 * history row, from s->effective. */
static int write_approval(bud_conn *w, struct scale *s, int p, int m, int k,
			  bud_err *err)
{
	struct bud_store_approval a;
	struct bud_store_approval_event e;
	int rc;

	memset(&a, 0, sizeof(a));
	a.provider_id = s->prov[p].id;
	a.service_id = s->svc_id[k];
	snprintf(a.municipality, sizeof(a.municipality), "%s", munis[m].fi);
	a.created_at = s->now;
	if ((rc = bud_store_approval_insert(w, &a, &a.id, err)))
		return rc;
	snprintf(a.state, sizeof(a.state), "approved");
	snprintf(a.effective, sizeof(a.effective), "%s", s->effective);
	a.decided_by = s->worker;
	a.updated_at = s->now;
	memset(&e, 0, sizeof(e));
	e.approval_id = a.id;
	snprintf(e.state, sizeof(e.state), "approved");
	snprintf(e.effective, sizeof(e.effective), "%s", s->effective);
	e.by_user = s->worker;
	e.at = s->now;
	if ((rc = bud_store_approval_update(w, &a, err)) ||
	    (rc = bud_store_approval_event_insert(w, &e, err)))
		return rc;
	s->appr[((int64_t)p * NMUNI + m) * NSVC + k] = a.id;
	return BUD_OK;
}

static int write_provider(bud_conn *w, struct scale *s, int p, bud_err *err)
{
	struct sprov *v = &s->prov[p];
	struct bud_store_provider x;
	const char *areas[NMUNI];
	int m, j, n = 0, home = -1, rc;

	memset(&x, 0, sizeof(x));
	x.organiser_id = s->r->organiser_id;
	snprintf(x.name, sizeof(x.name), "%s%s %s %d",
		 prov_name[p % N_OF(prov_name)], p / N_OF(prov_name) % 2 ? "la" : "",
		 prov_tail[p % N_OF(prov_tail)], p + 1);
	nth_ytunnus(p, x.ytunnus, sizeof(x.ytunnus));
	nth_iban(p + 1, x.iban, sizeof(x.iban));
	snprintf(x.bic, sizeof(x.bic), "OKOYFIHH");
	snprintf(x.ovt, sizeof(x.ovt), "0037%.7s%c", x.ytunnus, x.ytunnus[8]);
	for (m = 0; m < NMUNI; m++)
		if (v->areas >> m & 1) {
			areas[n++] = munis[m].fi;
			if (home < 0)
				home = m;
		}
	snprintf(x.municipality, sizeof(x.municipality), "%s", munis[home].fi);
	snprintf(x.languages, sizeof(x.languages), p % 4 ? "fi" : "fi,sv");
	snprintf(x.status, sizeof(x.status), "approved");
	snprintf(x.kind, sizeof(x.kind), "%s", p % N_OF(prov_tail) == 2 ? "association" :
		 p % N_OF(prov_tail) == 3 ? "foundation" : "company");
	snprintf(x.email, sizeof(x.email), "toimisto@palvelu%d.example", p + 1);
	snprintf(x.phone, sizeof(x.phone), "+35840%07d", 1000000 + p);
	x.created_at = s->now;
	if ((rc = bud_store_provider_insert(w, &x, &v->id, err)) ||
	    (rc = bud_store_provider_areas_set(w, v->id, areas, (size_t)n, err)))
		return rc;
	for (m = 0; m < NMUNI; m++)
		for (j = 0; j < v->nsvc && (v->areas >> m & 1); j++)
			if ((rc = write_approval(w, s, p, m, v->svc[j], err)))
				return rc;
	return BUD_OK;
}

static int write_providers(bud_conn *w, void *arg, bud_err *err)
{
	struct scale *s = arg;
	int p, rc;

	for (p = 0; p < s->nprov; p++)
		if ((rc = write_provider(w, s, p, err)))
			return rc;
	return BUD_OK;
}

/* ---- clients, plans and commitments -------------------------------------- */

/* Client i (0-based) in municipality m; *id its id, lang its language. */
static int write_client(bud_conn *w, struct scale *s, int64_t i, int m,
			int64_t *id, char lang[4], bud_err *err)
{
	struct bud_store_client c;
	int sv = below(s, 100) < (m <= 2 ? 30 : 8);
	int rc;

	memset(&c, 0, sizeof(c));
	c.organiser_id = s->r->organiser_id;
	nth_hetu(i, c.hetu, sizeof(c.hetu));
	snprintf(c.first_name, sizeof(c.first_name), "%s", sv ?
		 first_sv[below(s, N_OF(first_sv))] : first_fi[below(s, N_OF(first_fi))]);
	snprintf(c.last_name, sizeof(c.last_name), "%s", sv ?
		 last_sv[below(s, N_OF(last_sv))] : last_fi[below(s, N_OF(last_fi))]);
	snprintf(c.lang, sizeof(c.lang), sv ? "sv" : "fi");
	snprintf(c.municipality, sizeof(c.municipality), "%s", munis[m].fi);
	snprintf(c.address, sizeof(c.address), "%s %d, %05d %s",
		 sv ? "Bygatan" : "Kylätie", 1 + below(s, 120), munis[m].postcode,
		 sv ? munis[m].sv : munis[m].fi);
	c.easy_read = below(s, 20) == 0;
	c.unit_id = s->r->unit_ids[0];
	c.created_at = s->now;
	snprintf(lang, 4, "%s", c.lang);
	if ((rc = bud_store_client_insert(w, &c, id, err)))
		return rc;
	return bud_uselog_append_row(s->app, w, NULL, *id, "create", "client",
				     "system", err);
}

/* The lines of a client in municipality m: 1..3 services, each with a
 * provider approved there and a month's quantity of 8..15 events. */
static int pick_lines(struct scale *s, int m, struct sline *l)
{
	int n = 0, want = 1 + below(s, 100) / 40, tries;

	for (tries = 0; n < want && tries < 10; tries++) {
		int k = weighted_svc(s), j, c = k * NMUNI + m;
		int nc = s->cand_at[c + 1] - s->cand_at[c];

		for (j = 0; j < n && l[j].svc != k; j++)
			;
		if (j < n || nc == 0)
			continue;
		memset(&l[n], 0, sizeof(l[n]));
		l[n].svc = k;
		l[n].qty = svcs[k].qty == 200 ? 100 * (2 + below(s, 3)) : 100;
		l[n].quantity = l[n].qty * (8 + below(s, 8));
		l[n].prov = s->cand[s->cand_at[c] + below(s, nc)];
		n++;
	}
	return n;
}

/* The grant of line l, by the decision maker. */
static int grant(bud_conn *w, struct scale *s, int64_t client, int64_t plan,
		 const struct sline *l, int64_t amount, bud_err *err)
{
	struct bud_store_ledger_row r = {.client_id = client, .plan_id = plan,
		.plan_line_id = l->line_id, .kind = "grant", .amount = amount,
		.on_date = s->from, .created_by = s->dm, .created_at = s->now};

	return bud_store_ledger_insert(w, &r, err);
}

/* The client's approved plan with lines l[0..n-1] and their grants. */
static int write_plan(bud_conn *w, struct scale *s, int64_t client,
		      const char *lang, struct sline *l, int n, int64_t *plan,
		      bud_err *err)
{
	struct bud_store_plan *p = &s->plan;
	struct bud_store_plan_line pl;
	char no[32];
	int64_t period;
	int j, rc;

	memset(p, 0, sizeof(*p));
	p->client_id = client;
	p->organiser_id = s->r->organiser_id;
	snprintf(p->valid_from, sizeof(p->valid_from), "%s", s->from);
	snprintf(p->valid_to, sizeof(p->valid_to), "%s", s->to);
	snprintf(p->review_date, sizeof(p->review_date), "%s", s->review);
	snprintf(p->reasoning, sizeof(p->reasoning), "Palvelutarpeen arvioinnin mukaan.");
	p->drafted_by = s->worker;
	p->created_at = p->updated_at = s->now;
	if ((rc = bud_store_plan_insert(w, p, plan, err)))
		return rc;
	for (j = 0; j < n; j++) {
		memset(&pl, 0, sizeof(pl));
		pl.plan_id = *plan;
		pl.position = j + 1;
		pl.service_id = s->svc_id[l[j].svc];
		pl.price_id = s->price_id[l[j].svc];
		snprintf(pl.unit, sizeof(pl.unit), "%s", s->unit[l[j].svc]);
		pl.unit_price = s->unit_price[l[j].svc];
		snprintf(pl.instrument, sizeof(pl.instrument), "%s", s->instrument[l[j].svc]);
		pl.quantity = l[j].quantity;
		if ((rc = bud_budget_monthly(pl.quantity, pl.unit_price, &pl.monthly_amount, err)) ||
		    (rc = bud_budget_prorata(pl.monthly_amount, s->from, s->to, &period, err)))
			return rc;
		pl.period_amount = period;
		l[j].monthly = pl.monthly_amount;
		if ((rc = bud_store_plan_line_insert(w, &pl, &l[j].line_id, err)))
			return rc;
	}
	snprintf(no, sizeof(no), "HB-%.4s-%06" PRId64, s->from, *plan);
	if ((rc = bud_store_plan_propose(w, *plan, s->now, err)) ||
	    (rc = bud_store_plan_approve(w, *plan, s->dm, lang, no, 1, 0, s->now, err)))
		return rc;
	for (j = 0; j < n; j++)
		if ((rc = bud_budget_prorata(l[j].monthly, s->from, s->to, &period, err)) ||
		    (rc = grant(w, s, client, *plan, &l[j], period, err)))
			return rc;
	return BUD_OK;
}

/* Line l's commitment to its provider, accepted, reserved in the ledger. */
static int write_commitment(bud_conn *w, struct scale *s, int64_t client,
			    int64_t plan, int m, struct sline *l, bud_err *err)
{
	struct bud_store_commitment c;
	struct bud_store_ledger_row r;
	int rc;

	memset(&c, 0, sizeof(c));
	c.client_id = client;
	c.plan_id = plan;
	c.plan_line_id = l->line_id;
	c.provider_id = s->prov[l->prov].id;
	c.approval_id = s->appr[((int64_t)l->prov * NMUNI + m) * NSVC + l->svc];
	snprintf(c.instrument, sizeof(c.instrument), "%s", s->instrument[l->svc]);
	snprintf(c.unit, sizeof(c.unit), "%s", s->unit[l->svc]);
	c.quantity = l->quantity;
	c.unit_price = s->unit_price[l->svc];
	c.monthly_amount = l->monthly;
	snprintf(c.valid_from, sizeof(c.valid_from), "%s", s->from);
	snprintf(c.valid_to, sizeof(c.valid_to), "%s", s->to);
	c.created_by = s->worker;
	c.created_at = c.updated_at = s->now;
	if ((rc = bud_budget_prorata(l->monthly, s->from, s->to, &c.reserved, err)) ||
	    (rc = bud_store_commitment_insert(w, &c, &c.id, err)) ||
	    (rc = bud_store_commitment_event(w, c.id, "offered", "", s->from,
					     s->worker, s->now, err)))
		return rc;
	snprintf(c.state, sizeof(c.state), "active");
	if ((rc = bud_store_commitment_move(w, &c, "offered", err)) ||
	    (rc = bud_store_commitment_event(w, c.id, "active", "", s->from, 0,
					     s->now, err)))
		return rc;
	r = (struct bud_store_ledger_row){.client_id = client, .plan_id = plan,
		.plan_line_id = l->line_id, .kind = "reserve", .amount = c.reserved,
		.on_date = s->from, .created_by = s->worker, .created_at = s->now,
		.commitment_id = c.id};
	l->cm_id = c.id;
	return bud_store_ledger_insert(w, &r, err);
}

/* ---- service events ------------------------------------------------------ */

/* Event e's state: about 70 % confirmed by the client a day after it
 * was recorded, one in 500 disputed, the rest left to the window. */
static void answer(struct scale *s, struct bud_store_event *e)
{
	int v = below(s, 1000);

	e->answered_at = 0;
	e->reason[0] = '\0';
	if (v < 2) {
		snprintf(e->state, sizeof(e->state), "disputed");
		snprintf(e->reason, sizeof(e->reason), "Avustaja ei tullut.");
		e->answered_at = e->recorded_at + 86400;
	} else if (v < 700) {
		snprintf(e->state, sizeof(e->state), "confirmed");
		e->answered_at = e->recorded_at + 86400;
	} else {
		snprintf(e->state, sizeof(e->state), "recorded");
	}
}

/* Line l's events of month y-m: k of them on days spread over the month,
 * the sums added to its usage of the month. */
static int write_month(bud_conn *w, struct scale *s, struct bud_store_event *e,
		       const struct sline *l, int y, int m, bud_err *err)
{
	int k = 2 + below(s, 6), md = bud_date_month_days(y, m), stride = md / k;
	int64_t qty = 0, amount = 0;
	char month[8];
	int j, d, rc;

	for (j = 0; j < k; j++) {
		d = j * stride + 1 + below(s, stride);
		bud_date_format(y, m, d, e->on_date);
		e->quantity = l->qty;
		if ((rc = bud_money_line(e->quantity, e->unit_price, &e->amount, err)))
			return rc;
		snprintf(e->external_id, sizeof(e->external_id), "S%" PRId64 "-%02d%02d",
			 l->cm_id, m, d);
		e->recorded_at = bud_time_helsinki_midnight(y, m, d) + 20 * 3600;
		answer(s, e);
		if ((rc = bud_store_scale_event_insert(w, e, NULL, err)))
			return rc;
		qty += e->quantity;
		amount += e->amount;
	}
	s->events += k;
	snprintf(month, sizeof(month), "%04d-%02d", y, m);
	return bud_store_event_usage_add(w, l->cm_id, month, qty, amount, err);
}

/* A year of line l's events before this month. */
static int write_events(bud_conn *w, struct scale *s, int64_t client,
			const struct sline *l, bud_err *err)
{
	struct bud_store_event *e = &s->ev;
	int i, y, m, d, rc;

	memset(e, 0, sizeof(*e));
	e->commitment_id = l->cm_id;
	e->client_id = client;
	e->provider_id = s->prov[l->prov].id;
	e->plan_line_id = l->line_id;
	e->unit_price = s->unit_price[l->svc];
	for (i = 0; i < SCALE_MONTHS; i++) {
		if (bud_date_add_months(s->y0, s->m0, 1, i, &y, &m, &d))
			return bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal",
					   "the scale demo's months");
		if ((rc = write_month(w, s, e, l, y, m, err)))
			return rc;
	}
	return BUD_OK;
}

/* ---- the whole ----------------------------------------------------------- */

static int write_one(bud_conn *w, struct scale *s, int64_t i, bud_err *err)
{
	struct sline l[MAX_LINES];
	int m = weighted_muni(s), n = pick_lines(s, m, l), j, rc;
	int64_t client = 0, plan = 0;
	char lang[4];

	if ((rc = write_client(w, s, i, m, &client, lang, err)))
		return rc;
	if (n == 0)
		return BUD_OK;
	if ((rc = write_plan(w, s, client, lang, l, n, &plan, err)))
		return rc;
	for (j = 0; j < n; j++)
		if ((rc = write_commitment(w, s, client, plan, m, &l[j], err)) ||
		    (rc = write_events(w, s, client, &l[j], err)))
			return rc;
	return BUD_OK;
}

/* Clients s->first .. s->first + s->count - 1, one write unit. The
 * PRNG's state is restored when the unit fails (nothing was written). */
static int write_batch(bud_conn *w, void *arg, bud_err *err)
{
	struct scale *s = arg;
	uint64_t saved = s->rng;
	int64_t i, events = s->events;
	int rc;

	for (i = s->first; i < s->first + s->count; i++)
		if ((rc = write_one(w, s, i, err))) {
			s->rng = saved;
			s->events = events;
			return rc;
		}
	return BUD_OK;
}

static int scale_setup(struct scale *s, bud_err *err)
{
	int rc;

	s->nprov = s->n / 100 > 10 ? (int)(s->n / 100) : 10;
	s->prov = calloc((size_t)s->nprov, sizeof(*s->prov));
	s->appr = calloc((size_t)s->nprov * NMUNI * NSVC, sizeof(*s->appr));
	if (!s->prov || !s->appr)
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.internal", "out of memory");
	if ((rc = scale_dates(s, err)) ||
	    (rc = bud_db_write(s->app->db, read_prices, s, err)))
		return rc;
	plan_providers(s);
	if (index_providers(s) != BUD_OK)
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.internal", "out of memory");
	return bud_db_write(s->app->db, write_providers, s, err);
}

int bud_demo_scale(bud_app *app, const struct bud_demo_result *r, int64_t n,
		   bud_demo_progress_fn progress, void *progress_arg,
		   struct bud_demo_scale_result *out, bud_err *err)
{
	struct scale *s;
	int rc;

	memset(out, 0, sizeof(*out));
	if (n < 1 || n > BUD_DEMO_SCALE_MAX)
		return bud_err_set(err, BUD_EINVAL, "scale", "err.out_of_range",
				   "--scale must be 1..%d", BUD_DEMO_SCALE_MAX);
	s = calloc(1, sizeof(*s));
	if (!s)
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.internal", "out of memory");
	s->app = app;
	s->r = r;
	s->n = n;
	s->rng = 0x62756A6574746900ULL ^ (uint64_t)n;
	s->now = bud_app_now(app);
	s->worker = r->accounts[ACC_WORKER].user_id;
	s->dm = r->accounts[ACC_DM].user_id;
	s->progress = progress;
	s->progress_arg = progress_arg;
	rc = scale_setup(s, err);
	for (s->first = 0; rc == BUD_OK && s->first < n; s->first += s->count) {
		s->count = n - s->first < SCALE_BATCH ? n - s->first : SCALE_BATCH;
		rc = bud_db_write(app->db, write_batch, s, err);
		if (rc == BUD_OK && progress)
			progress(progress_arg, s->first + s->count, n);
	}
	out->clients = rc == BUD_OK ? n : s->first;
	out->providers = s->nprov;
	out->events = s->events;
	free(s->cand);
	free(s->appr);
	free(s->prov);
	free(s);
	return rc;
}
