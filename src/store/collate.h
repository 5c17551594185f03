/*
 * store/collate.h: Finnish (and Finland-Swedish) ordering of names, and the
 * folded form of a name that client search compares (collate.c).
 *
 * Both rest on one per-character fold: upper case to lower case (ASCII,
 * Latin-1 and the Latin Extended-A letters named in collate.c); å, ä, ö
 * stay letters of their own; other accented letters become their base
 * letter (é -> e, á -> a, ç -> c, š -> s, ž -> z, ...), ü and ű become y,
 * æ becomes ä and ø, ő become ö, as in the Finnish alphabet. Anything
 * else (digits, punctuation, other scripts) is kept as it is.
 *
 * The SQLite collation "fi" (registered on every connection by
 * bud_collate_register, called from db.c's conn_open) compares the folded
 * characters: punctuation and digits before letters, a..z, then å, ä, ö,
 * then every other character by code point. It is case-insensitive: two
 * names that fold to the same text compare equal. So "Zetterberg" <
 * "Åberg" < "Ääri" < "Öhman", and "åberg" = "ÅBERG".
 *
 * Invalid UTF-8 never reads past the given length: a stray byte counts as
 * one character of its own value.
 */
#ifndef BUD_STORE_COLLATE_H
#define BUD_STORE_COLLATE_H

#include <stddef.h>

struct sqlite3;

/* Register the collation "fi" on sq; the SQLite result code. */
int bud_collate_register(struct sqlite3 *sq);

/* Compare a (alen bytes) and b (blen bytes) as the "fi" collation does:
 * < 0, 0 or > 0. Neither needs a NUL. */
int bud_collate_fi(const char *a, size_t alen, const char *b, size_t blen);

/*
 * The search form of in (NUL-terminated UTF-8): every character folded as
 * above, runs of white space made one space, none at either end. Into out
 * (outsz bytes, NUL-terminated). Returns the number of characters written,
 * or -1 when it does not fit (out is then "").
 */
long bud_collate_fold(const char *in, char *out, size_t outsz);

#endif
