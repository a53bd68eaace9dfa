import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { decodeCandidates, detectEncoding, encodingFromCpg, encodingFromLdid } from './text-encoding.ts'

/** The bytes Python's codecs write for each text in `codec` (cp1251, cp866, koi8_u, utf-8), in one call. */
function encodeAll(texts: string[], codec: string): Uint8Array[] {
  const script = 'import sys, json; print(json.dumps([t.encode(sys.argv[1]).hex() for t in json.load(sys.stdin)]))'
  const hex: string[] = JSON.parse(execFileSync('python3', ['-c', script, codec], { input: JSON.stringify(texts), encoding: 'utf-8' }))
  return hex.map((h) => new Uint8Array(Buffer.from(h, 'hex')))
}
const encode = (text: string, codec: string) => encodeAll([text], codec)[0] as Uint8Array

// Real DBF values: street names and bodies of a hromada, with the Ukrainian-only letters ґ є і ї.
const UKRAINIAN = ['Житомирська міська рада', 'ґанок', 'вулиця Київська', 'Ї', 'Є', 'провулок Ґалаґана', 'Євгена Коновальця', 'Їжакевича']
// CP866 has є and ї but neither і nor ґ: DOS-era files wrote a Latin i and г instead.
const DOS_UKRAINIAN = ['Житомирська мiська рада', 'ганок', 'вулиця Київська', 'Ї', 'Є', 'провулок Галагана', 'Євгена Коновальця', 'Їжакевича']

describe('encodingFromCpg', () => {
  it.each([
    ['CP1251', 'windows-1251'],
    ['1251', 'windows-1251'],
    ['ANSI 1251', 'windows-1251'],
    ['UTF-8', 'utf-8'],
    ['UTF8', 'utf-8'],
    ['utf-8\r\n', 'utf-8'],
    ['866', 'ibm866'],
    ['CP866', 'ibm866'],
    ['KOI8-U', 'koi8-u'],
    ['ISO-8859-5', 'iso-8859-5'],
    ['88595', 'iso-8859-5'],
    ['65001', 'utf-8'],
  ])('reads %j as %s, a name TextDecoder accepts', (cpg, name) => {
    expect(encodingFromCpg(cpg)).toBe(name)
    expect(new TextDecoder(encodingFromCpg(cpg)).encoding).toBe(name)
  })

  it.each(['', 'CP437', 'nonsense'])('says nothing for %j, which TextDecoder cannot read', (cpg) => {
    expect(encodingFromCpg(cpg)).toBeUndefined()
  })
})

describe('encodingFromLdid', () => {
  it('names the Cyrillic code pages of the ESRI language driver table', () => {
    expect(encodingFromLdid(0xc9)).toBe('windows-1251')
    expect(encodingFromLdid(0x65)).toBe('ibm866')
    expect(encodingFromLdid(0x26)).toBe('ibm866')
    expect(encodingFromLdid(0xc8)).toBe('windows-1250')
    expect(encodingFromLdid(0x03)).toBe('windows-1252')
  })

  it('says nothing for "ANSI" (0x57), none (0x00) and DOS pages TextDecoder lacks (437, 850, 852)', () => {
    for (const byte of [0x57, 0x00, 0x01, 0x02, 0x64]) expect(encodingFromLdid(byte)).toBeUndefined()
  })
})

describe('detectEncoding', () => {
  it('picks windows-1251 for Ukrainian text in CP1251, confidently', () => {
    expect(detectEncoding(encodeAll(UKRAINIAN, 'cp1251'))).toEqual({ name: 'windows-1251', confident: true })
  })

  it('picks ibm866 for Ukrainian text in CP866, confidently', () => {
    expect(detectEncoding(encodeAll(DOS_UKRAINIAN, 'cp866'))).toEqual({ name: 'ibm866', confident: true })
  })

  it('picks koi8-u for Ukrainian text in KOI8-U', () => {
    expect(detectEncoding(encodeAll(UKRAINIAN, 'koi8_u')).name).toBe('koi8-u')
  })

  it('tells the code pages apart in all-capital values, as cadastral tables write them', () => {
    const caps = ['ВУЛ. КИЇВСЬКА', 'ЖИТОМИРСЬКА МІСЬКА РАДА', 'ЗЕМЛІ ЖИТЛОВОЇ ЗАБУДОВИ', 'ҐАНОК']
    expect(detectEncoding(encodeAll(caps, 'cp1251'))).toEqual({ name: 'windows-1251', confident: true })
    expect(detectEncoding(encodeAll(caps, 'koi8_u'))).toEqual({ name: 'koi8-u', confident: true })
    const dosCaps = caps.map((s) => s.replace(/І/g, 'I').replace(/Ґ/g, 'Г'))
    expect(detectEncoding(encodeAll(dosCaps, 'cp866'))).toEqual({ name: 'ibm866', confident: true })
  })

  it('takes valid UTF-8 with Cyrillic as UTF-8', () => {
    expect(detectEncoding(encodeAll(UKRAINIAN, 'utf-8'))).toEqual({ name: 'utf-8', confident: true })
  })

  it('picks the right code page for a single street name, without claiming confidence on so little', () => {
    for (const [codec, name] of [['cp1251', 'windows-1251'], ['cp866', 'ibm866']] as const) {
      const guess = detectEncoding([encode('Ї', codec)])
      expect(guess.confident).toBe(false)
      expect(detectEncoding([encode('вулиця Київська', codec)]).name).toBe(name)
    }
  })

  it('is confident about text with no letters beyond ASCII, where every reading is the same', () => {
    expect(detectEncoding([encode('Main street 5', 'utf-8')])).toEqual({ name: 'utf-8', confident: true })
  })
})

describe('decodeCandidates', () => {
  it('shows the values in each encoding, one of them reading right', () => {
    const bytes = encodeAll(UKRAINIAN.slice(0, 3), 'cp1251')
    const candidates = decodeCandidates(bytes)
    expect(candidates.map((c) => c.name)).toEqual(['utf-8', 'windows-1251', 'ibm866', 'koi8-u'])
    expect(candidates.find((c) => c.name === 'windows-1251')?.sample).toEqual(UKRAINIAN.slice(0, 3))
    expect(candidates.find((c) => c.name === 'ibm866')?.sample).not.toEqual(UKRAINIAN.slice(0, 3))
  })

  it('decodes with the names asked for', () => {
    const candidates = decodeCandidates([encode('ґанок', 'koi8_u')], ['koi8-u'])
    expect(candidates).toEqual([{ name: 'koi8-u', sample: ['ґанок'] }])
  })
})
