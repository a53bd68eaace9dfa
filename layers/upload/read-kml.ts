/**
 * Reading KML (Google Earth, My Maps): placemarks with their names, descriptions and
 * ExtendedData as properties, folders flattened. KML coordinates are always WGS 84
 * longitude/latitude. The XML is parsed in memory, so the file size is bounded.
 */
import { readFile, stat } from 'node:fs/promises'
import { kmlGen } from '@tmcw/togeojson'
import { DOMParser, onErrorStopParsing } from '@xmldom/xmldom'
import { ImportFileError, type SourceFeature } from '../import/index.ts'
import type { EncodingChoice, UploadSource } from './upload-source.ts'

/** The largest KML read: its DOM takes several times its size in memory. */
export const KML_SIZE_LIMIT = 50 * 1024 * 1024

/** KML is XML in UTF-8 (the KML standard requires it; xmldom reads the string we decode). */
const KML_ENCODING: EncodingChoice = { name: 'utf-8', source: 'default', confident: true, candidates: [] }

/** Properties togeojson derives from a placemark's style, not attributes of the feature. */
const STYLE_PROPERTIES = new Set([
  'styleUrl', 'styleHash', 'styleMapHash', 'stroke', 'stroke-opacity', 'stroke-width', 'fill', 'fill-opacity',
  'marker-color', 'icon', 'icon-color', 'icon-opacity', 'icon-scale', 'icon-heading', 'icon-offset', 'icon-offset-units',
  'label-color', 'label-opacity', 'label-scale',
])

/**
 * A document type declaration is where XML declares entities: external ones (XXE, reading a
 * server file or URL) and nested ones that expand exponentially ("billion laughs"). KML never
 * needs one, so a file that has one is refused before it reaches the parser.
 */
function refuseDoctype(text: string): void {
  const root = text.search(/<[A-Za-z]/)
  const prolog = root < 0 ? text : text.slice(0, root)
  if (/<!DOCTYPE|<!ENTITY/i.test(prolog) || /<!ENTITY/i.test(text)) {
    throw new ImportFileError('the KML has a DOCTYPE or entity declarations, which KML does not use; refused for safety')
  }
}

function parseKmlDocument(text: string) {
  refuseDoctype(text)
  let doc
  try {
    doc = new DOMParser({ onError: onErrorStopParsing }).parseFromString(text, 'text/xml')
  } catch (err) {
    throw new ImportFileError(`not valid XML: ${(err as Error).message}`)
  }
  const root = doc.documentElement
  if (!root || root.localName !== 'kml') {
    throw new ImportFileError(`not KML: the XML's root element is <${root?.nodeName ?? 'none'}>, not <kml>`)
  }
  return doc
}

/** A togeojson feature's properties without its style keys. */
function attributes(properties: Record<string, unknown> | null): Record<string, unknown> {
  return Object.fromEntries(Object.entries(properties ?? {}).filter(([key]) => !STYLE_PROPERTIES.has(key)))
}

/**
 * Opens a KML file: refuses one over `sizeLimit` bytes, one that is not KML or not well-formed
 * XML, and one with a DOCTYPE (the only way in for entity attacks). A placemark without
 * geometry is kept as a problem for the report.
 */
export async function openKml(path: string, options: { sizeLimit?: number } = {}): Promise<UploadSource> {
  const sizeLimit = options.sizeLimit ?? KML_SIZE_LIMIT
  const { size } = await stat(path)
  if (size > sizeLimit) {
    const mb = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`
    throw new ImportFileError(`the KML is too large (${mb(size)}); KML up to ${mb(sizeLimit)} can be read — convert a larger one to GeoPackage`)
  }
  const text = new TextDecoder('utf-8').decode(await readFile(path))
  const doc = parseKmlDocument(text)
  const fields = new Set<string>()
  for (const feature of kmlGen(doc)) {
    if (feature.type === 'Feature') for (const key of Object.keys(attributes(feature.properties))) fields.add(key)
  }
  return {
    format: 'kml',
    crs: { srid: 4326 },
    encoding: KML_ENCODING,
    fields: [...fields],
    async *features(): AsyncGenerator<SourceFeature> {
      let index = 0
      for (const item of kmlGen(doc)) {
        if (item.type !== 'Feature') continue
        const feature = { type: 'Feature', geometry: item.geometry ?? null, properties: attributes(item.properties) }
        yield feature.geometry ? { index: index++, feature } : { index: index++, feature, problem: 'placemark with no geometry' }
      }
    },
    async close() {},
  }
}
