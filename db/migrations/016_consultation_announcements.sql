-- Residents who follow an area are told when a consultation on a plan there opens: the
-- subscribers of appeal alerts whose district or circle meets the plan's extent. `announced_at`
-- says the notice went (in the transaction that queued it), so each consultation is announced once.
ALTER TABLE consultations ADD COLUMN announced_at timestamptz;
CREATE INDEX consultations_unannounced_idx ON consultations (starts_at) WHERE announced_at IS NULL;
