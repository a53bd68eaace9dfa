/**
 * The licences the catalogue's layers are published under, by the text the layer row holds. A
 * licence is recognised by its SPDX id or common title at the start of that text ("CC BY 4.0",
 * "MIT (dnipro-map repository); …"); a text that says the source's licence is unknown, or that
 * names nothing recognised, is said to be unknown and links to the list of sources.
 */
import { SOURCE_LICENCE_UNKNOWN } from '../../layers/index.ts'

/** A recognised licence: its SPDX id, title, text, and the id CKAN portals use for it. */
export interface KnownLicence {
  id: string
  title: string
  url: string
  ckanId: string
}

const LICENCES: ReadonlyArray<KnownLicence & { pattern: RegExp }> = [
  { pattern: /^ODbL(-1\.0)?\b/i, id: 'ODbL-1.0', title: 'Open Data Commons Open Database License 1.0', url: 'https://opendatacommons.org/licenses/odbl/1-0/', ckanId: 'odc-odbl' },
  { pattern: /^CC[- ]BY[- ]4\.0\b/i, id: 'CC-BY-4.0', title: 'Creative Commons Attribution 4.0 International', url: 'https://creativecommons.org/licenses/by/4.0/', ckanId: 'cc-by' },
  { pattern: /^CC0(-1\.0)?\b/i, id: 'CC0-1.0', title: 'Creative Commons Zero 1.0 Universal', url: 'https://creativecommons.org/publicdomain/zero/1.0/', ckanId: 'cc-zero' },
  { pattern: /^ISC\b/, id: 'ISC', title: 'ISC License', url: 'https://spdx.org/licenses/ISC.html', ckanId: 'other-open' },
  { pattern: /^MIT\b/, id: 'MIT', title: 'MIT License', url: 'https://spdx.org/licenses/MIT.html', ckanId: 'other-open' },
]

/** A layer's licence as a passport shows it. */
export interface LicenceOfLayer {
  id: string
  /** The licence's title, followed by what the layer's text adds ("(footprints); damage notes: …"). */
  title: string
  url: string
  known: boolean
  ckanId: string
}

/** The CKAN licence id of a licence nobody stated. */
const CKAN_NOT_SPECIFIED = 'notspecified'

/**
 * The licence a layer's licence text names. A text that also says part of the data is under a
 * licence the source did not state is unknown as a whole: reuse needs both.
 * @example licenceOf('CC BY 4.0', url).id // 'CC-BY-4.0'
 * @example licenceOf('source licence unknown', url) // { id: 'unknown', known: false, url, … }
 */
export function licenceOf(text: string, sourcesListUrl: string): LicenceOfLayer {
  const trimmed = text.trim()
  const match = LICENCES.find((l) => l.pattern.test(trimmed))
  if (match && !/unknown|not stated/i.test(trimmed)) {
    const rest = trimmed.replace(match.pattern, '').trim()
    return { id: match.id, title: rest ? `${match.title} ${rest}` : match.title, url: match.url, known: true, ckanId: match.ckanId }
  }
  // Older rows say "not stated"; the passport says what that means.
  const title = trimmed.replace(/not stated/gi, SOURCE_LICENCE_UNKNOWN) || SOURCE_LICENCE_UNKNOWN
  return { id: 'unknown', title, url: sourcesListUrl, known: false, ckanId: CKAN_NOT_SPECIFIED }
}
