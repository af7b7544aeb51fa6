CREATE TABLE audit_events (
  sequence bigserial PRIMARY KEY,
  assessment_id uuid NOT NULL REFERENCES assessments (id),
  action varchar(40) NOT NULL,
  actor varchar(254) NOT NULL,
  ruleset_version varchar(32) NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}'::jsonb,
  occurred_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX audit_events_assessment_idx ON audit_events (assessment_id, sequence);

-- The application role may only add and read audit events.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM PUBLIC;
