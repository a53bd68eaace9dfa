-- Self-service accounts: mailed single-use links, outside identity providers, and OpenID Connect
-- sign-ins in flight. Like sessions, every token is kept only as its SHA-256, so a copy of these
-- tables opens nothing.

-- Links mailed to the owner of an account: confirming the e-mail address, resetting the password.
CREATE TABLE account_tokens (
  token_hash bytea PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  purpose text NOT NULL CHECK (purpose IN ('confirm-email', 'reset-password')),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX account_tokens_user_idx ON account_tokens (user_id, purpose);

-- An account at an identity provider (OpenID Connect), known by its issuer and subject.
CREATE TABLE user_identities (
  issuer text NOT NULL CHECK (char_length(issuer) <= 500),
  subject text NOT NULL CHECK (char_length(subject) <= 255),
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  provider text NOT NULL CHECK (provider IN ('oidc')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (issuer, subject)
);
CREATE INDEX user_identities_user_idx ON user_identities (user_id);

-- A sign-in sent to the identity provider and not back yet: what the callback must check
-- (state, nonce) and prove (the PKCE verifier). Single use, minutes long.
CREATE TABLE oidc_sign_ins (
  state_hash bytea PRIMARY KEY,
  code_verifier text NOT NULL,
  nonce text NOT NULL,
  next_path text CHECK (char_length(next_path) <= 2000),
  expires_at timestamptz NOT NULL
);
CREATE INDEX oidc_sign_ins_expiry_idx ON oidc_sign_ins (expires_at);
