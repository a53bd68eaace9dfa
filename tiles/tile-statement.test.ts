import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../db/index.ts'
import { openTestDatabase } from '../db/testing.ts'
import { LayerDirectory } from './layer-directory.ts'
import { postgisTileQuery } from './tile.queries.ts'
import { statementValues, TileStatements } from './tile-statement.ts'

let database: Database
let layers: LayerDirectory

beforeAll(async () => {
  database = await openTestDatabase()
  layers = new LayerDirectory(database.db, 0)
})
afterAll(() => database.close())

describe('tile statements', () => {
  it('are compiled once per layer and zoom, with the tile x and y as $1 and $2', async () => {
    const statements = new TileStatements(database.db, postgisTileQuery)
    const parcels = (await layers.get('kyiv-land-parcels'))!
    const z14 = statements.get(parcels, 14)
    expect(statements.get(parcels, 14)).toBe(z14)
    expect(statements.get(parcels, 15).text).not.toBe(z14.text)
    expect(z14.text).toContain('(SELECT $1::int AS x, $2::int AS y)')
    expect(statementValues(z14, { z: 14, x: 9580, y: 5523 }).slice(0, 2)).toEqual([9580, 5523])
  })

  it('name the layer and the zoom in their text, and the layer binds nothing else for an unlabelled layer', async () => {
    const statements = new TileStatements(database.db, postgisTileQuery)
    const metro = (await layers.get('kyiv-metro-stations'))!
    const s = statements.get(metro, 16)
    expect(s.text).toContain(`'kyiv-metro-stations'`)
    expect(s.layerValues).toEqual([])
  })

  it('refuse a zoom outside the pyramid', async () => {
    const statements = new TileStatements(database.db, postgisTileQuery)
    const metro = (await layers.get('kyiv-metro-stations'))!
    expect(() => statements.get(metro, 23)).toThrow(RangeError)
  })
})
