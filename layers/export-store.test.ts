import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { exportTag, LayerExportStore } from './export-store.ts'

const root = mkdtempSync(join(tmpdir(), 'export-store-test-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('LayerExportStore', () => {
  it('keeps a layer version’s file at <root>/<layer>/<version>-<fingerprint>/<layer>.<format>', () => {
    expect(new LayerExportStore(root).pathOf('kyiv-districts', '12-3fa9c1d2', 'gpkg')).toBe(join(root, 'kyiv-districts', '12-3fa9c1d2', 'kyiv-districts.gpkg'))
  })

  it('finds nothing for a version that was never written', async () => {
    expect(await new LayerExportStore(root).find('kyiv-districts', '1-00000000', 'fgb')).toBeUndefined()
  })

  it('gives a rewritten file of the same version a new ETag', async () => {
    const store = new LayerExportStore(root)
    const path = store.pathOf('kyiv-metro', '3-0a0b0c0d', 'csv')
    mkdirSync(join(root, 'kyiv-metro', '3-0a0b0c0d'), { recursive: true })
    writeFileSync(path, 'id,WKT\r\n')
    utimesSync(path, new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'))
    const first = await store.find('kyiv-metro', '3-0a0b0c0d', 'csv')
    writeFileSync(path, 'id,WKT\r\n')
    const second = await store.find('kyiv-metro', '3-0a0b0c0d', 'csv')
    expect(first).toMatchObject({ tag: '3-0a0b0c0d', format: 'csv', size: 8 })
    expect(second!.etag).not.toBe(first!.etag)
  })

  it('sweeps away what an interrupted write left (temporary files, SQLite lock folders) and keeps whole files', async () => {
    const dir = join(root, 'kyiv-sweep', '5-0a0b0c0d')
    mkdirSync(join(dir, 'kyiv-sweep.gpkg.0a1b2c.partial.lock'), { recursive: true })
    writeFileSync(join(dir, 'kyiv-sweep.gpkg.0a1b2c.partial'), 'half')
    writeFileSync(join(dir, 'kyiv-sweep.fgb'), 'whole')
    expect(await new LayerExportStore(root).sweep()).toBe(2)
    expect(readdirSync(dir)).toEqual(['kyiv-sweep.fgb'])
  })

  it('sweeps a store that has no folder yet', async () => {
    expect(await new LayerExportStore(join(root, 'absent')).sweep()).toBe(0)
  })
})

describe('exportTag', () => {
  const layer = { id: 'kyiv-metro', version: 4, title: { uk: 'Метро', en: 'Metro' }, description: { uk: '', en: '' }, licence: 'ODbL-1.0', attribution: 'OSM', synthetic: false, attributes: [], geometry_type: 'point' as const }

  it('is the version and a fingerprint of what the files say of the layer', () => {
    expect(exportTag(layer)).toMatch(/^4-[0-9a-f]{8}$/)
  })

  it('changes with the licence, which raises no version', () => {
    expect(exportTag({ ...layer, licence: 'CC-BY-4.0' })).not.toBe(exportTag(layer))
  })
})
