-- 014: service events (issue 11, step 9 of the process). The provider
-- records delivered service against an active commitment: a date, a
-- quantity (hundredths of the commitment's unit), an optional note and
-- the provider's own id for it (external_id: a care system's row id, or
-- the one a page form suggests). The amount is computed by budjetti from
-- the commitment's unit price when recorded (round half away from zero to
-- a cent, core/money bud_money_line), never taken from the provider.
-- The same (commitment, date, external id) is stored once.
--
-- The client (or a representative who may act) confirms or disputes each
-- event; one not disputed within the organiser's dispute window
-- (organiser.dispute_days after it was recorded) counts as confirmed,
-- computed on read. A worker resolves a dispute: upheld (the client is
-- right: the event is not paid) or dismissed (it stands). Each step is a
-- row of the append-only service_event_history.
CREATE TABLE service_event (
	id		INTEGER PRIMARY KEY,
	commitment_id	INTEGER NOT NULL REFERENCES commitment(id),
	client_id	INTEGER NOT NULL REFERENCES client(id),
	provider_id	INTEGER NOT NULL REFERENCES provider(id),
	plan_line_id	INTEGER NOT NULL REFERENCES plan_line(id),
	on_date		TEXT NOT NULL CHECK (length(on_date) = 10),
	quantity	INTEGER NOT NULL CHECK (quantity > 0),		-- hundredths
	unit_price	INTEGER NOT NULL CHECK (unit_price >= 0),	-- cents, the commitment's
	amount		INTEGER NOT NULL CHECK (amount >= 0),		-- cents
	note		TEXT NOT NULL DEFAULT '',
	external_id	TEXT NOT NULL CHECK (length(external_id) BETWEEN 1 AND 64),
	state		TEXT NOT NULL DEFAULT 'recorded' CHECK (state IN ('recorded',
				'confirmed', 'disputed', 'upheld', 'dismissed')),
	recorded_by	INTEGER REFERENCES user(id),	-- NULL: through an API key
	recorded_at	INTEGER NOT NULL,
	answered_by	INTEGER REFERENCES user(id),	-- the client or representative
	answered_at	INTEGER,
	reason		TEXT NOT NULL DEFAULT '',	-- of a dispute
	resolved_by	INTEGER REFERENCES user(id),	-- the worker
	resolved_at	INTEGER,
	resolution	TEXT NOT NULL DEFAULT '',	-- the worker's note
	UNIQUE (commitment_id, on_date, external_id)
);
CREATE INDEX service_event_provider ON service_event(provider_id, id);
CREATE INDEX service_event_client ON service_event(client_id, id);
CREATE INDEX service_event_commitment ON service_event(commitment_id, on_date);
CREATE INDEX service_event_disputed ON service_event(state, id)
	WHERE state = 'disputed';

CREATE TABLE service_event_history (
	id		INTEGER PRIMARY KEY,
	event_id	INTEGER NOT NULL REFERENCES service_event(id),
	state		TEXT NOT NULL,
	reason		TEXT NOT NULL DEFAULT '',
	by_user		INTEGER REFERENCES user(id),
	at		INTEGER NOT NULL
);
CREATE INDEX service_event_history_event ON service_event_history(event_id);
CREATE TRIGGER service_event_history_append_only_u BEFORE UPDATE ON service_event_history
	BEGIN SELECT RAISE(ABORT, 'service_event_history is append-only'); END;
CREATE TRIGGER service_event_history_append_only_d BEFORE DELETE ON service_event_history
	BEGIN SELECT RAISE(ABORT, 'service_event_history is append-only'); END;

-- What the events of a commitment that count (all but upheld) add up to
-- per calendar month, kept in the same write unit as each event and each
-- upheld dispute, so that recording checks what is left without summing
-- every event (`budjetti check` compares it with the events).
CREATE TABLE service_usage (
	commitment_id	INTEGER NOT NULL REFERENCES commitment(id),
	month		TEXT NOT NULL CHECK (length(month) = 7),	-- YYYY-MM
	quantity	INTEGER NOT NULL CHECK (quantity >= 0),		-- hundredths
	amount		INTEGER NOT NULL CHECK (amount >= 0),		-- cents
	PRIMARY KEY (commitment_id, month)
) WITHOUT ROWID;

-- Days a client has to dispute an event after it was recorded.
ALTER TABLE organiser ADD COLUMN dispute_days INTEGER NOT NULL DEFAULT 14
	CHECK (dispute_days BETWEEN 1 AND 365);
