import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { Readable } from 'node:stream'
import { createGunzip } from 'node:zlib'
import { ImportFileError, type SourceFeature } from './source-feature.ts'

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

const OPEN_BRACE = 0x7b
const CLOSE_BRACE = 0x7d
const OPEN_BRACKET = 0x5b
const CLOSE_BRACKET = 0x5d
const QUOTE = 0x22
const BACKSLASH = 0x5c
const COMMA = 0x2c
const COLON = 0x3a

const isBlank = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09

/**
 * Streams the features of a GeoJSON FeatureCollection (or a single Feature) one at a time,
 * so a file far larger than the heap can be imported. The bytes are scanned once for the
 * structure (brackets, strings, the top-level `features` key) and each element of `features`
 * is handed whole to `JSON.parse`, which is many times faster than parsing token by token.
 * Only one feature is held at once; everything else of the file (its "skeleton") is parsed at
 * the end. Throws {@link ImportFileError} for invalid JSON, an empty file or JSON that is not
 * a FeatureCollection or Feature.
 */
export async function* readGeoJsonFeatures(input: Readable): AsyncGenerator<SourceFeature> {
  // The file without the elements of `features`, kept to check the whole and read its type.
  const skeleton: Buffer[] = []
  let element: Buffer[] = []
  let depth = 0
  let inString = false
  let escaped = false
  let started = false
  let ended = false
  let first = true
  // Inside the top-level object: the last key read, and whether a value follows it now.
  let lastKey = ''
  let keyStart = -1
  let keyParts: Buffer[] = []
  let expectingValueOf = ''
  let inFeatures = false
  let elementStart = -1
  let index = 0
  const parseElement = (parts: Buffer[]): unknown => {
    const text = Buffer.concat(parts).toString('utf8')
    try {
      return JSON.parse(text)
    } catch (err) {
      throw new ImportFileError(`invalid JSON in feature ${index}: ${(err as Error).message}`)
    }
  }
  for await (const raw of input as AsyncIterable<Buffer | string>) {
    let chunk = typeof raw === 'string' ? Buffer.from(raw) : raw
    if (first) {
      first = false
      // A byte order mark is not JSON, but editors on Windows write one.
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3)
    }
    let copyFrom = 0
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!
      if (inString) {
        if (escaped) escaped = false
        else if (b === BACKSLASH) escaped = true
        else if (b === QUOTE) {
          inString = false
          if (keyStart >= 0 || keyParts.length) {
            keyParts.push(chunk.subarray(Math.max(keyStart, 0), i))
            lastKey = Buffer.concat(keyParts).toString('utf8')
            keyParts = []
            keyStart = -1
          }
        }
        continue
      }
      if (isBlank(b)) continue
      if (ended) throw new ImportFileError('invalid JSON: unexpected data after the end of the GeoJSON object')
      if (!started) {
        if (b !== OPEN_BRACE) throw new ImportFileError('not GeoJSON: the file must hold a JSON object (a FeatureCollection or a Feature)')
        started = true
      }
      if (inFeatures && depth === 2 && elementStart < 0 && b !== CLOSE_BRACKET && b !== COMMA) {
        // An element of `features` begins: what came before it belongs to the skeleton.
        skeleton.push(chunk.subarray(copyFrom, i))
        elementStart = i
      }
      if (b === QUOTE) {
        inString = true
        // A key of the top-level object: a string at depth 1 where no value is expected.
        if (depth === 1 && expectingValueOf === '') keyStart = i + 1
        continue
      }
      if (b === COLON && depth === 1) {
        expectingValueOf = lastKey
        continue
      }
      if (b === OPEN_BRACE || b === OPEN_BRACKET) {
        if (depth === 1 && expectingValueOf === 'features' && b === OPEN_BRACKET) inFeatures = true
        if (depth === 1) expectingValueOf = expectingValueOf === '' ? '' : '\0value'
        depth++
        continue
      }
      if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
        depth--
        if (depth < 0) throw new ImportFileError('invalid JSON: a closing bracket without its opening one')
        if (inFeatures && depth === 1) {
          // The end of `features`: a last element still open ends before this bracket.
          if (elementStart >= 0) {
            element.push(chunk.subarray(elementStart, i))
            yield { index, feature: parseElement(element) }
            index++
            element = []
            elementStart = -1
            copyFrom = i
          }
          inFeatures = false
        }
        if (depth === 0) ended = true
        if (depth === 1) expectingValueOf = ''
        continue
      }
      if (b === COMMA) {
        if (depth === 1) expectingValueOf = ''
        if (inFeatures && depth === 2 && elementStart >= 0) {
          element.push(chunk.subarray(elementStart, i))
          yield { index, feature: parseElement(element) }
          index++
          element = []
          elementStart = -1
          copyFrom = i + 1
        }
      }
    }
    // Pieces that go on into the next chunk are copied: the stream may reuse its buffers.
    if (keyStart >= 0) {
      keyParts.push(Buffer.from(chunk.subarray(keyStart)))
      keyStart = 0
    }
    if (elementStart >= 0) {
      element.push(Buffer.from(chunk.subarray(elementStart)))
      elementStart = 0
    } else skeleton.push(Buffer.from(chunk.subarray(copyFrom)))
  }
  if (!started) throw new ImportFileError('empty file: no GeoJSON in it')
  let top: Record<string, unknown>
  try {
    top = JSON.parse(Buffer.concat(skeleton).toString('utf8')) as Record<string, unknown>
  } catch (err) {
    throw new ImportFileError(`invalid JSON: ${(err as Error).message}`)
  }
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
