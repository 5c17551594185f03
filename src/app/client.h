/*
 * app/client.h: clients and their representatives (issue 4, intake): a
 * worker creates, edits and finds clients, issues the client's own
 * sign-in account and records representatives' mandates; the client and
 * a representative read the client's data and its use log. One function
 * per use case; each checks the role, then the client (app/authz.h),
 * validates, runs one write unit and writes its use-log rows in it.
 * Reads are also one write unit (read + use-log row together).
 *
 * Rules:
 *  - a client is created by a worker; the responsible worker is the
 *    creating worker, or worker_id when that is an active worker of the
 *    creator's own unit; the client's unit is that worker's unit and the
 *    organiser the creator's;
 *  - the henkilötunnus is checked by core/ids (as of today by the app's
 *    clock; spaces trimmed, letters upper-cased first), stored whole; it
 *    is unique per organiser only, so another organiser's client with the
 *    same code neither stops nor is revealed to the worker; one the
 *    worker's own organiser has is BUD_ECONFLICT "hetu"
 *    (err.client.hetu_taken: ask the responsible unit for access);
 *  - the identity code is shown whole only where the reader's task needs
 *    it: lists and the client page (get) give hetu_masked (bud_hetu_mask);
 *    the page adds the whole code (hetu) only for the client themself,
 *    whose own code it is. Staff (worker, decision maker) and a
 *    representative need it only now and then (a form to another
 *    authority, checking a person on the phone): they ask for it
 *    explicitly (bud_client_hetu), and each such reveal is logged (read,
 *    "client:hetu"), so the use log tells who looked at the code, not only
 *    at the page. The decision document (app/plan.h) carries it whole: a
 *    decision must name its subject;
 *  - search: q is a whole hetu (exact match) or a name fragment of at
 *    least BUD_SEARCH_MIN characters; words match anywhere in the folded
 *    "last first" (store/collate.h), so "korh", "Matti Korhonen" and
 *    "KORHONEN" all find Matti Korhonen. A worker reaches the clients of
 *    their unit and their own; a decision maker the organiser's. Each
 *    client listed gets a use-log row (read, "client:search"). The faces
 *    take q only from a POST body (POST /api/clients/search, the page's
 *    search form to /clients/search), never from a URL, where a name or
 *    an identity code would stay in logs and browser history;
 *  - a mandate is recorded for an existing representative account (by
 *    username); ending one takes effect at once (ended_at): an active one
 *    gets today (Helsinki) as its last day, one not yet started keeps its
 *    dates and is withdrawn; neither gives any access from that moment.
 *    A mandate already ended (by a worker or past its last day) is
 *    BUD_ECONFLICT "valid_to".
 *
 * Errors: a wrong role is BUD_EFORBIDDEN "err.forbidden"; a client out
 * of the actor's reach (or no such client) is BUD_ENOTFOUND
 * "err.authz.denied", with nothing written; invalid input is BUD_EINVAL
 * naming the field as in the JSON and the forms.
 *
 * Views: json_t objects the caller owns, members listed at each function.
 */
#ifndef BUD_APP_CLIENT_H
#define BUD_APP_CLIENT_H

#include <stdint.h>

#include <jansson.h>

#include "app/app.h"
#include "app/uselog.h"
#include "core/page.h"

/* A client's editable fields. Strings are borrowed. For create, NULL reads
 * as "" (and lang as "fi", easy_read < 0 as 0, worker_id 0 as the actor);
 * for update, NULL (easy_read < 0, worker_id 0) leaves a field unchanged
 * and "" clears an optional one. */
struct bud_client_fields {
	const char *hetu;		/* create only: required */
	const char *first_name;		/* required, 1..BUD_NAME_MAX bytes */
	const char *last_name;		/* required, 1..BUD_NAME_MAX bytes */
	const char *lang;		/* "fi" or "sv" */
	const char *municipality;	/* up to BUD_NAME_MAX bytes */
	const char *email;		/* "name@domain" or "" */
	const char *phone;		/* digits, spaces, + - ( ), up to 31 */
	const char *address;		/* up to BUD_NAME_MAX bytes */
	const char *communication;	/* communication needs, BUD_NOTE_MAX */
	int easy_read;			/* wants plain language: 0 / 1 */
	int64_t worker_id;		/* the responsible worker */
	const char *if_etag;		/* update: the view's "etag" the change is
					   based on (NULL: no check); another is
					   BUD_ECONFLICT "err.stale" (app/etag.h) */
};

/* Worker: a new client (use log: create, "client"). *id_out gets its id. */
int bud_client_create(bud_app *app, const bud_actor *actor,
		      const struct bud_client_fields *f, int64_t *id_out,
		      bud_err *err);

/* Worker who may act for the client: change fields (use log: change,
 * "client"). A change that leaves every field as it is writes nothing
 * (updated_at and the etag stay); f->if_etag guards against a lost
 * update. */
int bud_client_update(bud_app *app, const bud_actor *actor, int64_t client_id,
		      const struct bud_client_fields *f, bud_err *err);

/*
 * The client's name, for a heading: {id, first_name, last_name, lang}
 * (use log: read, "client:name"; nothing else of the record is shown).
 * Readers as for bud_client_get.
 */
int bud_client_name(bud_app *app, const bud_actor *actor, int64_t client_id,
		    json_t **out, bud_err *err);

/*
 * The client page (use log: read, "client"). Members: id, hetu (whole;
 * only when the actor is the client themself), hetu_masked, first_name,
 * last_name, lang, municipality, email, phone, address, communication, easy_read (bool), organiser_id, worker {id,
 * name} or null, unit {id, name_fi, name_sv, name_en} or null, account
 * {id, username} or null, created_at, updated_at (Unix seconds or null),
 * etag (the version tag, app/etag.h), can {edit, account, mandates}
 * (booleans: what this actor may do).
 */
int bud_client_get(bud_app *app, const bud_actor *actor, int64_t client_id,
		   json_t **out, bud_err *err);

/*
 * Reveal the client's whole identity code into out (outsz at least
 * BUD_HETU_BUF bytes): every role that may read the client page (see
 * bud_client_get), each reveal with its own use-log row (read,
 * "client:hetu"). Refusals as bud_client_get.
 */
int bud_client_hetu(bud_app *app, const bud_actor *actor, int64_t client_id,
		    char *out, size_t outsz, bud_err *err);

/*
 * Worker or decision maker: clients in reach matching q (NULL or "": all
 * in reach; see the rules above); mine (workers only) keeps only those the
 * actor is responsible for. One page (core/page.h: pg->at is an offset),
 * sorted by last and first name (Finnish order). An array of {id,
 * first_name, last_name, hetu_masked, lang, municipality, easy_read,
 * worker_id, mine}. Use log: one row, read "client:list" (the screen, not
 * each client listed). A bad q is BUD_EINVAL "q".
 */
int bud_client_search(bud_app *app, const bud_actor *actor, const char *q,
		      int mine, struct bud_page *pg, json_t **out, bud_err *err);

/*
 * Worker who may act for the client: the client's own sign-in account,
 * role client, in the client's language, display name "First Last",
 * without a password: the client sets it themself through a one-time
 * activation link (app/users.h; valid BUD_LINK_CLIENT_S), which is mailed
 * to the client's e-mail address when there is one and given back in
 * out->link for the worker to hand over on paper. The username's rules:
 * field "username". BUD_ECONFLICT "err.client.account_exists" when the
 * client already has one. Use log: create, "account".
 */
struct bud_client_account {
	int64_t user_id;
	char link[BUD_MAIL_CONF_MAX + 96];	/* the whole activation link */
	int mailed;				/* 1: a letter is in the outbox */
};
int bud_client_account_create(bud_app *app, const bud_actor *actor,
			      int64_t client_id, const char *username,
			      struct bud_client_account *out, bud_err *err);

/*
 * Worker who may act for the client: a new activation link for the
 * client's existing account (a lost paper, a forgotten password): the
 * earlier links end, the new one is mailed and given back as by
 * bud_client_account_create; using it sets a new password and ends the
 * client's sessions. BUD_ECONFLICT "err.client.no_account" when the
 * client has no account. Use log: create, "account:link".
 */
int bud_client_account_link(bud_app *app, const bud_actor *actor,
			    int64_t client_id, struct bud_client_account *out,
			    bud_err *err);

/* A representative's mandate to record. Strings borrowed. */
struct bud_client_mandate_in {
	const char *username;	/* a representative's account */
	const char *kind;	/* guardian, trustee, authorised */
	const char *scope;	/* view, act */
	const char *valid_from;	/* YYYY-MM-DD, required */
	const char *valid_to;	/* YYYY-MM-DD, NULL or "" open-ended */
};

/* Worker who may act for the client: record a mandate (use log: create,
 * "mandate:ID"). *id_out (may be NULL) gets its id. */
int bud_client_mandate_add(bud_app *app, const bud_actor *actor,
			   int64_t client_id,
			   const struct bud_client_mandate_in *in,
			   int64_t *id_out, bud_err *err);

/*
 * Worker or decision maker: the client's mandates, newest first (use log:
 * read, "mandates"): [{id, client_id, user {id, username, name}, kind,
 * scope, valid_from, valid_to (or null), state ("active", "future",
 * "ended", "withdrawn"), ended_at (Unix seconds or null), can_end}].
 */
int bud_client_mandates(bud_app *app, const bud_actor *actor,
			int64_t client_id, json_t **out, bud_err *err);

/* Worker who may act for the mandate's client: end it now, or withdraw
 * one not yet started (use log:
 * change, "mandate:ID"). *out (may be NULL) gets the mandate as listed by
 * bud_client_mandates. A mandate out of reach is BUD_ENOTFOUND. */
int bud_client_mandate_end(bud_app *app, const bud_actor *actor,
			   int64_t mandate_id, json_t **out, bud_err *err);

/*
 * Who has seen the client's data and when: one page of
 * bud_uselog_list_for_client (newest first, in period p, NULL: all;
 * anyone but the client gets a row of their own). An array of {id, at
 * (Unix seconds), at_local ("YYYY-MM-DD HH:MM" in Helsinki), day
 * ("YYYY-MM-DD" in Helsinki), user_name (or null: the system), role,
 * action, object, acting_for (bool)}.
 */
int bud_client_uselog(bud_app *app, const bud_actor *actor, int64_t client_id,
		      const struct bud_uselog_period *p, struct bud_page *pg,
		      json_t **out, bud_err *err);

#endif
