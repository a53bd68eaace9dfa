import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from './index.ts'
import { lonLatPoint } from './postgis.ts'
import { openTestDatabase } from './testing.ts'

let database: Database

beforeAll(async () => {
  database = await openTestDatabase(1)
})
afterAll(async () => {
  await database.close()
})

describe('lonLatPoint', () => {
  it('makes an EPSG:4326 point with x the longitude and y the latitude', async () => {
    const point = lonLatPoint(30.5234, 50.4501)
    const { rows } = await sql<{ wkt: string; srid: number }>`SELECT ST_AsText(${point}) AS wkt, ST_SRID(${point}) AS srid`.execute(database.db)
    expect(rows).toEqual([{ wkt: 'POINT(30.5234 50.4501)', srid: 4326 }])
  })

  it('passes the coordinates as parameters, never as SQL text', () => {
    const compiled = lonLatPoint(30.5234, 50.4501).compile(database.db)
    expect(compiled.sql).toBe('ST_SetSRID(ST_MakePoint($1, $2), 4326)')
    expect(compiled.parameters).toEqual([30.5234, 50.4501])
  })

  it('is a value the query builder writes to a geometry column', () => {
    const compiled = database.db
      .insertInto('cities')
      .values({ id: 'lviv', code: 'LV', name: JSON.stringify({ uk: 'Львів', en: 'Lviv' }), center: lonLatPoint(24.03, 49.84), zoom: 12 })
      .compile()
    expect(compiled.sql).toBe('insert into "cities" ("id", "code", "name", "center", "zoom") values ($1, $2, $3, ST_SetSRID(ST_MakePoint($4, $5), 4326), $6)')
  })
})
