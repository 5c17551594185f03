-- 028: fewer B-trees for what settling a month writes (issue 11 speed:
-- an invoice row, its events' links and an approval's ledger rows).
--  * invoice_row_invoice (invoice_id, position) is the table's own
--    UNIQUE (invoice_id, position) a second time.
--  * ledger_client (client_id) is the first column of ledger_client_line
--    (client_id, plan_id, plan_line_id), which serves the same lookups.
--  * invoice_row_event is keyed by its primary key (invoice_row_id,
--    event_id) alone (WITHOUT ROWID): a link was written into a rowid
--    table and a copy of the key beside it; no one used the rowid.
DROP INDEX invoice_row_invoice;
DROP INDEX ledger_client;

CREATE TABLE invoice_row_event_keyed (
	invoice_row_id	INTEGER NOT NULL REFERENCES invoice_row(id),
	event_id	INTEGER NOT NULL REFERENCES service_event(id),
	active		INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	PRIMARY KEY (invoice_row_id, event_id)
) WITHOUT ROWID;
INSERT INTO invoice_row_event_keyed (invoice_row_id, event_id, active)
	SELECT invoice_row_id, event_id, active FROM invoice_row_event;
DROP TABLE invoice_row_event;
ALTER TABLE invoice_row_event_keyed RENAME TO invoice_row_event;
CREATE UNIQUE INDEX invoice_row_event_once ON invoice_row_event(event_id)
	WHERE active = 1;
