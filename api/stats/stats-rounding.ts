/** Days are given with one decimal, shares with four: finer digits only suggest false precision. */
export const DAY_DECIMALS = 1

/** `value` rounded to `decimals` places. */
export function roundTo(value: number, decimals: number): number {
  return Math.round(value * 10 ** decimals) / 10 ** decimals
}

/** `part / whole` with four decimals; null when `whole` is 0 (nothing to divide). */
export function shareOf(part: number, whole: number): number | null {
  return whole === 0 ? null : roundTo(part / whole, 4)
}
