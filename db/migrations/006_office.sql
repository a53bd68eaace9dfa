-- The back office: who works an appeal, internal notes, escalations and the daily digest.

-- The staff member who took the appeal (within its organisation).
ALTER TABLE appeals ADD COLUMN executor_id bigint REFERENCES users (id) ON DELETE SET NULL;
-- When the appeal went overdue and its organisation's heads were told; once per appeal.
ALTER TABLE appeals ADD COLUMN escalated_at timestamptz;
CREATE INDEX appeals_org_due_idx ON appeals (organisation_id, due_at) WHERE status IN ('new', 'registered', 'assigned', 'in_progress', 'extended');
CREATE INDEX appeals_executor_idx ON appeals (executor_id) WHERE executor_id IS NOT NULL;

-- Public timeline entries for triage steps, escalation and the work photos.
ALTER TABLE appeal_events DROP CONSTRAINT appeal_events_kind_check;
ALTER TABLE appeal_events ADD CONSTRAINT appeal_events_kind_check
  CHECK (kind IN ('created', 'status', 'extended', 'confirmed', 'reopened', 'recategorised', 'routed', 'taken', 'escalated', 'work-photos', 'redacted'));

-- Staff-only notes; never on a public page.
CREATE TABLE appeal_notes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  appeal_id bigint NOT NULL REFERENCES appeals (id) ON DELETE CASCADE,
  author_id bigint REFERENCES users (id) ON DELETE SET NULL,
  at timestamptz NOT NULL DEFAULT now(),
  body text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 4000)
);
CREATE INDEX appeal_notes_appeal_idx ON appeal_notes (appeal_id, at);

-- One digest per executor per day, whichever replica sends it first.
CREATE TABLE deadline_digests (
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  day date NOT NULL,
  sent_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, day)
);
