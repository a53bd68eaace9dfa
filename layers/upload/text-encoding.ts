/**
 * Which encoding a file's text is in: what a Shapefile's `.cpg` or DBF language byte says, and,
 * when a file says nothing, a guess from the bytes between the encodings Ukrainian data comes in
 * (UTF-8, Windows CP1251, DOS CP866, KOI8-U). Every name returned is a label Node's TextDecoder knows.
 */

/** The encodings a planner is shown side by side when a file does not say which one it uses. */
export const CYRILLIC_CANDIDATES = ['utf-8', 'windows-1251', 'ibm866', 'koi8-u'] as const

/** The canonical WHATWG name of a label, or undefined when TextDecoder does not know it. */
export function textDecoderName(label: string): string | undefined {
  try {
    return new TextDecoder(label.trim().toLowerCase()).encoding
  } catch {
    // A RangeError is TextDecoder's documented answer for an unknown label: the value is "unknown".
    return undefined
  }
}

/** Windows and DOS code page numbers, as `.cpg` files write them, to WHATWG names. */
const CODE_PAGES: Record<number, string> = {
  866: 'ibm866',
  874: 'windows-874',
  932: 'shift_jis',
  936: 'gbk',
  949: 'euc-kr',
  950: 'big5',
  1250: 'windows-1250',
  1251: 'windows-1251',
  1252: 'windows-1252',
  1253: 'windows-1253',
  1254: 'windows-1254',
  1255: 'windows-1255',
  1256: 'windows-1256',
  1257: 'windows-1257',
  1258: 'windows-1258',
  10007: 'x-mac-cyrillic',
  20866: 'koi8-r',
  21866: 'koi8-u',
  28591: 'windows-1252',
  28595: 'iso-8859-5',
  65001: 'utf-8',
}

/**
 * The encoding a Shapefile's `.cpg` names: `CP1251`, `1251`, `ANSI 1251`, `UTF-8`, `866`,
 * `KOI8-U`, `ISO-8859-5`, `88595`… Undefined when the text names nothing TextDecoder can read
 * (CP437 and CP850 among them), so the caller falls back to the next clue.
 */
export function encodingFromCpg(text: string): string | undefined {
  const cpg = text.replace(/^\uFEFF/, '').trim().toUpperCase()
  if (cpg === '') return undefined
  if (/^UTF[-_ ]?8$/.test(cpg)) return 'utf-8'
  // ESRI writes ISO 8859 parts as 8859N or 8859-N; 88591 is Latin-1.
  const iso = /^(?:ISO[-_ ]?)?8859[-_ ]?(\d{1,2})$/.exec(cpg)
  if (iso) return iso[1] === '1' ? 'windows-1252' : textDecoderName(`iso-8859-${iso[1]}`)
  const codePage = /^(?:ANSI|OEM|CP|MS|IBM|WINDOWS)?[-_ ]*(\d{3,5})$/.exec(cpg)
  if (codePage) return CODE_PAGES[Number(codePage[1])]
  return textDecoderName(cpg)
}

/**
 * dBase / ESRI language driver ids (DBF byte 29) that TextDecoder can read. 0x00 (none) and
 * 0x57 ("ANSI", the machine's current code page) say nothing, and the DOS pages 437, 850, 852,
 * 865 have no decoder, so they are left out.
 */
const LANGUAGE_DRIVERS: Record<number, string> = {
  0x03: 'windows-1252',
  0x13: 'shift_jis',
  0x26: 'ibm866',
  0x4d: 'gbk',
  0x4e: 'euc-kr',
  0x4f: 'big5',
  0x50: 'windows-874',
  0x58: 'windows-1252',
  0x59: 'windows-1252',
  0x65: 'ibm866',
  0x7a: 'gbk',
  0x7b: 'shift_jis',
  0x7c: 'windows-874',
  0x7d: 'windows-1255',
  0x7e: 'windows-1256',
  0x96: 'x-mac-cyrillic',
  0xc8: 'windows-1250',
  0xc9: 'windows-1251',
  0xca: 'windows-1254',
  0xcb: 'windows-1253',
  0xcc: 'windows-1257',
}

/** The encoding a DBF language driver id names, or undefined when it names none that can be read. */
export function encodingFromLdid(byte: number): string | undefined {
  return LANGUAGE_DRIVERS[byte]
}

/**
 * How often each Cyrillic letter occurs in Ukrainian and Russian text, in percent (rounded from
 * published letter-frequency tables; the two languages are merged because files hold both).
 */
const LETTER_FREQUENCY: Record<string, number> = {
  о: 9.5, а: 8, н: 6.5, и: 6, і: 5.5, е: 5.5, т: 5, в: 5, р: 4.7, с: 4.5, к: 3.6, л: 3.5,
  у: 3.3, д: 3.2, м: 3.1, п: 2.8, я: 2.2, з: 2.1, ь: 1.8, г: 1.7, б: 1.6, ч: 1.4, ы: 1.2,
  х: 1.1, й: 1.1, ц: 1, ж: 0.9, ю: 0.8, ї: 0.7, ш: 0.7, є: 0.6, щ: 0.4, ф: 0.3, э: 0.3,
  ґ: 0.2, ё: 0.1, ъ: 0.1,
}

const isCyrillic = (ch: string) => /\p{Script=Cyrillic}/u.test(ch)
const isLower = (ch: string) => ch !== ch.toUpperCase()
const isUpper = (ch: string) => ch !== ch.toLowerCase()

/**
 * How much a decoded text looks like Ukrainian or Russian, per non-ASCII character: a letter
 * earns its frequency, so a wrong code page that maps the frequent letters (о, а, н) onto rare
 * ones scores low; box-drawing and other symbols, which the DOS page puts where Windows has
 * capitals and Windows puts where DOS has lowercase, cost 5; a capital right after a lowercase
 * letter inside a word (what KOI8-U and CP1251 make of each other's text, since they swap case)
 * costs 3.
 */
function cyrillicScore(text: string): { score: number; letters: number } {
  let total = 0
  let counted = 0
  let previous = ''
  for (const ch of text) {
    if (ch.charCodeAt(0) >= 0x80) {
      counted++
      if (isCyrillic(ch)) total += LETTER_FREQUENCY[ch.toLowerCase()] ?? 0.1
      else if (ch === '\uFFFD' || !/[\p{L}\s\u2013\u2014\u00AB\u00BB\u2116\u00B0\u2019]/u.test(ch)) total -= 5
      if (isLower(previous) && isUpper(ch)) total -= 3
    }
    previous = ch
  }
  return { score: counted === 0 ? 0 : total / counted, letters: counted }
}

const hasNonAscii = (bytes: Uint8Array) => bytes.some((b) => b >= 0x80)

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return true
  } catch {
    // A TypeError from a fatal decoder is its documented answer for invalid bytes: "not UTF-8".
    return false
  }
}

/** Fewer non-ASCII characters than this make any guess a coin toss. */
const MIN_CONFIDENT_CHARS = 8
/** A reading of real text averages 4–6 per character (see `cyrillicScore`); a wrong one is near or below 2. */
const MIN_CONFIDENT_SCORE = 3
const MIN_CONFIDENT_MARGIN = 1.5

/**
 * Guesses the encoding of text values (e.g. a DBF's string fields) between UTF-8, CP1251, CP866
 * and KOI8-U. Valid UTF-8 that has non-ASCII bytes is UTF-8 (Cyrillic in a single-byte page is
 * practically never valid UTF-8). Otherwise each single-byte reading is scored by how Cyrillic it
 * looks. jschardet is not used: on short values such as street names it answers with confidence
 * below 0.3 and names MacCyrillic for a CP1251 "ґанок", which is no better than this score.
 * `confident` is false when there is too little text, or the best reading does not clearly win.
 */
export function detectEncoding(samples: Uint8Array[]): { name: string; confident: boolean } {
  const text = samples.filter(hasNonAscii)
  if (text.length === 0) return { name: 'utf-8', confident: true }
  if (text.every(isUtf8)) return { name: 'utf-8', confident: true }
  const ranked = CYRILLIC_CANDIDATES.filter((name) => name !== 'utf-8')
    .map((name) => {
      const decoder = new TextDecoder(name)
      return { name, ...cyrillicScore(text.map((bytes) => decoder.decode(bytes)).join(' ')) }
    })
    .sort((a, b) => b.score - a.score)
  const [best, second] = ranked as [(typeof ranked)[number], (typeof ranked)[number]]
  const confident =
    best.letters >= MIN_CONFIDENT_CHARS && best.score >= MIN_CONFIDENT_SCORE && best.score - second.score >= MIN_CONFIDENT_MARGIN
  return { name: best.name, confident }
}

/**
 * The same values decoded with each encoding, for the preview where a planner picks the one that
 * reads right. Undecodable bytes show as U+FFFD rather than failing.
 */
export function decodeCandidates(
  samples: Uint8Array[],
  names: readonly string[] = CYRILLIC_CANDIDATES,
): Array<{ name: string; sample: string[] }> {
  return names.map((name) => {
    const decoder = new TextDecoder(name)
    return { name, sample: samples.map((bytes) => decoder.decode(bytes)) }
  })
}
