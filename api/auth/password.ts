import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'
import { passwordHashing } from './password-queue.ts'

// OWASP's scrypt floor (N=2^17, r=8, p=1): about 0.1–0.2 s and 128 MiB per hash on this kind of machine.
const PARAMS = { N: 2 ** 17, r: 8, p: 1 }
const KEY_LENGTH = 32
const MAX_MEMORY = 256 * 1024 * 1024

// Every derivation waits its turn in the process's queue, so that a burst of sign-ins leaves
// libuv's thread pool free for files and compression (a 503 when too many wait).
function derive(password: string, salt: Buffer, o: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...o, maxmem: MAX_MEMORY }
  return passwordHashing.run(
    () => new Promise((resolve, reject) => scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key)))),
  )
}

/**
 * A slow, salted hash of a password: `scrypt$N$r$p$salt$hash`. Throws a 503 `unavailable`
 * problem when the hashing queue is full.
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(password, salt, PARAMS)
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

/**
 * Whether `password` matches a hash made by {@link hashPassword}; false for a malformed hash.
 * Throws a 503 `unavailable` problem when the hashing queue is full.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$')
  if (scheme !== 'scrypt' || !salt || !hash) return false
  const expected = Buffer.from(hash, 'base64url')
  const key = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) })
  return key.length === expected.length && timingSafeEqual(key, expected)
}
