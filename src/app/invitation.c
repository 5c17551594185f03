/*
 * app/invitation.c: invitations in bulk (see app/invitation.h). The CSV
 * is parsed, every row checked and every letter written out on the
 * caller's thread; the write unit only inserts the outbox rows, so the
 * writer never waits for text work. The unit is one: 120 letters commit
 * together or not at all.
 */
#include <assert.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app/invitation.h"
#include "app/mail.h"
#include "app/read.h"
#include "core/buf.h"
#include "core/embed.h"
#include "formats/csv.h"
#include "formats/mail.h"
#include "store/org.h"

extern const struct bud_embed bud_app_data[];	/* tools/embed: letters/ */

const char *const bud_invite_langs[] = {"fi", "sv", "both", NULL};

#define ROLES (BUD_ROLE_ADMIN | BUD_ROLE_WORKER)

/* One good row and its letter (subject and body owned). */
struct letter {
	size_t line;
	const char *name;	/* borrowed from the CSV */
	char email[BUD_MAIL_ADDR_MAX + 1];
	char key[BUD_MAIL_ADDR_MAX + 64];
	char *subject, *body;
};

static int role_ok(const bud_actor *a, bud_err *err)
{
	if (!a || (a->role & ROLES))
		return BUD_OK;
	return bud_err_set(err, BUD_EFORBIDDEN, NULL, "err.forbidden",
			   "only the organiser's admin and workers invite");
}

static int organiser_of(bud_conn *c, const bud_actor *a,
			struct bud_store_organiser *o, bud_err *err)
{
	if (a && a->organiser_id > 0)
		return bud_store_organiser_get(c, a->organiser_id, o, err);
	return bud_store_organiser_only(c, o, err);
}

/* Drop ASCII spaces and tabs at both ends, in place. */
static char *trim(char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return s;
}

/* ---- letters from the templates ---------------------------------------- */

/* Append the template text t (its "{{! ... }}" comment dropped) with
 * {{provider}}, {{organiser}} and {{sender}} filled in. */
static void fill(bud_buf *out, const char *t, const char *provider,
		 const char *organiser, const char *sender)
{
	static const char *const names[] = {"{{provider}}", "{{organiser}}", "{{sender}}"};
	const char *values[] = {provider, organiser, sender};
	size_t i;

	while (*t) {
		if (strncmp(t, "{{!", 3) == 0) {
			const char *end = strstr(t, "}}");

			t = end ? end + 2 : t + strlen(t);
			if (*t == '\n')
				t++;
			continue;
		}
		for (i = 0; i < 3; i++)
			if (strncmp(t, names[i], strlen(names[i])) == 0)
				break;
		if (i < 3) {
			bud_buf_adds(out, values[i]);
			t += strlen(names[i]);
		} else {
			bud_buf_addc(out, *t++);
		}
	}
}

/* The subject (first line, after "Subject: ") and the body (after the
 * blank line) of the letter in lang ("fi" or "sv"). */
static int letter_part(const char *lang, const char *provider, const char *organiser,
		       const char *sender, bud_buf *subject, bud_buf *body)
{
	char name[40];
	const struct bud_embed *e;
	const char *nl;
	bud_buf all;

	snprintf(name, sizeof(name), "invitation.%s.txt", lang);
	if (!(e = bud_embed_find(bud_app_data, name)))
		return BUD_EINTERNAL;
	bud_buf_init(&all, BUD_MAIL_BODY_MAX);
	fill(&all, e->data, provider, organiser, sender);
	nl = strchr(bud_buf_str(&all), '\n');
	if (bud_buf_failed(&all) || !nl || strncmp(bud_buf_str(&all), "Subject: ", 9) != 0) {
		bud_buf_free(&all);
		return BUD_EINTERNAL;
	}
	bud_buf_add(subject, bud_buf_str(&all) + 9, (size_t)(nl - bud_buf_str(&all)) - 9);
	while (*nl == '\n')
		nl++;
	bud_buf_adds(body, nl);
	bud_buf_free(&all);
	return BUD_OK;
}

/* Write l's subject and body in lang (fi, sv or both). */
static int make_letter(struct letter *l, const char *lang,
		       const struct bud_store_organiser *o, const char *sender)
{
	const char *org_sv = o->name_sv[0] ? o->name_sv : o->name_fi;
	bud_buf subject, body;
	int rc = BUD_OK;

	bud_buf_init(&subject, BUD_MAIL_SUBJECT_MAX);
	bud_buf_init(&body, BUD_MAIL_BODY_MAX);
	if (strcmp(lang, "sv") != 0)
		rc = letter_part("fi", l->name, o->name_fi, sender, &subject, &body);
	if (rc == BUD_OK && strcmp(lang, "both") == 0) {
		bud_buf_adds(&subject, " / ");
		bud_buf_adds(&body, "\n* * *\n\n");
	}
	if (rc == BUD_OK && strcmp(lang, "fi") != 0)
		rc = letter_part("sv", l->name, org_sv, sender, &subject, &body);
	if (rc == BUD_OK && (bud_buf_failed(&subject) || bud_buf_failed(&body)))
		rc = BUD_ETOOBIG;
	l->subject = rc == BUD_OK ? bud_buf_steal(&subject, NULL) : NULL;
	l->body = rc == BUD_OK ? bud_buf_steal(&body, NULL) : NULL;
	bud_buf_free(&subject);
	bud_buf_free(&body);
	if (rc != BUD_OK)
		return rc;
	return l->subject && l->body ? BUD_OK : BUD_ENOMEM;
}

/* ---- rows -------------------------------------------------------------- */

/* Count a bad row and list it while there is room; returns 0. */
static int problem(struct bud_invite_result *res, size_t line, const char *field,
		   const char *key)
{
	res->bad++;
	if (res->nproblems >= BUD_INVITE_PROBLEMS_MAX)
		return 0;
	res->problems[res->nproblems].line = line;
	snprintf(res->problems[res->nproblems].field,
		 sizeof(res->problems[0].field), "%s", field);
	res->problems[res->nproblems].key = key;
	res->nproblems++;
	return 0;
}

static int is_header(const struct bud_csv_row *r)
{
	static const char *const names[] = {"email", "e-mail", "sähköposti",
					    "SÄHKÖPOSTI", "Sähköposti", "e-post", NULL};
	size_t i;

	if (r->nfields < 2)
		return 0;
	for (i = 0; names[i]; i++)
		if (strcasecmp(trim(r->fields[1]), names[i]) == 0)
			return 1;
	return 0;
}

static int seen_before(const struct letter *l, size_t n, const char *email)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(l[i].email, email) == 0)
			return 1;
	return 0;
}

/* Check row r; a good one becomes letters[*n] (without its texts yet):
 * returns 1 then, else 0. */
static int take_row(const struct bud_csv_row *r, int64_t org, struct letter *letters,
		     size_t *n, struct bud_invite_result *res)
{
	const char *name = trim(r->fields[0]);
	const char *email = r->nfields > 1 ? trim(r->fields[1]) : "";
	struct letter *l = &letters[*n];
	size_t i;

	if (!name[0])
		return problem(res, r->line, "name", "err.invite.name");
	if (strlen(name) > BUD_NAME_MAX)
		return problem(res, r->line, "name", "err.too_long");
	if (!bud_mail_addr_ok(email))
		return problem(res, r->line, "email", "err.invite.email");
	memset(l, 0, sizeof(*l));
	for (i = 0; email[i]; i++)
		l->email[i] = (char)tolower((unsigned char)email[i]);
	if (seen_before(letters, *n, l->email))
		return problem(res, r->line, "email", "err.invite.duplicate");
	l->line = r->line;
	l->name = name;
	snprintf(l->key, sizeof(l->key), "invitation:%lld:%s", (long long)org, l->email);
	(*n)++;
	return 1;
}

static int row_blank(const struct bud_csv_row *r)
{
	size_t i;

	for (i = 0; i < r->nfields; i++)
		if (trim(r->fields[i])[0])
			return 0;
	return 1;
}

/* ---- the write unit ---------------------------------------------------- */

struct invite_unit {
	int64_t org, user, now;
	const char *lang;
	struct letter *letters;
	size_t n;
	struct bud_invite_result *res;
};

static int invite_fn(bud_conn *w, void *arg, bud_err *err)
{
	struct invite_unit *x = arg;
	struct bud_mail_new m;
	size_t i;
	int added, rc;

	x->res->queued = x->res->already = 0;
	for (i = 0; i < x->n; i++) {
		memset(&m, 0, sizeof(m));
		m.organiser_id = x->org;
		m.kind = "invitation";
		m.dedupe_key = x->letters[i].key;
		m.to_addr = x->letters[i].email;
		m.to_name = x->letters[i].name;
		m.lang = strcmp(x->lang, "both") == 0 ? "fi+sv" : x->lang;
		m.subject = x->letters[i].subject;
		m.body = x->letters[i].body;
		m.created_by = x->user;
		if ((rc = bud_mail_enqueue(w, &m, x->now, &added, err)) != BUD_OK)
			return rc;
		if (added)
			x->res->queued++;
		else
			x->res->already++;
	}
	return BUD_OK;
}

/* ---- inviting ---------------------------------------------------------- */

static void free_letters(struct letter *l, size_t n)
{
	size_t i;

	for (i = 0; l && i < n; i++) {
		free(l[i].subject);
		free(l[i].body);
	}
	free(l);
}

/* The good rows of csv into x->letters, with their texts. */
static int build_letters(const struct bud_csv *csv, const struct bud_store_organiser *o,
			 const bud_actor *actor, struct invite_unit *x, bud_err *err)
{
	const char *sender = actor && actor->display_name[0] ? actor->display_name : o->name_fi;
	size_t i;
	int rc;

	if (!(x->letters = calloc(csv->nrows, sizeof(*x->letters))))
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "out of memory");
	for (i = is_header(&csv->rows[0]) ? 1 : 0; i < csv->nrows; i++)
		if (!row_blank(&csv->rows[i]))
			take_row(&csv->rows[i], o->id, x->letters, &x->n, x->res);
	for (i = 0; i < x->n; i++)
		if ((rc = make_letter(&x->letters[i], x->lang, o, sender)) != BUD_OK)
			return bud_err_set(err, rc, NULL, "err.internal",
					   "the invitation letter cannot be made");
	return BUD_OK;
}

static int in_list(const char *s, const char *const *list)
{
	for (; s && *list; list++)
		if (strcmp(s, *list) == 0)
			return 1;
	return 0;
}

int bud_invite_csv(bud_app *app, const bud_actor *actor, const char *data,
		   size_t len, const char *lang, struct bud_invite_result *res,
		   bud_err *err)
{
	struct bud_store_organiser o;
	struct invite_unit x;
	struct bud_csv csv;
	bud_conn *c;
	int rc;

	assert(app && res);
	memset(res, 0, sizeof(*res));
	memset(&x, 0, sizeof(x));
	memset(&csv, 0, sizeof(csv));
	if ((rc = role_ok(actor, err)) != BUD_OK)
		return rc;
	if (!in_list(lang, bud_invite_langs))
		return bud_err_set(err, BUD_EINVAL, "lang", "err.invite.lang",
				   "lang must be fi, sv or both");
	if ((rc = bud_csv_parse(data, len, 0, &csv, err)) != BUD_OK) {
		res->line = csv.err_line;
		res->column = csv.err_column;
		goto out;
	}
	if (!(c = bud_db_reader(app->db, err))) {
		rc = err->code;
		goto out;
	}
	if ((rc = organiser_of(c, actor, &o, err)) != BUD_OK)
		goto out;
	x.org = o.id;
	x.user = actor ? actor->user_id : 0;
	x.now = bud_app_now(app);
	x.lang = lang;
	x.res = res;
	if ((rc = build_letters(&csv, &o, actor, &x, err)) == BUD_OK && x.n > 0)
		rc = bud_db_write(app->db, invite_fn, &x, err);
	if (rc == BUD_OK && res->queued > 0)
		bud_mailer_kick(app->mailer);
	if (rc != BUD_OK)
		res->queued = res->already = 0;	/* rolled back */
out:
	free_letters(x.letters, x.n);
	bud_csv_free(&csv);
	return rc;
}

/* ---- the list ---------------------------------------------------------- */

static json_t *item_view(const struct bud_store_mail *m)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:i, s:s, s:I, s:o}",
			 "id", (json_int_t)m->id, "name", m->to_name, "email", m->to_addr,
			 "lang", m->lang, "state", m->state, "attempts", m->attempts,
			 "last_error", m->last_error, "created_at", (json_int_t)m->created_at,
			 "sent_at", m->sent_at ? json_integer(m->sent_at) : json_null());
}

struct list_ctx {
	const bud_actor *actor;
	struct bud_page *pg;
	json_t *out;
};

static int list_fn(bud_conn *c, void *arg, bud_err *err)
{
	struct list_ctx *x = arg;
	struct bud_store_outbox_counts k;
	struct bud_store_organiser o;
	struct bud_store_mail *rows;
	json_t *items;
	size_t i, n = 0, fetch = (size_t)bud_page_fetch(x->pg);
	int rc;

	if ((rc = organiser_of(c, x->actor, &o, err)) != BUD_OK ||
	    (rc = bud_store_outbox_count(c, o.id, "invitation", &k, err)) != BUD_OK)
		return rc;
	if (!(rows = calloc(fetch, sizeof(*rows))))
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "out of memory");
	rc = bud_store_outbox_list(c, o.id, "invitation", x->pg->at, rows, fetch, &n, err);
	x->pg->next = 0;
	if (rc == BUD_OK && n == fetch) {
		n--;
		x->pg->next = rows[n - 1].id;
	}
	items = json_array();
	for (i = 0; rc == BUD_OK && i < n; i++)
		json_array_append_new(items, item_view(&rows[i]));
	for (i = 0; i < fetch; i++)
		bud_store_outbox_release(&rows[i]);
	free(rows);
	x->out = json_pack("{s:o, s:{s:I, s:I, s:I}}", "items", items, "counts",
			   "queued", (json_int_t)k.queued, "sent", (json_int_t)k.sent,
			   "failed", (json_int_t)k.failed);
	return rc;
}

int bud_invite_list(bud_app *app, const bud_actor *actor, struct bud_page *pg,
		    json_t **out, bud_err *err)
{
	struct list_ctx x = {actor, pg, NULL};
	int rc;

	assert(app && pg && out);
	*out = NULL;
	if ((rc = role_ok(actor, err)) != BUD_OK)
		return rc;
	rc = bud_app_read(app, actor, list_fn, &x, err);
	if (rc != BUD_OK) {
		json_decref(x.out);
		return rc;
	}
	*out = x.out;
	return BUD_OK;
}
