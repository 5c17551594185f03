-- 005_client_hetu_per_organiser: a client record belongs to one organiser,
-- and the identity code is unique only within it. A code unique across all
-- organisers let a worker of one organiser learn, from the refusal to
-- create a client, that a person was another organiser's disability
-- services client. SQLite cannot drop a column's UNIQUE, so the table is
-- rebuilt (foreign keys are off while migrations run; the references of
-- other tables follow the name "client").
CREATE TABLE client_new (
	id		INTEGER PRIMARY KEY,
	organiser_id	INTEGER NOT NULL REFERENCES organiser(id),
	hetu		TEXT NOT NULL,			-- stored whole, shown masked
	first_name	TEXT NOT NULL,
	last_name	TEXT NOT NULL,
	lang		TEXT NOT NULL DEFAULT 'fi' CHECK (lang IN ('fi', 'sv')),
	municipality	TEXT,
	email		TEXT,
	phone		TEXT,
	address		TEXT,
	communication	TEXT,				-- communication needs, free text
	easy_read	INTEGER NOT NULL DEFAULT 0 CHECK (easy_read IN (0, 1)),
	worker_id	INTEGER REFERENCES user(id),
	unit_id		INTEGER REFERENCES unit(id),
	created_at	INTEGER NOT NULL,
	search_key	TEXT NOT NULL DEFAULT '',
	updated_at	INTEGER,
	UNIQUE (organiser_id, hetu)
);
INSERT INTO client_new (id, organiser_id, hetu, first_name, last_name, lang,
	municipality, email, phone, address, communication, easy_read,
	worker_id, unit_id, created_at, search_key, updated_at)
SELECT id, organiser_id, hetu, first_name, last_name, lang, municipality,
	email, phone, address, communication, easy_read, worker_id, unit_id,
	created_at, search_key, updated_at FROM client;
DROP TABLE client;
ALTER TABLE client_new RENAME TO client;
CREATE INDEX client_worker ON client(worker_id);
CREATE INDEX client_unit ON client(unit_id);
CREATE INDEX client_hetu ON client(hetu);
