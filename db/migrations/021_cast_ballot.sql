-- The voter's ballot row, made or given a new receipt, and locked: every change of one online
-- ballot goes through here first, so two at once are made one after the other. Returns its id.
CREATE FUNCTION lock_ballot(edition bigint, voter bigint, receipt text, client text, age boolean, residence boolean)
RETURNS bigint LANGUAGE sql AS $$
  INSERT INTO budget_ballots (edition_id, voter_id, source, receipt, client_address, declared_age, declared_residence)
  VALUES (edition, voter, 'online', receipt, client, age, residence)
  ON CONFLICT (edition_id, voter_id) WHERE source = 'online' AND voter_id IS NOT NULL
  DO UPDATE SET receipt = EXCLUDED.receipt, client_address = EXCLUDED.client_address,
                declared_age = budget_ballots.declared_age OR EXCLUDED.declared_age,
                declared_residence = budget_ballots.declared_residence OR EXCLUDED.declared_residence,
                updated_at = now()
  RETURNING id
$$;

-- Whether a voter may change their ballot now, in one place for every way a ballot changes: the
-- voting phase by the database's clock, who may vote, and what the voter declared (on this
-- change or an earlier one). Answers `{ "refused": <why>, … }`, or the edition's rules a ballot
-- is held to and the end of voting.
CREATE FUNCTION ballot_verdict(edition bigint, voter bigint, age boolean, residence boolean)
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  rules record;
  standing record;
BEGIN
  SELECT e.voting, e.votes_per_voter, e.verified_only, e.min_age, e.residence_declaration, v.starts_at, v.ends_at
    INTO rules
    FROM budget_editions e LEFT JOIN budget_phases v ON v.edition_id = e.id AND v.name = 'voting'
   WHERE e.id = edition;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('refused', 'no-edition');
  END IF;
  IF rules.ends_at IS NULL OR now() < rules.starts_at OR now() >= rules.ends_at THEN
    RETURN jsonb_build_object('refused', CASE WHEN rules.ends_at IS NULL THEN 'no-voting' WHEN now() < rules.starts_at THEN 'voting-not-yet' ELSE 'voting-over' END,
                              'starts_at', rules.starts_at, 'ends_at', rules.ends_at);
  END IF;
  SELECT u.email_confirmed_at IS NOT NULL AS confirmed,
         EXISTS (SELECT 1 FROM user_identities i WHERE i.user_id = u.id) AS verified,
         coalesce(b.declared_age, false) AS declared_age,
         coalesce(b.declared_residence, false) AS declared_residence
    INTO standing
    FROM users u LEFT JOIN budget_ballots b ON b.edition_id = ballot_verdict.edition AND b.voter_id = u.id AND b.source = 'online'
   WHERE u.id = voter;
  IF rules.verified_only AND NOT standing.verified THEN
    RETURN jsonb_build_object('refused', 'not-verified');
  END IF;
  IF NOT (standing.confirmed OR standing.verified) THEN
    RETURN jsonb_build_object('refused', 'not-confirmed');
  END IF;
  IF rules.min_age IS NOT NULL AND NOT (standing.declared_age OR age) THEN
    RETURN jsonb_build_object('refused', 'declare-age', 'min_age', rules.min_age);
  END IF;
  IF rules.residence_declaration AND NOT (standing.declared_residence OR residence) THEN
    RETURN jsonb_build_object('refused', 'declare-residence');
  END IF;
  RETURN jsonb_build_object('voting', rules.voting, 'votes_per_voter', rules.votes_per_voter, 'ends_at', rules.ends_at);
END $$;

-- A voter's whole ballot in one database call, as a voting day's busiest write: the verdict above,
-- then the ballot row upserted (which locks it), its lines replaced, and the rules held by the
-- trigger of migration 018. One statement is one transaction: it commits whole or not at all.
-- PL/pgSQL keeps the plans of its statements for the connection's life, so a ballot is planned
-- once per connection, not per call.
--
-- Answers the verdict's refusal for a ballot it does not take; raises the trigger's or a key's
-- error for one over the rules; else the verdict's rules with, for knapsack voting, each pot's
-- money and the chosen proposals' costs, from which the server tells the voter what is left.
CREATE FUNCTION cast_ballot(edition bigint, voter bigint, receipt text, client text, age boolean, residence boolean, proposals bigint[])
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  verdict jsonb := ballot_verdict(edition, voter, age, residence);
  ballot bigint;
BEGIN
  IF verdict ? 'refused' THEN
    RETURN verdict;
  END IF;
  ballot := lock_ballot(edition, voter, cast_ballot.receipt, client, age, residence);
  DELETE FROM budget_ballot_lines WHERE ballot_id = ballot;
  IF cardinality(proposals) = 0 THEN
    DELETE FROM budget_ballots WHERE id = ballot;
  ELSE
    INSERT INTO budget_ballot_lines (edition_id, ballot_id, proposal_id) SELECT edition, ballot, unnest(proposals);
  END IF;
  -- Knapsack voters are told the money left in each pot; approval voters only their votes.
  IF verdict ->> 'voting' <> 'knapsack' THEN
    RETURN verdict || jsonb_build_object('pots', '[]'::jsonb, 'chosen', '{}'::jsonb);
  END IF;
  RETURN verdict || jsonb_build_object(
    'pots', (SELECT coalesce(jsonb_agg(jsonb_build_object('key', k.key, 'money', k.money) ORDER BY k.key), '[]') FROM budget_pots k WHERE k.edition_id = cast_ballot.edition),
    'chosen', (SELECT coalesce(jsonb_object_agg(p.id::text, jsonb_build_object('cost', p.cost, 'pot', p.pot)), '{}') FROM budget_proposals p WHERE p.id = ANY(proposals)));
END $$;
