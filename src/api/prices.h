/*
 * api/prices.h: the JSON face of the service catalogue and the price list
 * (app/price.h has the rules). Routes in src/cli/routes.c, described in
 * src/api/openapi/prices.json.
 */
#ifndef BUD_API_PRICES_H
#define BUD_API_PRICES_H

#include "http/http.h"

int bud_api_services(bud_req *req);		/* GET /api/services */
int bud_api_prices(bud_req *req);		/* GET /api/prices[?date=D][&all=1] */
int bud_api_price_create(bud_req *req);		/* POST /api/prices */
int bud_api_price_import(bud_req *req);		/* POST /api/prices/import */
/* GET /api/prices/export[?date=D], and the page route /prices/export.csv:
 * the same CSV file either way (errors as JSON or as a page by route). */
int bud_api_price_export(bud_req *req);

#endif
