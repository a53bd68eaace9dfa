import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../../db/index.ts'
import { openTestDatabase } from '../../../db/testing.ts'
import { FEATURE_ADDRESS, HAS_ADDRESS, type ThemeId } from '../../../layers/index.ts'
import { createTestLayer, dropTestLayers, testLayerDefinition } from '../../testing.ts'
import { importPropertyRegister, PropertyImportError, type PropertyImportReport } from './index.ts'

/*
 * A city of the test's own, holding copies of real Kyiv data: two parcels of the demo land layer
 * (with their cadastral numbers), every Kyiv feature at one real address, Kyiv's districts, and
 * one land object already in the register. The register lines are written to files by the test
 * (a CSV in UTF-8, the same CSV in Windows-1251 made by iconv, an XLSX made by exceljs).
 */
const suffix = randomBytes(3).toString('hex')
const CITY = `imp-${suffix}`
const ORGANISATION = `imp-${suffix}-holder`
const HOLDER = 'КП «Тестова керуюча компанія»'
const PERSON = 'Іваненко Петро Петрович'
const EDRPOU = '03359500'
const parcelsLayer = `${CITY}-parcels`
const addressLayer = `${CITY}-addresses`
const farLayer = `${CITY}-far`

let database: Database
let dir: string
/** Real Kyiv data picked for the lines. */
let parcelA: { cadnum: string; geojson: string }
let parcelB: { cadnum: string; geojson: string }
let parcelC: { cadnum: string; geojson: string }
let address: { label: string; lon: number; lat: number }

const HEADER = [
  'ЄДРПОУ балансоутримувача', 'Найменування балансоутримувача', 'Інвентарний номер', "Найменування об'єкта", 'Адреса', 'Кадастровий номер',
  'Цільове призначення', 'Площа, кв.м', 'Площа, га', 'Стан (оренда)', 'Орендар', 'Колір фасаду',
]

/** The crafted register: line numbers in the file are the index + 2 (the header is line 1). */
function registerLines(): string[][] {
  return [
    ['', '', '', 'Земельна ділянка', '', parcelA.cadnum, 'Для будівництва', '', '0,25', 'вільне', '', 'зелений'],
    [EDRPOU, HOLDER, 'INV-1', 'Нежитлове приміщення на ділянці', '', parcelB.cadnum, '', '1 234,5', '', 'в оренді', 'ТОВ «Ромашка»', ''],
    [EDRPOU, HOLDER, 'INV-2', 'Склад на ділянці з реєстру', '', parcelC.cadnum, '', '40', '', 'використовується', '', ''],
    [EDRPOU, HOLDER.toUpperCase(), 'INV-3', 'Приміщення за адресою', readdress(address.label), '', '', '87,25', '', 'орендовано', PERSON, ''],
    [EDRPOU, HOLDER, 'INV-4', 'Приміщення без місця', 'м. Київ, вул. Неіснуюча, 999', '', '', '10', '', 'перелік першого типу', '', ''],
    ['', '', '', 'Ділянка поза шарами', '', '8000000000:99:999:9999', '', '', '1', '', '', ''],
    [EDRPOU, HOLDER, 'INV-5', 'Приміщення з двома місцями', 'вул. Двозначна, 1', '', '', '12', '', 'вільне', '', ''],
    [EDRPOU, HOLDER, 'INV-6', 'Приміщення', '', '', '', 'багато', '', '', '', ''],
    ['', '', '', 'Без ідентифікатора', 'вул. Хрещатик, 1', '', '', '5', '', '', '', ''],
    ['', '', '', 'Ділянка з поганим номером', '', '8000000000-76-019', '', '', '1', '', '', ''],
    [EDRPOU, HOLDER, 'INV-7', '=HYPERLINK("http://example.com","Клікни")', '', '', '', '3', '', 'невідомо що', '', ''],
  ]
}

/** The same address as a register would write it: the street type shortened and moved, the city first. */
function readdress(label: string): string {
  const [street, house] = label.split(',').map((part) => part.trim())
  return `м. Київ, ${street!.replace(/^просп\.\s*/, '')} проспект, буд. ${house}`
}

const csvCell = (cell: string) => (/[;"\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell)
const csvText = (rows: string[][]) => [HEADER, ...rows].map((row) => row.map(csvCell).join(';')).join('\r\n') + '\r\n'

function writeUtf8Csv(name: string, rows: string[][]): string {
  const path = join(dir, name)
  writeFileSync(path, csvText(rows))
  return path
}

function writeCp1251Csv(name: string, rows: string[][]): string {
  const utf8 = writeUtf8Csv(`${name}.utf8`, rows)
  const path = join(dir, name)
  writeFileSync(path, execFileSync('iconv', ['-f', 'UTF-8', '-t', 'WINDOWS-1251', utf8]))
  return path
}

async function writeXlsx(name: string, rows: string[][]): Promise<string> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Реєстр')
  sheet.addRow(HEADER)
  for (const row of rows) sheet.addRow(row)
  const path = join(dir, name)
  await workbook.xlsx.writeFile(path)
  return path
}

const importFile = (path: string, cityId = CITY) =>
  importPropertyRegister(database.db, { cityId, fileName: path.split('/').pop()!, bytes: new Uint8Array(readFileSync(path)) })

async function cityRows() {
  const { rows } = await sql<{
    id: string; register_id: string; kind: string; name: string | null; geom_type: string | null; district: string | null; expected_district: string | null
    balance_holder_id: string | null; balance_holder_name: string | null; balance_holder_edrpou: string | null; lessee_kind: string | null; lessee_name: string | null
    status: string; area_m2: string | null; source: string; on_parcel: string | null
  }>`
    SELECT p.id::text, p.register_id, p.kind, p.name, GeometryType(p.geom) AS geom_type, d.name AS district,
           (SELECT d2.name FROM districts d2 WHERE d2.city_id = p.city_id AND ST_Intersects(d2.geom, ST_PointOnSurface(p.geom)) ORDER BY d2.id LIMIT 1) AS expected_district,
           p.balance_holder_id, p.balance_holder_name, p.balance_holder_edrpou, p.lessee_kind, p.lessee_name, p.status, p.area_m2::text, p.source,
           (SELECT f.properties ->> 'cadnum' FROM features f WHERE f.layer_id = ${parcelsLayer} AND ST_Intersects(f.geom, p.geom) LIMIT 1) AS on_parcel
      FROM property_objects p LEFT JOIN districts d ON d.id = p.district_id
     WHERE p.city_id = ${CITY} ORDER BY p.register_id`.execute(database.db)
  return rows
}

beforeAll(async () => {
  database = await openTestDatabase(2)
  dir = mkdtempSync(join(tmpdir(), 'property-import-'))
  const db = database.db
  const { rows: parcels } = await sql<{ cadnum: string; geojson: string }>`
    SELECT f.properties ->> 'cadnum' AS cadnum, ST_AsGeoJSON(f.geom) AS geojson
      FROM features f WHERE f.layer_id = 'kyiv-land-parcels' AND f.properties ->> 'cadnum' ~ '^[0-9]{10}:[0-9]{2}:[0-9]{3}:[0-9]{4}$'
       AND EXISTS (SELECT 1 FROM districts d WHERE d.city_id = 'kyiv' AND ST_Intersects(d.geom, ST_PointOnSurface(f.geom)))
     ORDER BY f.id LIMIT 3`.execute(db)
  ;[parcelA, parcelB, parcelC] = parcels as [typeof parcelA, typeof parcelA, typeof parcelA]
  // A polling station's address: "просп.Голосіївський, 36, м.Київ, 03039" and the like.
  const { rows: [station] } = await sql<{ label: string; lon: number; lat: number }>`
    SELECT ${FEATURE_ADDRESS} AS label, ST_X(ST_PointOnSurface(f.geom)) AS lon, ST_Y(ST_PointOnSurface(f.geom)) AS lat
      FROM features f WHERE f.layer_id = 'kyiv-polling-stations' AND ${HAS_ADDRESS} AND f.public_properties ->> 'address' LIKE 'просп.%'
     ORDER BY f.id LIMIT 1`.execute(db)
  address = station!
  const { rows: atAddress } = await sql<{ geojson: string }>`
    SELECT ST_AsGeoJSON(f.geom) AS geojson FROM features f JOIN layers l ON l.id = f.layer_id
     WHERE l.city_id = 'kyiv' AND l.is_public AND ${HAS_ADDRESS} AND ${FEATURE_ADDRESS} = ${address.label}`.execute(db)

  await sql`INSERT INTO cities (id, code, name, center, zoom)
            VALUES (${CITY}, ${`IMP${suffix.toUpperCase()}`}, ${JSON.stringify({ uk: 'Київ', en: 'Kyiv' })}, ST_SetSRID(ST_MakePoint(30.52, 50.45), 4326), 11)`.execute(db)
  await sql`INSERT INTO districts (city_id, name, geom) SELECT ${CITY}, name, geom FROM districts WHERE city_id = 'kyiv'`.execute(db)
  await sql`INSERT INTO organisations (id, city_id, kind, name, responsibility)
            VALUES (${ORGANISATION}, ${CITY}, 'enterprise', ${JSON.stringify({ uk: HOLDER, en: 'Test managing company' })}, 'property')`.execute(db)
  const polygonLayer = (id: string, theme: ThemeId) => testLayerDefinition(id, { city: CITY, theme, geometryType: 'polygon', attributes: [{ name: 'cadnum', type: 'string', label: { uk: 'Кадастровий номер', en: 'Cadastral number' }, public: true }] })
  await createTestLayer(db, polygonLayer(parcelsLayer, 'property-land'), [parcelA, parcelB].map((p) => ({ geometry: JSON.parse(p.geojson), properties: { cadnum: p.cadnum } })))
  const addressDefinition = (id: string) => testLayerDefinition(id, { city: CITY, attributes: [{ name: 'address', type: 'string', label: { uk: 'Адреса', en: 'Address' }, public: true }] })
  await createTestLayer(db, addressDefinition(addressLayer), [
    ...atAddress.map((f) => ({ geometry: JSON.parse(f.geojson), properties: { address: address.label } })),
    { geometry: { type: 'Point', coordinates: [30.50, 50.45] }, properties: { address: 'вулиця Двозначна, 1' } },
  ])
  // The same address a few kilometres away, in another layer: the address is ambiguous.
  await createTestLayer(db, addressDefinition(farLayer), [{ geometry: { type: 'Point', coordinates: [30.60, 50.40] }, properties: { address: 'Двозначна вулиця, 1' } }])
  // A parcel the register already holds, drawn by staff and in no layer.
  await sql`INSERT INTO property_objects (city_id, kind, register_id, cadastral_number, geom, source)
            VALUES (${CITY}, 'land', ${parcelC.cadnum}, ${parcelC.cadnum}, ST_SetSRID(ST_GeomFromGeoJSON(${parcelC.geojson}), 4326), 'staff')`.execute(db)
}, 120_000)

afterAll(async () => {
  if (!database) return
  await dropTestLayers(database.db, parcelsLayer, addressLayer, farLayer)
  // The city's districts, organisation and register rows go with it.
  await sql`DELETE FROM cities WHERE id = ${CITY}`.execute(database.db)
  await database.close()
  rmSync(dir, { recursive: true, force: true })
})

const EXPECTED_REPORT = (): PropertyImportReport => ({
  lines: 11,
  written: 8,
  placedByCadastre: 3,
  placedByAddress: 1,
  unplaced: [
    { line: 6, registerId: `${EDRPOU}-INV-4`, reason: 'no address match' },
    { line: 7, registerId: '8000000000:99:999:9999', reason: 'no cadastral match' },
    { line: 8, registerId: `${EDRPOU}-INV-5`, reason: 'ambiguous address' },
    { line: 12, registerId: `${EDRPOU}-INV-7`, reason: 'no cadastral number or address' },
  ],
  rejected: [
    { line: 9, field: 'area_m2', message: 'area "багато" is not a number' },
    { line: 10, field: 'register_id', message: 'the line has no register id, no cadastral number and no inventory number' },
    { line: 11, field: 'cadastral_number', message: '"8000000000-76-019" is not a cadastral number (NNNNNNNNNN:NN:NNN:NNNN)' },
  ],
  unknownColumns: ['Колір фасаду'],
  warnings: ['line 12: lease status "невідомо що" is unknown; read as in use'],
})

describe('importPropertyRegister', () => {
  it('places lines by cadastral number and by address, writes the rest without a place, and refuses invalid lines', async () => {
    const report = await importFile(writeCp1251Csv('register-cp1251.csv', registerLines()))
    expect(report).toEqual(EXPECTED_REPORT())

    const rows = await cityRows()
    expect(rows.map((r) => r.register_id).sort()).toEqual(
      [parcelA.cadnum, parcelC.cadnum, '8000000000:99:999:9999', ...['INV-1', 'INV-2', 'INV-3', 'INV-4', 'INV-5', 'INV-7'].map((inv) => `${EDRPOU}-${inv}`)].sort(),
    )
    const byId = new Map(rows.map((r) => [r.register_id, r]))
    // Land keeps the parcel's shape; premises on a parcel get a point on it.
    expect(byId.get(parcelA.cadnum)).toMatchObject({ kind: 'land', geom_type: expect.stringMatching(/POLYGON/), on_parcel: parcelA.cadnum, area_m2: '2500.00', status: 'free', source: 'import' })
    expect(byId.get(`${EDRPOU}-INV-1`)).toMatchObject({ kind: 'premises', geom_type: 'POINT', on_parcel: parcelB.cadnum, lessee_kind: 'organisation', lessee_name: 'ТОВ «Ромашка»', status: 'leased' })
    expect(byId.get(`${EDRPOU}-INV-2`)).toMatchObject({ geom_type: 'POINT', status: 'in_use' })
    for (const id of [parcelA.cadnum, `${EDRPOU}-INV-1`, `${EDRPOU}-INV-2`, `${EDRPOU}-INV-3`]) {
      expect(byId.get(id)!.district, id).not.toBeNull()
      expect(byId.get(id)!.district, id).toBe(byId.get(id)!.expected_district)
    }
    for (const id of [`${EDRPOU}-INV-4`, `${EDRPOU}-INV-5`, `${EDRPOU}-INV-7`, '8000000000:99:999:9999']) expect(byId.get(id)).toMatchObject({ geom_type: null, district: null })
    // The balance holder is the city's organisation whatever the letter case, its name and code kept.
    expect(byId.get(`${EDRPOU}-INV-3`)).toMatchObject({ balance_holder_id: ORGANISATION, balance_holder_name: HOLDER.toUpperCase(), balance_holder_edrpou: EDRPOU })
    expect(byId.get(`${EDRPOU}-INV-7`)).toMatchObject({ name: '=HYPERLINK("http://example.com","Клікни")', status: 'in_use' })
  })

  it('places a line by address at the address point', async () => {
    const { rows } = await sql<{ metres: number }>`
      SELECT ST_Distance(p.geom::geography, ST_SetSRID(ST_MakePoint(${address.lon}, ${address.lat}), 4326)::geography) AS metres
        FROM property_objects p WHERE p.city_id = ${CITY} AND p.register_id = ${`${EDRPOU}-INV-3`}`.execute(database.db)
    expect(rows[0]!.metres).toBeLessThan(1)
  })

  it('never stores a private lessee\'s name', async () => {
    const { rows } = await sql<{ lessee_kind: string; lessee_name: string | null }>`
      SELECT lessee_kind, lessee_name FROM property_objects WHERE city_id = ${CITY} AND register_id = ${`${EDRPOU}-INV-3`}`.execute(database.db)
    expect(rows).toEqual([{ lessee_kind: 'person', lessee_name: null }])
    const { rows: [found] } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM property_objects p WHERE p::text LIKE ${`%${PERSON.split(' ')[0]}%`}`.execute(database.db)
    expect(found!.n).toBe(0)
    const { rows: [inFeatures] } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM features f JOIN layers l ON l.id = f.layer_id WHERE l.city_id = ${CITY} AND f.properties::text LIKE ${`%${PERSON.split(' ')[0]}%`}`.execute(database.db)
    expect(inFeatures!.n).toBe(0)
  })

  it('updates the lines of an earlier import instead of adding them again', async () => {
    const before = await cityRows()
    const report = await importFile(writeUtf8Csv('register-utf8.csv', registerLines()))
    expect(report).toEqual(EXPECTED_REPORT())
    const after = await cityRows()
    expect(after.map((r) => [r.id, r.register_id])).toEqual(before.map((r) => [r.id, r.register_id]))
  })

  it('reads the same register from an XLSX workbook and writes what changed', async () => {
    const lines = registerLines()
    lines[0]![8] = '0,5' // parcel A's area in hectares
    lines[1]![9] = 'вільне' // the premises on parcel B is free again
    lines[1]![10] = ''
    const report = await importFile(await writeXlsx('register.xlsx', lines))
    expect(report).toEqual(EXPECTED_REPORT())
    const byId = new Map((await cityRows()).map((r) => [r.register_id, r]))
    expect(byId.get(parcelA.cadnum)).toMatchObject({ area_m2: '5000.00' })
    expect(byId.get(`${EDRPOU}-INV-1`)).toMatchObject({ status: 'free', lessee_kind: null, lessee_name: null })
    expect(byId.size).toBe(9)
  })

  it('writes nothing when the database refuses a line midway', async () => {
    const db = database.db
    const trigger = `imp_refuse_${suffix}`
    // A trigger of this test's city only: the second batch of 500 lines fails at line 551.
    await sql`CREATE FUNCTION ${sql.id(trigger)}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.city_id = ${sql.lit(CITY)} AND NEW.register_id LIKE '%-BOOM' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$`.execute(db)
    await sql`CREATE TRIGGER ${sql.id(trigger)} BEFORE INSERT ON property_objects FOR EACH ROW EXECUTE FUNCTION ${sql.id(trigger)}()`.execute(db)
    try {
      const lines = Array.from({ length: 600 }, (_, i) => [EDRPOU, HOLDER, i === 549 ? 'BOOM' : `BULK-${i}`, 'Приміщення', '', '', '', '10', '', '', '', ''])
      await expect(importFile(writeUtf8Csv('bulk.csv', lines))).rejects.toThrow(/refused by the test/)
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM property_objects WHERE city_id = ${CITY} AND register_id LIKE ${`${EDRPOU}-BULK-%`}`.execute(db)
      expect(rows[0]!.n).toBe(0)
    } finally {
      await sql`DROP TRIGGER ${sql.id(trigger)} ON property_objects`.execute(db)
      await sql`DROP FUNCTION ${sql.id(trigger)}()`.execute(db)
    }
  })

  it('refuses an unknown city', async () => {
    await expect(importFile(writeUtf8Csv('any.csv', registerLines()), `no-such-city-${suffix}`)).rejects.toThrow(new PropertyImportError(`There is no city "no-such-city-${suffix}".`))
  })

  it('refuses a file with a header only, writing nothing', async () => {
    const path = join(import.meta.dirname, 'fixtures', 'header-only.csv')
    await expect(importFile(path)).rejects.toThrow(/has a header but no lines/)
  })

  it('refuses a file with none of the columns that identify an object', async () => {
    const path = join(dir, 'columns.csv')
    writeFileSync(path, 'Назва;Колір\nБудинок;синій\n')
    await expect(importFile(path)).rejects.toThrow(/no column that identifies an object/)
  })
})
