/*
 * store/provider.h: service providers (companies, associations,
 * foundations) of an organiser (store_provider.c). Plain rows in and out;
 * app/ validates the Y-tunnus, IBAN, BIC and OVT before an insert. The
 * conventions are those of store/org.h (fixed text arrays, "" and 0 for
 * NULL, writer connection for writes, BUD_ENOTFOUND).
 */
#ifndef BUD_STORE_PROVIDER_H
#define BUD_STORE_PROVIDER_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "bud_limits.h"
#include "store/db.h"
#include "store/org.h"

#define BUD_STORE_OVT 18	/* 0037 + 8 digits + up to 5 more, NUL */

struct bud_store_provider {
	int64_t id;
	int64_t organiser_id;
	char name[BUD_NAME_MAX + 1];
	char ytunnus[BUD_STORE_YTUNNUS];	/* NNNNNNN-C, unique */
	char iban[BUD_STORE_IBAN];		/* "" none */
	char bic[BUD_STORE_BIC];		/* "" none */
	char ovt[BUD_STORE_OVT];		/* e-invoice address; "" none */
	char municipality[BUD_NAME_MAX + 1];	/* "" none */
	char languages[16];			/* "fi", "fi,sv", "sv,fi,en" ... */
	char status[16];			/* applied, approved, suspended, ended */
	int64_t created_at;
	/* 008 */
	char kind[16];				/* company, association, foundation ("" default) */
	char email[BUD_NAME_MAX + 1];
	char phone[BUD_PHONE_MAX + 1];
	char address[BUD_NAME_MAX + 1];
	char website[BUD_NAME_MAX + 1];
	char register_name[16];			/* "", soteri, organiser */
	char register_no[BUD_CODE_MAX + 1];
	char register_date[11];			/* YYYY-MM-DD or "" */
	int64_t updated_at;			/* 0 never */
};

/* Insert p (p->id is ignored). A duplicate Y-tunnus is BUD_ECONFLICT;
 * an empty languages or status takes the schema default ('fi', 'applied'). */
int bud_store_provider_insert(bud_conn *w, const struct bud_store_provider *p,
			      int64_t *id_out, bud_err *err);

/* Write every column of p but id, organiser_id, status and created_at.
 * BUD_ENOTFOUND when there is no such provider; a Y-tunnus of another
 * provider is BUD_ECONFLICT. */
int bud_store_provider_update(bud_conn *w, const struct bud_store_provider *p,
			      bud_err *err);

int bud_store_provider_get(bud_conn *c, int64_t id,
			   struct bud_store_provider *out, bud_err *err);

/* A page of an organiser's providers by name (then id): rows offset ..
 * offset + max - 1 into out, *n of them. A short page is the last one. */
int bud_store_provider_list(bud_conn *c, int64_t organiser_id, size_t offset,
			    struct bud_store_provider *out, size_t max, size_t *n,
			    bud_err *err);

/* 1 in *admin when user_id is its provider's admin (user.provider_admin). */
int bud_store_user_provider_admin(bud_conn *c, int64_t user_id, int *admin,
				  bud_err *err);
/* Set user.provider_admin of a provider user (the demo, the seed). */
int bud_store_user_set_provider_admin(bud_conn *w, int64_t user_id, int admin,
				      bud_err *err);

/* --- areas, locations and own prices --- */

struct bud_store_provider_location;

/* Replace the municipalities provider_id serves with areas[0..n-1]. */
int bud_store_provider_areas_set(bud_conn *w, int64_t provider_id,
				 const char *const *areas, size_t n, bud_err *err);
/* The municipalities, by name, into areas (max of them; more BUD_ETOOBIG). */
int bud_store_provider_areas(bud_conn *c, int64_t provider_id,
			     char (*areas)[BUD_NAME_MAX + 1], size_t max,
			     size_t *n, bud_err *err);

/* Replace the provider's locations with l[0..n-1] (ids and provider_id
 * of l are ignored). */
int bud_store_provider_locations_set(bud_conn *w, int64_t provider_id,
				     const struct bud_store_provider_location *l,
				     size_t n, bud_err *err);

/* Add one location l to provider_id (l's id and provider_id ignored). */
int bud_store_provider_location_add(bud_conn *w, int64_t provider_id,
				    const struct bud_store_provider_location *l,
				    bud_err *err);

/* One version of a provider's own price for a service. */
struct bud_store_provider_price {
	int64_t id;
	int64_t provider_id;
	int64_t service_id;
	char service_code[BUD_CODE_MAX + 1];	/* read only */
	char unit[8];
	int64_t unit_price;			/* cents */
	char valid_from[11];
	int64_t created_at;
};

/* Add a version; one of the same service and valid_from is corrected
 * in place (unit and price). */
int bud_store_provider_price_put(bud_conn *w, const struct bud_store_provider_price *p,
				 bud_err *err);
/* Every version by service code, valid_from (at most max; more BUD_ETOOBIG). */
int bud_store_provider_prices(bud_conn *c, int64_t provider_id,
			      struct bud_store_provider_price *out, size_t max,
			      size_t *n, bud_err *err);

/* --- approvals per service and municipality, and their history --- */

struct bud_store_approval {
	int64_t id;
	int64_t provider_id;
	int64_t service_id;
	char service_code[BUD_CODE_MAX + 1];	/* read only */
	char municipality[BUD_NAME_MAX + 1];
	char state[16];		/* applied, approved, rejected, suspended, withdrawn */
	char reason[BUD_NOTE_MAX + 1];
	char effective[11];	/* "" or YYYY-MM-DD */
	int64_t decided_by;	/* 0 none */
	int64_t created_at;
	int64_t updated_at;
};

struct bud_store_approval_event {
	int64_t id;
	int64_t approval_id;
	char state[16];
	char reason[BUD_NOTE_MAX + 1];
	char effective[11];
	int64_t by_user;	/* 0 none */
	char by_name[BUD_DISPLAY_NAME_MAX * 4 + 1];	/* read only: the user's display name */
	int64_t at;
};

/* Insert a new approval (state applied); a second of the same provider,
 * service and municipality is BUD_ECONFLICT. */
int bud_store_approval_insert(bud_conn *w, const struct bud_store_approval *a,
			      int64_t *id_out, bud_err *err);
int bud_store_approval_get(bud_conn *c, int64_t id, struct bud_store_approval *out,
			   bud_err *err);
/* The approval of provider, service and municipality, or BUD_ENOTFOUND. */
int bud_store_approval_find(bud_conn *c, int64_t provider_id, int64_t service_id,
			    const char *municipality, struct bud_store_approval *out,
			    bud_err *err);
/* Write state, reason, effective, decided_by and updated_at of a->id. */
int bud_store_approval_update(bud_conn *w, const struct bud_store_approval *a,
			      bud_err *err);
/* A provider's approvals by service code and municipality (at most max). */
int bud_store_approvals(bud_conn *c, int64_t provider_id,
			struct bud_store_approval *out, size_t max, size_t *n,
			bud_err *err);
int bud_store_approval_event_insert(bud_conn *w,
				    const struct bud_store_approval_event *e,
				    bud_err *err);
/* The history of every approval of a provider, oldest first (at most max). */
int bud_store_approval_events(bud_conn *c, int64_t provider_id,
			      struct bud_store_approval_event *out, size_t max,
			      size_t *n, bud_err *err);

/* SQLite's data_version of connection c: it changes when any other
 * connection (the writer, another process) has committed since c last
 * asked. What the public list's answers are kept against (a change of
 * anything at all makes them be read again). */
int bud_store_data_version(bud_conn *c, int64_t *v, bud_err *err);

/* --- the public list: providers approved for a service in a municipality --- */

/* One approved provider with its price for the service on the date. */
struct bud_store_provider_approved {
	int64_t provider_id;
	int64_t approval_id;
	char name[BUD_NAME_MAX + 1];
	char kind[16];				/* company, association, foundation */
	char languages[16];			/* "fi,sv" */
	char email[BUD_NAME_MAX + 1];		/* the provider's, not a person's */
	char phone[BUD_PHONE_MAX + 1];
	char website[BUD_NAME_MAX + 1];
	char approved_from[11];			/* the approval's effective date */
	int has_price;				/* 0: no own price on the date */
	char unit[8];
	int64_t unit_price;			/* cents */
	char price_from[11];
};

/* One place where a provider gives its services. */
struct bud_store_provider_location {
	int64_t id;
	int64_t provider_id;
	char name[BUD_NAME_MAX + 1];
	char address[BUD_NAME_MAX + 1];
	char municipality[BUD_NAME_MAX + 1];
	int step_free, hearing_loop, parking, accessible_wc;
	char notes[BUD_NOTE_MAX + 1];
};

/*
 * A page of the providers of organiser_id approved for service_id in
 * municipality on date (YYYY-MM-DD), by name then id: rows offset ..
 * offset + max - 1. Approved on date: the approval is approved from a day
 * not after date, or it was, and a suspension or withdrawal takes effect
 * only after date. The price is the provider's own one valid on date.
 */
int bud_store_provider_approved(bud_conn *c, int64_t organiser_id,
				int64_t service_id, const char *municipality,
				const char *date, size_t offset,
				struct bud_store_provider_approved *out,
				size_t max, size_t *n, bud_err *err);

/* The municipalities where organiser_id has approvals in force or
 * decided (approved or suspended), by name (at most max). */
int bud_store_approval_municipalities(bud_conn *c, int64_t organiser_id,
				      char (*out)[BUD_NAME_MAX + 1], size_t max,
				      size_t *n, bud_err *err);

/* A provider's locations by name, at most max (more is BUD_ETOOBIG). */
int bud_store_provider_locations(bud_conn *c, int64_t provider_id,
				 struct bud_store_provider_location *out,
				 size_t max, size_t *n, bud_err *err);

#endif
