/*
 * Ukrainian transliteration by the national table (Cabinet of Ministers resolution No 55 of
 * 2010), as used for Latin names of places: є, ї, й, ю, я are written ye, yi, y, yu, ya at the
 * start of a word and ie, i, i, iu, ia elsewhere; зг is zgh; the soft sign and apostrophe vanish.
 */
const LETTERS: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'h', ґ: 'g', д: 'd', е: 'e', є: 'ie', ж: 'zh', з: 'z', и: 'y', і: 'i', ї: 'i', й: 'i', к: 'k',
  л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh',
  щ: 'shch', ь: '', ю: 'iu', я: 'ia', ъ: '', ы: 'y', э: 'e', ё: 'io', "'": '', '’': '', 'ʼ': '',
}
const WORD_INITIAL: Record<string, string> = { є: 'ye', ї: 'yi', й: 'y', ю: 'yu', я: 'ya' }

/** `text` in Latin letters by the national transliteration table; other characters stay. */
function transliterate(text: string): string {
  let out = ''
  let previous = ''
  for (const char of text.toLowerCase()) {
    const wordStart = !/[\p{L}'’ʼ]/u.test(previous)
    out += (wordStart && WORD_INITIAL[char]) || (char === 'г' && previous === 'з' ? 'gh' : (LETTERS[char] ?? char))
    previous = char
  }
  return out
}

/**
 * A layer id suggested from an uploaded file's name: transliterated, lower case, words joined
 * by hyphens, prefixed with the city unless it starts with it, and two words at least (the
 * server wants `city-something`).
 * @example layerSlugFor('Зонінг Щорса.zip', 'kyiv') // 'kyiv-zoninh-shchorsa'
 */
export function layerSlugFor(fileName: string, cityId: string): string {
  const base = fileName.replace(/(\.(zip|gz|shp|geojson|json|gpkg|kml|csv))+$/i, '')
  const words = transliterate(base)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  const prefixed = words === cityId || words.startsWith(`${cityId}-`) ? words : [cityId, words].filter(Boolean).join('-')
  const slug = prefixed.slice(0, 90).replace(/-+$/, '')
  return slug.includes('-') ? slug : `${slug}-layer`
}
