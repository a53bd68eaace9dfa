-- The city's objects: the communal property register (land parcels and premises, named after the
-- CMU No 835 open-data sets), the objects offered to investors, and the street registers of
-- temporary and advertising structures. Each is published in a live layer of its city, kept by
-- the table's trigger; an appeal can be about any feature of a layer that accepts appeals, and
-- goes to the organisation that holds the object.
-- No private person's name is ever stored here: a lessee, user or permit holder who is a person
-- is recorded only as such (`*_kind = 'person'`) and its name column stays empty.

CREATE TABLE property_objects (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  city_id text NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('land', 'premises', 'building')),
  -- The register's own key: a parcel's cadastral number; for premises the balance holder's
  -- ЄДРПОУ and the inventory number, as CMU No 835 identifies them.
  register_id text NOT NULL CHECK (char_length(register_id) BETWEEN 1 AND 100),
  name text CHECK (char_length(name) <= 500),
  cadastral_number text CHECK (cadastral_number ~ '^[0-9]{10}:[0-9]{2}:[0-9]{3}:[0-9]{4}$'),
  inventory_number text CHECK (char_length(inventory_number) <= 50),
  -- The balance holder (балансоутримувач): one of the city's organisations when it is known
  -- here, and as the register names it.
  balance_holder_id text REFERENCES organisations (id) ON DELETE SET NULL,
  balance_holder_name text CHECK (char_length(balance_holder_name) <= 1000),
  balance_holder_edrpou text CHECK (balance_holder_edrpou ~ '^[0-9]{8}$'),
  owner_name text CHECK (char_length(owner_name) <= 1000),
  -- Who uses it (користувач); an organisation's name, never a person's.
  user_kind text CHECK (user_kind IN ('organisation', 'person')),
  user_name text CHECK (char_length(user_name) <= 1000),
  -- НК 018 class of a building or premises; КВЦПЗ code of a parcel's designated purpose.
  nk018_class text CHECK (char_length(nk018_class) <= 20),
  purpose_code text CHECK (purpose_code ~ '^[0-9]{2}(\.[0-9]{2})?$'),
  purpose text CHECK (char_length(purpose) <= 1000),
  area_m2 numeric(14, 2) CHECK (area_m2 > 0),
  -- Normative monetary valuation, whole hryvnias.
  normative_value bigint CHECK (normative_value >= 0),
  -- Record of the right in the State Register of Real Rights: its number and date as text.
  rights_registration text CHECK (char_length(rights_registration) <= 200),
  condition text CHECK (condition IN ('good', 'satisfactory', 'poor', 'emergency')),
  utilities text[] NOT NULL DEFAULT '{}' CHECK (utilities <@ ARRAY['water', 'sewerage', 'power', 'gas', 'heating']),
  -- Lease and sale (Law 157-IX, CMU No 483): free; on the list of the first type (to lease at
  -- auction) or the second; put up at a ProZorro.Sales auction; leased; used by its holder; or
  -- not to be leased.
  status text NOT NULL DEFAULT 'in_use' CHECK (status IN ('free', 'list_1', 'list_2', 'at_auction', 'leased', 'in_use', 'not_for_lease')),
  lessee_kind text CHECK (lessee_kind IN ('organisation', 'person')),
  lessee_name text CHECK (char_length(lessee_name) <= 1000),
  leased_from date,
  leased_until date,
  auction_lot_id text CHECK (char_length(auction_lot_id) <= 60),
  auction_start date,
  auction_end date,
  address text CHECK (char_length(address) <= 500),
  district_id integer REFERENCES districts (id) ON DELETE SET NULL,
  -- Critical infrastructure and sites restricted under martial law: the place is withheld from
  -- every public payload, tile and export, and a public bounding-box search never finds it.
  sensitive boolean NOT NULL DEFAULT false,
  -- Null for a register line that could not be placed yet (listed, not dropped).
  geom geometry(Geometry, 4326) CHECK (geom IS NULL OR (ST_IsValid(geom) AND NOT ST_IsEmpty(geom))),
  -- Its feature in the city's `<city>-property` layer; kept by the trigger below.
  feature_id bigint,
  source text NOT NULL DEFAULT 'staff' CHECK (source IN ('staff', 'import', 'demo')),
  synthetic boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (city_id, register_id),
  CHECK (user_kind = 'organisation' OR user_name IS NULL),
  CHECK (lessee_kind = 'organisation' OR lessee_name IS NULL),
  CHECK (status <> 'at_auction' OR auction_lot_id IS NOT NULL),
  CHECK (auction_end IS NULL OR auction_start IS NULL OR auction_end >= auction_start),
  CHECK (kind <> 'land' OR cadastral_number IS NOT NULL)
);
CREATE INDEX property_objects_city_idx ON property_objects (city_id, kind, status);
CREATE INDEX property_objects_geom_gix ON property_objects USING gist (geom);
CREATE INDEX property_objects_cadastral_idx ON property_objects (cadastral_number);
CREATE INDEX property_objects_holder_idx ON property_objects (balance_holder_id);

-- Objects the city offers to investors: from the register, or described by staff (a brownfield
-- has no register line of its own).
CREATE TABLE investment_objects (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  city_id text NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
  property_id bigint REFERENCES property_objects (id) ON DELETE SET NULL,
  kind text NOT NULL CHECK (kind IN ('land', 'premises', 'brownfield')),
  title jsonb NOT NULL CHECK (jsonb_typeof(title) = 'object' AND title ? 'uk' AND title ? 'en'),
  description jsonb NOT NULL DEFAULT '{"uk": "", "en": ""}',
  area_m2 numeric(14, 2) NOT NULL CHECK (area_m2 > 0),
  purpose_code text CHECK (purpose_code ~ '^[0-9]{2}(\.[0-9]{2})?$'),
  -- What may be built or done there, in both languages.
  permitted_use jsonb NOT NULL DEFAULT '{"uk": "", "en": ""}',
  deal text NOT NULL CHECK (deal IN ('lease', 'sale')),
  -- Whole hryvnias: the starting yearly rent of a lease, the starting price of a sale.
  start_price bigint CHECK (start_price >= 0),
  term_years smallint CHECK (term_years BETWEEN 1 AND 99),
  utilities text[] NOT NULL DEFAULT '{}' CHECK (utilities <@ ARRAY['water', 'sewerage', 'power', 'gas', 'heating']),
  status text NOT NULL DEFAULT 'available' CHECK (status IN ('available', 'at_auction', 'leased', 'sold')),
  auction_lot_id text CHECK (char_length(auction_lot_id) <= 60),
  -- The department investors talk to, and its public contact.
  contact_organisation_id text REFERENCES organisations (id) ON DELETE SET NULL,
  contact_email text CHECK (char_length(contact_email) <= 254),
  contact_phone text CHECK (char_length(contact_phone) <= 40),
  address text CHECK (char_length(address) <= 500),
  district_id integer REFERENCES districts (id) ON DELETE SET NULL,
  geom geometry(Geometry, 4326) NOT NULL CHECK (ST_IsValid(geom) AND NOT ST_IsEmpty(geom)),
  published boolean NOT NULL DEFAULT true,
  feature_id bigint,
  synthetic boolean NOT NULL DEFAULT false,
  created_by bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (status <> 'at_auction' OR auction_lot_id IS NOT NULL)
);
CREATE INDEX investment_objects_city_idx ON investment_objects (city_id, kind, status);
CREATE INDEX investment_objects_geom_gix ON investment_objects USING gist (geom);

-- Kiosks, seasonal trade and advertising structures with their permits.
CREATE TABLE street_structures (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  city_id text NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
  register text NOT NULL CHECK (register IN ('temporary', 'advertising')),
  -- A kiosk, a pavilion, seasonal trade; a billboard, a city light, a banner, a sign.
  kind text NOT NULL CHECK (char_length(kind) BETWEEN 1 AND 100),
  permit_number text CHECK (char_length(permit_number) <= 100),
  permit_from date,
  permit_until date,
  -- Valid, expired, or standing without a permit.
  status text NOT NULL CHECK (status IN ('valid', 'expired', 'illegal')),
  holder_kind text CHECK (holder_kind IN ('organisation', 'person')),
  holder_name text CHECK (char_length(holder_name) <= 1000),
  -- The city's organisation in charge of the register (and of appeals about the structure).
  organisation_id text REFERENCES organisations (id) ON DELETE SET NULL,
  business text CHECK (char_length(business) <= 300),
  area_m2 numeric(10, 2) CHECK (area_m2 > 0),
  address text CHECK (char_length(address) <= 500),
  district_id integer REFERENCES districts (id) ON DELETE SET NULL,
  geom geometry(Point, 4326) NOT NULL,
  feature_id bigint,
  synthetic boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (holder_kind = 'organisation' OR holder_name IS NULL),
  CHECK (permit_until IS NULL OR permit_from IS NULL OR permit_until >= permit_from)
);
CREATE INDEX street_structures_city_idx ON street_structures (city_id, register, status);

-- Layers whose features residents can report a problem with.
ALTER TABLE layers ADD COLUMN accepts_appeals boolean NOT NULL DEFAULT false;

-- What an appeal is about: a feature of a layer, as the layer was when the appeal was filed.
ALTER TABLE appeals ADD COLUMN object_layer_id text REFERENCES layers (id) ON DELETE SET NULL;
ALTER TABLE appeals ADD COLUMN object_feature_id bigint;
ALTER TABLE appeals ADD COLUMN object_layer_version bigint;
-- The object's name as it was shown then, for the appeal's page after the object is gone.
ALTER TABLE appeals ADD COLUMN object_label text CHECK (char_length(object_label) <= 500);
ALTER TABLE appeals ADD CONSTRAINT appeals_object_check CHECK ((object_feature_id IS NULL) OR (object_layer_version IS NOT NULL));
CREATE INDEX appeals_object_idx ON appeals (object_layer_id, object_feature_id) WHERE object_feature_id IS NOT NULL;

-- The organisation that holds a feature's object: the id its layer's rows publish as
-- `owner_organisation`, when it is one of the city's organisations.
CREATE FUNCTION object_owner(layer text, feature bigint) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT o.id
    FROM features f JOIN layers l ON l.id = f.layer_id
    JOIN organisations o ON o.id = f.properties ->> 'owner_organisation' AND o.city_id = l.city_id
   WHERE f.layer_id = layer AND f.id = feature
$$;

-- What the property layer shows of an object; the place is withheld for a sensitive one.
CREATE FUNCTION property_feature_properties(p property_objects) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_strip_nulls(jsonb_build_object(
    'property', p.id::text,
    'register_id', p.register_id,
    'kind', p.kind,
    'name', p.name,
    'cadastral_number', p.cadastral_number,
    'purpose_code', p.purpose_code,
    'purpose', p.purpose,
    'area_m2', p.area_m2,
    'status', p.status,
    'leased_until', p.leased_until,
    'auction_lot_id', p.auction_lot_id,
    'balance_holder', coalesce(o.name ->> 'uk', p.balance_holder_name),
    'owner_organisation', p.balance_holder_id,
    'address', p.address,
    'district', d.name,
    'synthetic', p.synthetic))
    FROM (SELECT 1) one
    LEFT JOIN organisations o ON o.id = p.balance_holder_id
    LEFT JOIN districts d ON d.id = p.district_id
$$;

-- A point object in a layer of areas is drawn as a small disc, so that it can be seen and clicked.
CREATE FUNCTION layer_shape(layer text, place geometry) RETURNS geometry LANGUAGE sql STABLE AS $$
  SELECT CASE
    WHEN (SELECT geometry_type FROM layers WHERE id = layer) = 'point' THEN ST_PointOnSurface(place)
    WHEN GeometryType(place) = 'POINT' THEN ST_Buffer(place::geography, 8, 'quad_segs=4')::geometry
    ELSE place END
$$;

CREATE FUNCTION property_sync_feature() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  layer text := NEW.city_id || '-property';
BEGIN
  NEW.feature_id := keep_live_feature(
    layer,
    NEW.geom IS NOT NULL AND NOT NEW.sensitive AND EXISTS (SELECT 1 FROM layers WHERE id = layer),
    NEW.feature_id,
    property_feature_properties(NEW),
    layer_shape(layer, NEW.geom),
    TG_OP = 'INSERT' OR NOT coalesce(ST_Equals(NEW.geom, OLD.geom), false));
  RETURN NEW;
END $$;
-- Not on a change of `feature_id` alone: a layer published in bulk writes it back.
CREATE TRIGGER property_sync_feature BEFORE INSERT OR UPDATE OF
  kind, register_id, name, cadastral_number, purpose_code, purpose, area_m2, status, leased_until, auction_lot_id,
  balance_holder_id, balance_holder_name, address, district_id, sensitive, geom, synthetic
  ON property_objects FOR EACH ROW EXECUTE FUNCTION property_sync_feature();

CREATE FUNCTION investment_feature_properties(i investment_objects) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_strip_nulls(jsonb_build_object(
    'investment', i.id::text,
    'title', i.title ->> 'uk',
    'title_en', i.title ->> 'en',
    'kind', i.kind,
    'deal', i.deal,
    'area_m2', i.area_m2,
    'start_price', i.start_price,
    'status', i.status,
    'district', d.name,
    'owner_organisation', coalesce(p.balance_holder_id, i.contact_organisation_id),
    'synthetic', i.synthetic))
    FROM (SELECT 1) one
    LEFT JOIN districts d ON d.id = i.district_id
    LEFT JOIN property_objects p ON p.id = i.property_id
$$;

CREATE FUNCTION investment_sync_feature() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  layer text := NEW.city_id || '-investment-objects';
BEGIN
  NEW.feature_id := keep_live_feature(
    layer,
    NEW.published AND EXISTS (SELECT 1 FROM layers WHERE id = layer),
    NEW.feature_id,
    investment_feature_properties(NEW),
    layer_shape(layer, NEW.geom),
    TG_OP = 'INSERT' OR NOT ST_Equals(NEW.geom, OLD.geom));
  RETURN NEW;
END $$;
CREATE TRIGGER investment_sync_feature BEFORE INSERT OR UPDATE OF
  property_id, kind, title, area_m2, deal, start_price, status, contact_organisation_id, district_id, geom, published, synthetic
  ON investment_objects FOR EACH ROW EXECUTE FUNCTION investment_sync_feature();

CREATE FUNCTION street_structure_sync_feature() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  layer text := NEW.city_id || CASE NEW.register WHEN 'temporary' THEN '-temporary-structures' ELSE '-advertising-structures' END;
BEGIN
  NEW.feature_id := keep_live_feature(
    layer,
    EXISTS (SELECT 1 FROM layers WHERE id = layer),
    NEW.feature_id,
    jsonb_strip_nulls(jsonb_build_object(
      'structure', NEW.id::text,
      'kind', NEW.kind,
      'permit_number', NEW.permit_number,
      'permit_from', NEW.permit_from,
      'permit_until', NEW.permit_until,
      'status', NEW.status,
      'holder', NEW.holder_name,
      'business', NEW.business,
      'area_m2', NEW.area_m2,
      'address', NEW.address,
      'organisation', (SELECT name ->> 'uk' FROM organisations WHERE id = NEW.organisation_id),
      'owner_organisation', NEW.organisation_id,
      'synthetic', NEW.synthetic)),
    NEW.geom,
    TG_OP = 'INSERT' OR NOT ST_Equals(NEW.geom, OLD.geom));
  RETURN NEW;
END $$;
CREATE TRIGGER street_structure_sync_feature BEFORE INSERT OR UPDATE OF
  register, kind, permit_number, permit_from, permit_until, status, holder_name, organisation_id, business, area_m2, address, geom, synthetic
  ON street_structures FOR EACH ROW EXECUTE FUNCTION street_structure_sync_feature();

-- Found by id alone: when a city goes, its rows go with it and the layer may be gone first.
CREATE FUNCTION city_object_drop_feature() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.feature_id IS NOT NULL THEN DELETE FROM features WHERE id = OLD.feature_id; END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER property_drop_feature AFTER DELETE ON property_objects FOR EACH ROW EXECUTE FUNCTION city_object_drop_feature();
CREATE TRIGGER investment_drop_feature AFTER DELETE ON investment_objects FOR EACH ROW EXECUTE FUNCTION city_object_drop_feature();
CREATE TRIGGER street_structure_drop_feature AFTER DELETE ON street_structures FOR EACH ROW EXECUTE FUNCTION city_object_drop_feature();
