-- 006_idempotency_instance: decide a key whose request never finished
-- (the server was killed between claim and answer). instance is the
-- random id of the server run that claimed the key; committed is set to 1
-- inside the same transaction as the request's own write. A claim of an
-- earlier run with committed 0 did not write: it is released and run
-- again; with committed 1 it wrote and the answer is lost. Rows claimed
-- before this migration have both NULL: whether they wrote is unknown.
ALTER TABLE idempotency ADD COLUMN instance TEXT;
ALTER TABLE idempotency ADD COLUMN committed INTEGER;
