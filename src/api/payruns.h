/*
 * api/payruns.h: the JSON face of payment runs, the bank's notices and
 * the providers' remittance advice (app/payrun.h has the rules). Routes in
 * src/cli/routes.c (block "api: payment runs"), described in
 * src/api/openapi/payruns.json.
 */
#ifndef BUD_API_PAYRUNS_H
#define BUD_API_PAYRUNS_H

#include "http/http.h"

int bud_api_payruns(bud_req *req);		/* GET /api/payment-runs */
int bud_api_payrun_create(bud_req *req);	/* POST /api/payment-runs */
int bud_api_payrun_get(bud_req *req);		/* GET /api/payment-runs/{id} */
int bud_api_payrun_approve(bud_req *req);	/* POST /api/payment-runs/{id}/approve */
int bud_api_payrun_pain001(bud_req *req);	/* GET /api/payment-runs/{id}/pain001 */
int bud_api_payrun_camt054(bud_req *req);	/* POST /api/payment-runs/{id}/camt054 (XML) */
int bud_api_remittance(bud_req *req);		/* GET /api/providers/{id}/remittance */
int bud_api_remittance_csv(bud_req *req);	/* GET /providers/{id}/remittance.csv */

#endif
