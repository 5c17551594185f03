/*
 * http/download.h: sending a report as a file download, the one way every
 * report page and API route does it: the table written as CSV or XLSX
 * (app/report_file.h), 200 with its media type, Content-Disposition
 * attachment with a file name that says what and when
 * ("kaytto-2026-01-01-2026-12-31.xlsx"), never cached (the security
 * headers of every answer apply).
 */
#ifndef BUD_HTTP_DOWNLOAD_H
#define BUD_HTTP_DOWNLOAD_H

#include "app/report_file.h"
#include "core/report.h"
#include "http/http.h"

/* Answer req with r as kind, named basename + "." + the extension
 * (basename: a short name without a dot; may be UTF-8). On a failure to
 * write the file, the error answer of bud_resp_error. */
int bud_resp_report(bud_req *req, const struct bud_report *r, enum bud_report_kind kind,
		    const char *basename);

#endif
