-- Any department publishes: the `publisher` role, held for one organisation, makes and edits
-- that organisation's layers; before one of them goes public a second person approves it.

ALTER TABLE user_roles DROP CONSTRAINT IF EXISTS user_roles_role_check;
ALTER TABLE user_roles ADD CONSTRAINT user_roles_role_check
  CHECK (role IN ('resident', 'moderator', 'executor', 'manager', 'planner', 'publisher', 'budget_admin', 'admin'));

-- A publication waiting for review: the status asked for, by whom and when. The layer keeps its
-- own status until a second person approves; a rejection clears the request.
ALTER TABLE layers
  ADD COLUMN review_status text CHECK (review_status IN ('consultation', 'approved')),
  ADD COLUMN review_requested_by bigint REFERENCES users (id) ON DELETE SET NULL,
  ADD COLUMN review_requested_at timestamptz,
  ADD CONSTRAINT layers_review_whole CHECK ((review_status IS NULL) = (review_requested_at IS NULL));
