/*
 * app/ops.c: readiness and gauges for operations (app/ops.h).
 */
#include "app/ops.h"

int bud_app_ready(bud_app *app, int *schema, bud_err *err)
{
	bud_conn *c;

	*schema = 0;
	if (!app || !app->db || bud_db_failed(app->db))
		return bud_err_set(err, BUD_EIO, NULL, "err.io", "the database has failed");
	c = bud_db_reader(app->db, err);
	if (!c)
		return err->code;
	return bud_store_ping(c, schema, err);
}

int bud_app_gauges(bud_app *app, struct bud_store_gauges *out, bud_err *err)
{
	bud_conn *c = bud_db_reader(app->db, err);

	if (!c)
		return err->code;
	return bud_store_gauges(c, bud_app_now(app), out, err);
}
