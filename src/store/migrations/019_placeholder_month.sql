-- 019: a placeholder so that the pilot branch runs on its own (the
-- runner wants consecutive numbers). DROP THIS FILE when the branch that owns
-- this number is merged.
SELECT 1;
