-- 004_mandate_end: ending a mandate takes effect at once. Its last day
-- (valid_to) alone gave the representative the rest of that day, and a
-- mandate that had not started could not be withdrawn at all (valid_to
-- may not precede valid_from). ended_at (Unix seconds) marks a mandate
-- ended or withdrawn by a worker (ended_by); from that moment it gives no
-- access, whatever its dates say.
ALTER TABLE mandate ADD COLUMN ended_at INTEGER;
ALTER TABLE mandate ADD COLUMN ended_by INTEGER REFERENCES user(id);
