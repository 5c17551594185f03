-- 013: held for the migration of another branch merged at the same time
-- (the runner needs consecutive numbers). Deliberately empty: the lead
-- replaces this file with that branch's 013 when merging.
SELECT 1;
