import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ImportFileError } from '../import/index.ts'
import { DEFAULT_ZIP_LIMITS, unpackZip, type ZipLimits } from './archive.ts'
import { buildZip, deflatedZeros } from './zip-test-helpers.ts'

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/sniff/${name}`, import.meta.url))

let root: string
let destDir: string
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'archive-test-'))
  destDir = join(root, 'unpacked')
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

function writeZip(zip: Buffer, name = 'upload.zip'): string {
  const path = join(root, name)
  writeFileSync(path, zip)
  return path
}

/** Unpacks, expects a refusal whose message contains `message`, and checks nothing was left behind. */
async function expectRefused(zipPath: string, message: string | RegExp, limits?: Partial<ZipLimits>): Promise<void> {
  const error = await unpackZip(zipPath, destDir, limits).then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ImportFileError)
  expect((error as Error).message).toMatch(message)
  expect(existsSync(destDir)).toBe(false)
  // Nothing was written beside the zip, or above the temp dir.
  expect(readdirSync(root)).toEqual([zipPath.slice(root.length + 1)])
  expect(existsSync(join(dirname(root), 'evil.txt'))).toBe(false)
}

describe('unpackZip: archives a planner sends', () => {
  it('unpacks a zipped Shapefile made by ogr2ogr and zipfile, byte for byte', async () => {
    const files = await unpackZip(fixture('places-shapefile.zip'), destDir)
    expect(files.map((f) => f.name).sort()).toEqual(['places.cpg', 'places.dbf', 'places.prj', 'places.shp', 'places.shx'])
    for (const file of files) {
      expect(file.path).toBe(join(destDir, file.name))
      expect(statSync(file.path).size).toBe(file.size)
    }
    // The .shp header gives the file code 9994 and the file's length in 16-bit words.
    const shp = readFileSync(join(destDir, 'places.shp'))
    expect(shp.readInt32BE(0)).toBe(9994)
    expect(shp.readInt32BE(24) * 2).toBe(shp.length)
    expect(readFileSync(join(destDir, 'places.cpg'), 'utf8').trim()).toBe('UTF-8')
  })

  it('decodes CP866 entry names written without the UTF-8 flag (a zip made by Info-ZIP from CP866 names)', async () => {
    const files = await unpackZip(fixture('cp866-names.zip'), destDir)
    expect(files.map((f) => f.name).sort()).toEqual(['Генплан/Житомир є ї.txt', 'Генплан/зонування.csv'])
    expect(readFileSync(join(destDir, 'Генплан', 'зонування.csv'), 'utf8')).toBe('id,name\n1,Поділ\n')
  })

  it('keeps folders, and skips folder entries and operating-system clutter without writing them', async () => {
    const geojson = Buffer.from('{"type":"FeatureCollection","features":[]}')
    const zip = writeZip(
      buildZip([
        { name: 'plan/', method: 0 },
        { name: 'plan/parcels.geojson', data: geojson },
        { name: '__MACOSX/plan/._parcels.geojson', data: Buffer.from([0, 5, 22, 7]) },
        { name: 'plan/.DS_Store', data: Buffer.from('Bud1') },
        { name: 'plan/Thumbs.db', data: Buffer.from([0xd0, 0xcf, 0x11, 0xe0]) },
      ]),
    )
    const files = await unpackZip(zip, destDir)
    expect(files).toEqual([{ name: 'plan/parcels.geojson', path: join(destDir, 'plan', 'parcels.geojson'), size: geojson.length }])
    expect(readdirSync(destDir)).toEqual(['plan'])
    expect(readdirSync(join(destDir, 'plan'))).toEqual(['parcels.geojson'])
  })

  it('has the documented default limits', () => {
    expect(DEFAULT_ZIP_LIMITS).toEqual({ maxEntries: 2000, maxTotalBytes: 2 * 1024 ** 3, maxEntryBytes: 1024 ** 3, maxRatio: 100 })
  })
})

describe('unpackZip: hostile archives are refused and leave nothing behind', () => {
  it.each([
    ['../../evil.txt'],
    ['plan/../../evil.txt'],
    ['/tmp/evil.txt'],
    ['C:/evil.txt'],
    ['..\\..\\evil.txt'],
  ])('an entry named %s (path traversal)', async (name) => {
    const zip = writeZip(buildZip([{ name: 'ok.csv', data: Buffer.from('a,b\n') }, { name, data: Buffer.from('owned') }]))
    await expectRefused(zip, /outside the archive's folder/)
  })

  it('a symbolic link entry', async () => {
    const zip = writeZip(buildZip([{ name: 'passwd', data: Buffer.from('/etc/passwd'), method: 0, unixMode: 0o120777 }]))
    await expectRefused(zip, /"passwd" is a symbolic link/)
  })

  it('an encrypted entry', async () => {
    const zip = writeZip(buildZip([{ name: 'secret.csv', data: Buffer.alloc(40, 7), method: 0, flags: 0x1, declaredSize: 28 }]))
    await expectRefused(zip, /"secret.csv" is encrypted/)
  })

  it.each([['inner.zip'], ['layer.geojson.gz'], ['data.7z'], ['data.rar'], ['data.tar'], ['map.kmz']])('a nested archive named %s', async (name) => {
    const zip = writeZip(buildZip([{ name, data: Buffer.from('whatever') }]))
    await expectRefused(zip, new RegExp(`"${name.replace(/\./g, '\\.')}" is itself an archive`))
  })

  it('a nested zip or gzip hidden under another name, found by its first bytes after a file was written', async () => {
    const inner = readFileSync(fixture('places-shapefile.zip'))
    const zip = writeZip(buildZip([{ name: 'readme.txt', data: Buffer.from('plan') }, { name: 'parcels.geojson', data: inner }]))
    await expectRefused(zip, /"parcels.geojson" is itself an archive \(zip\)/)
    const gz = readFileSync(fixture('places.geojson.gz'))
    await expectRefused(writeZip(buildZip([{ name: 'plan/a.csv', data: Buffer.from('a\n') }, { name: 'plan/b.csv', data: gz }])), /"plan\/b.csv" is itself an archive \(gzip\)/)
  })

  it('a zip bomb: 200 MB of zeros deflated to a few hundred KB', async () => {
    const zeros = await deflatedZeros(200)
    expect(zeros.bytes.length).toBeLessThan(1024 * 1024)
    const zip = writeZip(buildZip([{ name: 'zeros.csv', deflated: zeros }]))
    await expectRefused(zip, /"zeros.csv" would expand \d+ times/)
  })

  it('a zip bomb whose header understates the size: the inflated bytes are counted and the stream stopped', async () => {
    const zeros = await deflatedZeros(200)
    const zip = writeZip(buildZip([{ name: 'zeros.csv', deflated: { ...zeros, size: 1000 } }]))
    const started = Date.now()
    await expectRefused(zip, /"zeros.csv" holds more data than its header declares/)
    expect(Date.now() - started).toBeLessThan(5000)
  })

  it('an entry larger than the entry limit, and archives over the total or the entry count', async () => {
    const zip = writeZip(buildZip([{ name: 'a.csv', data: Buffer.alloc(3000, 'a') }, { name: 'b.csv', data: Buffer.alloc(3000, 'b') }]))
    await expectRefused(zip, /"a.csv" is 3000 bytes unpacked; the limit is 2000/, { maxEntryBytes: 2000, maxRatio: 1e6 })
    await expectRefused(zip, /more than 5000 bytes unpacked/, { maxTotalBytes: 5000, maxRatio: 1e6 })
    const many = writeZip(buildZip(Array.from({ length: 6 }, (_, i) => ({ name: `f${i}.csv`, data: Buffer.from('x') }))), 'many.zip')
    rmSync(zip)
    await expectRefused(many, /6 files; at most 5 are accepted/, { maxEntries: 5 })
  })

  it('a truncated zip and a file that is not a zip at all', async () => {
    const whole = readFileSync(fixture('places-shapefile.zip'))
    await expectRefused(writeZip(whole.subarray(0, Math.floor(whole.length / 2))), /damaged or incomplete/)
    rmSync(join(root, 'upload.zip'))
    await expectRefused(writeZip(Buffer.from('just some text, not a zip')), /damaged or incomplete/)
  })

  it('an entry whose data was damaged (checksum mismatch)', async () => {
    const zip = buildZip([{ name: 'a.csv', data: Buffer.from('id,name\n1,x\n'), method: 0 }])
    const dataStart = 30 + 'a.csv'.length
    zip.writeUInt8(zip.readUInt8(dataStart + 3) ^ 0xff, dataStart + 3) // one byte of the stored data
    await expectRefused(writeZip(zip), /"a.csv" is damaged/)
  })

  it('keeps what was already in destDir, removing only what it wrote', async () => {
    mkdirSync(destDir)
    writeFileSync(join(destDir, 'earlier.txt'), 'keep me')
    const inner = readFileSync(fixture('places-shapefile.zip'))
    const zip = writeZip(buildZip([{ name: 'plan/readme.txt', data: Buffer.from('plan') }, { name: 'plan/x.csv', data: inner }]))
    await expect(unpackZip(zip, destDir)).rejects.toThrow(ImportFileError)
    expect(readdirSync(destDir)).toEqual(['earlier.txt'])
  })
})
