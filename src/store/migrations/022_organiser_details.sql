-- 022: the rest of what only the
-- organiser can supply (issue 13 item 1),
-- so that no decision and no accessibility statement ever shows a
-- placeholder. The registry's address and hours of 012 are the Finnish
-- texts; their Swedish ones come beside them. The appeal authority is the
-- administrative court that hears an appeal against the decision on a
-- request for review (named in every decision's instructions). The
-- accessibility statement's feedback channel (the e-mail of 012, and a
-- phone) and its supervisory authority (name and web address). The logo:
-- a PNG checked by app/settings.c (size and dimensions in bud_limits.h);
-- logo_version counts its changes (0: none) so a page can link the current
-- one. All empty until the admin sets them: the pages then say to ask the
-- worker, and a decision cannot be approved while what it needs is empty.
ALTER TABLE organiser ADD COLUMN registry_address_sv TEXT NOT NULL DEFAULT '';
ALTER TABLE organiser ADD COLUMN registry_hours_sv TEXT NOT NULL DEFAULT '';
ALTER TABLE organiser ADD COLUMN registry_phone TEXT NOT NULL DEFAULT '';
ALTER TABLE organiser ADD COLUMN appeal_name_fi TEXT NOT NULL DEFAULT '';
ALTER TABLE organiser ADD COLUMN appeal_name_sv TEXT NOT NULL DEFAULT '';
ALTER TABLE organiser ADD COLUMN appeal_address_fi TEXT NOT NULL DEFAULT '';
ALTER TABLE organiser ADD COLUMN appeal_address_sv TEXT NOT NULL DEFAULT '';
ALTER TABLE organiser ADD COLUMN a11y_phone TEXT NOT NULL DEFAULT '';
ALTER TABLE organiser ADD COLUMN a11y_supervisor_fi TEXT NOT NULL DEFAULT '';
ALTER TABLE organiser ADD COLUMN a11y_supervisor_sv TEXT NOT NULL DEFAULT '';
ALTER TABLE organiser ADD COLUMN a11y_supervisor_url TEXT NOT NULL DEFAULT '';
ALTER TABLE organiser ADD COLUMN logo_png BLOB;
ALTER TABLE organiser ADD COLUMN logo_version INTEGER NOT NULL DEFAULT 0;
