-- only: postgres
-- Every response's answers (migration 19) from the table `answers`, their
-- names in bytes' order.
INSERT INTO response_answers (response_id, answers)
  SELECT response_id, json_object_agg(name, value ORDER BY name COLLATE "C")::text
  FROM answers GROUP BY response_id;
DROP TABLE answers;
