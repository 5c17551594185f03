/*
 * core/err.c: filling in bud_err values and mapping codes to names and HTTP
 * statuses.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/err.h"

void bud_err_clear(bud_err *e)
{
	if (!e)
		return;
	e->code = BUD_OK;
	e->field[0] = '\0';
	e->key = "";
	e->detail[0] = '\0';
}

int bud_err_set(bud_err *e, int code, const char *field, const char *key,
		const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return code;
	e->code = code;
	snprintf(e->field, sizeof e->field, "%s", field ? field : "");
	e->key = key ? key : "err.generic";
	va_start(ap, fmt);
	vsnprintf(e->detail, sizeof e->detail, fmt, ap);
	va_end(ap);
	return code;
}

static const struct {
	const char *name;
	int status;
} rc_table[BUD_RC_COUNT] = {
	[BUD_OK] = {"ok", 200},
	[BUD_EINVAL] = {"invalid", 422},
	[BUD_ENOMEM] = {"no_memory", 500},
	[BUD_ETOOBIG] = {"too_large", 413},
	[BUD_ENOTFOUND] = {"not_found", 404},
	[BUD_EFORBIDDEN] = {"forbidden", 403},
	[BUD_EAUTH] = {"unauthorized", 401},
	[BUD_ECONFLICT] = {"conflict", 409},
	[BUD_EOVERFLOW] = {"overflow", 422},
	[BUD_EBUSY] = {"busy", 429},
	[BUD_EIO] = {"io_error", 503},
	[BUD_EINTERNAL] = {"internal", 500},
};

const char *bud_rc_name(int code)
{
	if (code < 0 || code >= BUD_RC_COUNT)
		return "internal";
	return rc_table[code].name;
}

int bud_rc_http_status(int code)
{
	if (code < 0 || code >= BUD_RC_COUNT)
		return 500;
	return rc_table[code].status;
}
