/*
 * Unit tests for core/state.c: the plan transition table, exhaustively
 * (every pair of states against the allowed list), names both ways.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/state.h"

static void test_plan_transitions(void **state)
{
	static const int allowed[][2] = {
		{BUD_PLAN_DRAFT, BUD_PLAN_PROPOSED},
		{BUD_PLAN_DRAFT, BUD_PLAN_DISCARDED},
		{BUD_PLAN_PROPOSED, BUD_PLAN_DRAFT},
		{BUD_PLAN_PROPOSED, BUD_PLAN_APPROVED},
		{BUD_PLAN_APPROVED, BUD_PLAN_SUPERSEDED},
		{BUD_PLAN_APPROVED, BUD_PLAN_ENDED},
	};
	int from, to, want;
	size_t i;

	(void)state;
	for (from = -1; from <= BUD_PLAN_STATE_COUNT; from++)
		for (to = -1; to <= BUD_PLAN_STATE_COUNT; to++) {
			want = 0;
			for (i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++)
				if (allowed[i][0] == from && allowed[i][1] == to)
					want = 1;
			assert_int_equal(bud_plan_may(from, to), want);
		}
	/* the drafter's own approval is not a state question, but no state
	 * skips the proposal */
	assert_false(bud_plan_may(BUD_PLAN_DRAFT, BUD_PLAN_APPROVED));
	assert_false(bud_plan_may(BUD_PLAN_ENDED, BUD_PLAN_APPROVED));
}

static void test_plan_names(void **state)
{
	static const char *const names[] = {"draft", "proposed", "approved",
		"superseded", "ended", "discarded"};
	int i;

	(void)state;
	for (i = 0; i < BUD_PLAN_STATE_COUNT; i++) {
		assert_string_equal(bud_plan_state_name(i), names[i]);
		assert_int_equal(bud_plan_state_parse(names[i]), i);
	}
	assert_null(bud_plan_state_name(-1));
	assert_null(bud_plan_state_name(BUD_PLAN_STATE_COUNT));
	assert_int_equal(bud_plan_state_parse("Draft"), -1);
	assert_int_equal(bud_plan_state_parse(NULL), -1);
	assert_true(bud_plan_decided(BUD_PLAN_APPROVED));
	assert_true(bud_plan_decided(BUD_PLAN_SUPERSEDED));
	assert_true(bud_plan_decided(BUD_PLAN_ENDED));
	assert_false(bud_plan_decided(BUD_PLAN_DRAFT));
	assert_false(bud_plan_decided(BUD_PLAN_PROPOSED));
	assert_false(bud_plan_decided(BUD_PLAN_DISCARDED));
}

/* Each predicate holds for exactly the states listed. */
static void test_plan_predicates(void **state)
{
	int i;

	(void)state;
	for (i = -1; i <= BUD_PLAN_STATE_COUNT; i++) {
		assert_int_equal(bud_plan_editable(i), i == BUD_PLAN_DRAFT);
		assert_int_equal(bud_plan_in_force(i), i == BUD_PLAN_APPROVED);
		if (bud_plan_in_force(i))
			assert_true(bud_plan_decided(i));
	}
	/* What may be edited is what may be proposed or discarded. */
	for (i = 0; i < BUD_PLAN_STATE_COUNT; i++) {
		assert_int_equal(bud_plan_editable(i), bud_plan_may(i, BUD_PLAN_PROPOSED));
		assert_int_equal(bud_plan_editable(i), bud_plan_may(i, BUD_PLAN_DISCARDED));
		assert_int_equal(bud_plan_in_force(i), bud_plan_may(i, BUD_PLAN_ENDED));
	}
}

/* The approval table, cell by cell: exactly these transitions. */
static void test_approval_transitions(void **state)
{
	static const int allowed[][2] = {
		{BUD_APPROVAL_APPLIED, BUD_APPROVAL_APPROVED},
		{BUD_APPROVAL_APPLIED, BUD_APPROVAL_REJECTED},
		{BUD_APPROVAL_APPLIED, BUD_APPROVAL_WITHDRAWN},
		{BUD_APPROVAL_APPROVED, BUD_APPROVAL_SUSPENDED},
		{BUD_APPROVAL_APPROVED, BUD_APPROVAL_WITHDRAWN},
		{BUD_APPROVAL_SUSPENDED, BUD_APPROVAL_APPROVED},
		{BUD_APPROVAL_SUSPENDED, BUD_APPROVAL_WITHDRAWN},
		{BUD_APPROVAL_REJECTED, BUD_APPROVAL_APPLIED},
		{BUD_APPROVAL_WITHDRAWN, BUD_APPROVAL_APPLIED},
	};
	int from, to;
	size_t k;

	(void)state;
	for (from = -1; from <= BUD_APPROVAL_STATE_COUNT; from++)
		for (to = -1; to <= BUD_APPROVAL_STATE_COUNT; to++) {
			int want = 0;

			for (k = 0; k < sizeof(allowed) / sizeof(allowed[0]); k++)
				if (allowed[k][0] == from && allowed[k][1] == to)
					want = 1;
			assert_int_equal(bud_approval_may(from, to), want);
		}
	for (from = 0; from < BUD_APPROVAL_STATE_COUNT; from++)
		assert_int_equal(bud_approval_state_parse(bud_approval_state_name(from)), from);
	assert_null(bud_approval_state_name(BUD_APPROVAL_STATE_COUNT));
	assert_int_equal(bud_approval_state_parse("ended"), -1);
	assert_int_equal(bud_approval_state_parse(NULL), -1);
}

static void test_event_transitions(void **state)
{
	static const int allowed[][2] = {
		{BUD_EVENT_RECORDED, BUD_EVENT_CONFIRMED},
		{BUD_EVENT_RECORDED, BUD_EVENT_DISPUTED},
		{BUD_EVENT_DISPUTED, BUD_EVENT_UPHELD},
		{BUD_EVENT_DISPUTED, BUD_EVENT_DISMISSED},
	};
	int from, to;
	size_t k;

	(void)state;
	for (from = -1; from <= BUD_EVENT_STATE_COUNT; from++)
		for (to = -1; to <= BUD_EVENT_STATE_COUNT; to++) {
			int want = 0;

			for (k = 0; k < sizeof(allowed) / sizeof(allowed[0]); k++)
				if (allowed[k][0] == from && allowed[k][1] == to)
					want = 1;
			assert_int_equal(bud_event_may(from, to), want);
		}
	for (from = 0; from < BUD_EVENT_STATE_COUNT; from++) {
		assert_int_equal(bud_event_state_parse(bud_event_state_name(from)), from);
		assert_int_equal(bud_event_counts(from), from != BUD_EVENT_UPHELD);
	}
	assert_int_equal(bud_event_counts(-1), 0);
	assert_null(bud_event_state_name(BUD_EVENT_STATE_COUNT));
	assert_int_equal(bud_event_state_parse("active"), -1);
	assert_int_equal(bud_event_state_parse(NULL), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plan_transitions),
		cmocka_unit_test(test_plan_names),
		cmocka_unit_test(test_plan_predicates),
		cmocka_unit_test(test_approval_transitions),
		cmocka_unit_test(test_event_transitions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
