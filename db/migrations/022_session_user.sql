-- The user of a session, as every signed-in request asks it: in PL/pgSQL so that the plan of its
-- query is made once per connection rather than at each request. Notes that the session was
-- seen at most every 5 minutes, so signed-in reads stay reads.
CREATE FUNCTION session_user_of(token bytea)
RETURNS TABLE (id bigint, email text, name text, roles text[], organisation text) LANGUAGE plpgsql AS $$
BEGIN
  UPDATE sessions SET last_seen_at = now() WHERE token_hash = token AND last_seen_at < now() - interval '5 minutes';
  RETURN QUERY
    SELECT u.id, u.email, u.name,
           coalesce(array_agg(r.role ORDER BY r.role) FILTER (WHERE r.role IS NOT NULL), '{}'),
           min(r.organisation_id)
      FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN user_roles r ON r.user_id = u.id
     WHERE s.token_hash = token AND s.expires_at > now()
     GROUP BY u.id;
END $$;
