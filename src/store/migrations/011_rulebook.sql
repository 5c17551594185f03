-- 011: the rulebook (issue 10, item 3) and letters to providers about
-- their commitments (item 8).
--
-- A rulebook version is the organiser's text in force from effective_on:
-- a general part and, per service, a part of its own, each in Finnish and
-- Swedish. A version is never edited; a change is a new version. The
-- version in force on a day is the one with the latest effective_on not
-- after that day. A provider's admin accepts a version; every acceptance
-- is a row of its own (the history: who, when, which version).
CREATE TABLE rulebook (
	id		INTEGER PRIMARY KEY,
	organiser_id	INTEGER NOT NULL REFERENCES organiser(id),
	effective_on	TEXT NOT NULL,			-- YYYY-MM-DD
	general_fi	TEXT NOT NULL,
	general_sv	TEXT NOT NULL,
	created_by	INTEGER NOT NULL REFERENCES user(id),
	created_at	INTEGER NOT NULL,
	UNIQUE (organiser_id, effective_on)
);
CREATE TABLE rulebook_part (
	rulebook_id	INTEGER NOT NULL REFERENCES rulebook(id),
	service_id	INTEGER NOT NULL REFERENCES service(id),
	text_fi		TEXT NOT NULL,
	text_sv		TEXT NOT NULL,
	PRIMARY KEY (rulebook_id, service_id)
) WITHOUT ROWID;
CREATE TABLE rulebook_acceptance (
	id		INTEGER PRIMARY KEY,
	rulebook_id	INTEGER NOT NULL REFERENCES rulebook(id),
	provider_id	INTEGER NOT NULL REFERENCES provider(id),
	accepted_by	INTEGER NOT NULL REFERENCES user(id),
	accepted_at	INTEGER NOT NULL,
	UNIQUE (provider_id, rulebook_id)
);

-- The outbox learns the letters about commitments. SQLite cannot alter a
-- CHECK, so the table is rebuilt the way SQLite documents (new, copy,
-- drop, rename; foreign keys are off while migrations run).
CREATE TABLE outbox_new (
	id		INTEGER PRIMARY KEY,
	organiser_id	INTEGER REFERENCES organiser(id),
	kind		TEXT NOT NULL CHECK (kind IN ('invitation',
				'commitment_made', 'commitment_ended')),
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
