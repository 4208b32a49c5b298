-- Reminders planned for a date. The server queues each once, on or after
-- its date, together with marking it done.
CREATE TABLE reminder_schedule (
  id {{id}},
  round_id BIGINT NOT NULL REFERENCES rounds (id),
  send_on TEXT NOT NULL,           -- YYYY-MM-DD
  unopened_only INTEGER NOT NULL,  -- 1: only those who have not opened their link
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  done_at TEXT,                    -- when the reminders were queued
  reminded INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX reminder_schedule_due ON reminder_schedule (done_at, send_on);
