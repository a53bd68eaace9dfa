/** One e-mail to send. */
export interface Mail {
  kind: string
  to: string
  subject: string
  body: string
  headers?: Record<string, string>
}
