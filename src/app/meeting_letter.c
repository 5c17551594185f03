/*
 * app/meeting_letter.c: the letters of a meeting (app/meeting.h): to the
 * client and each representative with a valid mandate and an address, in
 * their own language, each with the iCalendar invitation
 * (formats/ical.h), queued in the caller's write unit (app/mail.h).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "app/mail.h"
#include "app/meeting_int.h"
#include "core/date.h"
#include "core/i18n.h"
#include "formats/ical.h"
#include "store/client.h"
#include "store/meeting.h"
#include "store/org.h"

/* "15.1.2027 klo 10.00–11.00", "15.1.2027 kl. 10.00–11.00",
 * "15 Jan 2027 10:00–11:00" → as d.m.yyyy HH.MM–HH.MM in every language. */
void bud_meeting_when(const struct bud_store_meeting *m, const char *lang,
		      char *out, size_t outsz)
{
	struct bud_tm a, b;

	if (bud_time_helsinki(m->starts_at, &a) != BUD_OK ||
	    bud_time_helsinki(m->ends_at, &b) != BUD_OK) {
		snprintf(out, outsz, "?");
		return;
	}
	snprintf(out, outsz, "%d.%d.%d %s %02d.%02d–%02d.%02d", a.day, a.month, a.year,
		 bud_msg(lang, "meeting.at"), a.hour, a.min, b.hour, b.min);
}

struct letter {
	bud_app *app;
	bud_conn *w;
	const bud_actor *actor;
	const struct bud_store_meeting *m;
	const struct bud_store_organiser *org;
	const char *client_name;
	int cancel;
	bud_err *err;
};

/* The text of the letter in lang to name. */
static void letter_text(const struct letter *l, const char *lang, const char *name,
			bud_buf *body, char *subject, size_t subsz)
{
	const char *kind = bud_meeting_kind_text(lang, l->m->kind);
	char when[96];

	bud_meeting_when(l->m, lang, when, sizeof when);
	snprintf(subject, subsz, "%s: %s %s", bud_msg(lang, l->cancel ?
		 "meeting.mail.cancelled" : l->m->sequence ? "meeting.mail.moved" :
		 "meeting.mail.booked"), kind, when);
	bud_buf_addf(body, "%s %s,\n\n%s\n\n", bud_msg(lang, "meeting.mail.hello"), name,
		     bud_msg(lang, l->cancel ? "meeting.mail.cancel_intro" :
			     l->m->sequence ? "meeting.mail.move_intro" : "meeting.mail.intro"));
	bud_buf_addf(body, "%s: %s\n%s: %s\n%s: %s\n", bud_msg(lang, "meeting.mail.who"),
		     l->client_name, bud_msg(lang, "meeting.mail.what"), kind,
		     bud_msg(lang, "meeting.mail.when"), when);
	if (l->m->video_url[0])
		bud_buf_addf(body, "%s: %s\n", bud_msg(lang, "meeting.mail.video"), l->m->video_url);
	if (l->m->place[0])
		bud_buf_addf(body, "%s: %s\n", bud_msg(lang, "meeting.mail.where"), l->m->place);
	if (l->m->note[0] && !l->cancel)
		bud_buf_addf(body, "\n%s\n", l->m->note);
	bud_buf_addf(body, "\n%s\n", bud_msg(lang, l->cancel ? "meeting.mail.cancel_end" :
					     "meeting.mail.end"));
}

/* The invitation in lang into ics. */
static int letter_ics(const struct letter *l, const char *lang, const char *to,
		      const char *to_name, bud_buf *ics)
{
	const struct bud_ical_person att = {to_name, to};
	const char *org_name = strcmp(lang, "sv") == 0 ? l->org->name_sv : l->org->name_fi;
	struct bud_ical_event e = {
		.uid = l->m->uid, .sequence = l->m->sequence, .cancel = l->cancel,
		.start = l->m->starts_at, .end = l->m->ends_at,
		.stamp = bud_app_now(l->app), .lang = lang,
		.summary = bud_meeting_kind_text(lang, l->m->kind), .description = l->m->note,
		.location = l->m->place[0] ? l->m->place : l->m->video_url,
		.url = l->m->video_url,
		.organizer = {org_name, l->org->registry_email[0] ? l->org->registry_email :
			      "noreply@budjetti.invalid"},
		.attendees = &att, .nattendees = 1};

	return bud_ical_write(&e, ics, l->err);
}

/* One letter to `to` (lang fi, sv or en). */
static int one_letter(void *arg, const char *name, const char *to, const char *lang)
{
	struct letter *l = arg;
	char subject[BUD_MAIL_SUBJECT_MAX], key[BUD_MAIL_ADDR_MAX + 64];
	bud_buf body, ics;
	struct bud_mail_new mn;
	int added = 0, rc;

	if (!bud_lang_valid(lang))
		lang = "fi";
	bud_buf_init(&body, BUD_MAIL_BODY_MAX);
	bud_buf_init(&ics, BUD_ICS_MAX);
	letter_text(l, lang, name, &body, subject, sizeof subject);
	rc = letter_ics(l, lang, to, name, &ics);
	snprintf(key, sizeof key, "meeting:%" PRId64 ":%d:%s", l->m->id, l->m->sequence, to);
	mn = (struct bud_mail_new){l->m->organiser_id, "meeting", key, to, name, lang,
		subject, bud_buf_str(&body), l->actor->user_id, bud_buf_str(&ics),
		l->cancel ? "CANCEL" : "REQUEST"};
	if (rc == BUD_OK && bud_buf_failed(&body))
		rc = bud_err_set(l->err, BUD_ETOOBIG, "note", "err.too_long", "letter");
	if (rc == BUD_OK)
		rc = bud_mail_enqueue(l->w, &mn, bud_app_now(l->app), &added, l->err);
	bud_buf_free(&body);
	bud_buf_free(&ics);
	return rc;
}

int bud_meeting_letters(bud_app *app, bud_conn *w, const bud_actor *actor,
			const struct bud_store_meeting *m, int cancel, bud_err *err)
{
	struct bud_store_client c;
	struct bud_store_organiser org;
	char name[2 * BUD_NAME_MAX + 2], today[16];
	struct letter l = {app, w, actor, m, &org, name, cancel, err};
	int rc;

	if ((rc = bud_store_client_get(w, m->client_id, &c, err)) ||
	    (rc = bud_store_organiser_get(w, m->organiser_id, &org, err)) ||
	    (rc = bud_app_today(app, today, sizeof today)))
		return rc;
	snprintf(name, sizeof name, "%s %s", c.first_name, c.last_name);
	if (c.email[0] && (rc = one_letter(&l, name, c.email, c.lang)) != BUD_OK)
		return rc;
	return bud_store_meeting_reps(w, m->client_id, today, one_letter, &l, err);
}
