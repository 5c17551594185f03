/*
 * api/pilot.c: GET /api/pilot/figures (the suppressed pilot figures for a
 * period and an area) and GET/PUT /api/clients/{id}/outcomes (the
 * client's questionnaire). Decodes the input into app/pilot.h calls and
 * answers with their views.
 */
#include <string.h>

#include "api/common.h"
#include "api/pilot.h"
#include "app/pilot.h"
#include "bud_limits.h"

static const char *const outcome_writable[] = {"q_life", "q_help", "q_choice",
	"comment", "lang", NULL};
static const char *const langs[] = {"fi", "sv", NULL};

int bud_api_pilot_figures(bud_req *req)
{
	struct bud_pilot_query q = {NULL, NULL, NULL};
	json_t *out = NULL;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_date(req, "from", 0, &q.from, &err) ||
	    bud_req_date(req, "to", 0, &q.to, &err) ||
	    bud_req_str(req, "municipality", 0, BUD_NAME_MAX, &q.municipality, &err) ||
	    bud_pilot_figures(req->app, &req->actor, &q, &out, &err))
		return bud_api_error(req, &err);
	return bud_api_json(req, 200, out);
}

static int read_outcomes(bud_app *app, const bud_actor *actor, int64_t id,
			 json_t **out, bud_err *err)
{
	return bud_outcome_get(app, actor, id, out, err);
}

int bud_api_outcomes_get(bud_req *req)
{
	return bud_api_id_view(req, read_outcomes);
}

int bud_api_outcomes_put(bud_req *req)
{
	struct bud_outcome_in in = {0, 0, 0, NULL, NULL};
	int64_t id, life = 0, help = 0, choice = 0;
	json_t *out = NULL;
	bud_err err;

	bud_err_clear(&err);
	if (bud_req_id(req, "id", &id, &err) ||
	    bud_api_fields(req, outcome_writable, NULL, &err) ||
	    bud_req_i64(req, "q_life", 1, 1, 3, &life, &err) ||
	    bud_req_i64(req, "q_help", 1, 1, 3, &help, &err) ||
	    bud_req_i64(req, "q_choice", 1, 1, 3, &choice, &err) ||
	    bud_req_str(req, "comment", 0, BUD_OUTCOME_COMMENT_MAX, &in.comment, &err) ||
	    bud_req_enum(req, "lang", 0, langs, &in.lang, &err))
		return bud_api_error(req, &err);
	in.q_life = (int)life;
	in.q_help = (int)help;
	in.q_choice = (int)choice;
	if (!in.lang)
		in.lang = strcmp(req->lang, "sv") == 0 ? "sv" : "fi";
	if (bud_outcome_answer(req->app, &req->actor, id, &in, &out, &err) != BUD_OK)
		return bud_api_error(req, &err);
	return bud_api_json(req, 200, out);
}
