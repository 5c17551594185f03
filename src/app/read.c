/*
 * app/read.c: the read path (see app/read.h): read use cases on the
 * thread's read connection, their use-log rows kept and appended through
 * the writer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/read.h"

int bud_readlog_add(struct bud_readlog *log, const struct bud_uselog_entry *e,
		    bud_err *err)
{
	struct bud_readlog_row *r;
	size_t i;

	for (i = 0; i < log->n; i++) {
		r = &log->rows[i];
		if (r->client_id != e->client_id || r->acting_for != e->acting_for ||
		    strcmp(r->action, e->action) != 0 ||
		    strcmp(r->recipient, e->recipient ? e->recipient : "") != 0)
			continue;
		/* a heading's name gives way to what the screen is about */
		if (strcmp(r->object, "client:name") == 0 &&
		    strlen(e->object) < sizeof(r->object))
			snprintf(r->object, sizeof(r->object), "%s", e->object);
		return BUD_OK;
	}
	if (log->n == BUD_READLOG_ROWS)
		return bud_err_set(err, BUD_ETOOBIG, NULL, "err.generic",
				   "more than %d use-log rows in one answer",
				   BUD_READLOG_ROWS);
	r = &log->rows[log->n];
	memset(r, 0, sizeof(*r));
	r->client_id = e->client_id;
	r->acting_for = e->acting_for;
	if (snprintf(r->action, sizeof(r->action), "%s", e->action) >= (int)sizeof(r->action) ||
	    snprintf(r->object, sizeof(r->object), "%s", e->object) >= (int)sizeof(r->object) ||
	    snprintf(r->basis, sizeof(r->basis), "%s", e->basis) >= (int)sizeof(r->basis) ||
	    snprintf(r->recipient, sizeof(r->recipient), "%s",
		     e->recipient ? e->recipient : "") >= (int)sizeof(r->recipient) ||
	    snprintf(r->legal_basis, sizeof(r->legal_basis), "%s",
		     e->legal_basis ? e->legal_basis : "") >= (int)sizeof(r->legal_basis))
		return bud_err_set(err, BUD_EINVAL, "object", "err.generic",
				   "use-log field too long");
	log->n++;
	return BUD_OK;
}

/* Inside a screen (a read already runs on c): fn joins its transaction
 * and its log; the rows of a failing fn are dropped. */
static int read_nested(bud_conn *c, bud_write_fn fn, void *arg, bud_err *err)
{
	struct bud_readlog *log = bud_conn_ctx(c);
	size_t mark = log->n;
	int rc = fn(c, arg, err);

	if (rc != BUD_OK)
		log->n = mark;
	return rc;
}

int bud_app_read(bud_app *app, const bud_actor *actor, bud_write_fn fn,
		 void *arg, bud_err *err)
{
	struct bud_readlog *log = actor ? actor->log : NULL;
	struct bud_readlog *local = NULL;
	bud_conn *c;
	size_t mark;
	int rc;

	if (!(c = bud_db_reader(app->db, err)))
		return err && err->code != BUD_OK ? err->code : BUD_EINTERNAL;
	if (bud_conn_ctx(c))
		return read_nested(c, fn, arg, err);
	if (!log) {
		if (!(local = calloc(1, sizeof(*local))))
			return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "read log");
		log = local;
	}
	mark = log->n;
	if ((rc = bud_conn_read_begin(c, err)) == BUD_OK) {
		bud_conn_set_ctx(c, log);
		rc = fn(c, arg, err);
		bud_conn_set_ctx(c, NULL);
		bud_conn_read_end(c);
	}
	if (rc != BUD_OK)
		log->n = mark;
	else if (local && local->n)
		rc = bud_readlog_flush(app, actor, local, err);
	free(local);
	return rc;
}

struct screen_arg {
	bud_screen_fn fn;
	void *arg;
};

static int screen_unit(bud_conn *c, void *arg, bud_err *err)
{
	struct screen_arg *s = arg;

	(void)c;
	return s->fn(s->arg, err);
}

int bud_app_screen(bud_app *app, const bud_actor *actor, bud_screen_fn fn,
		   void *arg, bud_err *err)
{
	struct screen_arg s = {fn, arg};

	return bud_app_read(app, actor, screen_unit, &s, err);
}

const char *bud_readlog_authz(const struct bud_readlog *log, int64_t client_id,
			      int want_act)
{
	size_t i;

	for (i = 0; log && i < log->nauthz; i++)
		if (log->authz[i].client_id == client_id &&
		    log->authz[i].want_act >= want_act)
			return log->authz[i].basis;
	return NULL;
}

void bud_readlog_authz_keep(struct bud_readlog *log, int64_t client_id,
			    int want_act, const char *basis)
{
	struct bud_readlog_authz *z;

	if (!log || log->nauthz == BUD_READLOG_AUTHZ)
		return;
	z = &log->authz[log->nauthz++];
	z->client_id = client_id;
	z->want_act = want_act;
	snprintf(z->basis, sizeof(z->basis), "%s", basis);
}

struct flush_arg {
	bud_app *app;
	const bud_actor *actor;
	const struct bud_readlog *log;
};

static int flush_unit(bud_conn *w, void *arg, bud_err *err)
{
	const struct flush_arg *a = arg;
	struct bud_uselog_entry e;
	size_t i;
	int rc = BUD_OK;

	for (i = 0; rc == BUD_OK && i < a->log->n; i++) {
		const struct bud_readlog_row *r = &a->log->rows[i];

		memset(&e, 0, sizeof(e));
		e.client_id = r->client_id;
		e.acting_for = r->acting_for;
		e.action = r->action;
		e.object = r->object;
		e.basis = r->basis;
		e.recipient = r->recipient[0] ? r->recipient : NULL;
		e.legal_basis = r->legal_basis[0] ? r->legal_basis : NULL;
		rc = bud_uselog_append(a->app, w, a->actor, &e, err);
	}
	return rc;
}

int bud_readlog_write(bud_app *app, bud_conn *w, const bud_actor *actor,
		      const struct bud_readlog *log, bud_err *err)
{
	struct flush_arg a = {app, actor, log};

	return flush_unit(w, &a, err);
}

int bud_readlog_flush(bud_app *app, const bud_actor *actor,
		      const struct bud_readlog *log, bud_err *err)
{
	struct flush_arg a = {app, actor, log};

	return bud_db_write(app->db, flush_unit, &a, err);
}

/* The async unit owns a copy of its flush_arg; the writer calls done. */
struct flush_async {
	struct flush_arg a;
	bud_write_done_fn done;
	void *arg;
};

static int flush_async_unit(bud_conn *w, void *arg, bud_err *err)
{
	return flush_unit(w, &((struct flush_async *)arg)->a, err);
}

static void flush_async_done(void *arg, int rc, const bud_err *err)
{
	struct flush_async *f = arg;

	f->done(f->arg, rc, err);
	free(f);
}

int bud_readlog_flush_async(bud_app *app, const bud_actor *actor,
			    const struct bud_readlog *log,
			    bud_write_done_fn done, void *arg, bud_err *err)
{
	struct flush_async *f = malloc(sizeof(*f));
	int rc;

	if (!f)
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "read log");
	f->a.app = app;
	f->a.actor = actor;
	f->a.log = log;
	f->done = done;
	f->arg = arg;
	rc = bud_db_write_async(app->db, flush_async_unit, f, flush_async_done, f, err);
	if (rc != BUD_OK)
		free(f);
	return rc;
}
