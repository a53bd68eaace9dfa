-- Photos and PDFs of participatory-budget proposals, and photos of the winners' construction.
-- The files live in the photo store and the document store, named by a random key; a row here
-- is what makes a file kept (each store's recovery removes a staged file without one).

CREATE TABLE budget_photos (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  proposal_id bigint NOT NULL REFERENCES budget_proposals (id) ON DELETE CASCADE,
  -- The author's photo of the proposal, or the city's of its construction.
  stage text NOT NULL CHECK (stage IN ('proposal', 'implementation')),
  storage_key text NOT NULL UNIQUE,
  caption text NOT NULL DEFAULT '' CHECK (char_length(caption) <= 300),
  created_by bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX budget_photos_proposal_idx ON budget_photos (proposal_id, id);

CREATE TABLE budget_documents (
  -- The file's name in the document store.
  id uuid PRIMARY KEY,
  proposal_id bigint NOT NULL REFERENCES budget_proposals (id) ON DELETE CASCADE,
  title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
  file_name text NOT NULL CHECK (char_length(file_name) <= 255),
  bytes bigint NOT NULL CHECK (bytes > 0),
  pages integer CHECK (pages > 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  created_by bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX budget_documents_proposal_idx ON budget_documents (proposal_id, created_at);
