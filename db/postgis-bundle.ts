import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { gunzip, gzip } from 'node:zlib'
import { postgis } from '@electric-sql/pglite-postgis'
import type { Extension } from '@electric-sql/pglite'

/** What the platform uses of the PostGIS bundle: the core library, its install script, PROJ. */
const KEEP = [
  /^lib\/postgresql\/postgis-3\.so$/,
  /^share\/postgresql\/extension\/postgis\.control$/,
  /^share\/postgresql\/extension\/postgis--\d+\.\d+\.\d+\.sql$/,
  /^share\/proj\//,
]
const BLOCK = 512

/**
 * The entries of a tar archive kept by `keep` (files and folders; links dropped), as a new
 * archive. Plain ustar, as the PostGIS bundle is: a 512-byte header per entry, then the data
 * padded to 512 bytes, then two empty blocks.
 */
export function filterTar(tar: Uint8Array, keep: (name: string) => boolean): Buffer {
  const parts: Uint8Array[] = []
  for (let off = 0; off + BLOCK <= tar.length; ) {
    const header = tar.subarray(off, off + BLOCK)
    if (header.every((b) => b === 0)) break
    const field = (from: number, to: number) => Buffer.from(header.subarray(from, to)).toString('latin1').replace(/\0.*$/s, '')
    const name = `${field(345, 500) ? `${field(345, 500)}/` : ''}${field(0, 100)}`
    const size = Number.parseInt(field(124, 136).trim() || '0', 8)
    const type = field(156, 157) || '0'
    const end = off + BLOCK + Math.ceil(size / BLOCK) * BLOCK
    if ((type === '0' || type === '5') && keep(name)) parts.push(tar.subarray(off, end))
    off = end
  }
  parts.push(new Uint8Array(2 * BLOCK))
  return Buffer.concat(parts)
}

/**
 * PostGIS for PGlite with a trimmed bundle: PGlite unpacks an extension's whole bundle at every
 * start, and the stock one (95 MB unpacked) also carries raster, topology, the upgrade scripts
 * from every earlier release and the legacy scripts. The trimmed copy is made once, in
 * `cacheDir`, from the installed package.
 */
export async function trimmedPostgis(cacheDir: string): Promise<Extension> {
  const stock = new URL('postgis.tar.gz', pathToFileURL(createRequire(import.meta.url).resolve('@electric-sql/pglite-postgis')))
  const version = JSON.parse(await readFile(fileURLToPath(new URL('../package.json', stock)), 'utf8')).version as string
  const trimmed = join(cacheDir, `postgis-${version}-trimmed.tar.gz`)
  if (!existsSync(trimmed)) {
    const tar = await promisify(gunzip)(await readFile(stock))
    const kept = filterTar(tar, (name) => KEEP.some((re) => re.test(name)) || name.endsWith('/'))
    await writeFile(`${trimmed}.tmp`, await promisify(gzip)(kept, { level: 1 }))
    await rename(`${trimmed}.tmp`, trimmed)
  }
  return {
    name: 'postgis',
    setup: async (pg, emscriptenOpts) => ({ ...(await postgis.setup(pg, emscriptenOpts)), bundlePath: pathToFileURL(trimmed) }),
  }
}
