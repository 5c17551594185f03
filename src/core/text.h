/*
 * core/text.h: the one check of human text taken from users (names,
 * labels, notes): what a person can type and read, nothing that hides or
 * reorders what others see. Used wherever app/ takes a name or a text.
 */
#ifndef BUD_CORE_TEXT_H
#define BUD_CORE_TEXT_H

#include <stddef.h>

#include "core/err.h"

/* Kinds of text. */
enum bud_text_kind {
	BUD_TEXT_LINE = 0,	/* a name or label: one line */
	BUD_TEXT_MULTILINE,	/* a note: line breaks (LF, CR LF) and tabs allowed */
};

/*
 * Is s (NUL-terminated, may be NULL: ok) acceptable human text? Refused,
 * BUD_EINVAL naming field: bytes that are not UTF-8 (err.text.utf8);
 * control characters (C0, DEL, C1; in a line also line breaks and tabs)
 * (err.text.control); the bidirectional embeddings, overrides and isolates
 * U+202A..U+202E and U+2066..U+2069, which make a text read differently
 * from what it is, e.g. "exe.txt" shown for "txt.exe" (err.text.bidi);
 * U+2028/U+2029 line and paragraph separators in a line (err.text.control).
 */
int bud_text_check(const char *s, enum bud_text_kind kind, const char *field,
		   bud_err *err);

/* s (NUL-terminated) without white space (space, tab, CR, LF) at either
 * end: where it starts, with its length in *n. The one trim of budjetti. */
const char *bud_text_trim(const char *s, size_t *n);

#endif
