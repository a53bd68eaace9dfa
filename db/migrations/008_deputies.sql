-- City-council deputies and the territorial electoral districts (ТВО) they answer for, and
-- appeals a resident addresses to the deputy of the district where the problem is. Every field
-- of a deputy is public: it is the office's contact, not a private person's.
CREATE TABLE deputies (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  city_id text NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
  district_number integer NOT NULL CHECK (district_number BETWEEN 1 AND 9999),
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  faction text CHECK (char_length(faction) <= 200),
  reception_address text CHECK (char_length(reception_address) <= 300),
  reception_hours text CHECK (char_length(reception_hours) <= 300),
  email text CHECK (char_length(email) <= 254),
  phone text CHECK (char_length(phone) <= 40),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- One deputy per single-member district: the lookup by point answers with one person.
  UNIQUE (city_id, district_number)
);

-- An appeal keeps its deputy until that deputy's row is deleted; the audit trail keeps the rest.
ALTER TABLE appeals ADD COLUMN deputy_id integer REFERENCES deputies (id) ON DELETE SET NULL;
CREATE INDEX appeals_deputy_idx ON appeals (deputy_id) WHERE deputy_id IS NOT NULL;

-- The one spelling of a district's name, shared by the districts layer and the appeal payload.
CREATE FUNCTION electoral_district_name(number integer) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT 'ТВО №' || number
$$;
