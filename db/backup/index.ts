/** Backup and restore of an installation: its database (either engine) and its photos. */
export { backupInstallation, restoreInstallation, type Installation } from './backup.ts'
export { BackupRefused } from './backup-refused.ts'
export type { BackupFile, BackupManifest } from './manifest.ts'
