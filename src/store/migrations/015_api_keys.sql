-- 015: API keys of providers' care systems (issue 11, item 3). A provider's
-- admin makes a key for the provider's own care software; the key's secret
-- is shown once and kept here only as a keyed hash (HMAC-SHA-256 with the
-- key's own random salt), found by its short public id without scanning.
-- Each key acts as an account of its own (user_id: role provider_user of
-- the provider, never active, with no password), so every use-log row,
-- every idempotency key and every row it writes names the key. A key has
-- scopes ("commitments:read events:write"), is revoked once and for all,
-- and remembers when it was last used (refreshed at most once a minute).
CREATE TABLE api_key (
	id		INTEGER PRIMARY KEY,
	provider_id	INTEGER NOT NULL REFERENCES provider(id),
	user_id		INTEGER NOT NULL UNIQUE REFERENCES user(id),
	public_id	TEXT NOT NULL UNIQUE CHECK (length(public_id) = 12),
	salt		BLOB NOT NULL CHECK (length(salt) = 32),
	secret_hash	BLOB NOT NULL CHECK (length(secret_hash) = 32),
	name		TEXT NOT NULL CHECK (length(name) > 0),
	scopes		TEXT NOT NULL CHECK (length(scopes) > 0),
	created_by	INTEGER REFERENCES user(id),	-- NULL: budjetti apikey (the command line)
	created_at	INTEGER NOT NULL,
	last_used_at	INTEGER,
	revoked_at	INTEGER,
	revoked_by	INTEGER REFERENCES user(id),	-- NULL with revoked_at: the command line
	CHECK (revoked_by IS NULL OR revoked_at IS NOT NULL)
);
CREATE INDEX api_key_provider ON api_key(provider_id, id);
-- What identifies and proves a key never changes; a revoked key stays so.
CREATE TRIGGER api_key_fixed BEFORE UPDATE OF provider_id, user_id, public_id,
	salt, secret_hash, created_by, created_at ON api_key
	BEGIN SELECT RAISE(ABORT, 'api_key identity is fixed'); END;
CREATE TRIGGER api_key_revoked BEFORE UPDATE OF revoked_at, revoked_by ON api_key
	WHEN OLD.revoked_at IS NOT NULL
	BEGIN SELECT RAISE(ABORT, 'api_key is revoked'); END;
CREATE TRIGGER api_key_no_delete BEFORE DELETE ON api_key
	BEGIN SELECT RAISE(ABORT, 'api_key rows are kept'); END;
