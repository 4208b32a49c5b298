-- A round's results settings (a results.toml's text: disclosure rules,
-- weighting, breakdowns, merging, indices), kept with the round so that a
-- release can be built from the workspace; NULL: the defaults.
ALTER TABLE rounds ADD COLUMN results_settings TEXT;
