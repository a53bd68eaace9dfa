/**
 * The serving limit: a bare node:http server that answers every path with the same buffer of
 * the median tile size. What Node and the load generator can do at all on this machine.
 * Env: LIMIT_PORT, LIMIT_BYTES.
 */
import { createServer } from 'node:http'
import { randomBytes } from 'node:crypto'

const body = randomBytes(Number(process.env.LIMIT_BYTES ?? 20_000))
createServer((_req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/vnd.mapbox-vector-tile', 'Content-Length': body.length })
  res.end(body)
}).listen(Number(process.env.LIMIT_PORT ?? 8802), '127.0.0.1', () => console.log('serving limit listening'))
