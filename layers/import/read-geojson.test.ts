import { Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { isGzipFile, openDataFile, readGeoJsonFeatures } from './read-geojson.ts'
import { ImportFileError, type SourceFeature } from './source-feature.ts'

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url))

async function readAll(input: Readable): Promise<SourceFeature[]> {
  const out: SourceFeature[] = []
  for await (const f of readGeoJsonFeatures(input)) out.push(f)
  return out
}

const fromText = (text: string) => readAll(Readable.from([Buffer.from(text)]))

/** The ImportFileError a read ends with; fails the test when the read succeeds. */
async function fileError(read: Promise<unknown>): Promise<ImportFileError> {
  const err = await read.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(ImportFileError)
  return err as ImportFileError
}

const point = (x: number, y: number) => ({ type: 'Feature', properties: { x }, geometry: { type: 'Point', coordinates: [x, y] } })

describe('readGeoJsonFeatures', () => {
  it('yields each feature of a FeatureCollection with its 0-based index', async () => {
    const features = await fromText(JSON.stringify({ type: 'FeatureCollection', features: [point(30.1, 50.1), point(30.2, 50.2)] }))
    expect(features).toEqual([
      { index: 0, feature: point(30.1, 50.1) },
      { index: 1, feature: point(30.2, 50.2) },
    ])
  })

  it('accepts members in any order, with "type" after "features"', async () => {
    const features = await fromText(`{"features": [${JSON.stringify(point(30.1, 50.1))}], "type": "FeatureCollection"}`)
    expect(features).toHaveLength(1)
  })

  it('reads a single Feature as one feature at index 0', async () => {
    expect(await fromText(JSON.stringify(point(30.1, 50.1)))).toEqual([{ index: 0, feature: point(30.1, 50.1) }])
  })

  it('passes elements that are not objects on to the checker', async () => {
    const features = await fromText('{"type": "FeatureCollection", "features": [1, null, "x"]}')
    expect(features).toEqual([
      { index: 0, feature: 1 },
      { index: 1, feature: null },
      { index: 2, feature: 'x' },
    ])
  })

  it('does not take a nested "features" key for the collection', async () => {
    const text = JSON.stringify({ type: 'FeatureCollection', metadata: { features: [point(1, 1)] }, features: [point(30.1, 50.1)] })
    expect((await fromText(text)).map((f) => f.feature)).toEqual([point(30.1, 50.1)])
  })

  it('reports invalid JSON as a file error', async () => {
    const err = await fileError(readAll(await openDataFile(fixture('invalid-json-truncated.geojson'))))
    expect(err.message).toMatch(/^invalid JSON/)
  })

  it('reports an empty file as empty', async () => {
    const err = await fileError(readAll(await openDataFile(fixture('empty.geojson'))))
    expect(err.message).toMatch(/^empty file/)
  })

  it('reports a file of only whitespace as empty', async () => {
    const err = await fileError(fromText('  \n\t\n'))
    expect(err.message).toMatch(/^empty file/)
  })

  it('reports a JSON object that is not GeoJSON', async () => {
    const err = await fileError(readAll(await openDataFile(fixture('not-geojson-object.json'))))
    expect(err.message).toBe('not a GeoJSON FeatureCollection or Feature (type is missing)')
  })

  it('reports a JSON array as not GeoJSON', async () => {
    const err = await fileError(readAll(await openDataFile(fixture('json-array.json'))))
    expect(err.message).toMatch(/must hold a JSON object/)
  })

  it('names the type of another kind of JSON object', async () => {
    const err = await fileError(fromText('{"type": "Topology", "objects": {}}'))
    expect(err.message).toBe('not a GeoJSON FeatureCollection or Feature (type is "Topology")')
  })

  it('reports a FeatureCollection without a features array', async () => {
    const err = await fileError(fromText('{"type": "FeatureCollection", "features": {}}'))
    expect(err.message).toBe('the FeatureCollection has no "features" array')
  })
})

describe('gzip detection', () => {
  it('recognises gzip by its magic bytes even when the name says .geojson', async () => {
    await expect(isGzipFile(fixture('gzip-content-points.geojson'))).resolves.toBe(true)
  })

  it('does not take a plain GeoJSON file for gzip', async () => {
    await expect(isGzipFile(fixture('valid-points.geojson'))).resolves.toBe(false)
  })

  it('does not take an empty file for gzip', async () => {
    await expect(isGzipFile(fixture('empty.geojson'))).resolves.toBe(false)
  })

  it('reads the same features from the gzip copy as from the plain file', async () => {
    const gz = await readAll(await openDataFile(fixture('gzip-content-points.geojson')))
    const plain = await readAll(await openDataFile(fixture('valid-points.geojson')))
    expect(gz).toHaveLength(3)
    expect(gz).toEqual(plain)
  })
})
