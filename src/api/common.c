/*
 * api/common.c: the read handlers' shared shapes (see api/common.h).
 */
#include <stdio.h>

#include "api/common.h"

int bud_api_view(bud_req *req, bud_api_read_fn read, int64_t id, int status)
{
	json_t *v = NULL;
	bud_err err;

	bud_err_clear(&err);
	if (read(req->app, &req->actor, id, &v, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	return bud_resp_json(req, status, v);
}

int bud_api_id_view(bud_req *req, bud_api_read_fn read)
{
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	return bud_api_view(req, read, id, 200);
}

int bud_api_id_items(bud_req *req, bud_api_read_fn read)
{
	json_t *arr = NULL;
	int64_t id;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) != BUD_OK ||
	    read(req->app, &req->actor, id, &arr, &err) != BUD_OK)
		return bud_resp_error(req, &err);
	return bud_api_items(req, arr);
}

int bud_api_items(bud_req *req, json_t *arr)
{
	return bud_resp_json(req, 200, json_pack("{s:o, s:n}", "items", arr,
						 "next_cursor"));
}

int bud_api_whole_list(bud_req *req, json_t *list)
{
	if (json_is_object(list) && !json_object_get(list, "next_cursor"))
		json_object_set_new(list, "next_cursor", json_null());
	return bud_resp_json(req, 200, list);
}

int bud_api_page(bud_req *req, json_t *arr, const struct bud_page *pg)
{
	char next[24];

	if (!pg->next)
		return bud_api_items(req, arr);
	snprintf(next, sizeof(next), "%lld", (long long)pg->next);
	return bud_resp_json(req, 200, json_pack("{s:o, s:s}", "items", arr,
						 "next_cursor", next));
}
