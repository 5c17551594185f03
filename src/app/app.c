/*
 * app/app.c: the application context's clock and the role names.
 *
 * The clock goes through bud_app_now so that tests can move time
 * (app->now_override) to check session expiry, login throttling and
 * mandate validity without waiting.
 */
#include <assert.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <sodium.h>

#include "app/app.h"
#include "core/date.h"
#include "core/money.h"

static const struct {
	int role;
	const char *name;
} role_names[] = {
	{BUD_ROLE_ADMIN, "admin"},
	{BUD_ROLE_WORKER, "worker"},
	{BUD_ROLE_DECISION_MAKER, "decision_maker"},
	{BUD_ROLE_FINANCE, "finance"},
	{BUD_ROLE_PROVIDER_USER, "provider_user"},
	{BUD_ROLE_CLIENT, "client"},
	{BUD_ROLE_REPRESENTATIVE, "representative"},
	{BUD_ROLE_EVALUATOR, "evaluator"},
};

#define ROLE_COUNT (sizeof(role_names) / sizeof(role_names[0]))

int bud_role_parse(const char *name)
{
	size_t i;

	if (!name)
		return 0;
	for (i = 0; i < ROLE_COUNT; i++)
		if (strcmp(role_names[i].name, name) == 0)
			return role_names[i].role;
	return 0;
}

const char *bud_role_name(int role)
{
	size_t i;

	for (i = 0; i < ROLE_COUNT; i++)
		if (role_names[i].role == role)
			return role_names[i].name;
	return NULL;
}

int bud_app_thread_start(pthread_t *t, void *(*fn)(void *), void *arg)
{
	sigset_t all, old;
	int rc;

	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	rc = pthread_create(t, NULL, fn, arg);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return rc;
}

int bud_app_instance_init(bud_app *app)
{
	unsigned char raw[BUD_INSTANCE_HEX / 2];

	if (bud_app_crypto_init() != BUD_OK)
		return BUD_EINTERNAL;
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(app->instance, sizeof(app->instance), raw, sizeof(raw));
	return BUD_OK;
}

int64_t bud_app_now(const bud_app *app)
{
	if (app && app->now_override)
		return app->now_override;
	return (int64_t)time(NULL);
}

int bud_app_today(const bud_app *app, char *out, size_t outsz)
{
	struct bud_tm tm;
	char day[BUD_DATE_BUF];
	int rc;

	assert(out && outsz >= BUD_DATE_BUF);
	rc = bud_time_helsinki(bud_app_now(app), &tm);
	if (rc == BUD_OK)
		rc = bud_date_format(tm.year, tm.month, tm.day, day);
	if (rc != BUD_OK) {
		out[0] = '\0';
		return rc;
	}
	snprintf(out, outsz, "%s", day);
	return BUD_OK;
}

static pthread_once_t crypto_once = PTHREAD_ONCE_INIT;
static int crypto_rc = -1;

static void crypto_init_once(void)
{
	crypto_rc = sodium_init();	/* 0 first time, 1 if already done */
}

int bud_app_crypto_init(void)
{
	pthread_once(&crypto_once, crypto_init_once);
	if (crypto_rc < 0)
		return BUD_EINTERNAL;
	return BUD_OK;
}

int bud_app_health(const bud_app *app, int *schema)
{
	*schema = 0;
	if (!app || !app->db || bud_db_failed(app->db))
		return BUD_EIO;
	*schema = bud_db_schema_version(app->db);
	return BUD_OK;
}

int bud_app_json_quantity(const json_t *j, const char *field, int64_t *out,
			  bud_err *err)
{
	char text[40];

	if (!j || json_is_null(j))
		return bud_err_set(err, BUD_EINVAL, field, "err.required",
				   "field %s is required", field);
	if (!json_is_number(j))
		return bud_err_set(err, BUD_EINVAL, field, "err.qty.number",
				   "%s must be a JSON number of units", field);
	if (json_number_value(j) < -(double)BUD_QTY_UNITS_MAX ||
	    json_number_value(j) > (double)BUD_QTY_UNITS_MAX)	/* says the bound */
		return bud_err_set(err, BUD_EINVAL, field, "err.plausible.quantity",
				   "%s too large", field);
	if (json_is_integer(j)) {
		*out = (int64_t)json_integer_value(j) * 100;
		return BUD_OK;
	}
	snprintf(text, sizeof(text), "%.*g", BUD_JSON_REAL_DIGITS, json_real_value(j));
	return bud_qty_parse(text, field, out, err);
}
