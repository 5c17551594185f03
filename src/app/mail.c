/*
 * app/mail.c: the outbox's rules and its sender (see app/mail.h). The
 * only file that links libcurl. A pass reads the due letters on the
 * calling thread's reader, delivers each, and records each outcome in a
 * write unit of its own, so one slow relay answer never holds a
 * transaction open and the writer never waits for the network.
 */
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "app/mail.h"
#include "formats/mail.h"

void bud_mail_conf_default(struct bud_mail_conf *c, const char *db_path)
{
	const char *slash = db_path ? strrchr(db_path, '/') : NULL;

	memset(c, 0, sizeof(*c));
	snprintf(c->from, sizeof(c->from), "noreply@budjetti.invalid");
	if (slash)
		snprintf(c->dir, sizeof(c->dir), "%.*s/mail", (int)(slash - db_path), db_path);
	else if (db_path)
		snprintf(c->dir, sizeof(c->dir), "mail");
	c->backoff_s = BUD_MAIL_BACKOFF_S;
}

/* The kinds of letter (the outbox's column has no CHECK since migration
 * 024: this list is the rule; add a kind here, one a line). */
static const char *const mail_kinds[] = {
	"invitation",
	"commitment_made",
	"commitment_ended",
	"set_password",
	"activate",
	"meeting",
	NULL,
};

static int kind_ok(const char *kind)
{
	size_t i;

	for (i = 0; kind && mail_kinds[i]; i++)
		if (strcmp(kind, mail_kinds[i]) == 0)
			return 1;
	return 0;
}

int bud_mail_enqueue(bud_conn *w, const struct bud_mail_new *m, int64_t now,
		     int *added, bud_err *err)
{
	struct bud_store_mail row;

	assert(w && m && added);
	if (!kind_ok(m->kind))
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.generic",
				   "unknown kind of letter");
	if (!bud_mail_addr_ok(m->to_addr))
		return bud_err_set(err, BUD_EINVAL, "email", "err.mail.address",
				   "not an e-mail address");
	memset(&row, 0, sizeof(row));
	row.organiser_id = m->organiser_id;
	snprintf(row.kind, sizeof(row.kind), "%s", m->kind);
	if (snprintf(row.dedupe_key, sizeof(row.dedupe_key), "%s", m->dedupe_key) >=
	    (int)sizeof(row.dedupe_key))
		return bud_err_set(err, BUD_EINVAL, "email", "err.too_long", "dedupe key");
	snprintf(row.to_addr, sizeof(row.to_addr), "%s", m->to_addr);
	if (snprintf(row.to_name, sizeof(row.to_name), "%s", m->to_name ? m->to_name : "") >=
	    (int)sizeof(row.to_name))
		return bud_err_set(err, BUD_EINVAL, "name", "err.too_long", "name");
	snprintf(row.lang, sizeof(row.lang), "%s", m->lang);
	row.subject = (char *)m->subject;
	row.body = (char *)m->body;
	row.next_at = now;
	row.created_by = m->created_by;
	row.created_at = now;
	row.ics = (char *)m->ics;
	if (m->ics && m->ics[0])
		snprintf(row.ics_method, sizeof(row.ics_method), "%s",
			 m->ics_method && strcmp(m->ics_method, "CANCEL") == 0 ? "CANCEL" : "REQUEST");
	return bud_store_outbox_insert(w, &row, added, err);
}

int64_t bud_mail_backoff(int attempts, int base_s)
{
	int64_t wait = base_s > 0 ? base_s : BUD_MAIL_BACKOFF_S;
	int i;

	for (i = 1; i < attempts && wait < BUD_MAIL_BACKOFF_MAX_S; i++)
		wait *= 2;
	return wait < BUD_MAIL_BACKOFF_MAX_S ? wait : BUD_MAIL_BACKOFF_MAX_S;
}

void bud_mail_after(int attempts, enum bud_mail_outcome o, int64_t now, int base_s,
		    struct bud_mail_step *out)
{
	out->attempts = attempts + 1;
	out->next_at = now;
	if (o == BUD_MAIL_DELIVERED)
		out->state = "sent";
	else if (o == BUD_MAIL_PERMFAIL || out->attempts >= BUD_MAIL_ATTEMPTS_MAX)
		out->state = "failed";
	else {
		out->state = "queued";
		out->next_at = now + bud_mail_backoff(out->attempts, base_s);
	}
}

/* ---- delivery ---------------------------------------------------------- */

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static int curl_ok;

static void curl_start(void)
{
	curl_ok = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
}

/* What the relay reads: the message text, from `at` on. */
struct upload {
	const char *data;
	size_t len, at;
};

static size_t upload_read(char *ptr, size_t size, size_t nmemb, void *arg)
{
	struct upload *u = arg;
	size_t room = size * nmemb, n = u->len - u->at;

	if (n > room)
		n = room;
	memcpy(ptr, u->data + u->at, n);
	u->at += n;
	return n;
}

/* The options of the pass's handle that do not depend on the letter. */
static void smtp_setup(CURL *h, const struct bud_mail_conf *conf)
{
	curl_easy_setopt(h, CURLOPT_URL, conf->smtp_url);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, (long)BUD_MAIL_TIMEOUT_S);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, (long)BUD_MAIL_TIMEOUT_S);
	curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(h, CURLOPT_READFUNCTION, upload_read);
	if (conf->starttls)
		curl_easy_setopt(h, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	if (conf->user[0]) {
		curl_easy_setopt(h, CURLOPT_USERNAME, conf->user);
		curl_easy_setopt(h, CURLOPT_PASSWORD, conf->password);
	}
}

/* Hand text to the relay for to. A 5xx answer is for good. */
static enum bud_mail_outcome smtp_send(CURL *h, const struct bud_mail_conf *conf,
				       const char *to, const bud_buf *text,
				       char *why, size_t whysz)
{
	struct upload u = {bud_buf_str(text), text->len, 0};
	struct curl_slist *rcpt;
	char from[BUD_MAIL_ADDR_MAX + 3], addr[BUD_MAIL_ADDR_MAX + 3];
	long code = 0;
	CURLcode cc;

	snprintf(from, sizeof(from), "<%s>", conf->from);
	snprintf(addr, sizeof(addr), "<%s>", to);
	if (!(rcpt = curl_slist_append(NULL, addr))) {
		snprintf(why, whysz, "out of memory");
		return BUD_MAIL_TEMPFAIL;
	}
	curl_easy_setopt(h, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(h, CURLOPT_READDATA, &u);
	curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, (curl_off_t)text->len);
	cc = curl_easy_perform(h);
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
	curl_slist_free_all(rcpt);
	if (cc == CURLE_OK)
		return BUD_MAIL_DELIVERED;
	snprintf(why, whysz, "smtp %ld: %.200s", code, curl_easy_strerror(cc));
	return code >= 500 && code < 600 ? BUD_MAIL_PERMFAIL : BUD_MAIL_TEMPFAIL;
}

/* Write text as dir/<id>.eml: a temporary file first, then renamed, so
 * a reader of the directory never sees half a letter. */
static enum bud_mail_outcome file_send(const char *dir, int64_t id, const bud_buf *text,
				       char *why, size_t whysz)
{
	char tmp[BUD_MAIL_CONF_MAX + 48], path[BUD_MAIL_CONF_MAX + 48];
	size_t at = 0;
	int fd, ok;

	snprintf(tmp, sizeof(tmp), "%s/.%lld.tmp", dir, (long long)id);
	snprintf(path, sizeof(path), "%s/%lld.eml", dir, (long long)id);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
	if (fd < 0) {
		snprintf(why, whysz, "%.160s: %.80s", dir, strerror(errno));
		return BUD_MAIL_TEMPFAIL;
	}
	while (at < text->len) {
		ssize_t n = write(fd, bud_buf_str(text) + at, text->len - at);

		if (n <= 0)
			break;
		at += (size_t)n;
	}
	ok = at == text->len && fsync(fd) == 0;
	ok = close(fd) == 0 && ok && rename(tmp, path) == 0;
	if (!ok) {
		snprintf(why, whysz, "%.160s: %.80s", path, strerror(errno));
		unlink(tmp);
		return BUD_MAIL_TEMPFAIL;
	}
	return BUD_MAIL_DELIVERED;
}

/* ---- one pass ---------------------------------------------------------- */

struct mark_unit {
	int64_t id;
	struct bud_mail_step step;
	const char *why;
	int64_t now;
};

static int mark_fn(bud_conn *w, void *arg, bud_err *err)
{
	struct mark_unit *x = arg;

	return bud_store_outbox_mark(w, x->id, x->step.state, x->step.attempts,
				     x->step.next_at, x->why, x->now, err);
}

/* The letter m as RFC 5322 text into text; a letter that cannot be
 * written (a bad address in the row) fails for good. */
static enum bud_mail_outcome compose(const struct bud_mail_conf *conf,
				     const struct bud_store_mail *m, int64_t now,
				     bud_buf *text, char *why, size_t whysz)
{
	struct bud_mail_msg msg;
	char msgid[64];
	bud_err err;

	snprintf(msgid, sizeof(msgid), "budjetti.%lld.%lld", (long long)m->id,
		 (long long)m->created_at);
	memset(&msg, 0, sizeof(msg));
	msg.from = conf->from;
	msg.from_name = conf->from_name;
	msg.to = m->to_addr;
	msg.to_name = m->to_name;
	msg.subject = m->subject;
	msg.body = m->body;
	msg.ics = m->ics;
	msg.ics_method = m->ics_method;
	msg.date = now;
	msg.msgid = msgid;
	bud_err_clear(&err);
	if (bud_mail_format(&msg, text, &err) != BUD_OK) {
		snprintf(why, whysz, "%.32s: %.200s", err.field, err.detail);
		return BUD_MAIL_PERMFAIL;
	}
	return BUD_MAIL_DELIVERED;
}

/* Deliver one letter and record the outcome. */
static int one_letter(bud_app *app, const struct bud_mail_conf *conf, CURL *h,
		      const struct bud_store_mail *m, int64_t now,
		      struct bud_mail_run_result *res, bud_err *err)
{
	char why[BUD_MAIL_ERROR_MAX + 1] = "";
	struct mark_unit x;
	enum bud_mail_outcome o;
	bud_buf text;

	bud_buf_init(&text, 4 * BUD_MAIL_BODY_MAX);
	o = compose(conf, m, now, &text, why, sizeof(why));
	if (o == BUD_MAIL_DELIVERED)
		o = h ? smtp_send(h, conf, m->to_addr, &text, why, sizeof(why)) :
			file_send(conf->dir, m->id, &text, why, sizeof(why));
	bud_buf_free(&text);
	memset(&x, 0, sizeof(x));
	x.id = m->id;
	x.why = why;
	x.now = now;
	bud_mail_after(m->attempts, o, now, conf->backoff_s, &x.step);
	if (x.step.state[0] == 's')
		res->sent++;
	else if (x.step.state[0] == 'q')
		res->retry++;
	else
		res->failed++;
	return bud_db_write(app->db, mark_fn, &x, err);
}

/* The pass's SMTP handle, or NULL for files (then the directory is made). */
static int pass_start(const struct bud_mail_conf *conf, CURL **h, bud_err *err)
{
	*h = NULL;
	if (!conf->smtp_url[0]) {
		/* Exists already, or cannot be made: each letter's try then
		 * records why. */
		(void)mkdir(conf->dir, 0750);
		return BUD_OK;
	}
	pthread_once(&curl_once, curl_start);
	if (!curl_ok || !(*h = curl_easy_init()))
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal",
				   "libcurl does not start");
	smtp_setup(*h, conf);
	return BUD_OK;
}

int bud_mail_run(bud_app *app, const struct bud_mail_conf *conf, int64_t now,
		 struct bud_mail_run_result *res, bud_err *err)
{
	struct bud_store_mail *due;
	bud_conn *c;
	CURL *h = NULL;
	size_t i, n = 0;
	int rc;

	assert(app && conf && res);
	memset(res, 0, sizeof(*res));
	if (!(c = bud_db_reader(app->db, err)))
		return err->code;
	if (!(due = calloc(BUD_MAIL_BATCH, sizeof(*due))))
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "out of memory");
	rc = bud_store_outbox_due(c, now, due, BUD_MAIL_BATCH, &n, err);
	if (rc == BUD_OK && n > 0)
		rc = pass_start(conf, &h, err);
	for (i = 0; i < n && rc == BUD_OK; i++)
		rc = one_letter(app, conf, h, &due[i], now, res, err);
	for (i = 0; i < n; i++)
		bud_store_outbox_release(&due[i]);
	free(due);
	if (h)
		curl_easy_cleanup(h);
	return rc;
}

/* ---- the serve sender -------------------------------------------------- */

struct bud_mailer {
	bud_app *app;
	struct bud_mail_conf conf;	/* the sender's own; changed only by it */
	struct bud_mail_conf next;	/* bud_mailer_reconfigure's, under mu */
	int have_next;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int stop, kicked;
};

/* Passes until stopped: one whenever kicked or BUD_MAIL_POLL_S passed,
 * and at once again when a pass filled its batch. */
static void *mailer_main(void *arg)
{
	bud_mailer *m = arg;
	struct bud_mail_run_result res;
	struct timespec until;
	bud_err err;

	pthread_mutex_lock(&m->mu);
	while (!m->stop) {
		m->kicked = 0;
		if (m->have_next) {
			m->conf = m->next;
			m->have_next = 0;
		}
		pthread_mutex_unlock(&m->mu);
		bud_err_clear(&err);
		if (bud_mail_run(m->app, &m->conf, bud_app_now(m->app), &res, &err) != BUD_OK)
			fprintf(stderr, "budjetti: mail: %s\n", err.detail);
		pthread_mutex_lock(&m->mu);
		if (res.sent + res.retry + res.failed >= BUD_MAIL_BATCH)
			continue;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += BUD_MAIL_POLL_S;
		while (!m->stop && !m->kicked &&
		       pthread_cond_timedwait(&m->cv, &m->mu, &until) == 0)
			;
	}
	pthread_mutex_unlock(&m->mu);
	return NULL;
}

int bud_mailer_start(bud_app *app, const struct bud_mail_conf *conf,
		     bud_mailer **out, bud_err *err)
{
	bud_mailer *m = calloc(1, sizeof(*m));
	int rc;

	*out = NULL;
	if (!m)
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "out of memory");
	m->app = app;
	m->conf = *conf;
	pthread_mutex_init(&m->mu, NULL);
	pthread_cond_init(&m->cv, NULL);
	rc = bud_app_thread_start(&m->thread, mailer_main, m);
	if (rc != 0) {
		pthread_cond_destroy(&m->cv);
		pthread_mutex_destroy(&m->mu);
		free(m);
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal",
				   "cannot start the mail sender");
	}
	*out = m;
	return BUD_OK;
}

void bud_mailer_kick(bud_mailer *m)
{
	if (!m)
		return;
	pthread_mutex_lock(&m->mu);
	m->kicked = 1;
	pthread_cond_signal(&m->cv);
	pthread_mutex_unlock(&m->mu);
}

void bud_mailer_reconfigure(bud_mailer *m, const struct bud_mail_conf *conf)
{
	if (!m)
		return;
	pthread_mutex_lock(&m->mu);
	m->next = *conf;
	m->have_next = 1;
	m->kicked = 1;
	pthread_cond_signal(&m->cv);
	pthread_mutex_unlock(&m->mu);
}

void bud_mailer_stop(bud_mailer *m)
{
	if (!m)
		return;
	pthread_mutex_lock(&m->mu);
	m->stop = 1;
	pthread_cond_signal(&m->cv);
	pthread_mutex_unlock(&m->mu);
	pthread_join(m->thread, NULL);
	pthread_cond_destroy(&m->cv);
	pthread_mutex_destroy(&m->mu);
	free(m);
}
