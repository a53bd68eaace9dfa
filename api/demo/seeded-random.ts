/**
 * A small seeded pseudo-random generator for reproducible demo data: the same seed gives the
 * same sequence on every machine. Not for anything secret; tokens use `node:crypto`.
 */

/** Uniform numbers in [0, 1), from a 32-bit state (mulberry32). */
export type Random = () => number

/** A generator seeded by `seed`; every call advances it. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/**
 * A 32-bit seed from a number and a label (FNV-1a), so each city draws its own sequence from
 * one demo seed.
 * @example seedFor(7, 'kyiv') !== seedFor(7, 'kharkiv')
 */
export function seedFor(seed: number, label: string): number {
  let h = 0x811c9dc5 ^ (seed >>> 0)
  for (const ch of `${seed}:${label}`) {
    h ^= ch.codePointAt(0)!
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h
}

/** A number in [min, max). */
export function uniform(random: Random, min: number, max: number): number {
  return min + random() * (max - min)
}

/** Exponentially distributed with the given mean: many small values, a long tail. */
export function exponential(random: Random, mean: number): number {
  return -Math.log(1 - random()) * mean
}

/** True with probability `p`. */
export function chance(random: Random, p: number): boolean {
  return random() < p
}

/** One element of a non-empty list, each equally likely. */
export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!
}

/** One key of `weights`, each as likely as its weight; keys of weight 0 never come up. */
export function pickWeighted<K>(random: Random, weights: ReadonlyMap<K, number>): K {
  let total = 0
  for (const w of weights.values()) total += w
  let r = random() * total
  let last: { key: K } | undefined
  for (const [key, w] of weights) {
    if (w <= 0) continue
    last = { key }
    r -= w
    if (r < 0) return key
  }
  if (!last) throw new Error('pickWeighted needs at least one positive weight')
  // Rounding can leave a sliver past the last key.
  return last.key
}
