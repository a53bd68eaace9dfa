/**
 * SYNTHETIC works for the demo, marked synthetic everywhere: in Kyiv an emergency water cut on
 * now, planned cuts of hot water and power and a road closure to come, two road repairs; in
 * Marhanets repairs of a kindergarten's roof and a clinic's windows. Their windows are set
 * relative to the day the demo is loaded, so that something is always on now.
 */
import { sql, type Kysely } from 'kysely'
import type { DB } from '../../db/index.ts'
import { ensureWorksLayer } from '../works/index.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR

interface DemoWork {
  city: string
  kind: 'repair' | 'planned' | 'emergency'
  title: string
  description: string
  work_type: 'road' | 'roof' | 'water' | 'heating' | 'power' | 'building'
  status: 'planned' | 'in_progress' | 'done'
  organisation: string
  /** A district the place lies in, a point well inside it, and the radius of the area. */
  district?: string
  radiusM?: number
  /** Or a register line of the city by its purpose, repaired. */
  premisesPurpose?: string
  window?: [number, number]
  planned?: [number, number]
  actual?: [number | null, number | null]
  switched_off?: string[]
  contractor?: string
  contractor_edrpou?: string
  cost?: number
  spent?: number
  prozorro?: string
}

const WORKS: DemoWork[] = [
  {
    city: 'kyiv', kind: 'emergency', title: 'Аварія на водогоні: без холодної води', description: 'Пошкодження магістрального водогону; аварійна бригада на місці.',
    work_type: 'water', status: 'in_progress', organisation: 'kyiv-utilities', district: 'Дарницький район', radiusM: 400, window: [-3 * HOUR, 9 * HOUR], switched_off: ['water'],
  },
  {
    city: 'kyiv', kind: 'planned', title: 'Планове вимкнення гарячої води для гідравлічних випробувань', description: 'Щорічні випробування теплових мереж.',
    work_type: 'heating', status: 'planned', organisation: 'kyiv-utilities', district: 'Оболонський район', radiusM: 900, window: [3 * DAY, 17 * DAY], switched_off: ['hot_water'],
  },
  {
    city: 'kyiv', kind: 'planned', title: 'Вимкнення електроенергії: заміна трансформатора', description: 'Заміна обладнання трансформаторної підстанції.',
    work_type: 'power', status: 'planned', organisation: 'kyiv-utilities', district: 'Солом’янський район', radiusM: 300, window: [1 * DAY + 9 * HOUR - (Date.now() % DAY), 1 * DAY + 17 * HOUR - (Date.now() % DAY)], switched_off: ['power'],
  },
  {
    city: 'kyiv', kind: 'planned', title: 'Перекриття проїзду: ремонт трамвайного переїзду', description: 'Рух транспорту в об’їзд.',
    work_type: 'road', status: 'planned', organisation: 'kyiv-roads', district: 'Шевченківський район', radiusM: 120, window: [6 * DAY, 9 * DAY], switched_off: ['road'],
  },
  {
    city: 'kyiv', kind: 'repair', title: 'Капітальний ремонт дорожнього покриття', description: 'Заміна асфальтобетонного покриття й бордюрів.',
    work_type: 'road', status: 'in_progress', organisation: 'kyiv-roads', district: 'Голосіївський район', planned: [-20 * DAY, 25 * DAY], actual: [-18 * DAY, null],
    contractor: 'ТОВ «Шляхбуд-Демо»', contractor_edrpou: '00000001', cost: 8_400_000, spent: 3_100_000, prozorro: 'UA-2026-03-14-000101-a',
  },
  {
    city: 'kyiv', kind: 'repair', title: 'Ремонт тротуару', description: 'Заміна плитки, пониження бордюрів на переходах.',
    work_type: 'road', status: 'done', organisation: 'kyiv-roads', district: 'Печерський район', planned: [-90 * DAY, -50 * DAY], actual: [-88 * DAY, -55 * DAY],
    contractor: 'ТОВ «Тротуар-Демо»', contractor_edrpou: '00000002', cost: 1_250_000, spent: 1_190_000, prozorro: 'UA-2026-01-20-000202-b',
  },
  {
    city: 'marhanets', kind: 'repair', title: 'Ремонт покрівлі дитячого садка', description: 'Заміна покрівельного покриття та водостоків.',
    work_type: 'roof', status: 'in_progress', organisation: 'marhanets-education', premisesPurpose: 'Дитячі садочки', planned: [-30 * DAY, 30 * DAY], actual: [-25 * DAY, null],
    contractor: 'ТОВ «Покрівля-Демо»', contractor_edrpou: '00000003', cost: 960_000, spent: 410_000, prozorro: 'UA-2026-05-02-000303-c',
  },
  {
    city: 'marhanets', kind: 'repair', title: 'Заміна вікон в амбулаторії', description: 'Енергоефективні вікна замість дерев’яних.',
    work_type: 'building', status: 'planned', organisation: 'marhanets-primary-care', premisesPurpose: 'Центр первинної медико-санітарної допомоги', planned: [20 * DAY, 50 * DAY],
    contractor: 'ТОВ «Вікна-Демо»', contractor_edrpou: '00000004', cost: 540_000, prozorro: 'UA-2026-06-11-000404-d',
  },
]

const date = (offset: number) => new Date(Date.now() + offset).toISOString().slice(0, 10)

/** Writes the demo works of each city that has none yet. Running it again adds nothing. */
export async function seedDemoWorks(db: Kysely<DB>, log: (line: string) => void = () => {}): Promise<void> {
  const cities = new Set((await db.selectFrom('cities').select('id').execute()).map((c) => c.id))
  for (const city of ['kyiv', 'marhanets'].filter((c) => cities.has(c))) {
    if (await db.selectFrom('works').select('id').where('city_id', '=', city).limit(1).executeTakeFirst()) continue
    const written = await db.transaction().execute(async (trx) => {
      let n = 0
      for (const w of WORKS.filter((x) => x.city === city)) {
        const organisation = await trx.selectFrom('organisations').select('id').where('id', '=', w.organisation).executeTakeFirst()
        const premises = w.premisesPurpose
          ? await trx.selectFrom('property_objects').select(['id']).select(sql<string>`ST_AsGeoJSON(geom)`.as('geojson')).where('city_id', '=', city).where('purpose', '=', w.premisesPurpose).orderBy('id').executeTakeFirst()
          : undefined
        const place = premises
          ? sql<string>`ST_SetSRID(ST_GeomFromGeoJSON(${premises.geojson}), 4326)`
          : w.district
            ? sql<string>`(SELECT ${w.radiusM ? sql`ST_Buffer(p::geography, ${w.radiusM}, 'quad_segs=8')::geometry` : sql`p`}
                             FROM (SELECT ST_GeometryN(ST_GeneratePoints(ST_Buffer(geom::geography, -800)::geometry, 1, ${n + 17}), 1) AS p
                                     FROM districts WHERE city_id = ${city} AND name = ${w.district}) g)`
            : null
        if (!place || (w.premisesPurpose && !premises)) continue
        await ensureWorksLayer(trx, city, w.kind, true)
        await trx
          .insertInto('works')
          .values({
            city_id: city,
            kind: w.kind,
            title: w.title,
            description: `${w.description} (Синтетичні дані для демонстрації.)`,
            work_type: w.work_type,
            status: w.status,
            property_id: premises?.id ?? null,
            organisation_id: organisation?.id ?? null,
            contractor: w.contractor ?? null,
            contractor_edrpou: w.contractor_edrpou ?? null,
            cost: w.cost ?? null,
            spent: w.spent ?? null,
            prozorro_tender_id: w.prozorro ?? null,
            planned_start: w.planned ? date(w.planned[0]) : null,
            planned_end: w.planned ? date(w.planned[1]) : null,
            actual_start: w.actual?.[0] != null ? date(w.actual[0]) : null,
            actual_end: w.actual?.[1] != null ? date(w.actual[1]) : null,
            starts_at: w.window ? new Date(Date.now() + w.window[0]) : null,
            ends_at: w.window ? new Date(Date.now() + w.window[1]) : null,
            switched_off: w.switched_off ?? [],
            geom: place,
            synthetic: true,
          })
          .execute()
        n++
      }
      return n
    })
    if (written) log(`demo works: ${city} — ${written} synthetic repairs and works`)
  }
}
