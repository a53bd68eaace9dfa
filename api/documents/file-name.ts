/**
 * The name a document is downloaded under: the planner's file name made safe to keep and to send
 * in `Content-Disposition` (RFC 6266), with its UTF-8 form (RFC 8187, was 5987) for Cyrillic names.
 */

const MAX_NAME_CHARS = 200

/**
 * The client's file name made safe to keep: its last path segment only (some browsers send a
 * Windows path), no control or format characters, no quotes or slashes, spaces collapsed, at
 * most 200 characters, ending in `.pdf`.
 */
export function documentFileName(clientName: string): string {
  const base = clientName.split(/[\\/]/).pop() ?? ''
  const cleaned = base
    .normalize('NFC')
    .replace(/\s/g, ' ')
    .replace(/[\p{Cc}\p{Cf}"*:<>?|]/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
  const stem = cleaned.replace(/\.pdf$/i, '').slice(0, MAX_NAME_CHARS - 4).trim()
  return `${stem || 'document'}.pdf`
}

/** RFC 8187's `attr-char`s stay; every other UTF-8 byte is `%XX`. */
function encodeExtValue(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)
}

/**
 * The `Content-Disposition` of a document shown in the browser: an ASCII `filename` for old
 * clients (other characters as `_`) and the exact name as `filename*=UTF-8''…`.
 */
export function inlineDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeExtValue(fileName)}`
}
