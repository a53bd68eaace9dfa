import { randomInt } from 'node:crypto'

// Crockford's alphabet: no I, L, O or U, so a code read aloud or copied by hand survives.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/**
 * A new receipt code, `K7QM-2XPD-9RTV`: 60 random bits, enough that nobody finds another voter's
 * ballot by guessing, short enough to write down.
 */
export function newReceipt(): string {
  const groups: string[] = []
  for (let g = 0; g < 3; g++) {
    let group = ''
    for (let i = 0; i < 4; i++) group += ALPHABET[randomInt(ALPHABET.length)]
    groups.push(group)
  }
  return groups.join('-')
}

/** A receipt as a voter types it: any case, spaces or none, Crockford's look-alikes read as digits. */
export function normaliseReceipt(typed: string): string {
  const plain = typed.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0')
  return plain.length === 12 ? `${plain.slice(0, 4)}-${plain.slice(4, 8)}-${plain.slice(8)}` : typed.trim().toUpperCase()
}
