-- Whether a round takes answers after a stage has closed (1) or not (0).
ALTER TABLE rounds ADD COLUMN late_answers INTEGER NOT NULL DEFAULT 0;
