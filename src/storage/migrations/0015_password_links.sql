-- Staff's email addresses, for links to set a password; '' if none given.
ALTER TABLE users ADD COLUMN email TEXT NOT NULL DEFAULT '';

-- Links mailed to staff to set their password: only the token's hash is
-- kept; a link works once, until it expires.
CREATE TABLE password_links (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX password_links_user ON password_links (user_id);
