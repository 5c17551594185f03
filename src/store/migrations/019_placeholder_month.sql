-- 019: a placeholder so that the usage branch runs on its own (the
-- runner wants consecutive numbers). DROP THIS FILE when the month branch,
-- which owns this number, is merged.
SELECT 1;
