/*
 * app/price.h: the service catalogue and the organiser's price list
 * (hinnasto): reading it, adding a price version, importing and
 * exporting it as CSV. The rules live in app/price.c; the rows in
 * store/org.h.
 *
 * Versions. A price is never changed: a change is a new row of the same
 * organiser and service with version = the highest version so far + 1.
 * Plans copy the unit price into their lines (app/plan.h), so a new
 * version never alters a decided plan. The price valid on a date is the
 * one bud_store_price_current picks: among the versions whose valid_from
 * is not after the date and whose valid_to is open or not before it, the
 * latest valid_from, the highest version among equals. So a new version
 * from day D takes over from D (also when it corrects one from the same
 * day); the older one is not cut short in the table, it is simply no
 * longer the newest. A version with a valid_to ends that day: after it the
 * newest earlier version still open on the day applies again, or none.
 *
 * Access. Price data is not client data: no use-log rows. Only staff
 * (admin, worker, decision_maker, finance) read the price list and export
 * it; admin and finance add versions and import. The service catalogue
 * (codes and names) is readable by staff, clients and representatives.
 * A wrong role is BUD_EFORBIDDEN "err.forbidden". actor NULL is the system
 * itself (the command line): everything allowed, on the installation's
 * organiser (bud_store_organiser_only); a staff actor works on their own
 * organiser.
 *
 * Views (jansson, the caller owns them):
 *   service: {id, code, name_fi, name_sv, name_en}
 *   price:   {id, service {service view}, unit, unit_price (cents),
 *             instrument, valid_from, valid_to (null when open), version}
 *
 * CSV (import and export): a header row and then one row per version,
 *   service;unit;unit_price;instrument;valid_from;valid_to
 * service a service code, unit hour|day|trip|month|night, unit_price as
 * people write it (28,50 or 28.50; bud_money_parse), instrument
 * commitment|voucher|purchase, dates YYYY-MM-DD, valid_to may be empty.
 * The import takes ';' or ',' as the delimiter (from the header line), a
 * BOM and quoted fields (formats/csv.h); wholly empty rows are skipped.
 * Exports are UTF-8 with a BOM, ';', CRLF and 28,50-style prices.
 */
#ifndef BUD_APP_PRICE_H
#define BUD_APP_PRICE_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "app/app.h"
#include "core/buf.h"

/* The allowed units and instruments, NULL-terminated (for the edge's
 * bud_req_enum and the pages' selects). */
extern const char *const bud_price_units[];
extern const char *const bud_price_instruments[];

/* One new version. Strings are borrowed. */
struct bud_price_in {
	const char *service;	/* service code, 'personal_assistance' */
	const char *unit;	/* one of bud_price_units */
	int64_t unit_price;	/* cents, 0 .. BUD_MONEY_MAX */
	const char *instrument;	/* one of bud_price_instruments */
	const char *valid_from;	/* YYYY-MM-DD, required */
	const char *valid_to;	/* YYYY-MM-DD >= valid_from; NULL or "" open */
};

/* {"items": [service view...]} in catalogue order. */
int bud_price_services(bud_app *app, const bud_actor *actor, json_t **out,
		       bud_err *err);

/*
 * {"items": [price view...], "date": the day asked for (or today),
 * "all": all}: all 0 gives the version valid on date
 * (YYYY-MM-DD; NULL or "" = today in Helsinki) of each service that has
 * one, in catalogue order; all 1 every version (ordered by service,
 * valid_from, version; at most BUD_PRICE_LIST_MAX, beyond it BUD_ETOOBIG).
 * A malformed date is BUD_EINVAL with field "date".
 */
int bud_price_list(bud_app *app, const bud_actor *actor, const char *date,
		   int all, json_t **out, bud_err *err);

/*
 * Add a version (admin, finance). Every field is checked again here: a
 * wrong one is BUD_EINVAL naming it (service: err.price.service unknown
 * code; unit: err.price.unit; unit_price: err.price.negative or
 * err.money.overflow; instrument: err.price.instrument; valid_from and
 * valid_to: err.date.* or err.price.valid_to). A version identical to the
 * one in force on its valid_from (same unit, price, instrument, dates) is
 * BUD_ECONFLICT "err.price.same" with field "valid_from", so a form sent
 * twice adds one version. On BUD_OK *out (may be NULL) gets its view.
 */
int bud_price_add(bud_app *app, const bud_actor *actor,
		  const struct bud_price_in *in, json_t **out, bud_err *err);

/* What an import did, or where it stopped. */
struct bud_price_import_result {
	size_t added;		/* new versions written */
	size_t skipped;		/* rows identical to the version in force */
	size_t line;		/* on a refusal: the file's line (1 = header), 0 if none */
	size_t column;		/* its column (1-based), 0 if none */
	char column_name[16];	/* the column's header name, "" if none */
};

/*
 * Import len bytes of CSV (admin, finance) in ONE write unit: every row
 * is checked first and any bad row refuses the whole file, writing
 * nothing. A refusal is BUD_EINVAL (BUD_ETOOBIG for size) with err->field
 * "csv", err->key the reason (err.csv.*, err.price.*, err.money.*,
 * err.date.*) and res->line / column / column_name saying where. A row
 * identical to the version in force on its valid_from (the same test as
 * bud_price_add, also against rows earlier in the file) is skipped.
 * res is always filled in.
 */
int bud_price_import_csv(bud_app *app, const bud_actor *actor, const char *data,
			 size_t len, struct bud_price_import_result *res,
			 bud_err *err);

/*
 * The text of an import refusal for people, in lang: the reason's catalog
 * text after the place, "Rivi 3, sarake unit_price: <reason>" (fi), "Rad
 * 3, kolumn unit_price: ..." (sv), "Line 3, column unit_price: ..." (en);
 * the column's header name, or its number when it has none; only the
 * reason when the refusal is about no line. The API puts it into the
 * error's message (field "csv"), the page next to the text area.
 */
void bud_price_import_message(const bud_err *err,
			      const struct bud_price_import_result *res,
			      const char *lang, char *out, size_t outsz);

/*
 * The list valid on date (NULL or "" = today) as CSV into out (staff):
 * BOM, header, one row per service that has a price that day. Importing
 * it again adds nothing.
 */
int bud_price_export_csv(bud_app *app, const bud_actor *actor, const char *date,
			 bud_buf *out, bud_err *err);

#endif
