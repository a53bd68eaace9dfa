-- Public consultations on a planning layer: a dated window, the plan's extent as it was when the
-- consultation opened, residents' comments pinned inside it, and the council's answers kept
-- apart from the residents' text. Personal data lives only in `consultation_comments.author_id`;
-- public views and the protocol read none of it.

CREATE TABLE consultations (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  layer_id text NOT NULL REFERENCES layers (id) ON DELETE CASCADE,
  title jsonb NOT NULL,
  description jsonb NOT NULL DEFAULT '{"uk": "", "en": ""}',
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  -- The layer's revision when the consultation was opened.
  layer_revision integer NOT NULL CHECK (layer_revision >= 1),
  -- Where comments may be pinned: the convex hull of the layer's features, buffered by 100 m.
  extent geometry(Polygon, 4326) NOT NULL,
  created_by bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at)
);
CREATE INDEX consultations_layer_idx ON consultations (layer_id);

-- Receipt numbers run per city and year, as appeal numbers do.
CREATE TABLE consultation_counters (
  city_id text NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
  year smallint NOT NULL,
  last integer NOT NULL,
  PRIMARY KEY (city_id, year)
);

CREATE TABLE consultation_comments (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  consultation_id bigint NOT NULL REFERENCES consultations (id) ON DELETE CASCADE,
  -- What the author is given: `KYIV-K-2026-000042`.
  receipt text NOT NULL UNIQUE,
  author_id bigint REFERENCES users (id) ON DELETE SET NULL,
  text text NOT NULL CHECK (char_length(text) BETWEEN 1 AND 4000),
  -- The feature commented on, if any; its place is copied into `geom` so the comment keeps it
  -- when a later revision moves or removes the feature.
  feature_id bigint,
  -- The layer's revision the author saw.
  layer_revision integer NOT NULL CHECK (layer_revision >= 1),
  geom geometry(Geometry, 4326) NOT NULL CHECK (GeometryType(geom) IN ('POINT', 'POLYGON') AND ST_IsValid(geom)),
  created_at timestamptz NOT NULL DEFAULT now(),
  -- Moderation: a hidden comment stays for the record and is counted in the protocol, without its text.
  hidden_at timestamptz,
  hidden_reason text CHECK (char_length(hidden_reason) <= 1000),
  hidden_by bigint REFERENCES users (id) ON DELETE SET NULL,
  -- The council's answer.
  answer_outcome text CHECK (answer_outcome IN ('accepted', 'partly', 'rejected')),
  answer_text text CHECK (char_length(answer_text) <= 4000),
  answered_at timestamptz,
  answered_by bigint REFERENCES users (id) ON DELETE SET NULL,
  CHECK ((hidden_at IS NULL) = (hidden_reason IS NULL)),
  CHECK ((answer_outcome IS NULL) = (answered_at IS NULL) AND (answer_outcome IS NULL) = (answer_text IS NULL))
);
CREATE INDEX consultation_comments_consultation_idx ON consultation_comments (consultation_id, id);
