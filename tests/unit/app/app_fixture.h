/*
 * tests/unit/app/app_fixture.h: the world the app tests run in. Each test
 * gets a fresh database in its own mkdtemp directory (synchronous=NORMAL),
 * with two organisers, units, a provider, three clients and one user per
 * role, all sharing one password hash made once per process (argon2id is
 * slow on purpose, so the tests hash as little as they can). The clock is
 * fixed at FX_T0 (app.now_override).
 */
#ifndef BUD_TEST_APP_FIXTURE_H
#define BUD_TEST_APP_FIXTURE_H

#include <stdint.h>

#include "app/app.h"

/* 2025-06-15 12:00:00 UTC (15:00 in Helsinki). */
#define FX_T0 INT64_C(1749988800)
#define FX_PASSWORD "oikea-salasana-123"

/* Fixture user ids (usernames in brackets). */
enum {
	FX_ADMIN = 1,		/* admin */
	FX_WORKER = 2,		/* worker: unit 1, responsible for client 1 */
	FX_WORKER2 = 3,		/* worker2: unit 2, responsible for client 2 */
	FX_DM = 4,		/* dm: decision maker of organiser 1 */
	FX_FINANCE = 5,		/* finance */
	FX_PROVIDER = 6,	/* provider: provider user of provider 1 */
	FX_CLIENT = 7,		/* client: client 1's own account */
	FX_REP = 8,		/* rep: representative */
	FX_DM2 = 9,		/* dm2: decision maker of organiser 2 */
	FX_WORKER3 = 10,	/* worker3: unit 1, responsible for nobody */
	FX_INACTIVE = 11,	/* gone: an inactive worker */
};

/* Clients: 1 (organiser 1, unit 1, worker 2), 2 (organiser 1, unit 2,
 * worker 3), 3 (organiser 2, unit 3, no worker).
 *
 * Services 1 personal_assistance (hour), 2 day_activities (day),
 * 3 transport (trip), 4 supported_housing (month). Organiser 1's prices
 * from 2025-01-01: 28,50 € (price 1), 85,00 € (2), 35,00 € (3),
 * 1 450,00 € (4); personal assistance 29,90 € from 2025-07-01 (price 5,
 * version 2). Organiser 2: personal assistance 30,00 € (price 6). */

struct fx {
	char dir[64];
	char path[96];
	bud_app app;
};

/* cmocka setup/teardown: *state is a struct fx. */
int fx_setup(void **state);
int fx_teardown(void **state);

/* Close the app's database, run sql on a raw connection, reopen it
 * (tests that tamper with rows or plant login attempts). 0 on success. */
int fx_raw_exec(struct fx *f, const char *sql);

/* The first column of the first row of sql as an integer, read on a raw
 * read-only connection beside the open database. */
int64_t fx_raw_int(struct fx *f, const char *sql);

/* An actor as the session would fill it, for user id (fixture users). */
void fx_actor(struct fx *f, int64_t user_id, bud_actor *out);

#endif
