-- 024: retention and destruction (issue 14, item 6). Disability-service
-- documents are kept for the organiser's retention period (at least the
-- law's 10 years) after the client's last case closed; then they may be
-- destroyed, but only by an approved destruction list. Destruction removes
-- the client's personal data and keeps the ledger's sums and the use log's
-- chain: the client row stays, pseudonymised (destroyed_at set), so that
-- plan lines, commitments, invoices and payments keep their numbers.
-- docs/domain.md ("Retention and destruction") says what "closed" means.

-- The retention period in whole years; the law's 10 is the floor.
ALTER TABLE organiser ADD COLUMN retention_years INTEGER NOT NULL DEFAULT 10
	CHECK (retention_years BETWEEN 10 AND 50);

-- When the client's personal data was destroyed; NULL while it is kept.
ALTER TABLE client ADD COLUMN destroyed_at INTEGER;

-- Invoice rows by client: the day a case closed looks at them.
CREATE INDEX invoice_row_client ON invoice_row(client_id) WHERE client_id IS NOT NULL;

-- The day each client's last case closed: the latest day anything of the
-- case happened or was in force. Work still open (a plan being drafted or
-- proposed, a commitment offered, a disputed service event, an invoice
-- row waiting) counts as '9999-12-31': never closed. A client with
-- nothing but the record closed on the day it was made.
CREATE VIEW client_closed AS
SELECT c.id AS client_id, c.organiser_id AS organiser_id, max(
	date(c.created_at, 'unixepoch'),
	coalesce((SELECT max(max(a.assessed_on, date(a.created_at, 'unixepoch')))
		FROM assessment a WHERE a.client_id = c.id), ''),
	coalesce((SELECT max(max(o.offered_on, date(o.created_at, 'unixepoch')))
		FROM offer o WHERE o.client_id = c.id), ''),
	coalesce((SELECT max(date(oa.answered_at, 'unixepoch')) FROM offer_answer oa
		JOIN offer o ON o.id = oa.offer_id WHERE o.client_id = c.id), ''),
	coalesce((SELECT max(date(s.created_at, 'unixepoch')) FROM support_plan s
		WHERE s.client_id = c.id), ''),
	coalesce((SELECT max(CASE WHEN p.state IN ('draft', 'proposed') THEN '9999-12-31'
		WHEN p.state = 'discarded' THEN date(p.updated_at, 'unixepoch')
		ELSE coalesce(p.effective_to, p.valid_to) END)
		FROM plan p WHERE p.client_id = c.id), ''),
	coalesce((SELECT max(CASE WHEN m.state = 'offered' THEN '9999-12-31'
		ELSE m.valid_to END) FROM commitment m WHERE m.client_id = c.id), ''),
	coalesce((SELECT max(CASE WHEN e.state = 'disputed' THEN '9999-12-31'
		ELSE e.on_date END) FROM service_event e WHERE e.client_id = c.id), ''),
	coalesce((SELECT max(CASE WHEN r.state = 'pending' THEN '9999-12-31'
		ELSE r.period_to END) FROM invoice_row r WHERE r.client_id = c.id), '')
	) AS closed_on
FROM client c WHERE c.destroyed_at IS NULL;

-- A destruction list: the clients whose time had passed on as_of, made
-- by an admin (NULL: the command line), approved by an admin, then
-- carried out client by client.
--   proposed -> approved -> done (every client destroyed or dropped)
CREATE TABLE destruction_list (
	id		INTEGER PRIMARY KEY,
	organiser_id	INTEGER NOT NULL REFERENCES organiser(id),
	as_of		TEXT NOT NULL,			-- the day it was made (Helsinki)
	retention_years	INTEGER NOT NULL,		-- the period then in force
	state		TEXT NOT NULL DEFAULT 'proposed'
			CHECK (state IN ('proposed', 'approved', 'done')),
	created_by	INTEGER REFERENCES user(id),
	created_at	INTEGER NOT NULL,
	approved_by	INTEGER REFERENCES user(id),
	approved_at	INTEGER,
	done_at		INTEGER,
	CHECK (state = 'proposed' OR approved_at IS NOT NULL)
);
CREATE INDEX destruction_list_org ON destruction_list(organiser_id, id);

-- One client of a list. closed_on: the day its last case closed when it
-- was listed; a client whose case is open again, or closed later, is
-- dropped instead of destroyed. removed: what destruction removed, as
-- counts ("assessments 2, plans 1, ..."), never personal data.
--   listed -> destroyed | dropped
CREATE TABLE destruction_item (
	list_id		INTEGER NOT NULL REFERENCES destruction_list(id),
	client_id	INTEGER NOT NULL REFERENCES client(id),
	closed_on	TEXT NOT NULL,
	state		TEXT NOT NULL DEFAULT 'listed'
			CHECK (state IN ('listed', 'destroyed', 'dropped')),
	done_at		INTEGER,
	done_by		INTEGER REFERENCES user(id),
	removed		TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (list_id, client_id)
) WITHOUT ROWID;
CREATE INDEX destruction_item_client ON destruction_item(client_id);

-- The append-only rows that hold free text learn one change: destruction
-- empties the text and touches nothing else (the sums and states stay).
DROP TRIGGER plan_line_frozen_u;
CREATE TRIGGER plan_line_frozen_u BEFORE UPDATE ON plan_line
	WHEN (SELECT state FROM plan WHERE id = OLD.plan_id) <> 'draft'
	AND NOT (NEW.content = '' AND NEW.id = OLD.id AND NEW.plan_id = OLD.plan_id
		AND NEW.position = OLD.position AND NEW.service_id = OLD.service_id
		AND NEW.price_id = OLD.price_id AND NEW.unit = OLD.unit
		AND NEW.unit_price = OLD.unit_price AND NEW.instrument = OLD.instrument
		AND NEW.quantity = OLD.quantity AND NEW.monthly_amount = OLD.monthly_amount
		AND NEW.period_amount = OLD.period_amount)
	BEGIN SELECT RAISE(ABORT, 'plan lines change only in a draft'); END;
DROP TRIGGER commitment_event_append_only_u;
CREATE TRIGGER commitment_event_append_only_u BEFORE UPDATE ON commitment_event
	WHEN NOT (NEW.reason = '' AND NEW.id = OLD.id
		AND NEW.commitment_id = OLD.commitment_id AND NEW.state = OLD.state
		AND NEW.on_date = OLD.on_date AND NEW.by_user IS OLD.by_user
		AND NEW.at = OLD.at)
	BEGIN SELECT RAISE(ABORT, 'commitment_event is append-only'); END;
DROP TRIGGER service_event_history_append_only_u;
CREATE TRIGGER service_event_history_append_only_u BEFORE UPDATE ON service_event_history
	WHEN NOT (NEW.reason = '' AND NEW.id = OLD.id AND NEW.event_id = OLD.event_id
		AND NEW.state = OLD.state AND NEW.by_user IS OLD.by_user AND NEW.at = OLD.at)
	BEGIN SELECT RAISE(ABORT, 'service_event_history is append-only'); END;
