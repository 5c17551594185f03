/*
 * app/care_events.h: a care system sends service events in bulk with its
 * API key (app/apikey.h, scope events:write) and gets an answer PER ROW:
 * accepted (with the event's id), duplicate (the same commitment, date
 * and external id is stored: nothing written, the stored event's id), or
 * refused with a stable reason code, the field and a message in the
 * answer's language. One bad row never refuses the rest.
 *
 * Two forms of a send:
 *  - JSON {"events": [row, ...]}, each row {commitment_id, on_date,
 *    quantity (a JSON number of units, at most two decimals), external_id,
 *    note (optional)}. A row that is not even well-formed (a quantity
 *    that is no number, an id that is no integer, a member not known) is
 *    refused here with code "invalid" naming the field and never reaches
 *    the write unit; a row's number is its position from 1.
 *  - CSV (text/csv): the very file a provider uploads on its page, read by
 *    app/event.h bud_event_import_csv (formats/csv.h; one layout of an
 *    events file in the whole service): commitment id; date; quantity
 *    ("2,5" or "2.5"); note; external id, an optional header line. A
 *    row's number is its line in the file; external_id is not echoed
 *    (null).
 *
 * Either way the well-formed rows are recorded by bud_event_record_batch
 * in ONE write unit, each checked on its own against what is stored and
 * the rows before it (the commitment the key's provider's and active, the
 * date in its period and not in the future, what is left of its quantity
 * and money).
 *
 * Whole-send refusals (nothing written): no rows (BUD_EINVAL "events"
 * err.care.empty; a CSV "csv" err.csv.empty), more than
 * BUD_EVENT_BATCH_MAX rows (BUD_ETOOBIG err.event.batch), "events" not an
 * array or a row not an object (BUD_EINVAL "events" err.care.rows), a CSV
 * that does not parse (BUD_EINVAL "csv" err.csv.*), a key without the
 * scope (BUD_EFORBIDDEN "scope"), an actor that is no provider's.
 */
#ifndef BUD_APP_CARE_EVENTS_H
#define BUD_APP_CARE_EVENTS_H

#include <stddef.h>

#include <jansson.h>

#include "app/app.h"
#include "app/event.h"

/* One row of a send and what became of it. */
struct bud_care_row {
	size_t number;			/* its number in the answer (above) */
	const char *external_id;	/* as sent in JSON (may be NULL) */
	int wellformed;			/* JSON: 1 when in goes to the unit */
	struct bud_event_input in;
	struct bud_event_result res;	/* filled by parsing (a malformed row)
					 * or by the write unit */
};

/* A send being answered. Strings of the rows point into the JSON body
 * (borrowed: it must outlive the batch). */
struct bud_care_batch {
	size_t n;
	struct bud_care_row *rows;	/* n of them, owned */
};

/* The rows of a JSON body {"events": [...]} into b (initialised here;
 * release it after any return). Errors are the whole send's (above). */
int bud_care_parse_json(const json_t *body, struct bud_care_batch *b,
			bud_err *err);

/*
 * A send as a write unit the caller queues (app/event.h bud_event_batch;
 * http/ answers it from the writer's done callback). bud_care_send_begin
 * checks the actor (a key with events:write, or a provider user) and
 * prepares the unit: with csv NULL over the well-formed rows of b (after
 * bud_care_parse_json); else over the len bytes of a CSV (b initialised
 * here, one row a data line; release it after any return; csv must live
 * until the send is freed). bud_care_send_run is the unit (a
 * bud_write_fn over the send): it records the rows in it and fills each
 * row's res. BUD_OK when the send was answered, whatever the rows'
 * answers; an error only when nothing could be written (app/event.h).
 * bud_care_send_free frees the send (NULL ok).
 */
typedef struct bud_care_unit bud_care_unit;
int bud_care_send_begin(bud_app *app, const bud_actor *actor,
			struct bud_care_batch *b, const char *csv, size_t len,
			bud_care_unit **out, bud_err *err);
int bud_care_send_run(bud_conn *w, void *send, bud_err *err);
void bud_care_send_free(bud_care_unit *s);

/* The same, the unit queued and waited for: b's well-formed rows, or a
 * CSV send (len bytes of data, b initialised here). */
int bud_care_send(bud_app *app, const bud_actor *actor,
		  struct bud_care_batch *b, bud_err *err);
int bud_care_send_csv(bud_app *app, const bud_actor *actor, const char *data,
		      size_t len, struct bud_care_batch *b, bud_err *err);

/*
 * The answer of b: {accepted, duplicates, refused (counts), rows: [{row,
 * external_id (null when none was sent, and for CSV), status
 * ("accepted", "duplicate" or "refused"), id (the event's; null when
 * refused), code (null when accepted; "duplicate", "invalid",
 * "not_provider", "not_active", "outside_period", "future",
 * "over_quantity", "over_money", "disputed_day", "quantity"), field and message (the
 * reason in lang; null when accepted)}]}. Owned by the caller.
 */
json_t *bud_care_answer(const struct bud_care_batch *b, const char *lang);

void bud_care_batch_release(struct bud_care_batch *b);	/* b may be empty */

#endif
