-- 007: indexes the paged lists need, so a page costs its rows and not a
-- sort of everything before it.
--  * The use log of a client is paged newest first by id (the "who has
--    seen my data" page and GET /api/clients/{id}/uselog). An index on
--    client_id alone is (client_id, rowid) in SQLite: the rows come out in
--    id order with no temporary B-tree, however long the log grows.
--  * A client's budget status groups the ledger by plan and line: with
--    (client_id, plan_id, plan_line_id) the grouping reads the index in
--    order instead of sorting.
CREATE INDEX uselog_client_row ON uselog(client_id);
CREATE INDEX ledger_client_line ON ledger(client_id, plan_id, plan_line_id);
