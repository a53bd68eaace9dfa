-- The security event log: sign-ins (and failed and refused ones), role changes, password resets
-- and changes. Administrators read it to spot guessing and account takeover. It never holds a
-- password, a token or an e-mail address: an account is named by its id, and an address that
-- has no account only by a keyed hash. The client address and user agent are personal data,
-- read by administrators only and kept for 180 days.
CREATE TABLE security_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  kind text NOT NULL CHECK (kind IN ('sign-in', 'sign-in-failed', 'sign-in-limited', 'role-change',
                                     'password-reset-requested', 'password-reset-completed', 'password-change')),
  -- No foreign key: the row outlives the account (and a cascade would have to change it).
  account_id bigint,
  email_hash text CHECK (char_length(email_hash) <= 64),
  client_address text CHECK (char_length(client_address) <= 100),
  user_agent text CHECK (char_length(user_agent) <= 200),
  details jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX security_events_occurred_idx ON security_events (occurred_at);
CREATE INDEX security_events_kind_idx ON security_events (kind, occurred_at);
CREATE INDEX security_events_account_idx ON security_events (account_id, occurred_at) WHERE account_id IS NOT NULL;

-- Append-only, as audit_log, whatever role the application connects with: no row is ever
-- changed, and a row is deleted only once older than the retention period.
CREATE FUNCTION security_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.occurred_at < now() - interval '180 days' THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION 'security_events is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER security_events_no_update BEFORE UPDATE OR DELETE ON security_events
  FOR EACH ROW EXECUTE FUNCTION security_events_append_only();
CREATE TRIGGER security_events_no_truncate BEFORE TRUNCATE ON security_events
  FOR EACH STATEMENT EXECUTE FUNCTION security_events_append_only();
