-- 026: indexes for the reads of a client's page (issue 9 item 1: a page
-- costs its rows, not a sort or a scan).
--  * A client's mandates are listed newest first (valid_from, then id):
--    with (client_id, valid_from) the rows come out of the index in that
--    order (the id is the index's rowid), with no temporary B-tree. It
--    serves every lookup by client_id as well, so it replaces
--    mandate_client.
--  * A client's own account (the page's account box, the sign-in through
--    strong identification) is found by user.client_id, which had no
--    index: every client page scanned the whole user table.
CREATE INDEX mandate_client_from ON mandate(client_id, valid_from);
DROP INDEX mandate_client;
CREATE INDEX user_client ON user(client_id) WHERE client_id IS NOT NULL;
