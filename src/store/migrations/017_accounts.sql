-- 017: accounts people can manage, and a second factor for staff (issue
-- 12, items 3 and 4).
--
-- A user gets an e-mail address (where a set-password link is sent); the
-- active flag of 001 is what an administrator turns off and on again.
-- A TOTP secret (RFC 6238, 20 random bytes) is kept raw: the project has
-- no database key material to encrypt it with (hetu is not encrypted
-- either); the database file must be protected as a whole. totp_pending
-- is a secret shown for enrolment and not yet confirmed with a code;
-- totp_last_step is the last time step whose code was accepted, so a code
-- is never accepted twice.
ALTER TABLE user ADD COLUMN email TEXT;
ALTER TABLE user ADD COLUMN totp_secret BLOB;
ALTER TABLE user ADD COLUMN totp_pending BLOB;
ALTER TABLE user ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;

-- A session records the browser it was opened in (shown on the user's
-- own page), when a second factor was last given in it (a fresh code
-- for approving), and whether it still waits for the code of a sign-in
-- (pending = 1: not signed in yet).
ALTER TABLE session ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
ALTER TABLE session ADD COLUMN factor_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE session ADD COLUMN pending INTEGER NOT NULL DEFAULT 0
	CHECK (pending IN (0, 1));
CREATE INDEX session_last_seen ON session(last_seen);

-- One-time links: set a password (staff, from an administrator) or
-- activate a client's account (from the worker). Only the hash of the
-- link's random token is kept; a link is used once and expires.
CREATE TABLE password_link (
	id		INTEGER PRIMARY KEY,
	token_hash	BLOB NOT NULL UNIQUE,
	user_id		INTEGER NOT NULL REFERENCES user(id),
	purpose		TEXT NOT NULL CHECK (purpose IN ('set_password', 'activate')),
	created_by	INTEGER REFERENCES user(id),
	created_at	INTEGER NOT NULL,
	expires_at	INTEGER NOT NULL,
	used_at		INTEGER
);
CREATE INDEX password_link_user ON password_link(user_id);

-- Recovery codes of a TOTP enrolment: ten, each used once, kept hashed.
CREATE TABLE recovery_code (
	id		INTEGER PRIMARY KEY,
	user_id		INTEGER NOT NULL REFERENCES user(id),
	code_hash	BLOB NOT NULL,
	used_at		INTEGER,
	UNIQUE (user_id, code_hash)
);

-- The outbox learns the set-password and activation letters (the table
-- is rebuilt as in 011: SQLite cannot alter a CHECK).
CREATE TABLE outbox_new (
	id		INTEGER PRIMARY KEY,
	organiser_id	INTEGER REFERENCES organiser(id),
	kind		TEXT NOT NULL CHECK (kind IN ('invitation',
				'commitment_made', 'commitment_ended',
				'set_password', 'activate')),
	dedupe_key	TEXT NOT NULL UNIQUE,
	to_addr		TEXT NOT NULL,
	to_name		TEXT NOT NULL DEFAULT '',
	subject		TEXT NOT NULL,
	body		TEXT NOT NULL,
	lang		TEXT NOT NULL CHECK (lang IN ('fi', 'sv', 'fi+sv', 'en')),
	state		TEXT NOT NULL DEFAULT 'queued'
				CHECK (state IN ('queued', 'sent', 'failed')),
	attempts	INTEGER NOT NULL DEFAULT 0,
	next_at		INTEGER NOT NULL,
	last_error	TEXT NOT NULL DEFAULT '',
	created_by	INTEGER REFERENCES user(id),
	created_at	INTEGER NOT NULL,
	sent_at		INTEGER,
	updated_at	INTEGER
);
INSERT INTO outbox_new SELECT id, organiser_id, kind, dedupe_key, to_addr,
	to_name, subject, body, lang, state, attempts, next_at, last_error,
	created_by, created_at, sent_at, updated_at FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_due ON outbox(next_at) WHERE state = 'queued';
CREATE INDEX outbox_list ON outbox(organiser_id, kind, id);
