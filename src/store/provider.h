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

#endif
