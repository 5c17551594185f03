/*
 * core/i18n.h: message catalogs in Finnish, Swedish and English, compiled
 * into the binary from src/i18n/AREA.LANG.msg (one `key = text` per line,
 * `#` comments; every area owns its own files). All files of a language are
 * merged into one sorted table at first use (thread-safe, read-only after).
 * A key missing in sv or en falls back to fi, then to the key itself, and
 * the unit test checks that no key is missing in any language.
 */
#ifndef BUD_CORE_I18N_H
#define BUD_CORE_I18N_H

#include <stddef.h>

/* The text of key in lang ("fi", "sv", "en"; anything else means fi). */
const char *bud_msg(const char *lang, const char *key);

/* Nonzero when lang is one of "fi", "sv", "en". */
int bud_lang_valid(const char *lang);

/* The languages by number, 0..BUD_LANGS-1 ("fi", "sv", "en"), and the
 * number of lang (anything else: 0, Finnish), for tables per language. */
#define BUD_LANGS 3
const char *bud_lang_code(int i);
int bud_lang_index(const char *lang);

/* The best of fi/sv/en for an Accept-Language header value (q-values
 * honoured, "sv-FI" counts as sv); "fi" when none matches or hdr is NULL. */
const char *bud_lang_negotiate(const char *accept_language);

/* For tests: the number of keys in lang, and the i-th key (sorted). */
size_t bud_msg_count(const char *lang);
const char *bud_msg_key(const char *lang, size_t i);

#endif
