-- Documents of a layer: PDFs (a council decision, an explanatory note, a drawing) attached to the
-- whole layer or to one of its features. The file lives on disk under the data directory,
-- named by the row's id; the row keeps the name the planner's file had, for the download.
CREATE TABLE layer_documents (
  id uuid PRIMARY KEY,
  layer_id text NOT NULL REFERENCES layers (id) ON DELETE CASCADE,
  -- Null: a document of the whole layer. No foreign key: a feature that a later revision
  -- removes stays readable in feature_history under the same id, and so do its documents.
  feature_id bigint,
  kind text NOT NULL CHECK (kind IN ('decision', 'explanatory-note', 'drawing', 'other')),
  title jsonb NOT NULL CHECK (jsonb_typeof(title) = 'object' AND char_length(title->>'uk') BETWEEN 1 AND 300),
  file_name text NOT NULL CHECK (char_length(file_name) BETWEEN 1 AND 255),
  bytes bigint NOT NULL CHECK (bytes > 0),
  -- Null when the PDF does not say its page count plainly (a compressed page tree).
  pages integer CHECK (pages >= 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  decision_number text CHECK (char_length(decision_number) <= 100),
  decision_date date,
  created_by bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX layer_documents_layer_idx ON layer_documents (layer_id, feature_id, created_at);
