import { sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { type Database, migrate } from './index.ts'
import { openTestDatabase } from './testing.ts'

let database: Database

beforeAll(async () => {
  database = await openTestDatabase(8)
})
afterAll(() => database.close())

describe('one pg + Kysely access path', () => {
  it('answers 400 concurrent parameterised queries, each with its own result', async () => {
    const results = await Promise.all(
      Array.from({ length: 400 }, (_, i) => database.pool.query<{ n: number; s: string }>('SELECT $1::int * 2 AS n, $2::text AS s', [i, `q${i}`])),
    )
    results.forEach((r, i) => expect(r.rows[0]).toEqual({ n: i * 2, s: `q${i}` }))
  })

  it('keeps 20 concurrent transactions apart: each sees only its own uncommitted writes', async () => {
    const table = `tx_probe_${process.pid}_${Date.now()}`
    await sql`CREATE TABLE ${sql.table(table)} (tx int, v int)`.execute(database.db)
    try {
      const seen = await Promise.all(
        Array.from({ length: 20 }, (_, tx) =>
          database.db.transaction().execute(async (trx) => {
            for (let v = 0; v < 5; v++) await sql`INSERT INTO ${sql.table(table)} VALUES (${tx}, ${v})`.execute(trx)
            const mine = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE tx = ${tx}`.execute(trx)
            if (tx % 4 === 0) throw new RollbackProbe(mine.rows[0]!.n)
            return mine.rows[0]!.n
          }).catch((err: unknown) => (err instanceof RollbackProbe ? -err.count : Promise.reject(err))),
        ),
      )
      // Rolled-back transactions saw their 5 rows too (reported negative) but left none behind.
      seen.forEach((n, tx) => expect(n).toBe(tx % 4 === 0 ? -5 : 5))
      const total = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(database.db)
      expect(total.rows[0]!.n).toBe(15 * 5)
    } finally {
      await sql`DROP TABLE ${sql.table(table)}`.execute(database.db)
    }
  })

  it('answers each query on a connection with its own result after an error', async () => {
    // A failed extended-protocol batch must not leave a stray answer for the next query.
    const client = await database.pool.connect()
    try {
      const run = (text: string, values: unknown[]) =>
        client.query(text, values).then(
          (r) => JSON.stringify(r.rows),
          (e: Error) => `error: ${e.message}`,
        )
      expect(await run('SELECT 1 / $1::int AS d', [0])).toBe('error: division by zero')
      expect(await run('SELECT $1::text AS t, $2::int AS i', ['z', 1])).toBe('[{"t":"z","i":1}]')
      expect(await run(`UPDATE audit_log SET actor = $1 WHERE id = $2`, ['x', -1])).toBe('[]')
      expect(await run('SELECT 2 AS two', [])).toBe('[{"two":2}]')
    } finally {
      client.release()
    }
  })

  it('rolls back the transaction of a client that dies in it, and serves the others', async () => {
    const table = `dead_client_${process.pid}_${Date.now()}`
    await sql`CREATE TABLE ${sql.table(table)} (v int)`.execute(database.db)
    try {
      const client = new pg.Client({ connectionString: inject('databaseUrl') })
      await client.connect()
      client.on('error', () => {})
      await client.query('BEGIN')
      await client.query(`INSERT INTO ${table} VALUES (1)`)
      // The process dies (SIGKILL): its socket goes, without a ROLLBACK or Terminate.
      ;(client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy()
      const count = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(database.db)
      expect(count.rows[0]!.n).toBe(0)
    } finally {
      await sql`DROP TABLE ${sql.table(table)}`.execute(database.db)
    }
  })

  // The embedded engine runs in the process: no session of it is terminated from outside, and it has no statement timer.
  it.skipIf(inject('databaseEngine') !== 'postgres')('lives on when the server terminates a connection inside a transaction, and serves on', async () => {
    const client = await database.pool.connect()
    await client.query('BEGIN')
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')
    await database.pool.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid])
    // The 57P01 arrives while the client is idle in its transaction: an 'error' event with no
    // query to take it, which without a listener is an uncaught exception here.
    await new Promise((resolve) => setTimeout(resolve, 300))
    await expect(client.query('SELECT 1')).rejects.toThrow(/not queryable|terminat/)
    client.release()
    const one = await sql<{ one: number }>`SELECT 1 AS one`.execute(database.db)
    expect(one.rows).toEqual([{ one: 1 }])
  })

  it.skipIf(inject('databaseEngine') !== 'postgres')('bounds every statement of the app and tile pools at 30 s', async () => {
    const app = await database.pool.query<{ statement_timeout: string }>('SHOW statement_timeout')
    const tiles = await database.tilePool!.query<{ statement_timeout: string }>('SHOW statement_timeout')
    expect([app.rows[0]!.statement_timeout, tiles.rows[0]!.statement_timeout]).toEqual(['30s', '30s'])
  })

  it('keeps each connection\'s named statements its own, and drops them when it closes', async () => {
    const name = `same_name_${process.pid}_${Date.now()}`
    const clients = await Promise.all([0, 1].map(async () => {
      const client = new pg.Client({ connectionString: inject('databaseUrl') })
      await client.connect()
      return client
    }))
    try {
      for (const value of [10, 20]) {
        const answers = await Promise.all(clients.map((c, i) => c.query({ name, text: `SELECT $1::int + ${i} AS n`, values: [value] })))
        expect(answers.map((a) => a.rows[0].n)).toEqual([value, value + 1])
      }
    } finally {
      await Promise.all(clients.map((c) => c.end()))
    }
    // On the embedded engine all connections share one session: it must not keep them.
    const left = async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name LIKE ${`%${name}`}`.execute(database.db)).rows[0]!.n
    for (let i = 0; i < 40 && (await left()) > 0; i++) await new Promise((r) => setTimeout(r, 50))
    expect(await left()).toBe(0)
  })

  it('applies migrations once: a second run applies nothing', async () => {
    expect(await migrate(database.db)).toEqual([])
  })

  it('reports the PostGIS version of the engine it runs on', () => {
    expect(database.postgis).toMatch(/^3\.\d+/)
  })

  it('refuses to update or delete audit rows, whatever the role', async () => {
    const row = await database.db
      .insertInto('audit_log')
      // A row other readers of the trail can take for a real one: its type is one the API knows.
      .values({ actor: 'test', action: 'probe', object_type: 'layer', object_id: 'append-only-probe', changes: '{}' })
      .returning('id')
      .executeTakeFirstOrThrow()
    await expect(sql`UPDATE audit_log SET actor = 'someone else' WHERE id = ${row.id}`.execute(database.db)).rejects.toThrow(/append-only/)
    await expect(sql`DELETE FROM audit_log WHERE id = ${row.id}`.execute(database.db)).rejects.toThrow(/append-only/)
  })
})

class RollbackProbe extends Error {
  constructor(readonly count: number) {
    super('rollback')
  }
}
