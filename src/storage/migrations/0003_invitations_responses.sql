-- Invitations: personal links; only the token's hash is kept.
CREATE TABLE invitations (
  id {{id}},
  token_hash TEXT NOT NULL UNIQUE,
  round_id BIGINT NOT NULL REFERENCES rounds (id),
  questionnaire_id BIGINT NOT NULL REFERENCES questionnaires (id),
  organisation_code TEXT NOT NULL,
  role TEXT NOT NULL,
  language TEXT NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE INDEX invitations_round ON invitations (round_id);

-- Browser sessions opened by following a link; only the id's hash is kept.
CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  invitation_id BIGINT NOT NULL REFERENCES invitations (id),
  csrf_token TEXT NOT NULL,
  language TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);

-- One response per invitation, with its answers by item name.
CREATE TABLE responses (
  id {{id}},
  invitation_id BIGINT NOT NULL UNIQUE REFERENCES invitations (id),
  questionnaire_id BIGINT NOT NULL REFERENCES questionnaires (id),
  form_version_id BIGINT NOT NULL REFERENCES form_versions (id),
  status TEXT NOT NULL,            -- draft, submitted
  page INTEGER NOT NULL,
  started_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  submitted_at TEXT,
  reference TEXT NOT NULL
);

CREATE TABLE answers (
  response_id BIGINT NOT NULL REFERENCES responses (id),
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (response_id, name)
);
