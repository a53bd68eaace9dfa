/** The mail outbox: messages written with the change that causes them, sent by a worker over SMTP or into files. */
export { folderTransport, type Mail, smtpTransport, startMailWorker } from './outbox.ts'
export { enqueueMail } from './outbox.queries.ts'
