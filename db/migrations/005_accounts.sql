-- Accounts, their roles and their sessions. A session row is the whole session: the cookie holds
-- a random token whose SHA-256 is the row's key, so a copy of the table opens no session.
CREATE TABLE users (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL CHECK (email = lower(email) AND char_length(email) <= 254),
  name text NOT NULL DEFAULT '' CHECK (char_length(name) <= 200),
  -- scrypt$N$r$p$salt$hash (base64url); null for accounts that sign in through a provider only.
  password_hash text,
  email_confirmed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_unique ON users (email);

CREATE TABLE user_roles (
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('resident', 'moderator', 'executor', 'manager', 'planner', 'budget_admin', 'admin')),
  -- Executors and managers act for one organisation.
  organisation_id text REFERENCES organisations (id) ON DELETE CASCADE,
  PRIMARY KEY (user_id, role)
);

CREATE TABLE sessions (
  token_hash bytea PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX sessions_expiry_idx ON sessions (expires_at);

ALTER TABLE appeals ADD CONSTRAINT appeals_account_fk FOREIGN KEY (account_id) REFERENCES users (id) ON DELETE SET NULL;
