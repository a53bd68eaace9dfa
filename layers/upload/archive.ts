/**
 * Unpacks an uploaded zip into a private folder, refusing archives built to harm the server: names
 * that climb out of the folder, links, encrypted or nested archives, and zip bombs. A refused
 * archive leaves nothing behind. Sizes are checked twice: from the headers before anything is
 * written, and by counting the bytes actually inflated, because headers can lie.
 */
import { mkdir, open, rm, rmdir, stat, unlink } from 'node:fs/promises'
import { posix, resolve, sep } from 'node:path'
import { Transform, type Readable, type TransformCallback } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { crc32 } from 'node:zlib'
import yauzl, { type Entry, type ZipFile } from 'yauzl'
import { ImportFileError } from '../import/index.ts'

/** Bounds on what one archive may unpack to. */
export interface ZipLimits {
  /** Entries in the central directory, folders and clutter included. */
  maxEntries: number
  /** Bytes of all entries together, unpacked. */
  maxTotalBytes: number
  /** Bytes of one entry, unpacked. */
  maxEntryBytes: number
  /** Unpacked / packed size, per entry and for the whole archive, above which it is a zip bomb. */
  maxRatio: number
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 2000,
  maxTotalBytes: 2 * 1024 ** 3,
  maxEntryBytes: 1024 ** 3,
  maxRatio: 100,
}

/** A file written out of an archive. */
export interface UnpackedFile {
  /** The entry's path inside the zip, normalised, with `/` separators. */
  name: string
  /** Absolute path on disk, inside the destination folder. */
  path: string
  /** Bytes written. */
  size: number
}

/**
 * Small entries are exempt from the ratio limit: a few hundred KB of blank DBF padding compress
 * a thousand times and harm nobody. Only what unpacks beyond this is held to `maxRatio`.
 */
const RATIO_EXEMPT_BYTES = 1024 * 1024

/** Names of entries that are archives themselves; they are refused rather than unpacked in turn. */
const ARCHIVE_NAME = /\.(zip|kmz|gz|tgz|7z|rar|tar|bz2|xz)$/i

/** The first bytes of a zip or gzip stream, found inside an entry whatever its name. */
const ARCHIVE_MAGIC: Array<{ bytes: Buffer; what: string }> = [
  { bytes: Buffer.from('PK\x03\x04', 'latin1'), what: 'zip' },
  { bytes: Buffer.from('PK\x05\x06', 'latin1'), what: 'zip' },
  { bytes: Buffer.from('PK\x07\x08', 'latin1'), what: 'zip' },
  { bytes: Buffer.from([0x1f, 0x8b]), what: 'gzip' },
]

/** Clutter that Finder, Explorer and macOS's zip add beside the real files. */
const isClutter = (name: string) => name.split('/').some((part) => part === '__MACOSX' || part === '.DS_Store' || part === 'Thumbs.db')

/** An entry that passed the header checks, with its decoded, normalised name. */
interface AcceptedEntry {
  entry: Entry
  name: string
}

/**
 * Unpacks the zip at `zipPath` into `destDir` (created if missing), keeping the archive's folders,
 * and returns the files written in archive order. Folder entries and clutter (`__MACOSX/`,
 * `.DS_Store`, `Thumbs.db`) are skipped. Entry names without the UTF-8 flag that are not ASCII are
 * read as CP866, the code page Windows' zip uses on Ukrainian systems. Throws `ImportFileError`,
 * with everything it wrote removed, for a damaged zip, path traversal, links, encrypted or nested
 * archives, and anything over `limits` (`DEFAULT_ZIP_LIMITS` fills in what is not given).
 */
export async function unpackZip(zipPath: string, destDir: string, limits?: Partial<ZipLimits>): Promise<UnpackedFile[]> {
  const limit: ZipLimits = { ...DEFAULT_ZIP_LIMITS, ...limits }
  const root = resolve(destDir)
  const zip = await openZip(zipPath)
  const written: string[] = [] // files and folders this call created inside an existing root, in order
  let createdRoot: string | undefined
  try {
    const entries = await readEntries(zip, limit, (await stat(zipPath)).size)
    createdRoot = await mkdir(root, { recursive: true })
    const files: UnpackedFile[] = []
    let total = 0
    for (const { entry, name } of entries) {
      const path = await makeParents(root, name, written)
      const size = await extractEntry(zip, entry, name, path, limit, limit.maxTotalBytes - total, written)
      total += size
      files.push({ name, path, size })
    }
    return files
  } catch (error) {
    if (createdRoot) await rm(createdRoot, { recursive: true, force: true })
    else await removeWritten(written)
    throw error instanceof ImportFileError || isFilesystemError(error) ? error : damaged(error)
  } finally {
    zip.close()
  }
}

function openZip(zipPath: string): Promise<ZipFile> {
  return new Promise((done, fail) => {
    yauzl.open(zipPath, { lazyEntries: true, autoClose: false, validateEntrySizes: true, decodeStrings: true }, (error, zip) => {
      if (error) fail(isFilesystemError(error) ? error : damaged(error))
      else done(zip)
    })
  })
}

/** Reads the central directory and checks every header before a byte is written. */
function readEntries(zip: ZipFile, limit: ZipLimits, archiveBytes: number): Promise<AcceptedEntry[]> {
  if (zip.entryCount > limit.maxEntries) {
    return Promise.reject(new ImportFileError(`The archive holds ${zip.entryCount} files; at most ${limit.maxEntries} are accepted.`))
  }
  const accepted: AcceptedEntry[] = []
  let declaredTotal = 0
  return new Promise((done, fail) => {
    zip.on('error', (error: Error) => fail(nameRefusal(error) ?? error))
    zip.on('end', () => done(accepted))
    zip.on('entry', (entry: Entry) => {
      try {
        const name = entryName(entry)
        if (!name.endsWith('/') && !isClutter(name)) {
          checkEntryHeader(entry, name, limit)
          declaredTotal += entry.uncompressedSize
          if (declaredTotal > limit.maxTotalBytes) {
            throw new ImportFileError(`The archive holds more than ${bytes(limit.maxTotalBytes)} unpacked; that is the limit.`)
          }
          checkRatio('The archive', declaredTotal, archiveBytes, limit.maxRatio)
          accepted.push({ entry, name })
        }
        zip.readEntry()
      } catch (error) {
        fail(error)
      }
    })
    zip.readEntry()
  })
}

/**
 * The entry's name, safe to join to the destination: CP866 when the UTF-8 flag is unset and the
 * raw bytes are not ASCII, `/` separators, no empty or `.` parts. Throws for a name that is
 * absolute, has a drive letter, or climbs out with `..`.
 */
function entryName(entry: Entry): string {
  const utf8 = (entry.generalPurposeBitFlag & 0x800) !== 0
  const unicodeExtra = entry.extraFields.some((field) => field.id === 0x7075)
  const ascii = entry.fileNameRaw.every((byte) => byte < 0x80)
  const decoded = utf8 || unicodeExtra || ascii ? entry.fileName : new TextDecoder('ibm866').decode(entry.fileNameRaw)
  const slashed = decoded.replace(/\\/g, '/')
  const parts = slashed.split('/').filter((part) => part !== '' && part !== '.')
  if (slashed.startsWith('/') || /^[a-zA-Z]:/.test(slashed) || parts.includes('..') || slashed.includes('\0')) {
    throw outsideFolder(decoded)
  }
  return parts.join('/') + (slashed.endsWith('/') ? '/' : '')
}

/** Refuses, from the central directory alone, links, encryption, nested archives and oversized entries. */
function checkEntryHeader(entry: Entry, name: string, limit: ZipLimits): void {
  const unixType = (entry.externalFileAttributes >>> 16) & 0o170000
  if (unixType === 0o120000) throw new ImportFileError(`The archive entry "${name}" is a symbolic link; archives with links are refused.`)
  if (entry.isEncrypted()) throw new ImportFileError(`The archive entry "${name}" is encrypted (password-protected); upload it unencrypted.`)
  if (ARCHIVE_NAME.test(name)) throw nested(name)
  if (entry.uncompressedSize > limit.maxEntryBytes) throw tooBig(name, entry.uncompressedSize, limit.maxEntryBytes)
  checkRatio(`The archive entry "${name}"`, entry.uncompressedSize, entry.compressedSize, limit.maxRatio)
}

function checkRatio(subject: string, unpacked: number, packed: number, maxRatio: number): void {
  if (unpacked <= RATIO_EXEMPT_BYTES || unpacked <= packed * maxRatio) return
  const times = Math.round(unpacked / Math.max(packed, 1))
  throw new ImportFileError(
    `${subject} would expand ${times} times (${bytes(packed)} to ${bytes(unpacked)}); more than ${maxRatio} times is refused as a zip bomb.`,
  )
}

/** Creates the folders above `name` inside `root`, recording those it made, and returns the file's path. */
async function makeParents(root: string, name: string, written: string[]): Promise<string> {
  const path = resolve(root, ...name.split('/'))
  if (!path.startsWith(root + sep)) throw outsideFolder(name) // entryName already refused this; a second lock costs nothing
  let folder = root
  for (const part of posix.dirname(name).split('/').filter((p) => p !== '.')) {
    folder = resolve(folder, part)
    try {
      await mkdir(folder)
      written.push(folder)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
  }
  return path
}

/**
 * Streams one entry to `path`, counting the inflated bytes: stops at the entry, total and ratio
 * limits and at a size beyond the header's, refuses a zip or gzip found in the first bytes, and
 * checks the CRC-32 (yauzl does not). Returns the bytes written.
 */
async function extractEntry(
  zip: ZipFile,
  entry: Entry,
  name: string,
  path: string,
  limit: ZipLimits,
  totalLeft: number,
  written: string[],
): Promise<number> {
  let file
  try {
    file = await open(path, 'wx')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST' || code === 'EISDIR' || code === 'ENOTDIR') {
      throw new ImportFileError(`The archive holds "${name}" twice, or as both a file and a folder.`)
    }
    throw error
  }
  written.push(path)
  const entryLimit = Math.min(limit.maxEntryBytes, entry.uncompressedSize)
  let count = 0
  let crc = 0
  let head = Buffer.alloc(0)
  const checkHead = () => {
    const magic = ARCHIVE_MAGIC.find((m) => head.length >= m.bytes.length && head.subarray(0, m.bytes.length).equals(m.bytes))
    if (magic) throw nested(name, magic.what)
  }
  const guard = new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      try {
        const headWasShort = head.length < 4
        count += chunk.length
        if (count > entry.uncompressedSize) throw overstated(name)
        if (count > entryLimit) throw tooBig(name, count, limit.maxEntryBytes)
        if (count > totalLeft) throw new ImportFileError(`The archive holds more than ${bytes(limit.maxTotalBytes)} unpacked; that is the limit.`)
        checkRatio(`The archive entry "${name}"`, count, entry.compressedSize, limit.maxRatio)
        if (headWasShort) {
          head = Buffer.concat([head, chunk.subarray(0, 4)]).subarray(0, 4)
          if (head.length === 4) checkHead()
        }
        crc = crc32(chunk, crc)
        callback(null, chunk)
      } catch (error) {
        callback(error as Error)
      }
    },
    flush(callback: TransformCallback) {
      try {
        checkHead()
        if (crc >>> 0 !== entry.crc32 >>> 0) throw new ImportFileError(`The archive entry "${name}" is damaged: its checksum does not match.`)
        callback()
      } catch (error) {
        callback(error as Error)
      }
    },
  })
  try {
    const input = await openReadStream(zip, entry)
    await pipeline(input, guard, file.createWriteStream())
  } catch (error) {
    if (error instanceof ImportFileError || isFilesystemError(error)) throw error
    throw /too many bytes/.test(String((error as Error).message)) ? overstated(name) : damaged(error, name)
  } finally {
    await file.close() // the streams close it, except when the entry could not be opened; a second close is a no-op
  }
  return count
}

function openReadStream(zip: ZipFile, entry: Entry): Promise<Readable> {
  return new Promise((done, fail) => zip.openReadStream(entry, (error, stream) => (error ? fail(error) : done(stream))))
}

/** Removes what this call wrote inside a folder that existed before it: files, then the folders it made. */
async function removeWritten(written: string[]): Promise<void> {
  for (const path of written.reverse()) {
    await unlink(path).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code === 'EISDIR' || error.code === 'EPERM') await rmdir(path)
      else if (error.code !== 'ENOENT') throw error
    })
  }
}

/** yauzl refuses traversal names itself while reading the directory; its message becomes ours. */
function nameRefusal(error: Error): ImportFileError | undefined {
  const match = /^(?:invalid relative path|absolute path|invalid characters in fileName): (.*)$/.exec(error.message)
  return match ? outsideFolder(match[1] ?? '') : undefined
}

const outsideFolder = (name: string) =>
  new ImportFileError(`The archive entry "${name}" would be written outside the archive's folder (path traversal); such archives are refused.`)

const nested = (name: string, what?: string) =>
  new ImportFileError(`The archive entry "${name}" is itself an archive${what ? ` (${what})` : ''}; unpack it and upload its contents instead.`)

const tooBig = (name: string, size: number, max: number) =>
  new ImportFileError(`The archive entry "${name}" is ${bytes(size)} unpacked; the limit is ${bytes(max)}.`)

const overstated = (name: string) =>
  new ImportFileError(`The archive entry "${name}" holds more data than its header declares: the archive is damaged or crafted, and is refused.`)

/** A zip that yauzl or zlib cannot read, told plainly; the technical reason follows in brackets. */
function damaged(error: unknown, name?: string): ImportFileError {
  const reason = error instanceof Error ? error.message : String(error)
  const subject = name ? `The archive entry "${name}" is damaged` : 'The zip archive is damaged or incomplete'
  return new ImportFileError(`${subject} and cannot be unpacked (${reason}). Zip the files again and upload the new archive.`, { cause: error })
}

/** Errors of the server's own disk (full, permissions) are not the planner's fault and pass through as they are. */
const isFilesystemError = (error: unknown) => error instanceof Error && 'syscall' in error

function bytes(n: number): string {
  if (n < 1024 * 1024) return `${n} bytes`
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`
  return `${(n / 1024 ** 3).toFixed(1)} GB`
}
