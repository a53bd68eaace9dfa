/**
 * A backup or restore that was refused before it changed anything: a running server, a
 * damaged or changed backup, a target that holds data, a missing tool. The message says why
 * and what to do; the command line prints it without a stack trace.
 */
export class BackupRefused extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BackupRefused'
  }
}
