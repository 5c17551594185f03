-- 021: budget against use (issue 14 item 1: app/usage.h).
--
-- The usage report sums, per plan line, the ledger (granted, reserved,
-- spent) and the service events (delivered) up to a day. Both sums read
-- only covering indexes, so a county-wide report walks two indexes in
-- line order and never the tables: service events by line and day with
-- their state and amount, and the ledger by line and day with its kind,
-- amount and invoice row (a spend from a row that covers events is not
-- counted twice). The covering ledger index has ledger_line's prefix and
-- replaces it.
CREATE INDEX service_event_line ON service_event(plan_line_id, on_date, state, amount);
CREATE INDEX ledger_line_sums ON ledger(plan_line_id, on_date, kind, amount, invoice_row_id);
DROP INDEX ledger_line;

-- The organiser's thresholds of the alerts on the worker's home (the
-- admin's settings page): a line is under-used when at least
-- usage_from_pct % of its period has passed and it is used at less than
-- usage_pace_pct % of an even pace; a line is about to run out when at
-- its pace so far it runs out within usage_warn_days days (or already
-- has).
ALTER TABLE organiser ADD COLUMN usage_from_pct INTEGER NOT NULL DEFAULT 50
	CHECK (usage_from_pct BETWEEN 1 AND 100);
ALTER TABLE organiser ADD COLUMN usage_pace_pct INTEGER NOT NULL DEFAULT 50
	CHECK (usage_pace_pct BETWEEN 1 AND 100);
ALTER TABLE organiser ADD COLUMN usage_warn_days INTEGER NOT NULL DEFAULT 60
	CHECK (usage_warn_days BETWEEN 1 AND 365);
