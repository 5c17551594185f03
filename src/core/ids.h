/*
 * core/ids.h: Finnish and international identifiers, checked with their
 * published algorithms: henkilötunnus (personal identity code), Y-tunnus
 * (business id), IBAN (every registered country), BIC, viitenumero (Finnish
 * payment reference), RF creditor reference (ISO 11649) and OVT (e-invoice
 * address). Pure functions: no I/O, no allocation (bud_hetu_check alone
 * reads the clock, to refuse birth dates in the future).
 *
 * Every checker takes the user's input (print forms with spaces are accepted
 * where the identifier has one: IBAN, viitenumero, RF; spaces anywhere are
 * removed), writes the canonical machine form into `out` (may be NULL) and
 * returns BUD_OK, or BUD_EINVAL with err->field the kind's name ("hetu",
 * "iban", ...), err->key naming the reason ("err.ids.<reason>", texts in
 * src/i18n/ids.*.msg) and err->detail an English one-line reason without the
 * input in it. NULL, empty input and input longer than BUD_MAX_ID_LEN are
 * refused (BUD_EINVAL); nothing past the input's NUL or BUD_MAX_ID_LEN + 1
 * bytes is ever read. An `out` too small for the result is BUD_EINTERNAL.
 *
 * Letters must be upper case in every kind: lower-case input is invalid
 * (err.ids.case), as decided for the project's test data. A form that wants
 * to be lenient upper-cases before it checks.
 */
#ifndef BUD_CORE_IDS_H
#define BUD_CORE_IDS_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

/* Big enough for any canonical identifier plus NUL. */
#define BUD_ID_BUF 72

enum bud_id_kind {
	BUD_ID_HETU,
	BUD_ID_YTUNNUS,
	BUD_ID_IBAN,
	BUD_ID_BIC,
	BUD_ID_VIITE,
	BUD_ID_RF,
	BUD_ID_OVT,
	BUD_ID_KIND_COUNT
};

/* What a valid henkilötunnus says. */
struct bud_hetu_info {
	int year, month, day;	/* date of birth */
	int individual;		/* 2..999 */
	int temporary;		/* individual number 900..999 */
	int female;		/* individual number even */
};

/* "hetu", "ytunnus", ... -> kind, or -1; the name of a kind, NULL if none. */
int bud_id_kind_parse(const char *name);
const char *bud_id_kind_name(int kind);

/* Check any kind; out (BUD_ID_BUF bytes, may be NULL) gets the canonical
 * form. A henkilötunnus is checked as bud_hetu_check does (as of today).
 * An unknown kind is BUD_EINVAL with key err.ids.kind. */
int bud_id_check(int kind, const char *in, char *out, size_t outsz, bud_err *err);

/*
 * henkilötunnus DDMMYYCZZZQ, strict upper case, no spaces. Century signs
 * '+' 1800s, '-' 'Y' 'X' 'W' 'V' 'U' 1900s, 'A'..'F' 2000s; the date must
 * exist and not be after today (Helsinki); individual number 002..999, where
 * 900..999 are temporary codes (valid, info->temporary = 1). info may be NULL.
 */
int bud_hetu_check(const char *in, struct bud_hetu_info *info, bud_err *err);
/* The same, pure: `today` is the day number (core/date.h bud_date_days) of
 * the last birth date to accept. */
int bud_hetu_check_at(const char *in, int64_t today, struct bud_hetu_info *info,
		      bud_err *err);
/* Y-tunnus NNNNNNN-C: exactly 7 digits, a hyphen and the check digit. */
int bud_ytunnus_check(const char *in, bud_err *err);
/* IBAN: spaces allowed (removed in out); the country must be in the SWIFT
 * IBAN registry and the length its registered one; check digits 02..98 and
 * mod 97 == 1. */
int bud_iban_check(const char *in, char *out, size_t outsz, bud_err *err);
/* BIC: 8 or 11 characters, AAAA BB CC (DDD): 4 letters, an ISO 3166
 * country code, 2 and optionally 3 letters or digits. */
int bud_bic_check(const char *in, char *out, size_t outsz, bud_err *err);
/* viitenumero: 4..20 digits with the 7-3-1 check digit; spaces allowed.
 * Leading zeros are allowed and insignificant: out has them removed, and
 * at least 4 digits must remain. */
int bud_viite_check(const char *in, char *out, size_t outsz, bud_err *err);
/* RF creditor reference: "RF", check digits 02..98, 1..21 letters or
 * digits; spaces allowed (removed in out). */
int bud_rf_check(const char *in, char *out, size_t outsz, bud_err *err);
/* OVT: "0037" + 8 Y-tunnus digits (check digit valid) + up to 5 more
 * letters or digits; no spaces. */
int bud_ovt_check(const char *in, char *out, size_t outsz, bud_err *err);

/* viitenumero from a base of 3..19 digits (spaces and leading zeros
 * dropped): the base plus its check digit. */
int bud_viite_create(const char *base, char *out, size_t outsz, bud_err *err);
/* RF reference for a base of 1..21 upper-case letters or digits (spaces
 * dropped): "RF" + check digits + base. */
int bud_rf_create(const char *base, char *out, size_t outsz, bud_err *err);

/* hetu shown masked, "131052-****" (the first 7 characters and "****"):
 * out needs 12 bytes. BUD_EINVAL (out = "" when outsz > 0) unless hetu is
 * 11 characters long; the check character is not checked. */
int bud_hetu_mask(const char *hetu, char *out, size_t outsz);

/* The print form of a canonical identifier, for people and paper: IBAN and
 * RF in groups of 4 from the left, viitenumero in groups of 5 from the
 * right; other kinds unchanged. The input is not checked again. */
int bud_id_print(int kind, const char *canonical, char *out, size_t outsz);

#endif
