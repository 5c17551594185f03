-- 003_idempotency: what a retried write must match. A key used again with
-- another method, path or body is a different request, refused instead of
-- answered with the first one's response. status 0 marks a request still
-- running (its answer is not known yet).
ALTER TABLE idempotency ADD COLUMN request_hash BLOB;
CREATE INDEX idempotency_created ON idempotency(created_at);
