/*
 * Unit tests for app/mail.c and app/invitation.c: the back-off schedule
 * and the state after each kind of try (the outbox's state machine), the
 * dedupe key (a second enqueue adds nothing), a pass that writes .eml
 * files, a failing delivery retried only when due and then delivered, a
 * letter failed after BUD_MAIL_ATTEMPTS_MAX tries, and invitations from
 * CSV: bad rows by line, good rows queued, a re-run queues nothing, roles.
 * The clock is the one handed to bud_mail_run: no timing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "app/invitation.h"
#include "app/mail.h"
#include "app_fixture.h"

static void test_backoff(void **state)
{
	(void)state;
	assert_int_equal(bud_mail_backoff(1, 60), 60);
	assert_int_equal(bud_mail_backoff(2, 60), 120);
	assert_int_equal(bud_mail_backoff(3, 60), 240);
	assert_int_equal(bud_mail_backoff(7, 60), 3840);
	assert_int_equal(bud_mail_backoff(30, 60), BUD_MAIL_BACKOFF_MAX_S);
	assert_int_equal(bud_mail_backoff(1, 0), BUD_MAIL_BACKOFF_S);
}

static void test_state_machine(void **state)
{
	struct bud_mail_step s;

	(void)state;
	bud_mail_after(0, BUD_MAIL_DELIVERED, 1000, 60, &s);
	assert_string_equal(s.state, "sent");
	assert_int_equal(s.attempts, 1);
	bud_mail_after(0, BUD_MAIL_TEMPFAIL, 1000, 60, &s);
	assert_string_equal(s.state, "queued");
	assert_int_equal(s.attempts, 1);
	assert_int_equal(s.next_at, 1060);
	bud_mail_after(2, BUD_MAIL_TEMPFAIL, 1000, 60, &s);
	assert_int_equal(s.next_at, 1000 + 240);
	bud_mail_after(BUD_MAIL_ATTEMPTS_MAX - 1, BUD_MAIL_TEMPFAIL, 1000, 60, &s);
	assert_string_equal(s.state, "failed");
	bud_mail_after(0, BUD_MAIL_PERMFAIL, 1000, 60, &s);
	assert_string_equal(s.state, "failed");
	assert_int_equal(s.attempts, 1);
}

struct enq {
	const char *key, *to;
	int added;
};

static int enq_fn(bud_conn *w, void *arg, bud_err *err)
{
	struct enq *x = arg;
	struct bud_mail_new m = {1, "invitation", x->key, x->to, "Hoiva Oy", "fi",
				 "Kutsu: Itä-Uusimaa", "Hyvä Hoiva Oy,\n", 0, NULL, NULL};

	return bud_mail_enqueue(w, &m, FX_T0, &x->added, err);
}

static void conf_in(struct fx *f, struct bud_mail_conf *c, const char *sub)
{
	bud_mail_conf_default(c, f->path);
	snprintf(c->dir, sizeof(c->dir), "%s/%s", f->dir, sub);
	c->backoff_s = 60;
}

static void test_dedupe_and_files(void **state)
{
	struct fx *f = *state;
	struct enq x = {"invitation:1:info@hoiva.fi", "info@hoiva.fi", 0};
	struct bud_mail_run_result r;
	struct bud_mail_conf c;
	char path[160];
	bud_err err;

	assert_int_equal(bud_db_write(f->app.db, enq_fn, &x, &err), BUD_OK);
	assert_int_equal(x.added, 1);
	assert_int_equal(bud_db_write(f->app.db, enq_fn, &x, &err), BUD_OK);
	assert_int_equal(x.added, 0);
	x.to = "not an address";
	x.key = "other";
	assert_int_equal(bud_db_write(f->app.db, enq_fn, &x, &err), BUD_EINVAL);
	assert_string_equal(err.field, "email");
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM outbox"), 1);
	conf_in(f, &c, "mail");
	assert_int_equal(bud_mail_run(&f->app, &c, FX_T0, &r, &err), BUD_OK);
	assert_int_equal(r.sent, 1);
	snprintf(path, sizeof(path), "%s/mail/1.eml", f->dir);
	assert_int_equal(access(path, R_OK), 0);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM outbox WHERE state = 'sent'"), 1);
	/* Nothing left: a second pass sends nothing. */
	assert_int_equal(bud_mail_run(&f->app, &c, FX_T0 + 3600, &r, &err), BUD_OK);
	assert_int_equal(r.sent + r.retry + r.failed, 0);
}

static void test_retry_when_due(void **state)
{
	struct fx *f = *state;
	struct enq x = {"k1", "info@hoiva.fi", 0};
	struct bud_mail_run_result r;
	struct bud_mail_conf c;
	char dir[160];
	bud_err err;
	int i;

	assert_int_equal(bud_db_write(f->app.db, enq_fn, &x, &err), BUD_OK);
	/* The directory's parent does not exist: the write fails for now. */
	conf_in(f, &c, "missing/mail");
	assert_int_equal(bud_mail_run(&f->app, &c, FX_T0, &r, &err), BUD_OK);
	assert_int_equal(r.retry, 1);
	assert_int_equal(fx_raw_int(f, "SELECT next_at - " "1749988800" " FROM outbox"), 60);
	assert_int_equal(fx_raw_int(f, "SELECT length(last_error) > 0 FROM outbox"), 1);
	/* Not due yet: untouched. */
	snprintf(dir, sizeof(dir), "%s/missing", f->dir);
	assert_int_equal(mkdir(dir, 0700), 0);
	assert_int_equal(bud_mail_run(&f->app, &c, FX_T0 + 59, &r, &err), BUD_OK);
	assert_int_equal(r.sent + r.retry + r.failed, 0);
	assert_int_equal(bud_mail_run(&f->app, &c, FX_T0 + 60, &r, &err), BUD_OK);
	assert_int_equal(r.sent, 1);
	assert_int_equal(fx_raw_int(f, "SELECT attempts FROM outbox"), 2);
	/* A letter that never goes is failed after the last try. */
	x.key = "k2";
	assert_int_equal(bud_db_write(f->app.db, enq_fn, &x, &err), BUD_OK);
	conf_in(f, &c, "nowhere/mail");
	for (i = 0; i < BUD_MAIL_ATTEMPTS_MAX; i++)
		assert_int_equal(bud_mail_run(&f->app, &c, FX_T0 + 86400 * (i + 1), &r, &err), BUD_OK);
	assert_int_equal(fx_raw_int(f, "SELECT state = 'failed' AND attempts = "
				    "8 FROM outbox WHERE dedupe_key = 'k2'"), 1);
}

#define CSV "nimi;sähköposti\n" \
	"Hoiva Oy;info@hoiva.fi\n" \
	";nimi@puuttuu.fi\n" \
	"Vård Ab;vard@\n" \
	"Hoiva kaksi;INFO@Hoiva.fi\n" \
	"\n" \
	"Åbo Omsorg;omsorg@abo.fi\n"

static void test_invite_csv(void **state)
{
	struct fx *f = *state;
	struct bud_invite_result res;
	bud_actor a;
	bud_err err;

	fx_actor(f, FX_WORKER, &a);
	assert_int_equal(bud_invite_csv(&f->app, &a, CSV, strlen(CSV), "both", &res, &err), BUD_OK);
	assert_int_equal(res.queued, 2);
	assert_int_equal(res.bad, 3);
	assert_int_equal(res.problems[0].line, 3);
	assert_string_equal(res.problems[0].field, "name");
	assert_int_equal(res.problems[1].line, 4);
	assert_string_equal(res.problems[1].key, "err.invite.email");
	assert_int_equal(res.problems[2].line, 5);
	assert_string_equal(res.problems[2].key, "err.invite.duplicate");
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM outbox WHERE lang = 'fi+sv' AND "
				    "subject LIKE 'Kutsu palveluntuottajaksi: Itä / Inbjudan%Öst' AND "
				    "body LIKE 'Hyvä Åbo Omsorg,%Bästa Åbo Omsorg,%'"), 1);
	/* Again: nothing new. */
	assert_int_equal(bud_invite_csv(&f->app, &a, CSV, strlen(CSV), "fi", &res, &err), BUD_OK);
	assert_int_equal(res.queued, 0);
	assert_int_equal(res.already, 2);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM outbox"), 2);
	/* Who may, and a text that is not CSV. */
	fx_actor(f, FX_FINANCE, &a);
	assert_int_equal(bud_invite_csv(&f->app, &a, CSV, strlen(CSV), "fi", &res, &err),
			 BUD_EFORBIDDEN);
	fx_actor(f, FX_ADMIN, &a);
	assert_int_equal(bud_invite_csv(&f->app, &a, "A;a@b.fi\n\"B", 12, "fi", &res, &err),
			 BUD_EINVAL);
	assert_string_equal(err.field, "csv");
	assert_int_equal(res.line, 2);
	assert_int_equal(bud_invite_csv(&f->app, &a, CSV, strlen(CSV), "de", &res, &err),
			 BUD_EINVAL);
	assert_string_equal(err.field, "lang");
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM outbox"), 2);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_backoff),
		cmocka_unit_test(test_state_machine),
		T(test_dedupe_and_files),
		T(test_retry_when_due),
		T(test_invite_csv),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
