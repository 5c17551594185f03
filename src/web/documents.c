/*
 * web/documents.c: a provider's statutory documents on its page (see
 * web/documents.h). The upload form posts multipart/form-data with the
 * CSRF token as a field; a refused upload shows the provider's page again
 * with the error at the form (web/form.h); a download is sent as an
 * attachment, never shown inline.
 */
#include <stdio.h>
#include <string.h>

#include "app/document.h"
#include "core/i18n.h"
#include "web/documents.h"
#include "web/form.h"
#include "web/providers.h"
#include "web/view.h"

static const struct bud_form_field upload_fields[] = {
	{"kind", "doc-kind", "documents.kind", NULL},
	{"file", "doc-file", "documents.file", NULL},
	{NULL, NULL, NULL, NULL}};
static const struct bud_form_def upload_form = {"document-form", upload_fields};

/* "1,2 Mt" style sizes: kilobytes under a megabyte, else megabytes. */
static json_t *size_text(bud_req *req, json_int_t bytes)
{
	char s[32];

	if (bytes < 1024 * 1024)
		snprintf(s, sizeof s, "%lld kB", (long long)((bytes + 1023) / 1024));
	else
		snprintf(s, sizeof s, "%lld%s%lld MB", (long long)(bytes / (1024 * 1024)),
			 strcmp(req->lang, "en") == 0 ? "." : ",",
			 (long long)(bytes % (1024 * 1024) * 10 / (1024 * 1024)));
	return json_string(s);
}

static json_t *doc_row(bud_req *req, int64_t id, const char *kind, json_t *d)
{
	const char *type;
	char href[96];
	json_t *row = json_pack("{s:s, s:b}", "kind",
		bud_view_word(req->lang, "documents.kind.", kind, ""), "present", d != NULL);

	if (!d)
		return row;
	snprintf(href, sizeof href, "/providers/%lld/documents/%lld", (long long)id,
		 (long long)bud_view_int(d, "id"));
	json_object_set_new(row, "name", json_string(bud_view_str(d, "name")));
	type = strchr(bud_view_str(d, "content_type"), '/');
	json_object_set_new(row, "type", json_string(bud_view_word(req->lang,
		"documents.type.", type ? type + 1 : "", "")));
	json_object_set_new(row, "size", size_text(req, bud_view_int(d, "size")));
	json_object_set_new(row, "at", bud_view_unix_date(bud_view_int(d, "uploaded_at"),
							  req->lang));
	json_object_set_new(row, "by", json_string(bud_view_str(d, "uploaded_by")));
	json_object_set_new(row, "href", json_string(href));
	return row;
}

json_t *bud_web_documents_of_provider(bud_req *req, int64_t id)
{
	json_t *sum = NULL, *m, *rows, *missing, *kinds, *k;
	bud_err err;
	size_t i;

	bud_err_clear(&err);
	if (!bud_document_may_read(&req->actor, id) ||
	    bud_document_summary(req->app, &req->actor, id, &sum, &err) != BUD_OK)
		return json_null();
	rows = json_array();
	missing = json_array();
	kinds = json_array();
	json_array_foreach(json_object_get(sum, "kinds"), i, k) {
		const char *kind = bud_view_str(k, "kind");
		json_t *d = json_object_get(k, "document");

		json_array_append_new(rows, doc_row(req, id, kind, json_is_object(d) ? d : NULL));
		json_array_append_new(kinds, json_pack("{s:s, s:s}", "value", kind, "label",
			bud_view_word(req->lang, "documents.kind.", kind, "")));
		if (!json_is_object(d))
			json_array_append_new(missing, json_string(
				bud_view_word(req->lang, "documents.kind.", kind, "")));
	}
	m = json_pack("{s:I, s:o, s:b, s:o, s:o}", "provider_id", (json_int_t)id,
		      "rows", rows, "complete", json_array_size(missing) == 0,
		      "missing", missing, "kinds", kinds);
	json_decref(sum);
	return m;
}

int bud_web_document_upload(bud_req *req)
{
	const struct bud_upload *file = bud_req_file(req, "file");
	struct bud_document_in in = {0};
	struct bud_form f;
	char where[80];
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err))
		return bud_resp_error(req, &err);
	bud_form_init(&f, &upload_form, req->lang);
	bud_form_check(&f, bud_req_str(req, "kind", 1, 32, &in.kind, &err), &err);
	if (file) {
		in.name = file->filename;
		in.content_type = file->content_type;
		in.data = file->data;
		in.len = file->len;
	}
	if (!bud_form_count(&f)) {
		if (bud_document_upload(req->app, &req->actor, id, &in, NULL, &err) == BUD_OK) {
			bud_form_release(&f);
			snprintf(where, sizeof where, "/providers/%lld?saved=1#documents-heading",
				 (long long)id);
			return bud_resp_redirect(req, where);
		}
		if (err.code != BUD_EINVAL && err.code != BUD_ETOOBIG) {
			bud_form_release(&f);
			return bud_resp_error(req, &err);
		}
		bud_form_add(&f, &err, "file");
	}
	return bud_web_provider_page(req, id, err.code == BUD_ETOOBIG ? 413 : 422, &f);
}

int bud_web_document_download(bud_req *req)
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
