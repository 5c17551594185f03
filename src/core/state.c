/*
 * core/state.c: the transition tables of core/state.h.
 */
#include <string.h>

#include "core/state.h"

static const char *const plan_names[BUD_PLAN_STATE_COUNT] = {
	[BUD_PLAN_DRAFT] = "draft",
	[BUD_PLAN_PROPOSED] = "proposed",
	[BUD_PLAN_APPROVED] = "approved",
	[BUD_PLAN_SUPERSEDED] = "superseded",
	[BUD_PLAN_ENDED] = "ended",
	[BUD_PLAN_DISCARDED] = "discarded",
};

/* plan_next[from][to]: 1 where the transition is allowed. */
static const unsigned char plan_next[BUD_PLAN_STATE_COUNT][BUD_PLAN_STATE_COUNT] = {
	[BUD_PLAN_DRAFT] = {[BUD_PLAN_PROPOSED] = 1, [BUD_PLAN_DISCARDED] = 1},
	[BUD_PLAN_PROPOSED] = {[BUD_PLAN_DRAFT] = 1, [BUD_PLAN_APPROVED] = 1},
	[BUD_PLAN_APPROVED] = {[BUD_PLAN_SUPERSEDED] = 1, [BUD_PLAN_ENDED] = 1},
};

const char *bud_plan_state_name(int state)
{
	if (state < 0 || state >= BUD_PLAN_STATE_COUNT)
		return NULL;
	return plan_names[state];
}

int bud_plan_state_parse(const char *name)
{
	int i;

	if (!name)
		return -1;
	for (i = 0; i < BUD_PLAN_STATE_COUNT; i++)
		if (strcmp(plan_names[i], name) == 0)
			return i;
	return -1;
}

int bud_plan_may(int from, int to)
{
	if (from < 0 || from >= BUD_PLAN_STATE_COUNT || to < 0 ||
	    to >= BUD_PLAN_STATE_COUNT)
		return 0;
	return plan_next[from][to];
}

int bud_plan_decided(int state)
{
	return state == BUD_PLAN_APPROVED || state == BUD_PLAN_SUPERSEDED ||
	       state == BUD_PLAN_ENDED;
}

int bud_plan_editable(int state)
{
	return state == BUD_PLAN_DRAFT;
}

int bud_plan_in_force(int state)
{
	return state == BUD_PLAN_APPROVED;
}

static const char *const approval_names[BUD_APPROVAL_STATE_COUNT] = {
	[BUD_APPROVAL_APPLIED] = "applied",
	[BUD_APPROVAL_APPROVED] = "approved",
	[BUD_APPROVAL_REJECTED] = "rejected",
	[BUD_APPROVAL_SUSPENDED] = "suspended",
	[BUD_APPROVAL_WITHDRAWN] = "withdrawn",
};

/* approval_next[from][to]: 1 where the transition is allowed. */
static const unsigned char approval_next[BUD_APPROVAL_STATE_COUNT][BUD_APPROVAL_STATE_COUNT] = {
	[BUD_APPROVAL_APPLIED] = {[BUD_APPROVAL_APPROVED] = 1,
				  [BUD_APPROVAL_REJECTED] = 1,
				  [BUD_APPROVAL_WITHDRAWN] = 1},
	[BUD_APPROVAL_APPROVED] = {[BUD_APPROVAL_SUSPENDED] = 1,
				   [BUD_APPROVAL_WITHDRAWN] = 1},
	[BUD_APPROVAL_SUSPENDED] = {[BUD_APPROVAL_APPROVED] = 1,
				    [BUD_APPROVAL_WITHDRAWN] = 1},
	[BUD_APPROVAL_REJECTED] = {[BUD_APPROVAL_APPLIED] = 1},
	[BUD_APPROVAL_WITHDRAWN] = {[BUD_APPROVAL_APPLIED] = 1},
};

const char *bud_approval_state_name(int state)
{
	if (state < 0 || state >= BUD_APPROVAL_STATE_COUNT)
		return NULL;
	return approval_names[state];
}

int bud_approval_state_parse(const char *name)
{
	int i;

	for (i = 0; name && i < BUD_APPROVAL_STATE_COUNT; i++)
		if (strcmp(approval_names[i], name) == 0)
			return i;
	return -1;
}

int bud_approval_may(int from, int to)
{
	if (from < 0 || from >= BUD_APPROVAL_STATE_COUNT || to < 0 ||
	    to >= BUD_APPROVAL_STATE_COUNT)
		return 0;
	return approval_next[from][to];
}

static const char *const commitment_names[BUD_COMMITMENT_STATE_COUNT] = {
	[BUD_COMMITMENT_OFFERED] = "offered",
	[BUD_COMMITMENT_ACTIVE] = "active",
	[BUD_COMMITMENT_DECLINED] = "declined",
	[BUD_COMMITMENT_ENDED] = "ended",
};

static const unsigned char
commitment_next[BUD_COMMITMENT_STATE_COUNT][BUD_COMMITMENT_STATE_COUNT] = {
	[BUD_COMMITMENT_OFFERED] = {[BUD_COMMITMENT_ACTIVE] = 1,
		[BUD_COMMITMENT_DECLINED] = 1, [BUD_COMMITMENT_ENDED] = 1},
	[BUD_COMMITMENT_ACTIVE] = {[BUD_COMMITMENT_ENDED] = 1},
};

const char *bud_commitment_state_name(int state)
{
	if (state < 0 || state >= BUD_COMMITMENT_STATE_COUNT)
		return NULL;
	return commitment_names[state];
}

int bud_commitment_state_parse(const char *name)
{
	int i;

	if (!name)
		return -1;
	for (i = 0; i < BUD_COMMITMENT_STATE_COUNT; i++)
		if (strcmp(commitment_names[i], name) == 0)
			return i;
	return -1;
}

int bud_commitment_may(int from, int to)
{
	if (from < 0 || from >= BUD_COMMITMENT_STATE_COUNT || to < 0 ||
	    to >= BUD_COMMITMENT_STATE_COUNT)
		return 0;
	return commitment_next[from][to];
}

int bud_commitment_holds(int state)
{
	return state == BUD_COMMITMENT_OFFERED || state == BUD_COMMITMENT_ACTIVE;
}

static const char *const event_names[BUD_EVENT_STATE_COUNT] = {
	[BUD_EVENT_RECORDED] = "recorded",
	[BUD_EVENT_CONFIRMED] = "confirmed",
	[BUD_EVENT_DISPUTED] = "disputed",
	[BUD_EVENT_UPHELD] = "upheld",
	[BUD_EVENT_DISMISSED] = "dismissed",
};

static const unsigned char event_next[BUD_EVENT_STATE_COUNT][BUD_EVENT_STATE_COUNT] = {
	[BUD_EVENT_RECORDED] = {[BUD_EVENT_CONFIRMED] = 1, [BUD_EVENT_DISPUTED] = 1},
	[BUD_EVENT_DISPUTED] = {[BUD_EVENT_UPHELD] = 1, [BUD_EVENT_DISMISSED] = 1},
};

const char *bud_event_state_name(int state)
{
	if (state < 0 || state >= BUD_EVENT_STATE_COUNT)
		return NULL;
	return event_names[state];
}

int bud_event_state_parse(const char *name)
{
	int i;

	if (!name)
		return -1;
	for (i = 0; i < BUD_EVENT_STATE_COUNT; i++)
		if (strcmp(event_names[i], name) == 0)
			return i;
	return -1;
}

int bud_event_may(int from, int to)
{
	if (from < 0 || from >= BUD_EVENT_STATE_COUNT || to < 0 ||
	    to >= BUD_EVENT_STATE_COUNT)
		return 0;
	return event_next[from][to];
}

int bud_event_counts(int state)
{
	return state >= 0 && state < BUD_EVENT_STATE_COUNT && state != BUD_EVENT_UPHELD;
}

/* ---- invoices and payment runs ------------------------------------- */

static const char *const invoice_names[BUD_INVOICE_STATE_COUNT] = {
	[BUD_INVOICE_RECEIVED] = "received",
	[BUD_INVOICE_APPROVED] = "approved",
	[BUD_INVOICE_REFUSED] = "refused",
	[BUD_INVOICE_PAID] = "paid",
};

static const unsigned char
invoice_next[BUD_INVOICE_STATE_COUNT][BUD_INVOICE_STATE_COUNT] = {
	[BUD_INVOICE_RECEIVED] = {[BUD_INVOICE_APPROVED] = 1,
		[BUD_INVOICE_REFUSED] = 1},
	[BUD_INVOICE_APPROVED] = {[BUD_INVOICE_PAID] = 1},
	[BUD_INVOICE_PAID] = {[BUD_INVOICE_APPROVED] = 1},	/* the bank returned it */
};

static int name_index(const char *const *names, int count, const char *name)
{
	int i;

	if (!name)
		return -1;
	for (i = 0; i < count; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return -1;
}

const char *bud_invoice_state_name(int state)
{
	if (state < 0 || state >= BUD_INVOICE_STATE_COUNT)
		return NULL;
	return invoice_names[state];
}

int bud_invoice_state_parse(const char *name)
{
	return name_index(invoice_names, BUD_INVOICE_STATE_COUNT, name);
}

int bud_invoice_may(int from, int to)
{
	if (from < 0 || from >= BUD_INVOICE_STATE_COUNT || to < 0 ||
	    to >= BUD_INVOICE_STATE_COUNT)
		return 0;
	return invoice_next[from][to];
}

static const char *const run_names[BUD_RUN_STATE_COUNT] = {
	[BUD_RUN_CREATED] = "created",
	[BUD_RUN_APPROVED] = "approved",
	[BUD_RUN_CANCELLED] = "cancelled",
};

const char *bud_run_state_name(int state)
{
	if (state < 0 || state >= BUD_RUN_STATE_COUNT)
		return NULL;
	return run_names[state];
}

int bud_run_state_parse(const char *name)
{
	return name_index(run_names, BUD_RUN_STATE_COUNT, name);
}

int bud_run_may(int from, int to)
{
	return from == BUD_RUN_CREATED &&
	       (to == BUD_RUN_APPROVED || to == BUD_RUN_CANCELLED);
}
