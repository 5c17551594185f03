/*
 * Unit tests for app/guide.c and app/meeting.c: the stage of a worker's
 * clients and what waits on the worker as the case moves on; the
 * client's task list (an offer to answer, a meeting coming); a meeting
 * booked in Helsinki time, refused by video until the organiser has a
 * video service, moved (sequence + 1, the same room) and cancelled (no
 * change after that); who may do each.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <jansson.h>

#include "app/casework.h"
#include "app/guide.h"
#include "app/meeting.h"
#include "app_fixture.h"

/* Client 1's row of worker's first page: its stage and first wait. */
static void stage_of(struct fx *f, const char **stage, const char **wait, json_t **keep)
{
	struct bud_page pg;
	bud_actor w;
	json_t *v = NULL, *row;
	bud_err err;

	fx_actor(f, FX_WORKER, &w);
	bud_page_first(&pg);
	assert_int_equal(bud_guide_worker_stages(&f->app, &w, &pg, &v, &err), BUD_OK);
	assert_int_equal(json_array_size(v), 1);	/* only client 1 is hers */
	row = json_array_get(v, 0);
	assert_int_equal(json_integer_value(json_object_get(row, "client_id")), 1);
	*stage = json_string_value(json_object_get(row, "stage"));
	*wait = json_string_value(json_object_get(json_array_get(
		json_object_get(row, "waits"), 0), "kind"));
	json_decref(*keep);
	*keep = v;
}

static int has_task(struct fx *f, int64_t uid, const char *kind)
{
	bud_actor a;
	json_t *v = NULL, *t;
	bud_err err;
	size_t i;
	int found = 0;

	fx_actor(f, uid, &a);
	assert_int_equal(bud_guide_client_tasks(&f->app, &a, 1, &v, &err), BUD_OK);
	json_array_foreach(json_object_get(v, "tasks"), i, t)
		found |= strcmp(json_string_value(json_object_get(t, "kind")), kind) == 0;
	json_decref(v);
	return found;
}

static void test_stages_follow_the_case(void **state)
{
	struct fx *f = *state;
	static const char *const svc[] = {"personal_assistance"};
	struct bud_assessment_in as = {.assessed_on = "2025-06-10", .participants = "Kalle"};
	struct bud_offer_in of = {.offered_on = "2025-06-12", .services = svc, .nservices = 1};
	struct bud_answer_in an = {.answer = "all"};
	const char *stage, *wait;
	json_t *keep = NULL, *v = NULL;
	struct bud_page pg;
	bud_actor w, c, w3;
	bud_err err;

	fx_actor(f, FX_WORKER, &w);
	fx_actor(f, FX_CLIENT, &c);
	stage_of(f, &stage, &wait, &keep);
	assert_string_equal(stage, "intake");
	assert_string_equal(wait, "assess");
	assert_int_equal(bud_assessment_create(&f->app, &w, 1, &as, NULL, &err), BUD_OK);
	stage_of(f, &stage, &wait, &keep);
	assert_string_equal(stage, "assessed");
	assert_string_equal(wait, "offer");
	assert_false(has_task(f, FX_CLIENT, "offer"));
	assert_int_equal(bud_offer_create(&f->app, &w, 1, &of, NULL, &err), BUD_OK);
	stage_of(f, &stage, &wait, &keep);
	assert_string_equal(stage, "offered");
	assert_null(wait);
	assert_true(has_task(f, FX_CLIENT, "offer"));
	assert_int_equal(bud_offer_answer(&f->app, &c, 1, &an, NULL, &err), BUD_OK);
	stage_of(f, &stage, &wait, &keep);
	assert_string_equal(stage, "answered");
	assert_string_equal(wait, "answer_received");
	assert_false(has_task(f, FX_CLIENT, "offer"));
	json_decref(keep);

	/* a worker with no clients of her own; a client may not list stages */
	fx_actor(f, FX_WORKER3, &w3);
	bud_page_first(&pg);
	assert_int_equal(bud_guide_worker_stages(&f->app, &w3, &pg, &v, &err), BUD_OK);
	assert_int_equal(json_array_size(v), 0);
	json_decref(v);
	assert_int_equal(bud_guide_worker_stages(&f->app, &c, &pg, &v, &err), BUD_EFORBIDDEN);
	/* another unit's worker does not see client 1's tasks */
	fx_actor(f, FX_WORKER2, &w3);
	assert_int_equal(bud_guide_client_tasks(&f->app, &w3, 1, &v, &err), BUD_ENOTFOUND);
}

static void test_meeting_book_move_cancel(void **state)
{
	struct fx *f = *state;
	struct bud_meeting_in in = {.kind = "assessment", .date = "2025-06-20",
		.time = "10:00", .minutes = 90, .video = 1};
	bud_actor w, w2, admin, c;
	json_t *v = NULL;
	char room[128];
	int64_t id = 0;
	bud_err err;

	fx_actor(f, FX_WORKER, &w);
	fx_actor(f, FX_ADMIN, &admin);
	fx_actor(f, FX_CLIENT, &c);
	/* no video service yet: refused, saying so */
	assert_int_equal(bud_meeting_book(&f->app, &w, 1, &in, &id, &err), BUD_ECONFLICT);
	assert_string_equal(err.field, "video");
	assert_int_equal(bud_meeting_video_set(&f->app, &admin, "http://v.example.fi", &err),
			 BUD_EINVAL);
	assert_int_equal(bud_meeting_video_set(&f->app, &w, "https://v.example.fi", &err),
			 BUD_EFORBIDDEN);
	assert_int_equal(bud_meeting_video_set(&f->app, &admin, "https://v.example.fi", &err),
			 BUD_OK);
	in.date = "2025-06-14";		/* yesterday */
	assert_int_equal(bud_meeting_book(&f->app, &w, 1, &in, &id, &err), BUD_EINVAL);
	assert_string_equal(err.field, "date");
	in.date = "2025-06-20";
	assert_int_equal(bud_meeting_book(&f->app, &w, 1, &in, &id, &err), BUD_OK);
	assert_int_equal(bud_meeting_get(&f->app, &c, id, &v, &err), BUD_OK);
	/* 10:00 in Helsinki in June is 07:00 UTC */
	assert_int_equal(json_integer_value(json_object_get(v, "starts_at")),
			 INT64_C(1750402800));
	assert_string_equal(json_string_value(json_object_get(v, "end")), "11:30");
	snprintf(room, sizeof room, "%s", json_string_value(json_object_get(v, "video_url")));
	assert_int_equal(strncmp(room, "https://v.example.fi/budjetti-", 30), 0);
	json_decref(v);
	assert_true(has_task(f, FX_CLIENT, "meeting"));

	/* another unit's worker cannot touch it */
	fx_actor(f, FX_WORKER2, &w2);
	assert_int_equal(bud_meeting_cancel(&f->app, &w2, id, &err), BUD_ENOTFOUND);
	assert_int_equal(bud_meeting_cancel(&f->app, &c, id, &err), BUD_EFORBIDDEN);

	in.kind = NULL;			/* a move keeps the kind */
	in.time = "13:15";
	assert_int_equal(bud_meeting_move(&f->app, &w, id, &in, &err), BUD_OK);
	assert_int_equal(bud_meeting_get(&f->app, &w, id, &v, &err), BUD_OK);
	assert_int_equal(json_integer_value(json_object_get(v, "sequence")), 1);
	assert_string_equal(json_string_value(json_object_get(v, "kind")), "assessment");
	assert_string_equal(json_string_value(json_object_get(v, "video_url")), room);
	json_decref(v);

	assert_int_equal(bud_meeting_cancel(&f->app, &w, id, &err), BUD_OK);
	assert_int_equal(bud_meeting_move(&f->app, &w, id, &in, &err), BUD_ECONFLICT);
	assert_string_equal(err.field, "state");
	assert_false(has_task(f, FX_CLIENT, "meeting"));
	assert_int_equal(fx_raw_int(f, "SELECT sequence FROM meeting"), 2);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM uselog WHERE object LIKE 'meeting:%' "
				    "AND action IN ('create', 'change')"), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_stages_follow_the_case, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_meeting_book_move_cancel, fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
