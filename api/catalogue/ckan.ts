/**
 * The catalogue as CKAN's action API answers it (the subset data.gov.ua-style portals harvest):
 * a layer is a package, each export a resource, the owner an organisation; the passport's
 * fields CKAN has no place for go in `extras`.
 */
import type { CkanPackage, DataPassport } from '../contract/index.ts'
import { licenceOf } from './licences.ts'
import { sourcesListUrl } from './passport.ts'

/** Where CKAN's envelope points for help on an action. */
export const ckanHelp = (baseUrl: string, action: string) => `${baseUrl}/api/3/action/help_show?name=${action}`

/** A CKAN name: lowercase letters, digits, `-` and `_`. */
function ckanName(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 100) || 'organisation'
}

/** The CKAN organisation that owns a passport's layer: its organisation, or its city's council. */
export function ckanOrganization(p: DataPassport) {
  const name = p.owner.id ? ckanName(p.owner.id) : `${p.city}-council`
  return { id: name, name, title: p.owner.name.uk, description: p.owner.name.en, type: 'organization' as const, is_organization: true as const }
}

/** A passport as a CKAN package, with one resource per export. */
export function toCkanPackage(p: DataPassport, baseUrl: string): CkanPackage {
  const licence = licenceOf(p.licence.id === 'unknown' ? p.licence.title : p.licence.id, sourcesListUrl(baseUrl))
  const organization = ckanOrganization(p)
  const tags = [p.theme, p.city, ...(p.synthetic ? ['synthetic'] : [])].map((name) => ({ name, display_name: name }))
  const extras: Record<string, string> = {
    title_en: p.title.en,
    notes_en: p.description.en,
    owner: p.owner.name.uk,
    owner_en: p.owner.name.en,
    responsible_role: p.responsible.role.uk,
    responsible_role_en: p.responsible.role.en,
    update_frequency: p.update_frequency,
    legal_basis: p.legal_basis.uk,
    legal_basis_en: p.legal_basis.en,
    attribution: p.attribution,
    source: p.source,
    fields: JSON.stringify(p.fields),
    feature_count: String(p.feature_count),
    data_bytes: String(p.data_bytes),
    spatial: p.bbox ? JSON.stringify({ type: 'Polygon', coordinates: [boxRing(p.bbox)] }) : '',
    synthetic: String(p.synthetic),
    synthetic_features: String(p.synthetic_features),
    ogc_collection: p.links.ogc_collection,
    tilejson: p.links.tilejson,
    style: p.links.style,
  }
  return {
    id: p.id,
    name: p.id,
    title: p.title.uk,
    notes: p.description.uk,
    type: 'dataset',
    state: 'active',
    private: false,
    license_id: licence.ckanId,
    license_title: p.licence.title,
    license_url: p.licence.url,
    url: p.links.map,
    version: p.updated_at,
    metadata_created: p.updated_at,
    metadata_modified: p.updated_at,
    maintainer: p.responsible.role.uk,
    organization,
    owner_org: organization.id,
    num_resources: p.distributions.length,
    num_tags: tags.length,
    tags,
    groups: [{ name: p.theme, title: p.theme }],
    extras: Object.entries(extras).map(([key, value]) => ({ key, value })),
    resources: p.distributions.map((d) => ({
      id: `${p.id}-${d.format}`,
      package_id: p.id,
      name: `${p.title.uk} (${d.format.toUpperCase()})`,
      url: d.url,
      format: d.format.toUpperCase(),
      mimetype: d.media_type,
      size: d.size,
      last_modified: p.updated_at,
    })),
  }
}

function boxRing([w, s, e, n]: readonly number[]): number[][] {
  return [[w!, s!], [e!, s!], [e!, n!], [w!, n!], [w!, s!]]
}

/** Whether a package matches CKAN's free-text `q`: every word in its titles, descriptions or tags. */
export function matchesQuery(p: DataPassport, q: string): boolean {
  const text = [p.id, p.title.uk, p.title.en, p.description.uk, p.description.en, p.theme, p.city, p.owner.name.uk, p.owner.name.en].join(' ').toLocaleLowerCase('uk')
  return q
    .toLocaleLowerCase('uk')
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => text.includes(word))
}
