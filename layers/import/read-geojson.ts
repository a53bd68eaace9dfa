import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { Readable } from 'node:stream'
import { createGunzip } from 'node:zlib'
import { parser } from 'stream-json'
import Assembler from 'stream-json/assembler.js'
import { ImportFileError, type SourceFeature } from './source-feature.ts'

type Token = { name: string; value?: unknown }

/** True when the file starts with the gzip magic bytes, whatever its name says. */
export async function isGzipFile(path: string): Promise<boolean> {
  const file = await open(path, 'r')
  try {
    const { bytesRead, buffer } = await file.read(Buffer.alloc(2), 0, 2, 0)
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b
  } finally {
    await file.close()
  }
}

/** Opens a file as a byte stream, gunzipping it when its content is gzip. */
export async function openDataFile(path: string): Promise<Readable> {
  // Probing first makes a missing or unreadable file fail here, as a rejected promise.
  const gzip = await isGzipFile(path)
  const raw = createReadStream(path)
  if (!gzip) return raw
  const gunzip = createGunzip()
  raw.on('error', (err) => gunzip.destroy(err))
  return raw.pipe(gunzip)
}

/**
 * Streams the features of a GeoJSON FeatureCollection (or a single Feature) one at a time,
 * so a file far larger than the heap can be imported. Only one feature is assembled in
 * memory at once. Throws {@link ImportFileError} for invalid JSON, an empty file or JSON that
 * is not a FeatureCollection or Feature.
 */
export async function* readGeoJsonFeatures(input: Readable): AsyncGenerator<SourceFeature> {
  const tokens = input.pipe(parser.asStream({ packValues: true, streamValues: false }))
  input.on('error', (err) => tokens.destroy(err))
  // Tells an empty (or all-whitespace) file from broken JSON when the parser gives up.
  let hasContent = false
  input.on('data', (chunk: Buffer | string) => {
    hasContent ||= /\S/.test(chunk.toString())
  })
  // The skeleton holds everything except the elements of `features`.
  const skeleton = new Assembler<Record<string, unknown>>()
  let featureAsm: Assembler | undefined
  let inFeatures = false
  let sawToken = false
  let index = 0
  try {
    for await (const token of tokens as AsyncIterable<Token>) {
      sawToken = true
      if (featureAsm) {
        featureAsm.consume(token as never)
        if (featureAsm.done) {
          yield { index: index++, feature: featureAsm.current }
          featureAsm = undefined
        }
        continue
      }
      if (skeleton.depth === 0 && token.name !== 'startObject') {
        throw new ImportFileError('not GeoJSON: the file must hold a JSON object (a FeatureCollection or a Feature)')
      }
      if (inFeatures && skeleton.depth === 2 && token.name !== 'endArray') {
        featureAsm = new Assembler()
        featureAsm.consume(token as never)
        if (featureAsm.done) {
          yield { index: index++, feature: featureAsm.current }
          featureAsm = undefined
        }
        continue
      }
      const enteringFeatures = skeleton.depth === 1 && skeleton.key === 'features' && token.name === 'startArray'
      skeleton.consume(token as never)
      if (enteringFeatures) inFeatures = true
      else if (inFeatures && skeleton.depth === 1) inFeatures = false
    }
  } catch (err) {
    if (err instanceof ImportFileError) throw err
    if (!sawToken && !hasContent) throw new ImportFileError('empty file: no GeoJSON in it')
    throw new ImportFileError(`invalid JSON: ${(err as Error).message}`)
  }
  if (!sawToken) throw new ImportFileError('empty file: no GeoJSON in it')
  const top = skeleton.current
  if (top?.type === 'Feature') {
    yield { index: 0, feature: top }
    return
  }
  if (top?.type !== 'FeatureCollection') {
    const type = typeof top?.type === 'string' ? `"${top.type}"` : 'missing'
    throw new ImportFileError(`not a GeoJSON FeatureCollection or Feature (type is ${type})`)
  }
  if (!Array.isArray(top.features)) {
    throw new ImportFileError('the FeatureCollection has no "features" array')
  }
}
