/*
 * app/document.h: the statutory documents a provider hands in (issue 10,
 * the contractor's liability act, tilaajavastuulaki): a tax debt
 * certificate, a pension insurance certificate, a trade register extract
 * and the liability insurance. Each upload is kept; the newest of each
 * kind counts, and a provider missing a kind is shown so on its page and
 * to the worker who decides its approvals.
 *
 * Who. Upload: the provider's own admin (user.provider_admin), or a
 * worker or admin of its organiser (a document that came by post).
 * Read and download: a worker or admin of the organiser, and the
 * provider's own users. Nobody else: a decision maker, finance or a
 * client is BUD_EFORBIDDEN "err.forbidden"; another provider, or a
 * provider of another organiser, is BUD_ENOTFOUND (it must not learn
 * what exists). Documents are about organisations: no use-log row.
 *
 * The content. A document is a PDF (starts "%PDF-"), PNG (the PNG
 * signature) or JPEG (FF D8 FF), decided by its bytes; the type the
 * sender declared must be that one (field "file": err.document.empty for
 * no bytes, err.document.too_big over BUD_DOCUMENT_MAX, err.document.type
 * for another kind of content, err.document.mismatch when the declared
 * type is another). kind one of bud_document_kinds (err.document.kind).
 * The sender's file name is kept only as a label, sanitised (the last
 * path segment, valid UTF-8, no control characters or quotes, at most
 * BUD_DOCUMENT_NAME_MAX bytes, "document" when nothing is left); the file
 * on disk has a random name (store/document.h).
 *
 * One unit with its file: the file is written (temporary name, fsync,
 * rename) first, then the row with the check of who may, in one write
 * unit; when the row fails the file is removed. A refusal writes nothing.
 *
 * Views (jansson, the caller owns them):
 *   document: {id, provider_id, kind, name, content_type, size, sha256
 *     (hex), uploaded_by (a display name), uploaded_at (Unix seconds)}
 *   documents summary: {kinds: [{kind, document (the newest, or null)}],
 *     missing: [kind...]}
 */
#ifndef BUD_APP_DOCUMENT_H
#define BUD_APP_DOCUMENT_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "app/app.h"
#include "core/page.h"

/* tax_debt, pension_insurance, trade_register, liability_insurance. */
extern const char *const bud_document_kinds[];

struct bud_document_in {
	const char *kind;
	const char *name;		/* the sender's file name (may be NULL) */
	const char *content_type;	/* declared; media type without parameters */
	const void *data;
	size_t len;
};

/* Keep a document of provider_id; *id_out (may be NULL) its id. */
int bud_document_upload(bud_app *app, const bud_actor *actor, int64_t provider_id,
			const struct bud_document_in *in, int64_t *id_out,
			bud_err *err);

/* The checks of in that need no database (kind, emptiness, size,
 * content against the declared type), as bud_document_upload makes them:
 * for a form that takes documents before it makes their provider (the
 * public application), so a bad file refuses the whole form. */
int bud_document_check(const struct bud_document_in *in, bud_err *err);

/* One page of provider_id's documents, newest first: an array of
 * document views into *out. */
int bud_document_list(bud_app *app, const bud_actor *actor, int64_t provider_id,
		      struct bud_page *pg, json_t **out, bud_err *err);

/* The document view of doc_id (who may: as for its provider's list). */
int bud_document_get(bud_app *app, const bud_actor *actor, int64_t doc_id,
		     json_t **out, bud_err *err);

/* The documents summary of provider_id. */
int bud_document_summary(bud_app *app, const bud_actor *actor, int64_t provider_id,
			 json_t **out, bud_err *err);

/* Whether actor may read provider_id's documents at all (by role and
 * provider; the organiser is checked by the reads themselves). */
int bud_document_may_read(const bud_actor *actor, int64_t provider_id);

/* A document to send: the caller releases it. */
struct bud_document_file {
	char content_type[32];
	char name[BUD_DOCUMENT_NAME_MAX + 1];
	void *data;
	size_t len;
};

/* Document doc_id of provider_id with its bytes (checked against the
 * kept hash: a changed file is BUD_EIO "err.document.damaged"). */
int bud_document_open(bud_app *app, const bud_actor *actor, int64_t provider_id,
		      int64_t doc_id, struct bud_document_file *out, bud_err *err);
void bud_document_file_release(struct bud_document_file *f);

/* The sender's file name made safe to keep and show (see above) into out
 * (outsz > BUD_DOCUMENT_NAME_MAX). */
void bud_document_name_clean(const char *name, char *out, size_t outsz);

/* The content type the bytes are (application/pdf, image/png,
 * image/jpeg), or NULL for anything else. */
const char *bud_document_sniff(const void *data, size_t len);

#endif
