/*
 * app/provider.h: the provider register and the approval of providers per
 * service and municipality (issue 10), and the public list of approved
 * providers the voucher act requires. The rules live in app/provider.c,
 * the rows in store/provider.h, the approval's states in core/state.h.
 *
 * Who. The organiser's workers and admins keep the register and decide
 * approvals. A provider user (role provider_user) reads its OWN provider
 * only; with user.provider_admin = 1 it is the provider's admin (the
 * signatory) and may apply for approvals and edit its own register entry.
 * Another provider is BUD_ENOTFOUND to a provider user (it must not learn
 * what exists); a wrong role is BUD_EFORBIDDEN "err.forbidden".
 *
 * Not client data: provider rows are about organisations, so reading
 * them writes no use-log row. The public list shows only the provider's
 * own business contact details, never a person's name or identity code.
 *
 * Views (jansson, the caller owns them):
 *   approved item: {id, name, kind, languages [..], email, phone, website,
 *     approval_id, approved_from, price {unit, unit_price (cents),
 *     valid_from} or null, locations [location view]}
 *   location: {id, name, address, municipality, step_free, hearing_loop,
 *     parking, accessible_wc, notes}
 *   provider: {id, kind, name, ytunnus, ovt, iban, bic, email, phone,
 *     address, website, languages [..], register_name, register_no,
 *     register_date, areas [municipality..], locations [location view],
 *     prices [{id, service (code), unit, unit_price, valid_from}],
 *     approvals [approval view], created_at, updated_at,
 *     can {edit, apply, decide}}
 *   approval: {id, provider_id, service (code), municipality, state,
 *     reason, effective, history [{state, reason, effective, by (a display
 *     name, "" for none), at}]}
 *   register item: {id, name, kind, ytunnus, languages [..], email, phone}
 *
 * Input (struct bud_provider_in) is checked here whatever the face: kind
 * one of bud_provider_kinds (err.provider.kind); name required
 * (err.required); ytunnus, ovt, iban and bic with core/ids (fields of
 * the same names, err.ids.*; ovt, iban and bic may be empty: none);
 * email and phone as core/contact.h checks them; languages one or more of
 * bud_provider_languages (err.provider.language); register_name "",
 * soteri or organiser (err.provider.register); register_date a date;
 * areas, locations and prices within their limits (bud_limits.h) and each
 * complete (field "areas", "locations", "prices"; a price's service a
 * known code, unit one of bud_price_units, unit_price 0..
 * BUD_UNIT_PRICE_MAX cents, valid_from a date). A refusal writes nothing.
 * A Y-tunnus another provider has is BUD_ECONFLICT "ytunnus".
 */
#ifndef BUD_APP_PROVIDER_H
#define BUD_APP_PROVIDER_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "app/app.h"
#include "bud_limits.h"
#include "core/page.h"

/* The allowed kinds and service languages, NULL-terminated. */
extern const char *const bud_provider_kinds[];
extern const char *const bud_provider_languages[];

struct bud_provider_location_in {
	const char *name, *address, *municipality, *notes;	/* notes may be NULL */
	int step_free, hearing_loop, parking, accessible_wc;
};

struct bud_provider_price_in {
	const char *service;	/* service code */
	const char *unit;	/* bud_price_units */
	int64_t unit_price;	/* cents */
	const char *valid_from;	/* YYYY-MM-DD */
};

/*
 * A new provider or a change. Strings are borrowed; on a change NULL
 * leaves the field as it is ("" clears an optional one). Arrays replace
 * the areas and locations when their set_ flag is 1; locations given with
 * set_locations 0 are added to the ones there (BUD_PROVIDER_LOCATIONS_MAX
 * in all, more is BUD_ETOOBIG "locations"); prices are added as new
 * versions (one of the same service and valid_from is corrected).
 */
struct bud_provider_in {
	const char *kind, *name, *ytunnus, *ovt, *iban, *bic;
	const char *email, *phone, *address, *website;
	const char *register_name, *register_no, *register_date;
	int set_languages;
	const char *languages[8];
	size_t nlanguages;
	int set_areas;
	const char *areas[BUD_PROVIDER_AREAS_MAX];
	size_t nareas;
	int set_locations;
	struct bud_provider_location_in locations[BUD_PROVIDER_LOCATIONS_MAX];
	size_t nlocations;
	struct bud_provider_price_in prices[BUD_PROVIDER_PRICES_MAX];
	size_t nprices;
};

/* A worker or admin of the organiser adds a provider; *id_out its id. */
int bud_provider_create(bud_app *app, const bud_actor *actor,
			const struct bud_provider_in *in, int64_t *id_out,
			bud_err *err);

/* A worker or admin of its organiser, or the provider's own admin,
 * changes provider id. */
int bud_provider_update(bud_app *app, const bud_actor *actor, int64_t id,
			const struct bud_provider_in *in, bud_err *err);

/* The provider view of id: staff of its organiser, or a user of that very
 * provider (another provider is BUD_ENOTFOUND to it). */
int bud_provider_get(bud_app *app, const bud_actor *actor, int64_t id,
		     json_t **out, bud_err *err);

/* Staff: one page of the organiser's register by name, register items. */
int bud_provider_list(bud_app *app, const bud_actor *actor, struct bud_page *pg,
		      json_t **out, bud_err *err);

/*
 * An application for service (code) in municipality: the provider's own
 * admin, or a worker of its organiser. A new approval in state applied,
 * or a rejected or withdrawn one applied again; one still applied,
 * approved or suspended is BUD_ECONFLICT "service" err.approval.exists.
 * Every step is appended to the history. *approval_id (may be NULL).
 */
int bud_provider_apply(bud_app *app, const bud_actor *actor, int64_t provider_id,
		       const char *service, const char *municipality,
		       int64_t *approval_id, bud_err *err);

/*
 * The public application (no sign-in): a provider applies from the
 * public page or POST /api/applications. One write unit creates the
 * provider of the installation's organiser (the register's checks, as
 * bud_provider_create: ytunnus required), its admin account (role
 * provider_user, provider_admin = 1; the account rules of app/account.c:
 * username, display_name, lang, and the password rules with the user's
 * own names, field "password") and an approval in state applied, with its
 * history step by the new admin, for each wanted service and
 * municipality (one or more, at most BUD_APPLICATION_WANTS_MAX: field
 * "wants"; each service a known code, "service"; each municipality
 * required, "municipality"). A refusal writes nothing. *provider_id and
 * *user_id (may be NULL) get the new ids.
 */
struct bud_provider_want {
	const char *service, *municipality;
};

struct bud_provider_application {
	struct bud_provider_in provider;
	struct bud_provider_want wants[BUD_APPLICATION_WANTS_MAX];
	size_t nwants;
	const char *username, *display_name, *password, *lang;
};

int bud_provider_application(bud_app *app, const struct bud_provider_application *in,
			     int64_t *provider_id, int64_t *user_id, bud_err *err);

/*
 * A worker of the organiser decides approval id: to is "approved",
 * "rejected", "suspended" or "withdrawn" (err.approval.state otherwise).
 * reason: required for all but approved (err.required "reason");
 * effective: the day the state holds from, YYYY-MM-DD; required for
 * suspended and withdrawn, today when NULL or "" otherwise. A
 * transition core/state.c does not allow is BUD_ECONFLICT "state"
 * err.approval.transition. *provider_id (may be NULL) gets its provider.
 */
int bud_approval_decide(bud_app *app, const bud_actor *actor, int64_t id,
			const char *to, const char *reason, const char *effective,
			int64_t *provider_id, bud_err *err);

/*
 * The providers approved for a service in a municipality on a date, with
 * their own price for that service on the date, languages and locations,
 * by name: one page (pg->at an offset) as a JSON array of approved items
 * into *out. Anyone may read it (actor NULL: the public, without signing
 * in, on the installation's organiser); a signed-in actor reads its own
 * organiser's. service: a service code ("personal_assistance") or its id
 * in digits; unknown is BUD_EINVAL "service" err.provider.service.
 * municipality: required, at most BUD_NAME_MAX bytes (BUD_EINVAL
 * "municipality"). date: YYYY-MM-DD, NULL or "" = today in Helsinki
 * (a bad one BUD_EINVAL "date"). No use-log row.
 */
int bud_provider_list_approved(bud_app *app, const bud_actor *actor,
			       const char *service, const char *municipality,
			       const char *date, struct bud_page *pg,
			       json_t **out, bud_err *err);

/*
 * A number that changes whenever the database has changed since this
 * thread last asked (any commit, by this process's writer or another
 * process): an answer of bud_provider_list_approved kept by this thread
 * together with it is still the answer while it stays the same (the face
 * keeps one per thread: the number is its read connection's).
 */
int bud_provider_market_version(bud_app *app, int64_t *v, bud_err *err);

/*
 * What the public list can be asked about: {services: [{code, name_fi,
 * name_sv, name_en}], municipalities: [name...]} (the municipalities
 * where some provider is or was approved). Anyone, as
 * bud_provider_list_approved.
 */
int bud_provider_public_choices(bud_app *app, const bud_actor *actor,
				json_t **out, bud_err *err);

/*
 * For benchmarks and load tests (`budjetti providers seed`): add count
 * fictitious providers (Y-tunnus from 9700000 on, valid check digits, a
 * range not issued to companies) of the installation's organiser, each
 * serving municipality with one step-free location, an own price for
 * service (code) from 2000-01-01 and an approval of it there in force
 * from 2000-01-01, with its history; one write unit. count 1..
 * BUD_SEED_PROVIDERS_MAX. The system itself only (no actor): nothing
 * in a request reaches it. A Y-tunnus already taken is BUD_ECONFLICT.
 */
int bud_provider_seed(bud_app *app, int count, const char *service,
		      const char *municipality, bud_err *err);

#endif
