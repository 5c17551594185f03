-- 014: a placeholder (see 013_placeholder.sql); drop it at merge in favour
-- of the real 014.
SELECT 1;
