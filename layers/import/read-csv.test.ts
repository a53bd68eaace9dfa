import { randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parseCoordinate, readCsvFeatures, type CsvOptions } from './read-csv.ts'
import { ImportFileError, type SourceFeature } from './source-feature.ts'

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url))

async function readAll(input: Readable, options?: CsvOptions): Promise<SourceFeature[]> {
  const out: SourceFeature[] = []
  for await (const f of readCsvFeatures(input, options)) out.push(f)
  return out
}

/** Reads CSV text through a file stream, as the importer does. */
async function fromText(text: string, options?: CsvOptions): Promise<SourceFeature[]> {
  const path = join(tmpdir(), `read-csv-${randomBytes(4).toString('hex')}.csv`)
  await writeFile(path, text)
  try {
    return await readAll(createReadStream(path), options)
  } finally {
    await rm(path, { force: true })
  }
}
const fromFixture = (name: string) => readAll(createReadStream(fixture(name)))

const pointFeature = (x: number, y: number, properties: Record<string, string>) => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [x, y] },
  properties,
})

describe('parseCoordinate', () => {
  it.each([
    ['50.45', 50.45],
    [' 30.52 ', 30.52],
    ['50,45', 50.45],
    ['-0.5', -0.5],
    ['+1', 1],
    ['.5', 0.5],
  ])('reads %j as %d', (cell, value) => {
    expect(parseCoordinate(cell)).toBe(value)
  })

  it.each([[''], ['fifty'], ['1e3'], ['0x1F'], ['50.4.5'], ['Infinity'], ['NaN']])('refuses %j', (cell) => {
    expect(parseCoordinate(cell)).toBeUndefined()
  })

  it('refuses a cell that is not text', () => {
    expect(parseCoordinate(undefined)).toBeUndefined()
  })
})

describe('readCsvFeatures', () => {
  it('turns each row into a Point feature with the other columns as properties', async () => {
    const rows = await fromText('name,lat,lon\nШкола,50.45,30.52\n')
    expect(rows).toEqual([{ index: 0, feature: pointFeature(30.52, 50.45, { name: 'Школа' }) }])
  })

  it('finds Ukrainian and long column names for the coordinates', async () => {
    const rows = await fromText('назва,Широта,Довгота\nШкола,50.45,30.52\n')
    expect(rows[0]?.feature).toEqual(pointFeature(30.52, 50.45, { назва: 'Школа' }))
  })

  it('uses the coordinate columns the options name', async () => {
    const rows = await fromText('name,Y_WGS,X_WGS\nШкола,50.45,30.52\n', { lat: 'Y_WGS', lon: 'X_WGS' })
    expect(rows[0]?.feature).toEqual(pointFeature(30.52, 50.45, { name: 'Школа' }))
  })

  it('strips a byte order mark from the header', async () => {
    const rows = await fromText('\uFEFFlat,lon,name\n50.45,30.52,Школа\n')
    expect(rows[0]?.feature).toEqual(pointFeature(30.52, 50.45, { name: 'Школа' }))
  })

  it('flags a row with a missing coordinate by its data-row index', async () => {
    const rows = await fromFixture('csv-missing-coordinate.csv')
    expect(rows.map((r) => [r.index, r.problem])).toEqual([
      [0, undefined],
      [1, 'coordinates missing or not numbers (lat="", lon="30.5300")'],
      [2, undefined],
    ])
  })

  it('flags a row with a coordinate that is not a number', async () => {
    const rows = await fromFixture('csv-non-numeric-coordinate.csv')
    expect(rows[1]).toMatchObject({ index: 1, problem: expect.stringMatching(/lat="fifty"/) })
  })

  it('throws a file error naming the header when there are no coordinate columns', async () => {
    const err = await fromFixture('csv-without-coordinate-columns.csv').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ImportFileError)
    expect((err as Error).message).toMatch(/latitude and longitude columns.*name, address/)
  })

  it('throws a file error for an empty file', async () => {
    const err = await fromText('').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ImportFileError)
    expect((err as Error).message).toMatch(/^empty file/)
  })

  it('reads a semicolon-separated file with decimal commas', async () => {
    const rows = await fromFixture('csv-semicolon-decimal-comma.csv')
    expect(rows.map((r) => r.feature)).toEqual([
      pointFeature(30.5234, 50.4501, { name: 'Школа №1' }),
      pointFeature(30.54, 50.46, { name: 'Школа №2' }),
    ])
  })

  it('reads a tab-separated file', async () => {
    const rows = await fromText('name\tlat\tlon\nШкола\t50,45\t30,52\n')
    expect(rows[0]?.feature).toEqual(pointFeature(30.52, 50.45, { name: 'Школа' }))
  })

  it('keeps a quoted comma inside a cell of a comma-separated file', async () => {
    const rows = await fromText('name,lat,lon\n"Школа, корпус 2",50.45,30.52\n')
    expect(rows[0]?.feature).toEqual(pointFeature(30.52, 50.45, { name: 'Школа, корпус 2' }))
  })

  it('reads a stream that ends right after its first chunk', async () => {
    const rows = await readAll(Readable.from([Buffer.from('name,lat,lon\nШкола,50.45,30.52\n')]))
    expect(rows).toEqual([{ index: 0, feature: pointFeature(30.52, 50.45, { name: 'Школа' }) }])
  })
})

const uploadFixture = (name: string) => fileURLToPath(new URL(`../upload/fixtures/${name}`, import.meta.url))

describe('readCsvFeatures with a WKT geometry column', () => {
  it('reads the WKT column GDAL writes; an empty cell is a problem', async () => {
    const rows = await readAll(createReadStream(uploadFixture('csv/parcels-wkt.csv')))
    expect(rows.map((r) => r.index)).toEqual([0, 1, 2])
    expect(rows[0]?.feature).toEqual({
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [[[28.65, 50.25], [28.66, 50.25], [28.66, 50.26], [28.65, 50.26], [28.65, 50.25]]] },
      properties: { cadnum: '1810100000:01:001:0001', zone: 'Ж-1', approved: '2024/05/17' },
    })
    expect(rows[1]?.feature).toMatchObject({ geometry: { type: 'LineString', coordinates: [[28.67, 50.25], [28.68, 50.26]] } })
    expect(rows.map((r) => r.problem)).toEqual([undefined, undefined, expect.stringMatching(/data row 3.*empty/)])
    expect(rows[2]?.feature).toMatchObject({ geometry: null, properties: { cadnum: '1810100000:01:001:0003' } })
  })

  it.each(['wkt', 'Geometry', 'GEOM', 'the_geom'])('finds the column named %j', async (column) => {
    const rows = await fromText(`name;${column}\nА;POINT (30.52 50.45)\n`)
    expect(rows[0]?.feature).toEqual(pointFeature(30.52, 50.45, { name: 'А' }))
  })

  it('reads every simple and multi type, in the column the options name', async () => {
    const wkts = [
      'POINT (30.5 50.4)',
      'LINESTRING (30.5 50.4, 30.6 50.5)',
      'POLYGON ((30.5 50.4, 30.6 50.4, 30.6 50.5, 30.5 50.4))',
      'MULTIPOINT ((30.5 50.4), (30.6 50.5))',
      'MULTILINESTRING ((30.5 50.4, 30.6 50.5), (30.7 50.4, 30.8 50.5))',
      'MULTIPOLYGON (((30.5 50.4, 30.6 50.4, 30.6 50.5, 30.5 50.4)), ((31 50, 31.1 50, 31.1 50.1, 31 50)))',
    ]
    const rows = await fromText(['id;shape', ...wkts.map((w, i) => `${i};${w}`)].join('\n'), { wkt: 'shape' })
    expect(rows.map((r) => (r.feature as { geometry: { type: string } }).geometry.type)).toEqual([
      'Point', 'LineString', 'Polygon', 'MultiPoint', 'MultiLineString', 'MultiPolygon',
    ])
    expect(rows.map((r) => r.problem)).toEqual(wkts.map(() => undefined))
    expect((rows[5]?.feature as { geometry: { coordinates: unknown[] } }).geometry.coordinates).toHaveLength(2)
    expect((rows[0]?.feature as { properties: unknown }).properties).toEqual({ id: '0' })
  })

  it('gives a bad WKT cell a problem naming the row and why, and reads on', async () => {
    const rows = await fromText(
      ['name;wkt', 'A;POINT (30.5', 'B;CIRCLE (30 50, 5)', 'C;POINT (lon lat)', 'D;POINT (30.5 50.4) and more', 'E;POINT EMPTY', 'F;GEOMETRYCOLLECTION (POINT (30 50))', 'G;POINT (30.5 50.4)'].join('\n'),
    )
    expect(rows.map((r) => r.problem)).toEqual([
      expect.stringMatching(/^data row 1: .*WKT/),
      expect.stringMatching(/^data row 2: .*WKT/),
      expect.stringMatching(/^data row 3: .*not numbers/),
      expect.stringMatching(/^data row 4: .*WKT/),
      expect.stringMatching(/^data row 5: .*empty/),
      expect.stringMatching(/^data row 6: .*GeometryCollection/),
      undefined,
    ])
    expect(rows[0]?.feature).toMatchObject({ geometry: null, properties: { name: 'A' } })
  })

  it('refuses a WKT column the options name that the header lacks', async () => {
    const err = await fromText('name;wkt\nA;POINT (30 50)\n', { wkt: 'shape' }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ImportFileError)
    expect((err as Error).message).toMatch(/"shape".*name, wkt/)
  })
})

describe('readCsvFeatures text encodings', () => {
  it('decodes a Windows-1251 file (made by iconv) with the encoding it is given', async () => {
    const rows = await readAll(createReadStream(uploadFixture('csv/schools-cp1251.csv')), { encoding: 'windows-1251' })
    expect(rows[0]?.feature).toEqual(pointFeature(30.5234, 50.4501, { назва: 'Школа №1 (ґанок, їдальня, єдина)' }))
  })

  it('decodes UTF-8 split inside a character across chunks, and strips its byte order mark', async () => {
    const bytes = Buffer.from('\uFEFFназва,lat,lon\nЇжакове,50.45,30.52\n')
    const oneByteChunks = Readable.from([...bytes].map((b) => Buffer.from([b])))
    const rows = await readAll(oneByteChunks)
    expect(rows[0]?.feature).toEqual(pointFeature(30.52, 50.45, { назва: 'Їжакове' }))
  })

  it('refuses an encoding label the decoder does not know', async () => {
    const err = await fromText('name,lat,lon\nA,50,30\n', { encoding: 'klingon-8' }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ImportFileError)
    expect((err as Error).message).toMatch(/klingon-8/)
  })
})
