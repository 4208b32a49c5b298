-- Form versions: the canonical workbook of each imported form, immutable.
CREATE TABLE form_versions (
  id {{id}},
  form_id TEXT NOT NULL,
  number INTEGER NOT NULL,
  content_hash TEXT NOT NULL,
  title_fi TEXT NOT NULL,
  title_sv TEXT NOT NULL,
  title_en TEXT NOT NULL,
  languages TEXT NOT NULL,         -- "fi sv en"
  sections TEXT NOT NULL,          -- "1 2 3"
  question_count INTEGER NOT NULL,
  source TEXT NOT NULL,
  imported_at TEXT NOT NULL,       -- ISO 8601 UTC
  content TEXT NOT NULL,           -- the canonical workbook as JSON
  UNIQUE (form_id, number),
  UNIQUE (form_id, content_hash)
);

-- A series ("Municipal digitalisation mapping") has rounds (2021, 2024...).
CREATE TABLE series (
  id {{id}},
  code TEXT NOT NULL UNIQUE,
  title_fi TEXT NOT NULL,
  title_sv TEXT NOT NULL,
  title_en TEXT NOT NULL
);

CREATE TABLE rounds (
  id {{id}},
  series_id BIGINT NOT NULL REFERENCES series (id),
  code TEXT NOT NULL UNIQUE,
  year INTEGER NOT NULL,
  title_fi TEXT NOT NULL,
  title_sv TEXT NOT NULL,
  title_en TEXT NOT NULL,
  registry_version_id BIGINT NOT NULL REFERENCES registry_versions (id),
  created_at TEXT NOT NULL
);

-- A form version addressed to one target group of a round.
CREATE TABLE questionnaires (
  id {{id}},
  round_id BIGINT NOT NULL REFERENCES rounds (id),
  target_group TEXT NOT NULL,
  label_fi TEXT NOT NULL,
  label_sv TEXT NOT NULL,
  label_en TEXT NOT NULL,
  form_version_id BIGINT NOT NULL REFERENCES form_versions (id),
  UNIQUE (round_id, target_group)
);

-- Which sections are collected and published when.
CREATE TABLE stages (
  round_id BIGINT NOT NULL REFERENCES rounds (id),
  number INTEGER NOT NULL,
  name TEXT NOT NULL,
  sections TEXT NOT NULL,          -- "1 2"
  opens TEXT NOT NULL,             -- YYYY-MM-DD
  closes TEXT NOT NULL,
  publishes TEXT NOT NULL,
  PRIMARY KEY (round_id, number)
);
