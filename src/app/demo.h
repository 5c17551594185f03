/*
 * app/demo.h: the demo data set, one use case for `budjetti demo`: a
 * bilingual wellbeing services county with two units, the ten services of
 * the seeds and their price list, three approved providers, five clients
 * with temporary identity codes, and one user account per role.
 *
 * It runs only on an empty database (no organiser, none of its user
 * names). Everything, the accounts and the representative's mandate
 * included, is written in one write unit: on any failure nothing is
 * written. The passwords are hashed before that unit.
 */
#ifndef BUD_APP_DEMO_H
#define BUD_APP_DEMO_H

#include <stdint.h>

#include "app/app.h"
#include "bud_limits.h"

#define BUD_DEMO_ACCOUNTS 10	/* one per role, two workers, two of finance (four eyes) */
#define BUD_DEMO_UNITS 2
#define BUD_DEMO_SERVICES 10
#define BUD_DEMO_PROVIDERS 3
#define BUD_DEMO_CLIENTS 5

struct bud_demo_account {
	const char *role;			/* "admin", ... (static) */
	const char *username;			/* static */
	const char *display_name;		/* static */
	char password[BUD_PASSWORD_MAX + 1];	/* secret: wipe after use */
	int64_t user_id;
};

struct bud_demo_result {
	int64_t organiser_id;
	int64_t unit_ids[BUD_DEMO_UNITS];
	int64_t service_ids[BUD_DEMO_SERVICES];
	int64_t provider_ids[BUD_DEMO_PROVIDERS];
	int64_t client_ids[BUD_DEMO_CLIENTS];
	int64_t mandate_client_id;	/* the client the representative acts for */
	int64_t mandate_id;		/* the representative's mandate */
	struct bud_demo_account accounts[BUD_DEMO_ACCOUNTS];
	/* bud_demo_apikey: Apuviisas's care system's API key */
	int64_t care_key_id;
	char care_key[BUD_APIKEY_TEXT + 1];	/* secret: wipe after use */
};

/*
 * Create the demo data set on app->db as the system. password NULL: each
 * account gets a random BUD_GEN_PASSWORD_LEN-character password (libsodium,
 * an alphabet without look-alike characters); else every account gets
 * password (BUD_PASSWORD_MIN..BUD_PASSWORD_MAX characters; for tests).
 * The passwords are returned in out and stored nowhere else but as
 * argon2id hashes. A database that is not empty is BUD_ECONFLICT
 * "err.demo.not_empty". On any error nothing is written and *out is all
 * zeros.
 */
int bud_demo_create(bud_app *app, const char *password,
		    struct bud_demo_result *out, bud_err *err);

/*
 * The demo's case histories (app/demo_cases.c), after bud_demo_create
 * with its result r (passwords still in it: the decision maker gives hers
 * to approve): assessments, offers and answers, support plans, an
 * approved plan (Matti Korhonen) and a proposed one (Henrik Sundström),
 * each through the use cases as the demo users, one write unit each. A
 * failure stops there and leaves the steps before it; the command then
 * fails and the file should be thrown away.
 */
int bud_demo_cases(bud_app *app, const struct bud_demo_result *r, bud_err *err);

/* The demo's approved providers in Porvoo and Matti Korhonen's accepted
 * commitment for his personal assistance line pa_line (app/demo_choice.c),
 * called by bud_demo_cases after his plan is approved. */
int bud_demo_choice(bud_app *app, const struct bud_demo_result *r,
		    int64_t pa_line, bud_err *err);
/* The first month of delivery on Matti's personal assistance commitment
 * (line pa_line), with five events confirmed and one disputed
 * (app/demo_delivery.c); called by bud_demo_choice after the provider
 * accepted. */
int bud_demo_delivery(bud_app *app, const struct bud_demo_result *r,
		      int64_t pa_line, bud_err *err);
/*
 * The demo's market of providers (app/demo_market.c), after
 * bud_demo_create: contact details, areas, locations, own prices,
 * applications and the worker's decisions, through the use cases; the
 * provider account is made its provider's admin. Failure as
 * bud_demo_cases.
 */
int bud_demo_market(bud_app *app, const struct bud_demo_result *r, bud_err *err);

/* The demo's statutory documents of providers (app/demo_documents.c),
 * called by bud_demo_market once its provider admin is set. Failure as
 * bud_demo_cases. */
int bud_demo_documents(bud_app *app, const struct bud_demo_result *r, bud_err *err);

/*
 * The demo's API key for Apuviisas Oy's care system (app/demo_apikey.c),
 * after bud_demo_market (its account is then the provider's admin): made
 * by Kari Mäkelä with every scope; the key into r->care_key, to be
 * printed once with the passwords and wiped with them.
 */
int bud_demo_apikey(bud_app *app, struct bud_demo_result *r, bud_err *err);

/*
 * The demo's settlement (app/demo_settlement.c), called by bud_demo_cases
 * last: Aleksi Virtanen's plan from the first of last month with a
 * housing month and transport committed to Apuviisas Oy, last month's
 * housing invoiced by it, four trips of last month recorded, confirmed
 * and invoiced from those events, both approved by finance and paid in a
 * run approved by the second finance user, the bank's notice imported
 * (the passwords in r are used). Failure as bud_demo_cases.
 */
int bud_demo_settlement(bud_app *app, const struct bud_demo_result *r, bud_err *err);

/* The bank's camt.054 of the demo's payment run `run`, every payment
 * booked, made and imported as finance user fin (app/demo_bank.c). */
int bud_demo_bank_notice(bud_app *app, const bud_actor *fin, int64_t run, bud_err *err);
/* The demo's client whose retention period has passed (app/demo_retention.c),
 * made by `budjetti demo` after the case histories. */
int bud_demo_retention(bud_app *app, const struct bud_demo_result *r, bud_err *err);

/*
 * The demo's managed accounts (app/demo_accounts.c), after
 * bud_demo_create: the staff's e-mail addresses, where set-password
 * links go.
 */
int bud_demo_accounts(bud_app *app, const struct bud_demo_result *r, bud_err *err);

/*
 * The demo's outcomes questionnaire answers (app/demo_pilot.c), after
 * bud_demo_cases: Matti Korhonen answers his own, and Liisa Virtanen
 * answers for Aleksi Virtanen, through the use case (app/pilot.h).
 */
int bud_demo_pilot(bud_app *app, const struct bud_demo_result *r, bud_err *err);

/* How far a long piece of work is: done of total. */
typedef void (*bud_demo_progress_fn)(void *arg, int64_t done, int64_t total);

struct bud_demo_scale_result {
	int64_t clients, providers, events;
};

/*
 * A generated county of n clients (1..BUD_DEMO_SCALE_MAX) on top of the
 * demo r (app/demo_scale.c): providers, approvals, clients, approved
 * plans, active commitments and a year of service events, the same for
 * the same n. progress (may be NULL) is called after each batch of
 * clients. Each batch is one write unit; on failure the batches before
 * it stay and the file should be thrown away. *out says what was made.
 */
int bud_demo_scale(bud_app *app, const struct bud_demo_result *r, int64_t n,
		   bud_demo_progress_fn progress, void *progress_arg,
		   struct bud_demo_scale_result *out, bud_err *err);

/*
 * The demo's meetings (app/demo_meetings.c), after bud_demo_accounts: the
 * organiser's video service, the representative's e-mail address, and
 * with the case histories (cases 1) a review meeting for Matti Korhonen.
 */
int bud_demo_meetings(bud_app *app, const struct bud_demo_result *r, int cases,
		      bud_err *err);

/* Overwrite the passwords (and the API key) in r with zeros. r may be NULL. */
void bud_demo_result_wipe(struct bud_demo_result *r);

#endif
