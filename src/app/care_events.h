/*
 * app/care_events.h: a care system sends service events in bulk with its
 * API key (app/apikey.h, scope events:write): a JSON body {"events":
 * [row, ...]} or a CSV file (text/csv, read by formats/csv.h), each row
 * {commitment_id, on_date, quantity, external_id, note}, and gets an
 * answer PER ROW: accepted (with the event's id), duplicate (the same
 * commitment, date and external id is stored: nothing written, the
 * stored event's id), or refused with a stable reason code and a message
 * in the answer's language. One bad row never refuses the rest.
 *
 * The rows are recorded by app/event.h bud_event_record_batch: every
 * well-formed row in ONE write unit, each checked on its own against what
 * is stored and the rows before it (its rules: the commitment the key's
 * provider's and active, the date in its period and not in the future,
 * what is left of its quantity and money). A row that is not even
 * well-formed (a quantity that is no number, a missing external id, a
 * member not known) is refused here with code "invalid" naming the field
 * and never reaches the unit.
 *
 * Quantities are units with at most two decimals, as everywhere in the
 * API: a JSON number (2.5) or, in CSV, "2,5" or "2.5"; stored as
 * hundredths.
 *
 * CSV: the first record names the columns, in any order and case:
 * commitment_id, on_date, quantity, external_id (all required) and note
 * (optional); ';' or ',' between fields (the first line tells). Blank
 * lines are skipped. A row's number in the answer is its line in the
 * file (the header is line 1); in JSON its position from 1.
 *
 * Whole-send refusals (nothing written): no rows (BUD_EINVAL "events"
 * err.care.empty), more than BUD_EVENT_BATCH_MAX rows (BUD_ETOOBIG
 * "events" err.event.batch), "events" not an array or a row not an
 * object (BUD_EINVAL "events" err.care.rows), a CSV that does not parse
 * or lacks a column (BUD_EINVAL "csv" err.csv.* or err.care.csv_column).
 */
#ifndef BUD_APP_CARE_EVENTS_H
#define BUD_APP_CARE_EVENTS_H

#include <stddef.h>

#include <jansson.h>

#include "app/app.h"
#include "app/event.h"
#include "formats/csv.h"

/* One row of a send and what became of it. */
struct bud_care_row {
	size_t number;			/* its number in the answer (above) */
	const char *external_id;	/* as sent (may be NULL), for the answer */
	int wellformed;			/* 1: in goes to the write unit */
	struct bud_event_input in;
	struct bud_event_result res;	/* filled by parsing (a malformed row)
					 * or by the write unit */
};

/* A send being answered. Strings of the rows point into the JSON body
 * (borrowed: it must outlive the batch) or the parsed CSV (owned). */
struct bud_care_batch {
	size_t n;
	struct bud_care_row *rows;	/* n of them, owned */
	struct bud_csv csv;		/* a CSV send's records, owned */
};

/* The rows of a JSON body {"events": [...]} into b (initialised here;
 * release it after any return). Errors are the whole send's (above). */
int bud_care_parse_json(const json_t *body, struct bud_care_batch *b,
			bud_err *err);

/* The rows of a CSV send (len bytes of data) into b, as above. */
int bud_care_parse_csv(const char *data, size_t len, struct bud_care_batch *b,
		       bud_err *err);

/*
 * Record b's well-formed rows as actor (a key with events:write, or a
 * provider user) in one write unit and fill each row's res. BUD_OK when
 * the send was answered, whatever the rows' answers; an error only when
 * nothing could be written (app/event.h).
 */
int bud_care_send(bud_app *app, const bud_actor *actor,
		  struct bud_care_batch *b, bud_err *err);

/*
 * The answer of b: {accepted, duplicates, refused (counts), rows: [{row,
 * external_id (null when none was sent), status ("accepted", "duplicate"
 * or "refused"), id (the event's; null when refused), code (null when
 * accepted; "duplicate", "invalid", "not_provider", "not_active",
 * "outside_period", "future", "over_quantity", "over_money"), field and
 * message (the reason in lang; null when accepted)}]}. Owned by the
 * caller.
 */
json_t *bud_care_answer(const struct bud_care_batch *b, const char *lang);

void bud_care_batch_release(struct bud_care_batch *b);	/* b may be empty */

#endif
