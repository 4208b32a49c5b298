-- A response's answers in one row (issue 24): a JSON object of question
-- name to answer, its names in bytes' order. A page saved rewrites its
-- response's row, a few kilobytes; an export of 100,000 responses × 50
-- questions reads 100,000 rows rather than 5,000,000 (the CSV in under
-- 1.4 s). Migrations 20 (SQLite) and 21 (PostgreSQL) move the answers of
-- the table `answers` here and drop it.
CREATE TABLE response_answers (
  response_id INTEGER PRIMARY KEY REFERENCES responses (id),
  answers TEXT NOT NULL
);
