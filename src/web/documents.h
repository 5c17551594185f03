/*
 * web/documents.h: the statutory documents on a provider's page (which
 * web/providers.c renders): the newest document of each kind with its
 * download link, the kinds still missing, and the upload form
 * (multipart/form-data, decoded by http/multipart.c). app/document.h has
 * the rules. Routes in src/cli/routes.c.
 */
#ifndef BUD_WEB_DOCUMENTS_H
#define BUD_WEB_DOCUMENTS_H

#include <jansson.h>

#include "http/http.h"

int bud_web_document_upload(bud_req *req);	/* POST /providers/{id}/documents */
int bud_web_document_download(bud_req *req);	/* GET /providers/{id}/documents/{doc} */

/* The page model of provider id's documents for the signed-in actor:
 * {provider_id, rows: [{kind, present, name, type, size, at, by, href}],
 * missing: [kind label], complete, kinds: [{value, label}]}; json null
 * when the actor may not read them (the section is then left out). */
json_t *bud_web_documents_of_provider(bud_req *req, int64_t id);

#endif
