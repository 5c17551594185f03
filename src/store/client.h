/*
 * store/client.h: clients of an organiser (store_client.c): insert, update,
 * read by id or by the whole hetu, a worker's clients, a search over an
 * organiser's, a unit's or a worker's clients, (re)assigning the
 * responsible worker and unit, and the client's own sign-in account. app/
 * validates the henkilötunnus and checks who may see what; this layer only
 * stores rows. The hetu is stored whole (two people can differ only in the
 * century sign) and shown masked by the layers above. Conventions as in
 * store/org.h.
 *
 * Lists are sorted by last name, then first name, with the Finnish
 * collation "fi" (store/collate.h), then id. Insert and update keep the
 * column search_key ("last first", folded by bud_collate_fold) in step
 * with the names; name searches compare folded fragments against it.
 */
#ifndef BUD_STORE_CLIENT_H
#define BUD_STORE_CLIENT_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "bud_limits.h"
#include "store/db.h"

#define BUD_STORE_HETU BUD_HETU_BUF	/* DDMMYYCZZZQ, NUL */

struct bud_store_client {
	int64_t id;
	int64_t organiser_id;
	char hetu[BUD_STORE_HETU];		/* unique */
	char first_name[BUD_NAME_MAX + 1];
	char last_name[BUD_NAME_MAX + 1];
	char lang[4];				/* fi, sv */
	char municipality[BUD_NAME_MAX + 1];	/* "" none */
	char email[BUD_NAME_MAX + 1];		/* "" none */
	char phone[BUD_PHONE_MAX + 1];		/* "" none */
	char address[BUD_NAME_MAX + 1];		/* "" none */
	char communication[BUD_NOTE_MAX + 1];	/* communication needs; "" none */
	int easy_read;				/* wants plain language (selkokieli) */
	int64_t worker_id;			/* responsible worker; 0 none */
	int64_t unit_id;			/* 0 none */
	int64_t created_at;
	int64_t updated_at;			/* 0 never changed */
};

/* The folded search key "last first" of two names: 2 names and a space. */
#define BUD_STORE_SEARCH_KEY (2 * BUD_NAME_MAX + 2)

/* Insert c (c->id is ignored). A hetu the organiser has already is
 * BUD_ECONFLICT "hetu" (the code is unique per organiser only). */
int bud_store_client_insert(bud_conn *w, const struct bud_store_client *c,
			    int64_t *id_out, bud_err *err);

int bud_store_client_get(bud_conn *c, int64_t id, struct bud_store_client *out,
			 bud_err *err);

/* A page of worker_id's clients by last and first name (then id): rows
 * offset .. offset + max - 1 into out, *n of them. */
int bud_store_client_list_by_worker(bud_conn *c, int64_t worker_id,
				    size_t offset, struct bud_store_client *out,
				    size_t max, size_t *n, bud_err *err);

/* Make worker_id (0: none) and unit_id (0: none) responsible for client
 * id; BUD_ENOTFOUND when there is no such client. */
int bud_store_client_set_worker(bud_conn *w, int64_t id, int64_t worker_id,
				int64_t unit_id, bud_err *err);

/*
 * Change client c->id's editable fields to c's: names, lang, contact
 * details, communication, easy_read, worker_id, unit_id and updated_at
 * (hetu, organiser_id and created_at are kept). BUD_ENOTFOUND when there
 * is no such client.
 */
int bud_store_client_update(bud_conn *w, const struct bud_store_client *c,
			    bud_err *err);

/* organiser_id's client with exactly this hetu; BUD_ENOTFOUND if none. */
int bud_store_client_by_hetu(bud_conn *c, int64_t organiser_id,
			     const char *hetu, struct bud_store_client *out,
			     bud_err *err);

/*
 * Which clients a search looks at and what it matches. Reach: organiser_id
 * (0: any); then, unless unit_id and worker_id are both 0, clients of
 * unit_id OR with worker_id as the responsible worker. Match: hetu (NULL:
 * any) exactly, and every one of words[] (folded text; NULL or "" matches
 * anything) somewhere in the search key.
 */
#define BUD_STORE_SEARCH_WORDS 3
struct bud_store_client_query {
	int64_t organiser_id;
	int64_t unit_id;
	int64_t worker_id;
	const char *hetu;
	const char *words[BUD_STORE_SEARCH_WORDS];
};

/* Rows offset .. offset + max - 1 of the matches of q, sorted (see the
 * top), into out; *n of them. */
int bud_store_client_search(bud_conn *c, const struct bud_store_client_query *q,
			    size_t offset, struct bud_store_client *out,
			    size_t max, size_t *n, bud_err *err);

/* The id and username (usz bytes) of client_id's own sign-in account;
 * BUD_ENOTFOUND when the client has none. */
int bud_store_client_account(bud_conn *c, int64_t client_id, int64_t *user_id,
			     char *username, size_t usz, bud_err *err);

#endif
