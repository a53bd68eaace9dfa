import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ballotPgbenchScript, ballotWrkScript, REPLAYED_BALLOT } from './ballot-bench.ts'
import { ROOT } from './processes.ts'

const PROPOSALS = ['101', '102', '103', '104', '105', '106', '107', '108', '109', '110']

/** Runs wrk with the script against a bare server for a second; every request it received, as received. */
async function requestsOfWrk(script: string, connections = 4): Promise<Array<{ method: string; url: string; headers: IncomingMessage['headers']; body: string }>> {
  const seen: Array<{ method: string; url: string; headers: IncomingMessage['headers']; body: string }> = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (d: Buffer) => (body += d.toString()))
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body })
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const path = join(mkdtempSync(join(tmpdir(), 'hromada-ballot-wrk-')), 'ballots.lua')
  writeFileSync(path, script)
  // Asynchronously: the server answers in this process while wrk runs.
  const wrk = spawn('wrk', ['-t1', `-c${connections}`, '-d1s', '-s', path, `http://127.0.0.1:${(server.address() as AddressInfo).port}`], { stdio: 'pipe' })
  let out = ''
  wrk.stdout.on('data', (d: Buffer) => (out += d.toString()))
  await new Promise((resolve) => wrk.on('exit', resolve))
  server.close()
  expect(out).toMatch(/^RESULT \{/m)
  return seen
}

const hasWrk = !spawnSync('wrk', ['--version']).error

describe.runIf(hasWrk)('the API load', () => {
  it('sends each ballot as another signed-in voter, the token of the id in ten digits, three different proposals of the ballot, with the site’s origin', async () => {
    const script = ballotWrkScript({ path: '/api/budgets/7/ballot', origin: 'http://127.0.0.1:8831', cookie: 'hromada_session', tokenPrefix: 'secret-', first: 5000, span: 100_000, start: 0, proposals: PROPOSALS })
    const seen = await requestsOfWrk(script)
    expect(seen.length).toBeGreaterThan(50)
    expect(new Set(seen.map((r) => r.headers.cookie)).size).toBe(seen.length)
    for (const r of seen) {
      expect(r).toMatchObject({ method: 'PUT', url: '/api/budgets/7/ballot', headers: { origin: 'http://127.0.0.1:8831', 'content-type': 'application/json' } })
      expect(r.headers.cookie).toMatch(/^hromada_session=secret-\d{10}$/)
      const voter = Number(r.headers.cookie!.split('-')[1])
      expect(voter).toBeGreaterThanOrEqual(5000)
      expect(voter).toBeLessThan(105_000)
      const { proposals } = JSON.parse(r.body) as { proposals: string[] }
      expect(proposals).toHaveLength(3)
      expect(new Set(proposals).size).toBe(3)
      for (const p of proposals) expect(PROPOSALS).toContain(p)
    }
  })

  it('starts where the last run stopped and comes round to the first voter after the last', async () => {
    const seen = await requestsOfWrk(ballotWrkScript({ path: '/b', origin: 'http://x', cookie: 's', tokenPrefix: 't', first: 10, span: 5, start: 3, proposals: PROPOSALS }))
    expect(seen[0]!.headers.cookie).toMatch(/^s=t\d{10}$/)
    const voters = seen.map((r) => Number(r.headers.cookie!.slice('s=t'.length)))
    // wrk makes one request of the script as it starts a thread, then sends the next ones.
    expect([13, 14]).toContain(voters[0])
    expect(new Set(voters)).toEqual(new Set([10, 11, 12, 13, 14]))
  })
})

/** The ballot functions of the server's code as it stands. */
const BALLOT_QUERIES = readFileSync(join(ROOT, 'api/budgets/ballot.queries.ts'), 'utf8')
describe('the pgbench replay', () => {
  const script = ballotPgbenchScript({ proposals: PROPOSALS })
  const statements = script.trim().split('\n').filter((l) => !l.startsWith('\\'))

  it("is the server's one call: cast_ballot_in_session with the voter's session, the edition, a receipt, the address, the declarations and three proposals", () => {
    expect(statements).toEqual([`${REPLAYED_BALLOT.call};`])
  })

  it("calls cast_ballot_in_session with the server's own arguments, in the server's order", () => {
    const template = /SELECT cast_ballot_in_session\([\s\S]*?::bigint\[\]\) AS cast/.exec(BALLOT_QUERIES)?.[0]
    expect(template, 'castBallotInSession in api/budgets/ballot.queries.ts').toBeDefined()
    const values: Record<string, string> = { editionId: ':edition', receipt: REPLAYED_BALLOT.receipt, clientAddress: ':address', declaredAge: ':declared', declaredResidence: ':declared' }
    const replayed = template!
      .replace(/\$\{v\.(\w+)\}/g, (_, name: string) => values[name]!)
      .replace('${sessionHash}', REPLAYED_BALLOT.session)
      .replace('${proposals.map(Number)}::bigint[]', 'ARRAY[:p1, :p2, :p3]::bigint[]')
    expect(replayed).toBe(REPLAYED_BALLOT.call)
  })

  it('picks each proposal of the ballot by its position', () => {
    const p1 = script.split('\n').find((l) => l.startsWith('\\set p1 '))!
    PROPOSALS.slice(0, -1).forEach((id, i) => expect(p1).toContain(`WHEN :a = ${i} THEN ${id}`))
    expect(p1).toMatch(/ELSE 110 END$/)
  })
})
