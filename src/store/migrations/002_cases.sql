-- 002_cases: the case from intake to an approved service plan (issue 4):
-- client search keys, service need assessments, the personal-budget offer
-- and the client's answers, support plans, service plans with their lines,
-- and the budget ledger. Conventions as in 001: money INTEGER cents,
-- quantities INTEGER hundredths of a unit, dates TEXT 'YYYY-MM-DD',
-- timestamps INTEGER Unix seconds (UTC). Rows that record what someone
-- said or decided are versioned (a new row), never rewritten.

-- The client's name folded for search ("korhonen matti": lower case,
-- å ä ö kept as letters of their own); written by store_client.c.
ALTER TABLE client ADD COLUMN search_key TEXT NOT NULL DEFAULT '';
ALTER TABLE client ADD COLUMN updated_at INTEGER;

-- Service need assessment (palvelutarpeen arviointi). A change is a new
-- version; the client's own view and the worker's view sit side by side.
CREATE TABLE assessment (
	id		INTEGER PRIMARY KEY,
	client_id	INTEGER NOT NULL REFERENCES client(id),
	version		INTEGER NOT NULL CHECK (version >= 1),
	assessed_on	TEXT NOT NULL,
	participants	TEXT NOT NULL DEFAULT '',
	client_view	TEXT NOT NULL DEFAULT '',	-- the client's own view, overall
	worker_view	TEXT NOT NULL DEFAULT '',	-- the worker's view, overall
	notes		TEXT NOT NULL DEFAULT '',
	created_by	INTEGER NOT NULL REFERENCES user(id),
	created_at	INTEGER NOT NULL,
	UNIQUE (client_id, version)
);

-- Needs per area of life, both views.
CREATE TABLE assessment_need (
	assessment_id	INTEGER NOT NULL REFERENCES assessment(id),
	area		TEXT NOT NULL CHECK (area IN ('housing', 'daily_living',
				'mobility', 'communication', 'social', 'work_activity',
				'health', 'family_care')),
	client_view	TEXT NOT NULL DEFAULT '',
	worker_view	TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (assessment_id, area)
);

-- The offer of a personal budget for the services listed with it.
CREATE TABLE offer (
	id		INTEGER PRIMARY KEY,
	client_id	INTEGER NOT NULL REFERENCES client(id),
	offered_on	TEXT NOT NULL,
	note		TEXT NOT NULL DEFAULT '',
	created_by	INTEGER NOT NULL REFERENCES user(id),
	created_at	INTEGER NOT NULL
);
CREATE INDEX offer_client ON offer(client_id);

CREATE TABLE offer_service (
	offer_id	INTEGER NOT NULL REFERENCES offer(id),
	service_id	INTEGER NOT NULL REFERENCES service(id),
	PRIMARY KEY (offer_id, service_id)
);

-- The client's answer; the newest row is the answer in force. 'some'
-- lists the accepted services in offer_answer_service; what is not
-- accepted is arranged the usual way (usual_note says how).
CREATE TABLE offer_answer (
	id		INTEGER PRIMARY KEY,
	offer_id	INTEGER NOT NULL REFERENCES offer(id),
	answer		TEXT NOT NULL CHECK (answer IN ('all', 'some', 'refused')),
	usual_note	TEXT NOT NULL DEFAULT '',
	answered_by	INTEGER NOT NULL REFERENCES user(id),
	answered_at	INTEGER NOT NULL
);
CREATE INDEX offer_answer_offer ON offer_answer(offer_id);

CREATE TABLE offer_answer_service (
	answer_id	INTEGER NOT NULL REFERENCES offer_answer(id),
	service_id	INTEGER NOT NULL REFERENCES service(id),
	PRIMARY KEY (answer_id, service_id)
);

-- Support plan (tukisuunnitelma), written by or with the client; versions.
-- helpers: comma-separated of family, peer, staff, other.
CREATE TABLE support_plan (
	id		INTEGER PRIMARY KEY,
	client_id	INTEGER NOT NULL REFERENCES client(id),
	version		INTEGER NOT NULL CHECK (version >= 1),
	goals		TEXT NOT NULL DEFAULT '',
	wishes		TEXT NOT NULL DEFAULT '',
	helpers		TEXT NOT NULL DEFAULT '',
	helper_note	TEXT NOT NULL DEFAULT '',
	written_by	INTEGER NOT NULL REFERENCES user(id),
	created_at	INTEGER NOT NULL,
	UNIQUE (client_id, version)
);

CREATE TABLE support_plan_service (
	support_plan_id	INTEGER NOT NULL REFERENCES support_plan(id),
	service_id	INTEGER NOT NULL REFERENCES service(id),
	note		TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (support_plan_id, service_id)
);

-- Service plan and decision (palvelusuunnitelma, päätös). Drafts are the
-- worker's variants; one is proposed; a decision maker other than the
-- drafter approves it. When a newer plan is approved, or a plan ended,
-- effective_to is its last day in force.
CREATE TABLE plan (
	id		INTEGER PRIMARY KEY,
	client_id	INTEGER NOT NULL REFERENCES client(id),
	organiser_id	INTEGER NOT NULL REFERENCES organiser(id),
	state		TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft',
				'proposed', 'approved', 'superseded', 'ended', 'discarded')),
	label		TEXT NOT NULL DEFAULT '',	-- a variant's name
	valid_from	TEXT NOT NULL,
	valid_to	TEXT NOT NULL,
	review_date	TEXT NOT NULL,
	client_fee	INTEGER NOT NULL DEFAULT 0 CHECK (client_fee >= 0), -- cents a month
	fee_note	TEXT NOT NULL DEFAULT '',
	reasoning	TEXT NOT NULL DEFAULT '',	-- the decision's grounds
	lang		TEXT CHECK (lang IN ('fi', 'sv')),	-- fixed at approval
	decision_no	TEXT UNIQUE,			-- set at approval
	version		INTEGER,			-- nth approved plan of the client
	supersedes_id	INTEGER REFERENCES plan(id),
	drafted_by	INTEGER NOT NULL REFERENCES user(id),
	proposed_at	INTEGER,
	returned_note	TEXT NOT NULL DEFAULT '',
	approved_by	INTEGER REFERENCES user(id),
	approved_at	INTEGER,
	effective_to	TEXT,
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	CHECK (valid_to >= valid_from),
	CHECK (state NOT IN ('approved', 'superseded', 'ended') OR
	       (approved_by IS NOT NULL AND approved_by <> drafted_by AND
		decision_no IS NOT NULL AND lang IS NOT NULL))
);
CREATE INDEX plan_client ON plan(client_id, state);
CREATE INDEX plan_review ON plan(state, review_date);

-- A line: service × quantity a month × the unit price valid on the plan's
-- first day, copied from the price row so a new price never alters it.
CREATE TABLE plan_line (
	id		INTEGER PRIMARY KEY,
	plan_id		INTEGER NOT NULL REFERENCES plan(id),
	position	INTEGER NOT NULL,
	service_id	INTEGER NOT NULL REFERENCES service(id),
	price_id	INTEGER NOT NULL REFERENCES price(id),
	unit		TEXT NOT NULL,
	unit_price	INTEGER NOT NULL CHECK (unit_price >= 0),
	instrument	TEXT NOT NULL,
	quantity	INTEGER NOT NULL CHECK (quantity > 0),	-- hundredths a month
	content		TEXT NOT NULL DEFAULT '',
	monthly_amount	INTEGER NOT NULL CHECK (monthly_amount >= 0),
	period_amount	INTEGER NOT NULL CHECK (period_amount >= 0),
	UNIQUE (plan_id, service_id)
);

-- Lines change only while their plan is a draft.
CREATE TRIGGER plan_line_frozen_i BEFORE INSERT ON plan_line
	WHEN (SELECT state FROM plan WHERE id = NEW.plan_id) <> 'draft'
	BEGIN SELECT RAISE(ABORT, 'plan lines change only in a draft'); END;
CREATE TRIGGER plan_line_frozen_u BEFORE UPDATE ON plan_line
	WHEN (SELECT state FROM plan WHERE id = OLD.plan_id) <> 'draft'
	BEGIN SELECT RAISE(ABORT, 'plan lines change only in a draft'); END;
CREATE TRIGGER plan_line_frozen_d BEFORE DELETE ON plan_line
	WHEN (SELECT state FROM plan WHERE id = OLD.plan_id) <> 'draft'
	BEGIN SELECT RAISE(ABORT, 'plan lines change only in a draft'); END;

-- The budget ledger, append-only: a decision grants each line's amount,
-- cutting a plan short revokes what falls after its last day; later
-- issues reserve (commitments), spend (approved invoice rows) and release.
CREATE TABLE ledger (
	id		INTEGER PRIMARY KEY,
	client_id	INTEGER NOT NULL REFERENCES client(id),
	plan_id		INTEGER NOT NULL REFERENCES plan(id),
	plan_line_id	INTEGER NOT NULL REFERENCES plan_line(id),
	kind		TEXT NOT NULL CHECK (kind IN ('grant', 'revoke', 'reserve',
				'release', 'spend')),
	amount		INTEGER NOT NULL CHECK (amount >= 0),	-- the kind gives the sign
	on_date		TEXT NOT NULL,
	created_by	INTEGER REFERENCES user(id),
	created_at	INTEGER NOT NULL
);
CREATE INDEX ledger_line ON ledger(plan_line_id);
CREATE INDEX ledger_client ON ledger(client_id);
CREATE TRIGGER ledger_append_only_u BEFORE UPDATE ON ledger
	BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER ledger_append_only_d BEFORE DELETE ON ledger
	BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
