-- 008: the provider register and approvals (issue 10). A provider is a
-- company, association or foundation with its identifiers (Y-tunnus, OVT,
-- IBAN/BIC in 001), contact details and its entry in the register of
-- social and health services (Soteri) or the organiser's own register.
-- It serves municipalities, has service locations with their
-- accessibility, and its own prices per service. It is approved per
-- service and municipality; every step of an approval is history.
ALTER TABLE provider ADD COLUMN kind TEXT NOT NULL DEFAULT 'company'
	CHECK (kind IN ('company', 'association', 'foundation'));
ALTER TABLE provider ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE provider ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE provider ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE provider ADD COLUMN website TEXT NOT NULL DEFAULT '';
ALTER TABLE provider ADD COLUMN register_name TEXT NOT NULL DEFAULT ''
	CHECK (register_name IN ('', 'soteri', 'organiser'));
ALTER TABLE provider ADD COLUMN register_no TEXT NOT NULL DEFAULT '';
ALTER TABLE provider ADD COLUMN register_date TEXT NOT NULL DEFAULT '';
ALTER TABLE provider ADD COLUMN updated_at INTEGER;

-- The provider's signatory: applies, accepts the rulebook, manages the
-- provider's own users. Other provider users record delivery.
ALTER TABLE user ADD COLUMN provider_admin INTEGER NOT NULL DEFAULT 0
	CHECK (provider_admin IN (0, 1));

-- Municipalities the provider serves (names as on the client record).
CREATE TABLE provider_area (
	provider_id	INTEGER NOT NULL REFERENCES provider(id),
	municipality	TEXT NOT NULL,
	PRIMARY KEY (provider_id, municipality)
) WITHOUT ROWID;

-- Where the service is given, and how one gets in.
CREATE TABLE provider_location (
	id		INTEGER PRIMARY KEY,
	provider_id	INTEGER NOT NULL REFERENCES provider(id),
	name		TEXT NOT NULL,
	address		TEXT NOT NULL,
	municipality	TEXT NOT NULL,
	step_free	INTEGER NOT NULL DEFAULT 0 CHECK (step_free IN (0, 1)),
	hearing_loop	INTEGER NOT NULL DEFAULT 0 CHECK (hearing_loop IN (0, 1)),
	parking		INTEGER NOT NULL DEFAULT 0 CHECK (parking IN (0, 1)),
	accessible_wc	INTEGER NOT NULL DEFAULT 0 CHECK (accessible_wc IN (0, 1)),
	notes		TEXT NOT NULL DEFAULT ''
);
CREATE INDEX provider_location_provider ON provider_location(provider_id);

-- The provider's own price for a service (what a voucher is compared
-- with); a change is a new row from a date.
CREATE TABLE provider_price (
	id		INTEGER PRIMARY KEY,
	provider_id	INTEGER NOT NULL REFERENCES provider(id),
	service_id	INTEGER NOT NULL REFERENCES service(id),
	unit		TEXT NOT NULL CHECK (unit IN ('hour', 'day', 'trip', 'month', 'night')),
	unit_price	INTEGER NOT NULL CHECK (unit_price >= 0),	-- cents
	valid_from	TEXT NOT NULL,
	created_at	INTEGER NOT NULL,
	UNIQUE (provider_id, service_id, valid_from)
);

-- Approval of a provider for one service in one municipality.
CREATE TABLE approval (
	id		INTEGER PRIMARY KEY,
	provider_id	INTEGER NOT NULL REFERENCES provider(id),
	service_id	INTEGER NOT NULL REFERENCES service(id),
	municipality	TEXT NOT NULL,
	state		TEXT NOT NULL DEFAULT 'applied' CHECK (state IN ('applied',
				'approved', 'rejected', 'suspended', 'withdrawn')),
	reason		TEXT NOT NULL DEFAULT '',	-- of the latest decision
	effective	TEXT NOT NULL DEFAULT '',	-- from when the state holds
	decided_by	INTEGER REFERENCES user(id),
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER,
	UNIQUE (provider_id, service_id, municipality)
);
CREATE INDEX approval_service ON approval(service_id, municipality, state);

-- Every step of every approval, append-only.
CREATE TABLE approval_event (
	id		INTEGER PRIMARY KEY,
	approval_id	INTEGER NOT NULL REFERENCES approval(id),
	state		TEXT NOT NULL,
	reason		TEXT NOT NULL DEFAULT '',
	effective	TEXT NOT NULL DEFAULT '',
	by_user		INTEGER REFERENCES user(id),
	at		INTEGER NOT NULL
);
CREATE INDEX approval_event_approval ON approval_event(approval_id);
CREATE TRIGGER approval_event_append_only_u BEFORE UPDATE ON approval_event
	BEGIN SELECT RAISE(ABORT, 'approval_event is append-only'); END;
CREATE TRIGGER approval_event_append_only_d BEFORE DELETE ON approval_event
	BEGIN SELECT RAISE(ABORT, 'approval_event is append-only'); END;
