/*
 * core/ids.c: the identifier checkers of core/ids.h.
 *
 * Every checker first copies its input into a stack buffer of
 * BUD_MAX_ID_LEN + 1 bytes (take()), refusing NULL, empty and over-long
 * input and dropping spaces where the identifier has a print form; the rest
 * of the work reads only that copy. Characters are classified by hand (no
 * <ctype.h>: no locale, no negative-char pitfalls). Check digits are
 * computed in plain integers: mod 97 is folded in one character at a time,
 * so no big numbers are needed.
 *
 * Owns: the IBAN registry table (country -> length) and the ISO 3166-1
 * alpha-2 list used for BIC country codes.
 */
#include <assert.h>
#include <string.h>

#include "core/date.h"
#include "core/ids.h"
#include "bud_limits.h"

#define SCRATCH (BUD_MAX_ID_LEN + 1)

/* Set err (BUD_EINVAL) and return from the checker with it. */
#define FAIL(err, field, key, ...) \
	bud_err_set((err), BUD_EINVAL, (field), (key), __VA_ARGS__)

static const char *const kind_names[BUD_ID_KIND_COUNT] = {
	[BUD_ID_HETU] = "hetu",
	[BUD_ID_YTUNNUS] = "ytunnus",
	[BUD_ID_IBAN] = "iban",
	[BUD_ID_BIC] = "bic",
	[BUD_ID_VIITE] = "viite",
	[BUD_ID_RF] = "rf",
	[BUD_ID_OVT] = "ovt",
};

/*
 * SWIFT IBAN registry: country code and IBAN length, sorted by code.
 * 89 countries, checked against the registry's BBAN formats (release 2024).
 */
static const struct {
	char cc[3];
	unsigned char len;
} iban_countries[] = {
	{"AD", 24}, {"AE", 23}, {"AL", 28}, {"AT", 20}, {"AZ", 28}, {"BA", 20},
	{"BE", 16}, {"BG", 22}, {"BH", 22}, {"BI", 27}, {"BR", 29}, {"BY", 28},
	{"CH", 21}, {"CR", 22}, {"CY", 28}, {"CZ", 24}, {"DE", 22}, {"DJ", 27},
	{"DK", 18}, {"DO", 28}, {"EE", 20}, {"EG", 29}, {"ES", 24}, {"FI", 18},
	{"FK", 18}, {"FO", 18}, {"FR", 27}, {"GB", 22}, {"GE", 22}, {"GI", 23},
	{"GL", 18}, {"GR", 27}, {"GT", 28}, {"HN", 28}, {"HR", 21}, {"HU", 28},
	{"IE", 22}, {"IL", 23}, {"IQ", 23}, {"IS", 26}, {"IT", 27}, {"JO", 30},
	{"KW", 30}, {"KZ", 20}, {"LB", 28}, {"LC", 32}, {"LI", 21}, {"LT", 20},
	{"LU", 20}, {"LV", 21}, {"LY", 25}, {"MC", 27}, {"MD", 24}, {"ME", 22},
	{"MK", 19}, {"MN", 20}, {"MR", 27}, {"MT", 31}, {"MU", 30}, {"NI", 28},
	{"NL", 18}, {"NO", 15}, {"OM", 23}, {"PK", 24}, {"PL", 28}, {"PS", 29},
	{"PT", 25}, {"QA", 29}, {"RO", 24}, {"RS", 22}, {"RU", 33}, {"SA", 24},
	{"SC", 31}, {"SD", 18}, {"SE", 24}, {"SI", 19}, {"SK", 24}, {"SM", 27},
	{"SO", 23}, {"ST", 25}, {"SV", 28}, {"TL", 23}, {"TN", 24}, {"TR", 26},
	{"UA", 29}, {"VA", 22}, {"VG", 24}, {"XK", 20}, {"YE", 30},
};

/* ISO 3166-1 alpha-2 (all 249 codes) and XK (Kosovo, used by SWIFT),
 * two letters each, sorted. */
static const char iso_countries[] =
	"ADAEAFAGAIALAMAOAQARASATAUAWAXAZ"
	"BABBBDBEBFBGBHBIBJBLBMBNBOBQBRBSBTBVBWBYBZ"
	"CACCCDCFCGCHCICKCLCMCNCOCRCUCVCWCXCYCZ"
	"DEDJDKDMDODZ" "ECEEEGEHERESET" "FIFJFKFMFOFR"
	"GAGBGDGEGFGGGHGIGLGMGNGPGQGRGSGTGUGWGY" "HKHMHNHRHTHU"
	"IDIEILIMINIOIQIRISIT" "JEJMJOJP" "KEKGKHKIKMKNKPKRKWKYKZ"
	"LALBLCLILKLRLSLTLULVLY"
	"MAMCMDMEMFMGMHMKMLMMMNMOMPMQMRMSMTMUMVMWMXMYMZ"
	"NANCNENFNGNINLNONPNRNUNZ" "OM" "PAPEPFPGPHPKPLPMPNPRPSPTPWPY" "QA"
	"RERORSRURW" "SASBSCSDSESGSHSISJSKSLSMSNSOSRSSSTSVSXSYSZ"
	"TCTDTFTGTHTJTKTLTMTNTOTRTTTVTWTZ" "UAUGUMUSUYUZ" "VAVCVEVGVIVNVU"
	"WFWS" "XK" "YEYT" "ZAZMZW";

static const char hetu_checks[] = "0123456789ABCDEFHJKLMNPRSTUVWXY";

static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static int is_lower(char c) { return c >= 'a' && c <= 'z'; }

/*
 * Copy `in` into buf (SCRATCH bytes), without spaces when spaces_ok.
 * Refuses NULL, empty (after dropping spaces) and input longer than
 * BUD_MAX_ID_LEN; reads at most BUD_MAX_ID_LEN + 1 bytes of in.
 */
static int take(const char *in, int spaces_ok, char buf[SCRATCH], size_t *len,
		const char *field, bud_err *err)
{
	size_t n, i, j = 0;

	if (!in)
		return FAIL(err, field, "err.ids.missing", "no value given");
	n = strnlen(in, BUD_MAX_ID_LEN + 1);
	if (n > BUD_MAX_ID_LEN)
		return FAIL(err, field, "err.ids.length",
			    "longer than %d characters", BUD_MAX_ID_LEN);
	for (i = 0; i < n; i++)
		if (!(spaces_ok && in[i] == ' '))
			buf[j++] = in[i];
	buf[j] = '\0';
	*len = j;
	if (j == 0)
		return FAIL(err, field, "err.ids.missing", "no value given");
	return BUD_OK;
}

/* Copy the canonical form s to out (when not NULL). */
static int put(const char *s, char *out, size_t outsz, const char *field, bud_err *err)
{
	size_t n = strlen(s);

	if (!out)
		return BUD_OK;
	if (n >= outsz) {
		if (outsz > 0)
			out[0] = '\0';
		return bud_err_set(err, BUD_EINTERNAL, field, "err.ids.buffer",
				   "output buffer too small");
	}
	memcpy(out, s, n + 1);
	return BUD_OK;
}

/* Every character of s[0..n) an upper-case letter or digit? Else say why. */
static int check_alnum(const char *s, size_t n, const char *field, bud_err *err)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (is_digit(s[i]) || is_upper(s[i]))
			continue;
		if (is_lower(s[i]))
			return FAIL(err, field, "err.ids.case",
				    "letters must be upper case");
		return FAIL(err, field, "err.ids.chars",
			    "only letters A-Z and digits are allowed");
	}
	return BUD_OK;
}

/* Value of the n digits at s; the caller has checked they are digits. */
static long digits_value(const char *s, size_t n)
{
	long v = 0;
	size_t i;

	for (i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* Fold s[0..n) (digits, and letters as A=10..Z=35) into a mod-97 remainder. */
static unsigned mod97(unsigned r, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (is_digit(s[i]))
			r = (r * 10 + (unsigned)(s[i] - '0')) % 97;
		else
			r = (r * 100 + (unsigned)(s[i] - 'A' + 10)) % 97;
	}
	return r;
}

/*
 * The ISO 7064 mod 97-10 check of a "CCdd" + body identifier (IBAN, RF):
 * the check digits dd that make body + CC + dd == 1 (mod 97), 2..98.
 */
static unsigned mod97_check_digits(const char *s, size_t n)
{
	unsigned r = mod97(0, s + 4, n - 4);

	r = mod97(r, s, 2);
	r = mod97(r, "00", 2);
	return 98 - r;
}

int bud_id_kind_parse(const char *name)
{
	int k;

	if (!name)
		return -1;
	for (k = 0; k < BUD_ID_KIND_COUNT; k++)
		if (strcmp(name, kind_names[k]) == 0)
			return k;
	return -1;
}

const char *bud_id_kind_name(int kind)
{
	if (kind < 0 || kind >= BUD_ID_KIND_COUNT)
		return NULL;
	return kind_names[kind];
}

/* ---- henkilötunnus ---- */

/* The century of sign c, or -1. */
static int hetu_century(char c)
{
	if (c == '+')
		return 1800;
	if (c == '-' || (c >= 'U' && c <= 'Y'))
		return 1900;
	if (c >= 'A' && c <= 'F')
		return 2000;
	return -1;
}

/* Length and layout: DDMMYY C ZZZ Q with digits where digits go. */
static int hetu_layout(const char *s, size_t n, bud_err *err)
{
	static const int digit_pos[] = {0, 1, 2, 3, 4, 5, 7, 8, 9};
	size_t i;

	if (n != 11)
		return FAIL(err, "hetu", "err.ids.length",
			    "a personal identity code has 11 characters");
	for (i = 0; i < sizeof digit_pos / sizeof digit_pos[0]; i++)
		if (!is_digit(s[digit_pos[i]]))
			return FAIL(err, "hetu", "err.ids.chars",
				    "expected DDMMYY, a century sign, 3 digits and a check character");
	if (is_lower(s[6]) || is_lower(s[10]))
		return FAIL(err, "hetu", "err.ids.case", "letters must be upper case");
	if (hetu_century(s[6]) < 0)
		return FAIL(err, "hetu", "err.ids.hetu_century",
			    "unknown century sign");
	return BUD_OK;
}

int bud_hetu_check_at(const char *in, int64_t today, struct bud_hetu_info *info,
		      bud_err *err)
{
	char s[SCRATCH];
	size_t n;
	int rc, y, m, d, ind;
	char want;

	rc = take(in, 0, s, &n, "hetu", err);
	if (rc == BUD_OK)
		rc = hetu_layout(s, n, err);
	if (rc != BUD_OK)
		return rc;
	d = (int)digits_value(s, 2);
	m = (int)digits_value(s + 2, 2);
	y = hetu_century(s[6]) + (int)digits_value(s + 4, 2);
	ind = (int)digits_value(s + 7, 3);
	if (!bud_date_valid(y, m, d))
		return FAIL(err, "hetu", "err.ids.hetu_date", "birth date does not exist");
	if (ind < 2)
		return FAIL(err, "hetu", "err.ids.hetu_individual",
			    "individual numbers 000 and 001 are not used");
	/* DDMMYYZZZ <= 999999999 fits a long */
	want = hetu_checks[(digits_value(s, 6) * 1000 + ind) % 31];
	if (s[10] != want)
		return FAIL(err, "hetu", "err.ids.hetu_check",
			    "check character should be '%c'", want);
	if (bud_date_days(y, m, d) > today)
		return FAIL(err, "hetu", "err.ids.hetu_future",
			    "birth date is in the future");
	if (info) {
		info->year = y;
		info->month = m;
		info->day = d;
		info->individual = ind;
		info->temporary = ind >= 900;
		info->female = ind % 2 == 0;
	}
	return BUD_OK;
}

int bud_hetu_check(const char *in, struct bud_hetu_info *info, bud_err *err)
{
	return bud_hetu_check_at(in, bud_date_today_helsinki(), info, err);
}

int bud_hetu_mask(const char *hetu, char *out, size_t outsz)
{
	if (out && outsz > 0)
		out[0] = '\0';
	if (!hetu || !out || outsz < 12 || strnlen(hetu, 12) != 11)
		return BUD_EINVAL;
	memcpy(out, hetu, 7);
	memcpy(out + 7, "****", 5);
	return BUD_OK;
}

/* ---- Y-tunnus ---- */

/* The check digit of 7 digits at s, or -1 when none exists (sum mod 11 == 1). */
static int ytunnus_digit(const char *s)
{
	static const int w[7] = {7, 9, 10, 5, 8, 4, 2};
	int i, sum = 0, r;

	for (i = 0; i < 7; i++)
		sum += w[i] * (s[i] - '0');
	r = sum % 11;
	if (r == 1)
		return -1;
	return r == 0 ? 0 : 11 - r;
}

int bud_ytunnus_check(const char *in, bud_err *err)
{
	char s[SCRATCH];
	size_t n, i;
	int rc, want;

	rc = take(in, 0, s, &n, "ytunnus", err);
	if (rc != BUD_OK)
		return rc;
	if (n != 9)
		return FAIL(err, "ytunnus", "err.ids.length",
			    "a Y-tunnus is 7 digits, a hyphen and a check digit");
	for (i = 0; i < 9; i++)
		if (i == 7 ? s[i] != '-' : !is_digit(s[i]))
			return FAIL(err, "ytunnus", "err.ids.chars",
				    "a Y-tunnus is 7 digits, a hyphen and a check digit");
	want = ytunnus_digit(s);
	if (want < 0)
		return FAIL(err, "ytunnus", "err.ids.ytunnus_check",
			    "no check digit exists for these 7 digits");
	if (s[8] - '0' != want)
		return FAIL(err, "ytunnus", "err.ids.ytunnus_check",
			    "check digit should be %d", want);
	return BUD_OK;
}

/* ---- IBAN and BIC ---- */

/* The registered IBAN length of country cc (2 letters), or 0. */
static int iban_length(const char *cc)
{
	size_t lo = 0, hi = sizeof iban_countries / sizeof iban_countries[0];

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strncmp(cc, iban_countries[mid].cc, 2);

		if (c == 0)
			return iban_countries[mid].len;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

/* 1 when cc (2 upper-case letters) is an ISO 3166-1 country code. */
static int iso_country(const char *cc)
{
	size_t lo = 0, hi = (sizeof iso_countries - 1) / 2;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strncmp(cc, iso_countries + 2 * mid, 2);

		if (c == 0)
			return 1;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

int bud_iban_check(const char *in, char *out, size_t outsz, bud_err *err)
{
	char s[SCRATCH];
	size_t n;
	int rc, len;
	unsigned given, want;

	rc = take(in, 1, s, &n, "iban", err);
	if (rc == BUD_OK)
		rc = check_alnum(s, n, "iban", err);
	if (rc != BUD_OK)
		return rc;
	if (n < 5)
		return FAIL(err, "iban", "err.ids.length", "too short for an IBAN");
	if (!is_upper(s[0]) || !is_upper(s[1]) || !is_digit(s[2]) || !is_digit(s[3]))
		return FAIL(err, "iban", "err.ids.chars",
			    "an IBAN starts with a country code and 2 check digits");
	len = iban_length(s);
	if (len == 0)
		return FAIL(err, "iban", "err.ids.iban_country",
			    "country %.2s has no IBAN", s);
	if (n != (size_t)len)
		return FAIL(err, "iban", "err.ids.length",
			    "an IBAN of %.2s has %d characters, not %zu", s, len, n);
	given = (unsigned)digits_value(s + 2, 2);
	want = mod97_check_digits(s, n);
	/* given in 2..98 and want == given <=> the whole number mod 97 == 1 */
	if (given < 2 || given > 98 || given != want)
		return FAIL(err, "iban", "err.ids.iban_check",
			    "check digits should be %02u", want);
	assert(mod97(mod97(0, s + 4, n - 4), s, 4) == 1);
	return put(s, out, outsz, "iban", err);
}

int bud_bic_check(const char *in, char *out, size_t outsz, bud_err *err)
{
	char s[SCRATCH];
	size_t n, i;
	int rc;

	rc = take(in, 0, s, &n, "bic", err);
	if (rc == BUD_OK)
		rc = check_alnum(s, n, "bic", err);
	if (rc != BUD_OK)
		return rc;
	if (n != 8 && n != 11)
		return FAIL(err, "bic", "err.ids.length", "a BIC has 8 or 11 characters");
	for (i = 0; i < 6; i++)
		if (!is_upper(s[i]))
			return FAIL(err, "bic", "err.ids.chars",
				    "the first 6 characters of a BIC are letters");
	if (!iso_country(s + 4))
		return FAIL(err, "bic", "err.ids.bic_country",
			    "%.2s is not a country code", s + 4);
	return put(s, out, outsz, "bic", err);
}

/* ---- viitenumero and RF ---- */

/* The 7-3-1 check digit of the n digits at s (weights from the right). */
static int viite_digit(const char *s, size_t n)
{
	static const int w[3] = {7, 3, 1};
	int sum = 0;
	size_t i;

	for (i = 0; i < n; i++)
		sum += w[i % 3] * (s[n - 1 - i] - '0');
	return (10 - sum % 10) % 10;
}

/* Spaces dropped, digits only, leading zeros skipped: *sig points at the
 * significant digits in buf, *siglen their count; *len the digits in all. */
static int viite_digits(const char *in, char buf[SCRATCH], size_t *len,
			const char **sig, size_t *siglen, const char *field,
			bud_err *err)
{
	size_t i;
	int rc = take(in, 1, buf, len, field, err);

	if (rc != BUD_OK)
		return rc;
	for (i = 0; i < *len; i++)
		if (!is_digit(buf[i]))
			return FAIL(err, field, "err.ids.chars", "only digits are allowed");
	for (i = 0; i < *len && buf[i] == '0'; i++)
		;
	*sig = buf + i;
	*siglen = *len - i;
	return BUD_OK;
}

int bud_viite_check(const char *in, char *out, size_t outsz, bud_err *err)
{
	char s[SCRATCH];
	const char *sig = NULL;
	size_t n = 0, sn = 0;
	int rc, want;

	rc = viite_digits(in, s, &n, &sig, &sn, "viite", err);
	if (rc != BUD_OK)
		return rc;
	if (n > 20 || sn < 4)
		return FAIL(err, "viite", "err.ids.length",
			    "a viitenumero has 4 to 20 digits");
	want = viite_digit(sig, sn - 1);
	if (sig[sn - 1] - '0' != want)
		return FAIL(err, "viite", "err.ids.viite_check",
			    "check digit should be %d", want);
	return put(sig, out, outsz, "viite", err);
}

int bud_viite_create(const char *base, char *out, size_t outsz, bud_err *err)
{
	char s[SCRATCH], ref[24];
	const char *sig = NULL;
	size_t n = 0, sn = 0;
	int rc;

	rc = viite_digits(base, s, &n, &sig, &sn, "viite", err);
	if (rc != BUD_OK)
		return rc;
	if (sn < 3 || sn > 19)
		return FAIL(err, "viite", "err.ids.length",
			    "the base of a viitenumero has 3 to 19 digits");
	memcpy(ref, sig, sn);
	ref[sn] = (char)('0' + viite_digit(sig, sn));
	ref[sn + 1] = '\0';
	return put(ref, out, outsz, "viite", err);
}

int bud_rf_check(const char *in, char *out, size_t outsz, bud_err *err)
{
	char s[SCRATCH];
	size_t n;
	int rc;
	unsigned given, want;

	rc = take(in, 1, s, &n, "rf", err);
	if (rc == BUD_OK)
		rc = check_alnum(s, n, "rf", err);
	if (rc != BUD_OK)
		return rc;
	if (n < 5 || n > 25)
		return FAIL(err, "rf", "err.ids.length",
			    "an RF reference has 5 to 25 characters");
	if (s[0] != 'R' || s[1] != 'F')
		return FAIL(err, "rf", "err.ids.rf_prefix",
			    "an RF reference starts with RF");
	if (!is_digit(s[2]) || !is_digit(s[3]))
		return FAIL(err, "rf", "err.ids.chars",
			    "RF is followed by 2 check digits");
	given = (unsigned)digits_value(s + 2, 2);
	want = mod97_check_digits(s, n);
	if (given < 2 || given > 98 || given != want)
		return FAIL(err, "rf", "err.ids.rf_check",
			    "check digits should be %02u", want);
	return put(s, out, outsz, "rf", err);
}

int bud_rf_create(const char *base, char *out, size_t outsz, bud_err *err)
{
	char s[SCRATCH], ref[SCRATCH + 4];
	size_t n;
	int rc;
	unsigned cd;

	rc = take(base, 1, s, &n, "rf", err);
	if (rc == BUD_OK)
		rc = check_alnum(s, n, "rf", err);
	if (rc != BUD_OK)
		return rc;
	if (n > 21)
		return FAIL(err, "rf", "err.ids.length",
			    "the base of an RF reference has 1 to 21 characters");
	memcpy(ref, "RF00", 4);
	memcpy(ref + 4, s, n + 1);
	cd = mod97_check_digits(ref, n + 4);
	ref[2] = (char)('0' + cd / 10);
	ref[3] = (char)('0' + cd % 10);
	return put(ref, out, outsz, "rf", err);
}

/* ---- OVT ---- */

int bud_ovt_check(const char *in, char *out, size_t outsz, bud_err *err)
{
	char s[SCRATCH];
	size_t n, i;
	int rc, want;

	rc = take(in, 0, s, &n, "ovt", err);
	if (rc == BUD_OK)
		rc = check_alnum(s, n, "ovt", err);
	if (rc != BUD_OK)
		return rc;
	if (n < 12 || n > 17)
		return FAIL(err, "ovt", "err.ids.length",
			    "an OVT code has 12 to 17 characters");
	if (memcmp(s, "0037", 4) != 0)
		return FAIL(err, "ovt", "err.ids.ovt_prefix",
			    "an OVT code starts with 0037");
	for (i = 4; i < 12; i++)
		if (!is_digit(s[i]))
			return FAIL(err, "ovt", "err.ids.chars",
				    "0037 is followed by the 8 digits of a Y-tunnus");
	want = ytunnus_digit(s + 4);
	if (want != s[11] - '0')
		return FAIL(err, "ovt", "err.ids.ovt_ytunnus",
			    "the Y-tunnus in it has a wrong check digit");
	return put(s, out, outsz, "ovt", err);
}

/* ---- any kind ---- */

int bud_id_check(int kind, const char *in, char *out, size_t outsz, bud_err *err)
{
	int rc;

	switch (kind) {
	case BUD_ID_HETU:
		rc = bud_hetu_check(in, NULL, err);
		return rc != BUD_OK ? rc : put(in, out, outsz, "hetu", err);
	case BUD_ID_YTUNNUS:
		rc = bud_ytunnus_check(in, err);
		return rc != BUD_OK ? rc : put(in, out, outsz, "ytunnus", err);
	case BUD_ID_IBAN:
		return bud_iban_check(in, out, outsz, err);
	case BUD_ID_BIC:
		return bud_bic_check(in, out, outsz, err);
	case BUD_ID_VIITE:
		return bud_viite_check(in, out, outsz, err);
	case BUD_ID_RF:
		return bud_rf_check(in, out, outsz, err);
	case BUD_ID_OVT:
		return bud_ovt_check(in, out, outsz, err);
	default:
		return FAIL(err, "kind", "err.ids.kind", "unknown kind of identifier");
	}
}

int bud_id_print(int kind, const char *canonical, char *out, size_t outsz)
{
	size_t n, i, j = 0, first;
	int group;

	if (out && outsz > 0)
		out[0] = '\0';
	if (!canonical || !out || kind < 0 || kind >= BUD_ID_KIND_COUNT)
		return BUD_EINVAL;
	n = strnlen(canonical, BUD_MAX_ID_LEN + 1);
	if (n > BUD_MAX_ID_LEN)
		return BUD_EINVAL;
	group = kind == BUD_ID_VIITE ? 5 : 4;
	if (kind != BUD_ID_IBAN && kind != BUD_ID_RF && kind != BUD_ID_VIITE)
		group = (int)n + 1;	/* one group: unchanged */
	/* viite groups from the right: the first group takes the remainder */
	first = kind == BUD_ID_VIITE && n % 5 ? n % 5 : (size_t)group;
	if (n + n / (size_t)group + 1 > outsz)
		return BUD_EINTERNAL;
	for (i = 0; i < n; i++) {
		if (i > 0 && (i == first || (i > first && (i - first) % (size_t)group == 0)))
			out[j++] = ' ';
		out[j++] = canonical[i];
	}
	out[j] = '\0';
	return BUD_OK;
}
