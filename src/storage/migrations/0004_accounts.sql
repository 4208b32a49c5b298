-- Staff accounts; passwords as argon2id hashes.
CREATE TABLE users (
  id {{id}},
  name TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL,               -- administrator, analyst, coordinator
  organisation_code TEXT NOT NULL,  -- a coordinator's organisation, else ''
  language TEXT NOT NULL,
  created_at TEXT NOT NULL
);

-- Signed-in browsers; only the id's hash is kept.
CREATE TABLE staff_sessions (
  id_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users (id),
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);

-- Failed sign-ins by account ("account:NAME") and address ("address:IP").
CREATE TABLE sign_in_failures (
  key TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX sign_in_failures_key ON sign_in_failures (key, at);

-- What staff did.
CREATE TABLE audit_log (
  id {{id}},
  at TEXT NOT NULL,
  user_name TEXT NOT NULL,
  action TEXT NOT NULL,
  object TEXT NOT NULL,
  detail TEXT NOT NULL
);
