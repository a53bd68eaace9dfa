-- Photos of register lines and of offers to investors, and PDFs of register lines (a rights
-- certificate, a technical passport, a council decision). The files live in the photo store and
-- the document store, named by a random key; a row here is what makes a file kept.

CREATE TABLE object_photos (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  property_id bigint REFERENCES property_objects (id) ON DELETE CASCADE,
  investment_id bigint REFERENCES investment_objects (id) ON DELETE CASCADE,
  storage_key text NOT NULL UNIQUE,
  width integer NOT NULL,
  height integer NOT NULL,
  caption text NOT NULL DEFAULT '' CHECK (char_length(caption) <= 300),
  created_by bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (num_nonnulls(property_id, investment_id) = 1)
);
CREATE INDEX object_photos_property_idx ON object_photos (property_id, id) WHERE property_id IS NOT NULL;
CREATE INDEX object_photos_investment_idx ON object_photos (investment_id, id) WHERE investment_id IS NOT NULL;

CREATE TABLE property_documents (
  -- The file's name in the document store.
  id uuid PRIMARY KEY,
  property_id bigint NOT NULL REFERENCES property_objects (id) ON DELETE CASCADE,
  title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
  file_name text NOT NULL CHECK (char_length(file_name) <= 255),
  bytes bigint NOT NULL CHECK (bytes > 0),
  pages integer CHECK (pages > 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  created_by bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX property_documents_property_idx ON property_documents (property_id, created_at);
