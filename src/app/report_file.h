/*
 * app/report_file.h: a report table (core/report.h) made into the file a
 * user downloads, CSV or XLSX (formats/report.h says how each is written),
 * with its media type and file name extension. The faces (api/, web/) send
 * it with bud_resp_report (http/http.h), so every report downloads the
 * same way.
 */
#ifndef BUD_APP_REPORT_FILE_H
#define BUD_APP_REPORT_FILE_H

#include <stddef.h>

#include "core/err.h"
#include "core/report.h"

enum bud_report_kind { BUD_REPORT_CSV, BUD_REPORT_XLSX };

/* "csv" or "xlsx" into *out; BUD_EINVAL (err names field, key
 * err.report.format) for anything else. */
int bud_report_kind_parse(const char *s, const char *field, enum bud_report_kind *out,
			  bud_err *err);

struct bud_report_file {
	char *data;		/* owned: bud_report_file_release */
	size_t len;
	const char *type;	/* media type, static */
	const char *ext;	/* "csv" or "xlsx", static */
};

/* Write r as kind into *f. BUD_OK, or an error from formats/ (BUD_EIO,
 * BUD_ETOOBIG, BUD_ENOMEM) with *f empty. */
int bud_report_file_make(const struct bud_report *r, enum bud_report_kind kind,
			 struct bud_report_file *f, bud_err *err);
void bud_report_file_release(struct bud_report_file *f);	/* f may be NULL */

#endif
