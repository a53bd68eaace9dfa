-- Repairs of the city’s objects, and planned or emergency works that switch something off; the
-- property manager's role; residents' subscriptions to works at an address or in an area;
-- investors' saved searches.

ALTER TABLE user_roles DROP CONSTRAINT user_roles_role_check;
ALTER TABLE user_roles ADD CONSTRAINT user_roles_role_check
  CHECK (role IN ('resident', 'moderator', 'executor', 'manager', 'planner', 'publisher', 'budget_admin', 'property_manager', 'admin'));

CREATE TABLE works (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  city_id text NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
  -- A repair of an object, or works in a time window: planned, or an emergency.
  kind text NOT NULL CHECK (kind IN ('repair', 'planned', 'emergency')),
  title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 300),
  description text NOT NULL DEFAULT '' CHECK (char_length(description) <= 4000),
  work_type text NOT NULL CHECK (work_type IN ('road', 'sidewalk', 'roof', 'facade', 'water', 'sewerage', 'heating', 'power', 'gas', 'lighting', 'greenery', 'building', 'other')),
  -- What it is done to: a register line, or a feature of any layer (a road, a building).
  property_id bigint REFERENCES property_objects (id) ON DELETE SET NULL,
  object_layer_id text REFERENCES layers (id) ON DELETE SET NULL,
  object_feature_id bigint,
  -- The city's organisation in charge; its staff keep the record.
  organisation_id text REFERENCES organisations (id) ON DELETE SET NULL,
  -- The contractor is a company (ЄДРПОУ); a sole trader is recorded without a name.
  contractor text CHECK (char_length(contractor) <= 300),
  contractor_edrpou text CHECK (contractor_edrpou ~ '^[0-9]{8}$'),
  -- Whole hryvnias.
  cost bigint CHECK (cost >= 0),
  spent bigint CHECK (spent >= 0),
  prozorro_tender_id text CHECK (prozorro_tender_id ~ '^UA-[0-9]{4}-[0-9]{2}-[0-9]{2}-[0-9]{6}-[a-z]$'),
  planned_start date,
  planned_end date,
  actual_start date,
  actual_end date,
  -- The time window of planned or emergency works.
  starts_at timestamptz,
  ends_at timestamptz,
  switched_off text[] NOT NULL DEFAULT '{}' CHECK (switched_off <@ ARRAY['water', 'hot_water', 'heating', 'power', 'gas', 'road']),
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in_progress', 'done', 'cancelled')),
  -- The object repaired (a point, a line, an area), or the area works affect.
  geom geometry(Geometry, 4326) NOT NULL CHECK (ST_IsValid(geom) AND NOT ST_IsEmpty(geom)),
  feature_id bigint,
  synthetic boolean NOT NULL DEFAULT false,
  created_by bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (kind = 'repair' OR (starts_at IS NOT NULL AND ends_at IS NOT NULL AND ends_at > starts_at)),
  CHECK (kind <> 'repair' OR (starts_at IS NULL AND ends_at IS NULL)),
  CHECK (planned_end IS NULL OR planned_start IS NULL OR planned_end >= planned_start),
  CHECK (actual_end IS NULL OR actual_start IS NULL OR actual_end >= actual_start),
  CHECK ((object_layer_id IS NULL) OR (object_feature_id IS NOT NULL))
);
CREATE INDEX works_city_idx ON works (city_id, kind, status);
CREATE INDEX works_window_idx ON works (city_id, starts_at, ends_at) WHERE kind <> 'repair';
CREATE INDEX works_geom_gix ON works USING gist (geom);

-- Photos of a repair before and after, in the photo store.
CREATE TABLE work_photos (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  work_id bigint NOT NULL REFERENCES works (id) ON DELETE CASCADE,
  stage text NOT NULL CHECK (stage IN ('before', 'after')),
  storage_key text NOT NULL UNIQUE,
  width integer NOT NULL,
  height integer NOT NULL,
  caption text NOT NULL DEFAULT '' CHECK (char_length(caption) <= 300),
  created_by bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX work_photos_work_idx ON work_photos (work_id, stage, id);

-- What the works layers show of a work.
CREATE FUNCTION work_feature_properties(w works) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_strip_nulls(jsonb_build_object(
    'work', w.id::text,
    'title', w.title,
    'kind', w.kind,
    'work_type', w.work_type,
    'status', w.status,
    'organisation', o.name ->> 'uk',
    'owner_organisation', w.organisation_id,
    'contractor', w.contractor,
    'cost', w.cost,
    'spent', w.spent,
    'prozorro_tender_id', w.prozorro_tender_id,
    'planned_start', w.planned_start,
    'planned_end', w.planned_end,
    'actual_end', w.actual_end,
    -- Epoch seconds, so that the map can show what is on at the moment it is looked at.
    'starts', extract(epoch FROM w.starts_at)::bigint,
    'ends', extract(epoch FROM w.ends_at)::bigint,
    'starts_at', to_char(w.starts_at AT TIME ZONE 'Europe/Kyiv', 'YYYY-MM-DD HH24:MI'),
    'ends_at', to_char(w.ends_at AT TIME ZONE 'Europe/Kyiv', 'YYYY-MM-DD HH24:MI'),
    'switched_off', nullif(array_to_string(w.switched_off, ','), ''),
    'synthetic', w.synthetic))
    FROM (SELECT 1) one LEFT JOIN organisations o ON o.id = w.organisation_id
$$;

-- Repairs go in `<city>-repairs` (a point each), works in a window in `<city>-works` (the area),
-- while not cancelled and until a month after they end.
CREATE FUNCTION work_sync_feature() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  layer text := NEW.city_id || CASE WHEN NEW.kind = 'repair' THEN '-repairs' ELSE '-works' END;
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.kind <> NEW.kind AND OLD.feature_id IS NOT NULL THEN
    DELETE FROM features WHERE id = OLD.feature_id;
    NEW.feature_id := NULL;
  END IF;
  NEW.feature_id := keep_live_feature(
    layer,
    NEW.status <> 'cancelled' AND (NEW.ends_at IS NULL OR NEW.ends_at > now() - interval '30 days') AND EXISTS (SELECT 1 FROM layers WHERE id = layer),
    NEW.feature_id,
    work_feature_properties(NEW),
    layer_shape(layer, NEW.geom),
    TG_OP = 'INSERT' OR NOT coalesce(ST_Equals(NEW.geom, OLD.geom), false));
  RETURN NEW;
END $$;
CREATE TRIGGER work_sync_feature BEFORE INSERT OR UPDATE OF
  kind, title, work_type, status, organisation_id, contractor, cost, spent, prozorro_tender_id, planned_start, planned_end,
  actual_end, starts_at, ends_at, switched_off, geom, synthetic
  ON works FOR EACH ROW EXECUTE FUNCTION work_sync_feature();
CREATE TRIGGER work_drop_feature AFTER DELETE ON works FOR EACH ROW EXECUTE FUNCTION city_object_drop_feature();

-- Subscriptions are about new appeals, or about works that reach the subscriber's place: a
-- circle around an address, a district, or a drawn area.
ALTER TABLE appeal_subscriptions ADD COLUMN topic text NOT NULL DEFAULT 'appeals' CHECK (topic IN ('appeals', 'works'));
ALTER TABLE appeal_subscriptions ADD COLUMN area geometry(Polygon, 4326) CHECK (area IS NULL OR ST_IsValid(area));
ALTER TABLE appeal_subscriptions DROP CONSTRAINT appeal_subscriptions_check;
ALTER TABLE appeal_subscriptions ADD CONSTRAINT appeal_subscriptions_place_check
  CHECK (num_nonnulls(district_id, center, area) = 1 AND (center IS NULL) = (radius_m IS NULL) AND (topic = 'works' OR area IS NULL));
CREATE INDEX appeal_subscriptions_topic_idx ON appeal_subscriptions (city_id, topic) WHERE confirmed_at IS NOT NULL;

-- Investors' saved searches of the investment map: mailed when a new offer matches (double opt-in).
CREATE TABLE investment_searches (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL CHECK (char_length(email) <= 254),
  city_id text NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
  -- The filters of `GET /api/investment/objects`, as the API parsed them.
  filters jsonb NOT NULL,
  token text NOT NULL UNIQUE,
  locale text NOT NULL DEFAULT 'uk' CHECK (locale IN ('uk', 'en')),
  confirmed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX investment_searches_city_idx ON investment_searches (city_id) WHERE confirmed_at IS NOT NULL;
