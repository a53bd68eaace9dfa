-- Layers published from the browser: a publication status, planning metadata, uploads staged
-- for the planner's review, and versions whose earlier states stay readable.

-- 1. Status. Only layers under consultation or approved are public; drafts are seen by staff,
--    archived layers by nobody outside. Every layer that exists is approved.
ALTER TABLE layers ADD COLUMN status text NOT NULL DEFAULT 'approved'
  CHECK (status IN ('draft', 'consultation', 'approved', 'archived'));
ALTER TABLE layers DROP COLUMN is_public;
ALTER TABLE layers ADD COLUMN is_public boolean GENERATED ALWAYS AS (status IN ('consultation', 'approved')) STORED;

-- 2. Planning metadata: what the document is, who decided it and who made it.
ALTER TABLE layers
  ADD COLUMN document_type text CHECK (document_type IN ('general-plan', 'zoning-plan', 'detailed-plan',
    'comprehensive-plan', 'council-decision', 'register', 'other')),
  ADD COLUMN decision_number text CHECK (char_length(decision_number) <= 100),
  ADD COLUMN decision_date date,
  ADD COLUMN developer text CHECK (char_length(developer) <= 300),
  ADD COLUMN source text NOT NULL DEFAULT '' CHECK (char_length(source) <= 500),
  ADD COLUMN organisation_id text REFERENCES organisations (id) ON DELETE SET NULL,
  ADD COLUMN created_by bigint REFERENCES users (id) ON DELETE SET NULL,
  -- The published version a reader sees (1, 2, 3…); `version` is the tile cache key, bumped by every write.
  ADD COLUMN revision integer NOT NULL DEFAULT 1 CHECK (revision >= 1);

-- 3. Uploads. A file is read once into these rows, in lon/lat, for the planner to review
--    (report, preview, fields) before it becomes a layer or a layer's new version. A file
--    whose coordinate system is unknown has a row and no features until one is chosen.
CREATE TABLE layer_uploads (
  id uuid PRIMARY KEY,
  uploaded_by bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  file_name text NOT NULL CHECK (char_length(file_name) <= 255),
  file_bytes bigint NOT NULL CHECK (file_bytes >= 0),
  format text NOT NULL CHECK (format IN ('geojson', 'shapefile', 'geopackage', 'kml', 'csv')),
  -- Null while the coordinate system is unknown.
  srid integer,
  crs_name text,
  encoding text,
  read_count integer NOT NULL DEFAULT 0,
  feature_count integer NOT NULL DEFAULT 0,
  geometry_types text[] NOT NULL DEFAULT '{}',
  bbox double precision[],
  -- What the planner reviews: fields with samples, the problems, the encoding candidates.
  report jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL DEFAULT now() + interval '3 days'
);
CREATE INDEX layer_uploads_expires_idx ON layer_uploads (expires_at);

CREATE TABLE layer_upload_features (
  upload_id uuid NOT NULL REFERENCES layer_uploads (id) ON DELETE CASCADE,
  -- Position in the file (0-based), for the report.
  idx integer NOT NULL,
  properties jsonb NOT NULL,
  geom geometry(Geometry, 4326) NOT NULL,
  PRIMARY KEY (upload_id, idx)
);

-- 4. Versions. Each publication of a layer's features is a revision; a feature's row holds the
--    revision its current state began with, and the states later revisions replaced or removed
--    move to feature_history. Revision r of a layer is its features with revision <= r and the
--    history rows with valid_from <= r < valid_to.
ALTER TABLE features ADD COLUMN revision integer NOT NULL DEFAULT 1;

CREATE TABLE layer_versions (
  layer_id text NOT NULL REFERENCES layers (id) ON DELETE CASCADE,
  revision integer NOT NULL CHECK (revision >= 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by bigint REFERENCES users (id) ON DELETE SET NULL,
  file_name text,
  mode text NOT NULL CHECK (mode IN ('create', 'replace', 'append')),
  -- The attribute that matched features between revisions (a cadastral number…); null: matched by content.
  key_field text,
  feature_count integer NOT NULL CHECK (feature_count >= 0),
  added integer NOT NULL DEFAULT 0,
  removed integer NOT NULL DEFAULT 0,
  changed integer NOT NULL DEFAULT 0,
  bbox double precision[],
  PRIMARY KEY (layer_id, revision)
);

CREATE TABLE feature_history (
  layer_id text NOT NULL REFERENCES layers (id) ON DELETE CASCADE,
  feature_id bigint NOT NULL,
  valid_from integer NOT NULL,
  valid_to integer NOT NULL CHECK (valid_to > valid_from),
  -- What revision valid_to did to it.
  change text NOT NULL CHECK (change IN ('changed', 'removed')),
  properties jsonb NOT NULL,
  geom geometry(Geometry, 4326) NOT NULL,
  PRIMARY KEY (layer_id, feature_id, valid_from)
);
CREATE INDEX feature_history_revision_idx ON feature_history (layer_id, valid_to);

-- Every layer has its first revision from the start, however it was made; the catalogue keeps
-- the current revision's count and extent with the layer's (refreshLayerStats).
CREATE FUNCTION layers_first_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO layer_versions (layer_id, revision, mode, feature_count, created_by)
  VALUES (NEW.id, NEW.revision, 'create', NEW.feature_count, NEW.created_by);
  RETURN NULL;
END $$;
CREATE TRIGGER layers_first_revision AFTER INSERT ON layers FOR EACH ROW EXECUTE FUNCTION layers_first_revision();

INSERT INTO layer_versions (layer_id, revision, created_at, mode, feature_count, bbox)
SELECT id, 1, created_at, 'create', feature_count, bbox FROM layers;

-- 5. Tiles carry the number a layer's style colours by in classes (`graduated`), as they carry
--    its label and category field.
CREATE OR REPLACE FUNCTION tile_keys(attributes jsonb, style jsonb) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  WITH fields AS (
    SELECT a->>'name' AS name, coalesce((a->>'overview')::boolean, false) AS overview
      FROM jsonb_array_elements(attributes) a
     WHERE (a->>'public')::boolean)
  SELECT coalesce(array_agg(name), '{}') FROM fields
   WHERE overview OR name IN (style->>'label', style->>'categoryField', style->'graduated'->>'field')
      OR NOT EXISTS (SELECT 1 FROM fields WHERE overview)
$$;
