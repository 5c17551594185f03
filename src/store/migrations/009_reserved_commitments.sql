-- 009: reserved for the commitments slice (branch commitments), which
-- brings its own 009. This placeholder only keeps the numbering
-- contiguous on the outbox branch; at merge the commitments file
-- replaces it (a database that ran this no-op is at version 9 all the
-- same, and the commitments migration must not be skipped there: it
-- is never deployed, the branches merge before a release).
SELECT 1;
