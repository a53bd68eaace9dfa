/** A photo sent as a multipart form (`photo`, with an optional `caption`), kept only when its row commits. */
import type { Context } from 'hono'
import { type AppEnv, HttpProblem, isMultipart, problems } from '../http/index.ts'
import { PhotoRejected, processPhoto } from './photo-processing.ts'
import { discardStaged, promoteCommitted } from './photo-store.ts'

const CAPTION_MAX = 300

/** The multipart form of a request, or 415. */
export async function formOf(c: Context<AppEnv>, what: string, field: string): Promise<FormData> {
  if (!isMultipart(c.req.header('Content-Type'))) throw new HttpProblem('unsupported-media-type', 415, `Send the ${what} as multipart/form-data under "${field}"`)
  return c.req.formData()
}

/** A text field of a form, trimmed; '' when absent. */
export function textField(form: FormData, name: string, max: number): string {
  const value = form.get(name)
  const text = typeof value === 'string' ? value.trim() : ''
  if (text.length > max || text.includes('\0')) throw problems.invalid(`Invalid body: ${name}`, [{ field: `body.${name}`, message: `must be text of at most ${max} characters` }])
  return text
}

/**
 * Re-encodes the form's photo without its metadata, stages it, and keeps it when `write` commits
 * its row; a refused or failed write leaves no file behind. A picture that is not one is a 422
 * naming `body.photo`. `write` also gets the form, for fields of its own, and the photo's size.
 */
export async function keepFormPhoto(c: Context<AppEnv>, write: (key: string, caption: string, form: FormData, size: { width: number; height: number }) => Promise<void>): Promise<void> {
  const form = await formOf(c, 'photo', 'photo')
  const file = form.get('photo')
  if (!(file instanceof File)) throw problems.invalid('Invalid body: photo', [{ field: 'body.photo', message: 'attach the photo under "photo"' }])
  const caption = textField(form, 'caption', CAPTION_MAX)
  const processed = await processPhoto(new Uint8Array(await file.arrayBuffer()), 'the photo').catch((err: unknown) => {
    throw err instanceof PhotoRejected ? new HttpProblem('invalid-input', 422, err.message, [{ field: 'body.photo', message: err.message }]) : err
  })
  const { store } = c.var.appeals
  const key = await store.stage(processed)
  try {
    await write(key, caption, form, { width: processed.width, height: processed.height })
  } catch (err) {
    await discardStaged(store, [key], err)
    throw err
  }
  await promoteCommitted(store, [key])
}
