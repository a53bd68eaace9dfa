-- A ballot cast with the voter's session: the session resolved, noted as seen, and the ballot
-- cast (`cast_ballot` of migration 021), all in the one call of a voting day's busiest request.
-- Answers `{ "refused": "signed-out" }` for a session unknown or expired; else what
-- `cast_ballot` answers.
CREATE FUNCTION cast_ballot_in_session(token bytea, edition bigint, receipt text, client text, age boolean, residence boolean, proposals bigint[])
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  voter bigint;
BEGIN
  SELECT s.user_id INTO voter FROM sessions s WHERE s.token_hash = token AND s.expires_at > now();
  IF NOT FOUND THEN
    RETURN jsonb_build_object('refused', 'signed-out');
  END IF;
  UPDATE sessions SET last_seen_at = now() WHERE token_hash = token AND last_seen_at < now() - interval '5 minutes';
  RETURN cast_ballot(edition, voter, receipt, client, age, residence, proposals);
END $$;
