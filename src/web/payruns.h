/*
 * web/payruns.h: the payment-run pages for finance (the runs, making one,
 * one run with its payments and the approval by a second finance user,
 * the bank's notice pasted in) and the remittance advice page for a
 * provider (app/payrun.h has the rules). Routes in src/cli/routes.c
 * (block "web: payment runs").
 */
#ifndef BUD_WEB_PAYRUNS_H
#define BUD_WEB_PAYRUNS_H

#include "http/http.h"

int bud_web_payruns(bud_req *req);		/* GET /payment-runs */
int bud_web_payrun_create(bud_req *req);	/* POST /payment-runs */
int bud_web_payrun_show(bud_req *req);		/* GET /payment-runs/{id} */
int bud_web_payrun_approve(bud_req *req);	/* POST /payment-runs/{id}/approve */
int bud_web_payrun_camt054(bud_req *req);	/* POST /payment-runs/{id}/camt054 */
int bud_web_remittance(bud_req *req);		/* GET /providers/{id}/remittance */

#endif
