/*
 * api/invoices.h: the JSON face of providers' invoices and their checking
 * (app/invoice.h has the rules). Routes in src/cli/routes.c (block "api:
 * invoices"), described in src/api/openapi/invoices.json.
 */
#ifndef BUD_API_INVOICES_H
#define BUD_API_INVOICES_H

#include "http/http.h"

int bud_api_invoices(bud_req *req);		/* GET /api/invoices */
int bud_api_invoice_get(bud_req *req);		/* GET /api/invoices/{id} */
int bud_api_invoice_finvoice(bud_req *req);	/* POST /api/providers/{id}/invoices (XML) */
int bud_api_invoice_monthly(bud_req *req);	/* POST /api/providers/{id}/invoices/monthly */
int bud_api_invoice_events(bud_req *req);	/* POST /api/providers/{id}/invoices/events */
int bud_api_line_ledger(bud_req *req);		/* GET /api/plan-lines/{id}/ledger */
int bud_api_invoice_approve(bud_req *req);	/* POST /api/invoices/{id}/approve */

#endif
