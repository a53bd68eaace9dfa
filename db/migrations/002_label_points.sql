-- Where a feature's label goes: one point inside it, so a polygon cut over many tiles is
-- labelled once, in the tile that holds this point.
ALTER TABLE features
  ADD COLUMN label_3857 geometry(Point, 3857)
  GENERATED ALWAYS AS (ST_PointOnSurface(ST_Transform(geom, 3857))) STORED;
CREATE INDEX features_label_3857_gix ON features USING gist (label_3857);
