-- Residents' appeals: categories and who handles them, the appeals with their timeline and
-- photos, supporters, subscriptions, and the mail outbox. Personal data lives only in the
-- `contact_*` columns of `appeals` and in `appeal_subscriptions.email`; public views read
-- neither.

-- Departments, communal enterprises and district administrations that work appeals.
CREATE TABLE organisations (
  id text PRIMARY KEY CHECK (id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  city_id text NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('department', 'enterprise', 'district-administration', 'service')),
  -- What it answers for by default (matches appeal_categories.responsibility).
  responsibility text NOT NULL,
  name jsonb NOT NULL,
  email text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX organisations_city_idx ON organisations (city_id, responsibility);

CREATE TABLE appeal_categories (
  id text PRIMARY KEY CHECK (id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  group_id text NOT NULL,
  name jsonb NOT NULL,
  -- Law "On citizens' appeals", art. 20: 15 days when no further study is needed, else 30.
  term_days smallint NOT NULL CHECK (term_days IN (15, 30)),
  duplicate_radius_m integer NOT NULL CHECK (duplicate_radius_m BETWEEN 10 AND 2000),
  responsibility text NOT NULL,
  -- Extra typed questions: [{ id, type, label: {uk, en}, required, options? }].
  questions jsonb NOT NULL DEFAULT '[]',
  sort smallint NOT NULL DEFAULT 0,
  active boolean NOT NULL DEFAULT true
);

-- Explicit routing, overriding the category's default responsibility: category × district.
CREATE TABLE routing_rules (
  id serial PRIMARY KEY,
  city_id text NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
  category_id text NOT NULL REFERENCES appeal_categories (id) ON DELETE CASCADE,
  district_id integer REFERENCES districts (id) ON DELETE CASCADE,
  organisation_id text NOT NULL REFERENCES organisations (id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX routing_rules_unique ON routing_rules (city_id, category_id, coalesce(district_id, 0));

-- The executor of a new appeal: a district rule, else a city-wide rule, else the city's
-- organisation responsible for the category; null leaves routing to a moderator.
CREATE FUNCTION route_appeal(city text, category text, district integer) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT coalesce(
    (SELECT organisation_id FROM routing_rules r
      WHERE r.city_id = city AND r.category_id = category AND (r.district_id = district OR r.district_id IS NULL)
      ORDER BY r.district_id NULLS LAST LIMIT 1),
    (SELECT o.id FROM organisations o JOIN appeal_categories c ON c.responsibility = o.responsibility
      WHERE o.city_id = city AND c.id = category ORDER BY o.kind = 'district-administration', o.id LIMIT 1))
$$;

-- Registration numbers run per city and year: KYIV-2026-000123.
CREATE TABLE appeal_counters (
  city_id text NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
  year smallint NOT NULL,
  last integer NOT NULL,
  PRIMARY KEY (city_id, year)
);

CREATE TABLE appeals (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  number text NOT NULL UNIQUE,
  city_id text NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
  category_id text NOT NULL REFERENCES appeal_categories (id),
  district_id integer REFERENCES districts (id) ON DELETE SET NULL,
  organisation_id text REFERENCES organisations (id) ON DELETE SET NULL,
  status text NOT NULL DEFAULT 'new'
    CHECK (status IN ('new', 'registered', 'assigned', 'in_progress', 'extended', 'resolved', 'rejected', 'duplicate')),
  description text NOT NULL CHECK (char_length(description) BETWEEN 1 AND 4000),
  answers jsonb NOT NULL DEFAULT '{}',
  address text,
  geom geometry(Point, 4326) NOT NULL,
  is_public boolean NOT NULL DEFAULT true,
  show_name boolean NOT NULL DEFAULT false,
  -- Private: never in a public payload, tile, export or log.
  contact_name text,
  contact_email text,
  contact_phone text,
  account_id bigint,
  -- The language the author wrote in; their mail uses it.
  locale text NOT NULL DEFAULT 'uk' CHECK (locale IN ('uk', 'en')),
  -- SHA-256 of the private tracking token; the token itself is only ever in the receipt.
  tracking_token_hash bytea NOT NULL UNIQUE,
  source text NOT NULL DEFAULT 'web' CHECK (source IN ('web', 'open311', 'staff', 'synthetic')),
  synthetic boolean NOT NULL DEFAULT false,
  duplicate_of bigint REFERENCES appeals (id),
  rejection_reason text,
  due_at timestamptz NOT NULL,
  extended_at timestamptz,
  resolved_at timestamptz,
  confirmed_at timestamptz,
  reopen_count integer NOT NULL DEFAULT 0,
  supporter_count integer NOT NULL DEFAULT 0,
  -- Its point in the city's `<city>-appeals` layer (null while not shown). Kept by the trigger
  -- below; no foreign key, because a key action would re-update the row the trigger is writing.
  feature_id bigint,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (status <> 'rejected' OR rejection_reason IS NOT NULL),
  CHECK (status <> 'duplicate' OR duplicate_of IS NOT NULL)
);
CREATE INDEX appeals_geom_gix ON appeals USING gist (geom);
CREATE INDEX appeals_city_created_idx ON appeals (city_id, created_at DESC, id DESC);
CREATE INDEX appeals_city_status_idx ON appeals (city_id, status);
CREATE INDEX appeals_category_idx ON appeals (category_id);
CREATE INDEX appeals_organisation_idx ON appeals (organisation_id, status, due_at);
CREATE INDEX appeals_email_idx ON appeals (lower(contact_email));

-- The public timeline: every status change with its public response.
CREATE TABLE appeal_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  appeal_id bigint NOT NULL REFERENCES appeals (id) ON DELETE CASCADE,
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  organisation_id text REFERENCES organisations (id) ON DELETE SET NULL,
  kind text NOT NULL CHECK (kind IN ('created', 'status', 'extended', 'confirmed', 'reopened')),
  from_status text,
  to_status text NOT NULL,
  response text CHECK (char_length(response) <= 4000),
  reason text CHECK (char_length(reason) <= 2000),
  due_at timestamptz
);
CREATE INDEX appeal_events_appeal_idx ON appeal_events (appeal_id, at, id);

CREATE TABLE appeal_photos (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  appeal_id bigint NOT NULL REFERENCES appeals (id) ON DELETE CASCADE,
  position smallint NOT NULL CHECK (position BETWEEN 0 AND 19),
  stage text NOT NULL DEFAULT 'report' CHECK (stage IN ('report', 'work')),
  storage_key text NOT NULL UNIQUE,
  width integer NOT NULL,
  height integer NOT NULL,
  bytes integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (appeal_id, stage, position)
);

-- "Me too": one row per person (hash of the account or e-mail), counted on the appeal.
CREATE TABLE appeal_supporters (
  appeal_id bigint NOT NULL REFERENCES appeals (id) ON DELETE CASCADE,
  supporter_hash bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (appeal_id, supporter_hash)
);

CREATE FUNCTION appeal_supporters_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE appeals SET supporter_count = supporter_count + 1 WHERE id = NEW.appeal_id;
  RETURN NULL;
END $$;
CREATE TRIGGER appeal_supporters_count AFTER INSERT ON appeal_supporters
  FOR EACH ROW EXECUTE FUNCTION appeal_supporters_count();

-- A retried submission with the same Idempotency-Key gets the first one's answer.
CREATE TABLE idempotency_keys (
  scope text NOT NULL,
  key text NOT NULL CHECK (char_length(key) BETWEEN 1 AND 255),
  request_hash text NOT NULL,
  appeal_id bigint REFERENCES appeals (id) ON DELETE CASCADE,
  response jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, key)
);

-- Fixed-window request counters, shared by every replica. Buckets hold hashes, not addresses.
CREATE TABLE rate_limit_hits (
  bucket text NOT NULL,
  window_start timestamptz NOT NULL,
  hits integer NOT NULL,
  PRIMARY KEY (bucket, window_start)
);

-- Mail to send, written in the same transaction as the change it reports; a worker sends it
-- with retries, so a failed send is never lost.
CREATE TABLE outbox (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind text NOT NULL,
  to_address text NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  headers jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  last_error text
);
CREATE INDEX outbox_due_idx ON outbox (next_attempt_at) WHERE sent_at IS NULL;

-- Alerts about new appeals in a district or within a radius of a point.
CREATE TABLE appeal_subscriptions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL,
  city_id text NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
  district_id integer REFERENCES districts (id) ON DELETE CASCADE,
  center geometry(Point, 4326),
  radius_m integer CHECK (radius_m BETWEEN 50 AND 5000),
  token text NOT NULL UNIQUE,
  locale text NOT NULL DEFAULT 'uk' CHECK (locale IN ('uk', 'en')),
  confirmed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((district_id IS NOT NULL) <> (center IS NOT NULL AND radius_m IS NOT NULL))
);
CREATE INDEX appeal_subscriptions_city_idx ON appeal_subscriptions (city_id) WHERE confirmed_at IS NOT NULL;

-- Each public appeal is a point of its city's `<city>-appeals` layer, kept here so that the
-- tiles, the feature API and the exports serve it like any other layer and see a new appeal
-- as soon as it commits. Only the fields below reach the layer: no text, no contact.
CREATE FUNCTION appeals_sync_feature() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  layer text := NEW.city_id || '-appeals';
  shown boolean := NEW.is_public AND NEW.status NOT IN ('rejected', 'duplicate')
                   AND EXISTS (SELECT 1 FROM layers WHERE id = layer);
  props jsonb;
BEGIN
  IF NOT shown THEN
    IF NEW.feature_id IS NOT NULL THEN
      DELETE FROM features WHERE id = NEW.feature_id;
      NEW.feature_id := NULL;
    END IF;
    RETURN NEW;
  END IF;
  props := jsonb_build_object(
    'number', NEW.number,
    'status', NEW.status,
    'category', NEW.category_id,
    'group', (SELECT group_id FROM appeal_categories WHERE id = NEW.category_id),
    'created', to_char(NEW.created_at AT TIME ZONE 'Europe/Kyiv', 'YYYY-MM-DD'),
    'supporters', NEW.supporter_count,
    'synthetic', NEW.synthetic);
  IF NEW.feature_id IS NOT NULL AND TG_OP = 'UPDATE'
     AND props IS NOT DISTINCT FROM (SELECT properties FROM features WHERE id = NEW.feature_id)
     AND ST_Equals(NEW.geom, OLD.geom) THEN
    RETURN NEW;
  END IF;
  IF NEW.feature_id IS NOT NULL THEN
    UPDATE features SET properties = props, geom = NEW.geom, updated_at = now() WHERE id = NEW.feature_id AND layer_id = layer;
    IF FOUND THEN RETURN NEW; END IF;
  END IF;
  -- New, or its feature went with a rebuilt layer.
  INSERT INTO features (layer_id, properties, geom) VALUES (layer, props, NEW.geom) RETURNING id INTO NEW.feature_id;
  RETURN NEW;
END $$;

CREATE TRIGGER appeals_sync_feature BEFORE INSERT OR UPDATE ON appeals
  FOR EACH ROW EXECUTE FUNCTION appeals_sync_feature();

CREATE FUNCTION appeals_drop_feature() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.feature_id IS NOT NULL THEN DELETE FROM features WHERE id = OLD.feature_id; END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER appeals_drop_feature AFTER DELETE ON appeals
  FOR EACH ROW EXECUTE FUNCTION appeals_drop_feature();

-- The category catalogue cities use; administrators edit it later, the data drives the app now.
INSERT INTO appeal_categories (id, group_id, name, term_days, duplicate_radius_m, responsibility, questions, sort) VALUES
  ('pothole', 'roads', '{"uk":"Яма на дорозі","en":"Pothole"}', 30, 50, 'roads',
   '[{"id":"size","type":"select","required":false,"label":{"uk":"Розмір","en":"Size"},"options":[{"value":"small","label":{"uk":"До 30 см","en":"Under 30 cm"}},{"value":"medium","label":{"uk":"30–100 см","en":"30–100 cm"}},{"value":"large","label":{"uk":"Понад 1 м","en":"Over 1 m"}}]},{"id":"on_carriageway","type":"boolean","required":false,"label":{"uk":"На проїжджій частині","en":"On the carriageway"}}]', 10),
  ('sidewalk', 'roads', '{"uk":"Пошкоджений тротуар","en":"Damaged pavement"}', 30, 50, 'roads', '[]', 11),
  ('road-marking', 'roads', '{"uk":"Дорожня розмітка чи знак","en":"Road marking or sign"}', 30, 75, 'roads', '[]', 12),
  ('street-light', 'lighting', '{"uk":"Не світить ліхтар","en":"Street light out"}', 15, 40, 'lighting',
   '[{"id":"pole_number","type":"text","required":false,"label":{"uk":"Номер опори","en":"Pole number"}},{"id":"lights_count","type":"integer","required":false,"label":{"uk":"Скільки ліхтарів не світить","en":"How many lights are out"}}]', 20),
  ('waste-overflow', 'waste', '{"uk":"Переповнені контейнери","en":"Overflowing bins"}', 15, 50, 'waste', '[]', 30),
  ('illegal-dump', 'waste', '{"uk":"Стихійне сміттєзвалище","en":"Illegal dumping"}', 30, 100, 'waste', '[]', 31),
  ('greenery', 'greenery', '{"uk":"Аварійне дерево чи зелені насадження","en":"Dangerous tree or greenery"}', 30, 50, 'greenery',
   '[{"id":"danger","type":"boolean","required":false,"label":{"uk":"Загрожує людям чи авто","en":"A danger to people or cars"}}]', 40),
  ('mowing', 'greenery', '{"uk":"Покіс трави, догляд за сквером","en":"Grass mowing, park care"}', 30, 100, 'greenery', '[]', 41),
  ('playground', 'yards', '{"uk":"Дитячий чи спортивний майданчик","en":"Playground or sports ground"}', 30, 50, 'housing', '[]', 50),
  ('yard', 'yards', '{"uk":"Прибудинкова територія","en":"Yard and courtyard"}', 30, 50, 'housing', '[]', 51),
  ('water-outage', 'utilities', '{"uk":"Немає води","en":"No water"}', 15, 300, 'utilities',
   '[{"id":"since","type":"date","required":false,"label":{"uk":"З якого дня","en":"Since"}},{"id":"hot_or_cold","type":"select","required":false,"label":{"uk":"Яка вода","en":"Which water"},"options":[{"value":"cold","label":{"uk":"Холодна","en":"Cold"}},{"value":"hot","label":{"uk":"Гаряча","en":"Hot"}},{"value":"both","label":{"uk":"Обидві","en":"Both"}}]}]', 60),
  ('heating-outage', 'utilities', '{"uk":"Немає опалення","en":"No heating"}', 15, 300, 'utilities',
   '[{"id":"since","type":"date","required":false,"label":{"uk":"З якого дня","en":"Since"}}]', 61),
  ('power-outage', 'utilities', '{"uk":"Немає електроенергії","en":"No power"}', 15, 300, 'utilities', '[]', 62),
  ('sewer-leak', 'utilities', '{"uk":"Прорив труби, відкритий люк","en":"Burst pipe or open manhole"}', 15, 75, 'utilities', '[]', 63),
  ('transport-stop', 'transport', '{"uk":"Зупинка громадського транспорту","en":"Public transport stop"}', 30, 75, 'transport',
   '[{"id":"route","type":"text","required":false,"label":{"uk":"Маршрут","en":"Route"}}]', 70),
  ('accessibility', 'accessibility', '{"uk":"Бар''єр для людей з інвалідністю","en":"Accessibility barrier"}', 30, 50, 'accessibility',
   '[{"id":"barrier","type":"select","required":false,"label":{"uk":"Що заважає","en":"What is in the way"},"options":[{"value":"curb","label":{"uk":"Високий бордюр","en":"High curb"}},{"value":"stairs","label":{"uk":"Сходи без пандуса","en":"Stairs without a ramp"}},{"value":"crossing","label":{"uk":"Перехід без звукового сигналу","en":"Crossing without a sound signal"}},{"value":"other","label":{"uk":"Інше","en":"Other"}}]}]', 80),
  ('illegal-construction', 'control', '{"uk":"Незаконне будівництво","en":"Illegal construction"}', 30, 100, 'architecture', '[]', 90),
  ('unlicensed-trade', 'control', '{"uk":"Стихійна торгівля, МАФ без дозволу","en":"Unlicensed trade or kiosk"}', 30, 75, 'trade', '[]', 91),
  ('damaged-building', 'safety', '{"uk":"Пошкоджена будівля","en":"Damaged building"}', 15, 50, 'emergency',
   '[{"id":"people_inside","type":"boolean","required":false,"label":{"uk":"У будівлі є люди","en":"People are inside"}}]', 100),
  ('stray-animals', 'animals', '{"uk":"Безпритульні тварини","en":"Stray animals"}', 15, 200, 'animals', '[]', 110),
  ('other', 'other', '{"uk":"Інше","en":"Other"}', 30, 30, 'general', '[]', 200);

-- Layers written feature by feature (the appeals) keep their count and extent current too:
-- each statement adds its rows to the count and grows the extent; imports still recompute
-- both exactly afterwards.
CREATE OR REPLACE FUNCTION bump_layer_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE layers l
       SET version = version + 1, updated_at = now(), feature_count = l.feature_count + n.n,
           bbox = CASE WHEN l.bbox IS NULL THEN ARRAY[n.x0, n.y0, n.x1, n.y1]
                       ELSE ARRAY[least(l.bbox[1], n.x0), least(l.bbox[2], n.y0), greatest(l.bbox[3], n.x1), greatest(l.bbox[4], n.y1)] END
      FROM (SELECT layer_id, count(*)::int AS n, ST_XMin(ST_Extent(geom)) AS x0, ST_YMin(ST_Extent(geom)) AS y0,
                   ST_XMax(ST_Extent(geom)) AS x1, ST_YMax(ST_Extent(geom)) AS y1
              FROM new_rows GROUP BY layer_id) n
     WHERE l.id = n.layer_id;
  ELSIF TG_OP = 'UPDATE' THEN
    UPDATE layers SET version = version + 1, updated_at = now()
     WHERE id IN (SELECT layer_id FROM new_rows UNION SELECT layer_id FROM old_rows);
  ELSE
    UPDATE layers l SET version = version + 1, updated_at = now(), feature_count = greatest(l.feature_count - o.n, 0)
      FROM (SELECT layer_id, count(*)::int AS n FROM old_rows GROUP BY layer_id) o
     WHERE l.id = o.layer_id;
  END IF;
  RETURN NULL;
END $$;
