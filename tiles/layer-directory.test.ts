import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../db/index.ts'
import { openTestDatabase } from '../db/testing.ts'
import { LayerDirectory } from './layer-directory.ts'

let database: Database
// A layer of this file's own: bumping a demo layer's version would race other files' tests.
const LAYER = `test-directory-${process.pid}`

beforeAll(async () => {
  database = await openTestDatabase()
  await sql`
    INSERT INTO layers (id, city_id, theme, title, description, geometry_type)
    VALUES (${LAYER}, 'kyiv', 'social', '{"uk":"т","en":"t"}', '{"uk":"т","en":"t"}', 'point')`.execute(database.db)
})
afterAll(async () => {
  await sql`DELETE FROM layers WHERE id = ${LAYER}`.execute(database.db)
  await database.close()
})

const waitMs = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Bumps a layer's version the way a write to its features does. */
async function bump(id: string): Promise<number> {
  const { rows } = await sql<{ version: number }>`UPDATE layers SET version = version + 1 WHERE id = ${id} RETURNING version`.execute(database.db)
  return Number(rows[0]!.version)
}

describe('the layer directory', () => {
  it('hands out the same layer object until the layer changes', async () => {
    const layers = new LayerDirectory(database.db, 0)
    const first = await layers.get(LAYER)
    await layers.refresh()
    expect(await layers.get(LAYER)).toBe(first)
  })

  it('serves what it has while it reads a stale catalogue again, and the new version after', async () => {
    const layers = new LayerDirectory(database.db, 50)
    const before = (await layers.get(LAYER))!
    const version = await bump(LAYER)
    await waitMs(60)
    expect(layers.peek(LAYER)).toBe(before)
    let seen = before.version
    for (let i = 0; i < 40 && seen !== version; i++) {
      await waitMs(5)
      seen = layers.peek(LAYER)!.version
    }
    expect(seen).toBe(version)
  })

  it('reads the catalogue first when asked for a fresh layer and it is stale', async () => {
    const layers = new LayerDirectory(database.db, 50)
    await layers.get(LAYER)
    const version = await bump(LAYER)
    await waitMs(60)
    expect((await layers.get(LAYER, true))!.version).toBe(version)
  })

  it('answers nothing without waiting once the catalogue is ten TTLs old', async () => {
    const layers = new LayerDirectory(database.db, 5)
    await layers.get(LAYER)
    await waitMs(60)
    expect(layers.peek(LAYER)).toBeUndefined()
    expect(await layers.get(LAYER)).toBeDefined()
  })
})
