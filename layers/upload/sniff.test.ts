import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { ImportFileError } from '../import/index.ts'
import { checkPdf, sniffFile } from './sniff.ts'

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/sniff/${name}`, import.meta.url))
const workDir = mkdtempSync(join(tmpdir(), 'sniff-test-'))
afterAll(() => rmSync(workDir, { recursive: true, force: true }))

/** Writes `content` under the planner's file name in the temp dir and returns its path. */
function upload(name: string, content: Buffer | string): string {
  const path = join(workDir, `${Math.random().toString(36).slice(2)}-${name}`)
  writeFileSync(path, content)
  return path
}

/** The error `promise` rejects with; fails the test when it resolves. */
async function refusal(promise: Promise<unknown>): Promise<ImportFileError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ImportFileError)
  return error as ImportFileError
}

// The first bytes of real executables: enough for any sniffer, and nothing that runs.
const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(56)])
const windowsExe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58), Buffer.from([0x80, 0, 0, 0]), Buffer.alloc(64), Buffer.from('PE\0\0')])
const machO = Buffer.concat([Buffer.from([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1]), Buffer.alloc(24)])

describe('sniffFile: the formats a planner uploads, by content', () => {
  it.each([
    ['places.gpkg', 'places.gpkg', 'gpkg'],
    ['places.kml', 'places.kml', 'kml'],
    ['places.csv', 'places.csv', 'csv'],
    ['places.pdf', 'places.pdf', 'pdf'],
    ['places.source.geojson', 'places.geojson', 'geojson'],
    ['places.geojson.gz', 'places.geojson.gz', 'gzip'],
    ['places-shapefile.zip', 'places-shapefile.zip', 'zip'],
    // The name only breaks ties: a planner's file without a telling name is still recognised.
    ['places.gpkg', 'upload', 'gpkg'],
    ['places.kml', 'doc.xml', 'kml'],
    ['places.source.geojson', 'places.json', 'geojson'],
    ['places.source.geojson', 'export.txt', 'geojson'],
    ['places.csv', 'points.txt', 'csv'],
  ] as const)('%s uploaded as %s is %s', async (file, name, kind) => {
    expect(await sniffFile(fixture(file), name)).toEqual({ kind })
  })

  it('recognises GeoJSON after a byte-order mark and blank lines, and KML without an XML declaration', async () => {
    const geojson = readFileSync(fixture('places.source.geojson'))
    expect(await sniffFile(upload('bom.geojson', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('\n\n  '), geojson])), 'bom.geojson')).toEqual({ kind: 'geojson' })
    const kml = readFileSync(fixture('places.kml'), 'utf8').replace(/^<\?xml[^>]*>\s*/, '')
    expect(kml.startsWith('<kml')).toBe(true)
    expect(await sniffFile(upload('bare.kml', kml), 'bare.kml')).toEqual({ kind: 'kml' })
  })

  it('reads a semicolon or tab separated table named .csv or .tsv as CSV', async () => {
    expect(await sniffFile(upload('a.csv', 'назва;lat;lon\nСофія;50.45;30.51\n'), 'a.csv')).toEqual({ kind: 'csv' })
    expect(await sniffFile(upload('a.tsv', 'name\tlat\tlon\nx\t50.45\t30.51\n'), 'a.tsv')).toEqual({ kind: 'csv' })
  })
})

describe('sniffFile: files that are refused, named for what they really are', () => {
  it.each([
    ['plan.pdf', elf, 'the file named plan.pdf is a Linux executable (ELF), not a PDF'],
    ['plan.pdf', windowsExe, 'the file named plan.pdf is a Windows executable, not a PDF'],
    ['layer.geojson', windowsExe, 'the file named layer.geojson is a Windows executable, not GeoJSON'],
    ['parcels.zip', machO, 'the file named parcels.zip is a macOS executable, not a zip archive'],
    ['points.csv', '#!/bin/sh\nrm -rf /\n', 'the file named points.csv is a script (#!), not a CSV table'],
    ['setup', elf, 'the file named setup is a Linux executable (ELF)'],
  ])('%s', async (name, content, message) => {
    const error = await refusal(sniffFile(upload(name, content), name))
    expect(error.message).toContain(message)
  })

  it('refuses archives it cannot unpack, made by real tools, naming the kind', async () => {
    const src = upload('places.geojson', readFileSync(fixture('places.source.geojson')))
    const tar = join(workDir, 'layer.tar')
    execFileSync('tar', ['-cf', tar, '-C', workDir, src.slice(workDir.length + 1)])
    expect((await refusal(sniffFile(tar, 'layer.tar'))).message).toContain('is a tar archive')
    execFileSync('tar', ['-cjf', `${tar}.bz2`, '-C', workDir, src.slice(workDir.length + 1)])
    expect((await refusal(sniffFile(`${tar}.bz2`, 'layer.zip'))).message).toContain('the file named layer.zip is a bzip2 archive, not a zip archive')
    execFileSync('tar', ['-cJf', `${tar}.xz`, '-C', workDir, src.slice(workDir.length + 1)])
    expect((await refusal(sniffFile(`${tar}.xz`, 'layer.tar.xz'))).message).toContain('is an xz archive')
  })

  it.each([
    ['layer.rar', Buffer.from('Rar!\x1a\x07\x01\x00', 'latin1'), 'is a RAR archive'],
    ['layer.7z', Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4]), 'is a 7-Zip archive'],
    ['map.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'is a PNG image'],
    ['map.geojson', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]), 'the file named map.geojson is a JPEG image, not GeoJSON'],
    ['table.csv', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'is an old Microsoft Office document (.doc, .xls)'],
    ['places.shp', Buffer.from([0, 0, 0x27, 0x0a, 0, 0, 0, 0]), 'is the .shp part of a Shapefile'],
    ['page.kml', '<!DOCTYPE html>\n<html><body>Not found</body></html>', 'is a web page (HTML), not KML'],
  ])('%s: %s', async (name, content, message) => {
    const error = await refusal(sniffFile(upload(name, content), name))
    expect(error.message).toContain(message)
  })

  it('refuses text saved as UTF-16, telling how to save it', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('name,lat,lon\r\n', 'utf16le')])
    expect((await refusal(sniffFile(upload('table.csv', utf16), 'table.csv'))).message).toMatch(/UTF-16.*UTF-8/)
  })

  it('refuses an empty file', async () => {
    expect((await refusal(sniffFile(upload('layer.geojson', ''), 'layer.geojson'))).message).toContain('layer.geojson is empty (0 bytes)')
  })

  it('refuses binary data that matches no known format', async () => {
    const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37 + 3) % 256))
    expect((await refusal(sniffFile(upload('layer.geojson', junk), 'layer.geojson'))).message).toContain('binary data of no known format')
  })

  it('refuses an SQLite database that is not a GeoPackage', async () => {
    const gpkg = readFileSync(fixture('places.gpkg'))
    gpkg.write('\0\0\0\0', 68, 'latin1') // application_id: a plain SQLite database
    expect((await refusal(sniffFile(upload('data.gpkg', gpkg), 'data.gpkg'))).message).toContain('is an SQLite database but not a GeoPackage')
  })

  it('refuses a file whose name claims another accepted format', async () => {
    const zip = readFileSync(fixture('places-shapefile.zip'))
    expect((await refusal(sniffFile(upload('plan.pdf', zip), 'plan.pdf'))).message).toContain('the file named plan.pdf is a zip archive, not a PDF')
    const pdf = readFileSync(fixture('places.pdf'))
    expect((await refusal(sniffFile(upload('layer.geojson', pdf), 'layer.geojson'))).message).toContain('the file named layer.geojson is a PDF document, not GeoJSON')
  })
})

describe('checkPdf', () => {
  it('accepts a PDF written by GDAL and counts its pages', async () => {
    expect(await checkPdf(fixture('places.pdf'), 10 * 1024 * 1024)).toEqual({ pages: 1 })
  })

  it('refuses a PDF over the size limit, giving both sizes in MB', async () => {
    const big = upload('big.pdf', Buffer.concat([readFileSync(fixture('places.pdf')), Buffer.alloc(3 * 1024 * 1024, 0x20)]))
    const size = statSync(big).size
    const error = await refusal(checkPdf(big, 2 * 1024 * 1024))
    expect(error.message).toContain(`${(size / 1024 / 1024).toFixed(1)} MB`)
    expect(error.message).toContain('2.0 MB')
  })

  it('refuses an executable named .pdf, naming what it is', async () => {
    expect((await refusal(checkPdf(upload('plan.pdf', windowsExe), 1024 * 1024))).message).toContain('not a PDF: it is a Windows executable')
    expect((await refusal(checkPdf(upload('plan.pdf', 'hello'), 1024 * 1024))).message).toContain('not a PDF: it is text')
  })

  it('refuses a truncated PDF (no %%EOF at the end)', async () => {
    const pdf = readFileSync(fixture('places.pdf'))
    const cut = upload('cut.pdf', pdf.subarray(0, pdf.length - 200))
    expect((await refusal(checkPdf(cut, 1024 * 1024))).message).toContain('incomplete')
  })

  it('refuses an empty file', async () => {
    expect((await refusal(checkPdf(upload('empty.pdf', ''), 1024 * 1024))).message).toContain('empty')
  })
})
