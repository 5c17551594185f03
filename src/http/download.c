/*
 * http/download.c: report downloads (http/download.h).
 */
#include "core/buf.h"
#include "http/download.h"

int bud_resp_report(bud_req *req, const struct bud_report *r, enum bud_report_kind kind,
		    const char *basename)
{
	struct bud_report_file f;
	bud_err err;
	bud_buf name;
	int rc;

	bud_err_clear(&err);
	rc = bud_report_file_make(r, kind, &f, &err);
	if (rc != BUD_OK)
		return bud_resp_error(req, &err);
	bud_buf_init(&name, 512);
	bud_buf_adds(&name, basename && *basename ? basename : "report");
	bud_buf_addc(&name, '.');
	bud_buf_adds(&name, f.ext);
	rc = bud_resp_attachment(req, f.type, bud_buf_failed(&name) ? "report" :
				 bud_buf_str(&name), f.data, f.len);
	bud_buf_free(&name);
	bud_report_file_release(&f);
	return rc;
}
