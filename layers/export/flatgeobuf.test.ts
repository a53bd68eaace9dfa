import { readFile, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { geojson, type HeaderMeta } from 'flatgeobuf'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PublicFeature } from '../index.ts'
import type { ExportLayer } from './export-metadata.ts'
import { writeFlatGeobuf } from './flatgeobuf.ts'

const LAYER: ExportLayer = {
  id: 'test-fgb',
  title: { uk: 'Точки', en: 'Points' },
  description: { uk: 'Опис', en: 'Description' },
  licence: 'CC-BY-4.0',
  attribution: 'Тест',
  synthetic: true,
  attributes: [
    { name: 'name', type: 'string', label: { uk: 'Назва', en: 'Name' }, public: true },
    { name: 'seats', type: 'integer', label: { uk: 'Місць', en: 'Seats' }, public: true },
    { name: 'secret', type: 'string', label: { uk: 'Таємне', en: 'Secret' }, public: false },
  ],
  geometry_type: 'point',
  version: 7,
  updated_at: new Date('2024-01-02T00:00:00Z'),
}

/** A 30 × 30 grid of points over Kyiv, so that the tree has three levels. */
const FEATURES: PublicFeature[] = Array.from({ length: 900 }, (_, i) => ({
  id: i + 1,
  properties: { name: `точка ${i + 1}`, seats: String(i), secret: 'x' },
  geometry: { type: 'Point', coordinates: [30.4 + (i % 30) * 0.01, 50.3 + Math.floor(i / 30) * 0.01] },
}))

async function* listOf<T>(items: T[]): AsyncGenerator<T> {
  yield* items
}

let dir: string
let bytes: Uint8Array

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fgb-test-'))
  await writeFlatGeobuf(join(dir, 'points.fgb'), LAYER, 'Point', listOf(FEATURES))
  bytes = new Uint8Array(await readFile(join(dir, 'points.fgb')))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

describe('writeFlatGeobuf', () => {
  it('writes every feature, read back by the flatgeobuf reader with typed properties and no private field', async () => {
    const read = []
    for await (const f of geojson.deserialize(bytes)) read.push(f)
    expect(read).toHaveLength(FEATURES.length)
    const first = read.find((f) => f.properties?.id === 1n || f.properties?.id === 1)
    expect(first).toMatchObject({ geometry: { type: 'Point', coordinates: [30.4, 50.3] }, properties: { name: 'точка 1', seats: 0 } })
    expect(Object.keys(first!.properties!)).not.toContain('secret')
  })

  it('has a spatial index: a bbox query reads only the features inside it', async () => {
    const inside = []
    for await (const f of geojson.deserialize(bytes, { rect: { minX: 30.395, minY: 50.295, maxX: 30.425, maxY: 50.315 } })) inside.push(f)
    // Columns 0–2 of rows 0–1 of the grid.
    expect(inside.map((f) => Number(f.properties!.id)).sort((a, b) => a - b)).toEqual([1, 2, 3, 31, 32, 33])
  })

  it("carries the layer's title, licence and attribution in the header", async () => {
    let header: { title: string | null; description: string | null; metadata: string | null; indexNodeSize: number } | undefined
    for await (const _ of geojson.deserialize(bytes, { headerMetaFn: (h: HeaderMeta) => (header = h) })) break
    expect(header).toMatchObject({ title: 'Точки', indexNodeSize: 16 })
    expect(header!.description).toContain('Licence: CC-BY-4.0. Attribution: Тест. Synthetic data')
    expect(JSON.parse(header!.metadata!)).toMatchObject({ licence: 'CC-BY-4.0', attribution: 'Тест', synthetic: 'true' })
  })
})
