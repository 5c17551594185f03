/*
 * app/demo.c: the demo data set (app/demo.h). Owns the fixed, realistic
 * contents: Itä-Uudenmaan hyvinvointialue (Eastern Uusimaa, bilingual),
 * two units, the ten services of the seeds with fi/sv/en names and a 2026
 * price list, three providers (a company, an association, a
 * Swedish-speaking foundation), five clients (two Swedish-speaking) and
 * one account per role.
 *
 * Identifiers are fictitious but valid: the Y-tunnus numbers start with 9
 * (a range not issued to companies), the IBANs carry both the national
 * (Luhn) and the IBAN mod-97 check, the OVT codes are built from the
 * Y-tunnus, and the identity codes are temporary ones (individual number
 * 900..999). Every one of them is checked with core/ids.c before anything
 * is written, so a typo here fails loudly instead of seeding bad data.
 *
 * One write unit writes everything: it is refused unless the database is
 * empty, and any failure rolls all of it back. The seven passwords are
 * hashed before it, on the caller's thread (argon2id never runs on the
 * writer); inside it the organiser, units, services and prices,
 * providers, clients, the accounts (bud_account_insert_hashed), the
 * clients' assignment to the demo worker and the representative's mandate
 * (bud_account_insert_mandate) are inserted, in that order.
 */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "app/account.h"
#include "app/demo.h"
#include "app/uselog.h"
#include "core/date.h"
#include "core/ids.h"
#include "store/client.h"
#include "store/oidc.h"
#include "store/org.h"
#include "store/provider.h"
#include "store/user.h"

#define PRICES_FROM "2026-01-01"

static const struct bud_store_organiser demo_org = {
	.code = "ita-uusimaa",
	.name_fi = "Itä-Uudenmaan hyvinvointialue",
	.name_sv = "Östra Nylands välfärdsområde",
	.name_en = "Eastern Uusimaa Wellbeing Services County",
	.ytunnus = "9231457-5",
	.bilingual = 1,
	.iban = "FI9617453000123457",
	.bic = "NDEAFIMM",
	/* the organiser's details (app/settings.h): fictitious but realistic,
	 * so that every decision of the demo can be approved and printed */
	.registry_address = "Kirjaamo, PL 46, 06151 Porvoo",
	.registry_address_sv = "Registratorskontoret, PB 46, 06151 Borgå",
	.registry_email = "kirjaamo@ita-uusimaa.example",
	.registry_phone = "019 520 4000",
	.registry_hours = "ma–pe klo 9–15",
	.registry_hours_sv = "mån–fre kl. 9–15",
	.appeal_name_fi = "Helsingin hallinto-oikeus",
	.appeal_name_sv = "Helsingfors förvaltningsdomstol",
	.appeal_address_fi = "Radanrakentajantie 5, 00520 Helsinki",
	.appeal_address_sv = "Banbyggarvägen 5, 00520 Helsingfors",
	.a11y_email = "saavutettavuus@ita-uusimaa.example",
	.a11y_phone = "019 520 4010",
	.a11y_supervisor_fi = "Etelä-Suomen aluehallintovirasto, saavutettavuusvalvonta, "
			      "puh. 0295 016 000",
	.a11y_supervisor_sv = "Regionförvaltningsverket i Södra Finland, tillgänglighetstillsynen, "
			      "tfn 0295 016 000",
	.a11y_supervisor_url = "https://www.saavutettavuusvaatimukset.fi",
};

static const struct {
	const char *fi, *sv, *en;
} demo_units[BUD_DEMO_UNITS] = {
	{"Vammaispalvelut, Porvoo", "Handikappservice, Borgå",
	 "Disability services, Porvoo"},
	{"Omaishoidon tuki", "Stöd för närståendevård", "Family carer support"},
};

/* The ten services of the seeds and the organiser's price for each. */
static const struct demo_service {
	const char *code, *fi, *sv, *en;
	const char *unit;		/* hour, day, trip, month, night */
	int64_t cents;
	const char *instrument;		/* commitment, voucher, purchase */
} demo_services[BUD_DEMO_SERVICES] = {
	{"supported_housing", "Tuettu asuminen", "Stödboende",
	 "Supported housing", "month", 145000, "commitment"},
	{"service_housing", "Palveluasuminen", "Serviceboende",
	 "Service housing", "day", 13500, "voucher"},
	{"enhanced_service_housing", "Tehostettu palveluasuminen",
	 "Effektiviserat serviceboende", "Enhanced service housing",
	 "day", 19000, "voucher"},
	{"temporary_housing", "Tilapäinen ympärivuorokautinen asumispalvelu",
	 "Tillfällig boendeservice dygnet runt",
	 "Temporary round-the-clock housing", "night", 22000, "commitment"},
	{"extra_hours", "Vierihoito (lisätunnit asumiseen)",
	 "Extra timmar i boendet", "Extra hours in housing",
	 "hour", 3900, "commitment"},
	{"day_activities", "Päivätoiminta", "Dagverksamhet",
	 "Day activities", "day", 8500, "voucher"},
	{"personal_assistance", "Henkilökohtainen apu", "Personlig assistans",
	 "Personal assistance", "hour", 2850, "commitment"},
	{"home_care", "Kotihoito", "Hemvård", "Home care", "hour", 4450, "voucher"},
	{"transport", "Vaikeavammaisten kuljetuspalvelu",
	 "Färdtjänst för personer med svår funktionsnedsättning",
	 "Transport service for the severely disabled", "trip", 3500, "purchase"},
	{"carer_leave", "Omaishoitajan vapaat", "Närståendevårdares lediga dagar",
	 "Family carers' leave days", "day", 12000, "voucher"},
};

static const struct demo_provider {
	const char *name, *ytunnus, *iban, *bic, *municipality, *languages;
} demo_providers[BUD_DEMO_PROVIDERS] = {
	{"Apuviisas Oy", "9304816-8", "FI9657413000098761", "OKOYFIHH",
	 "Porvoo", "fi,en"},
	{"Tukitupa ry", "9417325-1", "FI1480012500045677", "DABAFIHH",
	 "Loviisa", "fi"},
	{"Stiftelsen Solgläntan sr", "9528364-7", "FI4240551000282131",
	 "HELSFIHH", "Porvoo", "sv,fi"},
};

/* Temporary identity codes (individual numbers 900..999). */
static const struct demo_client {
	const char *hetu, *first, *last, *lang, *municipality, *address;
	const char *communication;
	int easy_read;
} demo_clients[BUD_DEMO_CLIENTS] = {
	{"140387-901Y", "Matti", "Korhonen", "fi", "Porvoo",
	 "Mannerheiminkatu 12 B 7, 06100 Porvoo", "", 0},
	{"021195-9422", "Elin", "Lindholm", "sv", "Loviisa",
	 "Drottninggatan 4, 07900 Lovisa",
	 "Tecken som stöd. Behöver mer tid i samtal.", 0},
	{"210604A9579", "Aleksi", "Virtanen", "fi", "Sipoo",
	 "Kartanontie 3 A 2, 04130 Sipoo",
	 "Selkokieli ja kuvat tukena. Äiti Liisa Virtanen mukana tapaamisissa.", 1},
	{"300962-9132", "Henrik", "Sundström", "sv", "Porvoo",
	 "Runebergsgatan 20, 06100 Borgå",
	 "Nedsatt hörsel: skriftlig kommunikation, teckenspråkstolk vid möten.", 0},
	{"080178-926Y", "Sanna", "Heikkinen", "fi", "Askola",
	 "Monninkyläntie 8, 07500 Askola", "", 0},
};

/* Liisa Virtanen's own identity code (temporary), by which she signs in
 * through e-identification. */
#define DEMO_REPRESENTATIVE_HETU "150565-991E"

/* Which client the client account is, and whom the representative acts for. */
#define CLIENT_SELF 0		/* Matti Korhonen */
#define CLIENT_REPRESENTED 2	/* Aleksi Virtanen, by his mother */

enum tie { TIE_NONE, TIE_UNIT, TIE_PROVIDER, TIE_CLIENT };

/* Every account is Finnish-language: the browser tests sign in and expect
 * the Finnish dashboards; each user can switch language. */
static const struct demo_account {
	const char *role, *username, *display_name;
	enum tie tie;
	int index;		/* into the tied table */
} demo_accounts[BUD_DEMO_ACCOUNTS] = {
	{"admin", "admin", "Aino Lindqvist", TIE_NONE, 0},
	{"worker", "maria.nieminen", "Maria Nieminen", TIE_UNIT, 0},
	{"decision_maker", "johanna.ek", "Johanna Ek", TIE_UNIT, 0},
	{"finance", "pekka.salonen", "Pekka Salonen", TIE_NONE, 0},
	{"provider_user", "kari.makela", "Kari Mäkelä", TIE_PROVIDER, 0},
	{"client", "matti.korhonen", "Matti Korhonen", TIE_CLIENT, CLIENT_SELF},
	{"representative", "liisa.virtanen", "Liisa Virtanen", TIE_NONE, 0},
	{"worker", "tomas.gronqvist", "Tomas Grönqvist", TIE_UNIT, 1},
	{"finance", "tuula.talous", "Tuula Talous", TIE_NONE, 0},	/* approves runs */
	{"evaluator", "eeva.arvioija", "Eeva Arvioija", TIE_NONE, 0},	/* pilot figures */
};

#define ACCOUNT_WORKER 1
#define ACCOUNT_REPRESENTATIVE 6
#define ACCOUNT_WORKER2 7	/* family carer support: Sanna Heikkinen's worker */
#define CLIENT_OF_WORKER2 4	/* Sanna Heikkinen */

/* Passwords: letters and digits without look-alikes (0 O o 1 l I i). */
static const char pw_alphabet[] =
	"23456789abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";

struct demo_ctx {
	bud_app *app;
	int64_t now;
	struct bud_demo_result *res;
	char hash[BUD_DEMO_ACCOUNTS][BUD_STORE_HASH_TEXT];	/* secret: wipe */
	char from[BUD_DATE_BUF], to[BUD_DATE_BUF];	/* the mandate's dates */
};

/* "0037" + the Y-tunnus's eight digits. */
static int make_ovt(const char *ytunnus, char *out, size_t outsz)
{
	int n;

	assert(strlen(ytunnus) == 9 && ytunnus[7] == '-');
	n = snprintf(out, outsz, "0037%.7s%c", ytunnus, ytunnus[8]);
	return n > 0 && (size_t)n < outsz ? BUD_OK : BUD_EINTERNAL;
}

/* The fixed identifiers pass their published checks (else a bug here). */
static int check_provider_ids(const struct demo_provider *p, bud_err *err)
{
	char ovt[BUD_STORE_OVT];
	int rc;

	if ((rc = bud_ytunnus_check(p->ytunnus, err)) ||
	    (rc = bud_iban_check(p->iban, NULL, 0, err)) ||
	    (rc = bud_bic_check(p->bic, NULL, 0, err)) ||
	    (rc = make_ovt(p->ytunnus, ovt, sizeof(ovt))) ||
	    (rc = bud_ovt_check(ovt, NULL, 0, err)))
		return rc;
	return BUD_OK;
}

static int check_fixed_ids(bud_err *err)
{
	struct bud_hetu_info info;
	const struct demo_provider org = {NULL, demo_org.ytunnus, demo_org.iban,
					  demo_org.bic, NULL, NULL};
	size_t i;
	int rc = check_provider_ids(&org, err);

	for (i = 0; rc == BUD_OK && i < BUD_DEMO_PROVIDERS; i++)
		rc = check_provider_ids(&demo_providers[i], err);
	for (i = 0; rc == BUD_OK && i < BUD_DEMO_CLIENTS; i++) {
		rc = bud_hetu_check(demo_clients[i].hetu, &info, err);
		if (rc == BUD_OK && !info.temporary)
			rc = BUD_EINVAL;
	}
	if (rc != BUD_OK) {
		char field[sizeof(err->field)] = "";

		if (err)
			memcpy(field, err->field, sizeof(field));
		return bud_err_set(err, BUD_EINTERNAL, field, "err.internal",
				   "a demo %s fails its check", field);
	}
	return BUD_OK;
}

/* A random password of BUD_GEN_PASSWORD_LEN characters into out. */
static void make_password(char *out, size_t outsz)
{
	size_t i;

	assert(outsz > BUD_GEN_PASSWORD_LEN);
	for (i = 0; i < BUD_GEN_PASSWORD_LEN; i++)
		out[i] = pw_alphabet[randombytes_uniform(sizeof(pw_alphabet) - 1)];
	out[i] = '\0';
}

/* No organiser and none of the demo user names: checked inside the unit. */
static int ensure_empty(bud_conn *w, bud_err *err)
{
	struct bud_store_user u;
	int64_t n = 0;
	size_t i;
	int rc;

	if ((rc = bud_store_organiser_count(w, &n, err)) != BUD_OK)
		return rc;
	for (i = 0; n == 0 && i < BUD_DEMO_ACCOUNTS; i++) {
		rc = bud_store_user_by_name(w, demo_accounts[i].username, &u, err);
		if (rc == BUD_OK)
			n = 1;
		else if (rc != BUD_ENOTFOUND)
			return rc;
	}
	sodium_memzero(u.password_hash, sizeof(u.password_hash));
	if (n != 0)
		return bud_err_set(err, BUD_ECONFLICT, "db", "err.demo.not_empty",
				   "the database is not empty; the demo needs a new database file");
	bud_err_clear(err);
	return BUD_OK;
}

/* --- the write unit: the organiser and its catalogue --- */

static int insert_org(bud_conn *w, struct demo_ctx *x, bud_err *err)
{
	struct bud_store_organiser o = demo_org;
	struct bud_store_unit u;
	size_t i;
	int rc;

	o.created_at = x->now;
	if ((rc = bud_store_organiser_insert(w, &o, &x->res->organiser_id, err)))
		return rc;
	o.id = x->res->organiser_id;
	if ((rc = bud_store_organiser_set_contact(w, &o, err)))
		return rc;
	for (i = 0; i < BUD_DEMO_UNITS; i++) {
		memset(&u, 0, sizeof(u));
		u.organiser_id = x->res->organiser_id;
		snprintf(u.name_fi, sizeof(u.name_fi), "%s", demo_units[i].fi);
		snprintf(u.name_sv, sizeof(u.name_sv), "%s", demo_units[i].sv);
		snprintf(u.name_en, sizeof(u.name_en), "%s", demo_units[i].en);
		if ((rc = bud_store_unit_insert(w, &u, &x->res->unit_ids[i], err)))
			return rc;
	}
	return BUD_OK;
}

/* The service (reused when the catalogue already has its code) and its
 * price from PRICES_FROM on. */
static int insert_service(bud_conn *w, struct demo_ctx *x, size_t i, bud_err *err)
{
	const struct demo_service *d = &demo_services[i];
	struct bud_store_service s;
	struct bud_store_price p;
	int64_t *sid = &x->res->service_ids[i];
	int rc;

	rc = bud_store_service_by_code(w, d->code, &s, err);
	if (rc == BUD_OK) {
		*sid = s.id;
	} else if (rc == BUD_ENOTFOUND) {
		memset(&s, 0, sizeof(s));
		snprintf(s.code, sizeof(s.code), "%s", d->code);
		snprintf(s.name_fi, sizeof(s.name_fi), "%s", d->fi);
		snprintf(s.name_sv, sizeof(s.name_sv), "%s", d->sv);
		snprintf(s.name_en, sizeof(s.name_en), "%s", d->en);
		if ((rc = bud_store_service_insert(w, &s, sid, err)))
			return rc;
	} else {
		return rc;
	}
	memset(&p, 0, sizeof(p));
	p.organiser_id = x->res->organiser_id;
	p.service_id = *sid;
	snprintf(p.unit, sizeof(p.unit), "%s", d->unit);
	p.unit_price = d->cents;
	snprintf(p.instrument, sizeof(p.instrument), "%s", d->instrument);
	snprintf(p.valid_from, sizeof(p.valid_from), "%s", PRICES_FROM);
	p.version = 1;
	p.created_at = x->now;
	return bud_store_price_insert(w, &p, NULL, err);
}

static int insert_provider(bud_conn *w, struct demo_ctx *x, size_t i, bud_err *err)
{
	const struct demo_provider *d = &demo_providers[i];
	struct bud_store_provider p;
	int rc;

	memset(&p, 0, sizeof(p));
	p.organiser_id = x->res->organiser_id;
	snprintf(p.name, sizeof(p.name), "%s", d->name);
	snprintf(p.ytunnus, sizeof(p.ytunnus), "%s", d->ytunnus);
	snprintf(p.iban, sizeof(p.iban), "%s", d->iban);
	snprintf(p.bic, sizeof(p.bic), "%s", d->bic);
	if ((rc = make_ovt(d->ytunnus, p.ovt, sizeof(p.ovt))) != BUD_OK)
		return bud_err_set(err, rc, "ovt", "err.internal", "OVT does not fit");
	snprintf(p.municipality, sizeof(p.municipality), "%s", d->municipality);
	snprintf(p.languages, sizeof(p.languages), "%s", d->languages);
	snprintf(p.status, sizeof(p.status), "approved");
	p.created_at = x->now;
	return bud_store_provider_insert(w, &p, &x->res->provider_ids[i], err);
}

/* A client of the first unit (the worker is assigned after the accounts) and the
 * use-log row of its creation. */
static int insert_client(bud_conn *w, struct demo_ctx *x, size_t i, bud_err *err)
{
	const struct demo_client *d = &demo_clients[i];
	struct bud_store_client c;
	struct bud_uselog_entry e;
	int rc;

	memset(&c, 0, sizeof(c));
	c.organiser_id = x->res->organiser_id;
	snprintf(c.hetu, sizeof(c.hetu), "%s", d->hetu);
	snprintf(c.first_name, sizeof(c.first_name), "%s", d->first);
	snprintf(c.last_name, sizeof(c.last_name), "%s", d->last);
	snprintf(c.lang, sizeof(c.lang), "%s", d->lang);
	snprintf(c.municipality, sizeof(c.municipality), "%s", d->municipality);
	snprintf(c.address, sizeof(c.address), "%s", d->address);
	snprintf(c.communication, sizeof(c.communication), "%s", d->communication);
	c.easy_read = d->easy_read;
	c.unit_id = x->res->unit_ids[0];
	c.created_at = x->now;
	if ((rc = bud_store_client_insert(w, &c, &x->res->client_ids[i], err)))
		return rc;
	memset(&e, 0, sizeof(e));
	e.client_id = x->res->client_ids[i];
	e.action = "create";
	e.object = "client";
	e.basis = "system";
	return bud_uselog_append(x->app, w, NULL, &e, err);
}

/* The accounts, with the hashes made before the unit. */
static int insert_accounts(bud_conn *w, struct demo_ctx *x, bud_err *err)
{
	struct bud_demo_result *r = x->res;
	struct bud_new_user u;
	size_t i;
	int rc;

	for (i = 0; i < BUD_DEMO_ACCOUNTS; i++) {
		const struct demo_account *d = &demo_accounts[i];

		memset(&u, 0, sizeof(u));
		u.username = d->username;
		u.display_name = d->display_name;
		u.role = d->role;
		u.lang = "fi";
		u.organiser_id = r->organiser_id;
		if (d->tie == TIE_UNIT)
			u.unit_id = r->unit_ids[d->index];
		else if (d->tie == TIE_PROVIDER)
			u.provider_id = r->provider_ids[d->index];
		else if (d->tie == TIE_CLIENT)
			u.client_id = r->client_ids[d->index];
		rc = bud_account_insert_hashed(x->app, w, NULL, &u, x->hash[i],
					       &r->accounts[i].user_id, err);
		if (rc != BUD_OK)
			return rc;
	}
	return BUD_OK;
}

/* Every demo client to the first demo worker but Sanna Heikkinen, who is
 * the family-carer unit's (the second worker's), then the representative's
 * mandate for one client for a year. */
static int insert_ties(bud_conn *w, struct demo_ctx *x, bud_err *err)
{
	struct bud_demo_result *r = x->res;
	size_t i;
	int rc;

	for (i = 0; i < BUD_DEMO_CLIENTS; i++) {
		int two = i == CLIENT_OF_WORKER2;

		rc = bud_store_client_set_worker(w, r->client_ids[i],
				r->accounts[two ? ACCOUNT_WORKER2 : ACCOUNT_WORKER].user_id,
				r->unit_ids[two ? 1 : 0], err);
		if (rc != BUD_OK)
			return rc;
	}
	r->mandate_client_id = r->client_ids[CLIENT_REPRESENTED];
	rc = bud_account_insert_mandate(x->app, w, NULL,
			r->accounts[ACCOUNT_REPRESENTATIVE].user_id,
			r->mandate_client_id, "authorised", "act", x->from, x->to,
			&r->mandate_id, err);
	/* the representative signs in by e-identification too (app/oidc.h) */
	if (rc == BUD_OK)
		rc = bud_store_identity_add(w, r->accounts[ACCOUNT_REPRESENTATIVE].user_id,
					    "hetu", DEMO_REPRESENTATIVE_HETU,
					    bud_app_now(x->app), err);
	return rc;
}

static int unit_demo(bud_conn *w, void *arg, bud_err *err)
{
	struct demo_ctx *x = arg;
	size_t i;
	int rc;

	if ((rc = ensure_empty(w, err)) || (rc = insert_org(w, x, err)))
		return rc;
	for (i = 0; i < BUD_DEMO_SERVICES; i++)
		if ((rc = insert_service(w, x, i, err)))
			return rc;
	for (i = 0; i < BUD_DEMO_PROVIDERS; i++)
		if ((rc = insert_provider(w, x, i, err)))
			return rc;
	for (i = 0; i < BUD_DEMO_CLIENTS; i++)
		if ((rc = insert_client(w, x, i, err)))
			return rc;
	if ((rc = insert_accounts(w, x, err)) != BUD_OK)
		return rc;
	return insert_ties(w, x, err);
}

/* --- before the unit: passwords, their hashes and the mandate's dates --- */

static int hash_accounts(const char *password, struct demo_ctx *x, bud_err *err)
{
	const char *names[3] = {NULL, NULL, NULL};
	size_t i;
	int rc;

	for (i = 0; i < BUD_DEMO_ACCOUNTS; i++) {
		struct bud_demo_account *a = &x->res->accounts[i];

		a->role = demo_accounts[i].role;
		a->username = demo_accounts[i].username;
		a->display_name = demo_accounts[i].display_name;
		if (password)
			snprintf(a->password, sizeof(a->password), "%s", password);
		else
			make_password(a->password, sizeof(a->password));
		names[0] = a->username;
		names[1] = a->display_name;
		rc = bud_account_hash_password(a->password, names, x->hash[i],
					       sizeof(x->hash[i]), err);
		if (rc != BUD_OK)
			return rc;
	}
	return BUD_OK;
}

static int mandate_dates(struct demo_ctx *x, bud_err *err)
{
	int y, m, d, ny, nm, nd, rc;

	if ((rc = bud_app_today(x->app, x->from, sizeof(x->from))) ||
	    (rc = bud_date_parse(x->from, &y, &m, &d, err)) ||
	    (rc = bud_date_add_months(y, m, d, 12, &ny, &nm, &nd)) ||
	    (rc = bud_date_format(ny, nm, nd, x->to)))
		return bud_err_set(err, BUD_EINTERNAL, "valid_to", "err.internal",
				   "cannot compute the mandate's dates");
	return BUD_OK;
}

int bud_demo_create(bud_app *app, const char *password,
		    struct bud_demo_result *out, bud_err *err)
{
	struct demo_ctx x;
	size_t len;
	int rc;

	assert(app && app->db && out);
	memset(out, 0, sizeof(*out));
	if (bud_app_crypto_init() != BUD_OK)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal",
				   "libsodium does not initialise");
	if (password) {
		len = strnlen(password, BUD_PASSWORD_MAX + 1);
		if (len < BUD_PASSWORD_MIN || len > BUD_PASSWORD_MAX)
			return bud_err_set(err, BUD_EINVAL, "password", "err.out_of_range",
					   "the demo password must have %d..%d characters",
					   BUD_PASSWORD_MIN, BUD_PASSWORD_MAX);
	}
	if ((rc = check_fixed_ids(err)) != BUD_OK)
		return rc;
	memset(&x, 0, sizeof(x));
	x.app = app;
	x.now = bud_app_now(app);
	x.res = out;
	if ((rc = mandate_dates(&x, err)) ||
	    (rc = hash_accounts(password, &x, err)) ||
	    (rc = bud_db_write(app->db, unit_demo, &x, err)))
		goto out;
	assert(out->organiser_id > 0 && out->accounts[ACCOUNT_WORKER].user_id > 0);
out:
	sodium_memzero(x.hash, sizeof(x.hash));
	if (rc != BUD_OK) {
		bud_demo_result_wipe(out);
		memset(out, 0, sizeof(*out));	/* rolled back: no ids */
	}
	return rc;
}

void bud_demo_result_wipe(struct bud_demo_result *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < BUD_DEMO_ACCOUNTS; i++)
		sodium_memzero(r->accounts[i].password, sizeof(r->accounts[i].password));
	sodium_memzero(r->care_key, sizeof(r->care_key));
}
