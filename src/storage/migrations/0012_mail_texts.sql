-- A round's own wording of its messages, written by the survey team: per
-- kind of message (invitation, reminder, thanks) and language, the subject
-- and the text that opens the message. Without a row, the catalogue's
-- wording (templates/mail/messages.csv) is used.
CREATE TABLE mail_texts (
  id {{id}},
  round_id BIGINT NOT NULL REFERENCES rounds (id),
  kind TEXT NOT NULL,
  lang TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (round_id, kind, lang)
);
