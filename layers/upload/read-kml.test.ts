import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { ImportFileError, type SourceFeature } from '../import/index.ts'
import { KML_SIZE_LIMIT, openKml } from './read-kml.ts'

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url))
const temp = mkdtempSync(join(tmpdir(), 'read-kml-'))
afterAll(() => rmSync(temp, { recursive: true, force: true }))

async function readAll(features: AsyncGenerator<SourceFeature>): Promise<SourceFeature[]> {
  const all: SourceFeature[] = []
  for await (const f of features) all.push(f)
  return all
}

type Feature = { geometry: { type: string; coordinates: unknown } | null; properties: Record<string, unknown> }

const kmlFile = (name: string, body: string) => {
  const path = join(temp, name)
  writeFileSync(path, body)
  return path
}

describe('openKml', () => {
  it('reads the placemarks of a KML written by GDAL, folders flattened, in WGS 84', async () => {
    const source = await openKml(fixture('kml/places.kml'))
    try {
      expect(source.format).toBe('kml')
      expect(source.crs).toEqual({ srid: 4326 })
      expect(source.encoding?.name).toBe('utf-8')
      const features = await readAll(source.features())
      expect(features.map((f) => f.index)).toEqual([0, 1, 2])
      const [hall, embankment, none] = features.map((f) => f.feature as Feature)
      expect(hall!.geometry).toEqual({ type: 'Point', coordinates: [28.6587, 50.2547] })
      expect(hall!.properties).toEqual({ name: 'Ратуша', description: 'Міська рада', floors: 3 })
      expect(embankment!.geometry).toEqual({ type: 'LineString', coordinates: [[28.65, 50.25], [28.66, 50.26]] })
      expect(embankment!.properties).toEqual({ name: 'Набережна', description: 'Пішохідна зона' })
      expect(none!.geometry).toBeNull()
      expect(none!.properties.name).toBe('Без геометрії')
      expect(features.map((f) => f.problem)).toEqual([undefined, undefined, expect.stringMatching(/no geometry/)])
      expect(source.fields).toEqual(['name', 'description', 'floors'])
      expect((await readAll(source.features())).length).toBe(3)
    } finally {
      await source.close()
    }
  })

  it('reads ExtendedData Data values and placemarks in nested folders', async () => {
    const path = kmlFile(
      'nested.kml',
      `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Folder><name>Район</name><Folder><name>Квартал</name>
<Placemark><name>Сквер</name><ExtendedData><Data name="area"><value>1200</value></Data></ExtendedData>
<Polygon><outerBoundaryIs><LinearRing><coordinates>30.5,50.4 30.6,50.4 30.6,50.5 30.5,50.4</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>
</Folder></Folder></Document></kml>`,
    )
    const source = await openKml(path)
    const [feature] = await readAll(source.features())
    await source.close()
    expect((feature!.feature as Feature).geometry?.type).toBe('Polygon')
    expect((feature!.feature as Feature).properties).toMatchObject({ name: 'Сквер', area: '1200' })
  })

  it(`refuses a file over the size limit (${KML_SIZE_LIMIT / 1024 / 1024} MB) before parsing it`, async () => {
    const path = join(temp, 'huge.kml')
    const file = await open(path, 'w')
    await file.truncate(KML_SIZE_LIMIT + 1) // sparse: no disk is used
    await file.close()
    await expect(openKml(path)).rejects.toThrow(/too large.*50 MB/)
    const small = kmlFile('small.kml', '<kml xmlns="http://www.opengis.net/kml/2.2"><Document/></kml>')
    await expect(openKml(small, { sizeLimit: 10 })).rejects.toThrow(ImportFileError)
  })

  it('refuses XML that is not KML, and text that is not XML', async () => {
    const gpx = kmlFile('track.kml', '<?xml version="1.0"?><gpx version="1.1"><trk><name>x</name></trk></gpx>')
    await expect(openKml(gpx)).rejects.toThrow(/not KML/)
    const broken = kmlFile('broken.kml', '<kml><Placemark><name>x</Placemark>')
    await expect(openKml(broken)).rejects.toThrow(ImportFileError)
    const csv = kmlFile('points.kml', 'name,lat,lon\nA,50,30\n')
    await expect(openKml(csv)).rejects.toThrow(ImportFileError)
  })

  it('never reads an external entity (XXE)', async () => {
    const secret = join(temp, 'secret.txt')
    writeFileSync(secret, 'TOP-SECRET-PASSWORD')
    const path = kmlFile(
      'xxe.kml',
      `<?xml version="1.0"?>
<!DOCTYPE kml [<!ENTITY xxe SYSTEM "file://${secret}">]>
<kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><name>&xxe;</name><Point><coordinates>30.5,50.4</coordinates></Point></Placemark></kml>`,
    )
    const refusal = await openKml(path).then(
      async (source) => {
        const text = JSON.stringify(await readAll(source.features()))
        await source.close()
        return text
      },
      (err: Error) => err,
    )
    expect(refusal).toBeInstanceOf(ImportFileError)
    expect(String(refusal)).toMatch(/DOCTYPE|entit/i)
    expect(String(refusal)).not.toContain('TOP-SECRET')
  })

  it('does not expand nested entities ("billion laughs")', async () => {
    const entities = ['<!ENTITY lol0 "lol">']
    for (let i = 1; i <= 9; i++) entities.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`)
    const path = kmlFile(
      'laughs.kml',
      `<?xml version="1.0"?>\n<!DOCTYPE kml [${entities.join('')}]>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><name>&lol9;</name></Placemark></kml>`,
    )
    const before = process.memoryUsage().heapUsed
    await expect(openKml(path)).rejects.toThrow(ImportFileError)
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(100 * 1024 * 1024)
  })
})
