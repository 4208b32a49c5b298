-- Browsers a staff user has signed in from: a correct password from one of
-- them is accepted even while others' failures slow the account down. Only
-- the cookie's hash is kept.
CREATE TABLE known_devices (
  id_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users (id),
  expires_at TEXT NOT NULL
);
CREATE INDEX known_devices_user ON known_devices (user_id);

-- A disabled user can no longer sign in; the name stays for the audit log.
-- '' while enabled, else when it was disabled.
ALTER TABLE users ADD COLUMN disabled_at TEXT NOT NULL DEFAULT '';

-- When a session was last used, so that it ends after a time without use.
ALTER TABLE staff_sessions ADD COLUMN seen_at TEXT NOT NULL DEFAULT '';
