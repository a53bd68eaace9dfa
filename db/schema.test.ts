import { readdir, readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from './connection.ts'
import { generateSchema } from './schema-codegen.ts'
import { openTestDatabase } from './testing.ts'

let database: Database
let generated: string

beforeAll(async () => {
  database = await openTestDatabase(1)
  generated = await generateSchema(database.db)
})

afterAll(async () => {
  await database.close()
})

describe('db/schema.ts', () => {
  it('is what the migrated database generates (run npm run db:schema when it is not)', async () => {
    const committed = await readFile(new URL('./schema.ts', import.meta.url), 'utf8')
    expect(schemaDifferences(committed, generated), 'db/schema.ts is stale: run npm run db:schema').toEqual([])
  })

  it('types every table of the migrations and none of PostGIS or of the layer partitions', async () => {
    const tables = [...generated.matchAll(/^ {2}(\w+): \w+Table;$/gm)].map((m) => m[1]!)
    expect(tables.sort()).toEqual([...(await tablesOfMigrations()), 'schema_migrations'].sort())
  })
})

/**
 * The declarations of two texts of `schema.ts` that differ, each named with its lines as
 * committed (`-`) and as generated (`+`), e.g. `DeputyTable: - faction: string; + faction: string | null;`.
 */
function schemaDifferences(committed: string, generated: string): string[] {
  const before = declarations(committed)
  const after = declarations(generated)
  return [...new Set([...before.keys(), ...after.keys()])].flatMap((name) => {
    const was = before.get(name)
    const is = after.get(name)
    if (!was) return [`${name}: not in db/schema.ts`]
    if (!is) return [`${name}: in db/schema.ts, not in the database`]
    const removed = was.filter((line) => !is.includes(line)).map((line) => `- ${line.trim()}`)
    const added = is.filter((line) => !was.includes(line)).map((line) => `+ ${line.trim()}`)
    return removed.length + added.length > 0 ? [`${name}: ${[...removed, ...added].join(' ')}`] : []
  })
}

/** The lines of each exported declaration of a text, with the JSDoc above it; the rest as `(header)`. */
function declarations(text: string): Map<string, string[]> {
  const blocks = new Map<string, string[]>([['(header)', []]])
  let current = blocks.get('(header)')!
  let doc: string[] = []
  for (const line of text.split('\n')) {
    const name = /^export (?:interface|type) (\w+)/.exec(line)?.[1]
    if (name) {
      current = [...doc, line]
      blocks.set(name, current)
      doc = []
    } else if (line.startsWith('/**') || (doc.length > 0 && doc.at(-1) !== ' */')) {
      doc.push(line)
    } else {
      current.push(...doc, line)
      doc = []
    }
  }
  current.push(...doc)
  return blocks
}

/** The tables that the migrations create with `CREATE TABLE`, less those they drop. */
async function tablesOfMigrations(): Promise<string[]> {
  const dir = new URL('./migrations/', import.meta.url)
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort()
  const text = (await Promise.all(files.map((f) => readFile(new URL(f, dir), 'utf8')))).join('\n')
  const tables = new Set([...text.matchAll(/^CREATE TABLE (\w+)/gm)].map((m) => m[1]!))
  for (const m of text.matchAll(/^DROP TABLE (\w+)/gm)) tables.delete(m[1]!)
  return [...tables]
}
