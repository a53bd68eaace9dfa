-- Participatory budgets: editions with their phases, rules and money; residents' proposals placed
-- on the map; ballots whose limits hold in the database whatever requests arrive at once; the
-- published results; and the winners' construction, followed by residents.
-- Personal data lives only in `budget_proposals.author_id`, `budget_ballots.voter_id` and
-- `budget_ballots.client_address`; public views, the layer and the published ballots read none of it.

CREATE TABLE budget_editions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  city_id text NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
  year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  title jsonb NOT NULL,
  description jsonb NOT NULL DEFAULT '{"uk": "", "en": ""}',
  -- Money in whole hryvnias.
  total bigint NOT NULL CHECK (total > 0),
  voting text NOT NULL CHECK (voting IN ('approval', 'knapsack')),
  votes_per_voter smallint NOT NULL CHECK (votes_per_voter BETWEEN 1 AND 100),
  min_cost bigint NOT NULL DEFAULT 0 CHECK (min_cost >= 0),
  max_cost bigint CHECK (max_cost > 0 AND max_cost >= min_cost),
  verified_only boolean NOT NULL DEFAULT false,
  min_age smallint CHECK (min_age BETWEEN 14 AND 100),
  residence_declaration boolean NOT NULL DEFAULT false,
  min_votes integer NOT NULL DEFAULT 0 CHECK (min_votes >= 0),
  -- A past edition loaded with its published totals: there are no ballots to recompute from.
  past boolean NOT NULL DEFAULT false,
  synthetic boolean NOT NULL DEFAULT false,
  -- The published count: the anonymised ballots and their SHA-256, drawn once per publication.
  results_computed_at timestamptz,
  ballots_csv text,
  ballots_sha256 text CHECK (ballots_sha256 ~ '^[0-9a-f]{64}$'),
  created_by bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((ballots_csv IS NULL) = (ballots_sha256 IS NULL))
);
CREATE INDEX budget_editions_city_idx ON budget_editions (city_id, year DESC);

-- Phases follow each other in the order of their names; the server keeps them from overlapping.
CREATE TABLE budget_phases (
  edition_id bigint NOT NULL REFERENCES budget_editions (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (name IN ('submission', 'review', 'voting', 'results', 'implementation')),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  PRIMARY KEY (edition_id, name),
  CHECK (ends_at > starts_at)
);

-- The money: one pot for the whole city, or one per district, each maybe split into classes.
CREATE TABLE budget_pots (
  edition_id bigint NOT NULL REFERENCES budget_editions (id) ON DELETE CASCADE,
  -- `city`, `d<district id>`, either with `:small` or `:large`.
  key text NOT NULL CHECK (key ~ '^(city|d[0-9]+)(:(small|large))?$'),
  district_id integer REFERENCES districts (id) ON DELETE RESTRICT,
  size_class text CHECK (size_class IN ('small', 'large')),
  money bigint NOT NULL CHECK (money > 0),
  max_cost bigint CHECK (max_cost > 0),
  PRIMARY KEY (edition_id, key),
  CHECK (key = CASE WHEN district_id IS NULL THEN 'city' ELSE 'd' || district_id END || coalesce(':' || size_class, ''))
);

CREATE TABLE budget_proposals (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  edition_id bigint NOT NULL REFERENCES budget_editions (id) ON DELETE CASCADE,
  author_id bigint REFERENCES users (id) ON DELETE SET NULL,
  title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
  description text NOT NULL CHECK (char_length(description) <= 10000),
  category text NOT NULL,
  geom geometry(Geometry, 4326) NOT NULL CHECK (GeometryType(geom) IN ('POINT', 'POLYGON') AND ST_IsValid(geom)),
  -- Assigned from the place, never typed: the district whose area holds it, and its pot.
  district_id integer REFERENCES districts (id) ON DELETE SET NULL,
  pot text NOT NULL,
  cost_items jsonb NOT NULL CHECK (jsonb_typeof(cost_items) = 'array'),
  -- The total of the items, or the cost after review.
  cost bigint NOT NULL CHECK (cost >= 0),
  original_cost bigint NOT NULL CHECK (original_cost >= 0),
  status text NOT NULL CHECK (status IN ('draft', 'submitted', 'feasible', 'not_feasible', 'withdrawn')),
  precheck jsonb,
  review_reason text CHECK (char_length(review_reason) <= 5000),
  cost_note text CHECK (char_length(cost_note) <= 2000),
  reviewed_at timestamptz,
  reviewed_by bigint REFERENCES users (id) ON DELETE SET NULL,
  -- Its place in the `<city>-budget-proposals` layer while public; kept by the trigger below.
  feature_id bigint,
  synthetic boolean NOT NULL DEFAULT false,
  submitted_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (edition_id, id),
  FOREIGN KEY (edition_id, pot) REFERENCES budget_pots (edition_id, key) ON UPDATE CASCADE,
  CHECK ((status IN ('feasible', 'not_feasible')) = (reviewed_at IS NOT NULL))
);
CREATE INDEX budget_proposals_edition_idx ON budget_proposals (edition_id, status);
CREATE INDEX budget_proposals_author_idx ON budget_proposals (author_id);
CREATE INDEX budget_proposals_geom_gix ON budget_proposals USING gist (geom);

-- One ballot per voter and edition; paper ballots have no voter. Changing a ballot replaces its
-- lines under the ballot row's lock, and draws a new receipt code.
CREATE TABLE budget_ballots (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  edition_id bigint NOT NULL REFERENCES budget_editions (id) ON DELETE CASCADE,
  voter_id bigint REFERENCES users (id) ON DELETE SET NULL,
  source text NOT NULL CHECK (source IN ('online', 'paper')),
  -- The code the voter is given; its SHA-256 is what the published ballots show.
  receipt text NOT NULL UNIQUE CHECK (receipt ~ '^[0-9A-Z]{4}(-[0-9A-Z]{4}){2,3}$'),
  -- Paper ballots: the protocol or box they came from, and who entered them.
  paper_batch text CHECK (char_length(paper_batch) <= 100),
  entered_by bigint REFERENCES users (id) ON DELETE SET NULL,
  -- For the commission's checks of many ballots from one address; never published.
  client_address text,
  declared_age boolean NOT NULL DEFAULT false,
  declared_residence boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (edition_id, id),
  CHECK ((source = 'paper') = (paper_batch IS NOT NULL))
);
CREATE UNIQUE INDEX budget_ballots_voter_unique ON budget_ballots (edition_id, voter_id) WHERE source = 'online' AND voter_id IS NOT NULL;

-- One line per ballot and proposal: the key is the "one vote per project" rule.
CREATE TABLE budget_ballot_lines (
  edition_id bigint NOT NULL,
  ballot_id bigint NOT NULL,
  proposal_id bigint NOT NULL,
  PRIMARY KEY (ballot_id, proposal_id),
  FOREIGN KEY (edition_id, ballot_id) REFERENCES budget_ballots (edition_id, id) ON DELETE CASCADE,
  FOREIGN KEY (edition_id, proposal_id) REFERENCES budget_proposals (edition_id, id) ON DELETE CASCADE
);
CREATE INDEX budget_ballot_lines_proposal_idx ON budget_ballot_lines (proposal_id);

-- The limits of a ballot, held by the database: only feasible proposals; with approval voting at
-- most `votes_per_voter` lines; with knapsack voting at most each pot's money. The ballot's row is
-- locked first, so two transactions changing one ballot are checked one after the other, each
-- seeing what the other committed.
CREATE FUNCTION budget_ballot_within_rules() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  edition record;
  lines integer;
  over_pot text;
BEGIN
  PERFORM 1 FROM budget_ballots WHERE id = NEW.ballot_id FOR UPDATE;
  IF NOT EXISTS (SELECT 1 FROM budget_proposals WHERE id = NEW.proposal_id AND status = 'feasible') THEN
    RAISE EXCEPTION 'the proposal % is not on the ballot', NEW.proposal_id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'budget_ballot_feasible_only';
  END IF;
  SELECT voting, votes_per_voter INTO edition FROM budget_editions WHERE id = NEW.edition_id;
  IF edition.voting = 'approval' THEN
    SELECT count(*) INTO lines FROM budget_ballot_lines WHERE ballot_id = NEW.ballot_id;
    IF lines > edition.votes_per_voter THEN
      RAISE EXCEPTION 'a ballot holds at most % votes', edition.votes_per_voter
        USING ERRCODE = 'check_violation', CONSTRAINT = 'budget_ballot_votes';
    END IF;
  ELSE
    SELECT p.pot INTO over_pot
      FROM budget_ballot_lines l
      JOIN budget_proposals p ON p.id = l.proposal_id
      JOIN budget_pots pot ON pot.edition_id = p.edition_id AND pot.key = p.pot
     WHERE l.ballot_id = NEW.ballot_id
     GROUP BY p.pot, pot.money
    HAVING sum(p.cost) > pot.money
     LIMIT 1;
    IF over_pot IS NOT NULL THEN
      RAISE EXCEPTION 'a ballot''s choices cost more than the money of %', over_pot
        USING ERRCODE = 'check_violation', CONSTRAINT = 'budget_ballot_money';
    END IF;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER budget_ballot_within_rules AFTER INSERT OR UPDATE ON budget_ballot_lines
  FOR EACH ROW EXECUTE FUNCTION budget_ballot_within_rules();

-- The count as published: one line per proposal. `votes` are the ballots' (or, for a past
-- edition, the totals it published); an override by the commission is kept with its reason.
CREATE TABLE budget_results (
  edition_id bigint NOT NULL REFERENCES budget_editions (id) ON DELETE CASCADE,
  proposal_id bigint NOT NULL,
  votes integer NOT NULL CHECK (votes >= 0),
  online_votes integer NOT NULL CHECK (online_votes >= 0),
  paper_votes integer NOT NULL CHECK (paper_votes >= 0),
  rank integer NOT NULL CHECK (rank >= 1),
  outcome text NOT NULL CHECK (outcome IN ('won', 'does-not-fit', 'below-threshold', 'not-feasible')),
  won boolean NOT NULL,
  override_reason text CHECK (char_length(override_reason) <= 2000),
  PRIMARY KEY (edition_id, proposal_id),
  FOREIGN KEY (edition_id, proposal_id) REFERENCES budget_proposals (edition_id, id) ON DELETE CASCADE,
  CHECK ((override_reason IS NULL) = (won = (outcome = 'won')))
);

-- A winner's construction.
CREATE TABLE budget_implementations (
  proposal_id bigint PRIMARY KEY REFERENCES budget_proposals (id) ON DELETE CASCADE,
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'design', 'procurement', 'in_progress', 'completed', 'cancelled')),
  progress smallint NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  spent bigint NOT NULL DEFAULT 0 CHECK (spent >= 0),
  prozorro_id text CHECK (prozorro_id ~ '^UA-\d{4}-\d{2}-\d{2}-\d{6}-[a-z]$'),
  note text NOT NULL DEFAULT '' CHECK (char_length(note) <= 5000),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE budget_milestones (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  proposal_id bigint NOT NULL REFERENCES budget_implementations (proposal_id) ON DELETE CASCADE,
  title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 300),
  note text NOT NULL DEFAULT '' CHECK (char_length(note) <= 5000),
  due_on date,
  done_on date,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX budget_milestones_proposal_idx ON budget_milestones (proposal_id, id);

-- Residents following a project's construction, mailed on each change.
CREATE TABLE budget_followers (
  proposal_id bigint NOT NULL REFERENCES budget_proposals (id) ON DELETE CASCADE,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (proposal_id, user_id)
);

-- Every public proposal is a feature of its city's `<city>-budget-proposals` layer, kept here so
-- tiles, the feature API and the exports serve it as any other layer. No author, no contact. The
-- layer is of points: a drawn area is there as its point on surface (`shape` says which), its
-- outline on the proposal's own page.
CREATE FUNCTION budget_proposal_properties(p budget_proposals) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'proposal', p.id::text,
    'title', p.title,
    'category', p.category,
    'status', p.status,
    'stage', CASE
      WHEN i.status IS NOT NULL THEN CASE WHEN i.status = 'completed' THEN 'built' WHEN i.status = 'cancelled' THEN 'cancelled' ELSE 'being-built' END
      WHEN r.won IS NOT NULL THEN CASE WHEN r.won THEN 'won' ELSE 'not-won' END
      ELSE p.status END,
    'edition', e.id,
    'year', e.year,
    'edition_title', e.title ->> 'uk',
    'district', d.name,
    'cost', p.cost,
    'votes', r.votes,
    'progress', i.progress,
    'shape', CASE WHEN GeometryType(p.geom) = 'POINT' THEN 'point' ELSE 'area' END,
    'synthetic', p.synthetic OR e.synthetic)
    FROM budget_editions e
    LEFT JOIN districts d ON d.id = p.district_id
    LEFT JOIN budget_results r ON r.edition_id = p.edition_id AND r.proposal_id = p.id AND e.results_computed_at IS NOT NULL
    LEFT JOIN budget_implementations i ON i.proposal_id = p.id
   WHERE e.id = p.edition_id
$$;

-- One row's feature in a live layer (appeals, proposals), kept by its table's trigger: removed
-- when the row is not shown, left alone when nothing changed, updated in place, or added (again,
-- when its layer was rebuilt). Returns the feature's id, null when the row is not shown. Rows are
-- found through their layer, so that only its table is read (migration 009).
CREATE FUNCTION keep_live_feature(layer text, shown boolean, feature bigint, props jsonb, place geometry, moved boolean) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  added bigint;
BEGIN
  IF NOT shown THEN
    IF feature IS NOT NULL THEN DELETE FROM features WHERE layer_id = layer AND id = feature; END IF;
    RETURN NULL;
  END IF;
  IF feature IS NOT NULL AND NOT moved AND props IS NOT DISTINCT FROM (SELECT properties FROM features WHERE layer_id = layer AND id = feature) THEN
    RETURN feature;
  END IF;
  IF feature IS NOT NULL THEN
    UPDATE features SET properties = props, geom = place, updated_at = now() WHERE layer_id = layer AND id = feature;
    IF FOUND THEN RETURN feature; END IF;
  END IF;
  INSERT INTO features (layer_id, properties, geom) VALUES (layer, props, place) RETURNING id INTO added;
  RETURN added;
END $$;

-- The appeals' trigger of migrations 004 and 009, now on the shared function.
CREATE OR REPLACE FUNCTION appeals_sync_feature() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  layer text := NEW.city_id || '-appeals';
BEGIN
  NEW.feature_id := keep_live_feature(
    layer,
    NEW.is_public AND NEW.status NOT IN ('rejected', 'duplicate') AND EXISTS (SELECT 1 FROM layers WHERE id = layer),
    NEW.feature_id,
    jsonb_build_object(
      'number', NEW.number,
      'status', NEW.status,
      'category', NEW.category_id,
      'group', (SELECT group_id FROM appeal_categories WHERE id = NEW.category_id),
      'created', to_char(NEW.created_at AT TIME ZONE 'Europe/Kyiv', 'YYYY-MM-DD'),
      'supporters', NEW.supporter_count,
      'synthetic', NEW.synthetic),
    NEW.geom,
    TG_OP = 'INSERT' OR NOT ST_Equals(NEW.geom, OLD.geom));
  RETURN NEW;
END $$;

CREATE FUNCTION budget_proposal_sync_feature() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  layer text := (SELECT city_id FROM budget_editions WHERE id = NEW.edition_id) || '-budget-proposals';
BEGIN
  NEW.feature_id := keep_live_feature(
    layer,
    NEW.status IN ('submitted', 'feasible', 'not_feasible') AND EXISTS (SELECT 1 FROM layers WHERE id = layer),
    NEW.feature_id,
    budget_proposal_properties(NEW),
    ST_PointOnSurface(NEW.geom),
    TG_OP = 'INSERT' OR NOT ST_Equals(NEW.geom, OLD.geom));
  RETURN NEW;
END $$;
CREATE TRIGGER budget_proposal_sync_feature BEFORE INSERT OR UPDATE ON budget_proposals
  FOR EACH ROW EXECUTE FUNCTION budget_proposal_sync_feature();

-- Found by id alone: when an edition goes, its proposals go with it, and their city is no longer
-- there to name the layer.
CREATE FUNCTION budget_proposal_drop_feature() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.feature_id IS NOT NULL THEN DELETE FROM features WHERE id = OLD.feature_id; END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER budget_proposal_drop_feature AFTER DELETE ON budget_proposals
  FOR EACH ROW EXECUTE FUNCTION budget_proposal_drop_feature();
