import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { extname, join } from 'node:path'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'

const brotli = promisify(brotliCompress)
const gzipped = promisify(gzip)

/** What is worth compressing: text. Images, fonts and tiles are compressed formats already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.webmanifest', '.txt', '.md'])
/** Below this a compressed copy saves less than its headers cost. */
const MIN_BYTES = 512

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true })
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)])))
  return nested.flat()
}

/**
 * Writes a `.br` (quality 11) and a `.gz` (level 9) copy beside every text file under `dir`,
 * so the server sends each static file compressed without compressing on each request.
 * A copy that would not be smaller is not written. Returns the bytes before and after brotli.
 */
export async function precompress(dir: string): Promise<{ files: number; bytes: number; brotliBytes: number }> {
  const files = (await filesUnder(dir)).filter((f) => COMPRESSIBLE.has(extname(f)))
  let bytes = 0
  let brotliBytes = 0
  let written = 0
  await Promise.all(
    files.map(async (file) => {
      if ((await stat(file)).size < MIN_BYTES) return
      const body = await readFile(file)
      const [br, gz] = await Promise.all([
        brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
        gzipped(body, { level: 9 }),
      ])
      if (br.length < body.length) await writeFile(`${file}.br`, br)
      if (gz.length < body.length) await writeFile(`${file}.gz`, gz)
      bytes += body.length
      brotliBytes += Math.min(br.length, body.length)
      written++
    }),
  )
  return { files: written, bytes, brotliBytes }
}
