/**
 * A second reference for the warm cache: a bare node:http server that answers each tile path
 * with exactly the status, headers and body our server sent for it, fetched from it once at
 * start. Between the serving limit (two headers, one body of the median size) and the warm
 * cache, it tells what our answers cost Node (their headers and sizes) from what our process
 * adds on top (the URL lookup, the cache, a larger heap).
 * Env: REPLAY_PORT, REPLAY_SOURCE (the server's origin), REPLAY_PATHS (a file, one path a line).
 */
import { createServer, get } from 'node:http'
import { readFileSync } from 'node:fs'

interface Answer {
  status: number
  headers: Record<string, string>
  body: Buffer
}

/** Headers Node writes itself on every response. */
const NODE_OWN = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding'])

function fetchAnswer(url: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        const headers: Record<string, string> = {}
        for (let i = 0; i < res.rawHeaders.length; i += 2) {
          if (!NODE_OWN.has(res.rawHeaders[i]!.toLowerCase())) headers[res.rawHeaders[i]!] = res.rawHeaders[i + 1]!
        }
        resolve({ status: res.statusCode ?? 500, headers, body: Buffer.concat(chunks) })
      })
      res.on('error', reject)
    }).on('error', reject)
  })
}

const source = process.env.REPLAY_SOURCE ?? 'http://127.0.0.1:8812'
if (!process.env.REPLAY_PATHS) throw new Error('REPLAY_PATHS: the file of tile paths to replay')
const paths = readFileSync(process.env.REPLAY_PATHS, 'utf8').split('\n').filter(Boolean)
const answers = new Map<string, Answer>()
for (const path of new Set(paths)) answers.set(path, await fetchAnswer(source + path))
const missing: Answer = { status: 404, headers: { 'Content-Length': '0' }, body: Buffer.alloc(0) }

const server = createServer((req, res) => {
  const answer = answers.get(req.url ?? '') ?? missing
  res.writeHead(answer.status, answer.headers)
  res.end(answer.body.byteLength > 0 ? answer.body : undefined)
})
server.listen(Number(process.env.REPLAY_PORT ?? 8816), '127.0.0.1', () => {
  const address = server.address()
  console.log(`answers replayed: ${answers.size} on port ${typeof address === 'object' && address ? address.port : ''}`)
})
