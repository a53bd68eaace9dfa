-- Co-authors of participatory-budget proposals: residents the author invited with a link. They
-- edit, complete and submit the proposal as its author does; the public sees only how many there
-- are. The invitation is a random token of which only the SHA-256 is kept; a new one replaces it.

CREATE TABLE budget_coauthors (
  proposal_id bigint NOT NULL REFERENCES budget_proposals (id) ON DELETE CASCADE,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (proposal_id, user_id)
);
CREATE INDEX budget_coauthors_user_idx ON budget_coauthors (user_id);

ALTER TABLE budget_proposals ADD COLUMN coauthor_invitation bytea CHECK (octet_length(coauthor_invitation) = 32);
