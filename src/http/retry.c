/*
 * http/retry.c: the Retry-After header of a throttled sign-in, shared by
 * the sign-in page and POST /api/session.
 */
#include <inttypes.h>
#include <stdio.h>

#include "app/account.h"
#include "http/http.h"

void bud_resp_retry_after(bud_req *req, const char *username, const bud_err *err)
{
	char secs[24];
	int64_t wait;

	if (!err || err->code != BUD_EBUSY)
		return;
	wait = bud_account_retry_after(req->app, username, req->actor.addr);
	snprintf(secs, sizeof secs, "%" PRId64, wait > 0 ? wait : 1);
	bud_resp_header(req, "Retry-After", bud_req_strdup(req, secs));
}
