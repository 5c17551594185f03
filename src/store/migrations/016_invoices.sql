-- 016: invoices, their rows, payment runs and payments (issue 11, items
-- 4-7: step 10 of the process, settlement).
--
-- How spending relates to reserving. A commitment reserves what it is
-- worth (ledger 'reserve'); what it no longer needs is released
-- ('release'). An approved invoice row SPENDS from the reservation of its
-- commitment ('spend'): spending consumes the reservation, it does not
-- add to it. So per commitment
--     0 <= spent <= reserved - released             (CHECK below)
-- and per plan line, with held = reserved - released - spent (what the
-- commitments still hold for service not yet invoiced) and unreserved =
-- what no commitment holds:
--     granted - revoked = held + spent + unreserved,   every term >= 0
-- i.e. spent <= reserved - released <= granted - revoked: nothing is
-- ever spent beyond a line's grant. `budjetti check` (app/check.c)
-- verifies both per line and that the ledger's sums equal the
-- commitments' columns.
--
-- Conventions as in 001/002: money INTEGER cents, quantities INTEGER
-- hundredths, dates TEXT 'YYYY-MM-DD', timestamps INTEGER Unix seconds.

-- How long after a commitment ended (or was cut short) the provider may
-- still invoice for service delivered before the end (the organiser's
-- charging window, days; the admin's settings page).
ALTER TABLE organiser ADD COLUMN charge_days INTEGER NOT NULL DEFAULT 60
	CHECK (charge_days BETWEEN 0 AND 730);
-- The organiser's e-invoice address (OVT), the buyer of every invoice;
-- "" until set: then 0037 + its Y-tunnus digits.
ALTER TABLE organiser ADD COLUMN ovt TEXT NOT NULL DEFAULT '';

-- Each ledger entry names where it comes from: grant and revoke their
-- plan (the decision, plan_id), reserve and release their commitment,
-- spend its commitment and the invoice row (whose invoice a payment pays).
-- NULL in rows written before this migration.
ALTER TABLE ledger ADD COLUMN commitment_id INTEGER REFERENCES commitment(id);
ALTER TABLE ledger ADD COLUMN invoice_row_id INTEGER REFERENCES invoice_row(id);

ALTER TABLE commitment ADD COLUMN spent INTEGER NOT NULL DEFAULT 0
	CHECK (spent >= 0 AND spent <= reserved - released);

-- An invoice of a provider to the organiser. source: 'finvoice' (an
-- uploaded Finvoice 3.0), 'monthly' (a standing monthly commitment
-- invoiced for a month without events), 'events' (a period of confirmed
-- service events). reference: the payment reference we created
-- (viitenumero from the id, or RF), under which it is paid.
--   received -> approved (finance approved the rows that passed; at least
--               one) or refused (none passed) -> paid (a payment run paid it)
CREATE TABLE invoice (
	id		INTEGER PRIMARY KEY,
	organiser_id	INTEGER NOT NULL REFERENCES organiser(id),
	provider_id	INTEGER NOT NULL REFERENCES provider(id),
	source		TEXT NOT NULL CHECK (source IN ('finvoice', 'monthly', 'events')),
	number		TEXT NOT NULL,			-- the provider's invoice number
	period_from	TEXT NOT NULL,
	period_to	TEXT NOT NULL,
	invoice_date	TEXT NOT NULL,
	due_date	TEXT NOT NULL,
	reference	TEXT NOT NULL UNIQUE,
	buyer_ovt	TEXT NOT NULL,
	iban		TEXT NOT NULL,			-- the provider's account
	bic		TEXT NOT NULL DEFAULT '',
	state		TEXT NOT NULL DEFAULT 'received' CHECK (state IN ('received',
				'approved', 'refused', 'paid')),
	claimed		INTEGER NOT NULL CHECK (claimed >= 0),	-- sum of all rows
	approved	INTEGER NOT NULL DEFAULT 0 CHECK (approved >= 0),	-- rows approved
	message_id	TEXT NOT NULL DEFAULT '',	-- Finvoice MessageIdentifier
	created_by	INTEGER NOT NULL REFERENCES user(id),
	created_at	INTEGER NOT NULL,
	approved_by	INTEGER REFERENCES user(id),
	approved_at	INTEGER,
	CHECK (period_to >= period_from),
	CHECK (approved <= claimed),
	UNIQUE (provider_id, number)
);
CREATE INDEX invoice_state ON invoice(organiser_id, state, id);
CREATE INDEX invoice_provider ON invoice(provider_id, id);

-- One row: a commitment's service over a period. commitment_id is NULL
-- when the row matched none (then refused). code is the reason a row was
-- refused (err.invoice.* without the prefix), '' when it passed.
--   pending -> approved (ledger_id: its 'spend' row) | refused
CREATE TABLE invoice_row (
	id		INTEGER PRIMARY KEY,
	invoice_id	INTEGER NOT NULL REFERENCES invoice(id),
	position	INTEGER NOT NULL,
	commitment_id	INTEGER REFERENCES commitment(id),
	client_id	INTEGER REFERENCES client(id),
	plan_line_id	INTEGER REFERENCES plan_line(id),
	period_from	TEXT NOT NULL,
	period_to	TEXT NOT NULL,
	quantity	INTEGER NOT NULL CHECK (quantity >= 0),	-- hundredths
	unit_price	INTEGER NOT NULL CHECK (unit_price >= 0),
	amount		INTEGER NOT NULL CHECK (amount >= 0),
	text		TEXT NOT NULL DEFAULT '',
	state		TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending',
				'approved', 'refused')),
	code		TEXT NOT NULL DEFAULT '',
	detail		TEXT NOT NULL DEFAULT '',
	events		INTEGER NOT NULL DEFAULT 0 CHECK (events >= 0),	-- service events it covers
	ledger_id	INTEGER REFERENCES ledger(id),
	CHECK (state <> 'approved' OR (ledger_id IS NOT NULL AND code = '')),
	CHECK (state <> 'refused' OR code <> ''),
	UNIQUE (invoice_id, position)
);
CREATE INDEX invoice_row_invoice ON invoice_row(invoice_id, position);
CREATE INDEX invoice_row_line ON invoice_row(plan_line_id);
-- A commitment's period is invoiced once: a second row for the same
-- commitment and days that was not refused is a duplicate. (Rows made
-- from service events are invoiced once per event instead, below.)
CREATE UNIQUE INDEX invoice_row_once ON invoice_row(commitment_id,
	period_from, period_to) WHERE state <> 'refused' AND commitment_id IS NOT NULL
	AND events = 0;

-- The service events (migration 014) a row invoices. An event is invoiced
-- once: at most one active link; a refused row's links are made inactive
-- so its events can be invoiced again.
CREATE TABLE invoice_row_event (
	invoice_row_id	INTEGER NOT NULL REFERENCES invoice_row(id),
	event_id	INTEGER NOT NULL REFERENCES service_event(id),
	active		INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	PRIMARY KEY (invoice_row_id, event_id)
);
CREATE UNIQUE INDEX invoice_row_event_once ON invoice_row_event(event_id)
	WHERE active = 1;

-- A payment run: approved invoices gathered by one finance user, approved
-- by ANOTHER (four eyes), then written as pain.001 and recorded.
--   created -> approved -> (camt.054 imported: each payment paid/returned)
--   created -> cancelled
CREATE TABLE payment_run (
	id		INTEGER PRIMARY KEY,
	organiser_id	INTEGER NOT NULL REFERENCES organiser(id),
	state		TEXT NOT NULL DEFAULT 'created' CHECK (state IN ('created',
				'approved', 'cancelled')),
	msg_id		TEXT NOT NULL UNIQUE,		-- pain.001 MsgId
	execution_date	TEXT NOT NULL,
	total		INTEGER NOT NULL CHECK (total >= 0),
	created_by	INTEGER NOT NULL REFERENCES user(id),
	created_at	INTEGER NOT NULL,
	approved_by	INTEGER REFERENCES user(id),
	approved_at	INTEGER,
	pain03		TEXT,				-- the files written at approval
	pain09		TEXT,
	camt_msg_id	TEXT,				-- the notice imported
	CHECK (approved_by IS NULL OR approved_by <> created_by),
	CHECK (state <> 'approved' OR (approved_by IS NOT NULL AND pain03 IS NOT NULL))
);

-- One invoice in a run. end_to_end_id is what pain.001 gave the transfer
-- and camt.054 reports back. An invoice is paid once: at most one payment
-- of it that was not returned (and no invoice is in two open runs).
--   pending -> paid | returned (return_code, return_info)
CREATE TABLE payment (
	id		INTEGER PRIMARY KEY,
	run_id		INTEGER NOT NULL REFERENCES payment_run(id),
	invoice_id	INTEGER NOT NULL REFERENCES invoice(id),
	provider_id	INTEGER NOT NULL REFERENCES provider(id),
	amount		INTEGER NOT NULL CHECK (amount > 0),
	end_to_end_id	TEXT NOT NULL DEFAULT '',
	state		TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending',
				'paid', 'returned', 'cancelled')),
	return_code	TEXT NOT NULL DEFAULT '',
	return_info	TEXT NOT NULL DEFAULT '',
	booked_on	TEXT NOT NULL DEFAULT '',
	UNIQUE (run_id, invoice_id)
);
CREATE INDEX payment_run_rows ON payment(run_id, id);
CREATE INDEX payment_provider ON payment(provider_id, id);
CREATE UNIQUE INDEX payment_once ON payment(invoice_id)
	WHERE state IN ('pending', 'paid');
