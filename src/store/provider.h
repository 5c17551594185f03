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
};

/* Insert p (p->id is ignored). A duplicate Y-tunnus is BUD_ECONFLICT;
 * an empty languages or status takes the schema default ('fi', 'applied'). */
int bud_store_provider_insert(bud_conn *w, const struct bud_store_provider *p,
			      int64_t *id_out, bud_err *err);

int bud_store_provider_get(bud_conn *c, int64_t id,
			   struct bud_store_provider *out, bud_err *err);

/* A page of an organiser's providers by name (then id): rows offset ..
 * offset + max - 1 into out, *n of them. A short page is the last one. */
int bud_store_provider_list(bud_conn *c, int64_t organiser_id, size_t offset,
			    struct bud_store_provider *out, size_t max, size_t *n,
			    bud_err *err);

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

/* A provider's locations by name, at most max (more is BUD_ETOOBIG). */
int bud_store_provider_locations(bud_conn *c, int64_t provider_id,
				 struct bud_store_provider_location *out,
				 size_t max, size_t *n, bud_err *err);

#endif
