/*
 * cli/routes.c: every route of the service, one line each: method,
 * pattern ({name} captures one path segment), handler, flags, roles.
 *
 * Flags (http/http.h): BUD_R_PUBLIC needs no sign-in; BUD_R_API answers in
 * JSON and must be described in src/api/openapi.json (test_openapi checks
 * both ways); BUD_R_NOCSRF skips the form CSRF check; BUD_R_UPLOAD takes a
 * body up to BUD_MAX_UPLOAD; BUD_R_NOSESSION does not even look up the
 * session; BUD_R_KEY_FOR(scopes) takes only a care system's API key with
 * those scopes (no cookie); BUD_R_CSV also takes text/csv; BUD_R_ONCE
 * answers a secret shown once (no Idempotency-Key). roles: enum bud_role
 * bits allowed, 0 = any signed-in user.
 * The first matching line wins; keep API and web routes grouped.
 */
#include <stddef.h>

#include "api/api.h"
#include "api/auth.h"
#include "cli/routes.h"
#include "web/oidc.h"
#include "web/web.h"

/*
 * Role sets of the case and price routes (the handler then checks the
 * client: bud_authz_client).
 *   CASE_STAFF     the worker and the decision maker
 *   CASE_READERS   those, the client and the client's representative
 *   CASE_WRITERS   the worker, the client and the representative (the
 *                  client's own parts of a case: answers, support plan)
 *   PRICE_EDITORS  admin and finance
 *   INVITERS       admin and worker (invitations of providers)
 */
#define CASE_STAFF (BUD_ROLE_WORKER | BUD_ROLE_DECISION_MAKER)
#define CASE_READERS (CASE_STAFF | BUD_ROLE_CLIENT | BUD_ROLE_REPRESENTATIVE)
#define CASE_WRITERS (BUD_ROLE_WORKER | BUD_ROLE_CLIENT | BUD_ROLE_REPRESENTATIVE)
#define PRICE_EDITORS (BUD_ROLE_ADMIN | BUD_ROLE_FINANCE)
/* CHOOSERS: who chooses a provider for a plan line (the client, the
 * representative, the worker); CM_READERS: they, the decision maker and
 * the provider's users (app/commitment.c checks which provider). */
#define CHOOSERS (BUD_ROLE_WORKER | BUD_ROLE_CLIENT | BUD_ROLE_REPRESENTATIVE)
#define CM_READERS (CASE_READERS | BUD_ROLE_PROVIDER_USER)
/* INVOICE_USERS: finance (the organiser's invoices) and the provider's
 * users (their own; app/invoice.c checks which provider). */
#define INVOICE_USERS (BUD_ROLE_FINANCE | BUD_ROLE_PROVIDER_USER)
/* EV_SAYERS: who confirms or disputes a service event (the client and the
 * representative; app/event.c checks the mandate). */
#define EV_SAYERS (BUD_ROLE_CLIENT | BUD_ROLE_REPRESENTATIVE)
/*
 * Role sets of the provider routes (the handler then checks the provider:
 * its organiser's staff, or a user of that very provider).
 *   REGISTER_KEEPERS  the worker and the admin: add and edit providers
 *   PROVIDER_READERS  staff and provider users (their own provider)
 *   PROVIDER_EDITORS  the keepers and the provider's own admin
 *   APPLICANTS        the worker and the provider's own admin
 */
#define REGISTER_KEEPERS (BUD_ROLE_WORKER | BUD_ROLE_ADMIN)
#define PROVIDER_READERS (BUD_ROLE_STAFF | BUD_ROLE_PROVIDER_USER)
#define PROVIDER_EDITORS (REGISTER_KEEPERS | BUD_ROLE_PROVIDER_USER)
#define APPLICANTS (BUD_ROLE_WORKER | BUD_ROLE_PROVIDER_USER)
#define INVITERS (BUD_ROLE_ADMIN | BUD_ROLE_WORKER)
/* PILOT_READERS: who sees the pilot's suppressed figures (app/pilot.h);
 * OUTCOME_SAYERS: who answers the client's outcomes questionnaire. */
#define PILOT_READERS (BUD_ROLE_EVALUATOR | BUD_ROLE_ADMIN | BUD_ROLE_DECISION_MAKER)
#define OUTCOME_SAYERS (BUD_ROLE_CLIENT | BUD_ROLE_REPRESENTATIVE)
/* DOC_KEEPERS: who may read a provider's statutory documents, and upload
 * them (app/document.c: of the provider users only its admin uploads). */
#define DOC_KEEPERS (REGISTER_KEEPERS | BUD_ROLE_PROVIDER_USER)

/* area includes: clients */
#include "api/clients.h"
#include "web/clients.h"
/* area includes: casework */
#include "api/casework.h"
#include "web/casework.h"
/* area includes: prices */
#include "api/prices.h"
#include "web/prices.h"
/* area includes: providers */
#include "api/documents.h"
#include "api/providers.h"
#include "web/documents.h"
#include "web/providers.h"
/* area includes: rulebook */
#include "api/rulebook.h"
#include "web/rulebook.h"
#include "api/settings.h"
#include "api/pilot.h"
#include "web/pilot.h"
#include "api/meetings.h"
#include "web/settings.h"
/* area includes: retention */
#include "api/retention.h"
#include "web/retention.h"
/* area includes: users */
#include "api/users.h"
#include "web/users.h"
/* area includes: invitations */
#include "api/invitations.h"
#include "web/invitations.h"
/* area includes: plans */
#include "api/plans.h"
/* area includes: planweb */
#include "web/plans.h"
#include "web/guide.h"
#include "web/meetings.h"
/* area includes: invoices */
#include "api/invoices.h"
#include "web/invoices.h"
#include "api/payruns.h"
#include "web/payruns.h"
/* area includes: events */
#include "api/events.h"
#include "web/events.h"
/* area includes: commitments */
#include "api/commitments.h"
#include "web/commitments.h"
/* area includes: apikeys */
#include "api/apikeys.h"
#include "app/apikey.h"
#include "web/apikeys.h"

/* area includes: usage (budget against use, issue 14) */
#include "api/usage.h"
#include "web/usage.h"

/* area includes: operations */
#include "api/ops.h"

#define SYS (BUD_R_PUBLIC | BUD_R_API | BUD_R_NOSESSION)
/* USAGE_READERS: budget against use (app/usage.h says who sees what) */
#define USAGE_READERS (BUD_ROLE_WORKER | BUD_ROLE_DECISION_MAKER | BUD_ROLE_FINANCE | \
		       BUD_ROLE_CLIENT | BUD_ROLE_REPRESENTATIVE)

const struct bud_route bud_routes[] = {
	/* system */
	{BUD_GET, "/healthz", bud_api_healthz, SYS, 0},
	{BUD_GET, "/api/openapi.json", bud_api_openapi, SYS, 0},
	/* operations: readiness (touches the database), Prometheus metrics
	 * (text, not JSON: loopback or --metrics-allow only, api/ops.h) */
	{BUD_GET, "/readyz", bud_api_readyz, SYS, 0},
	{BUD_GET, "/metrics", bud_api_metrics, BUD_R_PUBLIC | BUD_R_NOSESSION, 0},

	/* JSON API */
	{BUD_POST, "/api/session", bud_api_session_create, BUD_R_PUBLIC | BUD_R_API, 0},
	{BUD_DELETE, "/api/session", bud_api_session_delete, BUD_R_API, 0},
	{BUD_DELETE, "/api/sessions", bud_api_sessions_delete, BUD_R_API, 0},
	{BUD_POST, "/api/password-link", bud_api_password_link, BUD_R_PUBLIC | BUD_R_API | BUD_R_NOSESSION, 0},
	{BUD_POST, "/api/me/password", bud_api_me_password, BUD_R_API, 0},
	{BUD_GET, "/api/me/sessions", bud_api_me_sessions, BUD_R_API, 0},
	{BUD_POST, "/api/me/sessions/end-others", bud_api_me_sessions_end, BUD_R_API, 0},
	{BUD_DELETE, "/api/me/sessions/{id}", bud_api_me_session_end, BUD_R_API, 0},
	{BUD_GET, "/api/me/totp", bud_api_me_totp, BUD_R_API, BUD_ROLE_STAFF},
	{BUD_POST, "/api/me/totp", bud_api_me_totp_start, BUD_R_API, BUD_ROLE_STAFF},
	{BUD_POST, "/api/me/totp/confirm", bud_api_me_totp_confirm, BUD_R_API, BUD_ROLE_STAFF},
	{BUD_GET, "/api/users", bud_api_users, BUD_R_API, BUD_ROLE_ADMIN},
	{BUD_POST, "/api/users", bud_api_users_create, BUD_R_API, BUD_ROLE_ADMIN},
	{BUD_GET, "/api/users/{id}", bud_api_user, BUD_R_API, BUD_ROLE_ADMIN},
	{BUD_PUT, "/api/users/{id}", bud_api_user_put, BUD_R_API, BUD_ROLE_ADMIN},
	{BUD_POST, "/api/users/{id}/disable", bud_api_user_disable, BUD_R_API, BUD_ROLE_ADMIN},
	{BUD_POST, "/api/users/{id}/enable", bud_api_user_enable, BUD_R_API, BUD_ROLE_ADMIN},
	{BUD_POST, "/api/users/{id}/password-link", bud_api_user_link, BUD_R_API, BUD_ROLE_ADMIN},
	{BUD_GET, "/api/me", bud_api_me, BUD_R_API, 0},
	/* api: clients */
	{BUD_GET, "/api/clients", bud_api_clients_list, BUD_R_API, CASE_STAFF},
	{BUD_POST, "/api/clients/search", bud_api_clients_search, BUD_R_API | BUD_R_READ, CASE_STAFF},
	{BUD_POST, "/api/clients", bud_api_clients_create, BUD_R_API, BUD_ROLE_WORKER},
	{BUD_GET, "/api/clients/{id}", bud_api_client_get, BUD_R_API, CASE_READERS},
	{BUD_PATCH, "/api/clients/{id}", bud_api_client_update, BUD_R_API, BUD_ROLE_WORKER},
	{BUD_GET, "/api/clients/{id}/hetu", bud_api_client_hetu, BUD_R_API, CASE_READERS},
	{BUD_GET, "/api/clients/{id}/mandates", bud_api_client_mandates, BUD_R_API, CASE_STAFF},
	{BUD_POST, "/api/clients/{id}/mandates", bud_api_client_mandate_add, BUD_R_API, BUD_ROLE_WORKER},
	{BUD_POST, "/api/mandates/{id}/end", bud_api_mandate_end, BUD_R_API, BUD_ROLE_WORKER},
	{BUD_POST, "/api/clients/{id}/account", bud_api_client_account, BUD_R_API, BUD_ROLE_WORKER},
	{BUD_POST, "/api/clients/{id}/account/link", bud_api_client_account_link, BUD_R_API, BUD_ROLE_WORKER},
	{BUD_GET, "/api/clients/{id}/uselog", bud_api_client_uselog, BUD_R_API, CASE_READERS},
	/* api: casework */
	{BUD_GET, "/api/clients/{id}/assessments", bud_api_assessment_list, BUD_R_API, CASE_READERS},
	{BUD_POST, "/api/clients/{id}/assessments", bud_api_assessment_create, BUD_R_API, BUD_ROLE_WORKER},
	{BUD_GET, "/api/assessments/{id}", bud_api_assessment_get, BUD_R_API, CASE_READERS},
	{BUD_GET, "/api/clients/{id}/offer", bud_api_offer_get, BUD_R_API, CASE_READERS},
	{BUD_POST, "/api/clients/{id}/offer", bud_api_offer_create, BUD_R_API, BUD_ROLE_WORKER},
	{BUD_POST, "/api/clients/{id}/offer/answer", bud_api_offer_answer, BUD_R_API, CASE_WRITERS},
	{BUD_GET, "/api/clients/{id}/support-plans", bud_api_support_plan_list, BUD_R_API, CASE_READERS},
	{BUD_POST, "/api/clients/{id}/support-plans", bud_api_support_plan_create, BUD_R_API, CASE_WRITERS},
	{BUD_GET, "/api/support-plans/{id}", bud_api_support_plan_get, BUD_R_API, CASE_READERS},
	/* api: prices */
	{BUD_GET, "/api/services", bud_api_services, BUD_R_API,
	 BUD_ROLE_STAFF | BUD_ROLE_CLIENT | BUD_ROLE_REPRESENTATIVE},
	{BUD_GET, "/api/prices", bud_api_prices, BUD_R_API, BUD_ROLE_STAFF},
	{BUD_POST, "/api/prices", bud_api_price_create, BUD_R_API,
	 PRICE_EDITORS},
	{BUD_POST, "/api/prices/import", bud_api_price_import, BUD_R_API,
	 PRICE_EDITORS},
	{BUD_GET, "/api/prices/export", bud_api_price_export, BUD_R_API, BUD_ROLE_STAFF},
	/* api: providers */
	{BUD_GET, "/api/public/providers", bud_api_public_providers,
	 BUD_R_PUBLIC | BUD_R_API | BUD_R_NOSESSION, 0},
	{BUD_POST, "/api/applications", bud_api_application_create, BUD_R_PUBLIC | BUD_R_API, 0},
	{BUD_GET, "/api/providers", bud_api_providers, BUD_R_API, BUD_ROLE_STAFF},
	{BUD_POST, "/api/providers", bud_api_provider_create, BUD_R_API, REGISTER_KEEPERS},
	{BUD_GET, "/api/providers/{id}", bud_api_provider_get, BUD_R_API, PROVIDER_READERS},
	{BUD_PATCH, "/api/providers/{id}", bud_api_provider_update, BUD_R_API, PROVIDER_EDITORS},
	{BUD_POST, "/api/providers/{id}/approvals", bud_api_provider_apply, BUD_R_API, APPLICANTS},
	{BUD_GET, "/api/providers/{id}/documents", bud_api_documents, BUD_R_API, DOC_KEEPERS},
	{BUD_POST, "/api/providers/{id}/documents", bud_api_document_upload,
	 BUD_R_API | BUD_R_UPLOAD, DOC_KEEPERS},
	{BUD_GET, "/api/providers/{id}/documents/{doc}", bud_api_document_download,
	 BUD_R_API, DOC_KEEPERS},
	/* api: the pilot's figures and the client's questionnaire */
	{BUD_GET, "/api/pilot/figures", bud_api_pilot_figures, BUD_R_API, PILOT_READERS},
	{BUD_GET, "/api/clients/{id}/outcomes", bud_api_outcomes_get, BUD_R_API,
	 OUTCOME_SAYERS},
	{BUD_PUT, "/api/clients/{id}/outcomes", bud_api_outcomes_put, BUD_R_API,
	 OUTCOME_SAYERS},
	/* api: meetings with a client, also by video (api/meetings.h) */
	{BUD_GET, "/api/clients/{id}/meetings", bud_api_meeting_list, BUD_R_API, CASE_READERS},
	{BUD_POST, "/api/clients/{id}/meetings", bud_api_meeting_book, BUD_R_API, BUD_ROLE_WORKER},
	{BUD_GET, "/api/meetings/{id}", bud_api_meeting_get, BUD_R_API, CASE_READERS},
	{BUD_POST, "/api/meetings/{id}/move", bud_api_meeting_move, BUD_R_API, BUD_ROLE_WORKER},
	{BUD_POST, "/api/meetings/{id}/cancel", bud_api_meeting_cancel, BUD_R_API, BUD_ROLE_WORKER},
	{BUD_GET, "/api/settings/video", bud_api_video_get, BUD_R_API, BUD_ROLE_ADMIN},
	{BUD_PUT, "/api/settings/video", bud_api_video_put, BUD_R_API, BUD_ROLE_ADMIN},
	{BUD_GET, "/api/clients/{id}/tasks", bud_api_client_tasks, BUD_R_API, CASE_READERS},
	{BUD_GET, "/api/stages", bud_api_worker_stages, BUD_R_API, BUD_ROLE_WORKER},
	/* api: the organiser's settings */
	{BUD_GET, "/api/settings", bud_api_settings_get, BUD_R_API, BUD_ROLE_ADMIN},
	{BUD_PUT, "/api/settings", bud_api_settings_put, BUD_R_API, BUD_ROLE_ADMIN},
	/* api: retention and destruction (the admin) */
	{BUD_GET, "/api/retention", bud_api_retention_get, BUD_R_API, BUD_ROLE_ADMIN},
	{BUD_PUT, "/api/retention", bud_api_retention_put, BUD_R_API, BUD_ROLE_ADMIN},
	{BUD_GET, "/api/retention/due", bud_api_retention_due, BUD_R_API, BUD_ROLE_ADMIN},
	{BUD_GET, "/api/retention/lists", bud_api_dlists, BUD_R_API, BUD_ROLE_ADMIN},
	{BUD_POST, "/api/retention/lists", bud_api_dlist_create, BUD_R_API, BUD_ROLE_ADMIN},
	{BUD_GET, "/api/retention/lists/{id}", bud_api_dlist_get, BUD_R_API, BUD_ROLE_ADMIN},
	{BUD_POST, "/api/retention/lists/{id}/approve", bud_api_dlist_approve, BUD_R_API, BUD_ROLE_ADMIN},
	{BUD_POST, "/api/retention/lists/{id}/destroy", bud_api_dlist_destroy, BUD_R_API, BUD_ROLE_ADMIN},
	/* api: rulebook (the handler checks the provider's own admin) */
	{BUD_GET, "/api/rulebook", bud_api_rulebook_list, BUD_R_API, PROVIDER_READERS},
	{BUD_POST, "/api/rulebook", bud_api_rulebook_add, BUD_R_API, REGISTER_KEEPERS},
	{BUD_GET, "/api/rulebook/{id}", bud_api_rulebook_get, BUD_R_API, PROVIDER_READERS},
	{BUD_POST, "/api/providers/{id}/rulebook", bud_api_rulebook_accept, BUD_R_API,
	 BUD_ROLE_PROVIDER_USER},
	{BUD_POST, "/api/approvals/{id}/decision", bud_api_approval_decide, BUD_R_API,
	 BUD_ROLE_WORKER},
	/* api: invitations */
	{BUD_GET, "/api/invitations", bud_api_invitations, BUD_R_API, INVITERS},
	{BUD_POST, "/api/invitations", bud_api_invitations_create, BUD_R_API, INVITERS},
	/* api: plans */
	{BUD_GET, "/api/clients/{id}/plans", bud_api_client_plans, BUD_R_API, CASE_READERS},
	{BUD_POST, "/api/clients/{id}/plans", bud_api_client_plan_create, BUD_R_API, BUD_ROLE_WORKER},
	{BUD_GET, "/api/clients/{id}/ledger", bud_api_client_ledger, BUD_R_API, CASE_READERS},
	{BUD_GET, "/api/plans", bud_api_plans, BUD_R_API, BUD_ROLE_DECISION_MAKER},
	{BUD_GET, "/api/plans/{id}", bud_api_plan_get, BUD_R_API, CASE_READERS},
	{BUD_PATCH, "/api/plans/{id}", bud_api_plan_update, BUD_R_API, BUD_ROLE_WORKER},
	{BUD_POST, "/api/plans/{id}/lines", bud_api_plan_line_add, BUD_R_API, BUD_ROLE_WORKER},
	{BUD_DELETE, "/api/plans/{id}/lines/{line}", bud_api_plan_line_remove, BUD_R_API, BUD_ROLE_WORKER},
	{BUD_POST, "/api/plans/{id}/propose", bud_api_plan_propose, BUD_R_API, BUD_ROLE_WORKER},
	{BUD_POST, "/api/plans/{id}/discard", bud_api_plan_discard, BUD_R_API, BUD_ROLE_WORKER},
	{BUD_POST, "/api/plans/{id}/return", bud_api_plan_return, BUD_R_API, BUD_ROLE_DECISION_MAKER},
	{BUD_POST, "/api/plans/{id}/approve", bud_api_plan_approve, BUD_R_API, BUD_ROLE_DECISION_MAKER},
	{BUD_POST, "/api/plans/{id}/end", bud_api_plan_end, BUD_R_API, BUD_ROLE_DECISION_MAKER},
	{BUD_GET, "/api/plans/{id}/decision", bud_api_plan_decision, BUD_R_API, CASE_READERS},
	/* api: commitments */
	{BUD_GET, "/api/plan-lines/{id}/choices", bud_api_line_choices, BUD_R_API, CHOOSERS},
	{BUD_POST, "/api/plan-lines/{id}/commitment", bud_api_line_choose, BUD_R_API, CHOOSERS},
	{BUD_GET, "/api/commitments/{id}", bud_api_commitment_get, BUD_R_API, CM_READERS},
	{BUD_POST, "/api/commitments/{id}/accept", bud_api_commitment_accept, BUD_R_API, BUD_ROLE_PROVIDER_USER},
	{BUD_POST, "/api/commitments/{id}/decline", bud_api_commitment_decline, BUD_R_API, BUD_ROLE_PROVIDER_USER},
	{BUD_POST, "/api/commitments/{id}/switch", bud_api_commitment_switch, BUD_R_API, CHOOSERS},
	{BUD_GET, "/api/providers/{id}/commitments", bud_api_provider_commitments, BUD_R_API, BUD_ROLE_PROVIDER_USER},
	/* api: events */
	{BUD_POST, "/api/commitments/{id}/events", bud_api_event_record, BUD_R_API | BUD_R_DEFER,
	 BUD_ROLE_PROVIDER_USER},
	{BUD_GET, "/api/commitments/{id}/events", bud_api_commitment_events, BUD_R_API, BUD_ROLE_PROVIDER_USER},
	{BUD_GET, "/api/providers/{id}/events", bud_api_provider_events, BUD_R_API, BUD_ROLE_PROVIDER_USER},
	{BUD_GET, "/api/clients/{id}/events", bud_api_client_events, BUD_R_API, CASE_READERS},
	{BUD_GET, "/api/events/{id}", bud_api_event_get, BUD_R_API, CM_READERS},
	{BUD_POST, "/api/events/{id}/confirm", bud_api_event_confirm, BUD_R_API, EV_SAYERS},
	{BUD_POST, "/api/events/{id}/dispute", bud_api_event_dispute, BUD_R_API, EV_SAYERS},
	{BUD_POST, "/api/events/{id}/resolve", bud_api_event_resolve, BUD_R_API, BUD_ROLE_WORKER},
	{BUD_GET, "/api/disputes", bud_api_disputes, BUD_R_API, CASE_STAFF},
	{BUD_GET, "/api/reviews", bud_api_reviews, BUD_R_API, BUD_ROLE_WORKER},
	/* api: apikeys (the handler checks the provider's own admin); the care
	 * system's routes take only a key (BUD_R_KEY_FOR: its scope) */
	{BUD_GET, "/api/providers/{id}/api-keys", bud_api_apikeys_list, BUD_R_API, BUD_ROLE_PROVIDER_USER},
	{BUD_POST, "/api/providers/{id}/api-keys", bud_api_apikey_create, BUD_R_API | BUD_R_ONCE,
	 BUD_ROLE_PROVIDER_USER},
	{BUD_GET, "/api/api-keys/{id}", bud_api_apikey_get, BUD_R_API, BUD_ROLE_PROVIDER_USER},
	{BUD_POST, "/api/api-keys/{id}/revoke", bud_api_apikey_revoke, BUD_R_API, BUD_ROLE_PROVIDER_USER},
	{BUD_GET, "/api/provider/commitments", bud_api_care_commitments,
	 BUD_R_API | BUD_R_KEY_FOR(BUD_SCOPE_COMMITMENTS_READ), BUD_ROLE_PROVIDER_USER},
	{BUD_POST, "/api/provider/events", bud_api_care_events,
	 BUD_R_API | BUD_R_CSV | BUD_R_DEFER | BUD_R_KEY_FOR(BUD_SCOPE_EVENTS_WRITE),
	 BUD_ROLE_PROVIDER_USER},
	/* api: usage (budget against use) */
	{BUD_GET, "/api/reports/usage", bud_api_usage, BUD_R_API, USAGE_READERS},
	{BUD_GET, "/api/reports/usage/export", bud_api_usage_export, BUD_R_API, USAGE_READERS},
	{BUD_GET, "/api/reports/usage/alerts", bud_api_usage_alerts, BUD_R_API, BUD_ROLE_WORKER},
	{BUD_GET, "/api/settings/usage", bud_api_usage_settings, BUD_R_API, BUD_ROLE_ADMIN},
	{BUD_PUT, "/api/settings/usage", bud_api_usage_settings_put, BUD_R_API, BUD_ROLE_ADMIN},
	/* api: invoices */
	{BUD_GET, "/api/invoices", bud_api_invoices, BUD_R_API, INVOICE_USERS},
	{BUD_GET, "/api/invoices/{id}", bud_api_invoice_get, BUD_R_API, INVOICE_USERS},
	{BUD_POST, "/api/invoices/{id}/approve", bud_api_invoice_approve, BUD_R_API,
	 BUD_ROLE_FINANCE},
	{BUD_POST, "/api/providers/{id}/invoices", bud_api_invoice_finvoice,
	 BUD_R_API | BUD_R_UPLOAD, INVOICE_USERS},
	{BUD_POST, "/api/providers/{id}/invoices/monthly", bud_api_invoice_monthly,
	 BUD_R_API, INVOICE_USERS},
	{BUD_POST, "/api/providers/{id}/invoices/events", bud_api_invoice_events,
	 BUD_R_API, INVOICE_USERS},
	{BUD_GET, "/api/plan-lines/{id}/ledger", bud_api_line_ledger, BUD_R_API, CASE_READERS},
	/* api: payment runs */
	{BUD_GET, "/api/payment-runs", bud_api_payruns, BUD_R_API, BUD_ROLE_FINANCE},
	{BUD_POST, "/api/payment-runs", bud_api_payrun_create, BUD_R_API, BUD_ROLE_FINANCE},
	{BUD_GET, "/api/payment-runs/{id}", bud_api_payrun_get, BUD_R_API, BUD_ROLE_FINANCE},
	{BUD_POST, "/api/payment-runs/{id}/approve", bud_api_payrun_approve, BUD_R_API,
	 BUD_ROLE_FINANCE},
	{BUD_GET, "/api/payment-runs/{id}/pain001", bud_api_payrun_pain001, BUD_R_API,
	 BUD_ROLE_FINANCE},
	{BUD_POST, "/api/payment-runs/{id}/camt054", bud_api_payrun_camt054,
	 BUD_R_API | BUD_R_UPLOAD, BUD_ROLE_FINANCE},
	{BUD_GET, "/api/providers/{id}/remittance", bud_api_remittance, BUD_R_API,
	 INVOICE_USERS},

	/* web pages */
	{BUD_GET, "/", bud_web_home, 0, 0},
	{BUD_GET, "/login/code", bud_web_login_code_form, BUD_R_PUBLIC, 0},
	{BUD_POST, "/login/code", bud_web_login_code, BUD_R_PUBLIC, 0},
	{BUD_GET, "/password/{token}", bud_web_password_form, BUD_R_PUBLIC | BUD_R_NOSESSION, 0},
	{BUD_POST, "/password/{token}", bud_web_password, BUD_R_PUBLIC | BUD_R_NOSESSION, 0},
	{BUD_GET, "/account", bud_web_me, 0, 0},
	{BUD_POST, "/account/password", bud_web_me_password, 0, 0},
	{BUD_POST, "/account/sessions/end-others", bud_web_me_sessions_end, 0, 0},
	{BUD_POST, "/account/sessions/{id}/end", bud_web_me_session_end, 0, 0},
	{BUD_POST, "/account/totp", bud_web_me_totp_start, 0, BUD_ROLE_STAFF},
	{BUD_POST, "/account/totp/confirm", bud_web_me_totp_confirm, 0, BUD_ROLE_STAFF},
	{BUD_POST, "/account/totp/disable", bud_web_me_totp_disable, 0, BUD_ROLE_STAFF},
	{BUD_GET, "/users", bud_web_users, 0, BUD_ROLE_ADMIN},
	{BUD_POST, "/users", bud_web_users_create, 0, BUD_ROLE_ADMIN},
	{BUD_GET, "/users/{id}", bud_web_user, 0, BUD_ROLE_ADMIN},
	{BUD_POST, "/users/{id}", bud_web_user_save, 0, BUD_ROLE_ADMIN},
	{BUD_POST, "/users/{id}/disable", bud_web_user_disable, 0, BUD_ROLE_ADMIN},
	{BUD_POST, "/users/{id}/enable", bud_web_user_enable, 0, BUD_ROLE_ADMIN},
	{BUD_POST, "/users/{id}/password-link", bud_web_user_link, 0, BUD_ROLE_ADMIN},
	{BUD_GET, "/login", bud_web_login_form, BUD_R_PUBLIC, 0},
	{BUD_POST, "/login", bud_web_login, BUD_R_PUBLIC, 0},
	{BUD_GET, "/login/oidc/callback", bud_web_oidc_callback, BUD_R_PUBLIC | BUD_R_WRITES, 0},
	{BUD_GET, "/login/oidc/{audience}", bud_web_oidc_start, BUD_R_PUBLIC | BUD_R_WRITES, 0},
	{BUD_GET, "/logout/oidc", bud_web_oidc_logout, BUD_R_PUBLIC | BUD_R_NOSESSION | BUD_R_WRITES, 0},
	{BUD_GET, "/oidc/jwks.json", bud_web_oidc_jwks, BUD_R_PUBLIC | BUD_R_NOSESSION, 0},
	{BUD_POST, "/logout", bud_web_logout, 0, 0},
	{BUD_POST, "/logout/all", bud_web_logout_all, 0, 0},
	{BUD_POST, "/lang", bud_web_lang, BUD_R_PUBLIC, 0},
	{BUD_POST, "/read-mode", bud_web_read_mode, BUD_R_PUBLIC, 0},
	{BUD_GET, "/accessibility", bud_web_accessibility, BUD_R_PUBLIC, 0},
	{BUD_GET, "/static/{name}", bud_web_static, BUD_R_PUBLIC | BUD_R_NOSESSION, 0},
	/* web: clients */
	{BUD_GET, "/clients", bud_web_clients, 0, CASE_STAFF},
	{BUD_GET, "/clients/new", bud_web_client_new, 0, BUD_ROLE_WORKER},
	{BUD_POST, "/clients", bud_web_client_create, 0, BUD_ROLE_WORKER},
	{BUD_POST, "/clients/search", bud_web_clients_search, 0, CASE_STAFF},
	{BUD_GET, "/clients/{id}", bud_web_client_show, 0, CASE_READERS},
	{BUD_GET, "/clients/{id}/edit", bud_web_client_edit, 0, BUD_ROLE_WORKER},
	{BUD_POST, "/clients/{id}", bud_web_client_update, 0, BUD_ROLE_WORKER},
	{BUD_POST, "/clients/{id}/hetu", bud_web_client_hetu, 0, CASE_READERS},
	{BUD_POST, "/clients/{id}/mandates", bud_web_client_mandate_add, 0, BUD_ROLE_WORKER},
	{BUD_POST, "/mandates/{id}/end", bud_web_mandate_end, 0, BUD_ROLE_WORKER},
	{BUD_POST, "/clients/{id}/account", bud_web_client_account, 0, BUD_ROLE_WORKER},
	{BUD_POST, "/clients/{id}/account/link", bud_web_client_account_link, 0, BUD_ROLE_WORKER},
	{BUD_GET, "/clients/{id}/log", bud_web_client_log, 0, CASE_READERS},
	/* web: casework */
	{BUD_GET, "/clients/{id}/assessments", bud_web_assessments, 0, CASE_READERS},
	{BUD_GET, "/clients/{id}/assessments/new", bud_web_assessment_form, 0, BUD_ROLE_WORKER},
	{BUD_POST, "/clients/{id}/assessments", bud_web_assessment_create, 0, BUD_ROLE_WORKER},
	{BUD_GET, "/assessments/{id}", bud_web_assessment, 0, CASE_READERS},
	{BUD_GET, "/clients/{id}/offer", bud_web_offer, 0, CASE_READERS},
	{BUD_POST, "/clients/{id}/offer", bud_web_offer_create, 0, BUD_ROLE_WORKER},
	{BUD_POST, "/clients/{id}/offer/answer", bud_web_offer_answer, 0, CASE_WRITERS},
	{BUD_GET, "/clients/{id}/support-plan", bud_web_support_plan, 0, CASE_READERS},
	{BUD_POST, "/clients/{id}/support-plan", bud_web_support_plan_create, 0, CASE_WRITERS},
	{BUD_GET, "/support-plans/{id}", bud_web_support_plan_view, 0, CASE_READERS},
	/* web: prices */
	{BUD_GET, "/prices", bud_web_prices, 0, BUD_ROLE_STAFF},
	{BUD_POST, "/prices", bud_web_price_add, 0, PRICE_EDITORS},
	{BUD_POST, "/prices/import", bud_web_price_import, 0,
	 PRICE_EDITORS},
	{BUD_GET, "/prices/export.csv", bud_api_price_export, 0, BUD_ROLE_STAFF},
	/* web: providers */
	{BUD_GET, "/providers", bud_web_public_providers, BUD_R_PUBLIC, 0},
	{BUD_GET, "/apply", bud_web_apply_form, BUD_R_PUBLIC, 0},
	{BUD_POST, "/apply", bud_web_apply, BUD_R_PUBLIC | BUD_R_UPLOAD, 0},
	{BUD_GET, "/providers/register", bud_web_provider_register, 0, BUD_ROLE_STAFF},
	{BUD_GET, "/providers/new", bud_web_provider_new, 0, REGISTER_KEEPERS},
	{BUD_POST, "/providers", bud_web_provider_create, 0, REGISTER_KEEPERS},
	{BUD_GET, "/providers/{id}", bud_web_provider_show, 0, PROVIDER_READERS},
	{BUD_GET, "/providers/{id}/edit", bud_web_provider_edit, 0, PROVIDER_EDITORS},
	{BUD_POST, "/providers/{id}", bud_web_provider_update, 0, PROVIDER_EDITORS},
	{BUD_POST, "/providers/{id}/locations", bud_web_provider_location_add, 0, PROVIDER_EDITORS},
	{BUD_POST, "/providers/{id}/prices", bud_web_provider_price_add, 0, PROVIDER_EDITORS},
	{BUD_POST, "/providers/{id}/approvals", bud_web_provider_apply, 0, APPLICANTS},
	{BUD_POST, "/providers/{id}/documents", bud_web_document_upload, BUD_R_UPLOAD, DOC_KEEPERS},
	{BUD_GET, "/providers/{id}/documents/{doc}", bud_web_document_download, 0, DOC_KEEPERS},
	{BUD_POST, "/providers/{id}/decision", bud_web_provider_decide, 0, BUD_ROLE_WORKER},
	{BUD_POST, "/providers/{id}/rulebook", bud_web_provider_rulebook_accept, 0,
	 BUD_ROLE_PROVIDER_USER},
	{BUD_GET, "/pilot", bud_web_pilot, 0, PILOT_READERS},
	{BUD_POST, "/pilot/min-group", bud_web_pilot_min_group, 0, BUD_ROLE_ADMIN},
	{BUD_GET, "/pilot/export", bud_web_pilot_export, 0, PILOT_READERS},
	{BUD_GET, "/clients/{id}/outcomes", bud_web_outcomes, 0, OUTCOME_SAYERS},
	{BUD_POST, "/clients/{id}/outcomes", bud_web_outcomes_save, 0, OUTCOME_SAYERS},
	{BUD_GET, "/settings", bud_web_settings, 0, BUD_ROLE_ADMIN},
	{BUD_GET, "/settings/video", bud_web_video, 0, BUD_ROLE_ADMIN},
	{BUD_POST, "/settings/video", bud_web_video_save, 0, BUD_ROLE_ADMIN},
	{BUD_GET, "/clients/{id}/meetings", bud_web_meetings, 0, CASE_READERS},
	{BUD_POST, "/clients/{id}/meetings", bud_web_meeting_book, 0, BUD_ROLE_WORKER},
	{BUD_POST, "/meetings/{id}/move", bud_web_meeting_move, 0, BUD_ROLE_WORKER},
	{BUD_POST, "/meetings/{id}/cancel", bud_web_meeting_cancel, 0, BUD_ROLE_WORKER},
	{BUD_POST, "/settings", bud_web_settings_save, 0, BUD_ROLE_ADMIN},
	{BUD_POST, "/settings/charging", bud_web_settings_charging, 0, BUD_ROLE_ADMIN},
	{BUD_POST, "/settings/logo", bud_web_settings_logo, BUD_R_UPLOAD, BUD_ROLE_ADMIN},
	{BUD_GET, "/organiser/logo.png", bud_web_organiser_logo, BUD_R_PUBLIC, 0},
	/* retention and destruction (the admin) */
	{BUD_GET, "/retention", bud_web_retention, 0, BUD_ROLE_ADMIN},
	{BUD_POST, "/retention/years", bud_web_retention_years, 0, BUD_ROLE_ADMIN},
	{BUD_POST, "/retention/lists", bud_web_dlist_create, 0, BUD_ROLE_ADMIN},
	{BUD_GET, "/retention/lists/{id}", bud_web_dlist, 0, BUD_ROLE_ADMIN},
	{BUD_POST, "/retention/lists/{id}/approve", bud_web_dlist_approve, 0, BUD_ROLE_ADMIN},
	{BUD_POST, "/retention/lists/{id}/destroy", bud_web_dlist_destroy, 0, BUD_ROLE_ADMIN},
	{BUD_GET, "/rulebook", bud_web_rulebook, 0, PROVIDER_READERS},
	{BUD_POST, "/rulebook", bud_web_rulebook_add, 0, REGISTER_KEEPERS},
	/* web: invitations */
	{BUD_GET, "/invitations", bud_web_invitations, 0, INVITERS},
	{BUD_POST, "/invitations", bud_web_invitations_create, 0, INVITERS},
	/* web: plans */
	{BUD_GET, "/clients/{id}/plans", bud_web_plan_list, 0, CASE_READERS},
	{BUD_POST, "/clients/{id}/plans", bud_web_plan_create, 0, BUD_ROLE_WORKER},
	{BUD_GET, "/plans/{id}", bud_web_plan_show, 0, CASE_READERS},
	{BUD_POST, "/plans/{id}", bud_web_plan_update, 0, BUD_ROLE_WORKER},
	{BUD_POST, "/plans/{id}/lines", bud_web_plan_line_add, 0, BUD_ROLE_WORKER},
	{BUD_POST, "/plans/{id}/lines/{line}/delete", bud_web_plan_line_remove, 0, BUD_ROLE_WORKER},
	{BUD_POST, "/plans/{id}/propose", bud_web_plan_propose, 0, BUD_ROLE_WORKER},
	{BUD_POST, "/plans/{id}/discard", bud_web_plan_discard, 0, BUD_ROLE_WORKER},
	{BUD_POST, "/plans/{id}/return", bud_web_plan_return, 0, BUD_ROLE_DECISION_MAKER},
	{BUD_POST, "/plans/{id}/approve", bud_web_plan_approve, 0, BUD_ROLE_DECISION_MAKER},
	{BUD_POST, "/plans/{id}/end", bud_web_plan_end, 0, BUD_ROLE_DECISION_MAKER},
	{BUD_GET, "/plans/{id}/decision", bud_web_plan_decision, 0, CASE_READERS},
	{BUD_GET, "/plans/{id}/decision.pdf", bud_web_plan_decision_pdf, 0, CASE_READERS},
	{BUD_GET, "/decisions", bud_web_plan_proposed, 0, BUD_ROLE_DECISION_MAKER},
	{BUD_GET, "/reviews", bud_web_plan_reviews, 0, BUD_ROLE_WORKER},
	/* web: events */
	{BUD_GET, "/commitments/{id}/events", bud_web_commitment_events, 0, BUD_ROLE_PROVIDER_USER},
	{BUD_POST, "/commitments/{id}/events", bud_web_event_record, 0, BUD_ROLE_PROVIDER_USER},
	{BUD_GET, "/providers/{id}/events", bud_web_provider_events, 0, BUD_ROLE_PROVIDER_USER},
	{BUD_POST, "/providers/{id}/events/csv", bud_web_events_csv, 0, BUD_ROLE_PROVIDER_USER},
	{BUD_GET, "/clients/{id}/events", bud_web_client_events, 0, CASE_READERS},
	{BUD_GET, "/events/{id}", bud_web_event_show, 0, CM_READERS},
	{BUD_POST, "/events/{id}/confirm", bud_web_event_confirm, 0, EV_SAYERS},
	{BUD_POST, "/events/{id}/dispute", bud_web_event_dispute, 0, EV_SAYERS},
	{BUD_POST, "/events/{id}/resolve", bud_web_event_resolve, 0, BUD_ROLE_WORKER},
	{BUD_GET, "/disputes", bud_web_disputes, 0, CASE_STAFF},
	/* web: commitments */
	{BUD_GET, "/plan-lines/{id}/choose", bud_web_line_choose_form, 0, CHOOSERS},
	{BUD_GET, "/plan-lines/{id}/confirm", bud_web_line_confirm, 0, CHOOSERS},
	{BUD_POST, "/plan-lines/{id}/choose", bud_web_line_choose, 0, CHOOSERS},
	{BUD_GET, "/commitments/{id}", bud_web_commitment_show, 0, CM_READERS},
	{BUD_POST, "/commitments/{id}/accept", bud_web_commitment_accept, 0, BUD_ROLE_PROVIDER_USER},
	{BUD_POST, "/commitments/{id}/decline", bud_web_commitment_decline, 0, BUD_ROLE_PROVIDER_USER},
	{BUD_GET, "/providers/{id}/commitments", bud_web_provider_commitments, 0, BUD_ROLE_PROVIDER_USER},
	/* web: apikeys */
	{BUD_GET, "/providers/{id}/api-keys", bud_web_apikeys, 0, BUD_ROLE_PROVIDER_USER},
	{BUD_POST, "/providers/{id}/api-keys", bud_web_apikey_create, 0, BUD_ROLE_PROVIDER_USER},
	{BUD_POST, "/api-keys/{id}/revoke", bud_web_apikey_revoke, 0, BUD_ROLE_PROVIDER_USER},
	/* web: usage (budget against use) */
	{BUD_GET, "/reports/usage", bud_web_usage, 0, USAGE_READERS},
	{BUD_GET, "/reports/usage/export", bud_web_usage_export, 0, USAGE_READERS},
	{BUD_POST, "/settings/usage", bud_web_usage_settings_save, 0, BUD_ROLE_ADMIN},
	/* web: invoices */
	{BUD_GET, "/invoices", bud_web_invoices, 0, INVOICE_USERS},
	{BUD_GET, "/invoices/{id}", bud_web_invoice_show, 0, INVOICE_USERS},
	{BUD_POST, "/invoices/{id}/approve", bud_web_invoice_approve, 0, BUD_ROLE_FINANCE},
	{BUD_POST, "/providers/{id}/invoices", bud_web_invoice_send, BUD_R_UPLOAD, INVOICE_USERS},
	{BUD_POST, "/providers/{id}/invoices/monthly", bud_web_invoice_monthly, 0, INVOICE_USERS},
	{BUD_POST, "/providers/{id}/invoices/events", bud_web_invoice_events, 0, INVOICE_USERS},
	{BUD_GET, "/providers/{id}/remittance.csv", bud_api_remittance_csv, 0, INVOICE_USERS},
	/* web: payment runs */
	{BUD_GET, "/providers/{id}/remittance", bud_web_remittance, 0, INVOICE_USERS},
	{BUD_GET, "/payment-runs", bud_web_payruns, 0, BUD_ROLE_FINANCE},
	{BUD_POST, "/payment-runs", bud_web_payrun_create, 0, BUD_ROLE_FINANCE},
	{BUD_GET, "/payment-runs/{id}", bud_web_payrun_show, 0, BUD_ROLE_FINANCE},
	{BUD_POST, "/payment-runs/{id}/approve", bud_web_payrun_approve, 0, BUD_ROLE_FINANCE},
	{BUD_POST, "/payment-runs/{id}/camt054", bud_web_payrun_camt054, 0, BUD_ROLE_FINANCE},

	{0, NULL, NULL, 0, 0},
};
