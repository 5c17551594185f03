/*
 * store/store_dbfile.c: the database files' mode and the one-server lock
 * (see store/dbfile.h). Plain POSIX calls on paths; no SQL.
 *
 * The lock is flock(2), not fcntl: SQLite's own locks are fcntl locks, and
 * on Linux the two never interfere. The descriptor is opened before SQLite
 * opens the file and closed after it has closed it, so closing it cannot
 * drop a lock SQLite holds.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/dbfile.h"

/* Names SQLite does not take as a plain file path. */
static int special_name(const char *path)
{
	return path[0] == '\0' || path[0] == ':' || strncmp(path, "file:", 5) == 0;
}

/* Set BUD_DB_FILE_MODE on an existing file; a missing one is fine. */
static int fix_mode(const char *file, bud_err *err)
{
	struct stat st;

	if (stat(file, &st) != 0) {
		if (errno == ENOENT)
			return BUD_OK;
		return bud_err_set(err, BUD_EIO, "db", "err.store.io",
				   "cannot read %s: %s", file, strerror(errno));
	}
	if ((st.st_mode & 07777) == BUD_DB_FILE_MODE)
		return BUD_OK;
	if (chmod(file, BUD_DB_FILE_MODE) != 0)
		return bud_err_set(err, BUD_EIO, "db", "err.store.io",
				   "cannot make %s private (mode 0600): %s", file,
				   strerror(errno));
	return BUD_OK;
}

int bud_dbfile_private(const char *path, bud_err *err)
{
	static const char *const suffix[] = {"", "-wal", "-shm"};
	char file[4096];
	size_t i;
	int fd, rc;

	if (!path || special_name(path))
		return BUD_OK;
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, BUD_DB_FILE_MODE);
	if (fd < 0)
		return bud_err_set(err, BUD_EIO, "db", "err.store.io",
				   "cannot open %s: %s", path, strerror(errno));
	close(fd);
	for (i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
		if ((size_t)snprintf(file, sizeof file, "%s%s", path, suffix[i]) >=
		    sizeof file)
			return bud_err_set(err, BUD_EINVAL, "db", "err.store.path",
					   "database path too long");
		if ((rc = fix_mode(file, err)) != BUD_OK)
			return rc;
	}
	return BUD_OK;
}

int bud_dbfile_lock(const char *path, int *fd, bud_err *err)
{
	struct stat st;

	*fd = -1;
	if (!path || special_name(path) || stat(path, &st) != 0 ||
	    !S_ISREG(st.st_mode))
		return bud_err_set(err, BUD_ENOTFOUND, "db", "err.store.no_database",
				   "no database at this path: create it first with "
				   "`budjetti migrate --db PATH` (empty) or "
				   "`budjetti demo --db PATH`");
	*fd = open(path, O_RDONLY | O_CLOEXEC);
	if (*fd < 0)
		return bud_err_set(err, BUD_EIO, "db", "err.store.io",
				   "cannot open %s: %s", path, strerror(errno));
	if (flock(*fd, LOCK_EX | LOCK_NB) == 0)
		return BUD_OK;
	close(*fd);
	*fd = -1;
	if (errno == EWOULDBLOCK)
		return bud_err_set(err, BUD_ECONFLICT, "db", "err.store.in_use",
				   "another budjetti serve is already using this database");
	return bud_err_set(err, BUD_EIO, "db", "err.store.io",
			   "cannot lock %s: %s", path, strerror(errno));
}

void bud_dbfile_unlock(int fd)
{
	if (fd >= 0)
		close(fd);
}
