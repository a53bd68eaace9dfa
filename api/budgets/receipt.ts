import { randomBytes } from 'node:crypto'

// Crockford's alphabet: no I, L, O or U, so a code read aloud or copied by hand survives.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/**
 * A new receipt code, `K7QM-2XPD-9RTV`: 60 random bits, enough that nobody finds another voter's
 * ballot by guessing, short enough to write down.
 */
export function newReceipt(): string {
  // Twelve characters of five random bits each, from one draw of eight bytes.
  let bits = randomBytes(8).readBigUInt64BE()
  let code = ''
  for (let i = 0; i < 12; i++) {
    code += ALPHABET[Number(bits & 31n)]
    bits >>= 5n
    if (i % 4 === 3 && i < 11) code += '-'
  }
  return code
}

/** A receipt as a voter types it: any case, spaces or none, Crockford's look-alikes read as digits. */
export function normaliseReceipt(typed: string): string {
  const plain = typed.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0')
  return plain.length === 12 ? `${plain.slice(0, 4)}-${plain.slice(4, 8)}-${plain.slice(8)}` : typed.trim().toUpperCase()
}
