/**
 * The demo's zoning plan: a synthetic detailed plan of central Kyiv. No real zoning data is
 * published, so real state and communal parcels (the demo's `kyiv-land-parcels`) are each given
 * a functional zone by a seeded rule, and the result is published as a planner would publish
 * it: a GeoJSON file read as an upload and made a layer in the `consultation` status. It is
 * marked synthetic in the catalogue, its title and its description.
 */
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/index.ts'
import { type AttributeField, createLayerFromUpload, findLayerDefinition, type LayerStyle, readUpload } from '../../layers/index.ts'
import { type CentreParcel, findParcelsNear } from './demo-consultation.queries.ts'
import { pickWeighted, seededRandom, seedFor } from './seeded-random.ts'

/** The id of the demo zoning plan. */
export const DEMO_ZONING_LAYER = 'kyiv-zoning-plan-demo'

/** The real layer the plan's parcels come from. */
export const DEMO_ZONING_SOURCE = 'kyiv-land-parcels'

/** The seed of the zones drawn for the parcels. */
export const DEMO_ZONING_SEED = 20_261_207

/** How many parcels the plan covers: the nearest to Maidan Nezalezhnosti. */
export const DEMO_ZONING_PARCELS = 300
const KYIV_CENTRE: [number, number] = [30.5234, 50.4501]

/** A functional zone of the synthetic plan, with the height limit the plan sets in it. */
export interface DemoZone {
  value: string
  color: string
  label: { uk: string; en: string }
  maxHeightM: number
}

const RESIDENTIAL: DemoZone = { value: 'Ж-2 житлова', color: '#fbc02d', label: { uk: 'Ж-2 — житлова багатоквартирна', en: 'Zh-2 — residential, multi-storey' }, maxHeightM: 27 }
const PUBLIC: DemoZone = { value: 'Г-1 громадська', color: '#e53935', label: { uk: 'Г-1 — громадська', en: 'H-1 — public services' }, maxHeightM: 21 }
const RECREATION: DemoZone = { value: 'Р-3 рекреаційна', color: '#43a047', label: { uk: 'Р-3 — рекреаційна (сквери, парки)', en: 'R-3 — recreation (squares, parks)' }, maxHeightM: 9 }
const INDUSTRIAL: DemoZone = { value: 'В-1 виробнича', color: '#8e24aa', label: { uk: 'В-1 — виробнича', en: 'V-1 — industrial' }, maxHeightM: 15 }

/** The plan's zones in legend order. */
export const DEMO_ZONES: readonly DemoZone[] = [RESIDENTIAL, PUBLIC, RECREATION, INDUSTRIAL]

/**
 * How likely each zone is for a parcel of a land category (the cadastre's own words): land
 * already built on stays mostly residential and public, green land mostly green, industrial
 * land mostly industrial; a parcel of no known category may get any zone.
 */
const ZONE_WEIGHTS: ReadonlyArray<{ category: RegExp; weights: ReadonlyMap<DemoZone, number> }> = [
  { category: /житлової та громадської/i, weights: new Map([[RESIDENTIAL, 55], [PUBLIC, 35], [RECREATION, 10]]) },
  { category: /промисловості|транспорту/i, weights: new Map([[INDUSTRIAL, 70], [PUBLIC, 20], [RESIDENTIAL, 10]]) },
  { category: /історико-культурного/i, weights: new Map([[PUBLIC, 60], [RECREATION, 40]]) },
  { category: /рекреаційного|природно-заповідного|оздоровчого|лісогосподарського|водного/i, weights: new Map([[RECREATION, 90], [PUBLIC, 10]]) },
]
const ANY_ZONE: ReadonlyMap<DemoZone, number> = new Map([[RESIDENTIAL, 30], [PUBLIC, 30], [RECREATION, 30], [INDUSTRIAL, 10]])

/**
 * The zone the synthetic plan gives a parcel: drawn from its cadastral number with the demo
 * seed, so a parcel always gets the same zone, weighted by its land category.
 * @example zoneOf('8000000000:82:123:0045', 'Землі рекреаційного призначення') // most likely Р-3
 */
export function zoneOf(cadnum: string, category: string | null): DemoZone {
  const weights = ZONE_WEIGHTS.find((w) => category !== null && w.category.test(category))?.weights ?? ANY_ZONE
  return pickWeighted(seededRandom(seedFor(DEMO_ZONING_SEED, cadnum)), weights)
}

const ATTRIBUTES: AttributeField[] = [
  { name: 'zone', type: 'string', label: { uk: 'Функціональна зона (синтетична)', en: 'Functional zone (synthetic)' }, public: true, overview: true },
  { name: 'max_height_m', type: 'integer', label: { uk: 'Гранична висота забудови, м (синтетична)', en: 'Height limit, m (synthetic)' }, public: true, overview: true },
  { name: 'cadnum', type: 'string', label: { uk: 'Кадастровий номер ділянки', en: 'Cadastral number of the parcel' }, public: true, overview: true },
  { name: 'area_ha', type: 'number', label: { uk: 'Площа ділянки, га', en: 'Parcel area, ha' }, public: true },
]

const STYLE: LayerStyle = {
  color: '#9e9e9e',
  opacity: 0.55,
  categoryField: 'zone',
  categories: DEMO_ZONES.map((z) => ({ value: z.value, color: z.color, label: z.label })),
}

const TITLE = {
  uk: 'Синтетичний приклад: детальний план території центру Києва (зонування)',
  en: 'Synthetic example: detailed plan of central Kyiv (zoning)',
}

const DESCRIPTION = {
  uk:
    'Синтетичний приклад для демонстрації громадського обговорення, не чинний містобудівний документ. ' +
    'Реальним земельним ділянкам державної та комунальної власності поблизу Майдану Незалежності (Державний земельний кадастр, 2021) ' +
    'функціональні зони й граничну висоту призначено випадковим правилом; реквізити рішення та розробник вигадані.',
  en:
    'A synthetic example for demonstrating a public consultation, not a plan in force. ' +
    'Real state and communal land parcels near Maidan Nezalezhnosti (State Land Cadastre, 2021) ' +
    'were given functional zones and height limits by a random rule; the decision and the developer are made up.',
}

/** The plan's planning metadata: clearly not a real decision or organisation. */
const PLANNING = {
  document_type: 'detailed-plan' as const,
  decision_number: 'ДЕМО-0000 (синтетичний приклад)',
  developer: 'Синтетичний розробник «Демо-план» (вигаданий, демонстраційні дані)',
  source: 'Синтетичний приклад на основі ділянок демонстраційного шару kyiv-land-parcels / Synthetic, over the parcels of the demo layer kyiv-land-parcels',
}

/** The plan as a GeoJSON file: one feature per parcel with its drawn zone. */
function zoningPlanFile(parcels: CentreParcel[]): string {
  const features = parcels.map((p) => {
    const zone = zoneOf(p.cadnum, p.category)
    return { type: 'Feature', properties: { zone: zone.value, max_height_m: zone.maxHeightM, cadnum: p.cadnum, area_ha: p.area_ha }, geometry: p.geometry }
  })
  return JSON.stringify({ type: 'FeatureCollection', name: DEMO_ZONING_LAYER, features })
}

/**
 * Publishes the synthetic zoning plan as the planner: the file is written to a temporary folder,
 * read as an upload and made the layer's first revision in the `consultation` status. Returns
 * how many features it has: 0 (and nothing written) when the source parcels are not loaded.
 */
export async function publishDemoZoningPlan(db: Kysely<DB>, plannerId: number, decisionDate: Date): Promise<number> {
  const source = await findLayerDefinition(db, DEMO_ZONING_SOURCE)
  const parcels = source ? await findParcelsNear(db, DEMO_ZONING_SOURCE, KYIV_CENTRE, DEMO_ZONING_PARCELS) : []
  if (!source || parcels.length === 0) return 0
  const dir = await mkdtemp(join(tmpdir(), 'hromada-demo-plan-'))
  try {
    const fileName = `${DEMO_ZONING_LAYER}.geojson`
    const path = join(dir, fileName)
    await writeFile(path, zoningPlanFile(parcels))
    const upload = await readUpload(db, { id: randomUUID(), uploadedBy: plannerId, dir, path, fileName, fileBytes: (await stat(path)).size, srid: 4326 })
    await createLayerFromUpload(db, {
      uploadId: upload.id,
      userId: plannerId,
      mayUseAnyUpload: false,
      layer: {
        id: DEMO_ZONING_LAYER,
        city: 'kyiv',
        theme: 'urban-planning',
        title: TITLE,
        description: DESCRIPTION,
        geometryType: 'polygon',
        attributes: ATTRIBUTES,
        style: STYLE,
        minzoom: 10,
        maxzoom: source.maxzoom,
        licence: source.licence,
        attribution: `Synthetic zoning (demo) over: ${source.attribution}`,
        synthetic: true,
        status: 'consultation',
      },
      planning: { ...PLANNING, decision_date: decisionDate.toISOString().slice(0, 10) },
    })
    return parcels.length
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
