/**
 * A short HTML page for a link followed from a mail (a subscription confirmed or ended): a title,
 * a sentence, and a way back into the app.
 */
export function messagePage(title: string, text: string, back: { href: string; label: string } = { href: '/', label: 'Громада на мапі / Hromada Map' }): string {
  const esc = (s: string) => s.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!)
  return `<!doctype html><html lang="uk"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${esc(title)}</title><main style="font-family:sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem">` +
    `<h1>${esc(title)}</h1><p>${esc(text)}</p><p><a href="${esc(back.href)}">${esc(back.label)}</a></p></main></html>`
}
