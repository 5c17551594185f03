/*
 * tests/unit/app/test_document.c: the statutory documents of providers:
 * the content is told by its bytes and must be what it claims; the
 * sender's name is cleaned; who may upload and read (the provider's own
 * admin, the organiser's worker and admin; not a plain provider user, a
 * decision maker or another organiser's staff); the file and its row are
 * one unit (a refused upload leaves no file, and a row that cannot be
 * written takes its file away); a changed file is refused on download.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "app/document.h"
#include "core/page.h"
#include "app_fixture.h"

static const char pdf[] = "%PDF-1.4\n%%EOF\n";
static const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0};
static const unsigned char jpeg[] = {0xff, 0xd8, 0xff, 0xe0, 0, 0};

/* Files in the database's files directory (0 when there is none). */
static int files(struct fx *f)
{
	char dir[128];
	struct dirent *e;
	DIR *d;
	int n = 0;

	snprintf(dir, sizeof dir, "%s.files", f->path);
	if (!(d = opendir(dir)))
		return 0;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

static int up(struct fx *f, int64_t uid, int64_t pid, const char *kind,
	      const void *data, size_t len, const char *type, bud_err *e)
{
	struct bud_document_in in = {kind, "todistus.pdf", type, data, len};
	bud_actor a;

	fx_actor(f, uid, &a);
	bud_err_clear(e);
	return bud_document_upload(&f->app, &a, pid, &in, NULL, e);
}

static void admin_of_provider(struct fx *f)
{
	assert_int_equal(fx_raw_exec(f, "UPDATE user SET provider_admin = 1 WHERE id = 6"), 0);
}

static void test_sniff_and_name(void **state)
{
	char out[BUD_DOCUMENT_NAME_MAX + 1], longname[400];

	(void)state;
	assert_string_equal(bud_document_sniff(pdf, sizeof pdf - 1), "application/pdf");
	assert_string_equal(bud_document_sniff(png, sizeof png), "image/png");
	assert_string_equal(bud_document_sniff(jpeg, sizeof jpeg), "image/jpeg");
	assert_null(bud_document_sniff("%PDF", 4));
	assert_null(bud_document_sniff("GIF89a", 6));
	assert_null(bud_document_sniff(jpeg, 2));
	bud_document_name_clean("C:\\Users\\x\\ote \"1\".pdf", out, sizeof out);
	assert_string_equal(out, "ote _1_.pdf");
	bud_document_name_clean("../../etc/passwd", out, sizeof out);
	assert_string_equal(out, "passwd");
	bud_document_name_clean("a\r\nb;c.pdf", out, sizeof out);
	assert_string_equal(out, "a__b_c.pdf");
	bud_document_name_clean("\xff\xfe.pdf", out, sizeof out);
	assert_string_equal(out, "document");
	bud_document_name_clean("...", out, sizeof out);
	assert_string_equal(out, "document");
	bud_document_name_clean(NULL, out, sizeof out);
	assert_string_equal(out, "document");
	memset(longname, 0, sizeof longname);
	for (size_t i = 0; i < 150; i++)
		memcpy(longname + 2 * i, "ä", 2);
	bud_document_name_clean(longname, out, sizeof out);
	assert_int_equal(strlen(out), BUD_DOCUMENT_NAME_MAX);
}

static void test_content_refused(void **state)
{
	struct fx *f = *state;
	bud_err e;

	admin_of_provider(f);
	assert_int_equal(up(f, FX_PROVIDER, 1, "tax_debt", pdf, 0, "application/pdf", &e),
			 BUD_EINVAL);
	assert_string_equal(e.key, "err.document.empty");
	assert_int_equal(up(f, FX_PROVIDER, 1, "tax_debt", "MZ..", 4, "application/pdf", &e),
			 BUD_EINVAL);
	assert_string_equal(e.key, "err.document.type");
	assert_int_equal(up(f, FX_PROVIDER, 1, "tax_debt", png, sizeof png, "application/pdf",
			    &e), BUD_EINVAL);
	assert_string_equal(e.key, "err.document.mismatch");
	assert_string_equal(e.field, "file");
	assert_int_equal(up(f, FX_PROVIDER, 1, "tax_debt", pdf, sizeof pdf - 1, NULL, &e),
			 BUD_EINVAL);
	assert_int_equal(up(f, FX_PROVIDER, 1, "visa", pdf, sizeof pdf - 1, "application/pdf",
			    &e), BUD_EINVAL);
	assert_string_equal(e.field, "kind");
	assert_int_equal(up(f, FX_PROVIDER, 1, "tax_debt", pdf, BUD_DOCUMENT_MAX + 1,
			    "application/pdf", &e), BUD_ETOOBIG);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM provider_document"), 0);
	assert_int_equal(files(f), 0);
}

static void test_who_may(void **state)
{
	struct fx *f = *state;
	struct bud_page pg = {.limit = 10};
	json_t *out = NULL;
	bud_actor a;
	bud_err e;

	/* a provider user who is not its admin may read, not upload */
	assert_int_equal(up(f, FX_PROVIDER, 1, "tax_debt", pdf, sizeof pdf - 1,
			    "application/pdf", &e), BUD_EFORBIDDEN);
	assert_int_equal(up(f, FX_DM, 1, "tax_debt", pdf, sizeof pdf - 1, "application/pdf", &e),
			 BUD_EFORBIDDEN);
	assert_int_equal(up(f, FX_CLIENT, 1, "tax_debt", pdf, sizeof pdf - 1,
			    "application/pdf", &e), BUD_EFORBIDDEN);
	assert_int_equal(up(f, FX_WORKER, 99, "tax_debt", pdf, sizeof pdf - 1,
			    "application/pdf", &e), BUD_ENOTFOUND);
	assert_int_equal(files(f), 0);
	assert_int_equal(up(f, FX_WORKER, 1, "tax_debt", pdf, sizeof pdf - 1,
			    "application/pdf", &e), BUD_OK);
	admin_of_provider(f);
	assert_int_equal(up(f, FX_PROVIDER, 1, "trade_register", jpeg, sizeof jpeg,
			    "image/jpeg", &e), BUD_OK);
	assert_int_equal(files(f), 2);
	fx_actor(f, FX_PROVIDER, &a);
	assert_int_equal(bud_document_list(&f->app, &a, 1, &pg, &out, &e), BUD_OK);
	assert_int_equal(json_array_size(out), 2);
	json_decref(out);
	fx_actor(f, FX_DM, &a);
	assert_int_equal(bud_document_list(&f->app, &a, 1, &pg, &out, &e), BUD_EFORBIDDEN);
	fx_actor(f, FX_DM2, &a);
	assert_int_equal(bud_document_summary(&f->app, &a, 1, &out, &e), BUD_EFORBIDDEN);
	fx_actor(f, FX_ADMIN, &a);
	assert_int_equal(bud_document_summary(&f->app, &a, 1, &out, &e), BUD_OK);
	assert_int_equal(json_array_size(json_object_get(out, "missing")), 2);
	assert_string_equal(json_string_value(json_array_get(json_object_get(out, "missing"), 0)),
			    "pension_insurance");
	json_decref(out);
}

static void test_download_and_damage(void **state)
{
	struct fx *f = *state;
	struct bud_document_file file;
	int64_t id = 0;
	struct bud_document_in in = {"liability_insurance", "vakuutus.pdf", "application/pdf",
				     pdf, sizeof pdf - 1};
	json_t *v = NULL;
	bud_actor a;
	bud_err e;

	fx_actor(f, FX_WORKER, &a);
	assert_int_equal(bud_document_upload(&f->app, &a, 1, &in, &id, &e), BUD_OK);
	fx_actor(f, FX_PROVIDER, &a);
	assert_int_equal(bud_document_open(&f->app, &a, 1, id, &file, &e), BUD_OK);
	assert_int_equal(file.len, sizeof pdf - 1);
	assert_memory_equal(file.data, pdf, file.len);
	assert_string_equal(file.name, "vakuutus.pdf");
	assert_string_equal(file.content_type, "application/pdf");
	bud_document_file_release(&file);
	assert_int_equal(bud_document_open(&f->app, &a, 2, id, &file, &e), BUD_ENOTFOUND);
	assert_int_equal(bud_document_get(&f->app, &a, id, &v, &e), BUD_OK);
	assert_string_equal(json_string_value(json_object_get(v, "kind")), "liability_insurance");
	json_decref(v);
	/* the kept file no longer matches what was kept about it */
	assert_int_equal(fx_raw_exec(f, "UPDATE provider_document SET sha256 = "
		"'0000000000000000000000000000000000000000000000000000000000000000'"), 0);
	assert_int_equal(bud_document_open(&f->app, &a, 1, id, &file, &e), BUD_EIO);
	assert_string_equal(e.key, "err.document.damaged");
}

/* A row that cannot be written takes its file away. */
static void test_row_fails_file_removed(void **state)
{
	struct fx *f = *state;
	bud_err e;

	assert_int_equal(fx_raw_exec(f, "CREATE TRIGGER no_docs BEFORE INSERT ON "
		"provider_document BEGIN SELECT RAISE(ABORT, 'refused'); END"), 0);
	assert_int_not_equal(up(f, FX_WORKER, 1, "tax_debt", pdf, sizeof pdf - 1,
				"application/pdf", &e), BUD_OK);
	assert_int_equal(files(f), 0);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM provider_document"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sniff_and_name),
		cmocka_unit_test_setup_teardown(test_content_refused, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_who_may, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_download_and_damage, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_row_fails_file_removed, fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
