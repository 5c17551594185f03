/*
 * web/decision_pdf.c: a service-plan decision as a PDF document (GET
 * /plans/{id}/decision.pdf), for archiving and for a letter. It shows what
 * the decision page shows (web/plans.c builds the one model, through the
 * one use case), in the same order and in the client's language, with the
 * organiser's registry address from the settings and the appeal
 * instructions; the reader's own interface language is not used. When the
 * client wants easy-to-read, an easy-to-read summary comes before the full
 * decision (issue 13 item 4). Made by
 * web/pdf.c (cairo and pango, fonts embedded, structure tagged).
 */
#include <stdio.h>
#include <string.h>

#include "app/settings.h"
#include "bud_limits.h"
#include "core/i18n.h"
#include "web/pdf.h"
#include "web/plans.h"
#include "web/view.h"
#include "web/web.h"

/* The string member key of o (dots walk objects), "" when absent. */
static const char *S(json_t *o, const char *key)
{
	const char *dot = strchr(key, '.');

	if (dot) {
		char first[32];
		size_t n = (size_t)(dot - key);

		if (n >= sizeof first)
			return "";
		memcpy(first, key, n);
		first[n] = '\0';
		return S(json_object_get(o, first), dot + 1);
	}
	return json_is_string(json_object_get(o, key)) ?
		json_string_value(json_object_get(o, key)) : "";
}

static void fact(struct bud_pdf *p, const char *lang, const char *label_key,
		 const char *value)
{
	bud_pdf_fact(p, bud_msg(lang, label_key), value);
}

static void head_part(struct bud_pdf *p, json_t *m, const char *lang)
{
	char version[24], status[256];

	bud_pdf_small(p, S(m, "organiser"));
	bud_pdf_heading(p, 1, bud_msg(lang, "planweb.decision.title"));
	fact(p, lang, "planweb.dec.number", S(m, "decision_no"));
	fact(p, lang, "planweb.dec.date", S(m, "approved_date"));
	snprintf(version, sizeof version, "%lld",
		 (long long)json_integer_value(json_object_get(m, "version")));
	fact(p, lang, "planweb.dec.version", version);
	if (json_is_true(json_object_get(m, "closed"))) {
		if (S(m, "effective_to")[0])
			snprintf(status, sizeof status, "%s, %s %s", S(m, "state_text"),
				 bud_msg(lang, "planweb.dec.in_force_to"), S(m, "effective_to"));
		else
			snprintf(status, sizeof status, "%s", S(m, "state_text"));
		fact(p, lang, "planweb.dec.status", status);
	}
	bud_pdf_heading(p, 2, bud_msg(lang, "planweb.dec.client"));
	fact(p, lang, "planweb.dec.name", S(m, "client_name"));
	fact(p, lang, "planweb.dec.hetu", S(m, "hetu"));
	fact(p, lang, "planweb.dec.address", S(m, "address"));
	fact(p, lang, "planweb.dec.municipality", S(m, "municipality"));
}

/* The sentence "<msg key> <value> <msg tail>" as a paragraph. */
static void easy_para(struct bud_pdf *p, const char *lang, const char *key,
		      const char *value, const char *tail)
{
	char text[512];

	snprintf(text, sizeof text, "%s %s%s", bud_msg(lang, key), value, tail);
	bud_pdf_para(p, text);
}

/* The easy-to-read summary (selkokieli, lättläst) when the client wants
 * easy-to-read: the same sentences as the decision page's summary, before
 * the full decision, which stays whole (it is the legal document). */
static void easy_part(struct bud_pdf *p, json_t *m, const char *lang)
{
	char per_month[64], validity[96];
	json_t *line;
	size_t i;

	if (!json_is_true(json_object_get(m, "client_easy")))
		return;
	snprintf(per_month, sizeof per_month, " %s", bud_msg(lang, "guide.easy.dec.per_month"));
	bud_pdf_heading(p, 2, bud_msg(lang, "guide.easy.dec.title"));
	bud_pdf_para(p, bud_msg(lang, "guide.easy.dec.intro"));
	bud_pdf_para(p, bud_msg(lang, "guide.easy.dec.services"));
	json_array_foreach(json_object_get(m, "lines"), i, line) {
		char item[512];

		snprintf(item, sizeof item, "%s: %s", S(line, "service"), S(line, "qty_text"));
		bud_pdf_item(p, item);
	}
	easy_para(p, lang, "guide.easy.dec.total", S(m, "total_monthly"), per_month);
	snprintf(validity, sizeof validity, "%s\xe2\x80\x93%s.", S(m, "from"), S(m, "to"));
	easy_para(p, lang, "guide.easy.dec.valid", validity, "");
	bud_pdf_para(p, bud_msg(lang, "guide.easy.dec.paid"));
	if (!json_is_true(json_object_get(m, "closed")))
		bud_pdf_para(p, bud_msg(lang, "guide.easy.dec.choose"));
	if (json_is_true(json_object_get(m, "has_fee")))
		easy_para(p, lang, "guide.easy.dec.fee", S(m, "fee"), per_month);
	else
		bud_pdf_para(p, bud_msg(lang, "guide.easy.dec.no_fee"));
	easy_para(p, lang, "guide.easy.dec.review", S(m, "review"), ".");
	bud_pdf_para(p, bud_msg(lang, "guide.easy.dec.appeal"));
	bud_pdf_para(p, bud_msg(lang, "guide.easy.dec.help"));
	bud_pdf_para(p, bud_msg(lang, "guide.easy.dec.pdf_full"));
}

static void lines_part(struct bud_pdf *p, json_t *m, const char *lang)
{
	static const double widths[] = {0.26, 0.15, 0.12, 0.18, 0.14, 0.15};
	const char *head[6] = {
		bud_msg(lang, "planweb.col.service"), bud_msg(lang, "planweb.col.quantity"),
		bud_msg(lang, "planweb.col.unit_price"), bud_msg(lang, "planweb.col.instrument"),
		bud_msg(lang, "planweb.col.monthly"), bud_msg(lang, "planweb.col.period")};
	const char *total[6] = {bud_msg(lang, "planweb.total"), "", "", "",
				S(m, "total_monthly"), S(m, "total_period")};
	json_t *line;
	size_t i;

	bud_pdf_heading(p, 2, bud_msg(lang, "planweb.dec.decision"));
	bud_pdf_para(p, bud_msg(lang, "planweb.dec.grant"));
	bud_pdf_heading(p, 3, bud_msg(lang, "planweb.dec.lines"));
	bud_pdf_table_begin(p, widths, 6, (1u << 2) | (1u << 4) | (1u << 5));
	bud_pdf_table_row(p, head, 1);
	json_array_foreach(json_object_get(m, "lines"), i, line) {
		char service[1024];
		const char *row[6];

		snprintf(service, sizeof service, "%s%s%s", S(line, "service"),
			 S(line, "content")[0] ? "\n" : "", S(line, "content"));
		row[0] = service;
		row[1] = S(line, "qty_text");
		row[2] = S(line, "price_text");
		row[3] = S(line, "instrument_text");
		row[4] = S(line, "monthly");
		row[5] = S(line, "period");
		bud_pdf_table_row(p, row, 0);
	}
	bud_pdf_table_row(p, total, 1);
	bud_pdf_table_end(p);
}

static void terms_part(struct bud_pdf *p, json_t *m, const char *lang)
{
	char validity[96], decider[512];

	snprintf(validity, sizeof validity, "%s \xe2\x80\x93 %s", S(m, "from"), S(m, "to"));
	fact(p, lang, "planweb.dec.validity", validity);
	fact(p, lang, "planweb.dec.review", S(m, "review"));
	fact(p, lang, "planweb.dec.fee", S(m, "fee"));
	fact(p, lang, "planweb.dec.fee_note", S(m, "fee_note"));
	fact(p, lang, "planweb.dec.supersedes", S(m, "supersedes_no"));
	bud_pdf_para(p, bud_msg(lang, "planweb.dec.paid"));
	bud_pdf_heading(p, 2, bud_msg(lang, "planweb.dec.grounds"));
	bud_pdf_para(p, S(m, "reasoning"));
	bud_pdf_heading(p, 2, bud_msg(lang, "planweb.dec.decider"));
	snprintf(decider, sizeof decider, "%s, %s\n%s", S(m, "approved_by"),
		 bud_msg(lang, "planweb.dec.decider_role"), S(m, "organiser"));
	bud_pdf_para(p, decider);
	snprintf(decider, sizeof decider, "%s: %s", bud_msg(lang, "planweb.dec.drafted"),
		 S(m, "drafted_by"));
	bud_pdf_small(p, decider);
}

/* Where to send a request for review: the registry's address from the
 * settings, or, when the organiser has not set it, whom to ask. */
static void registry_part(struct bud_pdf *p, json_t *m, const char *lang)
{
	char addr[1024];
	size_t n;

	if (!S(m, "registry.address")[0]) {
		snprintf(addr, sizeof addr, "%s\n%s", S(m, "organiser"),
			 bud_msg(lang, "planweb.appeal.ask"));
		bud_pdf_para(p, addr);
		return;
	}
	n = (size_t)snprintf(addr, sizeof addr, "%s\n%s", S(m, "organiser"),
			     S(m, "registry.address"));
	if (S(m, "registry.email")[0] && n < sizeof addr)
		n += (size_t)snprintf(addr + n, sizeof addr - n, "\n%s %s",
				      bud_msg(lang, "planweb.appeal.email"), S(m, "registry.email"));
	if (S(m, "registry.phone")[0] && n < sizeof addr)
		n += (size_t)snprintf(addr + n, sizeof addr - n, "\n%s %s",
				      bud_msg(lang, "planweb.appeal.phone"), S(m, "registry.phone"));
	if (S(m, "registry.hours")[0] && n < sizeof addr)
		snprintf(addr + n, sizeof addr - n, "\n%s %s",
			 bud_msg(lang, "planweb.appeal.hours"), S(m, "registry.hours"));
	bud_pdf_para(p, addr);
}

/* The administrative court an appeal against the review's outcome goes
 * to, when the organiser has named it. */
static void court_part(struct bud_pdf *p, json_t *m, const char *lang)
{
	char court[1024];

	if (!S(m, "registry.court")[0])
		return;
	snprintf(court, sizeof court, "%s\n%s%s%s", bud_msg(lang, "planweb.appeal.court"),
		 S(m, "registry.court"), S(m, "registry.court_address")[0] ? "\n" : "",
		 S(m, "registry.court_address"));
	bud_pdf_para(p, court);
}

static void appeal_part(struct bud_pdf *p, json_t *m, const char *lang)
{
	static const char *const items[] = {"decision", "change", "grounds", "contact", "sign"};
	char key[64];
	size_t i;

	bud_pdf_heading(p, 2, bud_msg(lang, "planweb.appeal.title"));
	bud_pdf_para(p, bud_msg(lang, "planweb.appeal.right"));
	bud_pdf_heading(p, 3, bud_msg(lang, "planweb.appeal.who.title"));
	bud_pdf_para(p, bud_msg(lang, "planweb.appeal.who"));
	bud_pdf_heading(p, 3, bud_msg(lang, "planweb.appeal.time.title"));
	bud_pdf_para(p, bud_msg(lang, "planweb.appeal.time"));
	bud_pdf_para(p, bud_msg(lang, "planweb.appeal.notice"));
	bud_pdf_heading(p, 3, bud_msg(lang, "planweb.appeal.content.title"));
	bud_pdf_para(p, bud_msg(lang, "planweb.appeal.content.intro"));
	for (i = 0; i < sizeof items / sizeof items[0]; i++) {
		snprintf(key, sizeof key, "planweb.appeal.content.%s", items[i]);
		bud_pdf_item(p, bud_msg(lang, key));
	}
	bud_pdf_para(p, bud_msg(lang, "planweb.appeal.content.attach"));
	bud_pdf_heading(p, 3, bud_msg(lang, "planweb.appeal.where.title"));
	bud_pdf_para(p, bud_msg(lang, "planweb.appeal.where"));
	registry_part(p, m, lang);
	bud_pdf_para(p, bud_msg(lang, "planweb.appeal.deadline"));
	bud_pdf_para(p, bud_msg(lang, "planweb.appeal.free"));
	bud_pdf_para(p, bud_msg(lang, "planweb.appeal.next"));
	court_part(p, m, lang);
	bud_pdf_para(p, bud_msg(lang, "planweb.appeal.help"));
}

/* The organiser's logo above everything, when it has one (the name
 * follows it in text). */
static void logo_part(bud_req *req, struct bud_pdf *p, json_t *m)
{
	bud_buf png;
	bud_err err;

	if (json_integer_value(json_object_get(json_object_get(m, "registry"), "logo")) <= 0)
		return;
	bud_err_clear(&err);
	bud_buf_init(&png, BUD_LOGO_BYTES_MAX);
	if (bud_settings_logo(req->app, &req->actor, &png, &err) == BUD_OK)
		bud_pdf_image(p, png.data, png.len, 15.0);
	bud_buf_free(&png);
}

int bud_web_plan_decision_pdf(bud_req *req)
{
	const char *lang = NULL;
	char disposition[96];
	struct bud_pdf *p = NULL;
	json_t *m;
	bud_buf out;
	bud_err err;
	int rc;

	bud_err_clear(&err);
	if (!(m = bud_web_decision_model(req, &lang, &err)))
		return bud_resp_error(req, &err);
	rc = bud_pdf_new(bud_msg(lang, "planweb.decision.title"), S(m, "organiser"),
			 lang, &p, &err);
	if (rc == BUD_OK) {
		logo_part(req, p, m);
		head_part(p, m, lang);
		easy_part(p, m, lang);
		lines_part(p, m, lang);
		terms_part(p, m, lang);
		appeal_part(p, m, lang);
	}
	bud_buf_init(&out, BUD_MAX_RESPONSE);
	if (rc == BUD_OK)
		rc = bud_pdf_finish(p, &out, &err);
	snprintf(disposition, sizeof disposition, "inline; filename=\"decision-%lld.pdf\"",
		 (long long)json_integer_value(json_object_get(m, "id")));
	json_decref(m);
	if (rc == BUD_OK) {
		bud_resp_header(req, "Content-Disposition", bud_req_strdup(req, disposition));
		rc = bud_resp_text(req, 200, "application/pdf", out.data, out.len);
	} else {
		rc = bud_resp_error(req, &err);
	}
	bud_buf_free(&out);
	return rc;
}
