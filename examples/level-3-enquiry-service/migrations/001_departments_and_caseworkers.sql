CREATE TABLE departments (
  code text PRIMARY KEY,
  name text NOT NULL
);

INSERT INTO departments (code, name) VALUES
  ('dwp', 'Department for Work and Pensions'),
  ('dfe', 'Department for Education'),
  ('dhsc', 'Department of Health and Social Care');

CREATE TABLE caseworkers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  oidc_subject text NOT NULL UNIQUE,
  email text NOT NULL,
  display_name text NOT NULL,
  department_code text NOT NULL REFERENCES departments (code)
);

CREATE INDEX caseworkers_department_idx ON caseworkers (department_code);
