-- A deleted layer's tables are emptied with it and dropped later.
--
-- Dropping a partition takes an ACCESS EXCLUSIVE lock on its parent. Taken inside the DELETE of a
-- layer, it closed a cycle with any write to another layer: the writer holds `features` and
-- waits for `tile_shapes`, which the drop held while it waited for `features` (a deadlock seen
-- under concurrent load). The delete now removes the rows the way every writer does, `features`
-- first and its tile shapes through the triggers, and holds no lock on a parent beyond that.
-- The empty tables are dropped by drop_deleted_layer_tables() from the service's housekeeping,
-- one table per transaction and never waiting long for its lock.
CREATE OR REPLACE FUNCTION layers_tables() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM create_layer_tables(NEW.id);
  ELSE
    DELETE FROM features WHERE layer_id = OLD.id;
  END IF;
  RETURN NULL;
END $$;

-- A layer made again under the id of a deleted one takes its empty tables back; the lock keeps
-- the housekeeping from dropping them while it does.
CREATE OR REPLACE FUNCTION create_layer_tables(layer text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  features_table text := layer_table_name('features', layer);
  shapes_table text := layer_table_name('tile_shapes', layer);
  band record;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('layer-tables:' || layer));
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

-- The per-layer tables whose layer is gone, with the layer they were for.
CREATE FUNCTION deleted_layer_tables() RETURNS TABLE (layer text, table_name text) LANGUAGE sql STABLE AS $$
  SELECT t.layer, t.relname
    FROM (SELECT substring(pg_get_expr(c.relpartbound, c.oid) FROM '^FOR VALUES IN \(''(.*)''\)$') AS layer, c.relname::text AS relname
            FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
           WHERE i.inhparent IN ('features'::regclass, 'tile_shapes'::regclass)) t
   WHERE NOT EXISTS (SELECT 1 FROM layers l WHERE l.id = t.layer)
$$;
