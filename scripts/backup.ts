/**
 * Backs up the installation (the database of either engine and the committed photos) into a
 * new folder, with a manifest of every file's size and SHA-256. The embedded engine is backed
 * up with the server stopped; PostgreSQL while it runs.
 *
 *   npm run backup -- <dir>
 *
 * Env: DATABASE_URL (unset: the embedded engine), HROMADA_DATA_DIR (default ./.data).
 * Exits 2 when refused (the reason is printed), 1 on any other failure.
 */
import { parseArgs } from 'node:util'
import { backupInstallation, BackupRefused } from '../db/backup/index.ts'

const { positionals } = parseArgs({ allowPositionals: true, options: {} })
const dir = positionals[0]
if (!dir || positionals.length > 1) {
  console.error('backup: name one folder for the backup: npm run backup -- <dir>')
  process.exit(2)
}
try {
  await backupInstallation(dir, {
    databaseUrl: process.env.DATABASE_URL || undefined,
    dataDir: process.env.HROMADA_DATA_DIR ?? './.data',
    log: (line) => console.log(line),
  })
} catch (err) {
  if (!(err instanceof BackupRefused)) throw err
  console.error(`backup refused: ${err.message}`)
  process.exit(2)
}
