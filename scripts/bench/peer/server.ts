/**
 * The peer: a minimal Hono + pg vector-tile server written the way popular Node PostGIS APIs
 * do it (dirt-simple-postgis-http-api style): ST_Transform of the 4326 column at query time,
 * an ST_Intersects filter, every property, no cache, no generalisation.
 * Env: PEER_DATABASE_URL, PEER_PORT, PEER_POOL.
 */
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import pg from 'pg'

const pool = new pg.Pool({ connectionString: process.env.PEER_DATABASE_URL, max: Number(process.env.PEER_POOL ?? 8) })
// An idle connection that loses its server is dropped by the pool; without a listener it would end the process.
pool.on('error', (err) => console.error(`peer pool: ${err.message}`))

const app = new Hono().get('/tiles/:layer/:z/:x/:file', async (c) => {
  const { layer, z, x, file } = c.req.param()
  const y = Number.parseInt(file, 10)
  const { rows } = await pool.query(
    `WITH bounds AS (SELECT ST_TileEnvelope($1, $2, $3) AS geom)
     SELECT ST_AsMVT(q, $4, 4096, 'geom') AS mvt FROM (
       SELECT f.id, f.properties, ST_AsMVTGeom(ST_Transform(f.geom, 3857), bounds.geom) AS geom
         FROM features f, bounds
        WHERE f.layer_id = $4 AND ST_Intersects(f.geom, ST_Transform(bounds.geom, 4326))
     ) q`,
    [Number(z), Number(x), y, layer],
  )
  const mvt: Buffer | null = rows[0]?.mvt ?? null
  if (!mvt || mvt.length === 0) return c.body(null, 204)
  return c.body(new Uint8Array(mvt), 200, { 'Content-Type': 'application/vnd.mapbox-vector-tile' })
})

serve({ fetch: app.fetch, port: Number(process.env.PEER_PORT ?? 8801), hostname: '127.0.0.1' }, (info) => {
  console.log(`peer listening on ${info.port}`)
})
