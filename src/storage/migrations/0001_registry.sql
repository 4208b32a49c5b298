-- Registry versions: each load or import saves a whole new version; a round
-- pins one, so later imports never change past rounds.
CREATE TABLE registry_versions (
  id {{id}},
  as_of TEXT NOT NULL,             -- YYYY-MM-DD, in force from
  created_at TEXT NOT NULL,        -- ISO 8601 UTC
  note TEXT NOT NULL
);
CREATE INDEX registry_versions_as_of ON registry_versions (as_of, id);

CREATE TABLE organisations (
  version_id BIGINT NOT NULL REFERENCES registry_versions (id),
  code TEXT NOT NULL,
  kind TEXT NOT NULL,
  name_fi TEXT NOT NULL,
  name_sv TEXT NOT NULL,
  name_en TEXT NOT NULL,
  active_from TEXT,
  active_to TEXT,
  PRIMARY KEY (version_id, code)
);

CREATE TABLE organisation_attributes (
  version_id BIGINT NOT NULL,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  type TEXT NOT NULL,              -- text | integer | number
  text_value TEXT,
  integer_value BIGINT,
  number_value DOUBLE PRECISION,
  PRIMARY KEY (version_id, code, name),
  FOREIGN KEY (version_id, code) REFERENCES organisations (version_id, code)
);

CREATE TABLE dimensions (
  version_id BIGINT NOT NULL REFERENCES registry_versions (id),
  id TEXT NOT NULL,
  position INTEGER NOT NULL,
  rule TEXT NOT NULL,              -- kind | attribute | bands
  attribute TEXT NOT NULL,
  label_fi TEXT NOT NULL,
  label_sv TEXT NOT NULL,
  label_en TEXT NOT NULL,
  label_attribute_fi TEXT NOT NULL,
  label_attribute_sv TEXT NOT NULL,
  label_attribute_en TEXT NOT NULL,
  PRIMARY KEY (version_id, id)
);

CREATE TABLE dimension_categories (
  version_id BIGINT NOT NULL,
  dimension_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  code TEXT NOT NULL,
  label_fi TEXT NOT NULL,
  label_sv TEXT NOT NULL,
  label_en TEXT NOT NULL,
  lower_bound BIGINT,
  PRIMARY KEY (version_id, dimension_id, code),
  FOREIGN KEY (version_id, dimension_id) REFERENCES dimensions (version_id, id)
);
