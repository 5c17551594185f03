/*
 * web/prices.h: the price list page (/prices): the list valid on a day or
 * every version, and for admin and finance the forms to add a version and
 * to import a CSV; the CSV download. The rules are app/price.h's.
 */
#ifndef BUD_WEB_PRICES_H
#define BUD_WEB_PRICES_H

#include "http/http.h"

int bud_web_prices(bud_req *req);		/* GET /prices[?date=D][&all=1] */
int bud_web_price_add(bud_req *req);		/* POST /prices */
int bud_web_price_import(bud_req *req);		/* POST /prices/import */

#endif
