/*
 * app/settle.c: settling a month (app/settle.h).
 */
#include <pthread.h>
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
	size_t n;		/* of at most BUD_SETTLE_SPLIT_MAX */
};

/* Invoice provider's payable events of the days from..to (day numbers);
 * one too big for an invoice (more commitments or events than it takes)
 * is invoiced in two halves, and so on. Nothing payable: no invoice. */
static int invoice_days(bud_app *app, const bud_actor *maker, int64_t provider,
			int64_t from, int64_t to, struct invoices *iv, bud_err *err)
{
	char f[BUD_DATE_BUF], t[BUD_DATE_BUF];
	int y, m, d, rc;

	if (iv->n == BUD_SETTLE_SPLIT_MAX)
		return bud_err_set(err, BUD_ETOOBIG, "invoices", "err.too_many",
				   "more than %d invoices of one provider",
				   BUD_SETTLE_SPLIT_MAX);
	bud_date_from_days(from, &y, &m, &d);
	bud_date_format(y, m, d, f);
	bud_date_from_days(to, &y, &m, &d);
	bud_date_format(y, m, d, t);
	rc = bud_invoice_events(app, maker, provider, f, t, &iv->ids[iv->n], err);
	if (rc == BUD_OK)
		iv->n++;
	if (rc == BUD_ECONFLICT && strcmp(err->key, "err.invoice.no_events") == 0) {
		bud_err_clear(err);
		return BUD_OK;
	}
	if (rc != BUD_ETOOBIG || from == to)
		return rc;
	bud_err_clear(err);
	rc = invoice_days(app, maker, provider, from, from + (to - from) / 2, iv, err);
	return rc ? rc : invoice_days(app, maker, provider, from + (to - from) / 2 + 1,
				      to, iv, err);
}

static int64_t day_no(const char *s)
{
	int y, m, d;

	return bud_date_parse(s, &y, &m, &d, NULL) == BUD_OK ? bud_date_days(y, m, d) : 0;
}

/* Step 1 on several threads, so that their units share commits. */
struct pool {
	bud_app *app;
	const bud_actor *maker;
	int64_t from, to;
	const int64_t *prov;
	size_t np, next, done;
	struct invoices *iv;
	bud_invoice_progress_fn progress;
	void *parg;
	pthread_mutex_t mu;
	int rc;
	bud_err err;
};

/* A thread's invoices of one provider, added to the pool's. */
static void pool_done(struct pool *p, const struct invoices *mine, int rc,
		      const bud_err *err)
{
	size_t k;

	pthread_mutex_lock(&p->mu);
	for (k = 0; rc == BUD_OK && k < mine->n; k++) {
		if (p->iv->n == BUD_RUN_INVOICES_MAX)
			rc = bud_err_set(&p->err, BUD_ETOOBIG, "invoices", "err.too_many",
					 "more than %d invoices", BUD_RUN_INVOICES_MAX);
		else
			p->iv->ids[p->iv->n++] = mine->ids[k];
	}
	if (rc != BUD_OK && p->rc == BUD_OK) {
		p->rc = rc;
		if (p->err.code == BUD_OK)
			p->err = *err;
	}
	p->done++;
	if (p->progress)
		p->progress(p->parg, (int64_t)p->done, 2 * (int64_t)p->np);
	pthread_mutex_unlock(&p->mu);
}

static void *pool_thread(void *arg)
{
	struct pool *p = arg;
	int64_t ids[BUD_SETTLE_SPLIT_MAX];
	struct invoices mine = {ids, 0};
	bud_err err;
	size_t i;
	int rc;

	for (;;) {
		pthread_mutex_lock(&p->mu);
		i = p->rc == BUD_OK && p->next < p->np ? p->next++ : SIZE_MAX;
		pthread_mutex_unlock(&p->mu);
		if (i == SIZE_MAX)
			return NULL;
		mine.n = 0;
		bud_err_clear(&err);
		rc = invoice_days(p->app, p->maker, p->prov[i], p->from, p->to, &mine, &err);
		pool_done(p, &mine, rc, &err);
	}
}

static int invoice_all(bud_app *app, const bud_actor *maker, const char *from,
		       const char *to, const int64_t *prov, size_t np,
		       struct invoices *iv, bud_invoice_progress_fn progress,
		       void *parg, bud_err *err)
{
	struct pool p = {.app = app, .maker = maker, .from = day_no(from),
			 .to = day_no(to), .prov = prov, .np = np, .iv = iv,
			 .progress = progress, .parg = parg};
	pthread_t th[BUD_INVOICE_APPROVE_THREADS];
	int k, nt = 0;

	bud_err_clear(&p.err);
	pthread_mutex_init(&p.mu, NULL);
	for (k = 1; k < BUD_INVOICE_APPROVE_THREADS && (size_t)k < np; k++)
		if (pthread_create(&th[nt], NULL, pool_thread, &p) == 0)
			nt++;
	pool_thread(&p);
	for (k = 0; k < nt; k++)
		pthread_join(th[k], NULL);
	pthread_mutex_destroy(&p.mu);
	if (p.rc != BUD_OK && err)
		*err = p.err;
	return p.rc;
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

	s->progress(s->arg, s->base + (total > 0 ? done * (s->total - s->base) / total : 0),
		    s->total);
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
	if (rc == BUD_OK)
		rc = invoice_all(app, maker, from, to, prov, np, &iv, progress,
				 progress_arg, err);
	out->providers = (int64_t)np;
	out->invoices = (int64_t)iv.n;
	sh.base = (int64_t)np;
	sh.total = 2 * (int64_t)np;
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
