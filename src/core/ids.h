/*
 * core/ids.h: Finnish and international identifiers, checked with their
 * published algorithms: henkilötunnus (personal identity code), Y-tunnus
 * (business id), IBAN (every registered country), BIC, viitenumero (Finnish
 * payment reference), RF creditor reference (ISO 11649) and OVT (e-invoice
 * address). Pure functions: no I/O, no allocation.
 *
 * Every checker takes the user's input (print forms with spaces are accepted
 * where the identifier has one: IBAN, viitenumero, RF), writes the canonical
 * machine form into `out` (may be NULL) and returns BUD_OK, or BUD_EINVAL
 * with err->key naming the reason ("err.<kind>.<reason>") and err->detail an
 * English one-line reason. Inputs longer than BUD_MAX_ID_LEN are refused.
 */
#ifndef BUD_CORE_IDS_H
#define BUD_CORE_IDS_H

#include <stddef.h>

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

/* "hetu", "ytunnus", ... -> kind, or -1. */
int bud_id_kind_parse(const char *name);
const char *bud_id_kind_name(int kind);

/* Check any kind; out (BUD_ID_BUF bytes) gets the canonical form. */
int bud_id_check(int kind, const char *in, char *out, size_t outsz, bud_err *err);

/* henkilötunnus DDMMYYCZZZQ, strict upper case; info may be NULL. */
int bud_hetu_check(const char *in, struct bud_hetu_info *info, bud_err *err);
/* Y-tunnus NNNNNNN-C. */
int bud_ytunnus_check(const char *in, bud_err *err);
/* IBAN: spaces allowed, letters upper-cased in out; country length checked. */
int bud_iban_check(const char *in, char *out, size_t outsz, bud_err *err);
/* BIC: 8 or 11 characters, AAAA BB CC (DDD). */
int bud_bic_check(const char *in, char *out, size_t outsz, bud_err *err);
/* viitenumero: 4..20 digits with the 7-3-1 check digit; spaces allowed. */
int bud_viite_check(const char *in, char *out, size_t outsz, bud_err *err);
/* RF creditor reference: spaces allowed, upper-cased in out. */
int bud_rf_check(const char *in, char *out, size_t outsz, bud_err *err);
/* OVT: "0037" + 8 Y-tunnus digits (check digit valid) + up to 5 more. */
int bud_ovt_check(const char *in, char *out, size_t outsz, bud_err *err);

/* viitenumero from a base of 3..19 digits: the base plus its check digit. */
int bud_viite_create(const char *base, char *out, size_t outsz, bud_err *err);
/* RF reference for a base of 1..21 alphanumerics: "RF" + check digits + base. */
int bud_rf_create(const char *base, char *out, size_t outsz, bud_err *err);

/* hetu shown masked, "131052-****": out needs 12 bytes. */
int bud_hetu_mask(const char *hetu, char *out, size_t outsz);

#endif
