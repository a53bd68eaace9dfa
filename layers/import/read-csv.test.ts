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
