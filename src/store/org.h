/*
 * store/org.h: the organiser (a wellbeing services county), its units,
 * the service catalogue and the organiser's price list (store_org.c).
 * Plain rows in and out; validation of identifiers and rules happen in
 * app/.
 *
 * Conventions shared with store/provider.h and store/client.h:
 *  - text fields are fixed arrays sized from bud_limits.h; an insert refuses
 *    a value that does not fit (BUD_EINVAL, err.too_long) so a read never
 *    truncates; an optional text column is "" for SQL NULL both ways;
 *  - ids of 0 stand for SQL NULL both ways;
 *  - writes take the writer connection of a bud_db_write unit, reads any
 *    connection (usually bud_db_reader);
 *  - a lookup that finds nothing is BUD_ENOTFOUND (err.not_found);
 *  - list functions fill out[0..max-1] and set *n. Small catalogues
 *    (units, services, prices) are read whole: more rows than max is
 *    BUD_ETOOBIG with the first max filled in.
 */
#ifndef BUD_STORE_ORG_H
#define BUD_STORE_ORG_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"
#include "bud_limits.h"
#include "store/db.h"

/* Room for identifiers in their canonical form, NUL included. */
#define BUD_STORE_YTUNNUS 10	/* NNNNNNN-C */
#define BUD_STORE_IBAN 35	/* 34 characters at most (ISO 13616) */
#define BUD_STORE_BIC 12	/* 8 or 11 characters */
#define BUD_STORE_DATE 11	/* YYYY-MM-DD */

struct bud_store_organiser {
	int64_t id;
	char code[BUD_CODE_MAX + 1];		/* 'ita-uusimaa' */
	char name_fi[BUD_NAME_MAX + 1];
	char name_sv[BUD_NAME_MAX + 1];
	char name_en[BUD_NAME_MAX + 1];
	char ytunnus[BUD_STORE_YTUNNUS];
	int bilingual;				/* 0 or 1 */
	char iban[BUD_STORE_IBAN];		/* payment runs' debtor account; "" none */
	char bic[BUD_STORE_BIC];		/* "" none */
	int64_t created_at;			/* Unix seconds */
	/* settings the organiser supplies (migration 012); "" = not yet */
	char registry_address[BUD_NAME_MAX + 1];	/* where a review is asked */
	char registry_email[BUD_NAME_MAX + 1];
	char registry_hours[BUD_NAME_MAX + 1];
	char a11y_email[BUD_NAME_MAX + 1];		/* accessibility feedback */
	/* and those of migration 022 (registry_address and _hours above are
	 * the Finnish texts) */
	char registry_address_sv[BUD_NAME_MAX + 1];
	char registry_hours_sv[BUD_NAME_MAX + 1];
	char registry_phone[BUD_NAME_MAX + 1];
	char appeal_name_fi[BUD_NAME_MAX + 1];	/* the administrative court */
	char appeal_name_sv[BUD_NAME_MAX + 1];
	char appeal_address_fi[BUD_NAME_MAX + 1];
	char appeal_address_sv[BUD_NAME_MAX + 1];
	char a11y_phone[BUD_NAME_MAX + 1];
	char a11y_supervisor_fi[BUD_NAME_MAX + 1];
	char a11y_supervisor_sv[BUD_NAME_MAX + 1];
	char a11y_supervisor_url[BUD_NAME_MAX + 1];
	int64_t logo_version;			/* counts the logo's changes; 0: no logo */
};

struct bud_store_unit {
	int64_t id;
	int64_t organiser_id;
	char name_fi[BUD_NAME_MAX + 1];
	char name_sv[BUD_NAME_MAX + 1];
	char name_en[BUD_NAME_MAX + 1];
};

struct bud_store_service {
	int64_t id;
	char code[BUD_CODE_MAX + 1];		/* 'personal_assistance' */
	char name_fi[BUD_NAME_MAX + 1];
	char name_sv[BUD_NAME_MAX + 1];
	char name_en[BUD_NAME_MAX + 1];
};

/* One version of one service's price. A change is a new row, never an
 * update of a row a plan may already refer to. */
struct bud_store_price {
	int64_t id;
	int64_t organiser_id;
	int64_t service_id;
	char unit[8];				/* hour, day, trip, month, night */
	int64_t unit_price;			/* cents, >= 0 */
	char instrument[16];			/* commitment, voucher, purchase */
	char valid_from[BUD_STORE_DATE];	/* YYYY-MM-DD */
	char valid_to[BUD_STORE_DATE];		/* YYYY-MM-DD; "" open-ended */
	int version;				/* 1, 2, ... per service */
	int64_t created_at;
};

/* Organisers. */
int bud_store_organiser_insert(bud_conn *w, const struct bud_store_organiser *o,
			       int64_t *id_out, bud_err *err);
/* Write the organiser's settings (the texts above, from registry_address
 * on) of o->id. */
int bud_store_organiser_set_contact(bud_conn *w, const struct bud_store_organiser *o,
				    bud_err *err);
/* Replace organiser_id's logo by the len bytes of png (checked by the
 * caller), or remove it (png NULL); either way logo_version grows by one. */
int bud_store_organiser_set_logo(bud_conn *w, int64_t organiser_id,
				 const void *png, size_t len, bud_err *err);
/* organiser_id's logo, copied into out (at most its limit; bigger is
 * BUD_ETOOBIG); BUD_ENOTFOUND when there is none. */
int bud_store_organiser_logo(bud_conn *c, int64_t organiser_id, bud_buf *out,
			     bud_err *err);

int bud_store_organiser_get(bud_conn *c, int64_t id,
			    struct bud_store_organiser *out, bud_err *err);
/* The organiser with the lowest id (an installation serves one county). */
int bud_store_organiser_only(bud_conn *c, struct bud_store_organiser *out,
			     bud_err *err);
int bud_store_organiser_count(bud_conn *c, int64_t *n, bud_err *err);

/* What every page's frame shows of the organiser: its name in each
 * language and its logo's version (0: no logo). */
struct bud_store_brand {
	char name_fi[BUD_NAME_MAX + 1];
	char name_sv[BUD_NAME_MAX + 1];
	char name_en[BUD_NAME_MAX + 1];
	int64_t logo_version;
};
/* The brand of the organiser with the lowest id (bud_store_organiser_only),
 * without the rest of its row. */
int bud_store_organiser_brand(bud_conn *c, struct bud_store_brand *out,
			      bud_err *err);

/* Units of an organiser, in id order. */
int bud_store_unit_insert(bud_conn *w, const struct bud_store_unit *u,
			  int64_t *id_out, bud_err *err);
int bud_store_unit_get(bud_conn *c, int64_t id, struct bud_store_unit *out,
		       bud_err *err);
int bud_store_unit_list(bud_conn *c, int64_t organiser_id,
			struct bud_store_unit *out, size_t max, size_t *n,
			bud_err *err);

/* The service catalogue, in id order. A duplicate code is BUD_ECONFLICT. */
int bud_store_service_insert(bud_conn *w, const struct bud_store_service *s,
			     int64_t *id_out, bud_err *err);
int bud_store_service_get(bud_conn *c, int64_t id,
			  struct bud_store_service *out, bud_err *err);
int bud_store_service_by_code(bud_conn *c, const char *code,
			      struct bud_store_service *out, bud_err *err);
int bud_store_service_list(bud_conn *c, struct bud_store_service *out,
			   size_t max, size_t *n, bud_err *err);

/* The price list: every version, ordered by service, valid_from, version. */
int bud_store_price_insert(bud_conn *w, const struct bud_store_price *p,
			   int64_t *id_out, bud_err *err);
int bud_store_price_get(bud_conn *c, int64_t id, struct bud_store_price *out,
			bud_err *err);
int bud_store_price_list(bud_conn *c, int64_t organiser_id,
			 struct bud_store_price *out, size_t max, size_t *n,
			 bud_err *err);
/* The price of service_id valid on date (YYYY-MM-DD): the latest
 * valid_from not after date whose valid_to is open or not before it, the
 * highest version among equals. BUD_ENOTFOUND when none is valid. */
int bud_store_price_current(bud_conn *c, int64_t organiser_id,
			    int64_t service_id, const char *date,
			    struct bud_store_price *out, bud_err *err);
/* The highest version among organiser_id's prices of service_id, 0 when
 * there is none (a new version is this + 1; app/price.c). */
int bud_store_price_max_version(bud_conn *c, int64_t organiser_id,
				int64_t service_id, int *version, bud_err *err);
/* Call fn(price, ctx, err) for each of organiser_id's prices in the order
 * of bud_store_price_list, without a bound on their number; a return other
 * than BUD_OK stops the walk and is returned. fn must not write through c. */
typedef int (*bud_store_price_fn)(const struct bud_store_price *p, void *ctx,
				  bud_err *err);
int bud_store_price_each(bud_conn *c, int64_t organiser_id,
			 bud_store_price_fn fn, void *ctx, bud_err *err);

#endif
