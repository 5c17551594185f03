-- 012: what only the organiser can supply and every decision and the
-- accessibility statement must show: the registry office (kirjaamo) where
-- a request for review is sent, its e-mail and opening hours, and the
-- address for feedback on accessibility. Set on the admin's settings page;
-- empty until then (the pages then say to ask the worker, never a dummy).
ALTER TABLE organiser ADD COLUMN registry_address TEXT NOT NULL DEFAULT '';
ALTER TABLE organiser ADD COLUMN registry_email TEXT NOT NULL DEFAULT '';
ALTER TABLE organiser ADD COLUMN registry_hours TEXT NOT NULL DEFAULT '';
ALTER TABLE organiser ADD COLUMN a11y_email TEXT NOT NULL DEFAULT '';
