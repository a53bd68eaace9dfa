/**
 * The demo's property register and investment map:
 * - Kyiv's state and communal parcels become the land register (their lease records mapped; the
 *   name of a lessee who is a person is never stored);
 * - Marhanets's clinics, kindergartens and libraries become premises, and its two kiosks the
 *   temporary-structures register;
 * - a few parcels of trade, services or industry in each Kyiv district, two abandoned buildings as
 *   brownfields, and one Marhanets library as premises, are offered to investors with SYNTHETIC
 *   terms (prices, deals, utilities), marked synthetic everywhere they appear.
 */
import { fileURLToPath } from 'node:url'
import { sql, type Kysely } from 'kysely'
import { type DB, type LocalizedJson, lonLatPoint } from '../../db/index.ts'
import { DEMO_DATA_DIR, DEMO_SOURCES, findLayerDefinition, openDataFile, readGeoJsonFeatures, saveLayerDefinition } from '../../layers/index.ts'
import { addOrganisationIfAbsent } from '../appeals/index.ts'
import {
  investmentLayerDefinition,
  investmentLayerId,
  isOrganisationName,
  propertyLayerDefinition,
  publishPropertyRows,
  streetStructuresLayerDefinition,
} from '../property/index.ts'
import { brownfieldCandidates, copyParcelsToRegister, hasDemoRegister, hasInvestmentObjects, layerObjects, parcelsToOffer, withDemoPropertyLock } from './demo-property.queries.ts'
import { type Random, seededRandom, seedFor } from './seeded-random.ts'

const PARCELS_LAYER = 'kyiv-land-parcels'
const KYIV_LAND_HOLDER = { id: 'kyiv-land-resources', name: { uk: 'Департамент земельних ресурсів', en: 'Land Resources Department' } }

/** Who holds Marhanets's objects, by the category the city council files them under. */
const MARHANETS_HOLDERS: Record<string, { id: string; kind: 'department' | 'enterprise'; name: LocalizedJson }> = {
  'Центр первинної медико-санітарної допомоги': {
    id: 'marhanets-primary-care',
    kind: 'enterprise',
    name: { uk: 'КНП «Центр первинної медико-санітарної допомоги»', en: 'Primary Health Care Centre (communal enterprise)' },
  },
  'Школи та дитячі садочки': { id: 'marhanets-education', kind: 'department', name: { uk: 'Управління освіти', en: 'Education Office' } },
  'Комунальні позашкільні заклади': { id: 'marhanets-culture', kind: 'department', name: { uk: 'Відділ культури', en: 'Culture Office' } },
}

// No appeal category answers for this: a holder gets appeals only about its own objects.
const HOLDER_RESPONSIBILITY = 'balance-holder'

const SYNTHETIC_NOTE = { uk: 'Синтетична пропозиція для демонстрації: умови, ціна та комунікації вигадані.', en: 'A synthetic offer for the demo: the terms, price and utilities are made up.' }

/** The lessees of the parcels by cadastral number: an organisation's name, or only that it is a person. */
async function parcelLessees(): Promise<Record<string, { organisation: boolean; name: string | null }>> {
  const source = DEMO_SOURCES.find((s) => s.layer.id === PARCELS_LAYER)
  if (!source) return {}
  const lessees: Record<string, { organisation: boolean; name: string | null }> = {}
  for await (const { feature } of readGeoJsonFeatures(await openDataFile(fileURLToPath(new URL(source.file, DEMO_DATA_DIR))))) {
    const properties = (feature as { properties?: Record<string, unknown> | null }).properties
    const cadnum = properties?.cadnum
    const renter = properties?.rent_renter
    if (typeof cadnum !== 'string' || typeof renter !== 'string' || !renter.trim()) continue
    const organisation = isOrganisationName(renter)
    lessees[cadnum] = { organisation, name: organisation ? renter.trim() : null }
  }
  return lessees
}

/** Kyiv's land register from its parcels layer, published in `kyiv-property`. */
async function seedKyivRegister(db: Kysely<DB>, log: (line: string) => void): Promise<void> {
  const parcels = await findLayerDefinition(db, PARCELS_LAYER)
  if (!parcels || (await hasDemoRegister(db, 'kyiv'))) return
  const lessees = await parcelLessees()
  const city = await db.selectFrom('cities').select('name').where('id', '=', 'kyiv').executeTakeFirstOrThrow()
  const { written, published } = await db.transaction().execute(async (trx) => {
    await addOrganisationIfAbsent(trx, { id: KYIV_LAND_HOLDER.id, cityId: 'kyiv', kind: 'department', responsibility: HOLDER_RESPONSIBILITY, name: KYIV_LAND_HOLDER.name })
    // The lines go in before the layer exists, so that they are published in one statement.
    const written = await copyParcelsToRegister(trx, 'kyiv', PARCELS_LAYER, lessees, KYIV_LAND_HOLDER.id)
    await saveLayerDefinition(trx, propertyLayerDefinition('kyiv', city.name, 'polygon', { licence: parcels.licence, attribution: parcels.attribution }))
    return { written, published: await publishPropertyRows(trx, 'kyiv') }
  })
  log(`demo property: Kyiv — ${written} parcels in the land register, ${published} on the map`)
}

/** "6,0 м2" → 6. */
function squareMetres(text: string | null): number | null {
  const match = text?.match(/(\d+(?:[.,]\d+)?)/)
  return match ? Number(match[1]!.replace(',', '.')) : null
}

/** "№ 3 від 27.03.2017" → the number and the day. */
function permitOf(text: string | null): { number: string | null; from: string | null } {
  const match = text?.match(/№\s*([\w/-]+)\s*від\s*(\d{2})\.(\d{2})\.(\d{4})/)
  return match ? { number: match[1]!, from: `${match[4]}-${match[3]}-${match[2]}` } : { number: text?.replace(/[,\s]+$/, '') ?? null, from: null }
}

/** Marhanets's municipal objects as premises, its kiosks as temporary structures. */
async function seedMarhanetsRegister(db: Kysely<DB>, log: (line: string) => void): Promise<void> {
  if (!(await findLayerDefinition(db, 'marhanets-city-objects')) || (await hasDemoRegister(db, 'marhanets'))) return
  const objects = await layerObjects(db, 'marhanets-city-objects')
  const city = await db.selectFrom('cities').select('name').where('id', '=', 'marhanets').executeTakeFirstOrThrow()
  const source = { licence: 'MIT (dnipro-map repository); public city council data', attribution: 'Marhanets City Council; dnipro-map (Dmitry Udod)' }
  const counts = await db.transaction().execute(async (trx) => {
    await saveLayerDefinition(trx, propertyLayerDefinition('marhanets', city.name, 'point', source))
    await saveLayerDefinition(trx, streetStructuresLayerDefinition('marhanets', city.name, 'temporary', source))
    let premises = 0
    let kiosks = 0
    for (const o of objects) {
      const district = sql<number | null>`(SELECT id FROM districts WHERE city_id = 'marhanets' AND ST_Intersects(geom, ${lonLatPoint(o.lon, o.lat)}) LIMIT 1)`
      const holder = o.category ? MARHANETS_HOLDERS[o.category] : undefined
      if (holder) {
        await addOrganisationIfAbsent(trx, { id: holder.id, cityId: 'marhanets', kind: holder.kind, responsibility: HOLDER_RESPONSIBILITY, name: holder.name })
        await trx
          .insertInto('property_objects')
          .values({
            city_id: 'marhanets',
            kind: 'premises',
            // The published set has no inventory numbers: the line is keyed by its place in the city's list.
            register_id: `MARH-${String(o.feature_id).padStart(4, '0')}`,
            name: o.name ?? o.type,
            owner_name: 'Марганецька міська територіальна громада',
            balance_holder_id: holder.id,
            purpose: o.type,
            status: 'in_use',
            address: o.address,
            district_id: district,
            geom: lonLatPoint(o.lon, o.lat),
            source: 'demo',
          })
          .execute()
        premises++
      } else if (o.category === 'Тимчасові споруди') {
        await addOrganisationIfAbsent(trx, { id: 'marhanets-trade', cityId: 'marhanets', kind: 'department', responsibility: 'trade', name: { uk: 'Управління торгівлі та муніципального контролю', en: 'Trade and Municipal Inspection Office' } })
        const permit = permitOf(o.registry_number)
        await trx
          .insertInto('street_structures')
          .values({
            city_id: 'marhanets',
            register: 'temporary',
            kind: 'Кіоск',
            permit_number: permit.number,
            permit_from: permit.from,
            // The council lists it with a contract in force; the term is not published.
            status: o.has_contract ? 'valid' : 'illegal',
            organisation_id: 'marhanets-trade',
            business: o.business,
            area_m2: squareMetres(o.area),
            address: o.address,
            district_id: district,
            geom: lonLatPoint(o.lon, o.lat),
          })
          .execute()
        kiosks++
      }
    }
    return { premises, kiosks }
  })
  log(`demo property: Marhanets — ${counts.premises} premises in the register, ${counts.kiosks} temporary structures`)
}

const DEALS = ['lease', 'sale'] as const
const UTILITY_SETS: string[][] = [['water', 'sewerage', 'power'], ['water', 'sewerage', 'power', 'gas', 'heating'], ['power'], ['water', 'power', 'gas'], []]

/** A made-up price: hryvnias per square metre of a year's rent or of a sale, rounded to thousands. */
function syntheticPrice(random: Random, areaM2: number, deal: 'lease' | 'sale'): number {
  const perM2 = deal === 'lease' ? 60 + random() * 140 : 1500 + random() * 3500
  return Math.round((areaM2 * perM2) / 1000) * 1000
}

/** The synthetic offers to investors, in `<city>-investment-objects`. */
async function seedInvestmentObjects(db: Kysely<DB>, log: (line: string) => void): Promise<void> {
  if (!(await hasDemoRegister(db, 'kyiv')) || (await hasInvestmentObjects(db, 'kyiv'))) return
  const random = seededRandom(seedFor(2027, 'kyiv-investment'))
  const parcels = await parcelsToOffer(db, 'kyiv', 3)
  const brownfields = (await findLayerDefinition(db, 'kyiv-abandoned-buildings')) ? await brownfieldCandidates(db, 'kyiv-abandoned-buildings', 2) : []
  const cities = new Map((await db.selectFrom('cities').select(['id', 'name']).execute()).map((c) => [c.id, c.name]))
  const contact = { contact_organisation_id: KYIV_LAND_HOLDER.id, contact_email: 'invest@kyiv.demo.local', contact_phone: '+380 44 000 00 00' }
  const written = await db.transaction().execute(async (trx) => {
    await saveLayerDefinition(trx, investmentLayerDefinition('kyiv', cities.get('kyiv')!, { licence: 'CC-BY-4.0', attribution: 'Hromada Map demo (synthetic offers on real parcels)', synthetic: true }))
    let n = 0
    for (const [i, p] of parcels.entries()) {
      const deal = DEALS[i % 2]!
      const start_price = syntheticPrice(random, p.area_m2, deal)
      const atAuction = i % 7 === 3
      await trx
        .insertInto('investment_objects')
        .values({
          city_id: 'kyiv',
          property_id: p.id,
          kind: 'land',
          title: JSON.stringify({ uk: `Ділянка ${p.cadastral_number}, ${p.district}`, en: `Land plot ${p.cadastral_number}, ${p.district}` }),
          description: JSON.stringify(SYNTHETIC_NOTE),
          area_m2: p.area_m2,
          purpose_code: p.purpose_code,
          permitted_use: JSON.stringify({ uk: p.purpose ?? '', en: `Designated purpose ${p.purpose_code} (КВЦПЗ)` }),
          deal,
          start_price,
          term_years: deal === 'lease' ? [7, 10, 15, 25, 49][i % 5]! : null,
          utilities: UTILITY_SETS[i % UTILITY_SETS.length]!,
          status: atAuction ? 'at_auction' : 'available',
          auction_lot_id: atAuction ? `LLE001-UA-2026${String(1101 + i).padStart(4, '0')}-${String(10000 + i * 37).slice(-5)}` : null,
          district_id: p.district_id,
          geom: sql<string>`(SELECT geom FROM property_objects WHERE id = ${p.id})`,
          synthetic: true,
          ...contact,
        })
        .execute()
      n++
    }
    for (const b of brownfields) {
      await trx
        .insertInto('investment_objects')
        .values({
          city_id: 'kyiv',
          kind: 'brownfield',
          title: JSON.stringify({ uk: `Браунфілд: ${b.name ?? b.address ?? 'покинута будівля'}`, en: `Brownfield: ${b.name ?? b.address ?? 'abandoned building'}` }),
          description: JSON.stringify(SYNTHETIC_NOTE),
          area_m2: b.area_m2,
          permitted_use: JSON.stringify({ uk: 'Реконструкція або знесення з новим будівництвом', en: 'Reconstruction, or demolition and new building' }),
          deal: 'sale',
          start_price: syntheticPrice(random, b.area_m2, 'sale'),
          utilities: ['water', 'power'],
          address: b.address,
          district_id: b.district_id,
          geom: sql<string>`ST_SetSRID(ST_GeomFromGeoJSON(${b.geojson}), 4326)`,
          synthetic: true,
          ...contact,
        })
        .execute()
      n++
    }
    return n
  })
  log(`demo property: ${written} synthetic offers to investors in Kyiv (${investmentLayerId('kyiv')})`)
}

/** One synthetic offer in Marhanets: part of a library's premises. */
async function seedMarhanetsOffer(db: Kysely<DB>): Promise<void> {
  if (!(await hasDemoRegister(db, 'marhanets')) || (await hasInvestmentObjects(db, 'marhanets'))) return
  const city = await db.selectFrom('cities').select('name').where('id', '=', 'marhanets').executeTakeFirstOrThrow()
  await db.transaction().execute(async (trx) => {
      const library = await trx.selectFrom('property_objects').select(['id', 'name', 'address', 'district_id']).select(sql<string>`ST_AsGeoJSON(geom)`.as('geojson')).where('city_id', '=', 'marhanets').where('purpose', '=', 'Бібліотеки').orderBy('id', 'desc').executeTakeFirst()
      if (!library) return
      await saveLayerDefinition(trx, investmentLayerDefinition('marhanets', city.name, { licence: 'CC-BY-4.0', attribution: 'Hromada Map demo (synthetic offer)', synthetic: true }))
      await trx
        .insertInto('investment_objects')
        .values({
          city_id: 'marhanets',
          property_id: library.id,
          kind: 'premises',
          title: JSON.stringify({ uk: `Приміщення: ${library.name ?? 'бібліотека'}, частина першого поверху`, en: `Premises: part of the ground floor, ${library.address ?? ''}` }),
          description: JSON.stringify(SYNTHETIC_NOTE),
          area_m2: 84,
          permitted_use: JSON.stringify({ uk: 'Офіс, послуги', en: 'Office, services' }),
          deal: 'lease',
          start_price: 36000,
          term_years: 5,
          utilities: ['water', 'sewerage', 'power', 'heating'],
          address: library.address,
          district_id: library.district_id,
          contact_organisation_id: 'marhanets-culture',
          geom: sql<string>`ST_SetSRID(ST_GeomFromGeoJSON(${library.geojson}), 4326)`,
          synthetic: true,
        })
        .execute()
  })
}


/** Writes the demo register, street register and offers that are missing. Running it again adds nothing. */
export async function seedDemoProperty(db: Kysely<DB>, log: (line: string) => void = () => {}): Promise<void> {
  await withDemoPropertyLock(db, async (conn) => {
    const cities = new Set((await conn.selectFrom('cities').select('id').execute()).map((c) => c.id))
    if (cities.has('kyiv')) await seedKyivRegister(conn, log)
    if (cities.has('marhanets')) await seedMarhanetsRegister(conn, log)
    await seedInvestmentObjects(conn, log)
    await seedMarhanetsOffer(conn)
  })
}
