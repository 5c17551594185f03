/* Fuzz core/buf.c's escapers: any bytes, escaped for HTML, JSON and URLs,
 * must stay within the buffer's bound and never read past the input. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	bud_buf b;

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	bud_buf_init(&b, 4096);
	bud_buf_add_html(&b, s);
	bud_buf_add_json_str(&b, s);
	bud_buf_add_url(&b, s);
	if (b.len > b.max)
		abort();
	bud_buf_free(&b);
	free(s);
	return 0;
}
