/** A cost item as the author types it: the amount is text until it is sent. */
export interface CostRow {
  name: string
  amount: string
}

/** Whole hryvnias typed with or without thousands separators (spaces), or NaN. */
function hryvnias(text: string): number {
  const digits = text.replace(/[\s\u00a0]/g, '')
  return /^\d+$/.test(digits) ? Number(digits) : Number.NaN
}

/** The total of the rows whose amount reads as whole hryvnias; the others count as nothing until fixed. */
export function costTotal(rows: readonly CostRow[]): number {
  return rows.reduce((sum, row) => {
    const amount = hryvnias(row.amount)
    return Number.isNaN(amount) ? sum : sum + amount
  }, 0)
}

/**
 * The rows as the API takes them: blank rows left out, names trimmed, amounts as numbers (NaN
 * for one that does not read, which the server refuses with the item's field named).
 */
export function costItemsBody(rows: readonly CostRow[]): Array<{ name: string; amount: number }> {
  return rows.filter((row) => row.name.trim() !== '' || row.amount.trim() !== '').map((row) => ({ name: row.name.trim(), amount: hryvnias(row.amount) }))
}
