-- Tiles read only their own layer's rows, and lines and polygons as tiles draw them.
-- docs/benchmarks.md has the figures that justified each part.
--
-- 1. Each layer's features live in a table of their own: `features` is partitioned by layer.
--    With every layer in one table, a tile of a small layer walked the spatial index through
--    all the layers around it (a metro-station tile in the centre of Kyiv read 571 entries to
--    find one). A layer's tables are made when the layer is created and dropped with it.
-- 2. `tile_properties` holds the attributes tiles carry: the fields a layer marks `overview`,
--    and those its style labels and colours by (every public field when it marks none). The
--    full record is one request away in the feature API.
-- 3. `tile_shapes` holds every line and polygon as tiles draw it at each zoom from 0 to 16,
--    with its tile properties, made once when the feature is written instead of in every tile
--    request. A copy is in its zoom's tile grid: one unit is 1/4096 of a tile, x counts east
--    and y north from the world's south-west corner, so tile (z, x, y) spans 4096 units each
--    way from (4096·x, 4096·(2^z − y − 1)). The copy is simplified to half a unit (a whole unit
--    below zoom 16), snapped to whole units, made valid, and wound so that exteriors run
--    counter-clockwise once y points down, as MVT wants. A tile then only shifts the copies
--    that lie within it and clips the few that cross its edge. Polygons smaller than 2×2 pixels
--    at a zoom below 16 have no copy for it. Each layer's copies are partitioned by zoom band,
--    so that a zoom's spatial index holds no other zoom's copies.

-- Web Mercator metres per tile unit at a zoom.
CREATE FUNCTION tile_unit(zoom integer) RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT 40075016.685578488 / 4096 / 2 ^ zoom
$$;

-- The smallest polygon a zoom below 16 carries: 256 units², 2×2 pixels of a 512 px tile.
CREATE FUNCTION tile_min_area(zoom integer) RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT 256 * tile_unit(zoom) ^ 2
$$;

-- A Web Mercator geometry in a zoom's tile grid, as it is (not simplified, not snapped).
CREATE FUNCTION to_tile_grid(geom geometry, zoom integer) RETURNS geometry LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ST_SetSRID(ST_TransScale(geom, 20037508.342789244, 20037508.342789244, 1 / tile_unit(zoom), 1 / tile_unit(zoom)), 0)
$$;

-- A line or polygon as tiles draw it at a zoom (see 3 above); NULL when nothing of it is left.
CREATE FUNCTION tile_grid_copy(geom geometry, zoom integer) RETURNS geometry
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  unit constant double precision := tile_unit(zoom);
  g geometry := ST_SnapToGrid(to_tile_grid(ST_Simplify(ST_RemoveRepeatedPoints(geom, unit / 2),
                  CASE WHEN zoom < 16 THEN unit ELSE unit / 2 END, false), zoom), 1);
BEGIN
  IF g IS NULL OR ST_IsEmpty(g) THEN
    RETURN NULL;
  END IF;
  IF ST_Dimension(g) < 2 THEN
    RETURN g;
  END IF;
  IF NOT (ST_IsValidDetail(g)).valid THEN
    -- Repairing adds vertices off the grid; snapping them again can leave slivers that a
    -- second repair turns into lines, which the extraction drops.
    g := ST_CollectionExtract(ST_MakeValid(ST_SnapToGrid(ST_CollectionExtract(ST_MakeValid(g), 3), 1)), 3);
    IF ST_IsEmpty(g) THEN
      RETURN NULL;
    END IF;
  END IF;
  RETURN ST_ForcePolygonCW(g);
END $$;

-- The keys a layer's tiles carry (see 2 above), kept on the layer's row.
CREATE FUNCTION tile_keys(attributes jsonb, style jsonb) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  WITH fields AS (
    SELECT a->>'name' AS name, coalesce((a->>'overview')::boolean, false) AS overview
      FROM jsonb_array_elements(attributes) a
     WHERE (a->>'public')::boolean)
  SELECT coalesce(array_agg(name), '{}') FROM fields
   WHERE overview OR name IN (style->>'label', style->>'categoryField') OR NOT EXISTS (SELECT 1 FROM fields WHERE overview)
$$;
ALTER TABLE layers ADD COLUMN tile_attributes text[] GENERATED ALWAYS AS (tile_keys(attributes, style)) STORED;

CREATE FUNCTION tile_keys_of(layer text) RETURNS text[] LANGUAGE sql STABLE AS $$
  SELECT tile_attributes FROM layers WHERE id = layer
$$;

-- The name of one of a layer's tables: the prefix and the layer id, shortened with a hash when
-- it would not fit PostgreSQL's 63-byte names.
CREATE FUNCTION layer_table_name(prefix text, layer text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT prefix || '_' || CASE WHEN length(layer) <= 36 THEN replace(layer, '-', '_')
                               ELSE replace(left(layer, 27), '-', '_') || '_' || left(md5(layer), 8) END
$$;

-- Zoom bands of a layer's tile shapes, one partition each: the low zooms hold few copies.
CREATE FUNCTION tile_shape_bands() RETURNS TABLE (name text, zooms smallint[]) LANGUAGE sql IMMUTABLE AS $$
  VALUES ('z0_8', '{0,1,2,3,4,5,6,7,8}'::smallint[]), ('z9_10', '{9,10}'), ('z11', '{11}'), ('z12', '{12}'),
         ('z13', '{13}'), ('z14', '{14}'), ('z15', '{15}'), ('z16', '{16}')
$$;

-- Features partitioned by layer (1 above). Same columns as before, and tile_properties.
ALTER TABLE features RENAME TO features_unpartitioned;
ALTER INDEX features_pkey RENAME TO features_unpartitioned_pkey;
CREATE TABLE features (
  id bigint GENERATED BY DEFAULT AS IDENTITY,
  layer_id text NOT NULL,
  properties jsonb NOT NULL DEFAULT '{}',
  geom geometry(Geometry, 4326) NOT NULL CONSTRAINT features_geom_check CHECK (ST_IsValid(geom) AND NOT ST_IsEmpty(geom)),
  geom_3857 geometry(Geometry, 3857) GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED,
  area_3857 double precision GENERATED ALWAYS AS (ST_Area(ST_Transform(geom, 3857))) STORED,
  label_3857 geometry(Point, 3857) GENERATED ALWAYS AS (ST_PointOnSurface(ST_Transform(geom, 3857))) STORED,
  public_properties jsonb NOT NULL DEFAULT '{}',
  tile_properties jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- The id leads: a key led by the layer would tempt the planner, before the table has
  -- statistics, to read a whole layer through it instead of through the spatial index.
  PRIMARY KEY (id, layer_id)
) PARTITION BY LIST (layer_id);

CREATE TABLE tile_shapes (
  layer_id text NOT NULL,
  zoom smallint NOT NULL CHECK (zoom BETWEEN 0 AND 16),
  feature_id bigint NOT NULL,
  geom geometry NOT NULL,
  props jsonb NOT NULL,
  PRIMARY KEY (feature_id, zoom, layer_id)
) PARTITION BY LIST (layer_id);

-- A layer's tables. They are made apart and then attached: attaching locks the parent only
-- against other changes of its structure, so tiles and writes to other layers go on.
CREATE FUNCTION create_layer_tables(layer text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  features_table text := layer_table_name('features', layer);
  shapes_table text := layer_table_name('tile_shapes', layer);
  band record;
BEGIN
  IF to_regclass(format('%I', features_table)) IS NOT NULL THEN
    RETURN;
  END IF;
  EXECUTE format('CREATE TABLE %I (LIKE features INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING GENERATED)', features_table);
  EXECUTE format('ALTER TABLE features ATTACH PARTITION %I FOR VALUES IN (%L)', features_table, layer);
  EXECUTE format('CREATE TABLE %I (LIKE tile_shapes INCLUDING CONSTRAINTS) PARTITION BY LIST (zoom)', shapes_table);
  FOR band IN SELECT * FROM tile_shape_bands() LOOP
    EXECUTE format('CREATE TABLE %I (LIKE tile_shapes INCLUDING CONSTRAINTS)', shapes_table || '_' || band.name);
    EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES IN (%s)', shapes_table, shapes_table || '_' || band.name,
                   array_to_string(band.zooms, ','));
  END LOOP;
  EXECUTE format('ALTER TABLE tile_shapes ATTACH PARTITION %I FOR VALUES IN (%L)', shapes_table, layer);
END $$;

-- Fresh statistics for a layer's tables after a bulk write: the embedded engine has no
-- autovacuum, and a server keeps a tile statement's plan until they change.
CREATE FUNCTION analyze_layer_tables(layer text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ANALYZE %I, %I', layer_table_name('features', layer), layer_table_name('tile_shapes', layer));
END $$;

CREATE FUNCTION drop_layer_tables(layer text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('DROP TABLE IF EXISTS %I', layer_table_name('tile_shapes', layer));
  EXECUTE format('DROP TABLE IF EXISTS %I', layer_table_name('features', layer));
END $$;

-- The copies of some features at every zoom that has them (points have none).
CREATE FUNCTION tile_shape_rows(layer text, ids bigint[])
RETURNS TABLE (layer_id text, zoom smallint, feature_id bigint, geom geometry, props jsonb)
LANGUAGE sql STABLE AS $$
  SELECT f.layer_id, z::smallint, f.id, c.geom, f.tile_properties
    FROM features f
         CROSS JOIN generate_series(0, 16) z
         CROSS JOIN LATERAL (SELECT tile_grid_copy(f.geom_3857, z) AS geom) c
   WHERE f.layer_id = layer AND f.id = ANY (ids)
     AND ST_Dimension(f.geom_3857) > 0
     AND (z = 16 OR ST_Dimension(f.geom_3857) < 2 OR f.area_3857 >= tile_min_area(z))
     AND c.geom IS NOT NULL
$$;

-- The keys of tile_properties and public_properties, kept by the database as before.
CREATE OR REPLACE FUNCTION features_public_properties() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.public_properties := pick_keys(NEW.properties, public_keys_of(NEW.layer_id));
  NEW.tile_properties := pick_keys(NEW.properties, tile_keys_of(NEW.layer_id));
  RETURN NEW;
END $$;

-- A change to which attributes are public, or to what the style draws, re-derives both.
CREATE OR REPLACE FUNCTION layers_public_properties() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.attributes IS DISTINCT FROM OLD.attributes OR NEW.style IS DISTINCT FROM OLD.style THEN
    UPDATE features SET public_properties = pick_keys(properties, public_keys_of(NEW.id)),
                        tile_properties = pick_keys(properties, tile_keys_of(NEW.id))
     WHERE layer_id = NEW.id;
  END IF;
  RETURN NULL;
END $$;
DROP TRIGGER layers_public_properties ON layers;
CREATE TRIGGER layers_public_properties AFTER UPDATE OF attributes, style ON layers
  FOR EACH ROW EXECUTE FUNCTION layers_public_properties();

-- Keeps the tile shapes of written features (3 above), in the same transaction.
CREATE FUNCTION write_tile_shapes() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed record;
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM tile_shapes s USING old_rows o WHERE s.layer_id = o.layer_id AND s.feature_id = o.id;
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    -- Copies of features whose geometry or layer changed are made again; the others keep
    -- theirs, with their new tile properties.
    DELETE FROM tile_shapes s USING old_rows o
     WHERE s.layer_id = o.layer_id AND s.feature_id = o.id
       AND NOT EXISTS (SELECT 1 FROM new_rows n
                        WHERE n.id = o.id AND n.layer_id = o.layer_id AND n.geom_3857 IS NOT DISTINCT FROM o.geom_3857);
    UPDATE tile_shapes s SET props = n.tile_properties
      FROM new_rows n JOIN old_rows o ON o.id = n.id AND o.layer_id = n.layer_id
     WHERE s.layer_id = n.layer_id AND s.feature_id = n.id
       AND n.geom_3857 IS NOT DISTINCT FROM o.geom_3857 AND n.tile_properties IS DISTINCT FROM o.tile_properties;
    FOR changed IN SELECT n.layer_id, array_agg(n.id) AS ids FROM new_rows n
                    WHERE ST_Dimension(n.geom_3857) > 0
                      AND NOT EXISTS (SELECT 1 FROM old_rows o
                                       WHERE o.id = n.id AND o.layer_id = n.layer_id AND o.geom_3857 IS NOT DISTINCT FROM n.geom_3857)
                    GROUP BY n.layer_id LOOP
      INSERT INTO tile_shapes SELECT * FROM tile_shape_rows(changed.layer_id, changed.ids);
    END LOOP;
    RETURN NULL;
  END IF;
  FOR changed IN SELECT n.layer_id, array_agg(n.id) AS ids FROM new_rows n
                  WHERE ST_Dimension(n.geom_3857) > 0 GROUP BY n.layer_id LOOP
    INSERT INTO tile_shapes SELECT * FROM tile_shape_rows(changed.layer_id, changed.ids);
  END LOOP;
  RETURN NULL;
END $$;

-- The appeals layer's rows are found through their layer too, so that only its table is read.
CREATE OR REPLACE FUNCTION appeals_sync_feature() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  layer text := NEW.city_id || '-appeals';
  shown boolean := NEW.is_public AND NEW.status NOT IN ('rejected', 'duplicate')
                   AND EXISTS (SELECT 1 FROM layers WHERE id = layer);
  props jsonb;
BEGIN
  IF NOT shown THEN
    IF NEW.feature_id IS NOT NULL THEN
      DELETE FROM features WHERE layer_id = layer AND id = NEW.feature_id;
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
     AND props IS NOT DISTINCT FROM (SELECT properties FROM features WHERE layer_id = layer AND id = NEW.feature_id)
     AND ST_Equals(NEW.geom, OLD.geom) THEN
    RETURN NEW;
  END IF;
  IF NEW.feature_id IS NOT NULL THEN
    UPDATE features SET properties = props, geom = NEW.geom, updated_at = now() WHERE layer_id = layer AND id = NEW.feature_id;
    IF FOUND THEN RETURN NEW; END IF;
  END IF;
  -- New, or its feature went with a rebuilt layer.
  INSERT INTO features (layer_id, properties, geom) VALUES (layer, props, NEW.geom) RETURNING id INTO NEW.feature_id;
  RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION appeals_drop_feature() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.feature_id IS NOT NULL THEN
    DELETE FROM features WHERE layer_id = OLD.city_id || '-appeals' AND id = OLD.feature_id;
  END IF;
  RETURN NULL;
END $$;

-- A layer's tables come and go with it.
CREATE FUNCTION layers_tables() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM create_layer_tables(NEW.id);
  ELSE
    PERFORM drop_layer_tables(OLD.id);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER layers_tables_ins AFTER INSERT ON layers FOR EACH ROW EXECUTE FUNCTION layers_tables();
CREATE TRIGGER layers_tables_del AFTER DELETE ON layers FOR EACH ROW EXECUTE FUNCTION layers_tables();

-- Every layer that exists now gets its tables, and its features move in with their ids.
SELECT create_layer_tables(id) FROM layers;
INSERT INTO features (id, layer_id, properties, geom, public_properties, tile_properties, created_at, updated_at)
SELECT id, layer_id, properties, geom, public_properties, pick_keys(properties, tile_keys_of(layer_id)), created_at, updated_at
  FROM features_unpartitioned ORDER BY layer_id, id;
SELECT setval(pg_get_serial_sequence('features', 'id'), greatest(1, (SELECT max(id) FROM features)));
DROP TABLE features_unpartitioned;

CREATE INDEX features_geom_gix ON features USING gist (geom);
CREATE INDEX features_geom_3857_gix ON features USING gist (geom_3857);
CREATE INDEX features_label_3857_gix ON features USING gist (label_3857);
CREATE INDEX tile_shapes_gix ON tile_shapes USING gist (geom);

CREATE TRIGGER features_public_properties BEFORE INSERT OR UPDATE OF properties, layer_id ON features
  FOR EACH ROW EXECUTE FUNCTION features_public_properties();
CREATE TRIGGER features_bump_version_ins AFTER INSERT ON features
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_layer_version();
CREATE TRIGGER features_bump_version_upd AFTER UPDATE ON features
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_layer_version();
CREATE TRIGGER features_bump_version_del AFTER DELETE ON features
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_layer_version();
CREATE TRIGGER features_tile_shapes_ins AFTER INSERT ON features
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION write_tile_shapes();
CREATE TRIGGER features_tile_shapes_upd AFTER UPDATE ON features
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION write_tile_shapes();
CREATE TRIGGER features_tile_shapes_del AFTER DELETE ON features
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION write_tile_shapes();

INSERT INTO tile_shapes
SELECT r.* FROM layers l, LATERAL tile_shape_rows(l.id, (SELECT array_agg(id) FROM features WHERE layer_id = l.id)) r;
SELECT analyze_layer_tables(id) FROM layers;
