/*
 * core/state.h: the states of the things budjetti moves through a life
 * cycle and the transitions each allows, as tables (pure, no I/O). Plans
 * now; commitments and invoices add their own tables here later.
 *
 * Plan (palvelusuunnitelma ja päätös):
 *   draft -> proposed -> approved -> superseded | ended
 *   draft -> discarded;  proposed -> draft (returned by a decision maker)
 * superseded, ended and discarded are final.
 *
 * Commitment (maksusitoumus, palveluseteli, ostopalvelu), one per plan
 * line and provider:
 *   offered -> active (the provider accepts) | declined (with a reason)
 *   offered | active -> ended (the client switches provider, from a date)
 * declined and ended are final.
 *
 * Approval of a provider for one service in one municipality:
 *   applied -> approved | rejected | withdrawn
 *   approved -> suspended | withdrawn;  suspended -> approved | withdrawn
 *   rejected -> applied, withdrawn -> applied (a new application)
 *
 * Service event (a delivered service the provider recorded):
 *   recorded -> confirmed | disputed (the client or a representative)
 *   disputed -> upheld (the client is right: not paid) | dismissed (stands)
 * confirmed, upheld and dismissed are final. A recorded event not
 * disputed within the organiser's window counts as confirmed; that is
 * computed on read (app/event.h), the state stays "recorded".
 */
#ifndef BUD_CORE_STATE_H
#define BUD_CORE_STATE_H

enum bud_plan_state {
	BUD_PLAN_DRAFT = 0,
	BUD_PLAN_PROPOSED,
	BUD_PLAN_APPROVED,
	BUD_PLAN_SUPERSEDED,
	BUD_PLAN_ENDED,
	BUD_PLAN_DISCARDED,
	BUD_PLAN_STATE_COUNT
};

/* "draft", ...; NULL for a value outside the enum. The names are the
 * values of the plan.state column. */
const char *bud_plan_state_name(int state);

/* The state called name, or -1. */
int bud_plan_state_parse(const char *name);

/* 1 when a plan may go from state `from` to state `to`, else 0 (also for
 * values outside the enum). */
int bud_plan_may(int from, int to);

/* 1 for the states of a decided plan (approved, superseded, ended): it has
 * a decision document, and clients and representatives may read it. */
int bud_plan_decided(int state);

/* 1 for a plan whose header and lines may still be edited (a draft). */
int bud_plan_editable(int state);

/* 1 for the plan in force: decided and neither superseded nor ended, so
 * its lines grant money and its decision may still be ended. */
int bud_plan_in_force(int state);

enum bud_commitment_state {
	BUD_COMMITMENT_OFFERED = 0,
	BUD_COMMITMENT_ACTIVE,
	BUD_COMMITMENT_DECLINED,
	BUD_COMMITMENT_ENDED,
	BUD_COMMITMENT_STATE_COUNT
};

/* "offered", ...; NULL outside the enum (the commitment.state values). */
const char *bud_commitment_state_name(int state);
/* The state called name, or -1. */
int bud_commitment_state_parse(const char *name);
/* 1 when a commitment may go from `from` to `to`, else 0. */
int bud_commitment_may(int from, int to);
/* 1 for offered and active: the commitment holds its reservation. */
int bud_commitment_holds(int state);
enum bud_approval_state {
	BUD_APPROVAL_APPLIED = 0,
	BUD_APPROVAL_APPROVED,
	BUD_APPROVAL_REJECTED,
	BUD_APPROVAL_SUSPENDED,
	BUD_APPROVAL_WITHDRAWN,
	BUD_APPROVAL_STATE_COUNT
};

/* "applied", ... (the values of approval.state); NULL outside the enum. */
const char *bud_approval_state_name(int state);
/* The state called name, or -1. */
int bud_approval_state_parse(const char *name);
/* 1 when an approval may go from `from` to `to`, else 0. */
int bud_approval_may(int from, int to);

/* An invoice (migration 016): received -> approved (finance approved the
 * rows that passed, at least one) or refused (none passed); approved ->
 * paid (a payment run paid it); paid -> approved when the bank returned
 * the payment (a later run pays it). */
enum bud_invoice_state {
	BUD_INVOICE_RECEIVED = 0,
	BUD_INVOICE_APPROVED,
	BUD_INVOICE_REFUSED,
	BUD_INVOICE_PAID,
	BUD_INVOICE_STATE_COUNT
};

/* "received", ... (the values of invoice.state); NULL outside the enum. */
const char *bud_invoice_state_name(int state);
/* The state called name, or -1. */
int bud_invoice_state_parse(const char *name);
/* 1 when an invoice may go from `from` to `to`, else 0. */
int bud_invoice_may(int from, int to);

/* A payment run: created -> approved (by a second finance user) or
 * cancelled. */
enum bud_run_state {
	BUD_RUN_CREATED = 0,
	BUD_RUN_APPROVED,
	BUD_RUN_CANCELLED,
	BUD_RUN_STATE_COUNT
};

const char *bud_run_state_name(int state);
int bud_run_state_parse(const char *name);
int bud_run_may(int from, int to);

enum bud_event_state {
	BUD_EVENT_RECORDED = 0,
	BUD_EVENT_CONFIRMED,
	BUD_EVENT_DISPUTED,
	BUD_EVENT_UPHELD,
	BUD_EVENT_DISMISSED,
	BUD_EVENT_STATE_COUNT
};

/* "recorded", ... (the values of service_event.state); NULL outside. */
const char *bud_event_state_name(int state);
/* The state called name, or -1. */
int bud_event_state_parse(const char *name);
/* 1 when a service event may go from `from` to `to`, else 0. */
int bud_event_may(int from, int to);
/* 1 for a state whose quantity and money count as delivered (everything
 * but upheld: a dispute the worker found right takes the event out). */
int bud_event_counts(int state);

#endif
