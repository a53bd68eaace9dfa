/** Whole hryvnias in the page's locale, e.g. "1 250 000 ₴" or "UAH 1,250,000". */
export function formatMoney(amount: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'UAH', maximumFractionDigits: 0 }).format(amount)
}
