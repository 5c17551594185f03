/*
 * Unit tests for core/i18n.c against the real catalogs (src/i18n/AREA.LANG.msg
 * of every area): lookups and fallbacks, Accept-Language negotiation, and the
 * catalog rules every area must keep:
 *   - files are named AREA.LANG.msg, and each area has all of fi, sv, en;
 *   - every line is blank, a # comment, or `key = text` with a key of
 *     [a-z0-9_.-] and a non-empty text, in valid UTF-8;
 *   - no key is defined twice in a language, and EVERY key present in any
 *     language exists in all three;
 *   - a key's {N} placeholders are the same in all three languages;
 *   - err.* texts are translated (the fi and sv texts differ from en).
 * A failure names the file and line or the key, so the owner can fix it.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/embed.h"
#include "core/i18n.h"
#include "bud_limits.h"

extern const struct bud_embed bud_catalog_files[];

static const char *const langs[] = {"fi", "sv", "en"};

/* First use from several threads at once: all must see the full tables. */
static void *lookup_thread(void *arg)
{
	int i, bad = 0;

	(void)arg;
	for (i = 0; i < 1000; i++)
		bad += strcmp(bud_msg("sv", "err.required"), "Uppgiften är obligatorisk.") != 0;
	return bad ? (void *)1 : NULL;
}

static void test_first_use_threads(void **state)
{
	pthread_t t[4];
	void *res;
	int i;

	for (i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&t[i], NULL, lookup_thread, NULL), 0);
	for (i = 0; i < 4; i++) {
		assert_int_equal(pthread_join(t[i], &res), 0);
		assert_null(res);
	}
}

static void test_lookup(void **state)
{
	assert_string_equal(bud_msg("fi", "err.required"), "Tieto on pakollinen.");
	assert_string_equal(bud_msg("sv", "err.required"), "Uppgiften är obligatorisk.");
	assert_string_equal(bud_msg("en", "err.required"), "This information is required.");
	assert_string_equal(bud_msg("fi", "err.money.overflow"), "Summa on liian suuri.");
	assert_string_equal(bud_msg("sv", "money.unit_price"), "Enhetspris");
	/* Unknown and NULL languages mean fi. */
	assert_string_equal(bud_msg("de", "err.required"), "Tieto on pakollinen.");
	assert_string_equal(bud_msg(NULL, "err.required"), "Tieto on pakollinen.");
	assert_string_equal(bud_msg("FI", "err.required"), "Tieto on pakollinen.");
	/* A missing key answers with the key itself. */
	assert_string_equal(bud_msg("sv", "no.such.key"), "no.such.key");
	assert_string_equal(bud_msg("fi", ""), "");
	assert_string_equal(bud_msg("fi", NULL), "");
	/* Each language's name is written in that language, in every catalog. */
	for (size_t i = 0; i < 3; i++) {
		assert_string_equal(bud_msg(langs[i], "lang.fi"), "suomi");
		assert_string_equal(bud_msg(langs[i], "lang.sv"), "svenska");
		assert_string_equal(bud_msg(langs[i], "lang.en"), "English");
	}
}

static void test_lang_valid(void **state)
{
	assert_true(bud_lang_valid("fi"));
	assert_true(bud_lang_valid("sv"));
	assert_true(bud_lang_valid("en"));
	assert_false(bud_lang_valid("de"));
	assert_false(bud_lang_valid("FI"));
	assert_false(bud_lang_valid("fi-FI"));
	assert_false(bud_lang_valid(""));
	assert_false(bud_lang_valid(NULL));
}

static void test_negotiate(void **state)
{
	static const char *const cases[][2] = {
		{"", "fi"}, {"sv", "sv"}, {"en", "en"}, {"fi", "fi"},
		{"sv-FI", "sv"}, {"SV-fi", "sv"}, {"sv-Latn-FI-x-private1", "sv"},
		{"en-US,en;q=0.9", "en"}, {"fi-FI,fi;q=0.9,en-US;q=0.8,en;q=0.7", "fi"},
		{"de-DE,de;q=0.9,en;q=0.5", "en"}, {"de", "fi"}, {"*", "fi"},
		{"fi;q=0, *", "sv"}, {"fi;q=0,sv;q=0,*;q=0.1", "en"},
		{"en;q=0.5, sv;q=0.8", "sv"}, {"en, sv", "en"}, {"sv, en", "sv"},
		{"sv;q=1.000", "sv"}, {"sv;q=1., en;q=0.1", "sv"}, {"sv;q=0., en;q=0.1", "en"},
		{"sv;q=1.001, en;q=0.1", "en"}, {"sv;q=1.5, en;q=0.1", "en"},
		{"sv;q=2, en;q=0.1", "en"}, {"sv;q=0.5000, en;q=0.1", "en"},
		{"sv;q=.5, en;q=0.1", "en"}, {"sv;q=, en;q=0.1", "en"},
		{"sv;q=-1, en;q=0.1", "en"}, {"sv ; q=0.5 , en;q=0.4", "sv"},
		{"sv\t;\tq=0.7,en;q=0.6", "sv"}, {"sv;Q=0.5,en;q=0.4", "sv"},
		{"  ,, sv ,", "sv"}, {",,,", "fi"}, {"sv;level=1, en;q=0.1", "en"},
		{"sv;q=0.5;x=1, en;q=0.1", "en"}, {"sv q=0.5, en;q=0.1", "en"},
		{"svenska", "fi"}, {"se", "fi"}, {"svx", "fi"}, {"abcdefghi, sv", "sv"},
		{"sv-abcdefghi, en", "en"}, {"sv-, en", "en"}, {"sv--FI, en", "en"},
		{"s1, en", "en"}, {"fi;q=0.3,sv-FI;q=0.2,sv;q=0.4", "sv"},
		{"sv;q=0,sv-FI;q=0.8,fi;q=0.5", "sv"}, {"en;q=0", "fi"},
		{"*;q=0.5, en;q=0.4", "fi"}, {"*;q=0.5, fi;q=0.4", "sv"},
		{"*;q=0.5, fi;q=0.4, sv;q=0.3", "en"}, {"*;q=0", "fi"},
		{"en;q=0.001", "en"}, {"\xff\xfe sv, en;q=0.5", "en"},
		{"sv\xc3\xa4, en;q=0.5", "en"}, {"sv;q=0.9 x, en;q=0.5", "en"},
		{"fi-FI;q=0.8, sv-SE;q=0.8, en;q=0.8", "fi"},
		{"en-GB;q=0.8, sv-SE;q=0.8", "en"},
	};
	size_t i;

	assert_string_equal(bud_lang_negotiate(NULL), "fi");
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (strcmp(bud_lang_negotiate(cases[i][0]), cases[i][1]) != 0)
			fail_msg("\"%s\" -> %s, want %s", cases[i][0],
				 bud_lang_negotiate(cases[i][0]), cases[i][1]);
}

static void test_negotiate_length(void **state)
{
	char hdr[BUD_MAX_ACCEPT_LANG + 2];
	size_t i;

	/* Exactly the limit: parsed. */
	memcpy(hdr, "sv", 2);
	for (i = 2; i < BUD_MAX_ACCEPT_LANG; i += 2)
		memcpy(hdr + i, ",x", 2);
	hdr[BUD_MAX_ACCEPT_LANG] = '\0';
	assert_int_equal(strlen(hdr), BUD_MAX_ACCEPT_LANG);
	assert_string_equal(bud_lang_negotiate(hdr), "sv");
	/* One byte more: ignored as a whole. */
	hdr[BUD_MAX_ACCEPT_LANG] = ',';
	hdr[BUD_MAX_ACCEPT_LANG + 1] = '\0';
	assert_string_equal(bud_lang_negotiate(hdr), "fi");
}

/* Whether s[0, n) is valid UTF-8 (shortest forms, no surrogates); if not,
 * *bad_at is the offset of the first bad sequence. */
static int valid_utf8(const unsigned char *s, size_t n, size_t *bad_at)
{
	size_t i = 0, k, len;
	uint32_t cp;

	while (i < n) {
		unsigned char c = s[i];

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			len = 2;
		else if (c >= 0xe0 && c <= 0xef)
			len = 3;
		else if (c >= 0xf0 && c <= 0xf4)
			len = 4;
		else
			goto bad;
		cp = c & (0x7f >> len);
		if (i + len > n)
			goto bad;
		for (k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				goto bad;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			goto bad;
		i += len;
	}
	return 1;
bad:
	*bad_at = i;
	return 0;
}

static int key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
	       c == '.' || c == '-';
}

/* Check one line of file `name`; fail naming it. */
static void check_line(const char *name, int lineno, const char *p, const char *e)
{
	const char *k, *eq;

	if (e > p && e[-1] == '\r')
		e--;
	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	if (p == e || *p == '#')
		return;
	eq = memchr(p, '=', (size_t)(e - p));
	if (!eq)
		fail_msg("%s:%d: no '=' in a line that is not a comment", name, lineno);
	for (k = p; k < eq && key_char(*k); k++)
		;
	while (k < eq && (*k == ' ' || *k == '\t'))
		k++;
	if (k != eq || eq == p)
		fail_msg("%s:%d: the key must be [a-z0-9_.-] before '='", name, lineno);
	for (eq++; eq < e && (*eq == ' ' || *eq == '\t'); eq++)
		;
	if (eq == e)
		fail_msg("%s:%d: empty text", name, lineno);
}

static void test_catalog_files(void **state)
{
	const struct bud_embed *f, *g;
	size_t bad_at, n, files = 0;

	for (f = bud_catalog_files; f->name; f++, files++) {
		const char *p = f->data, *e = f->data + f->len, *nl;
		const char *dot;
		char want[128];
		int lineno = 1, li, found;

		n = strlen(f->name);
		dot = n > 7 ? f->name + n - 7 : NULL;
		if (!dot || dot[0] != '.' || strcmp(dot + 3, ".msg") != 0 ||
		    !(memcmp(dot + 1, "fi", 2) == 0 || memcmp(dot + 1, "sv", 2) == 0 ||
		      memcmp(dot + 1, "en", 2) == 0))
			fail_msg("%s: catalog files are named AREA.{fi,sv,en}.msg", f->name);
		if (!valid_utf8((const unsigned char *)f->data, f->len, &bad_at))
			fail_msg("%s: invalid UTF-8 at byte %zu", f->name, bad_at);
		if (memchr(f->data, '\0', f->len))
			fail_msg("%s: contains a NUL byte", f->name);
		for (; p < e; p = nl + 1, lineno++) {
			nl = memchr(p, '\n', (size_t)(e - p));
			if (!nl)
				nl = e;
			check_line(f->name, lineno, p, nl);
		}
		/* The other two languages of this area exist too. */
		for (li = 0; li < 3; li++) {
			snprintf(want, sizeof want, "%.*s.%s.msg", (int)(dot - f->name),
				 f->name, langs[li]);
			for (found = 0, g = bud_catalog_files; g->name; g++)
				found += strcmp(g->name, want) == 0;
			if (found != 1)
				fail_msg("%s: %s found %d times, want once", f->name, want, found);
		}
	}
	assert_true(files >= 3);
	assert_non_null(bud_embed_find(bud_catalog_files, "core.fi.msg"));
}

static int has_key(const char *lang, const char *key)
{
	size_t lo = 0, hi = bud_msg_count(lang), mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(bud_msg_key(lang, mid), key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < bud_msg_count(lang) && strcmp(bud_msg_key(lang, lo), key) == 0;
}

static void test_sorted_unique(void **state)
{
	size_t li, i, n;

	for (li = 0; li < 3; li++) {
		n = bud_msg_count(langs[li]);
		assert_true(n > 40);
		for (i = 1; i < n; i++)
			if (strcmp(bud_msg_key(langs[li], i - 1), bud_msg_key(langs[li], i)) >= 0)
				fail_msg("%s: key %s defined twice (or out of order)", langs[li],
					 bud_msg_key(langs[li], i));
		assert_null(bud_msg_key(langs[li], n));
		assert_null(bud_msg_key(langs[li], (size_t)-1));
	}
	assert_int_equal(bud_msg_count("de"), bud_msg_count("fi"));
}

static void test_every_key_everywhere(void **state)
{
	size_t li, lj, i, missing = 0;
	const char *key;

	for (li = 0; li < 3; li++)
		for (i = 0; i < bud_msg_count(langs[li]); i++) {
			key = bud_msg_key(langs[li], i);
			for (lj = 0; lj < 3; lj++)
				if (!has_key(langs[lj], key)) {
					print_error("key %s is in %s but missing in %s\n", key,
						    langs[li], langs[lj]);
					missing++;
				}
		}
	assert_int_equal(missing, 0);
}

/* The set of placeholders {0}..{9} used by a text, as bits. */
static unsigned placeholders(const char *s)
{
	unsigned bits = 0;

	for (; *s; s++)
		if (s[0] == '{' && s[1] >= '0' && s[1] <= '9' && s[2] == '}')
			bits |= 1u << (s[1] - '0');
	return bits;
}

static void test_texts_agree(void **state)
{
	size_t i, bad = 0;
	const char *key, *fi, *sv, *en;

	for (i = 0; i < bud_msg_count("fi"); i++) {
		key = bud_msg_key("fi", i);
		fi = bud_msg("fi", key);
		sv = bud_msg("sv", key);
		en = bud_msg("en", key);
		if (placeholders(fi) != placeholders(sv) || placeholders(fi) != placeholders(en)) {
			print_error("key %s: the languages use different {N} placeholders\n", key);
			bad++;
		}
		if (strncmp(key, "err.", 4) == 0 && (strcmp(fi, en) == 0 || strcmp(sv, en) == 0)) {
			print_error("key %s: fi or sv text is a copy of the English one\n", key);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_use_threads),	/* must run first */
		cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_lang_valid),
		cmocka_unit_test(test_negotiate),
		cmocka_unit_test(test_negotiate_length),
		cmocka_unit_test(test_catalog_files),
		cmocka_unit_test(test_sorted_unique),
		cmocka_unit_test(test_every_key_everywhere),
		cmocka_unit_test(test_texts_agree),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
