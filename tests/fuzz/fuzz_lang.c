/*
 * Fuzz core/i18n.c's Accept-Language parser: any bytes as the header value.
 * The answer must always be "fi", "sv" or "en", and a lookup in it must
 * work; the parser must never read past the string or its bound.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	const char *lang;

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	lang = bud_lang_negotiate(s);
	if (!bud_lang_valid(lang))
		abort();
	if (strcmp(bud_msg(lang, "lang.fi"), "suomi") != 0)
		abort();
	free(s);
	return 0;
}
