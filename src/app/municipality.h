/*
 * app/municipality.h: the official list of Finland's municipalities, the
 * one home of the question "which municipality is this?" (municipality.c).
 *
 * A municipality has its three-digit code of Statistics Finland's
 * classification and one name in Finnish and one in Swedish: "Loviisa"
 * and "Lovisa" are the same place (434). budjetti stores a municipality
 * (a client's home, a provider's area, location or approval) as its
 * Finnish name, the canonical form, so older data and SQL comparisons read
 * naturally; input may be the code, the Finnish or the Swedish name, in
 * any case, and is turned into the canonical form or refused naming the
 * field. Pages show the name in the reader's language (Swedish on sv
 * pages; Finnish on fi and en pages, as the classification has no English
 * names of its own).
 */
#ifndef BUD_APP_MUNICIPALITY_H
#define BUD_APP_MUNICIPALITY_H

#include <stddef.h>

#include "core/err.h"

#define BUD_MUNICIPALITIES 308	/* in the classification of 2024, still valid in 2025 */

struct bud_municipality {
	const char *code;	/* "434" */
	const char *fi;		/* "Loviisa": the canonical form budjetti stores */
	const char *sv;		/* "Lovisa" */
};

/* The municipality whose code, Finnish or Swedish name s is (case and
 * white space at either end do not matter; "Maarianhamina" is taken for
 * Mariehamn too); NULL when none is. */
const struct bud_municipality *bud_municipality_find(const char *s);

/* Its name in lang ("sv": Swedish; anything else: Finnish). */
const char *bud_municipality_name(const struct bud_municipality *m, const char *lang);

/* The i-th municipality (i < BUD_MUNICIPALITIES) in the alphabetical
 * order of lang's names (Å, Ä, Ö after Z), as a form's list shows them. */
const struct bud_municipality *bud_municipality_at(size_t i, const char *lang);

/* A stored value as the reader of lang sees it: the name in lang when
 * stored is on the list, else stored itself (data from before the list). */
const char *bud_municipality_show(const char *stored, const char *lang);

/*
 * Check the input in of field: *canon becomes the canonical (Finnish) name.
 * An empty in is BUD_EINVAL "err.required" unless optional (then *canon is
 * ""). A name not on the list is BUD_EINVAL "err.municipality.unknown"
 * naming field.
 */
int bud_municipality_check(const char *in, int optional, const char **canon,
			   const char *field, bud_err *err);

#endif
