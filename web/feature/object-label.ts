/** Text of a property, or undefined when it is absent or empty. */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value
  if (typeof value === 'number') return String(value)
  return undefined
}

/**
 * What an appeal about a feature calls the object, in the order the server labels it: the
 * attribute the layer labels its features with, its name, title or cadastral number, a street
 * structure's kind and permit number ("Кіоск № 3"), its address, register id or number.
 * Undefined when it has none of them.
 */
export function objectLabel(properties: Readonly<Record<string, unknown>>, styleLabel: string | undefined): string | undefined {
  const permit = text(properties['permit_number'])
  const structure = permit === undefined ? undefined : [text(properties['kind']), `№ ${permit}`].filter(Boolean).join(' ')
  const candidates = [
    styleLabel === undefined ? undefined : text(properties[styleLabel]),
    text(properties['name']),
    text(properties['title']),
    text(properties['cadastral_number']),
    structure,
    text(properties['address']),
    text(properties['register_id']),
    text(properties['number']),
  ]
  return candidates.find((candidate) => candidate !== undefined)
}
