import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Kysely } from 'kysely'
import nodemailer, { type Transporter } from 'nodemailer'
import type { DB } from '../../db/index.ts'
import type { Mail } from './mail.ts'
import { claimDueMail, markMailSent, recordMailError } from './outbox.queries.ts'

export type { Mail }

/** Where mail goes: an SMTP server, or `.eml` files in a folder when there is none. */
export interface MailTransport {
  send(mail: Mail & { id: number; from: string }): Promise<void>
  describe: string
}

/** `SMTP_URL` (e.g. `smtp://user:pass@host:587`) through nodemailer. */
export function smtpTransport(url: string): MailTransport {
  const transporter: Transporter = nodemailer.createTransport(url)
  return {
    describe: `SMTP ${new URL(url).host}`,
    async send(mail) {
      await transporter.sendMail({ from: mail.from, to: mail.to, subject: mail.subject, text: mail.body, headers: mail.headers })
    },
  }
}

/** Writes each message as an RFC 5322 `.eml` file, for development and demos. */
export function folderTransport(dir: string): MailTransport {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' })
  return {
    describe: `files in ${dir}`,
    async send(mail) {
      const info = await transporter.sendMail({ from: mail.from, to: mail.to, subject: mail.subject, text: mail.body, headers: mail.headers })
      await mkdir(dir, { recursive: true })
      await writeFile(join(dir, `${String(mail.id).padStart(8, '0')}-${mail.kind}.eml`), info.message as Buffer)
    },
  }
}

const MAX_ATTEMPTS = 8

/**
 * Sends what is due: claims a batch (SKIP LOCKED, so replicas share the work), pushes the
 * next attempt out first so that a crash mid-send retries later, then marks each sent or
 * records its error. Backoff doubles from 30 s; after 8 attempts a message stays for an
 * operator. Returns how many were sent.
 */
export async function sendDueMail(db: Kysely<DB>, transport: MailTransport, from: string, log: (line: string) => void, batch = 20): Promise<number> {
  let sent = 0
  for (const row of await claimDueMail(db, batch, MAX_ATTEMPTS)) {
    try {
      await transport.send({ id: row.id, kind: row.kind, to: row.to_address, subject: row.subject, body: row.body, headers: row.headers, from })
      await markMailSent(db, row.id)
      sent++
    } catch (err) {
      const message = (err as Error).message.slice(0, 500)
      await recordMailError(db, row.id, message)
      // The address is personal data: the log names the message, not the recipient.
      log(`mail ${row.id} (${row.kind}) failed, attempt ${row.attempts}: ${message}`)
    }
  }
  return sent
}

/** Polls the outbox every `intervalMs` until stopped. */
export function startMailWorker(db: Kysely<DB>, transport: MailTransport, from: string, log: (line: string) => void, intervalMs = 2000): { stop(): Promise<void>; kick(): void } {
  let timer: NodeJS.Timeout | undefined
  let running: Promise<unknown> = Promise.resolve()
  let stopped = false
  const tick = () => {
    running = sendDueMail(db, transport, from, log)
      .catch((err: Error) => log(`mail worker: ${err.message}`))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs)
      })
  }
  timer = setTimeout(tick, intervalMs)
  return {
    kick() {
      if (timer) clearTimeout(timer)
      if (!stopped) timer = setTimeout(tick, 0)
    },
    async stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      await running
    },
  }
}
