/*
 * app/settle.c: settling a month (app/settle.h).
 */
#include <stdint.h>
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

struct invoices {
	int64_t *ids;
	size_t n;		/* of at most BUD_RUN_INVOICES_MAX */
};

struct wave {
	struct bud_invoice_job *jobs;
	unsigned char *depth;	/* how often each job's days were halved */
	size_t n;
};

/* Job k of w: provider's days from..to (day numbers), halved depth times. */
static void job_set(struct wave *w, size_t k, int64_t provider, int64_t from,
		    int64_t to, unsigned depth)
{
	int y, m, d;

	memset(&w->jobs[k], 0, sizeof(w->jobs[k]));
	w->jobs[k].provider_id = provider;
	bud_date_from_days(from, &y, &m, &d);
	bud_date_format(y, m, d, w->jobs[k].from);
	bud_date_from_days(to, &y, &m, &d);
	bud_date_format(y, m, d, w->jobs[k].to);
	w->depth[k] = (unsigned char)depth;
}

static int64_t day_no(const char *s)
{
	int y, m, d;

	return bud_date_parse(s, &y, &m, &d, NULL) == BUD_OK ? bud_date_days(y, m, d) : 0;
}

/*
 * After wave w ran: keep the invoices made; a provider with nothing
 * payable gets none; one with more than an invoice takes has its days
 * halved into the next wave (at most BUD_SETTLE_SPLIT_MAX invoices of
 * one provider's month).
 */
static int wave_next(const struct wave *w, struct wave *next, struct invoices *iv,
		     bud_err *err)
{
	const struct bud_invoice_job *j;
	int64_t from, to;
	size_t k;

	next->n = 0;
	for (k = 0; k < w->n; k++) {
		j = &w->jobs[k];
		if (j->rc == BUD_OK && iv->n == BUD_RUN_INVOICES_MAX)
			return bud_err_set(err, BUD_ETOOBIG, "invoices", "err.too_many",
					   "more than %d invoices", BUD_RUN_INVOICES_MAX);
		if (j->rc == BUD_OK) {
			iv->ids[iv->n++] = j->id;
			continue;
		}
		if (j->rc != BUD_ETOOBIG)	/* nothing payable */
			continue;
		from = day_no(j->from);
		to = day_no(j->to);
		if (from == to || (1u << (w->depth[k] + 1)) > BUD_SETTLE_SPLIT_MAX ||
		    next->n + 2 > BUD_RUN_INVOICES_MAX)
			return bud_err_set(err, BUD_ETOOBIG, "invoices", "err.too_many",
					   "more than %d invoices of one provider",
					   BUD_SETTLE_SPLIT_MAX);
		job_set(next, next->n++, j->provider_id, from, from + (to - from) / 2,
			w->depth[k] + 1u);
		job_set(next, next->n++, j->provider_id, from + (to - from) / 2 + 1, to,
			w->depth[k] + 1u);
	}
	return BUD_OK;
}

static int wave_alloc(struct wave *w)
{
	w->jobs = calloc(BUD_RUN_INVOICES_MAX, sizeof(*w->jobs));
	w->depth = calloc(BUD_RUN_INVOICES_MAX, sizeof(*w->depth));
	w->n = 0;
	return w->jobs && w->depth;
}

struct shift {
	bud_invoice_progress_fn progress;
	void *arg;
	int64_t base, total;
};

/* Step 1's progress: the first half of the steps. */
static void first_half(void *arg, int64_t done, int64_t total)
{
	struct shift *s = arg;

	s->progress(s->arg, total > 0 ? done * s->base / total : 0, s->total);
}

/* Step 2's progress after step 1's. */
static void shifted(void *arg, int64_t done, int64_t total)
{
	struct shift *s = arg;

	s->progress(s->arg, s->base + (total > 0 ? done * (s->total - s->base) / total : 0),
		    s->total);
}

/*
 * Step 1: invoice each provider's payable events of from..to, all of
 * them in one batch (bud_invoice_events_many), then the halves of those
 * too big for an invoice, and so on.
 */
static int invoice_all(bud_app *app, const bud_actor *maker, const char *from,
		       const char *to, const int64_t *prov, size_t np,
		       struct invoices *iv, bud_invoice_progress_fn progress,
		       void *parg, bud_err *err)
{
	struct wave w[2];
	size_t k, cur = 0;
	int rc = BUD_OK;

	if (!wave_alloc(&w[0]) || !wave_alloc(&w[1]))
		rc = bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "no memory");
	for (k = 0; rc == BUD_OK && k < np; k++)
		job_set(&w[0], w[0].n++, prov[k], day_no(from), day_no(to), 0);
	while (rc == BUD_OK && w[cur].n > 0) {
		rc = bud_invoice_events_many(app, maker, w[cur].jobs, w[cur].n,
					     progress, parg, err);
		if (rc == BUD_OK)
			rc = wave_next(&w[cur], &w[1 - cur], iv, err);
		cur = 1 - cur;
		progress = NULL;	/* the first wave's is the steps' */
	}
	for (k = 0; k < 2; k++) {
		free(w[k].jobs);
		free(w[k].depth);
	}
	return rc;
}

int bud_settle_month(bud_app *app, const bud_actor *maker,
		     const char *maker_password, const bud_actor *approver,
		     const char *approver_password, const char *month,
		     bud_invoice_progress_fn progress, void *progress_arg,
		     struct bud_settle_result *out, bud_err *err)
{
	char from[BUD_DATE_BUF], to[BUD_DATE_BUF];
	int64_t *prov = NULL;
	struct invoices iv = {NULL, 0};
	size_t np = 0;
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
	iv.ids = calloc(BUD_RUN_INVOICES_MAX, sizeof(*iv.ids));
	rc = prov && iv.ids ? providers_of(app, maker->organiser_id, from, to, prov, &np, err) :
		bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "no memory");
	sh.base = (int64_t)np;
	sh.total = 2 * (int64_t)np;
	if (rc == BUD_OK)
		rc = invoice_all(app, maker, from, to, prov, np, &iv,
				 progress ? first_half : NULL, &sh, err);
	out->providers = (int64_t)np;
	out->invoices = (int64_t)iv.n;
	if (rc == BUD_OK && iv.n > 0)
		rc = bud_invoice_approve_many(app, maker, iv.ids, iv.n, maker_password,
					      &out->approved, progress ? shifted : NULL,
					      &sh, err);
	if (rc == BUD_OK && out->approved > 0 &&
	    (rc = bud_payrun_create(app, maker, NULL, &out->run_id, err)) == BUD_OK)
		rc = bud_payrun_approve(app, approver, out->run_id, approver_password,
					NULL, err);
	free(prov);
	free(iv.ids);
	return rc;
}
