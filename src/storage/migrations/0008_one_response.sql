-- Whether a questionnaire takes one response per organisation and target
-- group (colleagues share it) or one per person.
ALTER TABLE questionnaires ADD COLUMN responses_per TEXT NOT NULL DEFAULT 'organisation';

-- A shared response's place: "QUESTIONNAIRE:ORGANISATION"; NULL for one of
-- a person's own. Unique, so that two colleagues starting at once share one.
ALTER TABLE responses ADD COLUMN slot TEXT;
CREATE UNIQUE INDEX responses_slot ON responses (slot);

-- A colleague's request to take over a shared response, and its answer.
CREATE TABLE handovers (
  id {{id}},
  response_id BIGINT NOT NULL REFERENCES responses (id),
  from_invitation_id BIGINT NOT NULL REFERENCES invitations (id),
  to_invitation_id BIGINT NOT NULL REFERENCES invitations (id),
  requested_at TEXT NOT NULL,
  decided_at TEXT,
  decision TEXT                   -- agreed, declined
);
CREATE INDEX handovers_from ON handovers (from_invitation_id);
CREATE INDEX handovers_to ON handovers (to_invitation_id);
