CREATE TABLE enquiries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  reference text NOT NULL UNIQUE,
  department_code text NOT NULL REFERENCES departments (code),
  full_name text NOT NULL,
  email text NOT NULL,
  phone_number text,
  postcode text NOT NULL,
  address text,
  subject text NOT NULL,
  message text NOT NULL,
  status text NOT NULL DEFAULT 'received'
    CHECK (status IN ('received', 'triaged', 'assigned', 'responded')),
  category text,
  priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('normal', 'urgent')),
  assigned_to uuid REFERENCES caseworkers (id),
  received_at timestamptz NOT NULL,
  due_at timestamptz NOT NULL,
  sla_status text NOT NULL DEFAULT 'on_track'
    CHECK (sla_status IN ('on_track', 'at_risk', 'breached', 'met', 'missed')),
  response_text text,
  responded_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX enquiries_department_queue_idx ON enquiries (department_code, status, due_at);
CREATE INDEX enquiries_open_idx ON enquiries (due_at) WHERE status <> 'responded';

CREATE TABLE enquiry_events (
  id bigserial PRIMARY KEY,
  enquiry_id uuid NOT NULL REFERENCES enquiries (id) ON DELETE CASCADE,
  caseworker_id uuid REFERENCES caseworkers (id),
  action text NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);
