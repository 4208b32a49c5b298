-- Invitations to contacts: the contact, the nonce their mailed link is
-- derived from (never the token), and where they stand.
ALTER TABLE invitations ADD COLUMN contact_id BIGINT REFERENCES contacts (id);
ALTER TABLE invitations ADD COLUMN link_nonce TEXT NOT NULL DEFAULT '';
ALTER TABLE invitations ADD COLUMN status TEXT NOT NULL DEFAULT 'created';
ALTER TABLE invitations ADD COLUMN status_at TEXT NOT NULL DEFAULT '';

-- Every change of an invitation's status.
CREATE TABLE invitation_events (
  invitation_id BIGINT NOT NULL REFERENCES invitations (id),
  status TEXT NOT NULL,
  at TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX invitation_events_invitation ON invitation_events (invitation_id);

-- Messages waiting to be sent, and sent ones (without their text).
CREATE TABLE outbox (
  id {{id}},
  invitation_id BIGINT NOT NULL REFERENCES invitations (id),
  kind TEXT NOT NULL,             -- invitation, reminder, thanks
  state TEXT NOT NULL,            -- pending, sent, failed
  attempts INTEGER NOT NULL,
  next_attempt_at TEXT NOT NULL,
  last_error TEXT NOT NULL,
  created_at TEXT NOT NULL,
  sent_at TEXT
);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
