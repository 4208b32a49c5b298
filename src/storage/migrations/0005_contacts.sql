-- The people in each organisation who are asked, by role.
CREATE TABLE contacts (
  id {{id}},
  organisation_code TEXT NOT NULL,
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  role TEXT NOT NULL,
  language TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX contacts_organisation ON contacts (organisation_code);
