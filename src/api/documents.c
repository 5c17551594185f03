/*
 * api/documents.c: the providers' statutory documents through the API:
 * list (GET /api/providers/{id}/documents), upload (POST, a
 * multipart/form-data body decoded by http/multipart.c: fields kind and
 * csrf, the file part file) and download (GET
 * /api/providers/{id}/documents/{doc}: the bytes as an attachment).
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "api/common.h"
#include "api/documents.h"
#include "app/document.h"

int bud_api_documents(bud_req *req)
{
	struct bud_page pg;
	json_t *out = NULL;
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) ||
	    bud_req_page(req, &pg, &err) ||
	    bud_document_list(req->app, &req->actor, id, &pg, &out, &err))
		return bud_resp_error(req, &err);
	return bud_api_page(req, out, &pg);
}

/* A multipart/form-data body (of any parameters), else 415. */
static int multipart_only(bud_req *req)
{
	const char *ct = bud_req_header(req, "Content-Type");
	static const char mp[] = "multipart/form-data";
	bud_err err;

	if (ct && strncasecmp(ct, mp, sizeof mp - 1) == 0 &&
	    (ct[sizeof mp - 1] == ';' || ct[sizeof mp - 1] == '\0'))
		return 0;
	bud_err_set(&err, BUD_EINVAL, NULL, "err.http.content_type",
		    "an upload is multipart/form-data");
	bud_resp_error_status(req, 415, &err);
	return 1;
}

/* The upload's parts into in: the file part "file", the field "kind";
 * any other field is refused by name. */
static int upload_in(bud_req *req, struct bud_document_in *in, bud_err *err)
{
	const struct bud_upload *f = bud_req_file(req, "file");
	size_t i;
	int rc;

	memset(in, 0, sizeof *in);
	for (i = 0; i < req->nform; i++)
		if (strcmp(req->form[i].key, "kind") && strcmp(req->form[i].key, "csrf"))
			return bud_err_set(err, BUD_EINVAL, req->form[i].key,
					   "err.http.unknown_field", "unknown field");
	for (i = 0; i < req->nfiles; i++)
		if (strcmp(req->files[i].field, "file"))
			return bud_err_set(err, BUD_EINVAL, req->files[i].field,
					   "err.http.unknown_field", "unknown file part");
	if ((rc = bud_req_str(req, "kind", 1, 32, &in->kind, err)) != BUD_OK)
		return rc;
	if (!f)
		return bud_err_set(err, BUD_EINVAL, "file", "err.document.empty",
				   "no file part \"file\"");
	in->name = f->filename;
	in->content_type = f->content_type;
	in->data = f->data;
	in->len = f->len;
	return BUD_OK;
}

int bud_api_document_upload(bud_req *req)
{
	struct bud_document_in in;
	int64_t id, doc = 0;
	char tail[48];
	bud_err err;

	bud_err_clear(&err);
	if (multipart_only(req))
		return BUD_OK;
	if (bud_req_id(req, "id", &id, &err) ||
	    upload_in(req, &in, &err) ||
	    bud_document_upload(req->app, &req->actor, id, &in, &doc, &err))
		return bud_resp_error(req, &err);
	snprintf(tail, sizeof tail, "/documents/%lld", (long long)doc);
	return bud_api_created(req, bud_document_get, doc,
			       bud_api_path(req, "providers", id, tail));
}

int bud_api_document_download(bud_req *req)
{
	struct bud_document_file f;
	int64_t id, doc;
	bud_err err;
	int rc;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) || bud_req_id(req, "doc", &doc, &err) ||
	    bud_document_open(req->app, &req->actor, id, doc, &f, &err))
		return bud_resp_error(req, &err);
	rc = bud_resp_attachment(req, f.content_type, f.name, f.data, f.len);
	bud_document_file_release(&f);
	return rc;
}
