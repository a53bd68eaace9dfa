/**
 * Ballot benchmark: `PUT /api/budgets/{id}/ballot` of a running server, each request another
 * signed-in voter choosing 3 of 10 feasible proposals (approval voting), against pgbench
 * replaying the ballot transaction the server runs (the database's limit for it), in turns on
 * the same database; and what the voting peak of a city of a million asks of it.
 */
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Kysely, sql } from 'kysely'
import { type DB, openDatabase } from '../../db/index.ts'
import { hashPassword, SESSION_COOKIE } from '../../api/auth/index.ts'
import { DEMO_ACCOUNTS, loadDemoData } from '../../api/demo/index.ts'
import { measureCpu, processCpuSeconds } from './cpu-meter.ts'
import { steadyRate } from './pgbench.ts'
import { canPinCpus, ROOT, startScript, stopProcess, waitFor } from './processes.ts'
import { type BallotRow, formatBallotReport, type StatementCost } from './ballot-report.ts'
import type { Row } from './report.ts'
import { startThrowawayCluster } from './throwaway-cluster.ts'
import { takeTurns, type Turn } from './turns.ts'

/** What the API load sends: ballots of voters `first … first + span - 1`, in order from `start`, round again after the last. */
export interface WrkBallots {
  path: string
  /** This site's origin: the server refuses writes from any other. */
  origin: string
  cookie: string
  /** A voter's session token is this prefix and their user id in ten digits (the sessions are written so). */
  tokenPrefix: string
  first: number
  span: number
  start: number
  /** The ids of the proposals on the ballot (ten). */
  proposals: readonly string[]
}

/**
 * A wrk script (one thread) sending each ballot as the next voter, choosing three different
 * proposals as the pgbench replay does: one at random, the next 1–4 places on, the next 1–5
 * places on from that, round the list. It prints one `RESULT {…}` line as load.ts reads it.
 */
export function ballotWrkScript(o: WrkBallots): string {
  return `local ids = {${o.proposals.map((p) => JSON.stringify(p)).join(', ')}}
local n = ${o.start}
wrk.method = "PUT"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Origin"] = ${JSON.stringify(o.origin)}
request = function()
  local voter = ${o.first} + n % ${o.span}
  n = n + 1
  local a = math.random(0, ${o.proposals.length - 1})
  local b = (a + math.random(1, 4)) % ${o.proposals.length}
  local c = (b + math.random(1, 5)) % ${o.proposals.length}
  wrk.headers["Cookie"] = ${JSON.stringify(`${o.cookie}=${o.tokenPrefix}`)} .. string.format("%010d", voter)
  return wrk.format(nil, ${JSON.stringify(o.path)}, nil, '{"proposals":["' .. ids[a + 1] .. '","' .. ids[b + 1] .. '","' .. ids[c + 1] .. '"]}')
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('RESULT {"requests":%d,"duration_us":%d,"p50":%d,"p99":%d,"errors":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout + e.status))
end
`
}

/**
 * The server's ballot (`castBallotInSession` of api/budgets/ballot.queries.ts): one call of the
 * database's `cast_ballot_in_session`, which resolves the voter's session, checks the phase and
 * the voter and writes the ballot with its lines, with pgbench variables for its values. The
 * session token's hash, which the server computes, is computed here in SQL from the voter's
 * token (`:prefix` and the voter's id in ten digits); the receipt, a random code in the server, is
 * a code unique to the call (`:r1-:r2-:r3`, four digits each).
 */
export const REPLAYED_BALLOT = {
  session: `sha256(convert_to(:prefix || lpad(:voter::text, 10, '0'), 'UTF8'))`,
  receipt: `(:r1::text || '-' || :r2::text || '-' || :r3::text)`,
  call:
    "SELECT cast_ballot_in_session(sha256(convert_to(:prefix || lpad(:voter::text, 10, '0'), 'UTF8')), :edition, (:r1::text || '-' || :r2::text || '-' || :r3::text), :address, :declared, :declared, ARRAY[:p1, :p2, :p3]::bigint[]) AS cast",
}

/** pgbench's `CASE` picking the proposal at position `:name` (it has only the searched form). */
function proposalAt(name: string, proposals: readonly string[]): string {
  const whens = proposals.slice(0, -1).map((id, i) => `WHEN :${name} = ${i} THEN ${id}`)
  return `CASE ${whens.join(' ')} ELSE ${proposals.at(-1)} END`
}

/**
 * The pgbench script of one ballot. Each client counts its transactions in `:n` (pgbench keeps
 * a client's variables from one transaction to the next), so `:k`, the client's place in the
 * run, is unique in the run: the voter is `:first + (:from + :k) % :span`, the next voter each
 * time, and the receipt `random-:u/9000-:u%9000` with `:u = :run * 1000000 + :k`, unique in the
 * database. Defined with `-D`: n=0, run, from, clients, first, span, edition, address, declared, prefix.
 */
export function ballotPgbenchScript(o: { proposals: readonly string[] }): string {
  const last = o.proposals.length - 1
  return [
    '\\set n :n + 1',
    '\\set k :client_id + :clients * (:n - 1)',
    '\\set voter :first + (:from + :k) % :span',
    '\\set u :run * 1000000 + :k',
    `\\set a random(0, ${last})`,
    `\\set b (:a + random(1, 4)) % ${o.proposals.length}`,
    `\\set c (:b + random(1, 5)) % ${o.proposals.length}`,
    `\\set p1 ${proposalAt('a', o.proposals)}`,
    `\\set p2 ${proposalAt('b', o.proposals)}`,
    `\\set p3 ${proposalAt('c', o.proposals)}`,
    '\\set r1 random(1000, 9999)',
    '\\set r2 1000 + :u / 9000',
    '\\set r3 1000 + :u % 9000',
    `${REPLAYED_BALLOT.call};`,
    '',
  ].join('\n')
}

/** Options of {@link runBallotBenchmark}. */
export interface BallotBenchOptions {
  connections: number
  /** Seconds of each measured run; a turn of the API or pgbench takes 0.4 of it (at least 2). */
  seconds: number
  /** Append the report to docs/benchmarks.md (default true). */
  record: boolean
  note?: string | undefined
}

/** PostgreSQL alone on CPU 0; the server, the peer, wrk and pgbench on CPU 1, as the tile benchmark's uncached rows. */
const LAYOUT = { database: '0', clients: '1' }
const PORTS = { cluster: 54359, server: 8831, peer: 8832 }
/** Voters made for each side: the runs go through them in order and come round again when they run out. */
const SPAN = { api: 60_000, pgbench: 150_000 }
const TURNS = { calmSteal: 0.05, calmPace: 0.85, minCalm: 3, rounds: 3, most: 5 }
const HOUR = 3_600_000
const DAY = 24 * HOUR

/** Phases of an edition taking proposals now (`submission`) or votes now (`voting`). */
function phasesFor(now: 'submission' | 'voting'): Array<{ name: string; starts_at: string; ends_at: string }> {
  const at = (ms: number) => new Date(Date.now() + ms).toISOString()
  const shift = now === 'voting' ? -2 * DAY - HOUR : 0
  const days = [
    ['submission', -DAY, DAY],
    ['review', DAY, 2 * DAY],
    ['voting', 2 * DAY, 3 * DAY],
    ['results', 3 * DAY, 4 * DAY],
    ['implementation', 4 * DAY, 400 * DAY],
  ] as const
  return days.map(([name, from, to]) => ({ name, starts_at: at(from + shift), ends_at: at(to + shift) }))
}

/**
 * A client of the running server signed in as a demo account, sending JSON from the site's
 * origin. A production server refuses the demo's published passwords, so the account is given
 * a new one first, as its owner would.
 */
async function signedInClient(db: Kysely<DB>, origin: string, role: 'budget_admin' | 'resident'): Promise<(method: string, path: string, body: unknown, status: number) => Promise<Record<string, unknown>>> {
  const { email } = DEMO_ACCOUNTS.find((a) => a.role === role)!
  const password = randomBytes(18).toString('base64url')
  await db.updateTable('users').set({ password_hash: await hashPassword(password) }).where('email', '=', email).execute()
  const headers = { 'Content-Type': 'application/json', Origin: origin }
  const login = await fetch(`${origin}/api/auth/login`, { method: 'POST', headers, body: JSON.stringify({ email, password }) })
  const cookie = /hromada_session=[^;]+/.exec(login.headers.get('Set-Cookie') ?? '')?.[0]
  if (login.status !== 200 || !cookie) throw new Error(`sign-in of ${email} answered ${login.status}: ${await login.text()}`)
  return async (method, path, body, status) => {
    const res = await fetch(`${origin}${path}`, { method, headers: { ...headers, Cookie: cookie }, body: JSON.stringify(body) })
    const text = await res.text()
    if (res.status !== status) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`)
    return JSON.parse(text) as Record<string, unknown>
  }
}

/**
 * An edition in the voting phase with ten feasible proposals, made through the API as a city
 * makes one: the budget admin creates it, a resident submits the proposals in a district of
 * Kyiv, the admin reviews them feasible and moves the phases to voting.
 */
async function editionOnTheBallot(db: Kysely<DB>, origin: string): Promise<{ id: number; proposals: string[] }> {
  const admin = await signedInClient(db, origin, 'budget_admin')
  const resident = await signedInClient(db, origin, 'resident')
  const rules = { voting: 'approval', votes_per_voter: 3, min_cost: 10_000, max_cost: 2_000_000, verified_only: false }
  const title = { uk: 'Бюджет участі: навантажувальний тест', en: 'Participatory budget: load test' }
  const edition = await admin('POST', '/api/budgets', { city: 'kyiv', year: 2026, title, total: 10_000_000, rules, phases: phasesFor('submission') }, 201)
  const { rows } = await sql<{ lon: number; lat: number }>`
    SELECT ST_X(p) AS lon, ST_Y(p) AS lat
      FROM (SELECT ST_PointOnSurface(ST_Buffer(geom::geography, -500)::geometry) AS p FROM districts WHERE city_id = 'kyiv' ORDER BY id LIMIT 1) d`.execute(db)
  if (!rows[0]) throw new Error('no Kyiv district: the demo data did not load')
  const proposals: string[] = []
  for (let i = 0; i < 10; i++) {
    const body = { title: `Проєкт ${i + 1}`, description: 'Лавки, освітлення та озеленення двору.', category: 'sport', geometry: { type: 'Point', coordinates: [rows[0].lon + i * 0.0005, rows[0].lat] }, cost_items: [{ name: 'Роботи', amount: 100_000 + i }] }
    const made = await resident('POST', `/api/budgets/${edition.id}/proposals`, body, 201)
    await admin('POST', `/api/budgets/${edition.id}/proposals/${made.id}/review`, { feasible: true }, 200)
    proposals.push(String(made.id))
  }
  await admin('PATCH', `/api/budgets/${edition.id}`, { phases: phasesFor('voting') }, 200)
  return { id: Number(edition.id), proposals }
}

/**
 * `span` residents with confirmed addresses, each signed in with the session token
 * `tokenPrefix` + their id in ten digits (the 43 characters of a token), written in SQL as the
 * route tests write them; their ids run from the first returned without gaps.
 */
async function makeVoters(db: Kysely<DB>, side: string, span: number, tokenPrefix: string): Promise<number> {
  const { rows } = await sql<{ first: number; last: number; made: number }>`
    WITH made AS (
      INSERT INTO users (email, name, email_confirmed_at)
      SELECT 'ballot-bench-' || ${side} || '-' || g || '@example.com', 'Voter', now() FROM generate_series(1, ${span}::int) g
      RETURNING id)
    SELECT min(id)::int AS first, max(id)::int AS last, count(*)::int AS made FROM made`.execute(db)
  const { first, last, made } = rows[0]!
  if (last - first + 1 !== made) throw new Error(`the voters' ids have gaps: ${first}…${last} for ${made}`)
  await sql`INSERT INTO user_roles (user_id, role) SELECT id, 'resident' FROM users WHERE id BETWEEN ${first} AND ${last}`.execute(db)
  await sql`INSERT INTO sessions (token_hash, user_id, expires_at)
            SELECT sha256(convert_to(${tokenPrefix} || lpad(id::text, 10, '0'), 'UTF8')), id, now() + interval '1 day' FROM users WHERE id BETWEEN ${first} AND ${last}`.execute(db)
  return first
}

/** One wrk run of ballots; the next voter to use after it is `start + requests + connections + 1` (wrk makes a request per thread as it starts, and some are in flight as it ends). */
function runWrkBallots(o: WrkBallots, connections: number, seconds: number, target: string, cpus?: string): { row: Row; used: number } {
  const path = join(mkdtempSync(join(tmpdir(), 'hromada-ballots-')), 'ballots.lua')
  writeFileSync(path, ballotWrkScript(o))
  const wrk = ['wrk', '-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '10s', '-s', path, o.origin]
  const [command, ...args] = cpus ? ['taskset', '-c', cpus, ...wrk] : wrk
  const run = spawnSync(command!, args, { encoding: 'utf8' })
  const line = run.stdout.split('\n').find((l) => l.startsWith('RESULT '))
  if (!line) throw new Error(`wrk failed: ${run.stderr || run.stdout}`)
  const r = JSON.parse(line.slice(7)) as { requests: number; duration_us: number; p50: number; p99: number; errors: number }
  const row = { target, set: 'ballots', rps: r.requests / (r.duration_us / 1e6), p50ms: r.p50 / 1000, p99ms: r.p99 / 1000, bytes: Number.NaN, errors: r.errors, dbBusy: Number.NaN }
  return { row, used: r.requests + connections + 1 }
}

/** One pgbench run of the ballot script; its steady rate and how many transactions it made. */
function runPgbenchBallots(url: string, script: string, variables: Record<string, string | number>, clients: number, seconds: number, cpus: string | undefined, mode: string): { tps: number; latencyMs: number; processed: number } {
  const args = ['-n', `-M${mode}`, '-P1', `-c${clients}`, `-j${Math.min(clients, 2)}`, `-T${seconds + 1}`, ...Object.entries({ n: 0, clients, ...variables }).flatMap(([k, v]) => ['-D', `${k}=${v}`]), '-f', script, url]
  const run = cpus ? spawnSync('taskset', ['-c', cpus, 'pgbench', ...args], { encoding: 'utf8' }) : spawnSync('pgbench', args, { encoding: 'utf8' })
  const rate = run.status === 0 ? steadyRate(run.stderr) : undefined
  const processed = Number(/number of transactions actually processed: (\d+)/.exec(run.stdout)?.[1])
  if (!rate || !Number.isFinite(processed)) throw new Error(`pgbench failed: ${run.stderr || run.stdout}`)
  return { ...rate, processed }
}

/**
 * The statements of this database by their execution time since the last reset, per ballot:
 * each ballot is one call of `cast_ballot_in_session`, so that statement's calls are the ballots
 * (the statements inside the function are its own time: pg_stat_statements tracks the top level).
 */
async function statementCosts(db: Kysely<DB>): Promise<{ costs: StatementCost[]; dbMs: number }> {
  const { rows } = await sql<{ query: string; calls: number; exec: number; plan: number }>`
    SELECT query, calls::float8 AS calls, total_exec_time AS exec, total_plan_time AS plan FROM pg_stat_statements
     WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query NOT LIKE '%pg_stat_statements%'
     ORDER BY total_exec_time + total_plan_time DESC`.execute(db)
  const ballots = rows.find((r) => r.query.includes('cast_ballot_in_session('))?.calls ?? Number.NaN
  const all = rows.reduce((sum, r) => sum + r.exec + r.plan, 0)
  const costs = rows
    .filter((r) => r.calls >= ballots / 2)
    .map((r) => ({ statement: r.query.replace(/\s+/g, ' ').trim(), callsPerBallot: r.calls / ballots, meanMs: r.exec / r.calls, planMs: r.plan / r.calls, share: (r.exec + r.plan) / all }))
  return { costs, dbMs: all / ballots }
}

/**
 * CPU seconds the cluster has used so far: the postmaster's own and its reaped children's
 * (backends that ended), and those of the backends still running. Other programs on the
 * database's CPU do not count, as they do in its busy share.
 */
function clusterCpuSeconds(dir: string): number {
  const postmaster = Number(readFileSync(join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0])
  const children = spawnSync('pgrep', ['-P', String(postmaster)], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean)
  // Fields after the command name: utime, stime, cutime and cstime are the 12th to 15th.
  const times = (pid: number | string, withChildren: boolean) => {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ').slice(11, withChildren ? 15 : 13)
      return f.reduce((sum, t) => sum + Number(t), 0) / 100
    } catch {
      // A backend that ended between pgrep and the read: its time is the postmaster's now.
      return 0
    }
  }
  return times(postmaster, true) + children.reduce((sum, pid) => sum + times(pid, false), 0)
}

/** Runs psql on the cluster (as its superuser, over its socket). */
function psql(dir: string, command: string): void {
  const r = spawnSync('psql', ['-h', dir, '-p', String(PORTS.cluster), '-U', 'postgres', '-d', 'hromada_bench', '-qc', command], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`psql failed: ${r.stderr}`)
}

/**
 * Measures ballots through the API against pgbench replaying the ballot transaction, in turns
 * on one throwaway PostgreSQL cluster, then where a ballot's database time goes
 * (pg_stat_statements) and the simple peer; returns (and prints) the report, or undefined
 * without PostgreSQL 15 or wrk.
 */
export async function runBallotBenchmark(o: BallotBenchOptions): Promise<string | undefined> {
  const log = (line: string) => console.error(`[bench] ${line}`)
  if (spawnSync('wrk', ['--version']).error) return undefined
  const pinned = cpus().length >= 2 && canPinCpus()
  const layout = pinned ? LAYOUT : undefined
  const cluster = startThrowawayCluster(PORTS.cluster, layout?.database)
  if (!cluster) return undefined
  const children: ReturnType<typeof startScript>[] = []
  try {
    // pg_stat_statements for the profile: it loads only as the server starts.
    psql(cluster.dir, "ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'")
    cluster.stop()
    cluster.start()
    const database = await openDatabase({ databaseUrl: cluster.url, poolSize: 2, log })
    const db = database.db
    await loadDemoData(db, log)
    await sql`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`.execute(db)
    const origin = `http://127.0.0.1:${PORTS.server}`
    const C = String(o.connections)
    const server = startScript('scripts/start.mjs', { DATABASE_URL: cluster.url, PORT: String(PORTS.server), HROMADA_SKIP_BUILD: '1', HROMADA_DEMO: '0', PUBLIC_URL: origin, HROMADA_DB_POOL: C }, layout?.clients)
    children.push(server)
    await waitFor(`${origin}/api/health`, 180)
    const edition = await editionOnTheBallot(db, origin)
    // 32 + 1 + 10 characters: the server reads only tokens of the 43 its own are.
    const tokenPrefix = `${randomBytes(24).toString('base64url')}-`
    const apiFirst = await makeVoters(db, 'api', SPAN.api, tokenPrefix)
    const pgFirst = await makeVoters(db, 'pgbench', SPAN.pgbench, tokenPrefix)
    log(`edition ${edition.id}: ${edition.proposals.length} proposals on the ballot, ${SPAN.api} + ${SPAN.pgbench} voters`)
    await sql`VACUUM ANALYZE`.execute(db)
    await sql`CHECKPOINT`.execute(db)

    const ballots = (start: number, to = origin): WrkBallots => ({ path: `/api/budgets/${edition.id}/ballot`, origin: to, cookie: SESSION_COOKIE, tokenPrefix, first: apiFirst, span: SPAN.api, start, proposals: edition.proposals })
    // One ballot first, so that a refusal stops the run with its reason instead of being measured.
    const token = `${tokenPrefix}${String(apiFirst).padStart(10, '0')}`
    const probe = await fetch(`${origin}/api/budgets/${edition.id}/ballot`, { method: 'PUT', headers: { 'Content-Type': 'application/json', Origin: origin, Cookie: `${SESSION_COOKIE}=${token}` }, body: JSON.stringify({ proposals: edition.proposals.slice(0, 3) }) })
    if (probe.status !== 200) throw new Error(`a ballot answered ${probe.status}: ${await probe.text()}`)
    let apiNext = 1
    /** The API for `seconds` after a 1 s warm-up, with how busy the database's CPU was and the server's CPU time per ballot. */
    const api = async (seconds: number, target = 'ours: PUT /api/budgets/{id}/ballot', child = server, to = origin): Promise<Turn> => {
      apiNext += runWrkBallots(ballots(apiNext, to), o.connections, 1, target, layout?.clients).used
      const [cpuBefore, dbBefore] = [processCpuSeconds(child.pid), clusterCpuSeconds(cluster.dir)]
      const { result, busy, stolen } = await measureCpu(layout?.database, () => runWrkBallots(ballots(apiNext, to), o.connections, seconds, target, layout?.clients))
      apiNext += result.used
      const perBallot = (used: number) => (used / Math.max(1, result.row.rps * seconds)) * 1e6
      const row: BallotRow = { ...result.row, dbBusy: busy, cpuUs: perBallot(processCpuSeconds(child.pid) - cpuBefore), dbCpuUs: perBallot(clusterCpuSeconds(cluster.dir) - dbBefore) }
      return { row, stolen }
    }
    const script = join(mkdtempSync(join(tmpdir(), 'hromada-pgbench-')), 'ballot.sql')
    writeFileSync(script, ballotPgbenchScript({ proposals: edition.proposals }))
    let pgRun = 0
    let pgNext = 0
    /** pgbench for `seconds` (its first second left out), the same protocol as the server's (`-M extended`) unless told. */
    const pgbench = async (seconds: number, mode = 'extended'): Promise<Turn> => {
      const variables = { run: pgRun++, from: pgNext, first: pgFirst, span: SPAN.pgbench, edition: edition.id, address: '127.0.0.1', declared: 'false', prefix: tokenPrefix }
      const dbBefore = clusterCpuSeconds(cluster.dir)
      const { result, busy, stolen } = await measureCpu(layout?.database, () => runPgbenchBallots(cluster.url, script, variables, o.connections, seconds, layout?.clients, mode))
      // Over every transaction of the run: its first second too.
      const dbCpuUs = ((clusterCpuSeconds(cluster.dir) - dbBefore) / result.processed) * 1e6
      pgNext += result.processed + o.connections
      // pgbench tells the mean latency only: it stands in the p50 column.
      const row: BallotRow = { target: `pgbench -M ${mode}: the ballot transaction`, set: 'ballots', rps: result.tps, p50ms: result.latencyMs, p99ms: Number.NaN, bytes: Number.NaN, errors: 0, dbBusy: busy, dbCpuUs }
      return { row, stolen }
    }
    const turnSeconds = Math.max(2, Math.round(o.seconds * 0.4))
    const taken = await takeTurns(TURNS, () => api(turnSeconds), () => pgbench(turnSeconds))
    const [ours, limit] = taken.rows
    log(`ballots: ${taken.rows.map((r) => r.rps.toFixed(0)).join(' / ')}/s, ${taken.pairing.calm} of ${taken.pairing.rounds} rounds calm, ratios ${taken.pairing.ratios.map((r) => r.toFixed(2)).join(' ')}`)
    const prepared = (await pgbench(turnSeconds, 'prepared')).row

    // Where a ballot's database time goes: the API, then pgbench, each on its own, planning
    // counted too (the server's statements are planned at every call).
    psql(cluster.dir, 'ALTER SYSTEM SET pg_stat_statements.track_planning = on')
    psql(cluster.dir, 'SELECT pg_reload_conf()')
    await sql`SELECT pg_stat_statements_reset()`.execute(db)
    await api(turnSeconds)
    const apiCosts = await statementCosts(db)
    await sql`SELECT pg_stat_statements_reset()`.execute(db)
    await pgbench(turnSeconds)
    const pgCosts = await statementCosts(db)

    await stopProcess(server)
    const peerServer = startScript('scripts/bench/peer/ballot-server.ts', { PEER_DATABASE_URL: cluster.url, PEER_PORT: String(PORTS.peer), PEER_POOL: C }, layout?.clients)
    children.push(peerServer)
    await waitFor(`http://127.0.0.1:${PORTS.peer}/`)
    const peer = (await api(o.seconds, 'simple peer (Hono + pg, no checks)', peerServer, `http://127.0.0.1:${PORTS.peer}`)).row

    const { rows: counts } = await sql<{ api: number; pgbench: number; malformed: number }>`
      SELECT count(*) FILTER (WHERE b.voter_id < ${pgFirst})::int AS api, count(*) FILTER (WHERE b.voter_id >= ${pgFirst})::int AS pgbench,
             count(*) FILTER (WHERE (SELECT count(*) FROM budget_ballot_lines l WHERE l.ballot_id = b.id) <> 3)::int AS malformed
        FROM budget_ballots b WHERE b.edition_id = ${edition.id}`.execute(db)
    await database.close()
    const report = formatBallotReport({
      api: ours,
      pgbench: limit,
      pairing: taken.pairing,
      peer,
      prepared,
      profile: { api: apiCosts.costs, pgbench: pgCosts.costs, apiDbMs: apiCosts.dbMs, pgbenchDbMs: pgCosts.dbMs },
      ballots: counts[0]!,
      connections: o.connections,
      voters: SPAN,
      rounds: { calm: TURNS.rounds, most: TURNS.most },
      turnSeconds,
      seconds: o.seconds,
      pinned,
      note: o.note,
    })
    console.log(report)
    if (o.record) appendFileSync(join(ROOT, 'docs/benchmarks.md'), `\n${report}\n`)
    return report
  } finally {
    await Promise.all(children.map(stopProcess))
    cluster.stop()
    rmSync(cluster.dir, { recursive: true, force: true })
  }
}
