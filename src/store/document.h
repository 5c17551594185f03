/*
 * store/document.h: the statutory documents of providers (migration 013).
 * Two halves kept in one unit by app/document.c:
 *  - the file: kept outside the database and outside anything served, in
 *    the directory <database path>.files/ (created mode 0700, files 0600)
 *    under a name the caller made (hex, never the sender's name). It is
 *    written to a temporary name, fsynced, renamed into place and the
 *    directory fsynced, so a file either is whole under its name or not
 *    there at all;
 *  - the row (provider_document): what the file is, written after the
 *    file is on disk; the caller removes the file when the row fails.
 */
#ifndef BUD_STORE_DOCUMENT_H
#define BUD_STORE_DOCUMENT_H

#include <stddef.h>
#include <stdint.h>

#include "bud_limits.h"
#include "store/db.h"

#define BUD_STORE_DOCFILE_NAME 65	/* 64 hex digits and NUL */

struct bud_store_document {
	int64_t id, provider_id, uploaded_by, uploaded_at, size;
	char kind[32];
	char name[BUD_DOCUMENT_NAME_MAX + 1];
	char content_type[32];
	char sha256[65];
	char file[BUD_STORE_DOCFILE_NAME];
	char uploader[BUD_DISPLAY_NAME_MAX * 4 + 1];	/* display name, reads only */
};

/*
 * Write the len bytes at data as file name (hex digits only, else
 * BUD_EINVAL) in db's files directory, creating the directory when
 * missing. BUD_EIO "err.store.io" when any step fails (what is half
 * written is removed); BUD_ECONFLICT when name exists.
 */
int bud_store_docfile_write(bud_db *db, const char *name, const void *data,
			    size_t len, bud_err *err);

/* Read file name whole into *data (malloc'd, the caller frees) of *len
 * bytes, at most max: BUD_ENOTFOUND when it is not there, BUD_EIO. */
int bud_store_docfile_read(bud_db *db, const char *name, size_t max,
			   void **data, size_t *len, bud_err *err);

/* Remove file name (gone already is fine). */
void bud_store_docfile_remove(bud_db *db, const char *name);

/* Insert d (its id and uploader ignored); *id_out the new id. */
int bud_store_document_add(bud_conn *w, const struct bud_store_document *d,
			   int64_t *id_out, bud_err *err);

/* Document id, BUD_ENOTFOUND "document" when there is none. */
int bud_store_document_get(bud_conn *c, int64_t id, struct bud_store_document *out,
			   bud_err *err);

/* The documents of provider_id, newest first: at most max from offset
 * into out, *n of them. */
int bud_store_document_list(bud_conn *c, int64_t provider_id, size_t offset,
			    struct bud_store_document *out, size_t max, size_t *n,
			    bud_err *err);

#endif
