import sharp from 'sharp'

/** Formats a resident may upload; decided from the bytes, never from the name or the header. */
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp'])
/** Largest upload per photo, before re-encoding. */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024
export const MAX_PHOTOS = 5
/** Longest side of the stored photo and of its thumbnail. */
const FULL_SIDE = 2048
const THUMB_SIDE = 320
// A 100-megapixel decode bomb would take gigabytes; real phone photos stay well under this.
const MAX_INPUT_PIXELS = 60_000_000

/** A photo ready to store: JPEG bytes with no metadata at all, and a thumbnail. */
export interface ProcessedPhoto {
  full: Buffer
  thumb: Buffer
  width: number
  height: number
}

/** Why a photo was not accepted, phrased for the resident. */
export class PhotoRejected extends Error {}

/**
 * Checks an upload by its content and re-encodes it: rotated upright by its EXIF orientation,
 * flattened onto white, resized to at most 2048 px, saved as JPEG without EXIF, GPS, XMP or
 * ICC data (sharp drops all metadata unless asked to keep it), plus a 320 px thumbnail.
 */
export async function processPhoto(input: Uint8Array, name = 'photo'): Promise<ProcessedPhoto> {
  if (input.byteLength > MAX_PHOTO_BYTES) {
    throw new PhotoRejected(`${name} is ${(input.byteLength / 1048576).toFixed(1)} MB; the limit is ${MAX_PHOTO_BYTES / 1048576} MB`)
  }
  let format: string | undefined
  try {
    format = (await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS }).metadata()).format
  } catch {
    throw new PhotoRejected(`${name} is not an image (JPEG, PNG or WebP expected)`)
  }
  if (!format || !ACCEPTED_FORMATS.has(format)) {
    throw new PhotoRejected(`${name} is ${format ?? 'of an unknown format'}; JPEG, PNG or WebP expected`)
  }
  try {
    const upright = sharp(input, { limitInputPixels: MAX_INPUT_PIXELS }).rotate().flatten({ background: '#ffffff' })
    const { data: full, info } = await upright
      .clone()
      .resize(FULL_SIDE, FULL_SIDE, { fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 82 })
      .toBuffer({ resolveWithObject: true })
    const thumb = await upright.clone().resize(THUMB_SIDE, THUMB_SIDE, { fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 75 }).toBuffer()
    return { full, thumb, width: info.width, height: info.height }
  } catch (err) {
    throw new PhotoRejected(`${name} could not be read as an image: ${(err as Error).message.split('\n')[0]}`)
  }
}

/** A box to black out, in fractions of the photo's width and height. */
export interface PhotoRegion {
  x: number
  y: number
  width: number
  height: number
}

/**
 * Blacks out regions of a stored photo (a face, a number plate) and re-encodes it with a new
 * thumbnail. The boxes are painted into the pixels, so no layer of the file keeps what was under them.
 */
export async function redactPhoto(full: Buffer, regions: readonly PhotoRegion[]): Promise<ProcessedPhoto> {
  const { width, height } = await sharp(full).metadata()
  if (!width || !height) throw new PhotoRejected('the stored photo could not be read')
  const boxes = regions.map((r) => {
    const left = Math.max(0, Math.floor(r.x * width))
    const top = Math.max(0, Math.floor(r.y * height))
    const w = Math.max(1, Math.min(width - left, Math.ceil(r.width * width)))
    const h = Math.max(1, Math.min(height - top, Math.ceil(r.height * height)))
    return { input: { create: { width: w, height: h, channels: 3 as const, background: '#000000' } }, left, top }
  })
  const painted = await sharp(full).composite(boxes).jpeg({ quality: 82 }).toBuffer()
  return processPhoto(painted, 'redacted photo')
}
