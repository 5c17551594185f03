/*
 * tests/unit/store/store_test.h: helpers shared by the store tests: a
 * temporary directory under /tmp per test (made with mkdtemp, removed
 * with its files afterwards) and a raw SQLite query for checking results.
 * Header-only, static inline functions: each test executable includes it once.
 */
#ifndef BUD_TEST_STORE_H
#define BUD_TEST_STORE_H

#include <dirent.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct tmpdb {
	char dir[64];
	char path[96];
};

/* cmocka setup: a fresh directory and the path of a database in it. */
static inline int tmpdb_setup(void **state)
{
	struct tmpdb *t = calloc(1, sizeof *t);

	if (!t)
		return -1;
	snprintf(t->dir, sizeof t->dir, "/tmp/bud-store-XXXXXX");
	if (!mkdtemp(t->dir)) {
		free(t);
		return -1;
	}
	snprintf(t->path, sizeof t->path, "%s/t.db", t->dir);
	*state = t;
	return 0;
}

/* cmocka teardown: remove every file of the directory, then it. */
static inline int tmpdb_teardown(void **state)
{
	struct tmpdb *t = *state;
	struct dirent *d;
	DIR *dir;
	int fd;

	dir = opendir(t->dir);
	if (dir) {
		fd = dirfd(dir);
		while ((d = readdir(dir)) != NULL)
			if (strcmp(d->d_name, ".") != 0 && strcmp(d->d_name, "..") != 0)
				unlinkat(fd, d->d_name, 0);
		closedir(dir);
	}
	rmdir(t->dir);
	free(t);
	return 0;
}

/* The first column of the first row of sql (no parameters) on a raw
 * connection of its own; -1 on any error. */
static inline long long raw_int(const char *path, const char *sql)
{
	sqlite3 *sq = NULL;
	sqlite3_stmt *st = NULL;
	long long v = -1;

	if (sqlite3_open_v2(path, &sq, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(sq, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(sq);
	return v;
}

/* Run sql on a raw read-write connection of its own; the SQLite rc. */
static inline int raw_exec(const char *path, const char *sql)
{
	sqlite3 *sq = NULL;
	int rc;

	rc = sqlite3_open_v2(path, &sq, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(sq, sql, NULL, NULL, NULL);
	sqlite3_close(sq);
	return rc;
}

#endif
