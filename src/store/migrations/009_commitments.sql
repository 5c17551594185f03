-- 009: commitments (issue 10, steps 7-8 of the process). The client's
-- choice of an approved provider for a line of an approved plan makes a
-- payment commitment, a service voucher or a purchased-service order
-- (the line's instrument) for the line's quantity a month at the line's
-- unit price, over valid_from..valid_to. What it is worth over that period
-- is reserved in the ledger (kind 'reserve') in the same unit; switching
-- provider ends it from a date and releases (kind 'release') what falls
-- after. The provider accepts (active) or declines with a reason
-- (declined, releasing all). Every step is an append-only event.
CREATE TABLE commitment (
	id		INTEGER PRIMARY KEY,
	client_id	INTEGER NOT NULL REFERENCES client(id),
	plan_id		INTEGER NOT NULL REFERENCES plan(id),
	plan_line_id	INTEGER NOT NULL REFERENCES plan_line(id),
	provider_id	INTEGER NOT NULL REFERENCES provider(id),
	approval_id	INTEGER NOT NULL REFERENCES approval(id),	-- it rests on
	instrument	TEXT NOT NULL CHECK (instrument IN ('commitment', 'voucher', 'purchase')),
	unit		TEXT NOT NULL,
	quantity	INTEGER NOT NULL CHECK (quantity > 0),		-- hundredths a month
	unit_price	INTEGER NOT NULL CHECK (unit_price >= 0),	-- the line's, cents
	provider_price	INTEGER NOT NULL DEFAULT 0 CHECK (provider_price >= 0), -- voucher: the provider's
	monthly_amount	INTEGER NOT NULL CHECK (monthly_amount >= 0),
	reserved	INTEGER NOT NULL CHECK (reserved >= 0),		-- what the reserve row holds
	released	INTEGER NOT NULL DEFAULT 0 CHECK (released >= 0),
	valid_from	TEXT NOT NULL,
	valid_to	TEXT NOT NULL,					-- the last day (end date once ended)
	state		TEXT NOT NULL DEFAULT 'offered' CHECK (state IN ('offered',
				'active', 'declined', 'ended')),
	reason		TEXT NOT NULL DEFAULT '',			-- of a decline
	replaces_id	INTEGER REFERENCES commitment(id),		-- a switch
	created_by	INTEGER NOT NULL REFERENCES user(id),
	decided_by	INTEGER REFERENCES user(id),			-- the provider's user
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	CHECK (valid_to >= valid_from OR state IN ('declined', 'ended')),
	CHECK (released <= reserved)
);
CREATE INDEX commitment_line ON commitment(plan_line_id, state);
CREATE INDEX commitment_provider ON commitment(provider_id, id);
CREATE INDEX commitment_client ON commitment(client_id);
-- At most one commitment of a line holds money at a time.
CREATE UNIQUE INDEX commitment_line_holding ON commitment(plan_line_id)
	WHERE state IN ('offered', 'active');

CREATE TABLE commitment_event (
	id		INTEGER PRIMARY KEY,
	commitment_id	INTEGER NOT NULL REFERENCES commitment(id),
	state		TEXT NOT NULL,
	reason		TEXT NOT NULL DEFAULT '',
	on_date		TEXT NOT NULL DEFAULT '',
	by_user		INTEGER REFERENCES user(id),
	at		INTEGER NOT NULL
);
CREATE INDEX commitment_event_commitment ON commitment_event(commitment_id);
CREATE TRIGGER commitment_event_append_only_u BEFORE UPDATE ON commitment_event
	BEGIN SELECT RAISE(ABORT, 'commitment_event is append-only'); END;
CREATE TRIGGER commitment_event_append_only_d BEFORE DELETE ON commitment_event
	BEGIN SELECT RAISE(ABORT, 'commitment_event is append-only'); END;
