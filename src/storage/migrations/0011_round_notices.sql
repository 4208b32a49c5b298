-- What a round's respondents read on the start page, in three languages:
-- how their answers are used (the privacy notice) and whom to ask.
ALTER TABLE rounds ADD COLUMN privacy_fi TEXT NOT NULL DEFAULT '';
ALTER TABLE rounds ADD COLUMN privacy_sv TEXT NOT NULL DEFAULT '';
ALTER TABLE rounds ADD COLUMN privacy_en TEXT NOT NULL DEFAULT '';
ALTER TABLE rounds ADD COLUMN contact_fi TEXT NOT NULL DEFAULT '';
ALTER TABLE rounds ADD COLUMN contact_sv TEXT NOT NULL DEFAULT '';
ALTER TABLE rounds ADD COLUMN contact_en TEXT NOT NULL DEFAULT '';
