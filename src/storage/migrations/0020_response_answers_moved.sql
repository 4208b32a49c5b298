-- only: sqlite
-- Every response's answers (migration 19) from the table `answers`, in
-- their key's order, which the object keeps.
INSERT INTO response_answers (response_id, answers)
  SELECT response_id, json_group_object(name, value)
  FROM (SELECT response_id, name, value FROM answers ORDER BY response_id, name)
  GROUP BY response_id;
DROP TABLE answers;
