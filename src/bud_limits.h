/*
 * bud_limits.h: every bound budjetti enforces, in one place, each with what it
 * protects against. Change a limit here and nowhere else.
 */
#ifndef BUD_LIMITS_H
#define BUD_LIMITS_H

#include <stdint.h>

/* HTTP */
#define BUD_MAX_BODY		(1024 * 1024)	/* request body: memory per request */
#define BUD_MAX_UPLOAD		(8 * 1024 * 1024) /* an upload: one Finvoice file, or one statutory
						   document (BUD_DOCUMENT_MAX) with its form */
#define BUD_MAX_URL		2048		/* path + query: log lines, routing */
#define BUD_MAX_FIELDS		200		/* form/query fields: hash flooding, CPU */
#define BUD_MAX_FIELD_NAME	64		/* a form/JSON field name */
#define BUD_MAX_FIELD_VALUE	(64 * 1024)	/* one form value */
#define BUD_MAX_JSON_DEPTH	32		/* nesting: stack use in the decoder */
#define BUD_MAX_COOKIE		4096		/* Cookie header length */
#define BUD_MAX_RESPONSE	(16 * 1024 * 1024) /* a rendered page or export */
#define BUD_MAX_PAGE_ROWS	200		/* rows per list page at most: response size */
#define BUD_PAGE_DEFAULT	50		/* rows per list page unless asked: a screenful */
#define BUD_HTTP_TIMEOUT_S	30		/* idle connection: slowloris */
#define BUD_HTTP_CONN_LIMIT	1024		/* open connections: fd exhaustion */
#define BUD_HTTP_DRAIN_S	10		/* shutdown: longest wait for requests in flight */
#define BUD_HTTP_WORKERS	16		/* writes answered at once: they share group commits */
#define BUD_HTTP_WORKERS_MAX	256		/* the most worker threads a pool may have */
#define BUD_HTTP_LOG_BUF	(64 * 1024)	/* access log buffer: no write(2) per request */
#define BUD_HTTP_LOG_FLUSH_MS	200		/* the access log is on stderr within this */
#define BUD_MAX_ACCEPT_LANG	1024		/* Accept-Language header: parse time */
#define BUD_LANG_BACK_MAX	512		/* the page a language switch returns to: a
						 * form field, a redirect's Location */
#define BUD_LANG_COOKIE_S	(365 * 24 * 3600) /* the chosen language is kept a year */

#define BUD_READLOG_ROWS	16		/* use-log rows one answer may need: clients shown */
#define BUD_READLOG_AUTHZ	8		/* access decisions one answer keeps: clients shown */
#define BUD_USELOG_OBJECT_MAX	96		/* "plan:12", "client:list": a name of what, never data */
#define BUD_USELOG_BASIS_MAX	40		/* "case", "own", "mandate:12" */

#define BUD_MAX_HEADER_BYTES	(12 * 1024)	/* all request header lines: memory per request;
					   below libmicrohttpd's own limit (its connection
					   memory, 32 KiB), so the refusal is ours: 431 JSON */
#define BUD_TRUSTED_PROXIES_MAX	16		/* --trusted-proxy addresses: a short list */
#define BUD_METRICS_MAX		(4 * 1024 * 1024) /* a /metrics answer: ~200 routes x
						   (codes + 15 histogram lines) */
#define BUD_METRICS_ALLOW_MAX	16		/* --metrics-allow addresses: the scrapers */
#define BUD_ADDR_TEXT		46		/* an IPv4 or IPv6 address as text (INET6_ADDRSTRLEN) */
#define BUD_FORWARDED_HOPS_MAX	32		/* X-Forwarded-For entries looked at, from the right */

#define BUD_IDEM_KEY_MAX	128		/* Idempotency-Key header: printable ASCII */
#define BUD_IDEM_BODY_MAX	(256 * 1024)	/* a response kept for replay; larger ones are not kept */
#define BUD_IDEM_KEEP_S		86400		/* a key is remembered this long */
#define BUD_INSTANCE_HEX	32		/* a server run's random id: 128 bits, so
						 * two runs never share one */

/* Accounts and sessions (OWASP ASVS level 2) */
#define BUD_PASSWORD_MIN	12
#define BUD_PASSWORD_MAX	128
#define BUD_PASSWORD_OWN_REST	6		/* characters a password must have beyond the
					   user's own names and the digits and marks
					   around them: not "matti.virtanen1" */
#define BUD_PASSWORD_DISTINCT	5		/* different characters at least: not "abcabcabcabc" */
#define BUD_USERNAME_MAX	64
#define BUD_SESSION_IDLE_S	(30 * 60)	/* idle timeout */
#define BUD_SESSION_ABS_S	(12 * 60 * 60)	/* absolute lifetime */
#define BUD_SESSIONS_PER_USER	10		/* oldest dropped beyond this */
#define BUD_TOKEN_BYTES		32		/* session/CSRF token: 256 bits */
#define BUD_LOGIN_FAIL_MAX	100		/* failed logins per account per hour */
#define BUD_LOGIN_SLOW_AFTER	5		/* failures of one account before each attempt is delayed */
#define BUD_LOGIN_ADDR_SLOW_AFTER 50		/* failures from one address before its attempts are
					   delayed: far above one account's, because an office
					   or a proxy puts many users behind one address */
#define BUD_LOGIN_DELAY_MS_MAX	5000		/* longest delay of one attempt */
#define BUD_LOGIN_DELAY_MS_MIN	1000		/* first delay; doubles per further failure */
#define BUD_LOGIN_WINDOW_S	3600		/* failures counted over this window */
#define BUD_LOGIN_KEEP_S	86400		/* login_attempt rows kept this long */
#define BUD_SESSION_TOUCH_S	60		/* last_seen refreshed at most this often */
#define BUD_DISPLAY_NAME_MAX	128		/* characters in a user's display name */
#define BUD_GEN_PASSWORD_LEN	20		/* generated passwords: about 119 bits */
#define BUD_ARGON2_CONCURRENT	4		/* argon2id hashes or checks running at once: each
					   takes 64 MiB, so a burst of sign-ins uses at most
					   256 MiB; the rest wait their turn */
#define BUD_LINK_STAFF_S	(72 * 3600)	/* a set-password link lives 3 days: a letter sent
					   on Friday still works on Monday (the letters
					   and pages say "72 hours"; change both) */
#define BUD_LINK_CLIENT_S	(14 * 24 * 3600) /* a client's activation link: handed over on
					   paper at a meeting, used at home with help
					   (pages say "14 days"; change both) */
#define BUD_LINKS_LISTED	20		/* set-password links of one user kept open at once */
#define BUD_SESSION_SWEEP_S	300		/* expired sessions are swept this often */
#define BUD_SESSION_SWEEP_BATCH	500		/* sessions one sweep unit deletes: the writer is
					   never held long; a sweep repeats units until done */
#define BUD_SESSIONS_LISTED	BUD_SESSIONS_PER_USER /* a user's own sessions shown at once */
#define BUD_USER_AGENT_MAX	256		/* bytes of a User-Agent kept with a session */

/* Second factor (TOTP, RFC 6238) */
#define BUD_TOTP_DIGITS		6		/* what authenticator apps show */
#define BUD_TOTP_INPUT_MAX	32		/* a code as typed (digits, or a recovery code
						 * with its dashes): form field length */
#define BUD_TOTP_STEP_S		30		/* the time step of RFC 6238 */
#define BUD_TOTP_WINDOW		1		/* steps of clock drift accepted either way */
#define BUD_TOTP_SECRET_BYTES	20		/* 160 bits, RFC 4226's recommendation */
#define BUD_TOTP_FRESH_S	(5 * 60)	/* a code given this recently is fresh for
					   approving a plan or a payment run */
#define BUD_TOTP_PENDING_S	(5 * 60)	/* a sign-in waits this long for its code */
#define BUD_TOTP_REQUIRED	0		/* 1: staff who sign in with a password must
					   enrol before approving (the organiser's
					   choice; off until staff have their apps) */
#define BUD_RECOVERY_CODES	10		/* one-time recovery codes of an enrolment */
#define BUD_RECOVERY_LEN	10		/* characters of one code (about 58 bits) */

/* Records (bytes of UTF-8; they size the row structs of store/) */
#define BUD_NAME_MAX		256		/* a name: organiser, unit, service, provider, person */
#define BUD_CODE_MAX		48		/* a slug code: 'ita-uusimaa', 'personal_assistance' */
#define BUD_NOTE_MAX		1000		/* a short free text, e.g. communication needs */

/* Cases and budgets */
#define BUD_TEXT_MAX		8000		/* a long free text: an assessment's view, goals */
#define BUD_PLAN_MAX_MONTHS	36		/* a plan's validity: decisions are reviewed */
#define BUD_PLAN_MAX_LINES	50		/* lines in one plan: page and decision size */
#define BUD_PLAN_MAX_DRAFTS	10		/* open drafts per client: variants to compare */
#define BUD_REVIEW_SOON_DAYS	30		/* reviews listed this many days ahead */
#define BUD_CSV_MAX_ROWS	5000		/* rows in one price-list import */
#define BUD_CSV_MAX_FIELDS	64		/* fields in one CSV record: memory per row */
#define BUD_PRICE_LIST_MAX	10000		/* price versions listed or exported at once */
#define BUD_SERVICES_MAX	100		/* services in the catalogue: read whole */
#define BUD_PROVIDER_LOCATIONS_MAX 20		/* service locations of one provider: page size */
#define BUD_PROVIDER_AREAS_MAX	64		/* municipalities one provider serves: form size */
#define BUD_PROVIDER_PRICES_MAX	64		/* own price versions of one provider read at once */
#define BUD_RULEBOOK_TEXT_MAX	(32 * 1024)	/* bytes of one part of a rulebook in one language:
						 * a long rulebook is some tens of pages, kept in
						 * memory whole while a version is read */
#define BUD_RULEBOOK_PARTS_MAX	32		/* service parts of one rulebook version: the
						 * services an organiser buys, with room */
#define BUD_RULEBOOK_HISTORY_MAX 100		/* acceptances of one provider shown at once:
						 * a few versions a year for decades */
#define BUD_RULEBOOK_VERSIONS_MAX 100		/* rulebook versions listed at once: the answer's size */
#define BUD_APPLICATION_WANTS_MAX 64		/* service-and-municipality pairs one public application asks for: one bounded write unit */
#define BUD_DOCUMENT_MAX	(5 * 1024 * 1024) /* bytes of one statutory document: a scanned
					   certificate of a few pages; read whole into memory */
#define BUD_DOCUMENT_NAME_MAX	120		/* bytes of a document's file name as kept and sent
					   back in Content-Disposition: header size */
#define BUD_UPLOAD_FILES_MAX	4		/* file parts of one multipart upload: memory */
#define BUD_DOCUMENTS_SHOWN_MAX	200		/* documents of one provider read at once: a few
					   kinds renewed yearly for decades */
#define BUD_APPROVALS_MAX	256		/* approvals of one provider shown at once: services x areas */
#define BUD_APPROVAL_EVENTS_MAX	512		/* history rows of one provider shown at once */
#define BUD_PUBLIC_MUNICIPALITIES_MAX 400	/* municipalities offered in the public filter: Finland has 308 */
#define BUD_SEED_PROVIDERS_MAX	100000		/* providers one seed adds: a bounded write unit */
#define BUD_DEMO_SCALE_MAX	1000000		/* clients `demo --scale` generates: ~100 million events, the
						 * most a benchmark on one disk needs */
#define BUD_INVOICE_BATCH_WINDOW 512		/* invoice units of a batch queued at once (approving
						 * many, `settle`): the writer commits up to
						 * BUD_DB_GROUP_MAX of them together */
#define BUD_SETTLE_SPLIT_MAX	32		/* invoices of one provider's month (halved while too big) */
#define BUD_DB_BULK_CACHE_MIB	512		/* the write connection's page cache for bulk CLI work:
						 * a county's hot indexes, not the OS's copies */
#define BUD_DB_BULK_CACHE_KIB	"524288"	/* the same in KiB, for the PRAGMA's text */
#define BUD_DB_BULK_MMAP	"8589934592"	/* bytes of the database file bulk CLI work reads
						   through a memory map, not a read() a page */
#define BUD_PUBLIC_KEPT		8		/* public list answers each server thread keeps: memory */
#define BUD_PUBLIC_KEPT_MAX	(256 * 1024)	/* bytes of one kept answer; larger ones are not kept */
#define BUD_SEARCH_MIN		2		/* characters before a name search runs */

/* Plausibility: values no real case has are typing errors, refused at the
 * edge of app/ with a message naming the field and the bound (the
 * catalogs' err.plausible.* messages state these numbers; change both). */
#define BUD_CASE_YEAR_MIN	2000		/* plans, prices, mandates: no case before */
#define BUD_CASE_YEAR_MAX	2100		/* ... nor after (a typo such as 2205) */
#define BUD_UNIT_PRICE_MAX	100000000	/* cents: 1 000 000 € per unit, far above any service */
#define BUD_PHONE_MAX		31		/* bytes of a phone number (clients, providers, the
						   organiser; core/contact.h) */
#define BUD_PLAN_QTY_MAX	INT64_C(10000000) /* hundredths a month: 100 000 units is past any need */
#define BUD_PLAN_SUPERSEDE_MAX	16		/* approved plans one approval supersedes: unit size */
#define BUD_CHOICES_MAX		200		/* providers offered for one line at once: one page of a choice screen */
#define BUD_LOCATIONS_MAX	20		/* service locations shown per provider: a choice screen stays readable */
#define BUD_LINE_COMMITMENTS_MAX	50	/* commitments of one line read at once: switches in a plan's life */
#define BUD_PROVIDER_PAGE_MAX	(BUD_READLOG_ROWS - 1)	/* a provider's commitments a page: each client shown is a disclosure row of the answer */
#define BUD_LEDGER_LINES_MAX	(BUD_MAX_PAGE_ROWS * 4) /* a client's ledger read at once: memory */
#define BUD_USELOG_STR_MAX	256		/* use-log object, basis, recipient, legal basis */
#define BUD_CASE_SERVICES_MAX	64		/* services in one offer, answer or support plan, and
					   the catalogue read for their forms: page size */

/* Mail (app/mail.h): the outbox and its sender */
#define BUD_MAIL_ATTEMPTS_MAX	8		/* sends of one letter before it is failed:
						   with the back-off below about 2 days of tries */
#define BUD_MAIL_BACKOFF_S	60		/* first retry after a refusal: a relay's
						   greylisting lasts about this long */
#define BUD_MAIL_BACKOFF_MAX_S	(12 * 3600)	/* longest wait between tries: a day's outage
						   still gets two tries */
#define BUD_MAIL_BATCH		100		/* letters one sender pass takes: memory, and a
						   stop waits at most one batch */
#define BUD_MAIL_POLL_S		5		/* the serve sender looks for due letters at least
						   this often (it is also woken on each enqueue) */
#define BUD_MAIL_TIMEOUT_S	60		/* one SMTP transaction at most: a hung relay
						   does not hold the sender */
#define BUD_MAIL_ADDR_MAX	254		/* an e-mail address (RFC 5321 path limit) */
#define BUD_MAIL_SUBJECT_MAX	512		/* bytes of a subject */
#define BUD_MAIL_BODY_MAX	(64 * 1024)	/* bytes of a letter's text */
#define BUD_MAIL_ERROR_MAX	256		/* the last error kept with a letter */
#define BUD_MAIL_CONF_MAX	512		/* an SMTP URL, sender address or directory */

#define BUD_INVITE_PROBLEMS_MAX	100		/* bad rows of an invitation CSV listed one by
						   one (the rest are counted): answer size */

/* API keys of providers' care systems (app/apikey.h) */
#define BUD_APIKEY_NAME_MAX	80		/* characters of a key's name: a list row */
#define BUD_APIKEY_SCOPES_TEXT	64		/* the scopes of a key as text: all of them fit */
#define BUD_APIKEYS_LIVE_MAX	20		/* keys of one provider not revoked: one per care
						   system and test environment is a handful */
#define BUD_APIKEY_LIST_MAX	100		/* keys of one provider listed at once (revoked
						   ones included): the page stays one screen */
#define BUD_APIKEY_TOUCH_S	60		/* a key's last use is refreshed at most this
						   often: no write per request */
#define BUD_APIKEY_TEXT		64		/* bytes of a key as sent: bud_ + public id + _ +
						   the secret, with room */
#define BUD_CARE_PAGE_MAX	BUD_PROVIDER_PAGE_MAX	/* commitments a care system reads a page: each
						   client is a disclosure row of the answer */

/* Service events (issue 11) */
#define BUD_EVENT_EXTERNAL_MAX	64		/* the provider's own id of an event: a care
						   system's row id or a UUID, with room */
#define BUD_EVENT_BATCH_MAX	1000		/* events in one batch (API bulk, CSV upload):
						   one write unit holds the writer this long */
#define BUD_DISPUTE_DAYS_DEFAULT 14		/* days a client has to dispute an event */
#define BUD_DISPUTE_DAYS_MAX	365		/* the longest window an organiser may set */

/* The organiser's details (issue 13) */
#define BUD_LOGO_BYTES_MAX	(200 * 1024)	/* the logo PNG: kept in the organiser's row,
						   read for every decision PDF */
#define BUD_LOGO_SIDE_MAX	2000		/* pixels of a logo side: what cairo decodes
						   for a PDF stays small (no PNG bomb) */

/* Store */
#define BUD_DB_QUEUE_MAX	4096		/* write units waiting: memory under overload */
#define BUD_DB_GROUP_MAX	256		/* units in one commit: latency of the group */
#define BUD_DB_BUSY_MS		5000		/* busy timeout of read connections */
#define BUD_STMT_CACHE		128		/* prepared statements per connection */

/* Values */
#define BUD_MONEY_MAX		INT64_C(1000000000000000) /* any amount: 10^15 cents, far from int64 overflow */
#define BUD_DATE_PARSE_MIN_YEAR	1800		/* dates people type: any birth, decision or due date */
#define BUD_DATE_PARSE_MAX_YEAR	2999		/* ... and a typo like 20225 is refused */

/* Parsers */
#define BUD_MAX_ID_LEN		64		/* any identifier before normalising */
#define BUD_HETU_BUF		12		/* a checked henkilötunnus DDMMYYCZZZQ and NUL
						 * (store/client.h BUD_STORE_HETU is the same) */
#define BUD_MAX_MONEY_LEN	32		/* a money string */
#define BUD_QTY_UNITS_MAX	INT64_C(1000000000) /* |units| of a JSON quantity:
						   far above any need, its
						   hundredths far from overflow */
#define BUD_JSON_REAL_DIGITS	15		/* significant digits a JSON number
						   is written and read with: up
						   to 15 survive a double (DBL_DIG) */
#define BUD_MAX_XML		(8 * 1024 * 1024) /* Finvoice / camt.054 document */
#define BUD_MAX_XML_DEPTH	64		/* XML nesting */
#define BUD_MAX_INVOICE_ROWS	10000		/* rows in one invoice */
#define BUD_MAX_PAYMENTS	100000		/* payments in one run / notice */
#define BUD_MAX_PROBLEMS	500		/* problems listed for one document: output size */
#define BUD_INVOICE_ROWS_MAX	500		/* rows of one invoice we take: one approval is one write unit
						   (a month of daily rows for a dozen clients fits) */
#define BUD_INVOICE_NUMBER_MAX	64		/* a provider's invoice number or message id */
#define BUD_INVOICE_DETAIL_MAX	200		/* the detail kept with a refused row */
#define BUD_INVOICE_MONTHLY_MAX	500		/* month commitments invoiced at once: one write unit */
#define BUD_INVOICE_EVENTS_MAX	5000		/* service events one invoice takes: one write unit
						   (a month of several visits a day for a few dozen clients) */
#define BUD_RUN_INVOICES_MAX	2000		/* invoices in one payment run: one write unit and one file */
#define BUD_MAX_REFS_PER_PAYMENT 999		/* invoices paid by one transfer: the banks' limit */
#define BUD_TMPL_MAX_DEPTH	16		/* template nesting and includes: no loops, stack use */
#define BUD_TMPL_MAX_NAME	64		/* a template or variable name */
#define BUD_TITLE_MAX		(4 * (2 * BUD_NAME_MAX + 16)) /* bytes of a <title>: "Virhe:" and a person's name */

/* pain.001 (ISO 20022 and the SEPA rulebook set these) */
#define BUD_PAIN_RUN_ID_MAX	28		/* + "-" + 6 digits = 35, the id limit */
#define BUD_PAIN_NAME_MAX	70		/* characters in a name (Max70Text) */
#define BUD_PAIN_TEXT_MAX	140		/* unstructured remittance (Max140Text) */
#define BUD_PAIN_AMOUNT_MAX	INT64_C(99999999999) /* largest credit transfer: 999 999 999,99 EUR */

/* OpenID Connect (app/oidc.c, formats/idtoken.c) */
#define BUD_OIDC_TOKEN_MAX	(16 * 1024)	/* an ID token: parse time, memory */
#define BUD_OIDC_DOC_MAX	(256 * 1024)	/* a discovery document, JWKS or token answer */
#define BUD_OIDC_SKEW_S		120		/* clock difference allowed between us and the provider */
#define BUD_OIDC_FLOW_S		600		/* a sign-in started must come back within: state, nonce */
#define BUD_OIDC_HTTP_S		10		/* back-channel request timeout: a slow provider */
#define BUD_OIDC_JWKS_MIN_S	60		/* keys fetched again on an unknown kid at most this often */
#define BUD_OIDC_CLAIM_MAX	256		/* a claim value kept (sub, sid, names) */
#define BUD_OIDC_ACR_MAX	4		/* accepted assurance levels of one audience */

/* Command line */
#define BUD_DEMO_JSON_MAX	(16 * 1024)	/* demo --json: the accounts with room to spare */

/* Backups (store/backup.h) */
#define BUD_BACKUP_STEP_PAGES	1024		/* pages a backup step copies: 4 MiB,
						   a progress line per step */
#define BUD_BACKUP_BUSY_MS	50		/* wait when the other end is locked */
#define BUD_BACKUP_BUSY_TRIES	200		/* 10 s of waiting in a row, then give up */

/* The configuration file (cli/config.c) */
#define BUD_CONFIG_MAX		(64 * 1024)	/* bytes: every option with comments */
#define BUD_CONFIG_LINE_MAX	1024		/* a line: a path or a list of addresses */

/* Reports (core/report.h): tables shown, charted and downloaded */
#define BUD_REPORT_MAX_COLS	24		/* columns of a report table: width of a sheet */
#define BUD_REPORT_MAX_ROWS	500000		/* rows of a report table: memory of one answer
						   (a county's lines per client; XLSX holds 1 048 576) */
#define BUD_REPORT_MAX_FILE	BUD_MAX_RESPONSE /* one CSV or XLSX download: an answer's
						   bound; past it err.report.too_big (413) */
#define BUD_CHART_MAX_BARS	40		/* bars in one SVG chart: a chart past this is
						   unreadable; the table holds every row */

#define BUD_FORECAST_MAX_DAYS	36600		/* a line's period in a forecast: case years
						   2000..2100 (BUD_CASE_YEAR_*) fit */

#define BUD_ALERTS_MAX		50		/* alerts of a kind on a worker's home: a screenful;
						   the usage report lists every line */
#define BUD_ALERT_DAYS		30		/* mandates and approvals ending within this many
						   days are shown on the worker's home */

/* Meetings (app/meeting.h, formats/ical.h) */
#define BUD_URL_MAX		512		/* a video call's link or its service's base */
#define BUD_MEETING_MIN	15		/* minutes: the shortest meeting */
#define BUD_MEETING_MAX_MIN	480		/* minutes: a working day at most */
#define BUD_MEETING_AHEAD_DAYS	366		/* booked at most a year ahead */
#define BUD_MEETING_REPS_MAX	8		/* representatives a meeting's letters go to */
#define BUD_ICS_MAX		(32 * 1024)	/* an invitation: the texts with folding */

/* Statistics */
#define BUD_STATS_MIN_GROUP	5		/* small-group suppression default */

/* The pilot figures and the outcomes questionnaire (app/pilot.h) */
#define BUD_PILOT_MIN_GROUP_MIN	3		/* a smaller group would identify people */
#define BUD_PILOT_MIN_GROUP_MAX	100		/* beyond this a county's figures say nothing */
#define BUD_PILOT_SERVICES_MAX	64		/* rows of the per-service figures: the catalogue */
#define BUD_PILOT_AREAS_MAX	200		/* municipalities offered as areas (a county has < 30) */
#define BUD_PILOT_PERIOD_DAYS	3660		/* the longest period asked for: ten years */
#define BUD_OUTCOME_OPEN_DAYS	60		/* a questionnaire stays open after a decision */
#define BUD_OUTCOME_COMMENT_MAX	1000		/* bytes of the client's own words */
/* Retention (app/retention.h) */
#define BUD_RETENTION_YEARS_MIN	10		/* the law keeps disability-service documents 10 years: the floor and the default */
#define BUD_RETENTION_YEARS_MAX	50		/* the longest period an organiser may set (migration 024's CHECK) */
#define BUD_RETENTION_LIST_MAX	500		/* clients on one destruction list: one page of the list, one run */

#endif
