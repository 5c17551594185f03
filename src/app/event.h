/*
 * app/event.h: service events, steps 9 and 10 of the process: the
 * provider records the service it delivered against a commitment, and
 * the client has a say on each event before it is paid.
 *
 * Recording (bud_event_record, bud_event_record_batch):
 *  - Who: a provider principal: an actor with role BUD_ROLE_PROVIDER_USER
 *    and provider_id set (a signed-in provider user, or an API key's
 *    principal with user_id 0; bud_event_provider_of is the one check).
 *  - Each event is checked, in this order, and refused with its reason
 *    code (the tail of its message key err.event.<code>):
 *      not_provider    no such commitment, or not the principal's
 *                      provider's (one answer: ids cannot be probed),
 *                      BUD_ENOTFOUND "commitment_id"
 *      duplicate       an event of the same commitment, date and
 *                      external id is stored (its id is handed back),
 *                      BUD_ECONFLICT "external_id": nothing is written;
 *                      checked first, so a batch sent again is all
 *                      duplicates whatever changed since
 *      not_active      the commitment is not active (offered, declined);
 *                      an ended one takes events up to its last day,
 *                      BUD_ECONFLICT "commitment_id"
 *      outside_period  on_date before valid_from or after valid_to,
 *                      BUD_ECONFLICT "on_date"
 *      future          on_date after today (Helsinki), BUD_EINVAL "on_date"
 *      over_quantity   more than is left of the commitment's quantity
 *                      for that calendar month (commitment.quantity is
 *                      hundredths a month), BUD_ECONFLICT "quantity"
 *      over_money      the amount is more than is left of the money the
 *                      commitment holds (reserved - released - what its
 *                      events already amount to), BUD_ECONFLICT "quantity"
 *      disputed_day    the commitment has an event on on_date that the
 *                      client disputed (not resolved yet) or whose dispute
 *                      was upheld: a dispute is not stepped round with a
 *                      new external id, BUD_ECONFLICT "on_date"
 *    Malformed input is BUD_EINVAL naming the field first (quantity must
 *    be > 0, external_id 1..BUD_EVENT_EXTERNAL_MAX bytes of one line,
 *    note at most BUD_NOTE_MAX, on_date a date).
 *    Upheld events do not count in either sum.
 *  - The amount is computed here, never taken from the provider: quantity
 *    (hundredths) x the commitment's unit_price / 100, rounded once half
 *    away from zero to a cent (core/money bud_money_line).
 *  - An event written is state "recorded" with a history row and a
 *    use-log row (change, "service_event:ID", basis "commitment").
 *
 * The client's say (bud_event_confirm, bud_event_dispute): the client, or
 * a representative whose mandate lets them act (bud_authz_client, act),
 * confirms a recorded event or disputes it with a reason. The dispute
 * window is the organiser's dispute_days (default 14) from the day the
 * event was recorded (Helsinki): dispute_until = that day + days. After
 * dispute_until a recorded event counts as confirmed ("confirmed_by_
 * default", computed on read; the row stays "recorded") and a dispute is
 * BUD_ECONFLICT "state" err.event.window_passed. A disputed event is held
 * from payment until a worker of the client (bud_authz_client, act;
 * role worker) resolves it (bud_event_resolve) with a note: upheld (the
 * client is right: never paid, out of the sums) or dismissed (it stands).
 * Transitions only as core/state.h bud_event_may allows.
 *
 * Payable (what invoicing may use): state confirmed or dismissed, or
 * recorded with dispute_until before today. See bud_event_payable.
 *
 * Views are jansson objects owned by the caller; money integer cents,
 * quantities hundredths, timestamps Unix seconds. One event:
 *   {id, commitment_id, plan_line_id, client_id, client {first_name,
 *    last_name}, provider {id, name}, service {code, name_fi, name_sv,
 *    name_en}, unit, on_date, quantity, unit_price, amount, note,
 *    external_id, state, effective_state (state, or "confirmed_by_default"),
 *    dispute_until (YYYY-MM-DD), payable, held, recorded_at, answered_at,
 *    reason, resolved_at, resolution, can {confirm, dispute, resolve}}
 * A provider sees only its own provider's events and of the client only
 * the name (never the identity code); each client shown is a disclosure
 * row (as app/commitment.h). Every other read of a client's events is a
 * use-log row (read, "service_event:ID" or "client:events").
 */
#ifndef BUD_APP_EVENT_H
#define BUD_APP_EVENT_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "app/app.h"
#include "core/page.h"

struct bud_event_input {
	int64_t commitment_id;
	char on_date[11];		/* YYYY-MM-DD */
	int64_t quantity;		/* hundredths of the commitment's unit */
	const char *note;		/* NULL or "": none */
	const char *external_id;	/* the provider's own id, required */
};

/*
 * The answer for one row of a batch. rc BUD_OK: the event was written
 * and id is its id. Otherwise the row was refused and nothing of it was
 * written: rc is the bud_rc, err holds the field and message key (say it
 * in the user's language), code the stable reason ("duplicate",
 * "over_quantity", ... as above; "invalid" for malformed input, with
 * err.field naming the field), and for a duplicate id is the stored
 * event's id.
 */
struct bud_event_result {
	int rc;
	int64_t id;
	const char *code;		/* static string */
	bud_err err;
};

/* The provider a principal records for: *provider_id = actor's provider
 * for a provider user or API-key principal (role provider_user,
 * provider_id > 0, user_id may be 0). Anything else: BUD_EFORBIDDEN. */
int bud_event_provider_of(const bud_actor *actor, int64_t *provider_id,
			  bud_err *err);

/* Record one event (the rules above); *id_out its id. A refusal is the
 * row's rc with err set as in bud_event_result. */
int bud_event_record(bud_app *app, const bud_actor *actor,
		     const struct bud_event_input *in, int64_t *id_out,
		     bud_err *err);

/*
 * Record n rows (1..BUD_EVENT_BATCH_MAX) in ONE write unit, each checked
 * on its own against what is stored including the rows before it in the
 * batch (check, then insert): results[i] (caller's array of n) says what
 * became of rows[i]; a refused row never refuses the others, a row that
 * repeats a stored one (or one earlier in the batch) is a duplicate and
 * writes nothing. Returns BUD_OK when the unit committed, whatever the
 * rows' answers; an error (with err) only when nothing could be written
 * (forbidden principal, n out of range, storage failure): then no row
 * was written and the results are not meaningful.
 */
int bud_event_record_batch(bud_app *app, const bud_actor *actor,
			   const struct bud_event_input *rows, size_t n,
			   struct bud_event_result *results, bud_err *err);

/*
 * The same batch as a write unit the caller queues itself (http/ answers
 * an API write from the writer's done callback and holds no thread while
 * the group commits). bud_event_batch_new takes the principal, n and the
 * clock (the refusals of bud_event_record_batch; nothing is queued);
 * bud_event_batch_run is the unit, a bud_write_fn over the batch: run it
 * on the writer, alone or inside a larger unit; it fills the results as
 * bud_event_record_batch does. rows, results and actor must live until it
 * has run; bud_event_batch_free frees the batch (NULL ok).
 */
typedef struct bud_event_batch bud_event_batch;
int bud_event_batch_new(bud_app *app, const bud_actor *actor,
			const struct bud_event_input *rows, size_t n,
			struct bud_event_result *results, bud_event_batch **out,
			bud_err *err);
int bud_event_batch_run(bud_conn *w, void *batch, bud_err *err);
void bud_event_batch_free(bud_event_batch *b);

/* The view of event id (as bud_event_get) for the provider principal
 * that records it (another role: BUD_EFORBIDDEN), read on the writer's
 * connection w inside a write unit, so an event the unit has just
 * written is seen; its disclosure row is written in the same unit. */
int bud_event_view_on(bud_app *app, bud_conn *w, const bud_actor *actor,
		      int64_t id, json_t **out, bud_err *err);

/*
 * A CSV of events (formats/csv.h: ';' or ',', optional header line whose
 * first field is not a number), one event a line in the columns
 *   commitment id; date (YYYY-MM-DD); quantity (units, "1,5" or "1.5");
 *   note; external id
 * recorded as one batch (bud_event_record_batch): a line that does not
 * read (a missing column, a malformed id, date or quantity) is answered
 * as refused without reaching the batch; the others as the batch answers
 * them. So the good lines are written, the bad ones listed with their
 * line numbers, and the same file sent again writes nothing twice (every
 * line a duplicate). At most BUD_EVENT_BATCH_MAX lines.
 * A file that is not CSV, is empty or too long: BUD_EINVAL/BUD_ETOOBIG
 * with field "csv", nothing written.
 */
struct bud_event_csv_line {
	size_t line;			/* the physical line of the file */
	struct bud_event_result res;
};
struct bud_event_csv_report {
	size_t n;			/* data lines */
	size_t written, duplicates, refused;
	struct bud_event_csv_line *lines;	/* n of them (owned) */
};
int bud_event_import_csv(bud_app *app, const bud_actor *actor, const char *data,
			 size_t len, struct bud_event_csv_report *rep,
			 bud_err *err);
/* Free what rep owns; rep may be NULL. */
void bud_event_csv_release(struct bud_event_csv_report *rep);

/* The same import as a write unit the caller queues (as bud_event_batch):
 * bud_event_csv_begin reads the file (its refusals as above, nothing
 * queued); bud_event_csv_run is the unit (a bud_write_fn over the
 * import), after which bud_event_csv_report holds the answer of each
 * line; bud_event_csv_free frees the import and its report (NULL ok).
 * data must live until the import is freed. */
typedef struct bud_event_csv_import bud_event_csv_import;
int bud_event_csv_begin(bud_app *app, const bud_actor *actor, const char *data,
			size_t len, bud_event_csv_import **out, bud_err *err);
int bud_event_csv_run(bud_conn *w, void *import, bud_err *err);
const struct bud_event_csv_report *bud_event_csv_report(const bud_event_csv_import *imp);
void bud_event_csv_free(bud_event_csv_import *imp);

/* The reason code of a refusal err (as in bud_event_result.code). */
const char *bud_event_code(const bud_err *err);

/* The client's say. reason required for a dispute (BUD_EINVAL "reason"). */
int bud_event_confirm(bud_app *app, const bud_actor *actor, int64_t id,
		      bud_err *err);
int bud_event_dispute(bud_app *app, const bud_actor *actor, int64_t id,
		      const char *reason, bud_err *err);
/* A worker resolves a disputed event: uphold 1 (the client is right) or
 * 0 (dismissed); note required (BUD_EINVAL "note"). */
int bud_event_resolve(bud_app *app, const bud_actor *actor, int64_t id,
		      int uphold, const char *note, bud_err *err);

/* One event's view (above), for anyone who may see it. */
int bud_event_get(bud_app *app, const bud_actor *actor, int64_t id,
		  json_t **out, bud_err *err);
/* A page (pg->at: the id below which it starts) of the actor's provider's
 * events, of one commitment when commitment_id > 0 (another provider's
 * or none: BUD_ENOTFOUND err.authz.denied): [view]. At most
 * BUD_PROVIDER_PAGE_MAX rows (each client is a disclosure row). */
int bud_event_list_provider(bud_app *app, const bud_actor *actor,
			    int64_t commitment_id, struct bud_page *pg,
			    json_t **out, bud_err *err);
/* A page of client_id's events, for the client, a representative or a
 * worker of the client: [view]. */
int bud_event_list_client(bud_app *app, const bud_actor *actor,
			  int64_t client_id, struct bud_page *pg, json_t **out,
			  bud_err *err);
/* A worker's page of the disputed events of their organiser that they
 * may see (their clients, their unit's): [view]. At most
 * BUD_PROVIDER_PAGE_MAX rows (each client a use-log row of the answer). */
int bud_event_list_disputed(bud_app *app, const bud_actor *actor,
			    struct bud_page *pg, json_t **out, bud_err *err);

/* The last day to dispute an event recorded at recorded_at (Unix
 * seconds) under a window of days: its Helsinki date + days, into out. */
int bud_event_until(int64_t recorded_at, int days, char out[11]);

/* 1 when an event in state `state` recorded (its dispute window ending
 * on dispute_until) may be paid on `today`, else 0. */
int bud_event_payable(const char *state, const char *dispute_until,
		      const char *today);

#endif
