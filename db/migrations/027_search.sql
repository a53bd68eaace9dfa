-- One search box for a city: a gazetteer of addresses and streets, the named features of its
-- public layers, parcels by cadastral number and districts, matched by trigram similarity.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The key text is compared by: Ukrainian (and Russian) letters transliterated to Latin by the
-- national table (CMU No 55 of 2010), lower case, apostrophes dropped, punctuation as spaces,
-- street-type words dropped and a house number's letter joined to it:
-- 'вул. Хрещатик, 22-А' → 'khreshchatyk 22a'. Latin text keeps pg_trgm's word characters the
-- same under every collation (under the C locale it takes no Cyrillic letter for one, and
-- lower() folds only ASCII), and a visitor who types 'Khreshchatyk' finds the street too.
CREATE FUNCTION search_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT btrim(regexp_replace(regexp_replace(regexp_replace(
    ' ' || regexp_replace(
      translate(
        replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(
          translate(lower(coalesce(t, '')),
            'АБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯЫЭЁЪ''’ʼ`"«»',
            'абвгґдеєжзиіїйклмнопрстуфхцчшщьюяыэёъ'),
          'щ', 'shch'), 'ж', 'zh'), 'х', 'kh'), 'ц', 'ts'), 'ч', 'ch'), 'ш', 'sh'),
          'ю', 'iu'), 'я', 'ia'), 'є', 'ie'), 'ї', 'i'), 'й', 'i'), 'ё', 'e'),
        'абвгґдезиіклмнопрстуфыэьъ',
        'abvhgdezyiklmnoprstufye'),
      '[^a-z0-9/]+', ' ', 'g') || ' ',
    ' (vulytsia|vul|ulitsa|ul|prospekt|prosp|pr t|provulok|prov|pereulok|per|bulvar|bulv|b r|ploshcha|pl|ploshchad|uzviz|shose|naberezhna|nab|proizd|tupyk|maidan|aleia|street|st|avenue|ave|lane|square|road)(?= )', ' ', 'g'),
    '([0-9]) ([a-z])(?= )', '\1\2', 'g'),
    ' +', ' ', 'g'))
$$;

-- How well folded text `t` matches the folded query `q`, 0..1: the mean of the whole texts'
-- trigram similarity (a street named exactly as typed beats a house on it) and of the query's
-- similarity to the best-matching run of words in `t` (a house found by its street and number).
CREATE FUNCTION search_score(q text, t text) RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ((similarity(q, t) + word_similarity(q, t)) / 2)::double precision
$$;

-- What the search finds without asking other tables: rebuilt per city when the versions of its
-- public layers change (search_index_state), inside one transaction.
CREATE TABLE search_index (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  city_id text NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('address', 'street', 'feature', 'parcel')),
  title text NOT NULL,
  subtitle text,
  -- search_fold(title), or the digits of a cadastral number.
  search_text text NOT NULL,
  layer_id text,
  feature_id bigint,
  -- The page that shows it, where it has one (a register object's page).
  url text,
  -- A point for an address, a feature's point on its surface; a street's or a feature's whole
  -- shape gives the bbox.
  point geometry(Point, 4326) NOT NULL,
  bbox double precision[]
);
CREATE INDEX search_index_text_trgm ON search_index USING gin (search_text gin_trgm_ops);
CREATE INDEX search_index_prefix_idx ON search_index (city_id, kind, search_text text_pattern_ops);
CREATE INDEX search_index_address_gix ON search_index USING gist (point) WHERE kind = 'address';
CREATE INDEX search_index_city_idx ON search_index (city_id);

CREATE TABLE search_index_state (
  city_id text PRIMARY KEY REFERENCES cities (id) ON DELETE CASCADE,
  -- The ids and versions of the layers the index was built from.
  layers_key text NOT NULL,
  entries integer NOT NULL,
  refreshed_at timestamptz NOT NULL DEFAULT now(),
  -- The layers_key of the index the city's appeals without an address were last looked up in:
  -- a server start does not look them up again in the same index.
  appeals_named_key text
);

-- Layer titles are searched where they live; the appeal number's own index serves appeals.
CREATE INDEX appeals_number_pattern_idx ON appeals (number text_pattern_ops);

-- The gazetteer's address nearest a point of the city within `radius_m` metres, else null. The
-- index orders by degrees, which at these latitudes stretch east-west: a few of the nearest are
-- measured on the sphere.
CREATE FUNCTION nearest_address(city text, p geometry, radius_m double precision)
RETURNS TABLE (title text, distance_m double precision) LANGUAGE sql STABLE AS $$
  SELECT title, distance_m FROM (
    SELECT s.title, ST_DistanceSphere(s.point, p) AS distance_m
      FROM search_index s WHERE s.city_id = city AND s.kind = 'address'
     ORDER BY s.point <-> p LIMIT 8) near
   WHERE distance_m <= radius_m
   ORDER BY distance_m LIMIT 1
$$;
