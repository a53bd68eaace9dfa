import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'

/** The sizes the web app manifest names: Android's launcher and splash screen, and iOS's home screen. */
const SIZES = [192, 512] as const

/**
 * Draws the app's icons from its SVG mark into `dir/icons`: `icon-{size}.png` as it is, and
 * `maskable-{size}.png` with the mark inside the safe circle on a full-bleed background, which
 * launchers crop to their own shape; `apple-touch-icon.png` (180 px) for iOS.
 */
export async function writeAppIcons(svgFile: string, dir: string, background: string): Promise<string[]> {
  const svg = await readFile(svgFile)
  const out = join(dir, 'icons')
  await mkdir(out, { recursive: true })
  const written: string[] = []
  const draw = async (size: number, name: string, inset: number) => {
    const mark = await sharp(svg, { density: 72 * Math.ceil(size / 32) }).resize(Math.round(size * inset)).png().toBuffer()
    const canvas = sharp({ create: { width: size, height: size, channels: 4, background } })
    await canvas.composite([{ input: mark, gravity: 'centre' }]).png({ compressionLevel: 9 }).toFile(join(out, name))
    written.push(`/icons/${name}`)
  }
  for (const size of SIZES) {
    await draw(size, `icon-${size}.png`, 1)
    // The maskable safe zone is the centre circle of 80 % of the width.
    await draw(size, `maskable-${size}.png`, 0.7)
  }
  await draw(180, 'apple-touch-icon.png', 1)
  return written
}
