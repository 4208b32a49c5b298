-- A stage's name in Swedish and English (issue 23: stage names on the
-- results site in the page's language); `name` is its Finnish name, or its
-- only one, which the others fall back to.
ALTER TABLE stages ADD COLUMN name_sv TEXT NOT NULL DEFAULT '';
ALTER TABLE stages ADD COLUMN name_en TEXT NOT NULL DEFAULT '';
