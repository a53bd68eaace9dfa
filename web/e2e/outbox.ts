import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'

/**
 * Reads the mail the app under test wrote as `.eml` files (see `outboxDir` in the global setup).
 * Only what the app's messages use: one text part, 7bit, quoted-printable or base64.
 */

/** How long the app's mail worker may take to write a queued message. */
const MAIL_TIMEOUT_MS = 5_000
const MAIL_POLL_MS = 200

/**
 * Waits for the newest message to `address` in `dir` and returns its decoded body. Throws when
 * none arrives within 5 s.
 */
export async function waitForMailTo(dir: string, address: string): Promise<string> {
  const deadline = Date.now() + MAIL_TIMEOUT_MS
  while (Date.now() < deadline) {
    for (const name of (await emlFiles(dir)).reverse()) {
      const message = await readFile(join(dir, name), 'utf8')
      if (headerOf(message, 'To') === address) return decodedBody(message)
    }
    await new Promise((resolve) => setTimeout(resolve, MAIL_POLL_MS))
  }
  throw new Error(`no mail to ${address} in ${dir} within ${MAIL_TIMEOUT_MS / 1000} s`)
}

/** The `.eml` files in `dir`, oldest first (the app names them by outbox id); none before the first mail. */
async function emlFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => name.endsWith('.eml')).sort()
  } catch (error) {
    // The app makes the folder when it writes its first message.
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return []
    throw error
  }
}

/** An unfolded header's value (RFC 5322 §2.2.3), or undefined when the message has none. */
function headerOf(message: string, name: string): string | undefined {
  const head = message.slice(0, message.indexOf('\n\n')).replace(/\r?\n[ \t]+/g, ' ')
  const line = head.split(/\r?\n/).find((candidate) => candidate.toLowerCase().startsWith(`${name.toLowerCase()}:`))
  return line?.slice(name.length + 1).trim()
}

/** The body as text, undoing its transfer encoding. */
function decodedBody(message: string): string {
  const body = message.slice(message.indexOf('\n\n') + 2)
  const encoding = headerOf(message, 'Content-Transfer-Encoding')?.toLowerCase()
  if (encoding === 'base64') return Buffer.from(body, 'base64').toString('utf8')
  if (encoding !== 'quoted-printable') return body
  // RFC 2045 §6.7: "=" at a line's end is a soft break; "=XX" is one byte of UTF-8.
  const parts = body.replace(/=\r?\n/g, '').split(/(=[0-9A-F]{2})/)
  const bytes = parts.map((part) => (/^=[0-9A-F]{2}$/.test(part) ? Buffer.from([parseInt(part.slice(1), 16)]) : Buffer.from(part, 'utf8')))
  return Buffer.concat(bytes).toString('utf8')
}
