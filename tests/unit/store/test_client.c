/*
 * Unit tests for store/collate.c and store/store_client.c: the Finnish
 * collation (a..z, then å, ä, ö; case-insensitive; accented letters with
 * their base letter; bytes that are not UTF-8 never read past the end),
 * the search fold, and the client rows: insert keeps the search key, the
 * list and the search sort in Finnish order, search by folded words, by
 * whole hetu and within a reach, update, and the client's own account.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "store/client.h"
#include "store/collate.h"
#include "store/db.h"
#include "store_test.h"

/* ---- the collation and the fold, pure ---------------------------------- */

static int cmp(const char *a, const char *b)
{
	int r = bud_collate_fi(a, strlen(a), b, strlen(b));

	return r < 0 ? -1 : r > 0 ? 1 : 0;
}

static void test_collate_order(void **state)
{
	(void)state;
	assert_int_equal(cmp("Zetterberg", "Åberg"), -1);
	assert_int_equal(cmp("Åberg", "Ääri"), -1);
	assert_int_equal(cmp("Ääri", "Öhman"), -1);
	assert_int_equal(cmp("Öhman", "Zetterberg"), 1);
	assert_int_equal(cmp("Aalto", "Åberg"), -1);	/* not a variant of a */
	assert_int_equal(cmp("Virtanen", "Wikström"), -1);
	assert_int_equal(cmp("Korhonen", "korhonen"), 0);	/* case-insensitive */
	assert_int_equal(cmp("ÅBERG", "åberg"), 0);
	assert_int_equal(cmp("ÄÄRI", "ääri"), 0);
	assert_int_equal(cmp("ÖHMAN", "öhman"), 0);
	assert_int_equal(cmp("Héléne", "Helene"), 0);	/* accents: base letter */
	assert_int_equal(cmp("Müller", "Myller"), 0);	/* ü as y */
	assert_int_equal(cmp("Ærø", "äRö"), 0);		/* æ as ä, ø as ö */
	assert_int_equal(cmp("Šimek", "Simek"), 0);
	assert_int_equal(cmp("Aho", "Aho-Lehto"), -1);	/* a prefix first */
	assert_int_equal(cmp("", "a"), -1);
	assert_int_equal(cmp("", ""), 0);
	assert_int_equal(cmp("Lind Elin", "Lindholm"), -1);	/* space first */
}

static void test_collate_bad_utf8(void **state)
{
	/* A lead byte at the very end, a stray continuation byte: each one
	 * character of its own, after every letter; nothing read past len. */
	const char a[] = {'a', (char)0xc3};
	const char b[] = {'a', (char)0x80, 'b'};

	(void)state;
	assert_true(bud_collate_fi(a, sizeof a, "ab", 2) > 0);
	assert_true(bud_collate_fi(b, sizeof b, "aö", 3) > 0);
	assert_int_equal(bud_collate_fi(a, 1, "a", 1), 0);	/* len honoured */
	assert_int_equal(bud_collate_fi(a, sizeof a, a, sizeof a), 0);
}

static void test_fold(void **state)
{
	char out[64];

	(void)state;
	assert_int_equal(bud_collate_fold("  Korhonen \t Matti ", out, sizeof out), 14);
	assert_string_equal(out, "korhonen matti");
	bud_collate_fold("ÅBERG Åsa", out, sizeof out);
	assert_string_equal(out, "åberg åsa");
	bud_collate_fold("ÄÄRI Öljy", out, sizeof out);
	assert_string_equal(out, "ääri öljy");
	bud_collate_fold("Sundström Héléne", out, sizeof out);
	assert_string_equal(out, "sundström helene");
	assert_int_equal(bud_collate_fold("   ", out, sizeof out), 0);
	assert_string_equal(out, "");
	assert_int_equal(bud_collate_fold("abcdef", out, 4), -1);	/* no room */
	assert_string_equal(out, "");
	assert_int_equal(bud_collate_fold("abc", out, 4), 3);		/* just fits */
}

/* ---- rows ---------------------------------------------------------------- */

struct ins {
	struct bud_store_client c;
	int64_t id;
};

static int unit_insert(bud_conn *w, void *arg, bud_err *err)
{
	struct ins *in = arg;

	return bud_store_client_insert(w, &in->c, &in->id, err);
}

static int unit_update(bud_conn *w, void *arg, bud_err *err)
{
	return bud_store_client_update(w, arg, err);
}

static bud_db *open_db(struct tmpdb *t)
{
	struct bud_db_opts o = {.sync_normal = 1};
	bud_db *db = NULL;
	bud_err err;

	assert_int_equal(bud_db_open(t->path, &o, &db, &err), BUD_OK);
	assert_int_equal(raw_exec(t->path,
		"INSERT INTO organiser (id, code, name_fi, name_sv, name_en, ytunnus,"
		" created_at) VALUES (1, 'o', 'O', 'O', 'O', '1234567-1', 0),"
		" (2, 'p', 'P', 'P', 'P', '7654321-0', 0);"
		"INSERT INTO unit (id, organiser_id, name_fi, name_sv, name_en) VALUES"
		" (1, 1, 'U', 'U', 'U'), (2, 1, 'V', 'V', 'V');"), SQLITE_OK);
	return db;
}

static int64_t add(bud_db *db, int64_t org, int64_t unit, const char *hetu,
		   const char *first, const char *last)
{
	struct ins in;
	bud_err err;

	memset(&in, 0, sizeof in);
	in.c.organiser_id = org;
	in.c.unit_id = unit;
	snprintf(in.c.hetu, sizeof in.c.hetu, "%s", hetu);
	snprintf(in.c.first_name, sizeof in.c.first_name, "%s", first);
	snprintf(in.c.last_name, sizeof in.c.last_name, "%s", last);
	snprintf(in.c.lang, sizeof in.c.lang, "fi");
	assert_int_equal(bud_db_write(db, unit_insert, &in, &err), BUD_OK);
	return in.id;
}

/* The last names of a search's rows, joined by ",". */
static void search_names(bud_db *db, const struct bud_store_client_query *q,
			 char *out, size_t outsz)
{
	struct bud_store_client rows[8];
	bud_conn *c;
	bud_err err;
	size_t n, i, k = 0;

	c = bud_db_reader(db, &err);
	assert_non_null(c);
	assert_int_equal(bud_store_client_search(c, q, 0, rows, 8, &n, &err), BUD_OK);
	out[0] = '\0';
	for (i = 0; i < n; i++)
		k += (size_t)snprintf(out + k, outsz - k, "%s%s", i ? "," : "",
				      rows[i].last_name);
}

static void test_sorted_and_search(void **state)
{
	struct tmpdb *t = *state;
	struct bud_store_client_query q;
	bud_db *db = open_db(t);
	char names[256];

	add(db, 1, 1, "010101A123N", "Olli", "Öhman");
	add(db, 1, 1, "020202A123K", "Åsa", "Åberg");
	add(db, 1, 1, "030303A123T", "Zorro", "Zetterberg");
	add(db, 1, 2, "040404A123B", "Ilmari", "Ääri");
	add(db, 1, 1, "050505A123M", "Anna", "aalto");
	add(db, 2, 1, "060606A123R", "Other", "Organiser");

	memset(&q, 0, sizeof q);
	q.organiser_id = 1;
	search_names(db, &q, names, sizeof names);
	assert_string_equal(names, "aalto,Zetterberg,Åberg,Ääri,Öhman");

	/* The search key: folded "last first". */
	assert_int_equal(raw_int(t->path, "SELECT count(*) FROM client WHERE "
				 "search_key = 'åberg åsa'"), 1);

	/* Folded words anywhere, in any order; upper-case Å matches å. */
	q.words[0] = "åberg";
	search_names(db, &q, names, sizeof names);
	assert_string_equal(names, "Åberg");
	q.words[0] = "åsa";
	q.words[1] = "åb";
	search_names(db, &q, names, sizeof names);
	assert_string_equal(names, "Åberg");
	q.words[0] = "ä";	/* ä is not a */
	q.words[1] = NULL;
	search_names(db, &q, names, sizeof names);
	assert_string_equal(names, "Ääri");

	/* Reach: unit 2 or worker 0 (none) */
	memset(&q, 0, sizeof q);
	q.organiser_id = 1;
	q.unit_id = 2;
	q.worker_id = 999;
	search_names(db, &q, names, sizeof names);
	assert_string_equal(names, "Ääri");

	/* Whole hetu, exact. */
	memset(&q, 0, sizeof q);
	q.hetu = "020202A123K";
	search_names(db, &q, names, sizeof names);
	assert_string_equal(names, "Åberg");
	q.hetu = "020202A123";
	search_names(db, &q, names, sizeof names);
	assert_string_equal(names, "");
	bud_db_close(db);
}

static void test_update_and_hetu(void **state)
{
	struct tmpdb *t = *state;
	bud_db *db = open_db(t);
	struct bud_store_client c, got;
	bud_conn *r;
	bud_err err;
	int64_t id = add(db, 1, 1, "010101A123N", "Matti", "Korhonen");
	int64_t uid;
	char name[72];

	r = bud_db_reader(db, &err);
	assert_int_equal(bud_store_client_get(r, id, &c, &err), BUD_OK);
	snprintf(c.last_name, sizeof c.last_name, "Östman");
	snprintf(c.lang, sizeof c.lang, "sv");
	c.easy_read = 1;
	c.updated_at = 77;
	assert_int_equal(bud_db_write(db, unit_update, &c, &err), BUD_OK);
	assert_int_equal(bud_store_client_by_hetu(r, c.organiser_id, "010101A123N", &got,
						  &err), BUD_OK);
	assert_string_equal(got.last_name, "Östman");
	assert_string_equal(got.lang, "sv");
	assert_int_equal(got.easy_read, 1);
	assert_int_equal(got.updated_at, 77);
	assert_int_equal(raw_int(t->path, "SELECT count(*) FROM client WHERE "
				 "search_key = 'östman matti'"), 1);
	assert_int_equal(bud_store_client_by_hetu(r, c.organiser_id, "010101-123N",
						  &got, &err), BUD_ENOTFOUND);
	assert_int_equal(bud_store_client_by_hetu(r, c.organiser_id + 1,
						  "010101A123N", &got, &err),
			 BUD_ENOTFOUND);	/* another organiser's code */
	c.id = 999;
	assert_int_equal(bud_db_write(db, unit_update, &c, &err), BUD_ENOTFOUND);

	/* A duplicate hetu is a conflict naming the column. */
	{
		struct ins in;

		memset(&in, 0, sizeof in);
		in.c = got;
		assert_int_equal(bud_db_write(db, unit_insert, &in, &err), BUD_ECONFLICT);
		assert_string_equal(err.field, "hetu");
	}

	/* The client's own account. */
	assert_int_equal(bud_store_client_account(r, id, &uid, name, sizeof name, &err),
			 BUD_ENOTFOUND);
	assert_int_equal(raw_exec(t->path, "INSERT INTO user (id, username, display_name,"
		" role, password_hash, client_id, created_at) VALUES (5, 'matti',"
		" 'Matti', 'client', 'x', 1, 0)"), SQLITE_OK);
	assert_int_equal(bud_store_client_account(r, id, &uid, name, sizeof name, &err),
			 BUD_OK);
	assert_int_equal(uid, 5);
	assert_string_equal(name, "matti");
	bud_db_close(db);
}

static void test_sql_collation(void **state)
{
	struct tmpdb *t = *state;
	bud_db *db = open_db(t);
	struct bud_store_client rows[4];
	bud_conn *r;
	bud_err err;
	size_t n;

	add(db, 1, 1, "010101A123N", "A", "Öhman");
	add(db, 1, 1, "020202A123K", "B", "Åberg");
	add(db, 1, 1, "030303A123T", "C", "Ääri");
	r = bud_db_reader(db, &err);
	/* A worker's list sorts by the collation too. */
	assert_int_equal(raw_exec(t->path, "INSERT INTO user (id, username, display_name,"
		" role, password_hash, created_at) VALUES (7, 'w', 'W', 'worker', 'x', 0);"
		"UPDATE client SET worker_id = 7"), SQLITE_OK);
	assert_int_equal(bud_store_client_list_by_worker(r, 7, 0, rows, 4, &n, &err), BUD_OK);
	assert_int_equal(n, 3);
	assert_string_equal(rows[0].last_name, "Åberg");
	assert_string_equal(rows[1].last_name, "Ääri");
	assert_string_equal(rows[2].last_name, "Öhman");
	bud_db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_collate_order),
		cmocka_unit_test(test_collate_bad_utf8),
		cmocka_unit_test(test_fold),
		cmocka_unit_test_setup_teardown(test_sorted_and_search, tmpdb_setup, tmpdb_teardown),
		cmocka_unit_test_setup_teardown(test_update_and_hetu, tmpdb_setup, tmpdb_teardown),
		cmocka_unit_test_setup_teardown(test_sql_collation, tmpdb_setup, tmpdb_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
