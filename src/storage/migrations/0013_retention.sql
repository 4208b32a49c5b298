-- When a round's personal data ends: on erase_on (YYYY-MM-DD) the contacts
-- invited in the round are erased and its links revoked (the responses stay,
-- tied to their organisations); erased_at says when that was done.
ALTER TABLE rounds ADD COLUMN erase_on TEXT;
ALTER TABLE rounds ADD COLUMN erased_at TEXT;
