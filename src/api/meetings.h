/*
 * api/meetings.h: the JSON API of meetings with a client and of the
 * organiser's video service (app/meeting.h), and of what to do next
 * (app/guide.h); described in api/openapi/meetings.json.
 */
#ifndef BUD_API_MEETINGS_H
#define BUD_API_MEETINGS_H

#include "http/http.h"

int bud_api_meeting_list(bud_req *req);		/* GET /api/clients/{id}/meetings */
int bud_api_meeting_book(bud_req *req);		/* POST /api/clients/{id}/meetings */
int bud_api_meeting_get(bud_req *req);		/* GET /api/meetings/{id} */
int bud_api_meeting_move(bud_req *req);		/* POST /api/meetings/{id}/move */
int bud_api_meeting_cancel(bud_req *req);	/* POST /api/meetings/{id}/cancel */
int bud_api_video_get(bud_req *req);		/* GET /api/settings/video */
int bud_api_video_put(bud_req *req);		/* PUT /api/settings/video */
int bud_api_client_tasks(bud_req *req);		/* GET /api/clients/{id}/tasks */
int bud_api_worker_stages(bud_req *req);	/* GET /api/stages */

#endif
