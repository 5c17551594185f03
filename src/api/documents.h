/*
 * api/documents.h: the JSON face of the providers' statutory documents
 * (app/document.h has the rules). Routes in src/cli/routes.c, described in
 * src/api/openapi/documents.json.
 */
#ifndef BUD_API_DOCUMENTS_H
#define BUD_API_DOCUMENTS_H

#include "http/http.h"

int bud_api_documents(bud_req *req);		/* GET /api/providers/{id}/documents */
int bud_api_document_upload(bud_req *req);	/* POST /api/providers/{id}/documents */
int bud_api_document_download(bud_req *req);	/* GET /api/providers/{id}/documents/{doc} */

#endif
