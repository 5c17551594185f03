/*
 * web/invoices.h: the invoice pages for finance and for a provider's users
 * (app/invoice.h has the rules): the list, sending a Finvoice (pasted into
 * a text area) or a month of monthly commitments, one invoice with the
 * reason of each refused row, and finance's approval with the password
 * again. Routes in src/cli/routes.c (block "web: invoices").
 */
#ifndef BUD_WEB_INVOICES_H
#define BUD_WEB_INVOICES_H

#include "http/http.h"

int bud_web_invoices(bud_req *req);		/* GET /invoices */
int bud_web_invoice_show(bud_req *req);		/* GET /invoices/{id} */
int bud_web_invoice_send(bud_req *req);		/* POST /providers/{id}/invoices */
int bud_web_invoice_monthly(bud_req *req);	/* POST /providers/{id}/invoices/monthly */
int bud_web_invoice_events(bud_req *req);	/* POST /providers/{id}/invoices/events */
int bud_web_invoice_approve(bud_req *req);	/* POST /invoices/{id}/approve */

#endif
