/*
 * Unit tests for core/ids.c: every line of the identifier lists in
 * tests/data/identifiers/ (public sources, see SOURCES.md there) for the
 * seven kinds, then hand-made cases for each rule: century signs, leap
 * days, individual numbers, IBANs of many lengths, BIC countries, creating
 * references and checking them again, masking, bounds and error values.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/date.h"
#include "core/ids.h"
#include "bud_limits.h"

/* ---- the data files ---- */

enum expect { VALID, TEMPORARY, INVALID };

static const struct data_file {
	const char *name;
	int kind;
	enum expect expect;
	int lines;	/* codes in the file: a lost line or file fails the test */
} data_files[] = {
	{"hetu-valid.txt", BUD_ID_HETU, VALID, 30},
	{"hetu-temporary.txt", BUD_ID_HETU, TEMPORARY, 23},
	{"hetu-invalid.txt", BUD_ID_HETU, INVALID, 34},
	{"ytunnus-valid.txt", BUD_ID_YTUNNUS, VALID, 29},
	{"ytunnus-invalid.txt", BUD_ID_YTUNNUS, INVALID, 7},
	{"iban-valid.txt", BUD_ID_IBAN, VALID, 21},
	{"iban-valid-print.txt", BUD_ID_IBAN, VALID, 6},
	{"iban-invalid.txt", BUD_ID_IBAN, INVALID, 8},
	{"viite-valid.txt", BUD_ID_VIITE, VALID, 54},
	{"viite-valid-print.txt", BUD_ID_VIITE, VALID, 16},
	{"viite-invalid.txt", BUD_ID_VIITE, INVALID, 11},
	{"rf-valid.txt", BUD_ID_RF, VALID, 115},
	{"rf-valid-print.txt", BUD_ID_RF, VALID, 12},
	{"rf-invalid.txt", BUD_ID_RF, INVALID, 4},
	{"ovt-valid.txt", BUD_ID_OVT, VALID, 6},
	{"ovt-invalid.txt", BUD_ID_OVT, INVALID, 1},
};

/*
 * The data's hetu lists are checked as of 2098-12-31: hetu-valid.txt holds
 * python-stdnum's 131052A308T and 131052B308T (born 2052-10-13) and
 * hetu-invalid.txt holds 010199F123Y as "born in the future" (2099-01-01).
 * Both hold between those dates; test_hetu_future checks the rule itself.
 */
static int64_t data_today(void)
{
	return bud_date_days(2098, 12, 31);
}

/* The canonical form a valid line should give: spaces dropped, and for a
 * viitenumero leading zeros too. */
static void expected_canonical(int kind, const char *line, char *out, size_t outsz)
{
	size_t j = 0;
	const char *p;

	for (p = line; *p && j + 1 < outsz; p++) {
		if (*p == ' ')
			continue;
		if (kind == BUD_ID_VIITE && j == 0 && *p == '0')
			continue;
		out[j++] = *p;
	}
	out[j] = '\0';
}

/* A created reference for the canonical form's base must be the same. */
static void check_recreate(int kind, const char *canon)
{
	char base[BUD_ID_BUF], again[BUD_ID_BUF];
	size_t n = strlen(canon);

	if (kind == BUD_ID_VIITE) {
		memcpy(base, canon, n - 1);
		base[n - 1] = '\0';
		assert_int_equal(bud_viite_create(base, again, sizeof again, NULL), BUD_OK);
		assert_string_equal(again, canon);
	} else if (kind == BUD_ID_RF) {
		assert_int_equal(bud_rf_create(canon + 4, again, sizeof again, NULL), BUD_OK);
		assert_string_equal(again, canon);
	}
}

static void check_line(const struct data_file *f, const char *line)
{
	char out[BUD_ID_BUF], want[BUD_ID_BUF];
	struct bud_hetu_info info;
	bud_err err;
	int rc;

	bud_err_clear(&err);
	if (f->kind == BUD_ID_HETU) {
		memset(&info, 0x55, sizeof info);
		rc = bud_hetu_check_at(line, data_today(), &info, &err);
	} else {
		rc = bud_id_check(f->kind, line, out, sizeof out, &err);
	}
	if ((rc == BUD_OK) != (f->expect != INVALID))
		fail_msg("%s: '%s' gave %d (%s: %s)", f->name, line, rc, err.key, err.detail);
	if (rc != BUD_OK) {
		assert_int_equal(rc, BUD_EINVAL);
		assert_int_equal(strncmp(err.key, "err.ids.", 8), 0);
		assert_string_equal(err.field, bud_id_kind_name(f->kind));
		assert_true(err.detail[0] != '\0');
		return;
	}
	if (f->kind == BUD_ID_HETU) {
		if (info.temporary != (f->expect == TEMPORARY))
			fail_msg("%s: '%s' temporary=%d", f->name, line, info.temporary);
		assert_int_equal(info.temporary, info.individual >= 900);
		return;
	}
	expected_canonical(f->kind, line, want, sizeof want);
	assert_string_equal(out, want);
	check_recreate(f->kind, out);
}

static int read_file(const struct data_file *f)
{
	const char *dir = getenv("BUD_TESTDATA");
	char path[1024], line[256];
	FILE *fp;
	int count = 0;

	assert_non_null(dir);
	snprintf(path, sizeof path, "%s/identifiers/%s", dir, f->name);
	fp = fopen(path, "r");
	if (!fp)
		fail_msg("cannot open %s", path);
	while (fgets(line, sizeof line, fp)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '\0' || line[0] == '#')
			continue;
		check_line(f, line);
		count++;
	}
	fclose(fp);
	return count;
}

static void test_data_files(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof data_files / sizeof data_files[0]; i++) {
		int n = read_file(&data_files[i]);

		if (n != data_files[i].lines)
			fail_msg("%s: %d codes, expected %d", data_files[i].name, n,
				 data_files[i].lines);
	}
}

/* ---- henkilötunnus ---- */

/* A hetu of DDMMYY, sign and ZZZ with the right check character, computed
 * here independently of ids.c. */
static void make_hetu(char out[12], const char *ddmmyy, char sign, const char *zzz)
{
	static const char checks[] = "0123456789ABCDEFHJKLMNPRSTUVWXY";
	long v = strtol(ddmmyy, NULL, 10) * 1000 + strtol(zzz, NULL, 10);

	snprintf(out, 12, "%s%c%s%c", ddmmyy, sign, zzz, checks[v % 31]);
}

static int64_t hetu_today(void)
{
	return bud_date_days(2025, 6, 1);
}

/* Check s as of hetu_today; returns the key ("" when valid). */
static const char *hetu_key(const char *s, struct bud_hetu_info *info)
{
	static bud_err err;

	bud_err_clear(&err);
	if (bud_hetu_check_at(s, hetu_today(), info, &err) == BUD_OK)
		return "";
	assert_string_equal(err.field, "hetu");
	return err.key;
}

static void test_hetu_century_signs(void **state)
{
	static const struct { char sign; int year; } signs[] = {
		{'+', 1810}, {'-', 1910}, {'Y', 1910}, {'X', 1910}, {'W', 1910},
		{'V', 1910}, {'U', 1910}, {'A', 2010}, {'B', 2010}, {'C', 2010},
		{'D', 2010}, {'E', 2010}, {'F', 2010},
	};
	static const char bad[] = "GTZ*/ 0";
	struct bud_hetu_info info;
	char h[12];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof signs / sizeof signs[0]; i++) {
		make_hetu(h, "150610", signs[i].sign, "123");
		assert_string_equal(hetu_key(h, &info), "");
		assert_int_equal(info.year, signs[i].year);
		assert_int_equal(info.month, 6);
		assert_int_equal(info.day, 15);
	}
	for (i = 0; bad[i]; i++) {
		make_hetu(h, "150610", bad[i], "123");
		assert_string_equal(hetu_key(h, NULL), "err.ids.hetu_century");
	}
	make_hetu(h, "150610", 'a', "123");
	assert_string_equal(hetu_key(h, NULL), "err.ids.case");
	/* real codes from the data with new signs and their dates */
	assert_string_equal(hetu_key("010199Y8148", &info), "");
	assert_int_equal(info.year, 1999);
	assert_string_equal(hetu_key("010123F5559", &info), "");
	assert_int_equal(info.year, 2023);
	assert_string_equal(hetu_key("131052+308T", &info), "");
	assert_int_equal(info.year, 1852);
}

static void test_hetu_dates(void **state)
{
	char h[12];

	(void)state;
	make_hetu(h, "290224", 'A', "123");	/* 2024 leap */
	assert_string_equal(hetu_key(h, NULL), "");
	make_hetu(h, "290223", 'A', "123");	/* 2023 not */
	assert_string_equal(hetu_key(h, NULL), "err.ids.hetu_date");
	make_hetu(h, "290200", 'A', "123");	/* 2000 leap */
	assert_string_equal(hetu_key(h, NULL), "");
	make_hetu(h, "290200", '-', "123");	/* 1900 not */
	assert_string_equal(hetu_key(h, NULL), "err.ids.hetu_date");
	make_hetu(h, "290200", '+', "123");	/* 1800 not */
	assert_string_equal(hetu_key(h, NULL), "err.ids.hetu_date");
	make_hetu(h, "290296", '-', "123");	/* 1996 leap */
	assert_string_equal(hetu_key(h, NULL), "");
	make_hetu(h, "310490", '-', "123");
	assert_string_equal(hetu_key(h, NULL), "err.ids.hetu_date");
	make_hetu(h, "000190", '-', "123");
	assert_string_equal(hetu_key(h, NULL), "err.ids.hetu_date");
	make_hetu(h, "011390", '-', "123");
	assert_string_equal(hetu_key(h, NULL), "err.ids.hetu_date");
	make_hetu(h, "311290", '-', "123");
	assert_string_equal(hetu_key(h, NULL), "");
}

static void test_hetu_individual(void **state)
{
	static const struct { const char *zzz; const char *key; int temp, female; } cases[] = {
		{"000", "err.ids.hetu_individual", 0, 0},
		{"001", "err.ids.hetu_individual", 0, 0},
		{"002", "", 0, 1},
		{"003", "", 0, 0},
		{"899", "", 0, 0},
		{"900", "", 1, 1},
		{"999", "", 1, 0},
	};
	struct bud_hetu_info info;
	char h[12];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		make_hetu(h, "010190", '-', cases[i].zzz);
		memset(&info, 0x55, sizeof info);
		assert_string_equal(hetu_key(h, &info), cases[i].key);
		if (cases[i].key[0])
			continue;
		assert_int_equal(info.individual, (int)strtol(cases[i].zzz, NULL, 10));
		assert_int_equal(info.temporary, cases[i].temp);
		assert_int_equal(info.female, cases[i].female);
	}
}

static void test_hetu_check_and_layout(void **state)
{
	bud_err err;

	(void)state;
	bud_err_clear(&err);
	assert_int_equal(bud_hetu_check_at("131052-308U", hetu_today(), NULL, &err), BUD_EINVAL);
	assert_string_equal(err.key, "err.ids.hetu_check");
	assert_string_equal(err.detail, "check character should be 'T'");
	assert_string_equal(hetu_key("131052-308t", NULL), "err.ids.case");
	assert_string_equal(hetu_key("131052-308", NULL), "err.ids.length");
	assert_string_equal(hetu_key("131052-308TT", NULL), "err.ids.length");
	assert_string_equal(hetu_key(" 131052-308T", NULL), "err.ids.length");
	assert_string_equal(hetu_key("13105--308T", NULL), "err.ids.chars");
	assert_string_equal(hetu_key("131052-3O8T", NULL), "err.ids.chars");
	assert_string_equal(hetu_key("", NULL), "err.ids.missing");
	assert_string_equal(hetu_key(NULL, NULL), "err.ids.missing");
	/* the check character can be G, I, O, Q, Z never */
	assert_string_equal(hetu_key("131052-308G", NULL), "err.ids.hetu_check");
}

static void test_hetu_future(void **state)
{
	char h[12];
	bud_err err;

	(void)state;
	make_hetu(h, "010625", 'A', "123");	/* born on "today" */
	assert_string_equal(hetu_key(h, NULL), "");
	make_hetu(h, "020625", 'A', "123");	/* the day after */
	assert_string_equal(hetu_key(h, NULL), "err.ids.hetu_future");
	assert_string_equal(hetu_key("131052A308T", NULL), "err.ids.hetu_future");
	/* with the clock: valid for ever, and invalid until 2099 */
	bud_err_clear(&err);
	assert_int_equal(bud_hetu_check("131052-308T", NULL, &err), BUD_OK);
	assert_int_equal(bud_id_check(BUD_ID_HETU, "010199F123Y", NULL, 0, &err), BUD_EINVAL);
	assert_string_equal(err.key, "err.ids.hetu_future");
}

static void test_hetu_mask(void **state)
{
	char out[12];

	(void)state;
	assert_int_equal(bud_hetu_mask("131052-308T", out, sizeof out), BUD_OK);
	assert_string_equal(out, "131052-****");
	assert_int_equal(bud_hetu_mask("010123F5559", out, sizeof out), BUD_OK);
	assert_string_equal(out, "010123F****");
	assert_int_equal(bud_hetu_mask("131052-308", out, sizeof out), BUD_EINVAL);
	assert_string_equal(out, "");
	assert_int_equal(bud_hetu_mask("131052-308TX", out, sizeof out), BUD_EINVAL);
	assert_int_equal(bud_hetu_mask(NULL, out, sizeof out), BUD_EINVAL);
	assert_int_equal(bud_hetu_mask("131052-308T", out, 11), BUD_EINVAL);
	assert_string_equal(out, "");
	assert_int_equal(bud_hetu_mask("131052-308T", NULL, 12), BUD_EINVAL);
}

/* ---- Y-tunnus, OVT ---- */

static const char *check_key(int kind, const char *s, char *out)
{
	static bud_err err;

	bud_err_clear(&err);
	if (bud_id_check(kind, s, out, out ? BUD_ID_BUF : 0, &err) == BUD_OK)
		return "";
	assert_string_equal(err.field, bud_id_kind_name(kind));
	return err.key;
}

static void test_ytunnus(void **state)
{
	bud_err err;

	(void)state;
	assert_string_equal(check_key(BUD_ID_YTUNNUS, "2077474-0", NULL), "");
	assert_string_equal(check_key(BUD_ID_YTUNNUS, "0112038-9", NULL), "");
	assert_string_equal(check_key(BUD_ID_YTUNNUS, "2077474-1", NULL), "err.ids.ytunnus_check");
	assert_string_equal(check_key(BUD_ID_YTUNNUS, "1375045-1", NULL), "err.ids.ytunnus_check");
	assert_string_equal(check_key(BUD_ID_YTUNNUS, "1375045-0", NULL), "err.ids.ytunnus_check");
	assert_string_equal(check_key(BUD_ID_YTUNNUS, "207747-0", NULL), "err.ids.length");
	assert_string_equal(check_key(BUD_ID_YTUNNUS, "20774740", NULL), "err.ids.length");
	assert_string_equal(check_key(BUD_ID_YTUNNUS, "207747400", NULL), "err.ids.chars");
	assert_string_equal(check_key(BUD_ID_YTUNNUS, "2077474 0", NULL), "err.ids.chars");
	assert_string_equal(check_key(BUD_ID_YTUNNUS, "20774A4-0", NULL), "err.ids.chars");
	bud_err_clear(&err);
	assert_int_equal(bud_ytunnus_check("2077474-1", &err), BUD_EINVAL);
	assert_string_equal(err.detail, "check digit should be 0");
}

static void test_ovt(void **state)
{
	char out[BUD_ID_BUF];

	(void)state;
	assert_string_equal(check_key(BUD_ID_OVT, "003721291126", out), "");
	assert_string_equal(out, "003721291126");
	assert_string_equal(check_key(BUD_ID_OVT, "0037212911261", out), "");
	assert_string_equal(check_key(BUD_ID_OVT, "003721291126AB12C", out), "");
	assert_string_equal(out, "003721291126AB12C");
	assert_string_equal(check_key(BUD_ID_OVT, "003721291126AB12CD", NULL), "err.ids.length");
	assert_string_equal(check_key(BUD_ID_OVT, "00372129112", NULL), "err.ids.length");
	assert_string_equal(check_key(BUD_ID_OVT, "003821291126", NULL), "err.ids.ovt_prefix");
	assert_string_equal(check_key(BUD_ID_OVT, "003721291125", NULL), "err.ids.ovt_ytunnus");
	assert_string_equal(check_key(BUD_ID_OVT, "003713750451", NULL), "err.ids.ovt_ytunnus");
	assert_string_equal(check_key(BUD_ID_OVT, "0037212911X6", NULL), "err.ids.chars");
	assert_string_equal(check_key(BUD_ID_OVT, "003721291126ab", NULL), "err.ids.case");
	assert_string_equal(check_key(BUD_ID_OVT, "0037 21291126", NULL), "err.ids.chars");
}

/* ---- IBAN, BIC ---- */

static void test_iban_countries(void **state)
{
	static const char *valid[] = {
		"DE89370400440532013000",		/* 22 */
		"GB82WEST12345698765432",		/* 22, letters in BBAN */
		"NO9386011117947",			/* 15, the shortest */
		"BE68539007547034",			/* 16 */
		"MK07250120000058984",			/* 19 */
		"CH9300762011623852957",		/* 21 */
		"SE4550000000058398257466",		/* 24 */
		"FR1420041010050500013M02606",		/* 27 */
		"HN88CABF00000000000250005469",		/* 28 */
		"KW81CBKU0000000000001234560101",	/* 30 */
		"MT84MALT011000012345MTLCAST001S",	/* 31 */
		"LC55HEMM000100010012001200023015",	/* 32 */
		"RU0204452560040702810412345678901",	/* 33, the longest */
	};
	char out[BUD_ID_BUF];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof valid / sizeof valid[0]; i++) {
		assert_string_equal(check_key(BUD_ID_IBAN, valid[i], out), "");
		assert_string_equal(out, valid[i]);
	}
	assert_string_equal(check_key(BUD_ID_IBAN, "GB82 WEST 1234 5698 7654 32", out), "");
	assert_string_equal(out, "GB82WEST12345698765432");
	assert_string_equal(check_key(BUD_ID_IBAN, "  NO93 8601 1117 947  ", out), "");
	assert_string_equal(out, "NO9386011117947");
}

static void test_iban_invalid(void **state)
{
	bud_err err;

	(void)state;
	assert_string_equal(check_key(BUD_ID_IBAN, "NO93860111179470", NULL), "err.ids.length");
	assert_string_equal(check_key(BUD_ID_IBAN, "NO938601111794", NULL), "err.ids.length");
	assert_string_equal(check_key(BUD_ID_IBAN, "US64SVBKUS6S3300958879", NULL), "err.ids.iban_country");
	assert_string_equal(check_key(BUD_ID_IBAN, "XX82WEST12345698765432", NULL), "err.ids.iban_country");
	assert_string_equal(check_key(BUD_ID_IBAN, "GB83WEST12345698765432", NULL), "err.ids.iban_check");
	assert_string_equal(check_key(BUD_ID_IBAN, "GB82WEST12345698765433", NULL), "err.ids.iban_check");
	assert_string_equal(check_key(BUD_ID_IBAN, "GB82WETS12345698765432", NULL), "err.ids.iban_check");
	assert_string_equal(check_key(BUD_ID_IBAN, "gb82WEST12345698765432", NULL), "err.ids.case");
	assert_string_equal(check_key(BUD_ID_IBAN, "GB82west12345698765432", NULL), "err.ids.case");
	assert_string_equal(check_key(BUD_ID_IBAN, "GB82-WEST-1234-5698-7654-32", NULL), "err.ids.chars");
	assert_string_equal(check_key(BUD_ID_IBAN, "GBX2WEST12345698765432", NULL), "err.ids.chars");
	assert_string_equal(check_key(BUD_ID_IBAN, "1282WEST12345698765432", NULL), "err.ids.chars");
	assert_string_equal(check_key(BUD_ID_IBAN, "GB82", NULL), "err.ids.length");
	assert_string_equal(check_key(BUD_ID_IBAN, "    ", NULL), "err.ids.missing");
	/* DE02... is valid; DE99... passes mod 97 too, but 99 is not a check value */
	assert_string_equal(check_key(BUD_ID_IBAN, "DE02370400440532013014", NULL), "");
	assert_string_equal(check_key(BUD_ID_IBAN, "DE99370400440532013014", NULL), "err.ids.iban_check");
	assert_string_equal(check_key(BUD_ID_IBAN, "DE00370400440532013014", NULL), "err.ids.iban_check");
	bud_err_clear(&err);
	assert_int_equal(bud_iban_check("DE88370400440532013000", NULL, 0, &err), BUD_EINVAL);
	assert_string_equal(err.detail, "check digits should be 89");
}

static void test_bic(void **state)
{
	char out[BUD_ID_BUF];

	(void)state;
	assert_string_equal(check_key(BUD_ID_BIC, "NDEAFIHH", out), "");
	assert_string_equal(out, "NDEAFIHH");
	assert_string_equal(check_key(BUD_ID_BIC, "OKOYFIHH", NULL), "");
	assert_string_equal(check_key(BUD_ID_BIC, "DEUTDEFF500", out), "");
	assert_string_equal(out, "DEUTDEFF500");
	assert_string_equal(check_key(BUD_ID_BIC, "NDEAFIHHXXX", NULL), "");
	assert_string_equal(check_key(BUD_ID_BIC, "BKKBXKPR", NULL), "");	/* Kosovo */
	assert_string_equal(check_key(BUD_ID_BIC, "AAAAAX22", NULL), "");	/* Åland, first code */
	assert_string_equal(check_key(BUD_ID_BIC, "AAAAZW22", NULL), "");	/* the last code */
	assert_string_equal(check_key(BUD_ID_BIC, "NDEAQQHH", NULL), "err.ids.bic_country");
	assert_string_equal(check_key(BUD_ID_BIC, "NDEAUKHH", NULL), "err.ids.bic_country");
	assert_string_equal(check_key(BUD_ID_BIC, "NDEAFIH", NULL), "err.ids.length");
	assert_string_equal(check_key(BUD_ID_BIC, "NDEAFIHHX", NULL), "err.ids.length");
	assert_string_equal(check_key(BUD_ID_BIC, "NDEAFIHHXXXX", NULL), "err.ids.length");
	assert_string_equal(check_key(BUD_ID_BIC, "NDE4FIHH", NULL), "err.ids.chars");
	assert_string_equal(check_key(BUD_ID_BIC, "NDEAF1HH", NULL), "err.ids.chars");
	assert_string_equal(check_key(BUD_ID_BIC, "NDEA FIHH", NULL), "err.ids.chars");
	assert_string_equal(check_key(BUD_ID_BIC, "NDEAFIH!", NULL), "err.ids.chars");
	assert_string_equal(check_key(BUD_ID_BIC, "ndeafihh", NULL), "err.ids.case");
}

/* ---- viitenumero, RF ---- */

static void test_viite(void **state)
{
	char out[BUD_ID_BUF];

	(void)state;
	assert_string_equal(check_key(BUD_ID_VIITE, "1232", out), "");	/* shortest */
	assert_string_equal(out, "1232");
	assert_string_equal(check_key(BUD_ID_VIITE, "000001232", out), "");
	assert_string_equal(out, "1232");
	assert_string_equal(check_key(BUD_ID_VIITE, "0123", NULL), "err.ids.length");
	assert_string_equal(check_key(BUD_ID_VIITE, "0000", NULL), "err.ids.length");
	assert_string_equal(check_key(BUD_ID_VIITE, "000000000000001234561", NULL), "err.ids.length");
	assert_string_equal(check_key(BUD_ID_VIITE, "12 3456 1", out), "");
	assert_string_equal(out, "1234561");
	assert_string_equal(check_key(BUD_ID_VIITE, "1234560", NULL), "err.ids.viite_check");
	assert_string_equal(check_key(BUD_ID_VIITE, "123456-1", NULL), "err.ids.chars");
	assert_string_equal(check_key(BUD_ID_VIITE, "RF18539007547034", NULL), "err.ids.chars");
}

static void test_viite_create(void **state)
{
	static const struct { const char *base, *ref; } cases[] = {
		{"123456", "1234561"}, {"100", "1009"}, {"101", "1012"},
		{"390", "3900"}, {"151189065", "1511890656"},
		{"7758474790647489322", "77584747906474893225"},	/* 19 digits */
		{"00123456", "1234561"}, {"12 345 6", "1234561"},
	};
	char out[BUD_ID_BUF], base[32];
	long i;
	bud_err err;

	(void)state;
	for (i = 0; i < (long)(sizeof cases / sizeof cases[0]); i++) {
		assert_int_equal(bud_viite_create(cases[i].base, out, sizeof out, NULL), BUD_OK);
		assert_string_equal(out, cases[i].ref);
	}
	/* every base 100..2099 makes a reference that checks, and a wrong
	 * last digit never does */
	for (i = 100; i < 2100; i++) {
		snprintf(base, sizeof base, "%ld", i);
		assert_int_equal(bud_viite_create(base, out, sizeof out, NULL), BUD_OK);
		assert_string_equal(check_key(BUD_ID_VIITE, out, NULL), "");
		out[strlen(out) - 1] = out[strlen(out) - 1] == '9' ? '0' : (char)(out[strlen(out) - 1] + 1);
		assert_string_equal(check_key(BUD_ID_VIITE, out, NULL), "err.ids.viite_check");
	}
	bud_err_clear(&err);
	assert_int_equal(bud_viite_create("12", out, sizeof out, &err), BUD_EINVAL);
	assert_string_equal(err.key, "err.ids.length");
	assert_int_equal(bud_viite_create("00012", out, sizeof out, &err), BUD_EINVAL);
	assert_int_equal(bud_viite_create("12345678901234567890", out, sizeof out, &err), BUD_EINVAL);
	assert_string_equal(err.key, "err.ids.length");
	assert_int_equal(bud_viite_create("12a", out, sizeof out, &err), BUD_EINVAL);
	assert_string_equal(err.key, "err.ids.chars");
	assert_int_equal(bud_viite_create(NULL, out, sizeof out, &err), BUD_EINVAL);
	assert_string_equal(err.key, "err.ids.missing");
}

static void test_rf(void **state)
{
	char out[BUD_ID_BUF];

	(void)state;
	assert_string_equal(check_key(BUD_ID_RF, "RF18 5390 0754 7034", out), "");
	assert_string_equal(out, "RF18539007547034");
	assert_string_equal(check_key(BUD_ID_RF, "RF021006", NULL), "");
	assert_string_equal(check_key(BUD_ID_RF, "RF991006", NULL), "err.ids.rf_check");
	assert_string_equal(check_key(BUD_ID_RF, "RF001006", NULL), "err.ids.rf_check");
	assert_string_equal(check_key(BUD_ID_RF, "RF981024", NULL), "");
	assert_string_equal(check_key(BUD_ID_RF, "RF07ABCDEFGHIJ12345678901", NULL), "");
	assert_string_equal(check_key(BUD_ID_RF, "RF07ABCDEFGHIJ123456789012", NULL), "err.ids.length");
	assert_string_equal(check_key(BUD_ID_RF, "RF18", NULL), "err.ids.length");
	assert_string_equal(check_key(BUD_ID_RF, "rf18539007547034", NULL), "err.ids.case");
	assert_string_equal(check_key(BUD_ID_RF, "RF97c2h5oh", NULL), "err.ids.case");
	assert_string_equal(check_key(BUD_ID_RF, "RX18539007547034", NULL), "err.ids.rf_prefix");
	assert_string_equal(check_key(BUD_ID_RF, "18539007547034", NULL), "err.ids.rf_prefix");
	assert_string_equal(check_key(BUD_ID_RF, "RFX8539007547034", NULL), "err.ids.chars");
	assert_string_equal(check_key(BUD_ID_RF, "RF18-5390-0754-7034", NULL), "err.ids.chars");
	assert_string_equal(check_key(BUD_ID_RF, "RF18539007547043", NULL), "err.ids.rf_check");
}

static void test_rf_create(void **state)
{
	static const struct { const char *base, *ref; } cases[] = {
		{"539007547034", "RF18539007547034"},
		{"5390 0754 70Y", "RF185390075470Y"},
		{"C2H5OH", "RF97C2H5OH"},
		{"1006", "RF021006"},
		{"1024", "RF981024"},
		{"ABCDEFGHIJ12345678901", "RF07ABCDEFGHIJ12345678901"},	/* 21 */
	};
	char out[BUD_ID_BUF], base[32];
	bud_err err;
	long i;

	(void)state;
	for (i = 0; i < (long)(sizeof cases / sizeof cases[0]); i++) {
		assert_int_equal(bud_rf_create(cases[i].base, out, sizeof out, NULL), BUD_OK);
		assert_string_equal(out, cases[i].ref);
	}
	for (i = 0; i < 3000; i++) {	/* round trip, and a changed check fails */
		snprintf(base, sizeof base, "%ldA%ld", i, i * 7);
		assert_int_equal(bud_rf_create(base, out, sizeof out, NULL), BUD_OK);
		assert_string_equal(check_key(BUD_ID_RF, out, NULL), "");
		out[3] = out[3] == '9' ? '0' : (char)(out[3] + 1);
		assert_string_equal(check_key(BUD_ID_RF, out, NULL), "err.ids.rf_check");
	}
	bud_err_clear(&err);
	assert_int_equal(bud_rf_create("ABCDEFGHIJ123456789012", out, sizeof out, &err), BUD_EINVAL);
	assert_string_equal(err.key, "err.ids.length");
	assert_int_equal(bud_rf_create("abc", out, sizeof out, &err), BUD_EINVAL);
	assert_string_equal(err.key, "err.ids.case");
	assert_int_equal(bud_rf_create("A-B", out, sizeof out, &err), BUD_EINVAL);
	assert_string_equal(err.key, "err.ids.chars");
	assert_int_equal(bud_rf_create("  ", out, sizeof out, &err), BUD_EINVAL);
	assert_string_equal(err.key, "err.ids.missing");
	assert_string_equal(err.field, "rf");
}

/* ---- kinds, bounds, printing ---- */

static void test_kinds_and_bounds(void **state)
{
	char long_in[BUD_MAX_ID_LEN + 2], out[BUD_ID_BUF];
	bud_err err;
	int k;

	(void)state;
	for (k = 0; k < BUD_ID_KIND_COUNT; k++) {
		assert_int_equal(bud_id_kind_parse(bud_id_kind_name(k)), k);
		assert_string_equal(check_key(k, NULL, out), "err.ids.missing");
		assert_string_equal(check_key(k, "", out), "err.ids.missing");
	}
	assert_string_equal(bud_id_kind_name(BUD_ID_OVT), "ovt");
	assert_null(bud_id_kind_name(BUD_ID_KIND_COUNT));
	assert_null(bud_id_kind_name(-1));
	assert_int_equal(bud_id_kind_parse("HETU"), -1);
	assert_int_equal(bud_id_kind_parse(NULL), -1);
	bud_err_clear(&err);
	assert_int_equal(bud_id_check(99, "x", out, sizeof out, &err), BUD_EINVAL);
	assert_string_equal(err.key, "err.ids.kind");
	/* 64 characters are read, 65 refused before any other check */
	memset(long_in, '0', sizeof long_in);
	long_in[BUD_MAX_ID_LEN] = '\0';
	assert_string_equal(check_key(BUD_ID_VIITE, long_in, NULL), "err.ids.length");
	memset(long_in, ' ', BUD_MAX_ID_LEN);
	assert_string_equal(check_key(BUD_ID_VIITE, long_in, NULL), "err.ids.missing");
	long_in[BUD_MAX_ID_LEN] = ' ';
	long_in[BUD_MAX_ID_LEN + 1] = '\0';
	assert_string_equal(check_key(BUD_ID_VIITE, long_in, NULL), "err.ids.length");
	/* out too small is a caller's bug */
	bud_err_clear(&err);
	assert_int_equal(bud_iban_check("NO9386011117947", out, 15, &err), BUD_EINTERNAL);
	assert_string_equal(out, "");
	assert_int_equal(bud_iban_check("NO9386011117947", out, 16, &err), BUD_OK);
	assert_int_equal(bud_id_check(BUD_ID_HETU, "131052-308T", out, 11, &err), BUD_EINTERNAL);
	assert_int_equal(bud_id_check(BUD_ID_HETU, "131052-308T", out, 12, &err), BUD_OK);
	assert_string_equal(out, "131052-308T");
	assert_int_equal(bud_id_check(BUD_ID_YTUNNUS, "2077474-0", out, sizeof out, &err), BUD_OK);
	assert_string_equal(out, "2077474-0");
}

static void test_print(void **state)
{
	char out[BUD_ID_BUF];

	(void)state;
	assert_int_equal(bud_id_print(BUD_ID_IBAN, "FI2112345600000785", out, sizeof out), BUD_OK);
	assert_string_equal(out, "FI21 1234 5600 0007 85");
	assert_int_equal(bud_id_print(BUD_ID_IBAN, "NO9386011117947", out, sizeof out), BUD_OK);
	assert_string_equal(out, "NO93 8601 1117 947");
	assert_int_equal(bud_id_print(BUD_ID_RF, "RF18539007547034", out, sizeof out), BUD_OK);
	assert_string_equal(out, "RF18 5390 0754 7034");
	assert_int_equal(bud_id_print(BUD_ID_VIITE, "1234561", out, sizeof out), BUD_OK);
	assert_string_equal(out, "12 34561");
	assert_int_equal(bud_id_print(BUD_ID_VIITE, "1511890656", out, sizeof out), BUD_OK);
	assert_string_equal(out, "15118 90656");
	assert_int_equal(bud_id_print(BUD_ID_VIITE, "1030100067175800018", out, sizeof out), BUD_OK);
	assert_string_equal(out, "1030 10006 71758 00018");
	assert_int_equal(bud_id_print(BUD_ID_VIITE, "1232", out, sizeof out), BUD_OK);
	assert_string_equal(out, "1232");
	assert_int_equal(bud_id_print(BUD_ID_HETU, "131052-308T", out, sizeof out), BUD_OK);
	assert_string_equal(out, "131052-308T");
	assert_int_equal(bud_id_print(BUD_ID_IBAN, "FI2112345600000785", out, 22), BUD_EINTERNAL);
	assert_int_equal(bud_id_print(BUD_ID_IBAN, "FI2112345600000785", out, 23), BUD_OK);
	assert_int_equal(bud_id_print(BUD_ID_KIND_COUNT, "x", out, sizeof out), BUD_EINVAL);
	assert_int_equal(bud_id_print(BUD_ID_IBAN, NULL, out, sizeof out), BUD_EINVAL);
	assert_string_equal(out, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_data_files),
		cmocka_unit_test(test_hetu_century_signs),
		cmocka_unit_test(test_hetu_dates),
		cmocka_unit_test(test_hetu_individual),
		cmocka_unit_test(test_hetu_check_and_layout),
		cmocka_unit_test(test_hetu_future),
		cmocka_unit_test(test_hetu_mask),
		cmocka_unit_test(test_ytunnus),
		cmocka_unit_test(test_ovt),
		cmocka_unit_test(test_iban_countries),
		cmocka_unit_test(test_iban_invalid),
		cmocka_unit_test(test_bic),
		cmocka_unit_test(test_viite),
		cmocka_unit_test(test_viite_create),
		cmocka_unit_test(test_rf),
		cmocka_unit_test(test_rf_create),
		cmocka_unit_test(test_kinds_and_bounds),
		cmocka_unit_test(test_print),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
