-- A test link (1): the survey team answers a questionnaire as a respondent
-- would, to try it; its answers are never counted, exported or published,
-- and it is in no list of the round's invitations (issue 24).
ALTER TABLE invitations ADD COLUMN test INTEGER NOT NULL DEFAULT 0;
