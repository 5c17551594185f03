-- 027: two indexes that every write paid for and no read needed (issue 11
-- speed: a service event is recorded into fewer B-trees; issue 9: a
-- use-log row too).
--  * service_event_commitment (commitment_id, on_date) is the first two
--    columns of the table's own UNIQUE (commitment_id, on_date,
--    external_id), which SQLite uses for the same lookups.
--  * uselog_client (client_id, at): a client's use log is read newest
--    first by id through uselog_client_row (client_id, that is client_id
--    and rowid), and a period is a filter on that walk; no query looks
--    a client's rows up by time.
DROP INDEX service_event_commitment;
DROP INDEX uselog_client;
