/*
 * web/meetings.h: the pages of meetings with a client (app/meeting.h):
 * the client's meetings with, for the worker, the forms to book, move and
 * cancel; and the admin's setting of the organiser's video service.
 */
#ifndef BUD_WEB_MEETINGS_H
#define BUD_WEB_MEETINGS_H

#include "web/web.h"

int bud_web_meetings(bud_req *req);		/* GET /clients/{id}/meetings */
int bud_web_meeting_book(bud_req *req);		/* POST /clients/{id}/meetings */
int bud_web_meeting_move(bud_req *req);		/* POST /meetings/{id}/move */
int bud_web_meeting_cancel(bud_req *req);	/* POST /meetings/{id}/cancel */
int bud_web_video(bud_req *req);		/* GET /settings/video */
int bud_web_video_save(bud_req *req);		/* POST /settings/video */

#endif
