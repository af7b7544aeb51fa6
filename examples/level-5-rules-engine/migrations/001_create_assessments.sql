CREATE TABLE assessments (
  id uuid PRIMARY KEY,
  procurement_reference varchar(64) NOT NULL,
  supplier jsonb NOT NULL,
  ruleset_version varchar(32) NOT NULL,
  status varchar(16) NOT NULL CHECK (status IN ('in_progress', 'submitted')),
  submission jsonb NOT NULL,
  result jsonb NOT NULL,
  assessor_email varchar(254) NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  submitted_at timestamptz
);

CREATE INDEX assessments_procurement_reference_idx ON assessments (procurement_reference);
