/**
 * The ballot peer: `PUT /api/budgets/:id/ballot` written the simple way, Hono + pg. It finds the
 * voter by the session cookie and writes the ballot in one transaction (the row with a new
 * receipt, its lines replaced), as our server does, but checks nothing else: not the phase, not
 * the voter's standing, not the proposals, and it answers with what it was sent instead of the
 * ballot read back. The database's trigger still holds the rules.
 * Env: PEER_DATABASE_URL, PEER_PORT, PEER_POOL.
 */
import { createHash, randomInt } from 'node:crypto'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { getCookie } from 'hono/cookie'
import pg from 'pg'

const pool = new pg.Pool({ connectionString: process.env.PEER_DATABASE_URL, max: Number(process.env.PEER_POOL ?? 8) })
// An idle connection that loses its server is dropped by the pool; without a listener it would end the process.
pool.on('error', (err) => console.error(`peer pool: ${err.message}`))

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const receipt = () => Array.from({ length: 3 }, () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('')).join('-')

const app = new Hono().put('/api/budgets/:id/ballot', async (c) => {
  const edition = Number(c.req.param('id'))
  const token = getCookie(c, 'hromada_session') ?? ''
  const session = await pool.query('SELECT user_id FROM sessions WHERE token_hash = $1 AND expires_at > now()', [createHash('sha256').update(token).digest()])
  const voter = session.rows[0]?.user_id
  if (voter === undefined) return c.json({ title: 'Sign in' }, 401)
  const { proposals } = await c.req.json<{ proposals: string[] }>()
  const code = receipt()
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    const ballot = await client.query(
      `INSERT INTO budget_ballots (edition_id, voter_id, source, receipt) VALUES ($1, $2, 'online', $3)
       ON CONFLICT (edition_id, voter_id) WHERE source = 'online' AND voter_id IS NOT NULL DO UPDATE SET receipt = EXCLUDED.receipt, updated_at = now()
       RETURNING id`,
      [edition, voter, code],
    )
    const id = ballot.rows[0].id
    await client.query('DELETE FROM budget_ballot_lines WHERE ballot_id = $1', [id])
    await client.query('INSERT INTO budget_ballot_lines (edition_id, ballot_id, proposal_id) SELECT $1, $2, unnest($3::bigint[])', [edition, id, proposals])
    await client.query('COMMIT')
  } catch (err) {
    await client.query('ROLLBACK')
    throw err
  } finally {
    client.release()
  }
  return c.json({ receipt: code, proposals })
})

serve({ fetch: app.fetch, port: Number(process.env.PEER_PORT ?? 8801), hostname: '127.0.0.1' }, (info) => {
  console.log(`ballot peer listening on ${info.port}`)
})
