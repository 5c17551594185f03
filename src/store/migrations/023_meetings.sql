-- 023: meetings with the client, also by video (issue 13 item 8). An
-- assessment or review meeting booked by the worker, at a time, at a place
-- or by a video call; moving it raises its sequence (the iCalendar
-- SEQUENCE, formats/ical.h), cancelling it keeps the row. Times are Unix
-- seconds (UTC); the pages show them in Europe/Helsinki.
CREATE TABLE meeting (
	id		INTEGER PRIMARY KEY,
	client_id	INTEGER NOT NULL REFERENCES client(id),
	organiser_id	INTEGER NOT NULL REFERENCES organiser(id),
	kind		TEXT NOT NULL CHECK (kind IN ('assessment', 'review')),
	starts_at	INTEGER NOT NULL,
	ends_at		INTEGER NOT NULL,
	place		TEXT NOT NULL DEFAULT '',	-- an address, or '' for video
	video_url	TEXT NOT NULL DEFAULT '',	-- the call's link, or ''
	note		TEXT NOT NULL DEFAULT '',
	state		TEXT NOT NULL DEFAULT 'booked' CHECK (state IN ('booked', 'cancelled')),
	sequence	INTEGER NOT NULL DEFAULT 0 CHECK (sequence >= 0),
	uid		TEXT NOT NULL UNIQUE,		-- the invitation's UID
	booked_by	INTEGER NOT NULL REFERENCES user(id),
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	CHECK (ends_at > starts_at),
	CHECK (place <> '' OR video_url <> '')
);
CREATE INDEX meeting_client ON meeting(client_id, starts_at);

-- The organiser's own video service: the base of every call's link (a
-- room name is added per meeting). '' = none (only meetings at a place).
CREATE TABLE organiser_video (
	organiser_id	INTEGER PRIMARY KEY REFERENCES organiser(id),
	base_url	TEXT NOT NULL DEFAULT '',
	updated_by	INTEGER REFERENCES user(id),
	updated_at	INTEGER NOT NULL
);

-- The outbox is rebuilt once more, now without a CHECK on its kind (the
-- app validates the kind, app/mail.h), so a new kind of letter needs no
-- rebuild; and a letter may carry an iCalendar invitation (ics, with its
-- METHOD for the Content-Type). The rows are kept as they are.
CREATE TABLE outbox_new (
	id		INTEGER PRIMARY KEY,
	organiser_id	INTEGER REFERENCES organiser(id),
	kind		TEXT NOT NULL,
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
	updated_at	INTEGER,
	ics		TEXT NOT NULL DEFAULT '',
	ics_method	TEXT NOT NULL DEFAULT '' CHECK (ics_method IN ('', 'REQUEST', 'CANCEL'))
);
INSERT INTO outbox_new (id, organiser_id, kind, dedupe_key, to_addr, to_name,
	subject, body, lang, state, attempts, next_at, last_error, created_by,
	created_at, sent_at, updated_at)
	SELECT id, organiser_id, kind, dedupe_key, to_addr, to_name, subject,
	body, lang, state, attempts, next_at, last_error, created_by,
	created_at, sent_at, updated_at FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_due ON outbox(next_at) WHERE state = 'queued';
CREATE INDEX outbox_list ON outbox(organiser_id, kind, id);
