/*
 * app/cm_letter.c: the letters to a provider about its commitments (see
 * app/cm_letter.h). The texts are templates compiled into the binary
 * (letters/commitment_{made,ended}.{fi,sv}.txt); the first line is the
 * subject, "{{name}}" placeholders are filled, "{{! ... }}" is dropped.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/cm_letter.h"
#include "app/mail.h"
#include "core/buf.h"
#include "core/embed.h"
#include "formats/mail.h"
#include "store/client.h"
#include "store/org.h"
#include "store/provider.h"

extern const struct bud_embed bud_app_data[];	/* tools/embed: letters/ */

#define NKEYS 10
struct fields {
	const char *key[NKEYS];
	const char *val[NKEYS];
};

/* Append template t with the placeholders of f filled in. */
static void fill(bud_buf *out, const char *t, const struct fields *f)
{
	size_t i, n;

	while (*t) {
		if (strncmp(t, "{{!", 3) == 0) {
			const char *end = strstr(t, "}}");

			t = end ? end + 2 : t + strlen(t);
			if (*t == '\n')
				t++;
			continue;
		}
		for (i = 0; i < NKEYS && f->key[i]; i++) {
			n = strlen(f->key[i]);
			if (strncmp(t, "{{", 2) == 0 && strncmp(t + 2, f->key[i], n) == 0 &&
			    strncmp(t + 2 + n, "}}", 2) == 0)
				break;
		}
		if (i < NKEYS && f->key[i]) {
			bud_buf_adds(out, f->val[i]);
			t += strlen(f->key[i]) + 4;
		} else {
			bud_buf_addc(out, *t++);
		}
	}
}

/* "fi" or "sv": the first of the provider's languages that is either. */
static const char *letter_lang(const char *languages)
{
	const char *fi = strstr(languages, "fi"), *sv = strstr(languages, "sv");

	return sv && (!fi || sv < fi) ? "sv" : "fi";
}

/* Subject and body of template name filled from f. */
static int compose(const char *name, const struct fields *f, bud_buf *subject,
		   bud_buf *body, bud_err *err)
{
	const struct bud_embed *e = bud_embed_find(bud_app_data, name);
	const char *s, *nl;
	bud_buf all;

	if (!e)
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal",
				   "no letter %s", name);
	bud_buf_init(&all, BUD_MAIL_BODY_MAX);
	fill(&all, e->data, f);
	s = bud_buf_str(&all);
	nl = strchr(s, '\n');
	if (bud_buf_failed(&all) || !nl || strncmp(s, "Subject: ", 9) != 0) {
		bud_buf_free(&all);
		return bud_err_set(err, BUD_EINTERNAL, NULL, "err.internal",
				   "letter %s is malformed", name);
	}
	bud_buf_add(subject, s + 9, (size_t)(nl - s) - 9);
	while (*nl == '\n')
		nl++;
	bud_buf_adds(body, nl);
	bud_buf_free(&all);
	return BUD_OK;
}

struct texts {
	char number[24], quantity[32], client[2 * BUD_NAME_MAX + 2];
	char key[64], file[48];
	struct bud_store_provider p;
	struct bud_store_client c;
	struct bud_store_service s;
	struct bud_store_cm_line l;
};

static void set_fields(struct texts *x, const struct bud_store_commitment *m,
		       const char *lang, struct fields *f)
{
	const char *keys[NKEYS] = {"number", "instrument", "provider", "client",
		"service", "quantity", "unit", "from", "to", NULL};
	const char *vals[NKEYS] = {x->number, m->instrument, x->p.name, x->client,
		strcmp(lang, "sv") == 0 ? x->s.name_sv : x->s.name_fi,
		x->quantity, m->unit, m->valid_from, m->valid_to, NULL};

	snprintf(x->number, sizeof(x->number), "%" PRId64, m->id);
	snprintf(x->quantity, sizeof(x->quantity), "%" PRId64 ",%02" PRId64,
		 m->quantity / 100, m->quantity % 100);
	snprintf(x->client, sizeof(x->client), "%s %s", x->c.first_name, x->c.last_name);
	memcpy(f->key, keys, sizeof(keys));
	memcpy(f->val, vals, sizeof(vals));
}

static int enqueue(bud_app *app, bud_conn *w, struct texts *x,
		   const struct bud_store_commitment *m, enum bud_cm_event ev,
		   int64_t by, int *queued, bud_err *err)
{
	const char *lang = letter_lang(x->p.languages);
	const char *kind = ev == BUD_CM_MADE ? "commitment_made" : "commitment_ended";
	struct bud_mail_new n;
	struct fields f;
	bud_buf subject, body;
	int rc;

	set_fields(x, m, lang, &f);
	snprintf(x->file, sizeof(x->file), "%s.%s.txt", kind, lang);
	snprintf(x->key, sizeof(x->key), "commitment:%" PRId64 ":%s", m->id,
		 ev == BUD_CM_MADE ? "made" : "ended");
	bud_buf_init(&subject, BUD_MAIL_SUBJECT_MAX);
	bud_buf_init(&body, BUD_MAIL_BODY_MAX);
	rc = compose(x->file, &f, &subject, &body, err);
	if (rc == BUD_OK) {
		n = (struct bud_mail_new){.organiser_id = x->p.organiser_id,
			.kind = kind, .dedupe_key = x->key, .to_addr = x->p.email,
			.to_name = x->p.name, .lang = lang,
			.subject = bud_buf_str(&subject), .body = bud_buf_str(&body),
			.created_by = by};
		rc = bud_mail_enqueue(w, &n, bud_app_now(app), queued, err);
	}
	bud_buf_free(&subject);
	bud_buf_free(&body);
	return rc;
}

int bud_cm_letter(bud_app *app, bud_conn *w, const struct bud_store_commitment *m,
		  enum bud_cm_event ev, int64_t by, int *queued, bud_err *err)
{
	struct texts *x = calloc(1, sizeof(*x));
	int dummy, rc;

	if (!queued)
		queued = &dummy;
	*queued = 0;
	if (!x)
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.generic", "no memory");
	rc = bud_store_provider_get(w, m->provider_id, &x->p, err);
	if (rc == BUD_OK && !bud_mail_addr_ok(x->p.email)) {
		free(x);
		return BUD_OK;
	}
	if (rc == BUD_OK)
		rc = bud_store_client_get(w, m->client_id, &x->c, err);
	if (rc == BUD_OK)
		rc = bud_store_cm_line_get(w, m->plan_line_id, &x->l, err);
	if (rc == BUD_OK)
		rc = bud_store_service_get(w, x->l.service_id, &x->s, err);
	if (rc == BUD_OK)
		rc = enqueue(app, w, x, m, ev, by, queued, err);
	free(x);
	return rc;
}
