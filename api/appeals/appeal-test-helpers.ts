/** Helpers of the appeal tests: requests the way clients send them, and test photos. */
import { randomUUID } from 'node:crypto'
import sharp from 'sharp'
import type { App } from '../index.ts'

/** A point in central Kyiv (Shevchenkivskyi district), inside the city boundary. */
export const KYIV_POINT = { lat: 50.4501, lon: 30.5234 }

/** A valid JSON appeal; `marker` makes its description unique so tests find their own rows. */
export function appealBody(overrides: Record<string, unknown> = {}, marker = randomUUID()): Record<string, unknown> {
  return { city: 'kyiv', category: 'pothole', ...KYIV_POINT, description: `Глибока яма біля зупинки ${marker}`, ...overrides }
}

export function postJson(app: App, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return Promise.resolve(app.request(path, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) }))
}

/** A multipart submission: string fields plus `photos` files. */
export function postMultipart(app: App, fields: Record<string, string>, photos: Array<{ name: string; type: string; bytes: Uint8Array }>, headers: Record<string, string> = {}): Promise<Response> {
  const form = new FormData()
  for (const [k, v] of Object.entries(fields)) form.append(k, v)
  for (const p of photos) form.append('photos', new File([Buffer.from(p.bytes)], p.name, { type: p.type }))
  return Promise.resolve(app.request('/api/appeals', { method: 'POST', body: form, headers }))
}

/** A small JPEG carrying camera and GPS EXIF tags, as a phone would send it. */
export async function jpegWithGps(width = 640, height = 480): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#6b8e23' } })
    .withExif({
      IFD0: { Make: 'PhoneCam', Artist: 'Owner Name' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '50/1 27/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '30/1 31/1 0/1' },
    })
    .jpeg()
    .toBuffer()
}
