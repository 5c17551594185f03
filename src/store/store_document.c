/*
 * store/store_document.c: the statutory documents of providers
 * (store/document.h): the files in <database>.files/ and their rows.
 */
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/document.h"
#include "store/row.h"

#define DIR_SUFFIX ".files"

/* ---- the files ---------------------------------------------------------- */

static int io_error(bud_err *err, const char *what)
{
	return bud_err_set(err, BUD_EIO, "file", "err.store.io", "document file: %s: %s",
			   what, strerror(errno));
}

static int name_ok(const char *name)
{
	size_t i, n = strlen(name);

	if (n == 0 || n >= BUD_STORE_DOCFILE_NAME)
		return 0;
	for (i = 0; i < n; i++)
		if (!((name[i] >= '0' && name[i] <= '9') || (name[i] >= 'a' && name[i] <= 'f')))
			return 0;
	return 1;
}

/* "<db>.files" into dir, "<db>.files/<name>" into path, tmp with ".tmp". */
static int paths(bud_db *db, const char *name, char *dir, char *path, char *tmp,
		 size_t sz, bud_err *err)
{
	const char *p = bud_db_path(db);
	int a, b, c;

	if (!name_ok(name))
		return bud_err_set(err, BUD_EINVAL, "file", "err.store.io", "bad file name");
	a = snprintf(dir, sz, "%s%s", p, DIR_SUFFIX);
	b = snprintf(path, sz, "%s%s/%s", p, DIR_SUFFIX, name);
	c = snprintf(tmp, sz, "%s%s/%s.tmp", p, DIR_SUFFIX, name);
	if (a < 0 || b < 0 || c < 0 || (size_t)c >= sz)
		return bud_err_set(err, BUD_EINVAL, "file", "err.store.io", "path too long");
	return BUD_OK;
}

/* The files directory, created 0700 when missing. */
static int dir_ready(const char *dir, bud_err *err)
{
	struct stat sb;

	if (mkdir(dir, 0700) == 0)
		return BUD_OK;
	if (errno != EEXIST)
		return io_error(err, "mkdir");
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
		return io_error(err, "not a directory");
	return BUD_OK;
}

static int write_all(int fd, const unsigned char *p, size_t len)
{
	while (len > 0) {
		ssize_t k = write(fd, p, len);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		p += k;
		len -= (size_t)k;
	}
	return 0;
}

static int sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

int bud_store_docfile_write(bud_db *db, const char *name, const void *data,
			    size_t len, bud_err *err)
{
	char dir[4096], path[4096], tmp[4096];
	int rc, fd;

	if ((rc = paths(db, name, dir, path, tmp, sizeof dir, err)) != BUD_OK ||
	    (rc = dir_ready(dir, err)) != BUD_OK)
		return rc;
	if (access(path, F_OK) == 0)
		return bud_err_set(err, BUD_ECONFLICT, "file", "err.store.io", "file exists");
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return io_error(err, "create");
	if (write_all(fd, data, len) != 0 || fsync(fd) != 0) {
		rc = io_error(err, "write");
		close(fd);
		unlink(tmp);
		return rc;
	}
	if (close(fd) != 0 || rename(tmp, path) != 0) {
		rc = io_error(err, "rename");
		unlink(tmp);
		return rc;
	}
	if (sync_dir(dir) != 0) {
		rc = io_error(err, "fsync directory");
		unlink(path);
		return rc;
	}
	return BUD_OK;
}

static int read_fd(int fd, size_t max, void **data, size_t *len, bud_err *err)
{
	struct stat sb;
	unsigned char *buf;
	size_t got = 0;

	if (fstat(fd, &sb) != 0)
		return io_error(err, "stat");
	if (sb.st_size < 0 || (uint64_t)sb.st_size > max)
		return bud_err_set(err, BUD_EIO, "file", "err.store.io", "file too large");
	buf = malloc((size_t)sb.st_size + 1);
	if (!buf)
		return bud_err_set(err, BUD_ENOMEM, NULL, "err.internal", "out of memory");
	while (got < (size_t)sb.st_size) {
		ssize_t k = read(fd, buf + got, (size_t)sb.st_size - got);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			free(buf);
			return io_error(err, "read");
		}
		got += (size_t)k;
	}
	*data = buf;
	*len = got;
	return BUD_OK;
}

int bud_store_docfile_read(bud_db *db, const char *name, size_t max,
			   void **data, size_t *len, bud_err *err)
{
	char dir[4096], path[4096], tmp[4096];
	int rc, fd;

	*data = NULL;
	*len = 0;
	if ((rc = paths(db, name, dir, path, tmp, sizeof dir, err)) != BUD_OK)
		return rc;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0 && errno == ENOENT)
		return bud_err_set(err, BUD_ENOTFOUND, "document", "err.not_found",
				   "document file missing");
	if (fd < 0)
		return io_error(err, "open");
	rc = read_fd(fd, max, data, len, err);
	close(fd);
	return rc;
}

void bud_store_docfile_remove(bud_db *db, const char *name)
{
	char dir[4096], path[4096], tmp[4096];
	bud_err err;

	if (paths(db, name, dir, path, tmp, sizeof dir, &err) == BUD_OK)
		unlink(path);
}

/* ---- the rows ----------------------------------------------------------- */

#define DOC_COLS "d.id, d.provider_id, d.kind, d.name, d.content_type, d.size, " \
	"d.sha256, d.file, d.uploaded_by, d.uploaded_at, u.display_name"

static int document_row(sqlite3_stmt *st, void *row, bud_err *err)
{
	struct bud_store_document *d = row;
	int rc;

	memset(d, 0, sizeof(*d));
	d->id = sqlite3_column_int64(st, 0);
	d->provider_id = sqlite3_column_int64(st, 1);
	d->size = sqlite3_column_int64(st, 5);
	d->uploaded_by = sqlite3_column_int64(st, 8);
	d->uploaded_at = sqlite3_column_int64(st, 9);
	if ((rc = bud_row_col_text(st, 2, d->kind, sizeof d->kind, err)) ||
	    (rc = bud_row_col_text(st, 3, d->name, sizeof d->name, err)) ||
	    (rc = bud_row_col_text(st, 4, d->content_type, sizeof d->content_type, err)) ||
	    (rc = bud_row_col_text(st, 6, d->sha256, sizeof d->sha256, err)) ||
	    (rc = bud_row_col_text(st, 7, d->file, sizeof d->file, err)) ||
	    (rc = bud_row_col_text(st, 10, d->uploader, sizeof d->uploader, err)))
		return rc;
	return BUD_OK;
}

int bud_store_document_add(bud_conn *w, const struct bud_store_document *d,
			   int64_t *id_out, bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK;

	st = bud_conn_stmt(w, "INSERT INTO provider_document (provider_id, kind, name, "
			   "content_type, size, sha256, file, uploaded_by, uploaded_at) "
			   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, d->provider_id, 0, &brc);
	bud_row_bind_text(st, 2, d->kind, 0, &brc);
	bud_row_bind_text(st, 3, d->name, 0, &brc);
	bud_row_bind_text(st, 4, d->content_type, 0, &brc);
	bud_row_bind_i64(st, 5, d->size, 0, &brc);
	bud_row_bind_text(st, 6, d->sha256, 0, &brc);
	bud_row_bind_text(st, 7, d->file, 0, &brc);
	bud_row_bind_i64(st, 8, d->uploaded_by, 0, &brc);
	bud_row_bind_i64(st, 9, d->uploaded_at, 0, &brc);
	return bud_row_step_insert(w, st, brc, "provider document", id_out, err);
}

int bud_store_document_get(bud_conn *c, int64_t id, struct bud_store_document *out,
			   bud_err *err)
{
	sqlite3_stmt *st;

	assert(c && out);
	st = bud_conn_stmt(c, "SELECT " DOC_COLS " FROM provider_document d "
			   "JOIN user u ON u.id = d.uploaded_by WHERE d.id = ?1", err);
	if (!st)
		return bud_row_stmt_failed(err);
	return bud_row_get_one(c, st, sqlite3_bind_int64(st, 1, id), "document",
			       document_row, out, err);
}

int bud_store_document_list(bud_conn *c, int64_t provider_id, size_t offset,
			    struct bud_store_document *out, size_t max, size_t *n,
			    bud_err *err)
{
	sqlite3_stmt *st;
	int brc = SQLITE_OK, rc;

	assert(c && n && (out || max == 0));
	*n = 0;
	if (max == 0)
		return BUD_OK;
	st = bud_conn_stmt(c, "SELECT " DOC_COLS " FROM provider_document d "
			   "JOIN user u ON u.id = d.uploaded_by WHERE d.provider_id = ?1 "
			   "ORDER BY d.uploaded_at DESC, d.id DESC LIMIT ?2 OFFSET ?3", err);
	if (!st)
		return bud_row_stmt_failed(err);
	bud_row_bind_i64(st, 1, provider_id, 0, &brc);
	bud_row_bind_i64(st, 2, (int64_t)max, 0, &brc);
	bud_row_bind_i64(st, 3, (int64_t)offset, 0, &brc);
	rc = brc;
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		assert(*n < max);
		if ((rc = document_row(st, &out[*n], err)) != BUD_OK)
			goto out;
		(*n)++;
	}
	rc = rc == SQLITE_DONE ? BUD_OK : bud_conn_error(c, rc, "document list", err);
out:
	sqlite3_reset(st);
	return rc;
}
