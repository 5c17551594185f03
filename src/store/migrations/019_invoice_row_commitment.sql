-- 019_invoice_row_commitment.sql: an index of invoice rows by commitment.
-- The duplicate check of a Finvoice or monthly row (store_invoice.c,
-- bud_store_invoice_overlaps) asks for a commitment's rows over a period;
-- invoice_row_once only covers the plain rows, so every other row of a
-- county's month scanned the whole table (found by budjetti settle at
-- 100 000 clients).
CREATE INDEX invoice_row_commitment ON invoice_row(commitment_id, period_to)
	WHERE commitment_id IS NOT NULL;
