/*
 * app/settle.c: settling a month (app/settle.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/authz.h"
#include "app/payrun.h"
#include "app/settle.h"
#include "bud_limits.h"
#include "core/date.h"
#include "store/settle.h"

/* from..to of month "YYYY-MM" not after today's month. */
static int month_range(bud_app *app, const char *month, char from[BUD_DATE_BUF],
		       char to[BUD_DATE_BUF], bud_err *err)
{
	char today[BUD_DATE_BUF], day[BUD_DATE_BUF];
	int y, m, d;

	if (!month || strlen(month) != 7 ||
	    snprintf(day, sizeof(day), "%s-01", month) != 10 ||
	    bud_date_parse(day, &y, &m, &d, NULL) != BUD_OK ||
	    bud_app_today(app, today, sizeof(today)) != BUD_OK ||
	    strncmp(month, today, 7) > 0)
		return bud_err_set(err, BUD_EINVAL, "month", "err.invalid",
				   "a month YYYY-MM, not after this one");
	bud_date_format(y, m, 1, from);
	bud_date_format(y, m, bud_date_month_days(y, m), to);
	return BUD_OK;
}

static int providers_of(bud_app *app, int64_t org, const char *from,
			const char *to, int64_t *ids, size_t *n, bud_err *err)
{
	bud_conn *c = bud_db_reader(app->db, err);

	if (!c)
		return err ? err->code : BUD_EIO;
	return bud_store_settle_providers(c, org, from, to, ids,
					  BUD_RUN_INVOICES_MAX, n, err);
}

/* Step 1: an invoice of each provider's payable events; ids[] gets them. */
static int invoice_all(bud_app *app, const bud_actor *maker, const char *from,
		       const char *to, const int64_t *prov, size_t np, int64_t *ids,
		       size_t *ni, bud_invoice_progress_fn progress, void *parg,
		       bud_err *err)
{
	size_t i;
	int rc;

	*ni = 0;
	for (i = 0; i < np; i++) {
		rc = bud_invoice_events(app, maker, prov[i], from, to, &ids[*ni], err);
		if (rc == BUD_ECONFLICT && strcmp(err->key, "err.invoice.no_events") == 0)
			bud_err_clear(err);	/* nothing payable: no invoice */
		else if (rc != BUD_OK)
			return rc;
		else
			(*ni)++;
		if (progress)
			progress(parg, (int64_t)i + 1, 2 * (int64_t)np);
	}
	return BUD_OK;
}

struct shift {
	bud_invoice_progress_fn progress;
	void *arg;
	int64_t base, total;
};

/* Step 2's progress after step 1's. */
static void shifted(void *arg, int64_t done, int64_t total)
{
	struct shift *s = arg;

	(void)total;
	s->progress(s->arg, s->base + done, s->total);
}

int bud_settle_month(bud_app *app, const bud_actor *maker,
		     const char *maker_password, const bud_actor *approver,
		     const char *approver_password, const char *month,
		     bud_invoice_progress_fn progress, void *progress_arg,
		     struct bud_settle_result *out, bud_err *err)
{
	char from[BUD_DATE_BUF], to[BUD_DATE_BUF];
	int64_t *prov = NULL, *ids = NULL;
	size_t np = 0, ni = 0;
	struct shift sh = {progress, progress_arg, 0, 0};
	int rc;

	memset(out, 0, sizeof(*out));
	if (!maker || maker->role != BUD_ROLE_FINANCE || !approver ||
	    approver->role != BUD_ROLE_FINANCE)
		return bud_authz_forbidden(err, "settle a month");
	if (approver->user_id == maker->user_id)	/* before anything is made */
		return bud_err_set(err, BUD_ECONFLICT, "approved_by",
				   "err.payrun.four_eyes",
				   "the run is approved by another finance user");
	if ((rc = month_range(app, month, from, to, err)))
		return rc;
	prov = calloc(BUD_RUN_INVOICES_MAX, sizeof(*prov));
	ids = calloc(BUD_RUN_INVOICES_MAX, sizeof(*ids));
	rc = prov && ids ? providers_of(app, maker->organiser_id, from, to, prov, &np, err) :
		bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "no memory");
	if (rc == BUD_OK)
		rc = invoice_all(app, maker, from, to, prov, np, ids, &ni, progress,
				 progress_arg, err);
	out->providers = (int64_t)np;
	out->invoices = (int64_t)ni;
	sh.base = (int64_t)np;
	sh.total = 2 * (int64_t)np;
	if (rc == BUD_OK && ni > 0)
		rc = bud_invoice_approve_many(app, maker, ids, ni, maker_password,
					      &out->approved, progress ? shifted : NULL,
					      &sh, err);
	if (rc == BUD_OK && out->approved > 0 &&
	    (rc = bud_payrun_create(app, maker, NULL, &out->run_id, err)) == BUD_OK)
		rc = bud_payrun_approve(app, approver, out->run_id, approver_password,
					NULL, err);
	free(prov);
	free(ids);
	return rc;
}
